// CompanyService: companies as "company" records; a rename or delete also rewrites the linked customers.
#include "core/company_service.h"

#include "core/uuid.h"

namespace core {

namespace {

constexpr const char* kColumns = "id, name, phone, email, website, industry, country, province, city, district, "
                                 "address, owner, notes, created_at_ms, updated_at_ms";

Company readCompany(const storage::Statement& s) {
    Company c;
    c.id = s.text(0);
    c.name = s.text(1);
    c.phone = s.text(2);
    c.email = s.text(3);
    c.website = s.text(4);
    c.industry = s.text(5);
    c.country = s.text(6);
    c.province = s.text(7);
    c.city = s.text(8);
    c.district = s.text(9);
    c.address = s.text(10);
    c.owner = s.text(11);
    c.notes = s.text(12);
    c.createdAtMs = s.integer(13);
    c.updatedAtMs = s.integer(14);
    return c;
}

std::vector<FieldValue> recordFields(const Company& c) {
    return {{"name", c.name},         {"phone", c.phone},     {"email", c.email},       {"website", c.website},
            {"industry", c.industry}, {"country", c.country}, {"province", c.province}, {"city", c.city},
            {"district", c.district}, {"address", c.address}, {"owner", c.owner},       {"notes", c.notes}};
}

void prepare(Company& c) {
    c.name = trimmed(c.name);
    c.phone = normalizePhone(trimmed(c.phone));
    c.email = trimmed(c.email);
    std::vector<FieldError> errors = validateCompany(c);
    if (!errors.empty()) throw ValidationError(std::move(errors));
}

}  // namespace

std::string CompanyService::add(Company company, const std::string& user) {
    prepare(company);
    company.id = newUuid();
    std::vector<FieldValue> fields;
    for (FieldValue& f : recordFields(company))
        if (!f.value.empty()) fields.push_back(std::move(f));
    writes_.commit({{"company", company.id, std::move(fields)}}, user);
    return company.id;
}

// The customers linked to a company, rewritten with `fields` (for renames and deletes); returns their ids.
static std::vector<std::string> appendLinkedCustomers(storage::Database& db, const std::string& companyId,
                                                      const std::vector<FieldValue>& fields,
                                                      std::vector<RecordChange>& out) {
    storage::Statement s = db.prepare("SELECT id FROM customers WHERE company_id = ? AND deleted = 0");
    s.bind(1, companyId);
    std::vector<std::string> ids;
    while (s.step()) {
        ids.push_back(s.text(0));
        out.push_back({"customer", ids.back(), fields});
    }
    return ids;
}

void CompanyService::update(Company company, const std::string& user) {
    std::optional<Company> stored = get(company.id);
    if (!stored) throw std::invalid_argument("no company with id " + company.id);
    prepare(company);
    std::vector<FieldValue> before = recordFields(*stored), after = recordFields(company), changed;
    for (size_t i = 0; i < after.size(); i++)
        if (after[i].value != before[i].value) changed.push_back(after[i]);
    if (changed.empty()) return;
    std::vector<RecordChange> changes = {{"company", company.id, std::move(changed)}};
    if (company.name != stored->name) appendLinkedCustomers(db_, company.id, {{"company", company.name}}, changes);
    writes_.commit(changes, user);
}

std::vector<std::string> CompanyService::remove(const std::string& id, const std::string& user) {
    if (!get(id)) throw std::invalid_argument("no company with id " + id);
    std::vector<RecordChange> changes = {{"company", id, {{"deleted", "1"}}}};
    std::vector<std::string> unlinked = appendLinkedCustomers(db_, id, {{"company_id", ""}}, changes);
    writes_.commit(changes, user);
    return unlinked;
}

// The relinked customers get the company's name as it is now, in the same commit as the company itself.
void CompanyService::restore(const std::string& id, const std::string& user, const std::vector<std::string>& relink) {
    storage::Statement s = db_.prepare("SELECT name FROM companies WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) throw std::invalid_argument("no company with id " + id);
    std::string name = s.text(0);
    std::vector<RecordChange> changes = {{"company", id, {{"deleted", "0"}}}};
    storage::Statement customer = db_.prepare("SELECT 1 FROM customers WHERE id = ? AND deleted = 0 AND company_id = ''");
    for (const std::string& customerId : relink) {
        customer.reset();
        customer.bind(1, customerId);
        if (customer.step()) changes.push_back({"customer", customerId, {{"company_id", id}, {"company", name}}});
    }
    writes_.commit(changes, user);
}

std::optional<Company> CompanyService::get(const std::string& id) const {
    storage::Statement s = db_.prepare(std::string("SELECT ") + kColumns + " FROM companies WHERE id = ? AND deleted = 0");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return readCompany(s);
}

std::optional<Company> CompanyService::findByName(const std::string& name) const {
    storage::Statement s = db_.prepare(std::string("SELECT ") + kColumns +
                                       " FROM companies WHERE deleted = 0 AND name = ? COLLATE NOCASE ORDER BY id LIMIT 1");
    s.bind(1, trimmed(name));
    if (!s.step()) return std::nullopt;
    return readCompany(s);
}

std::vector<Company> CompanyService::list(const std::string& search, int limit) const {
    storage::Statement s = db_.prepare(std::string("SELECT ") + kColumns +
                                       " FROM companies WHERE deleted = 0 AND (?1 = '' OR instr(lower(name), lower(?1)) > 0 OR "
                                       "instr(lower(city), lower(?1)) > 0 OR instr(lower(industry), lower(?1)) > 0) "
                                       "ORDER BY name COLLATE NOCASE, id LIMIT ?2");
    s.bind(1, trimmed(search)).bind(2, int64_t(limit));
    std::vector<Company> out;
    while (s.step()) out.push_back(readCompany(s));
    return out;
}

int64_t CompanyService::count() const { return db_.scalarInteger("SELECT count(*) FROM companies WHERE deleted = 0"); }

int64_t CompanyService::customerCount(const std::string& companyId) const {
    storage::Statement s = db_.prepare("SELECT count(*) FROM customers WHERE company_id = ? AND deleted = 0");
    s.bind(1, companyId);
    return s.step() ? s.integer(0) : 0;
}

std::unordered_map<std::string, int64_t> CompanyService::customerCounts() const {
    storage::Statement s = db_.prepare(
        "SELECT company_id, count(*) FROM customers WHERE company_id <> '' AND deleted = 0 GROUP BY company_id");
    std::unordered_map<std::string, int64_t> counts;
    while (s.step()) counts[s.text(0)] = s.integer(1);
    return counts;
}

std::vector<std::string> CompanyService::customerIds(const std::string& companyId, int limit) const {
    storage::Statement s = db_.prepare(
        "SELECT id FROM customers WHERE company_id = ? AND deleted = 0 ORDER BY name COLLATE NOCASE, id LIMIT ?");
    s.bind(1, companyId).bind(2, int64_t(limit));
    std::vector<std::string> ids;
    while (s.step()) ids.push_back(s.text(0));
    return ids;
}

}  // namespace core
