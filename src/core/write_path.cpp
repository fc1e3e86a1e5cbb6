// WritePath: rows, per-field versions, change log and conflicts, for local and imported changes alike.
// Only entities and fields listed in entities.h are written; table and column names come from there, never
// from callers or files. The merge rules themselves are documented in docs/sync-format.md ("Merging").
//
// Index: ChangeWriter (the statements, prepared once per unit of work) · local commit · merge of remote changes
#include "core/write_path.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <utility>

#include "core/entities.h"

namespace core {

bool operator<(const Version& a, const Version& b) {
    return a.hlc != b.hlc ? a.hlc < b.hlc : a.device < b.device;
}
bool operator==(const Version& a, const Version& b) { return a.hlc == b.hlc && a.device == b.device; }

// ---- ChangeWriter ------------------------------------------------------------------------------------------------
// Every SQL statement of the write path, each prepared on first use and reused for the rest of the unit of work.

struct FieldState {
    bool exists = false;  // the field has been written (it has a version)
    Version version;
    Version base;         // the base of the write that set the version
};

struct RecordState {
    bool exists = false;
    bool deleted = false;
};

class ChangeWriter {
public:
    ChangeWriter(storage::Database& db, int64_t nowMs) : db_(db), nowMs_(nowMs), entities_(entityTables().size()) {
        anyConflicts_ = db.scalarInteger("SELECT EXISTS (SELECT 1 FROM conflicts)") != 0;
    }

    int64_t lastSeqOf(const std::string& device) {
        storage::Statement& s = use(lastSeq_, [] {
            return "SELECT coalesce(max(device_seq), 0) FROM change_log WHERE device = ?";
        });
        s.bind(1, device);
        return s.step() ? s.integer(0) : 0;
    }

    // False when the change is already in the log (same origin device and number): it is a duplicate.
    bool appendToLog(const Change& c) {
        use(appendLog_, [] {
            return "INSERT OR IGNORE INTO change_log(hlc, device, device_seq, user_name, entity, record_id, field, "
                   "value, base_hlc, base_device) VALUES (?,?,?,?,?,?,?,?,?,?)";
        })
            .bind(1, int64_t(c.version.hlc)).bind(2, c.version.device).bind(3, c.deviceSeq).bind(4, c.user)
            .bind(5, c.entity).bind(6, c.recordId).bind(7, c.field).bind(8, c.value)
            .bind(9, int64_t(c.base.hlc)).bind(10, c.base.device).run();
        return db_.changes() == 1;
    }

    // The version of one field of the change's record (`name` is c.field or another field of the record).
    FieldState field(const Change& c, const std::string& name) {
        // A record new in this unit of work has versions only for the fields written to it since.
        bool openAndNew = open_.table && open_.isNew && open_.id == c.recordId;
        if (openAndNew && !(open_.written >> fieldIndex(*open_.table, name) & 1)) return {};
        storage::Statement& s = use(fieldVersion_, [] {
            return "SELECT hlc, device, base_hlc, base_device FROM field_versions "
                   "WHERE entity = ? AND record_id = ? AND field = ?";
        });
        s.bind(1, c.entity).bind(2, c.recordId).bind(3, name);
        FieldState out;
        if (s.step()) out = {true, {uint64_t(s.integer(0)), s.text(1)}, {uint64_t(s.integer(2)), s.text(3)}};
        return out;
    }

    // The newest version among the record's fields other than the tombstone.
    Version newestEdit(const Change& c) {
        storage::Statement& s = use(newestEdit_, [] {
            return "SELECT hlc, device FROM field_versions WHERE entity = ? AND record_id = ? AND field <> ? "
                   "ORDER BY hlc DESC, device DESC LIMIT 1";
        });
        s.bind(1, c.entity).bind(2, c.recordId).bind(3, kDeletedField);
        return s.step() ? Version{uint64_t(s.integer(0)), s.text(1)} : Version{};
    }

    // The state of the change's record before the change; the row is created on the record's first change.
    // Consecutive changes to one record (the fields of a new customer) read it once and write its row once: it
    // stays open, holding the values written to it, until a change to another record or finish().
    RecordState openRecord(const EntityTable& t, const Change& c) {
        int64_t ms = HybridLogicalClock::millisOf(c.version.hlc);
        if (open_.table == &t && open_.id == c.recordId) {
            open_.oldestMs = std::min(open_.oldestMs, ms);
            open_.newestMs = std::max(open_.newestMs, ms);
            return open_.state;
        }
        finish();
        storage::Statement& s =
            use(of(t).record, [&] { return std::string("SELECT deleted FROM ") + t.table + " WHERE id = ?"; });
        s.bind(1, c.recordId);
        RecordState before;
        if (s.step()) before = {true, s.integer(0) != 0};
        if (!before.exists)
            use(of(t).insert, [&] {
                return std::string("INSERT INTO ") + t.table + "(id, created_at_ms, updated_at_ms) VALUES (?, ?, ?)";
            })
                .bind(1, c.recordId).bind(2, ms).bind(3, ms).run();
        open_.table = &t;
        open_.id = c.recordId;
        open_.state = {true, before.deleted};
        open_.isNew = !before.exists;
        open_.written = 0;
        open_.values.resize(t.fields.size());
        open_.oldestMs = open_.newestMs = ms;
        return before;
    }

    // Writes the open record's row: the values written to it, and its times. created_at_ms is the oldest change
    // seen for the record and updated_at_ms the newest, so both end up equal on every device that has seen the
    // same changes. Call before committing. The UPDATE names only the columns written: SQLite then leaves the
    // indexes (and the search triggers) of the other columns alone, which keeps a one-field edit to a few pages.
    void finish() {
        if (!open_.table) return;
        const EntityTable& t = *open_.table;
        const uint64_t written = open_.written;
        storage::Statement& s = use(of(t).update[written], [&] {
            std::string sql = std::string("UPDATE ") + t.table + " SET ";
            for (size_t i = 0; i < t.fields.size(); i++)
                if (written >> i & 1) sql += std::string(t.fields[i].name) + " = ?" + std::to_string(i + 2) + ", ";
            std::string next = std::to_string(t.fields.size() + 2), last = std::to_string(t.fields.size() + 3);
            return sql + "created_at_ms = min(created_at_ms, ?" + next + "), updated_at_ms = max(updated_at_ms, ?" +
                   last + ") WHERE id = ?1";
        });
        s.bind(1, open_.id);
        for (size_t i = 0; i < t.fields.size(); i++)
            if (written >> i & 1) s.bind(int(i) + 2, open_.values[i]);
        s.bind(int(t.fields.size()) + 2, open_.oldestMs).bind(int(t.fields.size()) + 3, open_.newestMs).run();
        open_.table = nullptr;
    }

    // The value the field of the change's record holds now.
    std::string value(const EntityTable& t, const Change& c) {
        size_t i = fieldIndex(t, c.field);
        if (open_.table == &t && open_.id == c.recordId && (open_.written >> i & 1)) return open_.values[i];
        storage::Statement& s = use(of(t).read[i], [&] {
            return std::string("SELECT ") + c.field + " FROM " + t.table + " WHERE id = ?";
        });
        s.bind(1, c.recordId);
        return s.step() ? s.text(0) : std::string();
    }

    // The change becomes the field's value and version (its record is the open one; the row is written by finish()).
    void write(const EntityTable& t, const Change& c) {
        size_t i = fieldIndex(t, c.field);
        if (c.field == kDeletedField) open_.state.deleted = c.value == "1";
        open_.written |= uint64_t(1) << i;
        open_.values[i] = c.value;
        use(writeVersion_, [] {
            return "INSERT INTO field_versions(entity, record_id, field, hlc, device, base_hlc, base_device) "
                   "VALUES (?,?,?,?,?,?,?) ON CONFLICT(entity, record_id, field) DO UPDATE SET hlc = excluded.hlc, "
                   "device = excluded.device, base_hlc = excluded.base_hlc, base_device = excluded.base_device";
        })
            .bind(1, c.entity).bind(2, c.recordId).bind(3, c.field).bind(4, int64_t(c.version.hlc))
            .bind(5, c.version.device).bind(6, int64_t(c.base.hlc)).bind(7, c.base.device).run();
    }

    // Closes the field's open conflicts whose losing value is `value` (every one of them when nullopt).
    void closeConflicts(const Change& c, const std::optional<std::string>& value) {
        if (!anyConflicts_) return;
        use(closeConflicts_, [] {
            return "DELETE FROM conflicts WHERE entity = ?1 AND record_id = ?2 AND field = ?3 "
                   "AND (?4 IS NULL OR value = ?4)";
        })
            .bind(1, c.entity).bind(2, c.recordId).bind(3, c.field).bind(4, value).run();
    }

    // Keeps a losing value for review; returns 1 when it is new, 0 when this device already knew it.
    int addConflict(const Change& c, const std::string& field, const std::string& value, const Version& loser) {
        use(addConflict_, [] {
            return "INSERT OR IGNORE INTO conflicts(entity, record_id, field, value, device, hlc, detected_at_ms) "
                   "VALUES (?,?,?,?,?,?,?)";
        })
            .bind(1, c.entity).bind(2, c.recordId).bind(3, field).bind(4, value).bind(5, loser.device)
            .bind(6, int64_t(loser.hlc)).bind(7, nowMs_).run();
        anyConflicts_ = true;
        return int(db_.changes());
    }

private:
    using Slot = std::unique_ptr<storage::Statement>;

    // The record the last change touched.
    struct OpenRecord {
        const EntityTable* table = nullptr;  // nullptr: none is open
        std::string id;
        RecordState state;                   // as the changes so far left it
        bool isNew = false;                  // it did not exist before it was opened
        uint64_t written = 0;                // bit i: fields[i] was written since, its value is values[i]
        std::vector<std::string> values;
        int64_t oldestMs = 0, newestMs = 0;  // of the changes applied to it
    };

    // The statements of one entity's table: one per use, and one per field for reading and writing it.
    struct EntityStatements {
        Slot record, insert;
        std::map<uint64_t, Slot> update;  // by the set of fields written (bit i: fields[i])
        std::vector<Slot> read;
    };

    // A statement is prepared on its first use (only then is its SQL built) and reset before every use.
    template <class MakeSql>
    storage::Statement& use(Slot& slot, MakeSql makeSql) {
        if (!slot) slot = std::make_unique<storage::Statement>(db_.prepare(makeSql()));
        slot->reset();
        return *slot;
    }

    EntityStatements& of(const EntityTable& t) {
        EntityStatements& e = entities_[size_t(&t - entityTables().data())];
        if (e.read.empty()) e.read.resize(t.fields.size());
        return e;
    }

    static size_t fieldIndex(const EntityTable& t, const std::string& field) {
        return size_t(findField(t, field) - t.fields.data());
    }

    storage::Database& db_;
    int64_t nowMs_;
    bool anyConflicts_ = false;
    Slot lastSeq_, appendLog_, fieldVersion_, newestEdit_, writeVersion_, closeConflicts_, addConflict_;
    std::vector<EntityStatements> entities_;  // in the order of entityTables()
    OpenRecord open_;
};

// ---- local commit ------------------------------------------------------------------------------------------------

WritePath::WritePath(storage::Database& db, HybridLogicalClock& clock, std::string deviceId)
    : db_(db), clock_(clock), deviceId_(std::move(deviceId)) {}

static void checkRecordChange(const RecordChange& change) {
    const EntityTable* t = findEntity(change.entity);
    if (!t) throw std::invalid_argument("unknown entity \"" + change.entity + "\"");
    std::set<std::string> seen;
    for (const FieldValue& f : change.fields) {
        const EntityField* field = findField(*t, f.field);
        if (!field) throw std::invalid_argument("unknown field \"" + f.field + "\" of " + change.entity);
        std::string error = valueError(*field, f.value);
        if (!error.empty()) throw std::invalid_argument(change.entity + "." + f.field + " " + error);
        if (!seen.insert(f.field).second)
            throw std::invalid_argument("field \"" + f.field + "\" written twice in one change");
    }
}

uint64_t WritePath::commit(const std::vector<RecordChange>& changes, const std::string& user) {
    Batch batch(*this);
    uint64_t tick = batch.add(changes, user);
    batch.commit();
    return tick;
}

WritePath::Batch::Batch(WritePath& writes)
    : writes_(writes), tx_(writes.db_), writer_(std::make_unique<ChangeWriter>(writes.db_, writes.clock_.wallMs())) {
    seq_ = writer_->lastSeqOf(writes.deviceId_);
}

WritePath::Batch::~Batch() = default;

uint64_t WritePath::Batch::add(const std::vector<RecordChange>& changes, const std::string& user) {
    for (const RecordChange& change : changes) checkRecordChange(change);
    uint64_t tick = writes_.clock_.tick();
    ChangeWriter& w = *writer_;
    for (const RecordChange& change : changes) {
        const EntityTable& t = *findEntity(change.entity);
        for (const FieldValue& f : change.fields) {
            Change c;
            c.version.device = writes_.deviceId_;
            c.deviceSeq = ++seq_;
            c.user = user;
            c.entity = change.entity;
            c.recordId = change.recordId;
            c.field = f.field;
            c.value = f.value;
            FieldState current = w.field(c, c.field);
            c.base = current.version;
            // Stamped after what it replaces even when that came from a clock ahead of ours (see clock.h).
            uint64_t after = current.version.hlc;
            if (f.field == kDeletedField) after = std::max(after, w.newestEdit(c).hlc);
            c.version.hlc = std::max(tick, after + 1);
            w.appendToLog(c);
            w.openRecord(t, c);
            w.write(t, c);
            w.closeConflicts(c, std::nullopt);  // a local write is the user's answer to the field's conflicts
        }
    }
    return tick;
}

void WritePath::Batch::commit() {
    writer_->finish();
    tx_.commit();
    writes_.commits_++;
}

// ---- merge of remote changes -------------------------------------------------------------------------------------

WritePath::Merge::Merge(WritePath& writes)
    : writes_(writes), tx_(writes.db_), writer_(std::make_unique<ChangeWriter>(writes.db_, writes.clock_.wallMs())) {}

WritePath::Merge::~Merge() = default;

void WritePath::Merge::commit() {
    writer_->finish();
    tx_.commit();
    writes_.commits_++;
    writes_.clock_.observe(newest_);  // later local writes order after what was merged (within the skew bound)
}

MergeOutcome WritePath::Merge::apply(const Change& c) {
    ChangeWriter& w = *writer_;
    MergeOutcome out;
    if (!w.appendToLog(c)) return out;
    newest_ = std::max(newest_, c.version.hlc);
    const EntityTable& t = *findEntity(c.entity);
    RecordState before = w.openRecord(t, c);
    out.recordCreated = !before.exists;
    out.wasDeleted = before.deleted;

    // Last writer wins. A conflict is a concurrent write of another value: the winner was written without
    // knowing the loser (its base is older than the loser).
    FieldState current = w.field(c, c.field);
    if (!current.exists || current.version < c.version) {
        out.result = MergeResult::Won;
        if (current.exists && c.base < current.version) {
            std::string mine = w.value(t, c);
            if (mine != c.value) out.conflicts += w.addConflict(c, c.field, mine, current.version);
        }
        w.write(t, c);
        w.closeConflicts(c, c.value);  // a losing value that has now won elsewhere is no longer a conflict
        // Delete rule: a delete hides the record even when another device edited it concurrently; the edit is
        // kept in the hidden record and recorded as a conflict whose losing value is deleted = "0" (restore).
        if (c.field == kDeletedField && c.value == "1") {
            Version edit = w.newestEdit(c);
            if (c.version < edit) out.conflicts += w.addConflict(c, kDeletedField, "0", edit);
        }
    } else {
        out.result = MergeResult::Lost;
        if (current.base < c.version && current.version != c.version && w.value(t, c) != c.value)
            out.conflicts += w.addConflict(c, c.field, c.value, c.version);
    }
    if (c.field != kDeletedField && before.deleted) {
        if (w.field(c, kDeletedField).version < c.version)
            out.conflicts += w.addConflict(c, kDeletedField, "0", c.version);
    }
    return out;
}

}  // namespace core
