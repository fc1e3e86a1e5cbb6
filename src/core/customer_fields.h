// User-defined custom fields of customers (text, number, date, single and multiple choice), added at run time
// without a schema change: a definition is a "custom_field" record and each value a "custom_value" record (id
// derived from customer and field), so both travel in sync files like every other field. Values are stored as
// text in one canonical form per kind so that sorting and comparing work the same on every device.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/customer.h"
#include "core/write_path.h"

namespace core {

class CustomFieldService {
public:
    CustomFieldService(storage::Database& db, WritePath& writes) : db_(db), writes_(writes) {}

    std::vector<CustomField> list() const;  // live fields in display order
    std::optional<CustomField> get(const std::string& id) const;
    std::optional<CustomField> findByLabel(const std::string& label) const;  // case-insensitive

    // Throws ValidationError (field "label" or "choices") and writes nothing when the definition is not usable.
    std::string add(CustomField field, const std::string& user);
    void update(const CustomField& field, const std::string& user);
    // Moves a field `offset` places in the display order (-1: up one). It gets a position between its new
    // neighbours, so one record changes; when they share a position (added on two devices at once) all are renumbered.
    void move(const std::string& id, int offset, const std::string& user);
    void remove(const std::string& id, const std::string& user);  // its values stay (restore brings them back)
    void restore(const std::string& id, const std::string& user);

private:
    void check(const CustomField& field) const;

    storage::Database& db_;
    WritePath& writes_;
};

// The canonical stored form of `typed` for the field (numbers "1234.5", dates "2026-12-01", multi-choice one per
// line in the definition's order), or nullopt with `problem` saying why it is not a value of the field. "" is
// always valid (no value).
std::optional<std::string> canonicalCustomValue(const CustomField& field, const std::string& typed,
                                                std::string& problem);

std::vector<CustomField> loadCustomFields(storage::Database& db);

}  // namespace core
