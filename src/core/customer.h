// The Customer record as the CRM sees it: a person a sales rep sells to.
// Plain data only; reading and writing customers goes through CustomerService.
#pragma once

#include <cstdint>
#include <string>

namespace core {

struct Customer {
    std::string id;       // UUID, stable across devices
    std::string name;     // required
    std::string company;
    std::string phone;    // stored normalised (normalizePhone: national form for China, +E.164 otherwise, xEXT)
    std::string email;
    std::string city;
    std::string tags;     // comma-separated for now; a tag table replaces this with the customer-model issue
    std::string notes;
    int64_t createdAtMs = 0;
    int64_t updatedAtMs = 0;
};

// The columns a customer list can be sorted by.
enum class CustomerSort { Name, Company, Phone, Email, City, UpdatedAt };

}  // namespace core
