// The sync benchmark's workload (scripts/bench-sync), shared by the native program (sync_bench_native.cpp) and the
// wasm module (sync_bench_browser.cpp) so both sides do exactly the same work:
//   device A (a fresh in-memory database) adds N customers × 5 fields (N = 20000: 100,000 changes) in one commit
//   through the write path; A exports everything; device B (another fresh in-memory database) imports that file.
// Record ids and field values are derived from the customer's number, so the file has the same size on both sides
// (device ids and HLCs differ from run to run but have a fixed length). Times are the core calls only.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/crm.h"

namespace syncbench {

struct Round {
    double buildMs = 0;   // device A: the one commit of all customers (setup, reported for context)
    double exportMs = 0;  // A: Sync::exportFile() for everyone — change log → canonical JSON text
    double importMs = 0;  // B: Sync::importFile() — check the whole file, then merge it in one transaction
    int64_t fileBytes = 0;
    int64_t changes = 0;       // changes in the file
    int64_t imported = 0;      // changes new to B
    int64_t created = 0;       // customers B created
    int64_t customersOnB = 0;  // live customers on B afterwards
};

inline double nowMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// A version-4-shaped lowercase UUID made from a number (deterministic, unlike core::newUuid()).
inline std::string numberedUuid(uint32_t n) {
    char buf[37];
    std::snprintf(buf, sizeof buf, "%08x-0000-4000-8000-%012x", n, n * 2654435761u);
    return buf;
}

inline std::vector<core::RecordChange> customers(int count) {
    std::vector<core::RecordChange> out;
    out.reserve(size_t(count));
    for (int i = 0; i < count; i++) {
        out.push_back({"customer", numberedUuid(uint32_t(i + 1)),
                       {{"name", "客户 " + std::to_string(i) + " Customer"},
                        {"phone", "+86138" + std::to_string(10000000 + i)},
                        {"email", "customer" + std::to_string(i) + "@example.cn"},
                        {"city", i % 2 ? "上海" : "Beijing"},
                        {"notes", "Met at the trade fair; interested in the spring catalogue."}}});
    }
    return out;
}

// Keeps the last round's file so the browser page can hand it to JavaScript as a download would.
struct State {
    std::string fileText;
};

inline Round runRound(int count, State* keep = nullptr) {
    core::SystemClock wall;
    Round r;
    storage::Database dbA(":memory:");
    core::Crm a(dbA, wall);
    a.setDeviceName("bench device A");
    std::vector<core::RecordChange> changes = customers(count);

    double t = nowMs();
    a.writes().commit(changes, "bench");
    r.buildMs = nowMs() - t;

    t = nowMs();
    core::SyncExport file = a.sync().exportFile();
    r.exportMs = nowMs() - t;
    r.fileBytes = int64_t(file.text.size());
    r.changes = file.changes;

    storage::Database dbB(":memory:");
    core::Crm b(dbB, wall);
    b.setDeviceName("bench device B");
    t = nowMs();
    core::ImportSummary summary = b.sync().importFile(file.text);
    r.importMs = nowMs() - t;
    r.imported = summary.total.changes;
    r.created = summary.total.created;
    r.customersOnB = dbB.scalarInteger("SELECT count(*) FROM customers WHERE deleted = 0");
    if (r.imported != r.changes || r.created != count || r.customersOnB != count)
        throw std::runtime_error("sync bench: device B did not end with every customer");
    if (keep) keep->fileText = std::move(file.text);
    return r;
}

inline std::string toJson(const Round& r) {
    char buf[400];
    std::snprintf(buf, sizeof buf,
                  "{\"buildMs\":%.3f,\"exportMs\":%.3f,\"importMs\":%.3f,\"fileBytes\":%lld,\"changes\":%lld,"
                  "\"imported\":%lld,\"created\":%lld,\"customersOnB\":%lld}",
                  r.buildMs, r.exportMs, r.importMs, (long long)r.fileBytes, (long long)r.changes,
                  (long long)r.imported, (long long)r.created, (long long)r.customersOnB);
    return buf;
}

}  // namespace syncbench
