// The numbered migrations. Never edit a migration that has shipped: add the next number instead.
#include "core/schema.h"

#include <string>

namespace core {

static const char* const kMigrations[] = {
    // 1: device settings, customers, and the change log written by WritePath.
    R"sql(
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE customers (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL DEFAULT '',
        company       TEXT NOT NULL DEFAULT '',
        phone         TEXT NOT NULL DEFAULT '',
        email         TEXT NOT NULL DEFAULT '',
        city          TEXT NOT NULL DEFAULT '',
        tags          TEXT NOT NULL DEFAULT '',
        notes         TEXT NOT NULL DEFAULT '',
        deleted       INTEGER NOT NULL DEFAULT 0,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
    );
    CREATE INDEX customers_by_name    ON customers(deleted, name COLLATE NOCASE, id);
    CREATE INDEX customers_by_updated ON customers(deleted, updated_at_ms, id);

    -- One row per field written. seq is the local order; (hlc, device) the global one.
    CREATE TABLE change_log (
        seq       INTEGER PRIMARY KEY,
        hlc       INTEGER NOT NULL,
        device    TEXT NOT NULL,
        user_name TEXT NOT NULL,
        entity    TEXT NOT NULL,
        record_id TEXT NOT NULL,
        field     TEXT NOT NULL,
        value     TEXT
    );
    CREATE INDEX change_log_by_record ON change_log(entity, record_id, field);
    )sql",
};

int latestSchemaVersion() { return int(sizeof kMigrations / sizeof kMigrations[0]); }

void migrate(storage::Database& db) {
    int current = int(db.scalarInteger("PRAGMA user_version"));
    if (current > latestSchemaVersion())
        throw storage::DatabaseError(0, "the database was written by a newer FieldCRM (schema " +
                                            std::to_string(current) + ", this app knows " +
                                            std::to_string(latestSchemaVersion()) + "); update the app");
    for (int version = current + 1; version <= latestSchemaVersion(); version++) {
        storage::Transaction tx(db);
        db.exec(kMigrations[version - 1]);
        db.exec("PRAGMA user_version = " + std::to_string(version));
        tx.commit();
    }
}

}  // namespace core
