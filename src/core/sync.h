// Sync between devices by files: which changes an export holds (everything, or what one device has not seen),
// importing a file through the one WritePath in one transaction, this device's version vector, and what it knows
// of the other devices (peers). It never writes CRM rows itself (WritePath::Merge does); the file format is
// sync_file.h, the rules docs/sync-format.md.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
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

    // The same import in steps, so an app can show progress on a large file and offer to cancel. The constructor
    // checks the whole file (throws SyncFileError, changing nothing) and opens the one transaction; step() merges
    // the next changes; commit() records the exchange and commits. Destroyed before commit(), it changes nothing.
    // Nothing else may write to the database while an Import is open.
    class Import {
    public:
        Import(Sync& sync, std::string_view text);
        ~Import();
        bool step(size_t maxChanges);  // merges up to maxChanges more; true once all are merged
        int64_t merged() const;        // changes of the file looked at so far
        int64_t total() const;         // changes in the file
        ImportSummary commit();        // call once step() returned true

    private:
        struct State;
        std::unique_ptr<State> state_;
    };

    std::vector<Peer> peers() const;                  // sorted by name, then id
    std::map<std::string, int64_t> versionVector();  // device -> every change numbered up to it is here

private:
    storage::Database& db_;
    WritePath& writes_;
    HybridLogicalClock& clock_;
    std::string deviceId_;
};

// Gives the database a new device id. Its changes under the old id stay in the change log as another device's, and
// this database still holds all of them (version vector), so they keep travelling. A restored backup must do this:
// other devices may hold changes the old id numbered after the backup was made (docs/sync-format.md, 9).
void takeNewDeviceIdentity(storage::Database& db);

}  // namespace core
