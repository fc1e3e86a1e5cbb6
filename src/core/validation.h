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

std::vector<FieldError> validateCustomer(const Customer& customer);

// Phone numbers are stored as digits with an optional leading '+'; spaces, dashes, dots and brackets are dropped.
std::string normalizePhone(const std::string& raw);

// Thrown by services when a record fails validation; nothing has been written.
struct ValidationError : std::runtime_error {
    std::vector<FieldError> errors;
    explicit ValidationError(std::vector<FieldError> e);
};

}  // namespace core
