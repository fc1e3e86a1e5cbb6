// Customers: validation, reads for lists and forms, and writes through the one WritePath.
// Reads return only live customers (not deleted) unless asked otherwise.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/customer.h"
#include "core/validation.h"
#include "core/write_path.h"

namespace core {

class CustomerService {
public:
    CustomerService(storage::Database& db, WritePath& writes) : db_(db), writes_(writes) {}

    std::vector<FieldError> validate(const Customer& customer) const { return validateCustomer(customer); }

    std::string add(Customer customer, const std::string& user);   // returns the new id; throws ValidationError
    void update(Customer customer, const std::string& user);       // writes only the fields that changed
    void remove(const std::string& id, const std::string& user);   // tombstone; restore() undoes it
    void restore(const std::string& id, const std::string& user);

    std::optional<Customer> get(const std::string& id) const;
    int64_t count() const;
    // Ids of all live customers in display order (ties broken by id so the order is total and stable).
    std::vector<std::string> listIds(CustomerSort sort, bool ascending) const;
    std::vector<Customer> getMany(const std::vector<std::string>& ids) const;  // same order as ids; missing skipped
    std::vector<Customer> all() const;                                       // by name, for dumps and tests

private:
    storage::Database& db_;
    WritePath& writes_;
};

}  // namespace core
