// The one write path for synced data. Local edits (WritePath::commit) and changes imported from other devices
// (WritePath::Merge) both end here: rows, per-field versions, change log and conflicts are written together in
// one SQLite transaction. Services validate before they call it; UI code and sync files never write rows themselves.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "storage/database.h"

namespace core {

// Which write a field value came from. Versions are totally ordered by (hlc, device): the greater one wins.
struct Version {
    uint64_t hlc = 0;     // 0: no version (a field never written)
    std::string device;   // device id (UUID) of the writer
};
bool operator<(const Version& a, const Version& b);
bool operator==(const Version& a, const Version& b);

// One field write, as the change log stores it and sync files carry it.
struct Change {
    Version version;      // origin HLC and origin device: never changes as the change travels
    int64_t deviceSeq = 0;  // the origin device's running number for its changes (1, 2, 3 …)
    std::string user;
    std::string entity;   // "customer" (see entities.h)
    std::string recordId; // UUID
    std::string field;
    std::string value;
    Version base;         // the version this write replaced on its origin device (hlc 0: the field was unset)
};

// A set of field writes to one record. Creating a record is writing its fields to a new id; deleting it is
// writing "deleted" = "1" (a tombstone that sync can carry); restoring is writing "deleted" = "0".
struct FieldValue {
    std::string field;
    std::string value;
};

struct RecordChange {
    std::string entity;    // "customer"
    std::string recordId;  // UUID
    std::vector<FieldValue> fields;
    // The caller made the id just now (newUuid(), or a link of a record so made): the write path does not look the
    // record up. A row already there makes the commit fail instead of being overwritten.
    bool isNew = false;
};

enum class MergeResult {
    Known,  // already in the change log (a duplicate): nothing was done
    Won,    // newer than the field's version: the row now holds this value
    Lost,   // older than the field's version: logged (for relaying and history), the row is unchanged
};

struct MergeOutcome {
    MergeResult result = MergeResult::Known;
    bool recordCreated = false;  // the record did not exist on this device before this change
    bool wasDeleted = false;     // the record's tombstone just before this change
    int conflicts = 0;           // conflicts this change recorded
};

class ChangeWriter;

// The highest origin number of `device`'s changes in the log (0: none).
int64_t lastLoggedSeq(storage::Database& db, const std::string& device);

class WritePath {
public:
    WritePath(storage::Database& db, HybridLogicalClock& clock, std::string deviceId);

    // Writes all changes atomically as this device; returns the HLC tick of the commit. Each field is stamped
    // after the version it replaces (and a delete after every version of its record), so a local write always
    // wins over what it overwrote. Throws (and writes nothing) on an unknown entity or field or a bad value.
    uint64_t commit(const std::vector<RecordChange>& changes, const std::string& user);

    // Local writes in several steps that become visible together, or not at all (a long import: the caller adds
    // a chunk per frame so the UI stays responsive). Nothing is kept unless commit() is called; no other write
    // may start while a Batch is open.
    class Batch {
    public:
        explicit Batch(WritePath& writes);
        ~Batch();
        // Checks and writes `changes` as one step (one HLC tick). Throws before writing anything when a change is
        // bad; after any throw the batch is to be abandoned (destroying it rolls everything back).
        uint64_t add(const std::vector<RecordChange>& changes, const std::string& user);
        void commit();

    private:
        WritePath& writes_;
        storage::Transaction tx_;
        std::unique_ptr<ChangeWriter> writer_;
        int64_t seq_ = 0;
    };

    // Applies changes from other devices in one transaction, with statements prepared once for all of them.
    // Changes must already be checked (readSyncFile does it). Nothing is kept unless commit() is called.
    class Merge {
    public:
        explicit Merge(WritePath& writes);
        ~Merge();
        MergeOutcome apply(const Change& change);
        void commit();

    private:
        WritePath& writes_;
        storage::Transaction tx_;
        std::unique_ptr<ChangeWriter> writer_;
        uint64_t newest_ = 0;  // the newest HLC merged, for the clock to observe at commit
    };

    const std::string& deviceId() const { return deviceId_; }
    // How many units of work (commits, batches, merges) have been committed since start: what a copy of the data
    // compares to know it is still current.
    uint64_t commits() const { return commits_; }

private:
    storage::Database& db_;
    HybridLogicalClock& clock_;
    std::string deviceId_;
    uint64_t commits_ = 0;
};

}  // namespace core
