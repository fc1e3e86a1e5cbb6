// Unit tests of the page VFS against the in-memory block store: only changed pages are written per commit,
// reopening reads exactly the committed image, and a failure at any commit leaves the before-state everywhere.
#include <doctest/doctest.h>

#include <map>
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
        // grows the file again over the region the VACUUM cut off: nothing stale may show through there
        ("INSERT INTO t WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200) "
         "SELECT x + 1000, hex(randomblob(500)) FROM n"),
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
    CHECK(commits == 9);
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
    // Nothing past the new end is kept (a segment may straddle it).
    const uint32_t pages = uint32_t(store.committed().bytes / storage::kPageBytes);
    CHECK(store.committed().pages.lower_bound(pages) == store.committed().pages.end());
    CHECK(store.committed().segments.lower_bound((pages + storage::kSegmentPages - 1) / storage::kSegmentPages) ==
          store.committed().segments.end());
    storage::PageVfs reopened("pages-shrink-2", store);
    auto again = openOn(reopened);
    CHECK(again->scalarInteger("SELECT count(*) FROM t") == 10);
    CHECK(again->scalarText("PRAGMA integrity_check") == "ok");
}

TEST_CASE("after a restart, growing back over a segment a VACUUM cut through shows nothing of the longer file") {
    // The stored record of the segment the shrunken file ends in still holds bytes of the longer file past the
    // end; a later session that grows the file there must store what it wrote, not let those bytes show through.
    MemoryPageStore store;
    {
        storage::PageVfs vfs("pages-regrow", store);
        auto db = openOn(vfs);
        db->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
        db->exec("INSERT INTO t WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3000) "
                 "SELECT x, hex(randomblob(300)) FROM n");
        db->exec("DELETE FROM t WHERE id > 700");
        db->exec("VACUUM");
    }
    REQUIRE(store.committed().bytes / storage::kPageBytes % storage::kSegmentPages != 0);  // ends inside a segment
    std::string expected;
    {
        storage::PageVfs vfs("pages-regrow-2", store);
        auto db = openOn(vfs);
        db->exec("INSERT INTO t WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 400) "
                 "SELECT x + 5000, hex(randomblob(100)) FROM n");
        for (int i = 0; i < 20; i++) db->exec("INSERT INTO t VALUES (" + std::to_string(9000 + i) + ", 'one more')");
        expected = contents(*db);
    }
    storage::PageVfs vfs("pages-regrow-3", store);
    auto db = openOn(vfs);
    CHECK(contents(*db) == expected);
    CHECK(db->scalarText("PRAGMA integrity_check") == "ok");
}

TEST_CASE("an image streamed in batches before the first open equals one read whole") {
    MemoryPageStore store;
    {
        storage::PageVfs vfs("pages-stream-write", store);
        auto db = openOn(vfs);
        db->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
        db->exec("INSERT INTO t WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3000) "
                 "SELECT x, hex(randomblob(400)) FROM n");  // ~2.6 MB: more than two 1 MiB chunks
    }
    const uint32_t pages = uint32_t(store.committed().bytes / storage::kPageBytes);
    REQUIRE(pages > 600);
    std::string whole;
    {
        storage::PageVfs vfs("pages-stream-whole", store);
        whole = contents(*openOn(vfs));
    }
    for (uint32_t batch : {1u, 7u, 256u, 300u, 100000u}) {
        CAPTURE(batch);
        storage::PageVfs vfs("pages-stream", store);
        uint32_t first = 0;
        for (; first + batch <= pages / 2; first += batch) vfs.loadPages(first, batch);  // the rest by the open
        auto db = openOn(vfs);
        CHECK(contents(*db) == whole);
        CHECK(db->scalarText("PRAGMA integrity_check") == "ok");
        CHECK_THROWS(vfs.loadPages(0, 1));  // the image is open: loading again would overwrite live pages
    }
    storage::PageVfs outOfOrder("pages-stream-order", store);
    outOfOrder.loadPages(0, 10);
    CHECK_THROWS(outOfOrder.loadPages(20, 10));
    outOfOrder.loadPages(10, pages);  // a batch may run past the end: it stops at the image's last page
    CHECK(contents(*openOn(outOfOrder)) == whole);
}

TEST_CASE("bulk writes are stored as whole segments, scattered edits as single pages") {
    MemoryPageStore store;
    storage::PageVfs vfs("pages-segments", store);
    auto db = openOn(vfs);
    db->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
    db->exec("INSERT INTO t WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 20000) "
             "SELECT x, 'customer ' || x || ' with some padding text to fill the pages' FROM n");
    const auto& stored = store.committed();
    const uint32_t pages = uint32_t(stored.bytes / storage::kPageBytes);
    CHECK(stored.segments.size() == (pages + storage::kSegmentPages - 1) / storage::kSegmentPages);
    CHECK(stored.pages.size() <= 2);  // at most page 1 and its neighbours of earlier small commits

    // Edits all over the table: single pages pile up, but never reach a quarter of any segment.
    for (int i = 0; i < 400; i++)
        db->exec("UPDATE t SET v = 'edited " + std::to_string(i) + "' WHERE id = " + std::to_string(1 + i * 7919 % 20000));
    std::map<uint32_t, uint32_t> singlesPerSegment;
    for (const auto& [page, data] : stored.pages) singlesPerSegment[page / storage::kSegmentPages]++;
    CHECK(!singlesPerSegment.empty());
    for (const auto& entry : singlesPerSegment) {
        CAPTURE(entry.first);
        CHECK(entry.second < storage::kSegmentRewritePages);
    }
    CHECK(vfs.stats().segmentsWritten > stored.segments.size());  // some segments were stored whole again

    std::string before = contents(*db);
    storage::PageVfs reopened("pages-segments-2", store);
    auto again = openOn(reopened);
    CHECK(contents(*again) == before);
    CHECK(again->scalarText("PRAGMA integrity_check") == "ok");
}

TEST_CASE("an image stored as single pages only (before segments) opens and turns into segments as it is edited") {
    MemoryPageStore store;
    {
        storage::PageVfs vfs("pages-legacy-write", store);
        auto db = openOn(vfs);
        db->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
        db->exec("INSERT INTO t WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000) "
                 "SELECT x, hex(randomblob(100)) FROM n");
    }
    store.splitIntoSinglePages();
    REQUIRE(store.committed().segments.empty());
    storage::PageVfs vfs("pages-legacy", store);
    auto db = openOn(vfs);
    std::string before = contents(*db);
    CHECK(db->scalarText("PRAGMA integrity_check") == "ok");
    uint64_t written = store.bytesWritten;
    db->exec("UPDATE t SET v = 'edited' WHERE id = 1000");
    CHECK(store.committed().segments.size() >= 1);          // the touched segments were stored whole
    CHECK(store.bytesWritten - written <= 3 * storage::kSegmentBytes);
    storage::PageVfs reopened("pages-legacy-2", store);
    auto again = openOn(reopened);
    CHECK(contents(*again) != before);
    CHECK(again->scalarText("SELECT v FROM t WHERE id = 1000") == "edited");
    CHECK(again->scalarText("PRAGMA integrity_check") == "ok");
}

TEST_CASE("replacing the whole database goes to the store as one commit, smaller or larger; a failure keeps the old") {
    MemoryPageStore store;
    storage::PageVfs vfs("pages-replace", store);
    auto db = openOn(vfs);
    db->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
    db->exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
             "INSERT INTO t SELECT i, printf('current row %d with padding to fill pages', i) FROM n");
    const std::string before = contents(*db);

    // A smaller image from a backup, then a larger one.
    Database small(":memory:");
    small.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, 'from the backup')");
    auto smallImage = Database::fromImage(small.serialize());
    store.failAtCommit = store.commitsSeen;  // the replacing commit fails: nothing changes, in memory or stored
    CHECK_THROWS_AS(db->replaceContentsWith(*smallImage), storage::DatabaseError);
    CHECK(contents(*db) == before);
    {
        storage::PageVfs again("pages-replace-reopen", store);
        auto reopened = openOn(again);
        CHECK(contents(*reopened) == before);
    }

    store.failAtCommit = -1;
    uint64_t generation = store.committed().generation;
    db->replaceContentsWith(*smallImage);
    CHECK(contents(*db) == "1:15:1=from t");
    CHECK(store.committed().generation <= generation + 2);  // the pages, and the truncation after it at most
    CHECK(store.committed().bytes == int64_t(small.serialize().size()));
    {
        storage::PageVfs again("pages-replace-reopen", store);
        auto reopened = openOn(again);
        CHECK(contents(*reopened) == "1:15:1=from t");
        CHECK(reopened->integrityCheck() == "ok");
    }

    Database large(":memory:");
    large.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
    large.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000) "
               "INSERT INTO t SELECT i, printf('restored row %d with padding to fill pages', i) FROM n");
    generation = store.committed().generation;
    db->replaceContentsWith(*Database::fromImage(large.serialize()));
    CHECK(store.committed().generation == generation + 1);
    storage::PageVfs again("pages-replace-reopen", store);
    auto reopened = openOn(again);
    CHECK(contents(*reopened) == contents(large));
    CHECK(reopened->integrityCheck() == "ok");
}

TEST_CASE("an image is a private copy: writing to it leaves the bytes it came from alone") {
    Database original(":memory:");
    original.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, 'one')");
    std::vector<uint8_t> bytes = original.serialize();
    auto copy = Database::fromImage(bytes);
    copy->exec("INSERT INTO t VALUES (2, 'two')");
    CHECK(contents(*copy) == "2:6:1=one;2=two");
    CHECK(contents(*Database::fromImage(bytes)) == "1:3:1=one");
    CHECK_THROWS_AS(Database::fromImage(std::vector<uint8_t>(4096, 'x'))->integrityCheck(), storage::DatabaseError);
}
