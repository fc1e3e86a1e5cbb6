// Restoring a backup: checking a file the user picked before anything is replaced. checkBackup() refuses anything
// but a sound FieldCRM database this app can open (one clear line why), brings a good one up to this app's schema
// and gives it a new device id (docs/sync-format.md, "Known limits"), all in a private in-memory copy. Putting the
// checked copy in place is the platform's job (platform/app_database.h); nothing here touches the open database.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/database.h"

namespace core {

// What is wrong with a backup file, in one line for the user; nothing has been changed.
struct BackupError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct CheckedBackup {
    std::unique_ptr<storage::Database> database;  // the backup's data, ready to replace the open database
    int64_t fileBytes = 0;
    int fileSchemaVersion = 0;   // as it was in the file (the copy is now at latestSchemaVersion())
    std::string deviceName;      // of the device the backup was made on
    std::string formerDeviceId;  // its device id; the copy has a new one
    int64_t customers = 0;       // live customers in the backup
    int64_t newestChangeMs = 0;  // when the newest change it holds was made (0: it holds none)
};

CheckedBackup checkBackup(const std::vector<uint8_t>& file);

}  // namespace core
