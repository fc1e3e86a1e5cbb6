// Sync: export queries over the change log, import through WritePath::Merge, and the bookkeeping that makes
// incremental files safe (version_vector, peer_versions) and tells the UI about the last exchange (peers).
// The rules behind "seen" and "from" are in docs/sync-format.md ("Version vectors").
//
// Index: version vectors · export · import · peers · new identity
#include "core/sync.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <utility>

#include "core/entities.h"
#include "core/sync_file.h"
#include "core/uuid.h"

namespace core {

Sync::Sync(storage::Database& db, WritePath& writes, HybridLogicalClock& clock, std::string deviceId)
    : db_(db), writes_(writes), clock_(clock), deviceId_(std::move(deviceId)) {}

// ---- version vectors ---------------------------------------------------------------------------------------------

std::map<std::string, int64_t> Sync::versionVector() {
    std::map<std::string, int64_t> vv;
    storage::Statement s = db_.prepare("SELECT device, seq FROM version_vector");
    while (s.step()) vv[s.text(0)] = s.integer(1);
    vv[deviceId_] = lastLoggedSeq(db_, deviceId_);  // this device holds all of its own changes
    return vv;
}

static std::map<std::string, int64_t> peerVersionVector(storage::Database& db, const std::string& peer) {
    std::map<std::string, int64_t> vv;
    storage::Statement s = db.prepare("SELECT device, seq FROM peer_versions WHERE peer = ?");
    s.bind(1, peer);
    while (s.step()) vv[s.text(0)] = s.integer(1);
    return vv;
}

static std::map<std::string, std::string> peerNames(storage::Database& db) {
    std::map<std::string, std::string> names;
    storage::Statement s = db.prepare("SELECT device, name FROM peers");
    while (s.step()) names[s.text(0)] = s.text(1);
    return names;
}

// ---- export ------------------------------------------------------------------------------------------------------

SyncExport Sync::exportFile(const std::string& forDevice) {
    if (!forDevice.empty() && !isUuid(forDevice))
        throw std::invalid_argument("\"" + forDevice + "\" is not a device id (a UUID like " + deviceId_ + ")");
    std::map<std::string, int64_t> seen = versionVector();
    std::map<std::string, int64_t> told = forDevice.empty() ? std::map<std::string, int64_t>()
                                                            : peerVersionVector(db_, forDevice);
    std::map<std::string, std::string> names = peerNames(db_);
    names[deviceId_] = Settings(db_).get("device_name");

    SyncFile file;
    file.device = deviceId_;
    file.forDevice = forDevice;
    file.exportedAtMs = clock_.wallMs();
    std::set<std::string> bases;
    storage::Statement s = db_.prepare(
        "SELECT device_seq, hlc, user_name, entity, record_id, field, value, base_hlc, base_device FROM change_log "
        "WHERE device = ?1 AND device_seq > ?2 AND run_first_seq >= coalesce((SELECT max(first_seq) FROM change_runs "
        "WHERE device = (SELECT ref FROM devices WHERE id = ?1) AND first_seq <= ?2 + 1), 0) ORDER BY device_seq");
    for (const auto& [device, seq] : seen) {
        // The device the file is for holds all of its own changes: leave them out.
        int64_t from = device == forDevice ? std::max(told[device], lastLoggedSeq(db_, device)) : told[device];
        file.devices.push_back({device, names[device], seq, from});
        s.reset();
        s.bind(1, device).bind(2, from);
        while (s.step()) {
            Change c{{uint64_t(s.integer(1)), device}, s.integer(0), s.text(2), s.text(3), s.text(4), s.text(5),
                     s.text(6), {uint64_t(s.integer(7)), s.text(8)}};
            if (c.base.hlc && !seen.count(c.base.device)) bases.insert(c.base.device);
            file.changes.push_back(std::move(c));
        }
    }
    // A base may name a device this one holds no change of.
    for (const std::string& device : bases) file.devices.push_back({device, names[device], 0, 0});
    std::sort(file.devices.begin(), file.devices.end(),
              [](const SyncDevice& a, const SyncDevice& b) { return a.id < b.id; });
    SyncExport out{writeSyncFile(file), int64_t(file.changes.size())};
    if (!forDevice.empty())
        db_.prepare("INSERT INTO peers(device, last_export_at_ms) VALUES (?1, ?2) "
                    "ON CONFLICT(device) DO UPDATE SET last_export_at_ms = ?2")
            .bind(1, forDevice).bind(2, file.exportedAtMs).run();
    return out;
}

// ---- import ------------------------------------------------------------------------------------------------------

namespace {

// Counts records once per category, for one device and for the whole file.
struct Tally {
    std::set<std::string> created, updated, deleted, restored;
    ImportCounts counts;

    void add(const Change& c, const MergeOutcome& o) {
        counts.changes++;
        int64_t ms = HybridLogicalClock::millisOf(c.version.hlc);
        counts.oldestMs = counts.oldestMs ? std::min(counts.oldestMs, ms) : ms;
        counts.newestMs = std::max(counts.newestMs, ms);
        counts.conflicts += o.conflicts;
        std::string record = c.entity + ":" + c.recordId;
        if (o.recordCreated) created.insert(record);
        if (o.result != MergeResult::Won) return;
        if (c.field != kDeletedField) updated.insert(record);
        else if (c.value == "1" && !o.wasDeleted) deleted.insert(record);
        else if (c.value == "0" && o.wasDeleted) restored.insert(record);
    }

    ImportCounts finish() {
        for (const std::string& record : created) updated.erase(record);
        ImportCounts out = counts;
        out.created = int64_t(created.size());
        out.updated = int64_t(updated.size());
        out.deleted = int64_t(deleted.size());
        out.restored = int64_t(restored.size());
        return out;
    }
};

}  // namespace

// A file exported for another device leaves out what that device had already seen ("from"). When this device has
// not seen all of that either, the file's changes may build on changes it lacks (an edit of a customer it has never
// received), so it is refused. Files for this device or for everyone never are.
static void refuseHoles(const SyncFile& file, std::map<std::string, int64_t> held, const std::string& self) {
    if (file.changes.empty()) return;
    for (const SyncDevice& d : file.devices)
        if (d.id != self && d.from > held[d.id]) {
            std::string message = "this file was exported for another device and leaves out changes of \"";
            message += d.name + "\" (" + d.id + ") that this device has not seen: ";
            throw SyncFileError(message + "import a file exported for this device, or one exported for everyone");
        }
}

struct Sync::Import::State {
    Sync& sync;
    SyncFile file;
    ImportSummary summary;
    std::map<std::string, std::string> names;  // device id -> name, as the file gives them
    Tally total;
    std::map<std::string, Tally> byDevice;
    int64_t nowMs;
    size_t next = 0;  // the next change of file.changes to merge
    WritePath::Merge merge;

    State(Sync& s, SyncFile f) : sync(s), file(std::move(f)), nowMs(s.clock_.wallMs()), merge(s.writes_) {}
};

Sync::Import::Import(Sync& sync, std::string_view text) {
    SyncFile file = readSyncFile(text);
    refuseHoles(file, sync.versionVector(), sync.deviceId_);
    state_ = std::make_unique<State>(sync, std::move(file));
    State& st = *state_;
    st.summary.fromDevice = st.file.device;
    st.summary.exportedAtMs = st.file.exportedAtMs;
    st.summary.changesInFile = int64_t(st.file.changes.size());
    for (const SyncDevice& d : st.file.devices) st.names[d.id] = d.name;
    st.summary.fromName = st.names[st.file.device];
}

Sync::Import::~Import() = default;

int64_t Sync::Import::merged() const { return int64_t(state_->next); }
int64_t Sync::Import::total() const { return int64_t(state_->file.changes.size()); }

bool Sync::Import::step(size_t maxChanges) {
    State& st = *state_;
    size_t end = st.file.changes.size() - st.next > maxChanges ? st.next + maxChanges : st.file.changes.size();
    for (; st.next < end; st.next++) {
        const Change& c = st.file.changes[st.next];
        MergeOutcome outcome = st.merge.apply(c);
        if (outcome.result == MergeResult::Known) continue;
        st.summary.aheadOfClock += HybridLogicalClock::millisOf(c.version.hlc) > st.nowMs + kMaxClockAheadMs;
        st.total.add(c, outcome);
        st.byDevice[c.version.device].add(c, outcome);
    }
    return st.next == st.file.changes.size();
}

ImportSummary Sync::Import::commit() {
    State& st = *state_;
    if (st.next != st.file.changes.size()) throw std::logic_error("Sync::Import::commit before every change was merged");
    storage::Database& db = st.sync.db_;
    const std::string& self = st.sync.deviceId_;
    const SyncFile& file = st.file;
    // Our own file (or one only relaying what we have) leaves no trace: importing it is a no-op.
    if (file.device != self) {
        storage::Statement vv = db.prepare(
            "INSERT INTO version_vector(device, seq) VALUES (?1, CASE WHEN ?2 = 0 THEN ?3 ELSE 0 END) "
            "ON CONFLICT(device) DO UPDATE SET seq = CASE WHEN ?2 <= seq THEN max(seq, ?3) ELSE seq END");
        storage::Statement told = db.prepare(
            "INSERT INTO peer_versions(peer, device, seq) VALUES (?1, ?2, ?3) "
            "ON CONFLICT(peer, device) DO UPDATE SET seq = max(seq, ?3)");
        storage::Statement heard = db.prepare(
            "INSERT INTO peers(device, name) VALUES (?1, ?2) "
            "ON CONFLICT(device) DO UPDATE SET name = ?2 WHERE peers.name = '' AND ?2 <> ''");
        for (const SyncDevice& d : file.devices) {
            told.reset();
            told.bind(1, file.device).bind(2, d.id).bind(3, d.seen).run();
            if (d.id == self) continue;  // this device holds all of its own changes and is no peer of itself
            vv.reset();
            vv.bind(1, d.id).bind(2, d.from).bind(3, d.seen).run();
            heard.reset();
            heard.bind(1, d.id).bind(2, d.name).run();
        }
        db.prepare("UPDATE peers SET name = ?2, last_import_at_ms = ?3 WHERE device = ?1")
            .bind(1, file.device).bind(2, st.summary.fromName).bind(3, st.nowMs).run();
    }
    st.merge.commit();

    ImportSummary summary = std::move(st.summary);
    summary.total = st.total.finish();
    for (auto& [device, tally] : st.byDevice) summary.byDevice.push_back({device, st.names[device], tally.finish()});
    return summary;
}

ImportSummary Sync::importFile(std::string_view text) {
    Import import(*this, text);
    import.step(SIZE_MAX);
    return import.commit();
}

// ---- peers -------------------------------------------------------------------------------------------------------

std::vector<Peer> Sync::peers() const {
    storage::Statement s = db_.prepare(
        "SELECT device, name, last_import_at_ms, last_export_at_ms FROM peers ORDER BY name COLLATE NOCASE, device");
    std::vector<Peer> out;
    while (s.step()) {
        Peer p{s.text(0), s.text(1), std::nullopt, std::nullopt};
        if (!s.isNull(2)) p.lastImportAtMs = s.integer(2);
        if (!s.isNull(3)) p.lastExportAtMs = s.integer(3);
        out.push_back(std::move(p));
    }
    return out;
}

// ---- new identity ------------------------------------------------------------------------------------------------

void takeNewDeviceIdentity(storage::Database& db) {
    Settings settings(db);
    std::string former = settings.get("device_id");
    storage::Transaction tx(db);
    db.prepare("INSERT INTO version_vector(device, seq) VALUES (?1, ?2) "
               "ON CONFLICT(device) DO UPDATE SET seq = max(seq, ?2)")
        .bind(1, former).bind(2, lastLoggedSeq(db, former)).run();
    db.prepare("INSERT INTO peers(device, name) VALUES (?1, ?2) ON CONFLICT(device) DO NOTHING")
        .bind(1, former).bind(2, settings.get("device_name")).run();
    settings.set("device_id", newUuid());
    tx.commit();
}

}  // namespace core
