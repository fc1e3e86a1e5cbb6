// Customer validation rules. Limits are generous (names from any script) but bounded so one field cannot
// blow up a form, an export line or a sync file.
#include "core/validation.h"

#include <cctype>

namespace core {

ValidationError::ValidationError(std::vector<FieldError> e)
    : std::runtime_error(e.empty() ? "invalid record" : e.front().field + ": " + e.front().message), errors(std::move(e)) {}

static bool isBlank(const std::string& s) {
    for (unsigned char c : s)
        if (!std::isspace(c)) return false;
    return true;
}

std::string normalizePhone(const std::string& raw) {
    std::string out;
    for (size_t i = 0; i < raw.size(); i++) {
        char c = raw[i];
        if (c >= '0' && c <= '9') out += c;
        else if (c == '+' && out.empty()) out += c;
        else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') continue;
        else return raw;  // not a phone number we understand: keep it as typed, validation reports it
    }
    return out;
}

// user@domain.tld: one '@', non-empty local part, a dot in the domain, no spaces; UTF-8 letters allowed.
static bool looksLikeEmail(const std::string& s) {
    size_t at = s.find('@');
    if (at == std::string::npos || at == 0 || s.find('@', at + 1) != std::string::npos) return false;
    std::string domain = s.substr(at + 1);
    size_t dot = domain.rfind('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 >= domain.size()) return false;
    if (domain.find("..") != std::string::npos) return false;
    for (unsigned char c : s)
        if (std::isspace(c) || c < 0x20) return false;
    return true;
}

static bool looksLikePhone(const std::string& normalized) {
    size_t start = normalized.size() && normalized[0] == '+' ? 1 : 0;
    size_t digits = normalized.size() - start;
    if (digits < 5 || digits > 15) return false;  // E.164 allows at most 15 digits
    for (size_t i = start; i < normalized.size(); i++)
        if (normalized[i] < '0' || normalized[i] > '9') return false;
    return true;
}

std::vector<FieldError> validateCustomer(const Customer& c) {
    std::vector<FieldError> errors;
    auto tooLong = [&](const char* field, const std::string& value, size_t limit) {
        if (value.size() > limit)
            errors.push_back({field, "too_long", "is longer than " + std::to_string(limit) + " bytes"});
    };
    if (isBlank(c.name)) errors.push_back({"name", "required", "is required"});
    tooLong("name", c.name, 200);
    tooLong("company", c.company, 200);
    tooLong("city", c.city, 100);
    tooLong("tags", c.tags, 500);
    tooLong("notes", c.notes, 20000);
    if (!c.email.empty() && !looksLikeEmail(c.email))
        errors.push_back({"email", "email_syntax", "is not an email address (name@example.com)"});
    tooLong("email", c.email, 254);
    if (!c.phone.empty() && !looksLikePhone(normalizePhone(c.phone)))
        errors.push_back({"phone", "phone_syntax", "is not a phone number (5 to 15 digits, optional +)"});
    return errors;
}

}  // namespace core
