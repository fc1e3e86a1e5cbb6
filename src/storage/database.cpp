// SQLite wrapper implementation: turns every SQLite error code into a DatabaseError carrying SQLite's message.
#include "storage/database.h"

#include <sqlite3.h>

#include <cstring>
#include <utility>

namespace storage {

static void check(sqlite3* db, int rc, std::string_view what) {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
    std::string message(what);
    message += ": ";
    message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw DatabaseError(rc, message);
}

// ---- Statement ---------------------------------------------------------------------------------------------------

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db), stmt_(nullptr) {
    int rc = sqlite3_prepare_v2(db, sql.data(), int(sql.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK) check(db, rc, std::string("prepare \"") + std::string(sql.substr(0, 80)) + "\"");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::bind(int index, std::string_view text) {
    check(db_, sqlite3_bind_text(stmt_, index, text.data(), int(text.size()), SQLITE_TRANSIENT), "bind");
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text_or_null) {
    return text_or_null ? bind(index, std::string_view(*text_or_null)) : bindNull(index);
}

Statement& Statement::bind(int index, int64_t value) {
    check(db_, sqlite3_bind_int64(stmt_, index, value), "bind");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    check(db_, sqlite3_bind_double(stmt_, index, value), "bind");
    return *this;
}

Statement& Statement::bindNull(int index) {
    check(db_, sqlite3_bind_null(stmt_, index), "bind");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3_reset(stmt_);
    check(db_, rc, "step");
    return false;
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() { sqlite3_reset(stmt_); }

std::string Statement::text(int column) const {
    const unsigned char* t = sqlite3_column_text(stmt_, column);
    return t ? std::string(reinterpret_cast<const char*>(t), size_t(sqlite3_column_bytes(stmt_, column))) : std::string();
}

std::optional<std::string> Statement::optionalText(int column) const {
    if (isNull(column)) return std::nullopt;
    return text(column);
}

int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }
bool Statement::isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

// ---- Database ----------------------------------------------------------------------------------------------------

Database::Database(const std::string& path, const char* vfs) {
    int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs);
    if (rc != SQLITE_OK) {
        std::string message = "open " + path + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
        sqlite3_close(db_);
        db_ = nullptr;
        throw DatabaseError(rc, message);
    }
    sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() { sqlite3_close(db_); }

void Database::exec(std::string_view sql) {
    std::string copy(sql);
    char* error = nullptr;
    int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw DatabaseError(rc, "exec: " + message);
    }
}

int64_t Database::scalarInteger(std::string_view sql) {
    Statement s = prepare(sql);
    return s.step() ? s.integer(0) : 0;
}

std::string Database::scalarText(std::string_view sql) {
    Statement s = prepare(sql);
    return s.step() ? s.text(0) : std::string();
}

std::vector<uint8_t> Database::serialize() {
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(db_, "main", &size, 0);
    if (!bytes) throw DatabaseError(SQLITE_NOMEM, "serialize: out of memory");
    std::vector<uint8_t> image(bytes, bytes + size);
    sqlite3_free(bytes);
    return image;
}

std::unique_ptr<Database> Database::fromImage(const std::vector<uint8_t>& image) {
    auto db = std::make_unique<Database>(":memory:");
    // SQLite frees the copy when the connection closes, and may grow it as the database is written.
    auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(image.empty() ? 1 : image.size()));
    if (!copy) throw DatabaseError(SQLITE_NOMEM, "out of memory for a database image of " + std::to_string(image.size()) + " bytes");
    if (!image.empty()) std::memcpy(copy, image.data(), image.size());
    int rc = sqlite3_deserialize(db->db_, "main", copy, sqlite3_int64(image.size()), sqlite3_int64(image.size()),
                                 SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
    check(db->db_, rc, "open database image");
    return db;
}

void Database::replaceContentsWith(Database& source) {
    sqlite3_backup* backup = sqlite3_backup_init(db_, "main", source.db_, "main");
    if (!backup) check(db_, sqlite3_errcode(db_), "replace database");
    int rc = sqlite3_backup_step(backup, -1);  // every page, one transaction
    // finish() rolls the destination back if the step did not complete; its own result repeats the step's error.
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) throw DatabaseError(rc, std::string("replace database: ") + sqlite3_errstr(rc));
}

std::string Database::integrityCheck() {
    Statement check = prepare("PRAGMA integrity_check");
    std::string result;
    while (check.step()) {
        if (!result.empty()) result += '\n';
        result += check.text(0);
    }
    return result;
}

int64_t Database::changes() const { return sqlite3_changes(db_); }
int64_t Database::lastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }
bool Database::inTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

// ---- Transaction -------------------------------------------------------------------------------------------------

Transaction::Transaction(Database& db) : db_(db) {
    if (db.inTransaction()) throw DatabaseError(SQLITE_MISUSE, "a transaction is already open");
    db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (!done_ && db_.inTransaction()) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

}  // namespace storage
