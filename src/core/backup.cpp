// checkBackup: the file header, SQLite's integrity check, the schema version and FieldCRM's own tables, in that
// order, so a truncated, foreign or newer file is named as such before its contents are looked at; then migrations
// and a new device identity on the private copy.
#include "core/backup.h"

#include <cstring>

#include "core/clock.h"
#include "core/schema.h"
#include "core/settings.h"
#include "core/sync.h"

namespace core {

namespace {

constexpr size_t kHeaderBytes = 100;

uint32_t bigEndian(const std::vector<uint8_t>& b, size_t at, size_t bytes) {
    uint32_t out = 0;
    for (size_t i = 0; i < bytes; i++) out = out << 8 | b[at + i];
    return out;
}

// The SQLite header (https://www.sqlite.org/fileformat.html, "The Database Header"): magic, page size, and the
// page count, which can be trusted when the "version valid for" number matches the change counter.
void checkHeader(const std::vector<uint8_t>& file) {
    if (file.empty()) throw BackupError("the file is empty");
    if (file.size() < kHeaderBytes || std::memcmp(file.data(), "SQLite format 3\0", 16) != 0)
        throw BackupError("this is not a FieldCRM backup: it is not an SQLite database file");
    uint32_t pageSize = bigEndian(file, 16, 2);
    if (pageSize == 1) pageSize = 65536;
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) != 0)
        throw BackupError("the backup file is damaged: its header names no valid page size");
    uint32_t pages = bigEndian(file, 28, 4);
    bool pagesKnown = bigEndian(file, 92, 4) == bigEndian(file, 24, 4) && pages > 0;
    uint64_t expected = pagesKnown ? uint64_t(pages) * pageSize : 0;
    if (file.size() % pageSize != 0 || file.size() < expected)
        throw BackupError("the backup file is truncated: it has " + std::to_string(file.size()) + " bytes" +
                          (expected ? " of the " + std::to_string(expected) + " its header announces" : "") +
                          "; it may have been cut off while it was copied");
}

bool hasTableOrView(storage::Database& db, const char* name) {
    storage::Statement s = db.prepare("SELECT 1 FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ?");
    s.bind(1, name);
    return s.step();
}

}  // namespace

CheckedBackup checkBackup(const std::vector<uint8_t>& file) {
    checkHeader(file);
    std::vector<uint8_t> image = file;
    // A database copied while in WAL mode (the command-line tool's) is read as a rollback-journal one: the copy
    // has no WAL file beside it, and the page store keeps no WAL either.
    if (image[18] == 2 || image[19] == 2) image[18] = image[19] = 1;

    CheckedBackup out;
    out.fileBytes = int64_t(file.size());
    try {
        out.database = storage::Database::fromImage(image);
        std::string integrity = out.database->integrityCheck();
        if (integrity != "ok")
            throw BackupError("the backup file is damaged (SQLite's integrity check: " +
                              integrity.substr(0, integrity.find('\n')) + ")");
        out.fileSchemaVersion = int(out.database->scalarInteger("PRAGMA user_version"));
    } catch (const storage::DatabaseError& e) {
        throw BackupError(std::string("the backup file is damaged (") + e.what() + ")");
    }
    storage::Database& db = *out.database;
    if (out.fileSchemaVersion > latestSchemaVersion())
        throw BackupError("the backup was made by a newer FieldCRM (database schema " +
                          std::to_string(out.fileSchemaVersion) + "; this app knows " +
                          std::to_string(latestSchemaVersion()) + "): update this app first");
    if (out.fileSchemaVersion < 1 || !hasTableOrView(db, "settings") || !hasTableOrView(db, "customers") ||
        !hasTableOrView(db, "change_log") || Settings(db).get("device_id").empty())
        throw BackupError("this SQLite file is not a FieldCRM database (it has no FieldCRM customers and device)");

    try {
        migrate(db);
        out.formerDeviceId = Settings(db).get("device_id");
        out.deviceName = Settings(db).get("device_name");
        takeNewDeviceIdentity(db);
        out.customers = db.scalarInteger("SELECT count(*) FROM customers WHERE deleted = 0");
        out.newestChangeMs = HybridLogicalClock::millisOf(uint64_t(db.scalarInteger("SELECT coalesce(max(hlc), 0) FROM change_runs")));
    } catch (const storage::DatabaseError& e) {
        throw BackupError(std::string("the backup could not be brought up to this app's version (") + e.what() + ")");
    }
    return out;
}

}  // namespace core
