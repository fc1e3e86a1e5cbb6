// Settings: one row per key in the settings table (schema migration 1).
#include "core/settings.h"

namespace core {

std::string Settings::get(const std::string& key) const {
    storage::Statement s = db_.prepare("SELECT value FROM settings WHERE key = ?");
    s.bind(1, key);
    return s.step() ? s.text(0) : std::string();
}

void Settings::set(const std::string& key, const std::string& value) {
    db_.prepare("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, key).bind(2, value).run();
}

}  // namespace core
