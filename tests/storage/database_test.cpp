// Unit tests of the SQLite wrapper: binding, errors that carry SQLite's message, transactions that roll back,
// the integrity check.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "storage/database.h"

using storage::Database;

TEST_CASE("statements bind text, integers, reals and NULL and read them back") {
    Database db(":memory:");
    db.exec("CREATE TABLE t(a TEXT, b INTEGER, c REAL, d TEXT)");
    db.prepare("INSERT INTO t VALUES (?,?,?,?)").bind(1, "张三").bind(2, int64_t(1) << 40).bind(3, 2.5).bindNull(4).run();
    auto s = db.prepare("SELECT a, b, c, d FROM t");
    REQUIRE(s.step());
    CHECK(s.text(0) == "张三");
    CHECK(s.integer(1) == int64_t(1) << 40);
    CHECK(s.real(2) == 2.5);
    CHECK(s.isNull(3));
    CHECK_FALSE(s.optionalText(3).has_value());
    CHECK_FALSE(s.step());
}

TEST_CASE("errors throw DatabaseError with SQLite's message") {
    Database db(":memory:");
    CHECK_THROWS_WITH_AS(db.exec("CREATE TABLE ("), doctest::Contains("syntax error"), storage::DatabaseError);
    CHECK_THROWS_WITH_AS(db.prepare("SELECT * FROM missing"), doctest::Contains("no such table"), storage::DatabaseError);
    db.exec("CREATE TABLE t(x INTEGER PRIMARY KEY)");
    db.exec("INSERT INTO t VALUES (1)");
    CHECK_THROWS_WITH_AS(db.exec("INSERT INTO t VALUES (1)"), doctest::Contains("UNIQUE"), storage::DatabaseError);
}

TEST_CASE("a transaction rolls back unless committed, and cannot nest") {
    Database db(":memory:");
    db.exec("CREATE TABLE t(x)");
    {
        storage::Transaction tx(db);
        db.exec("INSERT INTO t VALUES (1)");
        CHECK_THROWS_AS(storage::Transaction{db}, storage::DatabaseError);
    }
    CHECK(db.scalarInteger("SELECT count(*) FROM t") == 0);
    {
        storage::Transaction tx(db);
        db.exec("INSERT INTO t VALUES (2)");
        tx.commit();
    }
    CHECK(db.scalarInteger("SELECT x FROM t") == 2);
    CHECK_FALSE(db.inTransaction());
}

TEST_CASE("serialize gives a SQLite file image that opens with the same data") {
    Database db(":memory:");
    db.exec("CREATE TABLE t(x TEXT); INSERT INTO t VALUES ('备份')");
    std::vector<uint8_t> image = db.serialize();
    REQUIRE(image.size() >= 512);
    CHECK(std::string(image.begin(), image.begin() + 15) == "SQLite format 3");
    std::string path = (std::filesystem::temp_directory_path() / "fieldcrm-serialize-test.sqlite3").string();
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(image.data()), std::streamsize(image.size()));
    }
    {
        Database copy(path);
        CHECK(copy.scalarText("SELECT x FROM t") == "备份");
    }
    std::filesystem::remove(path);
}

TEST_CASE("integrityCheck says ok for a sound database") {
    Database db(":memory:");
    db.exec("CREATE TABLE t(a TEXT UNIQUE); INSERT INTO t VALUES ('x'), ('y');");
    CHECK(db.integrityCheck() == "ok");
}
