// dumpCustomers: CustomerService::all() re-sorted by id and written with nlohmann/json's sorted object keys.
#include "core/dump.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace core {

std::string dumpCustomers(const CustomerService& customers) {
    std::vector<Customer> all = customers.all();
    std::sort(all.begin(), all.end(), [](const Customer& a, const Customer& b) { return a.id < b.id; });
    nlohmann::json out = nlohmann::json::array();
    for (const Customer& c : all)
        out.push_back({{"id", c.id}, {"name", c.name}, {"company", c.company}, {"phone", c.phone},
                       {"email", c.email}, {"city", c.city}, {"tags", c.tags}, {"notes", c.notes}});
    return out.dump(2) + "\n";
}

}  // namespace core
