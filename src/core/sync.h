// Sync between devices by files: which changes an export holds (everything, or what one device has not seen),
// importing a file through the one WritePath in one transaction, this device's version vector, and what it knows
// of the other devices (peers). It never writes CRM rows itself (WritePath::Merge does); the file format is
// sync_file.h, the rules docs/sync-format.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/settings.h"
#include "core/write_path.h"
#include "storage/database.h"

namespace core {

// What an import did, counted in records, for the changes one device made (or for all of them).
struct ImportCounts {
    int64_t changes = 0;    // changes new to this device (the rest of the file was already here)
    int64_t created = 0;    // records this device had not seen before
    int64_t updated = 0;    // records it had that got a new value in a visible field
    int64_t deleted = 0;    // records that were live and are now deleted
    int64_t restored = 0;   // records that were deleted and are live again
    int64_t conflicts = 0;  // conflicts recorded for review
    int64_t oldestMs = 0;   // when the oldest and newest of those changes were made (origin clock); 0: none
    int64_t newestMs = 0;
};

struct DeviceImportCounts {
    std::string device;
    std::string name;
    ImportCounts counts;
};

struct ImportSummary {
    std::string fromDevice;       // the exporter
    std::string fromName;
    int64_t exportedAtMs = 0;     // the exporter's clock
    int64_t changesInFile = 0;
    int64_t aheadOfClock = 0;     // new changes stamped more than kMaxClockAheadMs ahead of this device's clock
    ImportCounts total;
    std::vector<DeviceImportCounts> byDevice;  // one entry per device that made new changes, sorted by id
};

struct SyncExport {
    std::string text;     // the sync file
    int64_t changes = 0;  // how many changes it holds
};

// Another device this one has exchanged files with, or heard of through them.
struct Peer {
    std::string device;
    std::string name;
    std::optional<int64_t> lastImportAtMs;  // when a file it exported was last imported here (this device's clock)
    std::optional<int64_t> lastExportAtMs;  // when a file was last exported here for it
};

class Sync {
public:
    Sync(storage::Database& db, WritePath& writes, HybridLogicalClock& clock, std::string deviceId);

    // Everything this device holds (forDevice empty), or what forDevice has not seen as far as its last file
    // told us (everything when no file of it has been imported yet).
    SyncExport exportFile(const std::string& forDevice = std::string());

    // Checks the whole file first (throws SyncFileError, changing nothing): its contents, and that it leaves no hole
    // (a file exported for another device may start after changes this one lacks). Then merges it in one transaction.
    ImportSummary importFile(std::string_view text);

    std::vector<Peer> peers() const;                  // sorted by name, then id
    std::map<std::string, int64_t> versionVector();  // device -> every change numbered up to it is here

private:
    storage::Database& db_;
    WritePath& writes_;
    HybridLogicalClock& clock_;
    std::string deviceId_;
};

}  // namespace core
