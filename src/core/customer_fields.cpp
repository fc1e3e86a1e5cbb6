// Custom field definitions (records of entity "custom_field") and the canonical forms of their values.
#include "core/customer_fields.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/uuid.h"
#include "core/validation.h"

namespace core {

const char* customFieldKindName(CustomFieldKind kind) {
    switch (kind) {
        case CustomFieldKind::Text: return "text";
        case CustomFieldKind::Number: return "number";
        case CustomFieldKind::Date: return "date";
        case CustomFieldKind::Choice: return "choice";
        case CustomFieldKind::MultiChoice: return "multi_choice";
    }
    return "text";
}

bool parseCustomFieldKind(const std::string& name, CustomFieldKind& kind) {
    for (CustomFieldKind k : {CustomFieldKind::Text, CustomFieldKind::Number, CustomFieldKind::Date,
                              CustomFieldKind::Choice, CustomFieldKind::MultiChoice})
        if (name == customFieldKindName(k)) {
            kind = k;
            return true;
        }
    return false;
}

static std::string joinLines(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : "\n") + item;
    return out;
}

static std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string item = trimmed(text.substr(start, end - start));
        if (!item.empty()) out.push_back(item);
        start = end + 1;
    }
    return out;
}

// Numbers are stored as the shortest decimal text that reads back to the same double ("12", "0.1", "-3.5e+20").
static std::string canonicalNumber(double v) {
    char buf[40];
    for (int precision = 1; precision <= 17; precision++) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}

std::optional<std::string> canonicalCustomValue(const CustomField& field, const std::string& typed,
                                                std::string& problem) {
    std::string t = trimmed(typed);
    if (t.empty()) return std::string();
    switch (field.kind) {
        case CustomFieldKind::Text:
            if (typed.size() > 2000) {
                problem = "is longer than 2000 bytes";
                return std::nullopt;
            }
            return typed;
        case CustomFieldKind::Number: {
            std::string plain;
            for (char c : t)
                if (c != ',' && c != ' ') plain += c;  // "1,234.5" as Excel writes it
            char* end = nullptr;
            double v = std::strtod(plain.c_str(), &end);
            if (plain.empty() || *end != '\0' || !std::isfinite(v)) {
                problem = "is not a number";
                return std::nullopt;
            }
            return canonicalNumber(v);
        }
        case CustomFieldKind::Date: {
            std::string d = parseDate(t);
            if (d.empty()) {
                problem = "is not a date (YYYY-MM-DD)";
                return std::nullopt;
            }
            return d;
        }
        case CustomFieldKind::Choice:
        case CustomFieldKind::MultiChoice: {
            std::vector<std::string> picked =
                field.kind == CustomFieldKind::Choice ? std::vector<std::string>{t} : splitList(t);
            std::vector<std::string> out;
            for (const std::string& choice : field.choices)
                for (const std::string& p : picked)
                    if (p == choice && std::find(out.begin(), out.end(), choice) == out.end()) out.push_back(choice);
            for (const std::string& p : picked)
                if (std::find(field.choices.begin(), field.choices.end(), p) == field.choices.end()) {
                    problem = "\"" + p + "\" is not one of the choices";
                    return std::nullopt;
                }
            return joinLines(out);
        }
    }
    return std::nullopt;
}

static CustomField readField(const storage::Statement& s) {
    CustomField f;
    f.id = s.text(0);
    f.label = s.text(1);
    parseCustomFieldKind(s.text(2), f.kind);
    f.choices = lines(s.text(3));
    f.position = std::strtod(s.text(4).c_str(), nullptr);
    return f;
}

static constexpr const char* kFieldColumns = "id, label, kind, choices, position";

std::vector<CustomField> loadCustomFields(storage::Database& db) {
    storage::Statement s = db.prepare(std::string("SELECT ") + kFieldColumns +
                                      " FROM custom_fields WHERE deleted = 0 AND label <> '' "
                                      "ORDER BY CAST(position AS REAL), label COLLATE NOCASE, id");
    std::vector<CustomField> out;
    while (s.step()) out.push_back(readField(s));
    return out;
}

std::vector<CustomField> CustomFieldService::list() const { return loadCustomFields(db_); }

std::optional<CustomField> CustomFieldService::get(const std::string& id) const {
    for (CustomField& f : list())
        if (f.id == id) return f;
    return std::nullopt;
}

std::optional<CustomField> CustomFieldService::findByLabel(const std::string& label) const {
    storage::Statement s = db_.prepare(std::string("SELECT ") + kFieldColumns +
                                       " FROM custom_fields WHERE deleted = 0 AND label = ? COLLATE NOCASE LIMIT 1");
    s.bind(1, trimmed(label));
    if (!s.step()) return std::nullopt;
    return readField(s);
}

void CustomFieldService::check(const CustomField& field) const {
    std::vector<FieldError> errors;
    std::string label = trimmed(field.label);
    if (label.empty()) errors.push_back({"label", "required", "is required"});
    else if (label.size() > 100) errors.push_back({"label", "too_long", "is longer than 100 bytes"});
    else if (std::optional<CustomField> other = findByLabel(label); other && other->id != field.id)
        errors.push_back({"label", "duplicate", "is the name of another custom field"});
    bool choices = field.kind == CustomFieldKind::Choice || field.kind == CustomFieldKind::MultiChoice;
    if (choices && field.choices.empty()) errors.push_back({"choices", "required", "needs at least one choice"});
    if (joinLines(field.choices).size() > 5000) errors.push_back({"choices", "too_long", "are longer than 5000 bytes"});
    if (!errors.empty()) throw ValidationError(std::move(errors));
}

static std::vector<std::string> cleanChoices(const std::vector<std::string>& choices) {
    std::vector<std::string> out;
    for (const std::string& c : choices) {
        std::string t = trimmed(c);
        if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    }
    return out;
}

std::string CustomFieldService::add(CustomField field, const std::string& user) {
    field.label = trimmed(field.label);
    field.choices = cleanChoices(field.choices);
    check(field);
    field.id = newUuid();
    if (field.position == 0) {
        std::vector<CustomField> existing = list();
        field.position = existing.empty() ? 1 : existing.back().position + 1;
    }
    std::vector<FieldValue> values = {{"label", field.label},
                                      {"kind", customFieldKindName(field.kind)},
                                      {"position", canonicalNumber(field.position)}};
    if (!field.choices.empty()) values.push_back({"choices", joinLines(field.choices)});
    writes_.commit({{"custom_field", field.id, values}}, user);
    return field.id;
}

void CustomFieldService::update(const CustomField& changed, const std::string& user) {
    std::optional<CustomField> stored = get(changed.id);
    if (!stored) throw std::invalid_argument("no custom field with id " + changed.id);
    CustomField field = changed;
    field.label = trimmed(field.label);
    field.choices = cleanChoices(field.choices);
    check(field);
    std::vector<FieldValue> values;
    if (field.label != stored->label) values.push_back({"label", field.label});
    if (field.kind != stored->kind) values.push_back({"kind", customFieldKindName(field.kind)});
    if (field.choices != stored->choices) values.push_back({"choices", joinLines(field.choices)});
    if (field.position != stored->position) values.push_back({"position", canonicalNumber(field.position)});
    if (!values.empty()) writes_.commit({{"custom_field", field.id, values}}, user);
}

void CustomFieldService::move(const std::string& id, int offset, const std::string& user) {
    std::vector<CustomField> fields = list();
    auto it = std::find_if(fields.begin(), fields.end(), [&](const CustomField& f) { return f.id == id; });
    if (it == fields.end()) throw std::invalid_argument("no custom field with id " + id);
    int from = int(it - fields.begin()), last = int(fields.size()) - 1;
    int to = std::clamp(from + offset, 0, last);
    if (to == from) return;
    CustomField moved = *it;
    fields.erase(it);
    fields.insert(fields.begin() + to, moved);
    double position = to == 0      ? fields[1].position - 1
                      : to == last ? fields[last - 1].position + 1
                                   : (fields[to - 1].position + fields[to + 1].position) / 2;
    bool between = (to == 0 || fields[to - 1].position < position) && (to == last || position < fields[to + 1].position);
    std::vector<RecordChange> changes;
    if (between) {
        changes.push_back({"custom_field", id, {{"position", canonicalNumber(position)}}});
    } else {
        for (size_t i = 0; i < fields.size(); i++)
            if (fields[i].position != double(i + 1))
                changes.push_back({"custom_field", fields[i].id, {{"position", canonicalNumber(double(i + 1))}}});
    }
    if (!changes.empty()) writes_.commit(changes, user);
}

void CustomFieldService::remove(const std::string& id, const std::string& user) {
    if (!get(id)) throw std::invalid_argument("no custom field with id " + id);
    writes_.commit({{"custom_field", id, {{"deleted", "1"}}}}, user);
}

void CustomFieldService::restore(const std::string& id, const std::string& user) {
    writes_.commit({{"custom_field", id, {{"deleted", "0"}}}}, user);
}

}  // namespace core
