// Native twin of app_database: the database is a plain SQLite file, saved by SQLite itself on every commit;
// a restore replaces its contents in place.
#include "platform/app_database.h"

#include <filesystem>
#include <system_error>

namespace platform {

static std::string openedPath;

std::unique_ptr<storage::Database> openAppDatabase(const std::string& name) {
    auto db = std::make_unique<storage::Database>(name);
    db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    openedPath = name;
    return db;
}

PersistenceStatus persistenceStatus() {
    // SQLite has written the file before a commit returns, so nothing is ever pending here.
    PersistenceStatus status;
    std::error_code ignored;
    auto bytes = std::filesystem::file_size(openedPath, ignored);
    status.storedBytes = ignored ? 0 : int64_t(bytes);
    return status;
}

StorageInfo storageInfo() {
    StorageInfo info;
    info.persistenceKnown = info.persistent = true;  // a file on disk stays until someone deletes it
    info.usageBytes = persistenceStatus().storedBytes;
    return info;
}

// A file on disk has no second copy to keep: SQLite replaces the contents in one transaction (WAL), so a failure
// leaves the file as it was, and the next open simply finds the restored data.
void restoreDatabase(storage::Database& live, std::unique_ptr<storage::Database> image, std::string) {
    live.replaceContentsWith(*image);
}

RestoreStatus restoreStatus() { return {}; }
bool restoredDatabaseUnproven() { return false; }
void confirmRestoredDatabase() {}
void revertRestoredDatabase(const std::string&) {}
std::string takeStartNotice() { return {}; }

}  // namespace platform
