// WritePath: rows + change log in one transaction. The entity table below is the single list of what may be
// written; a field not listed is refused, so no caller can write a column the change log does not describe.
#include "core/write_path.h"

#include <algorithm>
#include <cstring>

namespace core {

namespace {

struct EntityTable {
    const char* entity;
    const char* table;
    std::vector<const char*> fields;  // writable fields; "deleted" is the tombstone flag
};

const std::vector<EntityTable>& entityTables() {
    static const std::vector<EntityTable> tables = {
        {"customer", "customers", {"name", "company", "phone", "email", "city", "tags", "notes", "deleted"}},
    };
    return tables;
}

const EntityTable& tableFor(const std::string& entity) {
    for (const EntityTable& t : entityTables())
        if (entity == t.entity) return t;
    throw std::invalid_argument("unknown entity \"" + entity + "\"");
}

void checkField(const EntityTable& t, const std::string& field) {
    bool known = std::any_of(t.fields.begin(), t.fields.end(), [&](const char* f) { return field == f; });
    if (!known) throw std::invalid_argument(std::string("unknown field \"") + field + "\" of " + t.entity);
}

}  // namespace

WritePath::WritePath(storage::Database& db, HybridLogicalClock& clock, std::string deviceId)
    : db_(db), clock_(clock), deviceId_(std::move(deviceId)) {}

uint64_t WritePath::commit(const std::vector<RecordChange>& changes, const std::string& user) {
    for (const RecordChange& change : changes) {
        const EntityTable& t = tableFor(change.entity);
        for (const FieldValue& f : change.fields) checkField(t, f.field);
    }
    uint64_t hlc = clock_.tick();
    int64_t nowMs = HybridLogicalClock::millisOf(hlc);

    storage::Transaction tx(db_);
    storage::Statement log = db_.prepare(
        "INSERT INTO change_log(hlc, device, user_name, entity, record_id, field, value) VALUES (?,?,?,?,?,?,?)");
    for (const RecordChange& change : changes) {
        const EntityTable& t = tableFor(change.entity);
        // Make sure the row exists, then write each field. (Field names come from the fixed table above.)
        db_.prepare(std::string("INSERT OR IGNORE INTO ") + t.table + "(id, created_at_ms, updated_at_ms) VALUES (?,?,?)")
            .bind(1, change.recordId).bind(2, nowMs).bind(3, nowMs).run();
        for (const FieldValue& f : change.fields) {
            db_.prepare(std::string("UPDATE ") + t.table + " SET " + f.field + " = ?, updated_at_ms = ? WHERE id = ?")
                .bind(1, f.value).bind(2, nowMs).bind(3, change.recordId).run();
            log.reset();
            log.bind(1, int64_t(hlc)).bind(2, deviceId_).bind(3, user).bind(4, change.entity)
                .bind(5, change.recordId).bind(6, f.field).bind(7, f.value).run();
        }
    }
    tx.commit();
    return hlc;
}

}  // namespace core
