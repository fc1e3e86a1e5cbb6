// Test devices for the sync tests: each an in-memory database with its own fake wall clock and Crm.
// Shared by the sync unit, bad-file and property tests; holds no assertions.
#pragma once

#include <memory>
#include <string>

#include "core/crm.h"
#include "core/dump.h"
#include "core/schema.h"
#include "core/settings.h"
#include "core/sync_file.h"

namespace synctest {

constexpr int64_t kNow = 1'764'000'000'000;  // 2025-11-24, the fake "now"

struct FakeClock : core::Clock {
    int64_t ms;
    explicit FakeClock(int64_t start) : ms(start) {}
    int64_t nowMs() override { return ms; }
};

// Gives a fresh database a chosen device id (instead of a random one), so a seeded test can be replayed exactly.
inline storage::Database& withDeviceId(storage::Database& db, const std::string& deviceId) {
    if (!deviceId.empty()) {
        core::migrate(db);
        core::Settings(db).set("device_id", deviceId);
    }
    return db;
}

struct Device {
    storage::Database db{":memory:"};
    FakeClock wall;
    core::Crm crm;

    explicit Device(int64_t ms = kNow, const std::string& deviceId = std::string())
        : wall(ms), crm(withDeviceId(db, deviceId), wall) {}

    const std::string& id() const { return crm.deviceId(); }
    std::string dump() { return core::dumpCustomers(crm.customers()); }
    std::string exportAll() { return crm.sync().exportFile().text; }
    std::string exportFor(const Device& other) { return crm.sync().exportFile(other.id()).text; }
    core::ImportSummary import(const std::string& file) { return crm.sync().importFile(file); }
    int64_t rows(const char* table) { return db.scalarInteger(std::string("SELECT count(*) FROM ") + table); }
    // Everything an import could change, as one comparable text.
    std::string state() {
        std::string out = dump();
        for (const char* table :
             {"change_log", "change_runs", "devices", "conflicts", "version_vector", "peers", "peer_versions"})
            out += std::string(table) + "=" + std::to_string(rows(table)) + ";";
        out += db.scalarText("SELECT group_concat(device || ':' || seq) FROM version_vector");
        out += db.scalarText("SELECT group_concat(hlc || value) FROM change_log");
        return out;
    }
};

}  // namespace synctest
