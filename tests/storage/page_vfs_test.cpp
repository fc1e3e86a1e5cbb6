// Unit tests of the page VFS against the in-memory block store: only changed pages are written per commit,
// reopening reads exactly the committed image, and a failure at any commit leaves the before-state everywhere.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "storage/database.h"
#include "storage/memory_page_store.h"
#include "storage/page_vfs.h"

using storage::Database;
using tests::MemoryPageStore;

namespace {

std::unique_ptr<Database> openOn(storage::PageVfs& vfs) {
    auto db = std::make_unique<Database>("crm.db", vfs.name());
    db->exec("PRAGMA journal_mode=MEMORY; PRAGMA synchronous=FULL;");
    return db;
}

// A short fingerprint of everything in table t ("" before it exists): equal fingerprints mean equal data.
std::string contents(Database& db) {
    if (db.scalarInteger("SELECT count(*) FROM sqlite_schema WHERE name = 't'") == 0) return "";
    return db.scalarText("SELECT count(*) || ':' || coalesce(sum(length(v)), 0) || ':' || "
                         "coalesce(group_concat(id || '=' || substr(v, 1, 6), ';'), '') FROM (SELECT * FROM t ORDER BY id)");
}

}  // namespace

TEST_CASE("committed data survives a restart from the page store") {
    MemoryPageStore store;
    {
        storage::PageVfs vfs("pages-restart", store);
        auto db = openOn(vfs);
        db->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
        db->exec("INSERT INTO t VALUES (1, '张三'), (2, 'Li Si')");
        CHECK(vfs.stats().commits == 2);
    }
    CHECK(store.committed().generation == 2);
    storage::PageVfs vfs("pages-restart", store);
    auto db = openOn(vfs);
    CHECK(contents(*db) == "2:7:1=张三;2=Li Si");
    CHECK(db->scalarText("PRAGMA integrity_check") == "ok");
}

TEST_CASE("a one-row edit in a large database writes a handful of pages") {
    MemoryPageStore store;
    storage::PageVfs vfs("pages-small-commit", store);
    auto db = openOn(vfs);
    db->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
    {
        storage::Transaction tx(*db);
        auto insert = db->prepare("INSERT INTO t(id, v) VALUES (?, ?)");
        for (int i = 0; i < 20000; i++) {
            insert.reset();
            insert.bind(1, i).bind(2, "customer number " + std::to_string(i) + " of many, with some padding text").run();
        }
        tx.commit();
    }
    int64_t dbBytes = db->scalarInteger("PRAGMA page_count") * db->scalarInteger("PRAGMA page_size");
    CHECK(dbBytes > 1'000'000);
    uint64_t before = store.bytesWritten;
    db->exec("UPDATE t SET v = 'edited' WHERE id = 12345");
    uint64_t written = store.bytesWritten - before;
    CHECK(written <= 3 * storage::kPageBytes);  // the leaf page, and page 1 (the change counter)
    CHECK(written >= storage::kPageBytes);
}

TEST_CASE("a failure at any commit leaves memory and storage at a committed state") {
    // The workload runs once per commit it makes, failing that commit; after a "restart" from the store the data
    // must equal what the failing connection held when it stopped: the before-state of the failed statement.
    const char* workload[] = {
        "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)",
        "INSERT INTO t VALUES (1, 'a'), (2, 'b')",
        "UPDATE t SET v = 'b2' WHERE id = 2",
        ("INSERT INTO t WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 300) "
         "SELECT x + 10, hex(randomblob(600)) FROM n"),
        "DELETE FROM t WHERE id > 100",
        "VACUUM",  // two commits: the pages, then the truncate
        "INSERT INTO t VALUES (3, 'c')",
    };
    auto runWorkload = [&](MemoryPageStore& store) -> std::string {
        storage::PageVfs vfs("pages-fail", store);
        auto db = openOn(vfs);
        for (const char* sql : workload) {
            std::string before = contents(*db);
            try {
                db->exec(sql);
            } catch (const storage::DatabaseError&) {
                CHECK(contents(*db) == before);  // the failed transaction is rolled back in memory too
                return before;
            }
        }
        return contents(*db);
    };
    MemoryPageStore dryRun;
    runWorkload(dryRun);
    const int commits = dryRun.commitsSeen;
    CHECK(commits == 8);
    for (int failAt = 0; failAt < commits; failAt++) {
        CAPTURE(failAt);
        MemoryPageStore store;
        store.failAtCommit = failAt;
        std::string expected = runWorkload(store);
        storage::PageVfs vfs("pages-fail", store);  // "restart" over what the store holds
        auto db = openOn(vfs);
        CHECK(contents(*db) == expected);
        CHECK(db->scalarText("PRAGMA integrity_check") == "ok");
    }
}

TEST_CASE("VACUUM after deleting most rows shrinks the stored image") {
    MemoryPageStore store;
    storage::PageVfs vfs("pages-shrink", store);
    auto db = openOn(vfs);
    db->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
    db->exec("INSERT INTO t WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000) "
             "SELECT x, hex(randomblob(200)) FROM n");
    int64_t big = store.committed().bytes;
    db->exec("DELETE FROM t WHERE id > 10");
    db->exec("VACUUM");
    CHECK(store.committed().bytes < big / 10);
    CHECK(store.committed().pages.size() == size_t(store.committed().bytes / storage::kPageBytes));
    storage::PageVfs reopened("pages-shrink-2", store);
    auto again = openOn(reopened);
    CHECK(again->scalarInteger("SELECT count(*) FROM t") == 10);
    CHECK(again->scalarText("PRAGMA integrity_check") == "ok");
}
