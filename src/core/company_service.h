// Companies (accounts): validation, reads, and writes through the one WritePath. Renaming a company renames it
// on its linked customers in the same commit, so lists, search and exports show the new name at once.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
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
    // Customers keep the name and lose the link; returns the customers unlinked, so that restore() can link them
    // again (an undo).
    std::vector<std::string> remove(const std::string& id, const std::string& user);
    // Brings the company back, and links it again to those of `relink` that are live and still unlinked.
    void restore(const std::string& id, const std::string& user, const std::vector<std::string>& relink = {});

    std::optional<Company> get(const std::string& id) const;
    std::optional<Company> findByName(const std::string& name) const;  // case-insensitive, live only
    // Live companies by name whose name, city or industry contains `search` (all when ""), at most `limit`.
    std::vector<Company> list(const std::string& search = {}, int limit = 1000) const;
    int64_t count() const;
    int64_t customerCount(const std::string& companyId) const;
    // Live customers linked to each company that has any (company id -> count), in one query for a list.
    std::unordered_map<std::string, int64_t> customerCounts() const;
    // The live customers linked to a company, by name, at most `limit`.
    std::vector<std::string> customerIds(const std::string& companyId, int limit = 1000) const;

private:
    storage::Database& db_;
    WritePath& writes_;
};

}  // namespace core
