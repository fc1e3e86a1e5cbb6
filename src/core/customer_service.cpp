// CustomerService: turns form-level operations into validated RecordChanges and answers list/detail reads.
#include "core/customer_service.h"

#include "core/uuid.h"

namespace core {

namespace {

constexpr const char* kColumns = "id, name, company, phone, email, city, tags, notes, created_at_ms, updated_at_ms";

Customer readCustomer(const storage::Statement& s) {
    Customer c;
    c.id = s.text(0);
    c.name = s.text(1);
    c.company = s.text(2);
    c.phone = s.text(3);
    c.email = s.text(4);
    c.city = s.text(5);
    c.tags = s.text(6);
    c.notes = s.text(7);
    c.createdAtMs = s.integer(8);
    c.updatedAtMs = s.integer(9);
    return c;
}

// The editable fields in one place, so add, update and the change log agree on them.
std::vector<FieldValue> editableFields(const Customer& c) {
    return {{"name", c.name},   {"company", c.company}, {"phone", c.phone}, {"email", c.email},
            {"city", c.city},   {"tags", c.tags},       {"notes", c.notes}};
}

void prepareForStorage(Customer& c) {
    c.phone = normalizePhone(c.phone);
    std::vector<FieldError> errors = validateCustomer(c);
    if (!errors.empty()) throw ValidationError(std::move(errors));
}

const char* orderBy(CustomerSort sort) {
    switch (sort) {
        case CustomerSort::Name: return "name COLLATE NOCASE";
        case CustomerSort::Company: return "company COLLATE NOCASE";
        case CustomerSort::Phone: return "phone";
        case CustomerSort::Email: return "email COLLATE NOCASE";
        case CustomerSort::City: return "city COLLATE NOCASE";
        case CustomerSort::UpdatedAt: return "updated_at_ms";
    }
    return "name COLLATE NOCASE";
}

}  // namespace

std::string CustomerService::add(Customer customer, const std::string& user) {
    prepareForStorage(customer);
    customer.id = newUuid();
    std::vector<FieldValue> fields;
    for (FieldValue& f : editableFields(customer))
        if (!f.value.empty()) fields.push_back(std::move(f));
    writes_.commit({{"customer", customer.id, std::move(fields)}}, user);
    return customer.id;
}

void CustomerService::update(Customer customer, const std::string& user) {
    std::optional<Customer> stored = get(customer.id);
    if (!stored) throw std::invalid_argument("no customer with id " + customer.id);
    prepareForStorage(customer);
    std::vector<FieldValue> before = editableFields(*stored);
    std::vector<FieldValue> after = editableFields(customer);
    std::vector<FieldValue> changed;
    for (size_t i = 0; i < after.size(); i++)
        if (after[i].value != before[i].value) changed.push_back(after[i]);
    if (changed.empty()) return;
    writes_.commit({{"customer", customer.id, std::move(changed)}}, user);
}

void CustomerService::remove(const std::string& id, const std::string& user) {
    if (!get(id)) throw std::invalid_argument("no customer with id " + id);
    writes_.commit({{"customer", id, {{"deleted", "1"}}}}, user);
}

void CustomerService::restore(const std::string& id, const std::string& user) {
    storage::Statement s = db_.prepare("SELECT deleted FROM customers WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) throw std::invalid_argument("no customer with id " + id);
    if (s.integer(0) == 0) return;
    writes_.commit({{"customer", id, {{"deleted", "0"}}}}, user);
}

std::optional<Customer> CustomerService::get(const std::string& id) const {
    storage::Statement s = db_.prepare(std::string("SELECT ") + kColumns + " FROM customers WHERE id = ? AND deleted = 0");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return readCustomer(s);
}

int64_t CustomerService::count() const { return db_.scalarInteger("SELECT count(*) FROM customers WHERE deleted = 0"); }

std::vector<std::string> CustomerService::listIds(CustomerSort sort, bool ascending) const {
    const char* direction = ascending ? " ASC" : " DESC";
    storage::Statement s = db_.prepare(std::string("SELECT id FROM customers WHERE deleted = 0 ORDER BY ") +
                                       orderBy(sort) + direction + ", id" + direction);
    std::vector<std::string> ids;
    while (s.step()) ids.push_back(s.text(0));
    return ids;
}

std::vector<Customer> CustomerService::getMany(const std::vector<std::string>& ids) const {
    storage::Statement s = db_.prepare(std::string("SELECT ") + kColumns + " FROM customers WHERE id = ? AND deleted = 0");
    std::vector<Customer> out;
    out.reserve(ids.size());
    for (const std::string& id : ids) {
        s.reset();
        s.bind(1, id);
        if (s.step()) out.push_back(readCustomer(s));
    }
    return out;
}

std::vector<Customer> CustomerService::all() const {
    storage::Statement s = db_.prepare(std::string("SELECT ") + kColumns +
                                       " FROM customers WHERE deleted = 0 ORDER BY name COLLATE NOCASE, id");
    std::vector<Customer> out;
    while (s.step()) out.push_back(readCustomer(s));
    return out;
}

}  // namespace core
