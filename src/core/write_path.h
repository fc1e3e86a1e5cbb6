// The one write path for synced data. Every change to a CRM record goes through WritePath::commit, which, in one
// SQLite transaction, writes the rows and appends one change-log entry per field (HLC, device, user) for sync,
// audit and undo. Services validate before they call it; UI code never calls it directly.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "storage/database.h"

namespace core {

struct FieldValue {
    std::string field;
    std::optional<std::string> value;  // nullopt writes SQL NULL
};

// A set of field writes to one record. Creating a record is writing its fields to a new id; deleting it is
// writing "deleted" = "1" (a tombstone that sync can carry); restoring is writing "deleted" = "0".
struct RecordChange {
    std::string entity;    // "customer"
    std::string recordId;  // UUID
    std::vector<FieldValue> fields;
};

class WritePath {
public:
    WritePath(storage::Database& db, HybridLogicalClock& clock, std::string deviceId);

    // Writes all changes atomically; returns the HLC stamped on them. Throws (and writes nothing) on any error.
    uint64_t commit(const std::vector<RecordChange>& changes, const std::string& user);

    const std::string& deviceId() const { return deviceId_; }

private:
    storage::Database& db_;
    HybridLogicalClock& clock_;
    std::string deviceId_;
};

}  // namespace core
