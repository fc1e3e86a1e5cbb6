// This device's own settings (its id, its name, …): small key/value pairs that are never synced.
// Synced data never goes here; it goes through WritePath.
#pragma once

#include <string>

#include "storage/database.h"

namespace core {

class Settings {
public:
    explicit Settings(storage::Database& db) : db_(db) {}
    std::string get(const std::string& key) const;  // "" when unset
    void set(const std::string& key, const std::string& value);

private:
    storage::Database& db_;
};

}  // namespace core
