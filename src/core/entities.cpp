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
          {"tags", FieldKind::Text},  // schema 2's comma text: still accepted from old files, moved into links
          {"notes", FieldKind::Text},
          {"company_id", FieldKind::Text},
          {"title", FieldKind::Text},
          {"other_phones", FieldKind::Text},
          {"other_emails", FieldKind::Text},
          {"country", FieldKind::Text},
          {"province", FieldKind::Text},
          {"district", FieldKind::Text},
          {"address", FieldKind::Text},
          {"source", FieldKind::Text},
          {"owner", FieldKind::Text},
          {"consent_email", FieldKind::Text},
          {"consent_sms", FieldKind::Text},
          {"consent_phone", FieldKind::Text},
          {"consent_wechat", FieldKind::Text},
          {kDeletedField, FieldKind::Flag}}},
        {"company",
         "companies",
         {{"name", FieldKind::Text},
          {"phone", FieldKind::Text},
          {"email", FieldKind::Text},
          {"website", FieldKind::Text},
          {"industry", FieldKind::Text},
          {"country", FieldKind::Text},
          {"province", FieldKind::Text},
          {"city", FieldKind::Text},
          {"district", FieldKind::Text},
          {"address", FieldKind::Text},
          {"owner", FieldKind::Text},
          {"notes", FieldKind::Text},
          {kDeletedField, FieldKind::Flag}}},
        {"tag", "tags", {{"name", FieldKind::Text}, {"color", FieldKind::Text}, {kDeletedField, FieldKind::Flag}}},
        {"customer_tag",
         "customer_tags",
         {{"customer_id", FieldKind::Text}, {"tag_id", FieldKind::Text}, {kDeletedField, FieldKind::Flag}}},
        {"custom_field",
         "custom_fields",
         {{"label", FieldKind::Text},
          {"kind", FieldKind::Text},
          {"choices", FieldKind::Text},
          {"position", FieldKind::Text},
          {kDeletedField, FieldKind::Flag}}},
        {"custom_value",
         "custom_values",
         {{"customer_id", FieldKind::Text},
          {"field_id", FieldKind::Text},
          {"value", FieldKind::Text},
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
