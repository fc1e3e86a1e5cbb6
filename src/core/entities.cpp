// The entity registry and the value rules shared by local writes and imported changes.
// Limits here are storage limits (what may travel), not form rules: validation.cpp says what a form accepts.
#include "core/entities.h"

#include "core/text_encoding.h"

namespace core {

const std::vector<EntityTable>& entityTables() {
    static const std::vector<EntityTable> tables = {
        {"customer",
         "customers",
         {{"name", FieldKind::Text},
          {"company", FieldKind::Text},
          {"phone", FieldKind::Text},
          {"email", FieldKind::Text},
          {"city", FieldKind::Text},
          {"tags", FieldKind::Text},
          {"notes", FieldKind::Text},
          {kDeletedField, FieldKind::Flag}}},
    };
    return tables;
}

const EntityTable* findEntity(std::string_view entity) {
    for (const EntityTable& t : entityTables())
        if (entity == t.entity) return &t;
    return nullptr;
}

const EntityField* findField(const EntityTable& table, std::string_view field) {
    for (const EntityField& f : table.fields)
        if (field == f.name) return &f;
    return nullptr;
}

static bool isUtf8(std::string_view s) {
    char32_t cp;
    for (size_t i = 0; i < s.size();)
        if (!nextCodePoint(s, i, cp)) return false;
    return true;
}

std::string valueError(const EntityField& field, std::string_view value) {
    if (field.kind == FieldKind::Flag)
        return value == "0" || value == "1" ? std::string() : std::string("must be \"0\" or \"1\"");
    if (value.size() > kMaxValueBytes)
        return "is " + std::to_string(value.size()) + " bytes, more than the " + std::to_string(kMaxValueBytes) +
               " allowed";
    if (!isUtf8(value)) return "is not valid UTF-8 text";
    return {};
}

}  // namespace core
