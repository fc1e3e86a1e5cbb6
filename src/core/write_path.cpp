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
#include "core/schema.h"

namespace core {

bool operator<(const Version& a, const Version& b) {
    return a.hlc != b.hlc ? a.hlc < b.hlc : a.device < b.device;
}
bool operator==(const Version& a, const Version& b) { return a.hlc == b.hlc && a.device == b.device; }

// ---- ChangeWriter ------------------------------------------------------------------------------------------------
// Every SQL statement of the write path, each prepared on first use and reused for the rest of the unit of work.
//
// The change log is stored as runs (schema 7, docs/storage.md "Change log"): one change_runs row holds consecutive
// changes of one origin device to one record that share their HLC and user: what one edit or one imported customer
// writes. Device ids are interned (devices.ref). A field's version is not stored apart: it is the greatest version
// among the record's logged changes to the field (a lost change is older than the winner by definition), read from
// the log when a record is opened. The view change_log shows the runs as one row per change.

struct FieldState {
    bool exists = false;  // the field has been written (it has a version)
    Version version;
    Version base;         // the base of the write that set the version
};

struct RecordState {
    bool exists = false;
    bool deleted = false;
};

// Appends `text` to `out` as a JSON string.
static void appendJsonString(std::string& out, std::string_view text) {
    static const char* const hex = "0123456789abcdef";
    out += '"';
    for (char ch : text) {
        unsigned char u = static_cast<unsigned char>(ch);
        if (ch == '"' || ch == '\\') out += '\\', out += ch;
        else if (u < 0x20) out += "\\u00", out += hex[u >> 4], out += hex[u & 15];
        else out += ch;
    }
    out += '"';
}

class ChangeWriter {
public:
    ChangeWriter(storage::Database& db, int64_t nowMs) : db_(db), nowMs_(nowMs), entities_(entityTables().size()) {
        anyConflicts_ = db.scalarInteger("SELECT EXISTS (SELECT 1 FROM conflicts)") != 0;
        storage::Statement s = db.prepare("SELECT ref, id FROM devices");
        while (s.step()) deviceRefs_[s.text(1)] = s.integer(0);
    }

    // True when the change is already in the log (same origin device and number): it is a duplicate.
    bool holds(const Change& c) {
        auto ref = deviceRefs_.find(c.version.device);
        if (ref == deviceRefs_.end()) return false;
        if (run_.count && run_.device == ref->second && c.deviceSeq >= run_.firstSeq &&
            c.deviceSeq < run_.firstSeq + run_.count)
            return true;
        storage::Statement& s = use(holds_, [] {
            return "SELECT first_seq + json_array_length(fields) FROM change_runs WHERE device = ? AND first_seq <= ? "
                   "ORDER BY first_seq DESC LIMIT 1";
        });
        s.bind(1, ref->second).bind(2, c.deviceSeq);
        return s.step() && c.deviceSeq < s.integer(0);
    }

    // Logs the change (a change of the open record). It joins the open run when it continues it.
    void appendToLog(const Change& c) {
        int64_t device = deviceRef(c.version.device);
        int64_t baseDevice = c.base.hlc ? deviceRef(c.base.device) : 0;
        bool continues = run_.count && run_.device == device && run_.hlc == c.version.hlc &&
                         run_.firstSeq + run_.count == c.deviceSeq && run_.user == c.user &&
                         run_.entity == c.entity && run_.recordId == c.recordId;
        if (!continues) {
            flushRun();
            run_.device = device, run_.hlc = c.version.hlc, run_.firstSeq = c.deviceSeq, run_.user = c.user;
            run_.entity = c.entity, run_.recordId = c.recordId;
            run_.fields = "[";
        }
        if (run_.count++) run_.fields += ',';
        run_.fields += '[';
        appendJsonString(run_.fields, c.field);
        run_.fields += ',';
        appendJsonString(run_.fields, c.value);
        if (c.base.hlc) run_.fields += ',' + std::to_string(c.base.hlc) + ',' + std::to_string(baseDevice);
        run_.fields += ']';
    }

    // The version of a field of the open record.
    FieldState field(const std::string& name) const {
        auto it = open_.versions.find(name);
        return it == open_.versions.end() ? FieldState{} : it->second;
    }

    // The newest version among the open record's fields other than the tombstone.
    Version newestEdit() const {
        Version newest;
        for (const auto& [name, state] : open_.versions)
            if (name != kDeletedField && newest < state.version) newest = state.version;
        return newest;
    }

    // Opens the record (the record of the changes that follow) and returns its state before them; a new record's
    // row is written by finish(). Consecutive changes to one record (the fields of a new customer) read
    // it once and write its row once: it stays open, holding the values written to it, until a change to another
    // record or finish().
    // `isNew`: the caller knows there is no such record (RecordChange::isNew), so it is not looked up.
    RecordState openRecord(const EntityTable& t, const std::string& recordId, bool isNew = false) {
        if (open_.table == &t && open_.id == recordId) return open_.state;
        finish();
        RecordState before;
        if (!isNew) {
            storage::Statement& s =
                use(of(t).record, [&] { return std::string("SELECT deleted FROM ") + t.table + " WHERE id = ?"; });
            s.bind(1, recordId);
            if (s.step()) before = {true, s.integer(0) != 0};
        }
        open_.table = &t;
        open_.id = recordId;
        open_.state = {true, before.deleted};
        open_.isNew = !before.exists;
        open_.written = 0;
        open_.values.resize(t.fields.size());
        open_.oldestMs = open_.newestMs = 0;
        open_.versions.clear();
        if (before.exists) loadVersions(t);  // a record without a row has no change logged
        return before;
    }

    // Notes the time of a change applied to the open record (for its created and updated times).
    void noteTime(uint64_t hlc) {
        int64_t ms = HybridLogicalClock::millisOf(hlc);
        open_.oldestMs = open_.oldestMs ? std::min(open_.oldestMs, ms) : ms;
        open_.newestMs = std::max(open_.newestMs, ms);
    }

    // Writes the open record's row: the values written to it, and its times. created_at_ms is the oldest change
    // seen for the record and updated_at_ms the newest, so both end up equal on every device that has seen the
    // same changes. A new record's row is inserted whole (each index entry written once); an existing one's UPDATE
    // names only the columns written: SQLite then leaves the indexes (and the search triggers) of the other columns
    // alone, which keeps a one-field edit to a few pages. Call before committing.
    //
    // Both say OR IGNORE although nothing can conflict (openRecord has looked the id up, or the caller vouched that
    // it is new; values are never NULL):
    // it tells SQLite that the statement cannot fail halfway, so it keeps no statement journal. Otherwise every
    // statement that fires a trigger copies each page it touches before changing it: a third of an import's time.
    // Statement-level rollback buys nothing here, as any error rolls the whole transaction back (storage::
    // Transaction); the row count check turns an ignored row (a "new" id that was there) into an error all the same.
    void finish() {
        flushRun();
        if (!open_.table) return;
        const EntityTable& t = *open_.table;
        const uint64_t written = open_.written;
        if (open_.isNew) {
            storage::Statement& s = use(of(t).insert[written], [&] {
                std::string columns = "id, created_at_ms, updated_at_ms", values = "?1, ?2, ?3";
                for (size_t i = 0; i < t.fields.size(); i++)
                    if (written >> i & 1)
                        columns += std::string(", ") + t.fields[i].name, values += ", ?" + std::to_string(i + 4);
                return std::string("INSERT OR IGNORE INTO ") + t.table + "(" + columns + ") VALUES (" + values + ")";
            });
            s.bind(1, open_.id).bind(2, open_.oldestMs).bind(3, open_.newestMs);
            for (size_t i = 0; i < t.fields.size(); i++)
                if (written >> i & 1) s.bind(int(i) + 4, open_.values[i]);
            s.run();
            checkRowWritten(t);
        } else {
            storage::Statement& s = use(of(t).update[written], [&] {
                std::string sql = std::string("UPDATE OR IGNORE ") + t.table + " SET ";
                for (size_t i = 0; i < t.fields.size(); i++)
                    if (written >> i & 1)
                        sql += std::string(t.fields[i].name) + " = ?" + std::to_string(i + 2) + ", ";
                std::string next = std::to_string(t.fields.size() + 2), last = std::to_string(t.fields.size() + 3);
                return sql + "created_at_ms = min(created_at_ms, ?" + next + "), updated_at_ms = max(updated_at_ms, ?" +
                       last + ") WHERE id = ?1";
            });
            s.bind(1, open_.id);
            for (size_t i = 0; i < t.fields.size(); i++)
                if (written >> i & 1) s.bind(int(i) + 2, open_.values[i]);
            s.bind(int(t.fields.size()) + 2, open_.oldestMs).bind(int(t.fields.size()) + 3, open_.newestMs).run();
            checkRowWritten(t);
        }
        open_.table = nullptr;
    }

    // The value a field of the open record holds now.
    std::string value(const std::string& name) {
        const EntityTable& t = *open_.table;
        size_t i = fieldIndex(t, name);
        if (open_.written >> i & 1) return open_.values[i];
        if (open_.isNew) return {};
        storage::Statement& s = use(of(t).read[i], [&] {
            return std::string("SELECT ") + name + " FROM " + t.table + " WHERE id = ?";
        });
        s.bind(1, open_.id);
        return s.step() ? s.text(0) : std::string();
    }

    // The change becomes the field's value and version (its record is the open one; the row is written by finish()).
    void write(const Change& c) {
        size_t i = fieldIndex(*open_.table, c.field);
        if (c.field == kDeletedField) open_.state.deleted = c.value == "1";
        open_.written |= uint64_t(1) << i;
        open_.values[i] = c.value;
        open_.versions[c.field] = {true, c.version, c.base};
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
        bool isNew = false;                  // it had no row before it was opened
        uint64_t written = 0;                // bit i: fields[i] was written since, its value is values[i]
        std::vector<std::string> values;
        std::map<std::string, FieldState> versions;  // of every field written, by name
        int64_t oldestMs = 0, newestMs = 0;  // of the changes applied to it (0: none yet)
    };

    // The changes logged since the last flush: one change_runs row to be.
    struct Run {
        int64_t count = 0;  // 0: no run is open
        int64_t device = 0, firstSeq = 0;
        uint64_t hlc = 0;
        std::string user, entity, recordId, fields;
    };

    // The statements of one entity's table: one per use, and one per field for reading it.
    struct EntityStatements {
        Slot record;
        std::map<uint64_t, Slot> insert, update;  // by the set of fields written (bit i: fields[i])
        std::vector<Slot> read;
    };

    void checkRowWritten(const EntityTable& t) const {
        if (db_.changes() != 1)
            throw storage::DatabaseError(0, std::string("the ") + t.entity + " " + open_.id + " was not written");
    }

    // The open record's field versions, from its logged changes.
    void loadVersions(const EntityTable& t) {
        storage::Statement& s = use(versions_, [] {
            return "SELECT field, hlc, device, base_hlc, base_device FROM change_log WHERE record_id = ? AND entity = ?";
        });
        s.bind(1, open_.id).bind(2, t.entity);
        while (s.step()) {
            Version v{uint64_t(s.integer(1)), s.text(2)};
            FieldState& f = open_.versions[s.text(0)];
            if (!f.exists || f.version < v) f = {true, v, {uint64_t(s.integer(3)), s.text(4)}};
        }
    }

    void flushRun() {
        if (!run_.count) return;
        run_.fields += ']';
        use(appendRun_, [] {
            return "INSERT INTO change_runs(hlc, device, first_seq, user_name, entity, record_id, fields) "
                   "VALUES (?,?,?,?,?,?,?)";
        })
            .bind(1, int64_t(run_.hlc)).bind(2, run_.device).bind(3, run_.firstSeq).bind(4, run_.user)
            .bind(5, run_.entity).bind(6, run_.recordId).bind(7, run_.fields).run();
        run_.count = 0;
    }

    int64_t deviceRef(const std::string& device) {
        auto it = deviceRefs_.find(device);
        if (it != deviceRefs_.end()) return it->second;
        use(addDevice_, [] { return "INSERT INTO devices(id) VALUES (?)"; }).bind(1, device).run();
        return deviceRefs_[device] = db_.lastInsertRowid();
    }

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
    std::map<std::string, int64_t> deviceRefs_;  // devices: id -> ref
    Slot holds_, appendRun_, addDevice_, versions_, closeConflicts_, addConflict_;
    std::vector<EntityStatements> entities_;  // in the order of entityTables()
    OpenRecord open_;
    Run run_;
};

int64_t lastLoggedSeq(storage::Database& db, const std::string& device) {
    storage::Statement s = db.prepare(
        "SELECT first_seq + json_array_length(fields) - 1 FROM change_runs "
        "WHERE device = (SELECT ref FROM devices WHERE id = ?) ORDER BY first_seq DESC LIMIT 1");
    s.bind(1, device);
    return s.step() ? s.integer(0) : 0;
}

// ---- local commit ------------------------------------------------------------------------------------------------

WritePath::WritePath(storage::Database& db, HybridLogicalClock& clock, std::string deviceId)
    : db_(db), clock_(clock), deviceId_(std::move(deviceId)) {
    prepareConnection(db);
}

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
    seq_ = lastLoggedSeq(writes.db_, writes.deviceId_);
}

WritePath::Batch::~Batch() = default;

uint64_t WritePath::Batch::add(const std::vector<RecordChange>& changes, const std::string& user) {
    for (const RecordChange& change : changes) checkRecordChange(change);
    uint64_t tick = writes_.clock_.tick();
    ChangeWriter& w = *writer_;
    for (const RecordChange& change : changes) {
        w.openRecord(*findEntity(change.entity), change.recordId, change.isNew);
        for (const FieldValue& f : change.fields) {
            Change c;
            c.version.device = writes_.deviceId_;
            c.deviceSeq = ++seq_;
            c.user = user;
            c.entity = change.entity;
            c.recordId = change.recordId;
            c.field = f.field;
            c.value = f.value;
            FieldState current = w.field(c.field);
            c.base = current.version;
            // Stamped after what it replaces even when that came from a clock ahead of ours (see clock.h).
            uint64_t after = current.version.hlc;
            if (f.field == kDeletedField) after = std::max(after, w.newestEdit().hlc);
            c.version.hlc = std::max(tick, after + 1);
            w.appendToLog(c);
            w.noteTime(c.version.hlc);
            w.write(c);
            w.closeConflicts(c, std::nullopt);  // a local write is the user's answer to the field's conflicts
        }
    }
    return tick;
}

void WritePath::Batch::commit() {
    writer_->finish();
    refreshSearchDocs(writes_.db_);
    tx_.commit();
    writes_.commits_++;
}

// ---- merge of remote changes -------------------------------------------------------------------------------------

WritePath::Merge::Merge(WritePath& writes)
    : writes_(writes), tx_(writes.db_), writer_(std::make_unique<ChangeWriter>(writes.db_, writes.clock_.wallMs())) {}

WritePath::Merge::~Merge() = default;

void WritePath::Merge::commit() {
    writer_->finish();
    refreshSearchDocs(writes_.db_);
    tx_.commit();
    writes_.commits_++;
    writes_.clock_.observe(newest_);  // later local writes order after what was merged (within the skew bound)
}

MergeOutcome WritePath::Merge::apply(const Change& c) {
    ChangeWriter& w = *writer_;
    MergeOutcome out;
    if (w.holds(c)) return out;
    newest_ = std::max(newest_, c.version.hlc);
    RecordState before = w.openRecord(*findEntity(c.entity), c.recordId);
    out.recordCreated = !before.exists;
    out.wasDeleted = before.deleted;
    w.appendToLog(c);
    w.noteTime(c.version.hlc);

    // Last writer wins. A conflict is a concurrent write of another value: the winner was written without
    // knowing the loser (its base is older than the loser).
    FieldState current = w.field(c.field);
    if (!current.exists || current.version < c.version) {
        out.result = MergeResult::Won;
        if (current.exists && c.base < current.version) {
            std::string mine = w.value(c.field);
            if (mine != c.value) out.conflicts += w.addConflict(c, c.field, mine, current.version);
        }
        w.write(c);
        w.closeConflicts(c, c.value);  // a losing value that has now won elsewhere is no longer a conflict
        // Delete rule: a delete hides the record even when another device edited it concurrently; the edit is
        // kept in the hidden record and recorded as a conflict whose losing value is deleted = "0" (restore).
        if (c.field == kDeletedField && c.value == "1") {
            Version edit = w.newestEdit();
            if (c.version < edit) out.conflicts += w.addConflict(c, kDeletedField, "0", edit);
        }
    } else {
        out.result = MergeResult::Lost;
        if (current.base < c.version && current.version != c.version && w.value(c.field) != c.value)
            out.conflicts += w.addConflict(c, c.field, c.value, c.version);
    }
    if (c.field != kDeletedField && before.deleted) {
        if (w.field(kDeletedField).version < c.version)
            out.conflicts += w.addConflict(c, kDeletedField, "0", c.version);
    }
    return out;
}

}  // namespace core
