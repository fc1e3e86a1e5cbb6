// Companies (accounts): validation, reads, and writes through the one WritePath. Renaming a company renames it
// on its linked customers in the same commit, so lists, search and exports show the new name at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/customer.h"
#include "core/validation.h"
#include "core/write_path.h"

namespace core {

class CompanyService {
public:
    CompanyService(storage::Database& db, WritePath& writes) : db_(db), writes_(writes) {}

    std::string add(Company company, const std::string& user);  // throws ValidationError
    void update(Company company, const std::string& user);
    void remove(const std::string& id, const std::string& user);  // customers keep the name, lose the link
    void restore(const std::string& id, const std::string& user);

    std::optional<Company> get(const std::string& id) const;
    std::optional<Company> findByName(const std::string& name) const;  // case-insensitive, live only
    // Live companies by name whose name contains `search` (all when ""), at most `limit`.
    std::vector<Company> list(const std::string& search = {}, int limit = 1000) const;
    int64_t count() const;
    int64_t customerCount(const std::string& companyId) const;

private:
    storage::Database& db_;
    WritePath& writes_;
};

}  // namespace core
