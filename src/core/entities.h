// The single list of synced entities and their fields: what the write path may write, what the change log and
// sync files may carry, and which SQL table and column hold each field. Add an entity or field here (plus its
// columns in a migration) and it is written, logged, exported, merged and conflict-checked like customers are.
// Nothing else may name a synced table or column; this file holds no SQL and knows nothing of sync files.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace core {

// How a field's value is checked. Every value is a UTF-8 string (never null).
enum class FieldKind {
    Text,  // any valid UTF-8 up to kMaxValueBytes
    Flag,  // "0" or "1"; the tombstone field "deleted" is one
};

struct EntityField {
    const char* name;  // as in the change log and sync files; also the SQL column
    FieldKind kind;
};

// Every entity table has the columns id TEXT PRIMARY KEY (a UUID), deleted INTEGER (the tombstone),
// created_at_ms and updated_at_ms, plus one column per field below.
//
// Relations are entities too, so they merge field by field like everything else: a link (customer <-> tag,
// customer -> company) is a record whose fields are its two ends and "deleted". Its id is derived from the two
// ends (a name-based UUID), so two devices adding the same link create the same record, and removing it is
// writing deleted = "1"; last-writer-wins on "deleted" then decides whether the link exists.
struct EntityTable {
    const char* entity;  // "customer"
    const char* table;   // "customers"
    std::vector<EntityField> fields;
};

constexpr const char* kDeletedField = "deleted";
constexpr size_t kMaxValueBytes = 65536;  // the largest field value the write path and sync files accept

const std::vector<EntityTable>& entityTables();
// nullptr when the entity (or the field) is not synced.
const EntityTable* findEntity(std::string_view entity);
const EntityField* findField(const EntityTable& table, std::string_view field);

// Why `value` cannot be stored in `field` ("" when it can): bad UTF-8, too long, not a flag.
std::string valueError(const EntityField& field, std::string_view value);

}  // namespace core
