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

    // 3: the customer model (docs/customer-model.md). Companies; customers gain a company link, more phones and
    // emails, a Chinese-style address, source channel, owner and marketing consent; tags and their links to
    // customers, and user-defined custom fields with their values, are records like any other (synced field by
    // field). customers.tags (comma text, schema 2) is kept so old sync files still import; Crm moves its content
    // into tag links on start (core/customer_migration.cpp).
    //
    // Local, never synced: customers.search_doc (the text search matches: names, company, phones, emails, notes,
    // address, tag names, custom text values; lower-case) kept by the triggers below, and customer_search, an FTS5
    // trigram index over it. Its rowids are customers' rowids: never VACUUM without rebuilding it
    // (INSERT INTO customer_search(customer_search) VALUES ('rebuild')).
    R"sql(
    CREATE TABLE companies (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL DEFAULT '',
        phone         TEXT NOT NULL DEFAULT '',
        email         TEXT NOT NULL DEFAULT '',
        website       TEXT NOT NULL DEFAULT '',
        industry      TEXT NOT NULL DEFAULT '',
        country       TEXT NOT NULL DEFAULT '',
        province      TEXT NOT NULL DEFAULT '',
        city          TEXT NOT NULL DEFAULT '',
        district      TEXT NOT NULL DEFAULT '',
        address       TEXT NOT NULL DEFAULT '',
        owner         TEXT NOT NULL DEFAULT '',
        notes         TEXT NOT NULL DEFAULT '',
        deleted       INTEGER NOT NULL DEFAULT 0,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
    );
    CREATE INDEX companies_by_name ON companies(deleted, name COLLATE NOCASE, id);

    ALTER TABLE customers ADD COLUMN company_id     TEXT NOT NULL DEFAULT '';
    ALTER TABLE customers ADD COLUMN title          TEXT NOT NULL DEFAULT '';
    ALTER TABLE customers ADD COLUMN other_phones   TEXT NOT NULL DEFAULT '';  -- normalised, one per line
    ALTER TABLE customers ADD COLUMN other_emails   TEXT NOT NULL DEFAULT '';  -- one per line
    ALTER TABLE customers ADD COLUMN country        TEXT NOT NULL DEFAULT '';
    ALTER TABLE customers ADD COLUMN province       TEXT NOT NULL DEFAULT '';
    ALTER TABLE customers ADD COLUMN district       TEXT NOT NULL DEFAULT '';
    ALTER TABLE customers ADD COLUMN address        TEXT NOT NULL DEFAULT '';  -- street, building, room
    ALTER TABLE customers ADD COLUMN source         TEXT NOT NULL DEFAULT '';  -- web_form, event, referral, …
    ALTER TABLE customers ADD COLUMN owner          TEXT NOT NULL DEFAULT '';  -- the sales rep's user name
    ALTER TABLE customers ADD COLUMN consent_email  TEXT NOT NULL DEFAULT '';  -- "" | "yes:YYYY-MM-DD" | "no:…"
    ALTER TABLE customers ADD COLUMN consent_sms    TEXT NOT NULL DEFAULT '';
    ALTER TABLE customers ADD COLUMN consent_phone  TEXT NOT NULL DEFAULT '';
    ALTER TABLE customers ADD COLUMN consent_wechat TEXT NOT NULL DEFAULT '';
    ALTER TABLE customers ADD COLUMN search_doc     TEXT NOT NULL DEFAULT '';  -- local: see above
    CREATE INDEX customers_by_company ON customers(deleted, company COLLATE NOCASE, id);
    CREATE INDEX customers_by_phone   ON customers(deleted, phone, id);
    CREATE INDEX customers_by_email   ON customers(deleted, email COLLATE NOCASE, id);
    CREATE INDEX customers_by_city    ON customers(deleted, city COLLATE NOCASE, id);
    CREATE INDEX customers_by_company_id ON customers(company_id) WHERE company_id <> '';
    CREATE INDEX customers_with_legacy_tags ON customers(id) WHERE tags <> '';

    CREATE TABLE tags (
        id            TEXT PRIMARY KEY,   -- nameUuid("tag:" + lower-case name): one tag per name on every device
        name          TEXT NOT NULL DEFAULT '',
        color         TEXT NOT NULL DEFAULT '',
        deleted       INTEGER NOT NULL DEFAULT 0,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
    );

    CREATE TABLE customer_tags (
        id            TEXT PRIMARY KEY,   -- nameUuid("customer_tag:" + customer_id + tag_id)
        customer_id   TEXT NOT NULL DEFAULT '',
        tag_id        TEXT NOT NULL DEFAULT '',
        deleted       INTEGER NOT NULL DEFAULT 0,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
    );
    CREATE INDEX customer_tags_by_customer ON customer_tags(customer_id, deleted);
    CREATE INDEX customer_tags_by_tag      ON customer_tags(tag_id, deleted, customer_id);

    CREATE TABLE custom_fields (
        id            TEXT PRIMARY KEY,
        label         TEXT NOT NULL DEFAULT '',
        kind          TEXT NOT NULL DEFAULT 'text',  -- text, number, date, choice, multi_choice
        choices       TEXT NOT NULL DEFAULT '',      -- one per line (choice kinds)
        position      TEXT NOT NULL DEFAULT '0',     -- display order (a number)
        deleted       INTEGER NOT NULL DEFAULT 0,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
    );

    CREATE TABLE custom_values (
        id            TEXT PRIMARY KEY,   -- nameUuid("custom_value:" + customer_id + field_id)
        customer_id   TEXT NOT NULL DEFAULT '',
        field_id      TEXT NOT NULL DEFAULT '',
        value         TEXT NOT NULL DEFAULT '',  -- number: decimal text; date: YYYY-MM-DD; multi: one per line
        deleted       INTEGER NOT NULL DEFAULT 0,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
    );
    CREATE INDEX custom_values_by_customer ON custom_values(customer_id);
    CREATE INDEX custom_values_by_field    ON custom_values(field_id, customer_id);

    -- The search text of each customer, in one place.
    CREATE VIEW customer_search_text(id, doc) AS
    SELECT c.id, lower(c.name || char(10) || c.company || char(10) || c.phone || char(10) || c.other_phones ||
        char(10) || c.email || char(10) || c.other_emails || char(10) || c.title || char(10) || c.notes ||
        char(10) || c.country || ' ' || c.province || ' ' || c.city || ' ' || c.district || ' ' || c.address ||
        coalesce((SELECT char(10) || group_concat(t.name, ' ') FROM customer_tags l JOIN tags t ON t.id = l.tag_id
                  WHERE l.customer_id = c.id AND l.deleted = 0 AND t.deleted = 0), '') ||
        coalesce((SELECT char(10) || group_concat(v.value, char(10)) FROM custom_values v
                  JOIN custom_fields f ON f.id = v.field_id
                  WHERE v.customer_id = c.id AND v.deleted = 0 AND f.deleted = 0 AND f.kind = 'text'), ''))
    FROM customers c;

    CREATE VIRTUAL TABLE customer_search USING fts5(search_doc, content = 'customers', content_rowid = 'rowid',
                                                    tokenize = 'trigram');

    CREATE TRIGGER customers_search_doc AFTER UPDATE OF name, company, phone, other_phones, email, other_emails,
        title, notes, country, province, city, district, address ON customers
    BEGIN
        UPDATE customers SET search_doc = (SELECT doc FROM customer_search_text WHERE id = new.id) WHERE id = new.id;
    END;
    CREATE TRIGGER customer_tags_search_doc AFTER UPDATE ON customer_tags
    BEGIN
        UPDATE customers SET search_doc = (SELECT doc FROM customer_search_text WHERE id = new.customer_id)
        WHERE id = new.customer_id;
    END;
    CREATE TRIGGER tags_search_doc AFTER UPDATE OF name, deleted ON tags
    BEGIN
        UPDATE customers SET search_doc = (SELECT doc FROM customer_search_text s WHERE s.id = customers.id)
        WHERE id IN (SELECT customer_id FROM customer_tags WHERE tag_id = new.id);
    END;
    CREATE TRIGGER custom_values_search_doc AFTER UPDATE ON custom_values
    BEGIN
        UPDATE customers SET search_doc = (SELECT doc FROM customer_search_text WHERE id = new.customer_id)
        WHERE id = new.customer_id;
    END;
    CREATE TRIGGER custom_fields_search_doc AFTER UPDATE OF kind, deleted ON custom_fields
    BEGIN
        UPDATE customers SET search_doc = (SELECT doc FROM customer_search_text s WHERE s.id = customers.id)
        WHERE id IN (SELECT customer_id FROM custom_values WHERE field_id = new.id);
    END;
    -- The index follows search_doc (an external-content FTS5 table is told the old text to remove). One trigger,
    -- so the old text is removed before the new is added (separate triggers would fire newest first).
    CREATE TRIGGER customer_search_follow AFTER UPDATE OF search_doc ON customers
    BEGIN
        INSERT INTO customer_search(customer_search, rowid, search_doc)
            SELECT 'delete', old.rowid, old.search_doc WHERE old.search_doc <> '';
        INSERT INTO customer_search(rowid, search_doc) SELECT new.rowid, new.search_doc WHERE new.search_doc <> '';
    END;

    UPDATE customers SET search_doc = (SELECT doc FROM customer_search_text s WHERE s.id = customers.id);
    )sql",

    // 4: smaller commits. A one-field edit wrote ~20 pages; two of them bought nothing:
    //  - change_log_by_record is read by no query since migration 2 (field_versions answers per-field lookups);
    //  - the search index kept each document's size (for bm25 ranking, which FieldCRM does not use: lists sort by
    //    column), one more b-tree written on every edit. columnsize=0 drops it; the index is rebuilt from
    //    customers.search_doc, which holds the text.
    R"sql(
    DROP INDEX change_log_by_record;
    DROP TABLE customer_search;
    CREATE VIRTUAL TABLE customer_search USING fts5(search_doc, content = 'customers', content_rowid = 'rowid',
                                                    tokenize = 'trigram', columnsize = 0);
    INSERT INTO customer_search(customer_search) VALUES ('rebuild');
    )sql",

    // 5: the search backlog (core/search_index.h). An edit notes the customer and the text the index holds for
    // it instead of writing the index; the backlog is folded into the index in bulk.
    R"sql(
    CREATE TABLE search_backlog (
        customer_rowid INTEGER PRIMARY KEY,  -- customers.rowid
        indexed_doc    TEXT NOT NULL         -- what customer_search holds for it ('' = nothing)
    );
    DROP TRIGGER customer_search_follow;
    CREATE TRIGGER customer_search_follow AFTER UPDATE OF search_doc ON customers
    BEGIN
        INSERT OR IGNORE INTO search_backlog(customer_rowid, indexed_doc) VALUES (old.rowid, old.search_doc);
    END;
    )sql",

    // 6: search without an index on disk. Every live customer's search text is held in memory and scanned per
    // keystroke (core/search_texts.h): at 100k customers that is faster at the 95th percentile than the trigram
    // index (which could not answer 1-2 characters and was slow for common substrings such as 有限公司), and every
    // edit and import stops paying for the index. customers.search_doc stays, kept by the triggers of migration 3.
    R"sql(
    DROP TRIGGER customer_search_follow;
    DROP TABLE search_backlog;
    DROP TABLE customer_search;
    )sql",

    // 7: the change log as runs (docs/storage.md, "Change log"). Schema 2 kept one change_log row per field written,
    // with device UUIDs as text, and a field_versions row per field: ~70% of the database and of an import's time
    // (≈ 12 rows of ~330 bytes per imported customer). Now one change_runs row holds the consecutive changes of one
    // origin device to one record that share their HLC and user (what one edit or one imported customer writes):
    // fields is a JSON array of [field, value] or [field, value, base_hlc, base_device_ref]; its i-th change has the
    // origin number first_seq + i. Device ids are interned in devices. field_versions is gone: a field's version is
    // the greatest version among its logged changes (a losing change is older than the winner by definition), read
    // when a record is written. The view change_log shows the runs as one row per change, as schema 2 did (plus run,
    // the local order, and run_first_seq). Existing changes become runs of one change each.
    //
    // Also: customers.search_doc is no longer rebuilt by a trigger on every row written (an imported customer
    // rebuilt it three times: its row, its tag link, its custom value); writes note the customers whose text may
    // have changed in temp.search_stale (prepareConnection below) and the write path rebuilds each once, at commit.
    R"sql(
    DROP TRIGGER customers_search_doc;
    DROP TRIGGER customer_tags_search_doc;
    DROP TRIGGER tags_search_doc;
    DROP TRIGGER custom_values_search_doc;
    DROP TRIGGER custom_fields_search_doc;

    CREATE TABLE devices (
        ref INTEGER PRIMARY KEY,
        id  TEXT NOT NULL UNIQUE
    );
    INSERT INTO devices(id) SELECT device FROM change_log UNION SELECT base_device FROM change_log
        WHERE base_device <> '' ORDER BY 1;

    CREATE TABLE change_runs (
        seq       INTEGER PRIMARY KEY,   -- the local order
        hlc       INTEGER NOT NULL,
        device    INTEGER NOT NULL,      -- devices.ref of the origin
        first_seq INTEGER NOT NULL,      -- the origin's number of the first change
        user_name TEXT NOT NULL,
        entity    TEXT NOT NULL,
        record_id TEXT NOT NULL,
        fields    TEXT NOT NULL          -- JSON: [[field, value(, base_hlc, base_device_ref)], ...]
    );
    INSERT INTO change_runs(seq, hlc, device, first_seq, user_name, entity, record_id, fields)
        SELECT seq, hlc, (SELECT ref FROM devices WHERE id = c.device), device_seq, user_name, entity, record_id,
            CASE WHEN base_hlc = 0 THEN json_array(json_array(field, coalesce(value, '')))
            ELSE json_array(json_array(field, coalesce(value, ''), base_hlc,
                                       (SELECT ref FROM devices WHERE id = c.base_device))) END
        FROM change_log c ORDER BY seq;
    CREATE UNIQUE INDEX change_runs_by_origin ON change_runs(device, first_seq);
    CREATE INDEX change_runs_by_record ON change_runs(record_id);

    DROP TABLE change_log;
    DROP TABLE field_versions;

    CREATE VIEW change_log(run, run_first_seq, hlc, device, device_seq, user_name, entity, record_id, field, value,
                           base_hlc, base_device) AS
    SELECT r.seq, r.first_seq, r.hlc, d.id, r.first_seq + j.key, r.user_name, r.entity, r.record_id, j.value ->> 0,
        j.value ->> 1, coalesce(j.value ->> 2, 0), coalesce(b.id, '')
    FROM change_runs r JOIN devices d ON d.ref = r.device JOIN json_each(r.fields) j
        LEFT JOIN devices b ON b.ref = j.value ->> 3;
    )sql",

    // 8: lists sorted by a custom field read an index, not a sort of every customer (docs/customer-model.md,
    // "Lists"). custom_values.live_rowid (local, never synced, kept by the triggers below) is the rowid of the
    // value's customer while the value is listed — not deleted, not empty, its customer live — else NULL. Customer
    // rows are never deleted (tombstones) and customers is never VACUUMed (search texts are by rowid too), so a
    // rowid stays its customer's. The partial indexes hold listed values only, keyed by field and value as text
    // (text, date, choice, multi-choice: case-insensitive) or as a number (CAST(value AS REAL); a field's kind can
    // change, so both are kept), then customer id (the tie break) and live_rowid (the search filter tests it, so
    // the walk reads no row). custom_values_present and customers_by_id let the customers without a value be found
    // by merging two index walks.
    R"sql(
    ALTER TABLE custom_values ADD COLUMN live_rowid INTEGER;
    UPDATE custom_values SET live_rowid = CASE WHEN deleted = 0 AND value <> '' THEN
        (SELECT c.rowid FROM customers c WHERE c.id = custom_values.customer_id AND c.deleted = 0) END;

    CREATE INDEX custom_values_text_order ON custom_values(field_id, value COLLATE NOCASE, customer_id, live_rowid)
        WHERE live_rowid IS NOT NULL;
    CREATE INDEX custom_values_number_order ON custom_values(field_id, CAST(value AS REAL), customer_id, live_rowid)
        WHERE live_rowid IS NOT NULL;
    CREATE INDEX custom_values_present ON custom_values(field_id, customer_id, live_rowid) WHERE live_rowid IS NOT NULL;
    CREATE INDEX customers_by_id ON customers(deleted, id);

    -- A value is listed when it is written (the write path inserts a record, then sets its fields) and when its
    -- customer arrives (a sync file may bring the value first), is deleted or is restored.
    CREATE TRIGGER custom_values_live_insert AFTER INSERT ON custom_values
        WHEN new.customer_id <> '' AND new.deleted = 0 AND new.value <> ''
    BEGIN
        UPDATE custom_values SET live_rowid =
            (SELECT c.rowid FROM customers c WHERE c.id = new.customer_id AND c.deleted = 0) WHERE rowid = new.rowid;
    END;
    CREATE TRIGGER custom_values_live AFTER UPDATE OF customer_id, value, deleted ON custom_values
    BEGIN
        UPDATE custom_values SET live_rowid = CASE WHEN new.deleted = 0 AND new.value <> '' THEN
            (SELECT c.rowid FROM customers c WHERE c.id = new.customer_id AND c.deleted = 0) END
        WHERE rowid = new.rowid;
    END;
    CREATE TRIGGER customers_live_values_insert AFTER INSERT ON customers
    BEGIN
        UPDATE custom_values SET live_rowid = CASE WHEN new.deleted = 0 THEN new.rowid END
        WHERE customer_id = new.id AND deleted = 0 AND value <> '';
    END;
    CREATE TRIGGER customers_live_values AFTER UPDATE OF deleted ON customers WHEN old.deleted IS NOT new.deleted
    BEGIN
        UPDATE custom_values SET live_rowid = CASE WHEN new.deleted = 0 THEN new.rowid END
        WHERE customer_id = new.id AND deleted = 0 AND value <> '';
    END;
    )sql",
};

// Not stored, made on every connection: the customers whose search text a write may have changed (the same
// columns and links customer_search_text reads, and whether they are live), rebuilt once each by
// refreshSearchDocs(), which then notes them in search_changed until the in-memory search texts have taken them
// in (core/search_texts.h): so an edit costs those texts the customers it touched, not a read of every customer.
static const char* const kConnectionSchema = R"sql(
    CREATE TEMP TABLE IF NOT EXISTS search_stale (customer_id TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TEMP TABLE IF NOT EXISTS search_changed (customer_id TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TEMP TRIGGER IF NOT EXISTS new_customers_search_stale AFTER INSERT ON main.customers
    BEGIN
        INSERT OR IGNORE INTO search_stale VALUES (new.id);
    END;
    CREATE TEMP TRIGGER IF NOT EXISTS new_customer_tags_search_stale AFTER INSERT ON main.customer_tags
    BEGIN
        INSERT OR IGNORE INTO search_stale VALUES (new.customer_id);
    END;
    CREATE TEMP TRIGGER IF NOT EXISTS new_custom_values_search_stale AFTER INSERT ON main.custom_values
    BEGIN
        INSERT OR IGNORE INTO search_stale VALUES (new.customer_id);
    END;
    CREATE TEMP TRIGGER IF NOT EXISTS customers_search_stale AFTER UPDATE OF name, company, phone, other_phones,
        email, other_emails, title, notes, country, province, city, district, address, deleted ON main.customers
    BEGIN
        INSERT OR IGNORE INTO search_stale VALUES (new.id);
    END;
    CREATE TEMP TRIGGER IF NOT EXISTS customer_tags_search_stale AFTER UPDATE ON main.customer_tags
    BEGIN
        INSERT OR IGNORE INTO search_stale VALUES (old.customer_id), (new.customer_id);
    END;
    CREATE TEMP TRIGGER IF NOT EXISTS tags_search_stale AFTER UPDATE OF name, deleted ON main.tags
    BEGIN
        INSERT OR IGNORE INTO search_stale SELECT customer_id FROM main.customer_tags WHERE tag_id = new.id;
    END;
    CREATE TEMP TRIGGER IF NOT EXISTS custom_values_search_stale AFTER UPDATE OF customer_id, field_id, value, deleted
        ON main.custom_values
    BEGIN
        INSERT OR IGNORE INTO search_stale VALUES (old.customer_id), (new.customer_id);
    END;
    CREATE TEMP TRIGGER IF NOT EXISTS custom_fields_search_stale AFTER UPDATE OF kind, deleted ON main.custom_fields
    BEGIN
        INSERT OR IGNORE INTO search_stale SELECT customer_id FROM main.custom_values WHERE field_id = new.id;
    END;
)sql";

// temp_store = MEMORY: search_stale (a row per customer an import writes) and SQLite's statement journals live
// in memory instead of a temporary file that a big import spills to page by page.
void prepareConnection(storage::Database& db) {
    db.exec("PRAGMA temp_store = MEMORY;");
    db.exec(kConnectionSchema);
}

void refreshSearchDocs(storage::Database& db) {
    db.exec("UPDATE customers SET search_doc = (SELECT doc FROM customer_search_text s WHERE s.id = customers.id) "
            "WHERE id IN (SELECT customer_id FROM temp.search_stale);"
            "INSERT OR IGNORE INTO temp.search_changed SELECT customer_id FROM temp.search_stale;"
            "DELETE FROM temp.search_stale;");
}

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
