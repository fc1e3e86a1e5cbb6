// ConflictService: reads the conflicts table with the current value of each field; choose() goes through WritePath.
#include "core/conflict_service.h"

#include "core/entities.h"

namespace core {

// A column of the field's current version: its greatest logged change (see write_path.cpp, "ChangeWriter").
static std::string winner(const char* column) {
    return std::string("SELECT v.") + column + " FROM change_log v WHERE v.record_id = c.record_id AND "
           "v.entity = c.entity AND v.field = c.field ORDER BY v.hlc DESC, v.device DESC LIMIT 1";
}

std::vector<Conflict> ConflictService::list() const {
    storage::Statement s = db_.prepare(
        "SELECT c.entity, c.record_id, c.field, c.value, c.device, c.hlc, coalesce(p.name, ''), c.detected_at_ms, "
        "coalesce((" + winner("hlc") + "), 0), coalesce((" + winner("device") + "), '') FROM conflicts c "
        "LEFT JOIN peers p ON p.device = c.device ORDER BY c.detected_at_ms DESC, c.hlc DESC, c.device");
    std::vector<Conflict> out;
    while (s.step()) {
        Conflict c{s.text(0), s.text(1), std::string(), s.text(2), s.text(3), {uint64_t(s.integer(5)), s.text(4)},
                   s.text(6), s.integer(7), std::string(), {uint64_t(s.integer(8)), s.text(9)}};
        // Entity and field were checked by the write path that recorded the conflict.
        const EntityTable& t = *findEntity(c.entity);
        std::string name = findField(t, "name") ? "name" : "''";
        storage::Statement v =
            db_.prepare("SELECT " + c.field + ", " + name + " FROM " + t.table + " WHERE id = ?");
        v.bind(1, c.recordId);
        if (v.step()) {
            c.currentValue = v.text(0);
            c.recordName = v.text(1);
        }
        out.push_back(std::move(c));
    }
    return out;
}

int64_t ConflictService::count() const { return db_.scalarInteger("SELECT count(*) FROM conflicts"); }

void ConflictService::choose(const Conflict& conflict, const std::string& user) {
    writes_.commit({{conflict.entity, conflict.recordId, {{conflict.field, conflict.value}}}}, user);
}

void ConflictService::dismiss(const Conflict& conflict) {
    db_.prepare("DELETE FROM conflicts WHERE entity = ? AND record_id = ? AND field = ? AND device = ? AND hlc = ?")
        .bind(1, conflict.entity).bind(2, conflict.recordId).bind(3, conflict.field).bind(4, conflict.version.device)
        .bind(5, int64_t(conflict.version.hlc)).run();
}

void ConflictService::undoChoose(const Conflict& conflict, const std::string& user) {
    writes_.commit({{conflict.entity, conflict.recordId, {{conflict.field, conflict.currentValue}}}}, user);
    undoDismiss(conflict);
}

void ConflictService::undoDismiss(const Conflict& conflict) {
    db_.prepare("INSERT OR IGNORE INTO conflicts(entity, record_id, field, value, device, hlc, detected_at_ms) "
                "VALUES (?,?,?,?,?,?,?)")
        .bind(1, conflict.entity).bind(2, conflict.recordId).bind(3, conflict.field).bind(4, conflict.value)
        .bind(5, conflict.version.device).bind(6, int64_t(conflict.version.hlc)).bind(7, conflict.detectedAtMs).run();
}

}  // namespace core
