// Crm start-up: pragmas, migrations, device identity, and the clock resumed from the change log.
#include "core/crm.h"

#include "core/schema.h"
#include "core/settings.h"
#include "core/uuid.h"

namespace core {

// Runs before any member that needs the schema is built, hence a free function in the initializer list.
static std::string prepareDatabase(storage::Database& db) {
    db.exec("PRAGMA foreign_keys = ON");
    migrate(db);
    Settings settings(db);
    std::string id = settings.get("device_id");
    if (id.empty()) {
        id = newUuid();
        settings.set("device_id", id);
    }
    return id;
}

Crm::Crm(storage::Database& db, Clock& wall)
    : db_(db),
      deviceId_(prepareDatabase(db)),
      hlc_(wall),
      writes_(db, hlc_, deviceId_),
      customers_(db, writes_),
      companies_(db, writes_),
      customFields_(db, writes_),
      conflicts_(db, writes_),
      sync_(db, writes_, hlc_, deviceId_) {
    // Resume after every change logged here (within the skew bound, so a file from 2030 does not drag us along).
    hlc_.observe(uint64_t(db.scalarInteger("SELECT coalesce(max(hlc), 0) FROM change_runs")));
    moveLegacyTags();
}

// Schema 2 kept a customer's tags as comma text in customers.tags; from schema 3 they are tag links. Text left
// there (by the migration, or merged from an old device's file) becomes links, written like any edit, with the
// text cleared, so every device ends up with the same links.
void Crm::moveLegacyTags() {
    std::vector<RecordChange> changes;
    storage::Statement s = db_.prepare("SELECT id, tags FROM customers WHERE tags <> ''");
    while (s.step()) {
        std::string id = s.text(0);
        std::optional<Customer> current = customers_.get(id);
        changes.push_back({"customer", id, {{"tags", ""}}});
        if (!current) continue;  // a deleted customer: just clear the text
        Customer merged = *current;
        merged.tags = current->tags + ", " + s.text(1);
        customers_.prepare(merged);
        customers_.appendUpdate(*current, merged, changes);
    }
    if (!changes.empty()) writes_.commit(changes, "");
}

std::string Crm::deviceName() const { return Settings(db_).get("device_name"); }
void Crm::setDeviceName(const std::string& name) { Settings(db_).set("device_name", name); }
void Crm::housekeeping() { customers_.prepareSearch(); }

int Crm::schemaVersion() const { return int(db_.scalarInteger("PRAGMA user_version")); }

}  // namespace core
