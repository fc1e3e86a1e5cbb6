// The one SQLite access layer: a Database connection, prepared Statements and Transactions.
// Everything above storage/ talks to SQLite through this file; it knows nothing of customers or of the UI.
// Errors are thrown as DatabaseError with SQLite's message; nothing here swallows a failure.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace storage {

struct DatabaseError : std::runtime_error {
    int code;
    DatabaseError(int code, const std::string& message) : std::runtime_error(message), code(code) {}
};

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;

    // Binding: index is 1-based, as in SQLite. Returns *this so binds can be chained.
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::optional<std::string>& text_or_null);
    Statement& bind(int index, int64_t value);
    Statement& bind(int index, int value) { return bind(index, int64_t(value)); }
    Statement& bind(int index, double value);
    Statement& bindNull(int index);

    bool step();   // true while a row is available; throws on error
    void run();    // step through to SQLITE_DONE (for statements without rows)
    void reset();  // ready to run again; keeps bindings until rebound

    std::string text(int column) const;
    std::optional<std::string> optionalText(int column) const;
    int64_t integer(int column) const;
    double real(int column) const;
    bool isNull(int column) const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_;
};

class Database {
public:
    // Opens (or creates) `path`. `vfs` names a registered SQLite VFS (nullptr: SQLite's default for the platform).
    Database(const std::string& path, const char* vfs = nullptr);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Statement prepare(std::string_view sql) { return Statement(db_, sql); }
    void exec(std::string_view sql);                        // one or more statements, no results
    int64_t scalarInteger(std::string_view sql);             // first column of the first row
    std::string scalarText(std::string_view sql);
    int64_t changes() const;
    int64_t lastInsertRowid() const;  // of the last INSERT on this connection
    // The whole database as one SQLite file image (for backups); consistent because it runs between commits.
    std::vector<uint8_t> serialize();
    // A private in-memory database holding a copy of `image` (the bytes of an SQLite file, e.g. a backup to check).
    // Nothing is checked yet: reading a damaged image fails later, with SQLite's error, or in integrityCheck().
    static std::unique_ptr<Database> fromImage(const std::vector<uint8_t>& image);
    // Replaces this database's whole contents with `source`'s (SQLite's backup API): every page is written in one
    // transaction and committed together, so on a failure (thrown) this database is left as it was.
    void replaceContentsWith(Database& source);
    // PRAGMA integrity_check: "ok", or SQLite's findings one per line.
    std::string integrityCheck();
    bool inTransaction() const;
    sqlite3* handle() const { return db_; }

private:
    sqlite3* db_ = nullptr;
};

// RAII transaction: BEGIN IMMEDIATE on construction, ROLLBACK unless commit() was called.
// Nested use is an error: the write path owns the only transaction of a unit of work.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

}  // namespace storage
