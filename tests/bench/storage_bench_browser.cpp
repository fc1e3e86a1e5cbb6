// The storage benchmark's module (scripts/bench-storage): the same core and SQLite as the app, driven from
// tests/bench/storage.html to compare our page VFS against Emscripten IDBFS and a whole-file put.
// It only prepares data and makes the one-customer edit; timing and byte counting happen in JavaScript.
#include <emscripten.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/crm.h"
#include "core/uuid.h"
#include "platform/app_database.h"

namespace {

core::SystemClock wall;
std::unique_ptr<storage::Database> pagedDb;  // our page VFS over IndexedDB
std::unique_ptr<core::Crm> pagedCrm;
std::unique_ptr<storage::Database> idbfsDb;  // SQLite's unix VFS on an IDBFS mount
std::unique_ptr<core::Crm> idbfsCrm;
std::vector<uint8_t> image;
std::vector<std::string> customerIds;

double nowMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

void editOneCustomer(core::Crm& crm, int round) {
    const std::string& id = customerIds[size_t(round * 7919) % customerIds.size()];
    core::Customer c = *crm.customers().get(id);
    c.city = "杭州 " + std::to_string(round);
    crm.customers().update(c, "bench");
}

}  // namespace

extern "C" {

// Opens the app database through the page VFS (Module.fieldcrmStore must be open).
EMSCRIPTEN_KEEPALIVE void bench_open_paged() {
    pagedDb = platform::openAppDatabase("fieldcrm");
    pagedCrm = std::make_unique<core::Crm>(*pagedDb, wall);
}

// Adds `count` customers through the one write path in one commit; returns the milliseconds it took.
EMSCRIPTEN_KEEPALIVE double bench_add_customers(int count) {
    std::vector<core::RecordChange> changes;
    changes.reserve(size_t(count));
    for (int i = 0; i < count; i++) {
        std::string id = core::newUuid();
        customerIds.push_back(id);
        changes.push_back({"customer", id,
                           {{"name", "客户 " + std::to_string(i) + " Customer"},
                            {"company", "公司 " + std::to_string(i % 5000) + " Co., Ltd."},
                            {"phone", "138" + std::to_string(10000000 + i)},
                            {"email", "customer" + std::to_string(i) + "@example.cn"},
                            {"city", i % 2 ? "上海" : "Beijing"},
                            {"notes", "Met at the trade fair; interested in the spring catalogue."}}});
    }
    double start = nowMs();
    pagedCrm->writes().commit(changes, "bench");
    return nowMs() - start;
}

// Adds `count` activity rows (a table of the benchmark's own, ~80 bytes a row) in chunks of one commit each.
EMSCRIPTEN_KEEPALIVE double bench_add_activities(int count) {
    double start = nowMs();
    pagedDb->exec("CREATE TABLE IF NOT EXISTS bench_activities(id INTEGER PRIMARY KEY, customer_id TEXT, "
                  "kind TEXT, at_ms INTEGER, summary TEXT)");
    const int chunk = 100000;
    for (int done = 0; done < count; done += chunk) {
        storage::Transaction tx(*pagedDb);
        auto insert = pagedDb->prepare("INSERT INTO bench_activities(customer_id, kind, at_ms, summary) VALUES (?,?,?,?)");
        for (int i = done; i < done + chunk && i < count; i++) {
            insert.reset();
            insert.bind(1, customerIds[size_t(i) % customerIds.size()])
                .bind(2, i % 3 ? "call" : "visit")
                .bind(3, int64_t(1764000000000) + i)
                .bind(4, "Follow-up call about order " + std::to_string(i))
                .run();
        }
        tx.commit();
    }
    return nowMs() - start;
}

EMSCRIPTEN_KEEPALIVE void bench_edit_paged(int round) { editOneCustomer(*pagedCrm, round); }

EMSCRIPTEN_KEEPALIVE double bench_database_bytes() {
    return double(pagedDb->scalarInteger("PRAGMA page_count") * pagedDb->scalarInteger("PRAGMA page_size"));
}

// The whole database as one file image (what sql.js-style persistence puts into IndexedDB on every save).
EMSCRIPTEN_KEEPALIVE const uint8_t* bench_serialize_paged() {
    image = pagedDb->serialize();
    return image.data();
}
EMSCRIPTEN_KEEPALIVE double bench_serialized_bytes() { return double(image.size()); }
EMSCRIPTEN_KEEPALIVE void bench_release_serialized() { std::vector<uint8_t>().swap(image); }

// Opens `path` (a file on the IDBFS mount, written by the page) with SQLite's own unix VFS.
EMSCRIPTEN_KEEPALIVE void bench_open_idbfs(const char* path) {
    idbfsDb = std::make_unique<storage::Database>(path, "unix-none");
    idbfsDb->exec("PRAGMA journal_mode=MEMORY");
    idbfsCrm = std::make_unique<core::Crm>(*idbfsDb, wall);
}

EMSCRIPTEN_KEEPALIVE void bench_edit_idbfs(int round) { editOneCustomer(*idbfsCrm, round); }

}  // extern "C"
