// Field validation for CRM records: what a form shows under a field, and what the services refuse to store.
// Pure functions over plain data: no database, no UI.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "core/customer.h"

namespace core {

struct FieldError {
    std::string field;    // field name as in the record ("name", "email", …)
    std::string code;     // stable machine code ("required", "email_syntax", "phone_syntax", "too_long")
    std::string message;  // English text; the UI may translate by code
};

// The rules of every customer field on its own (required fields beyond the name, and custom values, are checked
// by CustomerService, which knows the settings and the custom field definitions).
std::vector<FieldError> validateCustomer(const Customer& customer);
std::vector<FieldError> validateCompany(const Company& company);

bool looksLikeEmail(const std::string& text);
// A calendar date written YYYY-MM-DD (also accepted: YYYY/MM/DD, YYYY.MM.DD, YYYY年MM月DD日), as YYYY-MM-DD; "" if none.
std::string parseDate(const std::string& typed);
// Splits a list typed one per line or separated by , ; ， ；、 into trimmed, non-empty items.
std::vector<std::string> splitList(const std::string& text);
std::string trimmed(const std::string& text);

// Phone numbers have one stored form each, so the same number typed two ways is found as a duplicate:
//   mainland China in national form: mobile "13800138000", landline with area code "01065529988", hotline
//   "4008108888" (also when typed with +86 or 0086); other countries in E.164: "+14155550100"; an extension
//   after an 'x': "01012345678x123" (typed as 转123, ext. 123, #123, or a last dash group: 010-12345678-123).
// Full-width digits, spaces, dashes, dots and brackets are understood. What is no phone number we understand is
// returned as typed; validateCustomer says why it is not one.
std::string normalizePhone(const std::string& raw);
// For display: "138 0013 8000", "010 6552 9988", "0755 123 4567 ext. 89", "400 810 8888", "+1 415 555 0100",
// "+852 9123 4567", "+44 2079460958" (other countries: country code split off only). Anything else as it is.
std::string formatPhone(const std::string& stored);

// Thrown by services when a record fails validation; nothing has been written.
struct ValidationError : std::runtime_error {
    std::vector<FieldError> errors;
    explicit ValidationError(std::vector<FieldError> e);
};

}  // namespace core
