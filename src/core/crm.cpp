// Crm start-up: pragmas, migrations, device identity, and the clock resumed from the change log.
#include "core/crm.h"

#include "core/schema.h"
#include "core/uuid.h"

namespace core {

namespace {

std::string readSetting(storage::Database& db, const std::string& key) {
    storage::Statement s = db.prepare("SELECT value FROM settings WHERE key = ?");
    s.bind(1, key);
    return s.step() ? s.text(0) : std::string();
}

void writeSetting(storage::Database& db, const std::string& key, const std::string& value) {
    db.prepare("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, key).bind(2, value).run();
}

// Runs before any member that needs the schema is built, hence a free function in the initializer list.
std::string prepareDatabase(storage::Database& db) {
    db.exec("PRAGMA foreign_keys = ON");
    migrate(db);
    std::string id = readSetting(db, "device_id");
    if (id.empty()) {
        id = newUuid();
        writeSetting(db, "device_id", id);
    }
    return id;
}

}  // namespace

Crm::Crm(storage::Database& db, Clock& wall)
    : db_(db),
      deviceId_(prepareDatabase(db)),
      hlc_(wall, uint64_t(db.scalarInteger("SELECT coalesce(max(hlc), 0) FROM change_log"))),
      writes_(db, hlc_, deviceId_),
      customers_(db, writes_) {}

std::string Crm::deviceName() const { return readSetting(db_, "device_name"); }
void Crm::setDeviceName(const std::string& name) { writeSetting(db_, "device_name", name); }
int Crm::schemaVersion() const { return int(db_.scalarInteger("PRAGMA user_version")); }

}  // namespace core
