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

    // 2: sync (docs/sync-format.md). Each change keeps its origin device's running number (device_seq: the
    // unique key that makes re-import idempotent) and the version it replaced (base_*). field_versions holds the
    // winning (hlc, device) of every written field; conflicts the losing values kept for review;
    // version_vector what this device holds completely from each device; peers the devices files came from.
    // Rows of version 1 were all written on this device, in seq order.
    R"sql(
    ALTER TABLE change_log ADD COLUMN device_seq  INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE change_log ADD COLUMN base_hlc    INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE change_log ADD COLUMN base_device TEXT NOT NULL DEFAULT '';
    UPDATE change_log SET device_seq = seq;
    UPDATE change_log SET
        base_hlc = coalesce((SELECT p.hlc FROM change_log p WHERE p.entity = change_log.entity AND
            p.record_id = change_log.record_id AND p.field = change_log.field AND p.seq < change_log.seq
            ORDER BY p.seq DESC LIMIT 1), 0),
        base_device = coalesce((SELECT p.device FROM change_log p WHERE p.entity = change_log.entity AND
            p.record_id = change_log.record_id AND p.field = change_log.field AND p.seq < change_log.seq
            ORDER BY p.seq DESC LIMIT 1), '');
    CREATE UNIQUE INDEX change_log_by_origin ON change_log(device, device_seq);

    CREATE TABLE field_versions (
        entity      TEXT NOT NULL,
        record_id   TEXT NOT NULL,
        field       TEXT NOT NULL,
        hlc         INTEGER NOT NULL,
        device      TEXT NOT NULL,
        base_hlc    INTEGER NOT NULL,
        base_device TEXT NOT NULL,
        PRIMARY KEY (entity, record_id, field)
    ) WITHOUT ROWID;
    INSERT INTO field_versions
        SELECT entity, record_id, field, hlc, device, base_hlc, base_device FROM change_log c
        WHERE seq = (SELECT max(p.seq) FROM change_log p
                     WHERE p.entity = c.entity AND p.record_id = c.record_id AND p.field = c.field);

    CREATE TABLE conflicts (
        entity         TEXT NOT NULL,
        record_id      TEXT NOT NULL,
        field          TEXT NOT NULL,
        value          TEXT NOT NULL,     -- the losing value
        device         TEXT NOT NULL,     -- who wrote it
        hlc            INTEGER NOT NULL,  -- when (its HLC)
        detected_at_ms INTEGER NOT NULL,
        PRIMARY KEY (entity, record_id, field, device, hlc)
    ) WITHOUT ROWID;

    CREATE TABLE version_vector (
        device TEXT PRIMARY KEY,
        seq    INTEGER NOT NULL           -- every change of `device` numbered up to seq is here
    ) WITHOUT ROWID;

    CREATE TABLE peers (
        device            TEXT PRIMARY KEY,
        name              TEXT NOT NULL DEFAULT '',
        last_import_at_ms INTEGER,        -- when we last imported a file it exported (our clock)
        last_export_at_ms INTEGER         -- when we last exported a file for it
    ) WITHOUT ROWID;

    CREATE TABLE peer_versions (
        peer   TEXT NOT NULL,
        device TEXT NOT NULL,
        seq    INTEGER NOT NULL,          -- the peer's version vector, as its last file told us
        PRIMARY KEY (peer, device)
    ) WITHOUT ROWID;
    )sql",
};

int latestSchemaVersion() { return int(sizeof kMigrations / sizeof kMigrations[0]); }

void migrate(storage::Database& db, int target) {
    int current = int(db.scalarInteger("PRAGMA user_version"));
    if (current > latestSchemaVersion())
        throw storage::DatabaseError(0, "the database was written by a newer FieldCRM (schema " +
                                            std::to_string(current) + ", this app knows " +
                                            std::to_string(latestSchemaVersion()) + "); update the app");
    for (int version = current + 1; version <= target; version++) {
        storage::Transaction tx(db);
        db.exec(kMigrations[version - 1]);
        db.exec("PRAGMA user_version = " + std::to_string(version));
        tx.commit();
    }
}

}  // namespace core
