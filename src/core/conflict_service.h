// Conflicts kept for review: values that lost last-writer-wins to a concurrent write of another value, recorded by
// imports (WritePath::Merge). Choosing a losing value writes it again as a new local change, so it wins on every
// device; dismissing keeps the current value. Conflicts are this device's own notes and are never synced.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/write_path.h"
#include "storage/database.h"

namespace core {

struct Conflict {
    std::string entity;        // "customer"
    std::string recordId;
    std::string recordName;    // the record's "name" field, deleted or not ("" for entities without one)
    std::string field;         // "deleted" when an edit met a delete: the losing value "0" means "restore it"
    std::string value;         // the losing value
    Version version;           // who wrote it (device) and when (HLC)
    std::string deviceName;    // of version.device as peers know it ("" for this device or an unknown one)
    int64_t detectedAtMs = 0;  // when this device found it (its own clock)
    std::string currentValue;  // the value the field holds now
    Version current;           // and the write it came from
};

class ConflictService {
public:
    ConflictService(storage::Database& db, WritePath& writes) : db_(db), writes_(writes) {}

    std::vector<Conflict> list() const;  // newest found first
    int64_t count() const;
    // Writes the losing value as a new local change by `user`; every open conflict of that field is closed.
    void choose(const Conflict& conflict, const std::string& user);
    // Keeps the current value and closes this conflict.
    void dismiss(const Conflict& conflict);
    // Undo for the two above: the conflict is open again, and after choose() the field gets back the value it had.
    void undoChoose(const Conflict& conflict, const std::string& user);
    void undoDismiss(const Conflict& conflict);

private:
    storage::Database& db_;
    WritePath& writes_;
};

}  // namespace core
