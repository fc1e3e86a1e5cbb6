// CustomerService: turns form-level operations into validated RecordChanges (the customer record, its tag links,
// its custom values) and answers list, search and detail reads.
//
// Index: ids and tags · reading a customer · validation · writes · bulk changes · list queries (search, filters,
// keyset paging) · lookups
#include "core/customer_service.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include "core/customer_fields.h"
#include "core/entities.h"
#include "core/settings.h"
#include "core/text_encoding.h"
#include "core/uuid.h"

namespace core {

// ---- ids and tags --------------------------------------------------------------------------------------------------

static std::string asciiLower(std::string s) {
    for (char& c : s) c = char(std::tolower((unsigned char)c));
    return s;
}

std::vector<std::string> splitTagNames(const std::string& text) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const std::string& name : splitList(text))
        if (seen.insert(asciiLower(name)).second) out.push_back(name);
    return out;
}

std::string tagIdFor(const std::string& name) { return nameUuid(kFieldCrmNamespace, "tag:" + asciiLower(trimmed(name))); }
std::string tagLinkId(const std::string& customerId, const std::string& tagId) {
    return nameUuid(kFieldCrmNamespace, "customer_tag:" + customerId + tagId);
}
std::string customValueId(const std::string& customerId, const std::string& fieldId) {
    return nameUuid(kFieldCrmNamespace, "custom_value:" + customerId + fieldId);
}

// ---- reading a customer --------------------------------------------------------------------------------------------

namespace {

// The customer columns in the order readCustomer() expects, plus the tag names (sorted so every device agrees).
constexpr const char* kColumns =
    "c.id, c.name, c.company, c.phone, c.email, c.city, c.notes, c.created_at_ms, c.updated_at_ms, c.company_id, "
    "c.title, c.other_phones, c.other_emails, c.country, c.province, c.district, c.address, c.source, c.owner, "
    "c.consent_email, c.consent_sms, c.consent_phone, c.consent_wechat, "
    "coalesce((SELECT group_concat(name, ', ') FROM (SELECT t.name FROM customer_tags l JOIN tags t ON t.id = l.tag_id "
    "WHERE l.customer_id = c.id AND l.deleted = 0 AND t.deleted = 0 ORDER BY t.name COLLATE NOCASE, t.name)), '')";
constexpr int kColumnCount = 24;

Customer readCustomer(const storage::Statement& s) {
    Customer c;
    c.id = s.text(0);
    c.name = s.text(1);
    c.company = s.text(2);
    c.phone = s.text(3);
    c.email = s.text(4);
    c.city = s.text(5);
    c.notes = s.text(6);
    c.createdAtMs = s.integer(7);
    c.updatedAtMs = s.integer(8);
    c.companyId = s.text(9);
    c.title = s.text(10);
    c.otherPhones = s.text(11);
    c.otherEmails = s.text(12);
    c.country = s.text(13);
    c.province = s.text(14);
    c.district = s.text(15);
    c.address = s.text(16);
    c.source = s.text(17);
    c.owner = s.text(18);
    for (size_t i = 0; i < kConsentChannels.size(); i++) {
        std::string v = s.text(19 + int(i));
        if (!v.empty()) c.consent[kConsentChannels[i]] = v;
    }
    c.tags = s.text(23);
    return c;
}

// Custom values of customers read one by one with one prepared statement.
struct CustomValueReader {
    storage::Statement s;
    explicit CustomValueReader(storage::Database& db)
        : s(db.prepare("SELECT v.field_id, v.value FROM custom_values v JOIN custom_fields f ON f.id = v.field_id "
                       "WHERE v.customer_id = ? AND v.deleted = 0 AND f.deleted = 0 AND v.value <> ''")) {}
    void fill(Customer& c) {
        s.reset();
        s.bind(1, c.id);
        while (s.step()) c.custom[s.text(0)] = s.text(1);
    }
};

// The synced customer fields other than tags and custom values, as (field, value), in one place so that add,
// update and the change log agree on them.
std::vector<FieldValue> recordFields(const Customer& c) {
    std::vector<FieldValue> f = {
        {"name", c.name},         {"company", c.company},        {"phone", c.phone},
        {"email", c.email},       {"city", c.city},              {"notes", c.notes},
        {"company_id", c.companyId}, {"title", c.title},         {"other_phones", c.otherPhones},
        {"other_emails", c.otherEmails}, {"country", c.country}, {"province", c.province},
        {"district", c.district}, {"address", c.address},        {"source", c.source},
        {"owner", c.owner}};
    for (const std::string& channel : kConsentChannels) {
        auto it = c.consent.find(channel);
        f.push_back({"consent_" + channel, it == c.consent.end() ? std::string() : it->second});
    }
    return f;
}

}  // namespace

// ---- validation ----------------------------------------------------------------------------------------------------

static const char* kRequiredSetting = "customer_required_fields";

std::vector<std::string> CustomerService::requiredFields() const {
    std::vector<std::string> out = {"name"};
    for (const std::string& f : splitList(Settings(db_).get(kRequiredSetting)))
        if (f != "name") out.push_back(f);
    return out;
}

void CustomerService::setRequiredFields(const std::vector<std::string>& fields) {
    std::string text;
    for (const std::string& f : fields)
        if (f != "name") text += (text.empty() ? "" : ",") + f;
    Settings(db_).set(kRequiredSetting, text);
}

static std::string fieldText(const Customer& c, const std::string& field) {
    for (const FieldValue& f : recordFields(c))
        if (f.field == field) return f.value;
    if (field == "tags") return c.tags;
    if (field.rfind("custom:", 0) == 0) {
        auto it = c.custom.find(field.substr(7));
        return it == c.custom.end() ? std::string() : it->second;
    }
    return "";
}

CustomerService::Rules CustomerService::rules() const { return {loadCustomFields(db_), requiredFields()}; }

std::vector<FieldError> CustomerService::validate(const Customer& customer) const { return validate(customer, rules()); }

std::vector<FieldError> CustomerService::validate(const Customer& customer, const Rules& rules) const {
    std::vector<FieldError> errors = validateCustomer(customer);
    for (const std::string& field : rules.required) {
        if (field == "name") continue;
        if (trimmed(fieldText(customer, field)).empty()) errors.push_back({field, "required", "is required"});
    }
    for (const auto& entry : customer.custom) {
        const std::string& fieldId = entry.first;
        const std::string& value = entry.second;
        auto def = std::find_if(rules.customFields.begin(), rules.customFields.end(),
                                [&](const CustomField& f) { return f.id == fieldId; });
        if (def == rules.customFields.end()) {
            if (!value.empty()) errors.push_back({"custom:" + fieldId, "unknown_field", "is not a custom field"});
            continue;
        }
        std::string problem;
        std::optional<std::string> canonical = canonicalCustomValue(*def, value, problem);
        if (!canonical || *canonical != value) errors.push_back({"custom:" + fieldId, "custom_value", problem});
    }
    return errors;
}

void CustomerService::normalize(Customer& c, const Rules& rules) {
    c.phone = normalizePhone(trimmed(c.phone));
    c.email = trimmed(c.email);
    std::string phones;
    for (const std::string& p : splitList(c.otherPhones)) phones += (phones.empty() ? "" : "\n") + normalizePhone(p);
    c.otherPhones = phones;
    std::string emails;
    for (const std::string& e : splitList(c.otherEmails)) emails += (emails.empty() ? "" : "\n") + e;
    c.otherEmails = emails;
    std::string tags;
    for (const std::string& t : splitTagNames(c.tags)) tags += (tags.empty() ? "" : ", ") + t;
    c.tags = tags;
    for (auto& entry : c.custom) {
        const std::string& fieldId = entry.first;
        std::string& value = entry.second;
        auto def = std::find_if(rules.customFields.begin(), rules.customFields.end(),
                                [&](const CustomField& f) { return f.id == fieldId; });
        std::string problem;
        if (def == rules.customFields.end()) continue;
        if (std::optional<std::string> canonical = canonicalCustomValue(*def, value, problem)) value = *canonical;
    }
}

void CustomerService::prepare(Customer& c) const {
    normalize(c, rules());
    if (!c.companyId.empty()) {
        storage::Statement s = db_.prepare("SELECT name FROM companies WHERE id = ? AND deleted = 0");
        s.bind(1, c.companyId);
        if (s.step()) c.company = s.text(0);
        else c.companyId.clear();
    } else if (!trimmed(c.company).empty()) {
        // Typed the name of a company we know: link it.
        storage::Statement s = db_.prepare(
            "SELECT id, name FROM companies WHERE deleted = 0 AND name = ? COLLATE NOCASE ORDER BY id LIMIT 1");
        s.bind(1, trimmed(c.company));
        if (s.step()) c.companyId = s.text(0), c.company = s.text(1);
    }
}

// ---- writes --------------------------------------------------------------------------------------------------------

namespace {

// A link (or custom value) record being set: its ends on first creation, "deleted" = "0" when it was removed before.
// (A new record is never written "deleted" = "0": a tombstone write is stamped after the record's other fields,
// which would give one commit two HLCs.)
RecordChange linkRecord(storage::Database& db, const char* entity, const std::string& id,
                        std::vector<FieldValue> fields) {
    const EntityTable* t = findEntity(entity);
    storage::Statement s = db.prepare(std::string("SELECT deleted FROM ") + t->table + " WHERE id = ?");
    s.bind(1, id);
    if (s.step() && s.integer(0) != 0) fields.push_back({"deleted", "0"});
    return {entity, id, std::move(fields)};
}

// Tag links and tag records that make `names` the customer's tags, given the tags it has now (by id). Tags this
// batch of changes creates are in `created`, so each is created once.
void appendTagChanges(storage::Statement& tagState, storage::Database& db, const std::string& customerId,
                      bool customerIsNew, const std::vector<std::string>& names,
                      const std::set<std::string>& currentIds, std::set<std::string>& created,
                      std::vector<RecordChange>& out) {
    std::set<std::string> wanted;
    for (const std::string& name : names) {
        std::string id = tagIdFor(name);
        wanted.insert(id);
        if (!created.count(id)) {
            tagState.reset();
            tagState.bind(1, id);
            bool known = tagState.step();
            if (!known || tagState.integer(1) != 0) {
                out.push_back({"tag", id, known ? std::vector<FieldValue>{{"deleted", "0"}}
                                                : std::vector<FieldValue>{{"name", name}}});
                created.insert(id);
            }
        }
        if (currentIds.count(id)) continue;
        std::vector<FieldValue> ends = {{"customer_id", customerId}, {"tag_id", id}};
        if (customerIsNew) out.push_back({"customer_tag", tagLinkId(customerId, id), std::move(ends), true});
        else out.push_back(linkRecord(db, "customer_tag", tagLinkId(customerId, id), std::move(ends)));
    }
    for (const std::string& id : currentIds)
        if (!wanted.count(id)) out.push_back({"customer_tag", tagLinkId(customerId, id), {{"deleted", "1"}}});
}

std::set<std::string> currentTagIds(storage::Database& db, const std::string& customerId) {
    std::set<std::string> ids;
    storage::Statement s = db.prepare(
        "SELECT l.tag_id FROM customer_tags l JOIN tags t ON t.id = l.tag_id "
        "WHERE l.customer_id = ? AND l.deleted = 0 AND t.deleted = 0");
    s.bind(1, customerId);
    while (s.step()) ids.insert(s.text(0));
    return ids;
}

void appendCustomValue(storage::Database& db, const std::string& customerId, bool customerIsNew,
                       const std::string& fieldId, const std::string& before, const std::string& after,
                       std::vector<RecordChange>& out) {
    if (before == after) return;
    std::string id = customValueId(customerId, fieldId);
    std::vector<FieldValue> fields = {{"customer_id", customerId}, {"field_id", fieldId}, {"value", after}};
    if (after.empty()) out.push_back({"custom_value", id, {{"deleted", "1"}}});
    else if (before.empty() && customerIsNew) out.push_back({"custom_value", id, std::move(fields), true});
    else if (before.empty()) out.push_back(linkRecord(db, "custom_value", id, std::move(fields)));
    else out.push_back({"custom_value", id, {{"value", after}}});
}

}  // namespace

storage::Statement& CustomerService::tagState() const {
    if (!tagState_) tagState_ = std::make_unique<storage::Statement>(db_.prepare("SELECT name, deleted FROM tags WHERE id = ?"));
    return *tagState_;
}

void CustomerService::appendNew(const Customer& c, std::vector<RecordChange>& out, std::set<std::string>* createdTags) {
    std::set<std::string> created;
    std::vector<FieldValue> fields;
    for (FieldValue& f : recordFields(c))
        if (!f.value.empty()) fields.push_back(std::move(f));
    out.push_back({"customer", c.id, std::move(fields), true});
    if (!c.tags.empty())
        appendTagChanges(tagState(), db_, c.id, true, splitTagNames(c.tags), {}, createdTags ? *createdTags : created, out);
    for (const auto& [fieldId, value] : c.custom) appendCustomValue(db_, c.id, true, fieldId, "", value, out);
}

void CustomerService::appendUpdate(const Customer& stored, const Customer& c, std::vector<RecordChange>& out,
                                   std::set<std::string>* createdTags) {
    std::set<std::string> created;
    std::vector<FieldValue> before = recordFields(stored), after = recordFields(c), changed;
    for (size_t i = 0; i < after.size(); i++)
        if (after[i].value != before[i].value) changed.push_back(after[i]);
    if (!changed.empty()) out.push_back({"customer", c.id, std::move(changed)});
    if (splitTagNames(stored.tags) != splitTagNames(c.tags))
        appendTagChanges(tagState(), db_, c.id, false, splitTagNames(c.tags), currentTagIds(db_, c.id),
                         createdTags ? *createdTags : created, out);
    std::set<std::string> fieldIds;
    for (const auto& kv : stored.custom) fieldIds.insert(kv.first);
    for (const auto& kv : c.custom) fieldIds.insert(kv.first);
    for (const std::string& fieldId : fieldIds) {
        auto b = stored.custom.find(fieldId), a = c.custom.find(fieldId);
        appendCustomValue(db_, c.id, false, fieldId, b == stored.custom.end() ? "" : b->second,
                          a == c.custom.end() ? "" : a->second, out);
    }
}

std::string CustomerService::add(Customer customer, const std::string& user) {
    prepare(customer);
    std::vector<FieldError> errors = validate(customer);
    if (!errors.empty()) throw ValidationError(std::move(errors));
    customer.id = newUuid();
    std::vector<RecordChange> changes;
    appendNew(customer, changes);
    writes_.commit(changes, user);
    return customer.id;
}

void CustomerService::update(Customer customer, const std::string& user) {
    std::optional<Customer> stored = get(customer.id);
    if (!stored) throw std::invalid_argument("no customer with id " + customer.id);
    prepare(customer);
    std::vector<FieldError> errors = validate(customer);
    if (!errors.empty()) throw ValidationError(std::move(errors));
    std::vector<RecordChange> changes;
    appendUpdate(*stored, customer, changes);
    if (!changes.empty()) writes_.commit(changes, user);
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

// ---- bulk changes --------------------------------------------------------------------------------------------------

static int commitIfAny(WritePath& writes, const std::vector<RecordChange>& changes, const std::string& user, int n) {
    if (!changes.empty()) writes.commit(changes, user);
    return n;
}

static int setDeleted(storage::Database& db, WritePath& writes, const std::vector<std::string>& ids, bool deleted,
                      const std::string& user, std::vector<std::string>* changed) {
    storage::Statement s = db.prepare("SELECT deleted FROM customers WHERE id = ?");
    std::vector<RecordChange> changes;
    std::set<std::string> done;
    for (const std::string& id : ids) {
        s.reset();
        s.bind(1, id);
        if (!s.step() || (s.integer(0) != 0) == deleted || !done.insert(id).second) continue;
        changes.push_back({"customer", id, {{"deleted", deleted ? "1" : "0"}}});
    }
    commitIfAny(writes, changes, user, int(changes.size()));
    if (changed) changed->assign(done.begin(), done.end());
    return int(changes.size());
}

int CustomerService::removeMany(const std::vector<std::string>& ids, const std::string& user,
                                std::vector<std::string>* changed) {
    return setDeleted(db_, writes_, ids, true, user, changed);
}
int CustomerService::restoreMany(const std::vector<std::string>& ids, const std::string& user) {
    return setDeleted(db_, writes_, ids, false, user, nullptr);
}

int CustomerService::addTag(const std::vector<std::string>& ids, const std::string& tagName, const std::string& user,
                            std::vector<std::string>* changed) {
    std::vector<std::string> names = splitTagNames(tagName);
    if (names.size() != 1) throw std::invalid_argument("a tag needs a name (without commas)");
    std::string tagId = tagIdFor(names[0]);
    std::vector<RecordChange> changes;
    storage::Statement tag = db_.prepare("SELECT deleted FROM tags WHERE id = ?");
    tag.bind(1, tagId);
    bool known = tag.step();
    if (!known || tag.integer(0) != 0)
        changes.push_back({"tag", tagId, known ? std::vector<FieldValue>{{"deleted", "0"}}
                                               : std::vector<FieldValue>{{"name", names[0]}}});
    storage::Statement link = db_.prepare(
        "SELECT c.id, (SELECT l.deleted FROM customer_tags l WHERE l.id = ?2) FROM customers c "
        "WHERE c.id = ?1 AND c.deleted = 0");
    std::vector<std::string> tagged;
    std::set<std::string> done;
    for (const std::string& id : ids) {
        link.reset();
        link.bind(1, id).bind(2, tagLinkId(id, tagId));
        if (!link.step() || !done.insert(id).second) continue;
        if (!link.isNull(1) && link.integer(1) == 0) continue;  // has it already
        changes.push_back(linkRecord(db_, "customer_tag", tagLinkId(id, tagId), {{"customer_id", id}, {"tag_id", tagId}}));
        tagged.push_back(id);
    }
    int n = int(tagged.size());
    commitIfAny(writes_, n ? changes : std::vector<RecordChange>{}, user, n);
    if (changed) *changed = std::move(tagged);
    return n;
}

int CustomerService::removeTag(const std::vector<std::string>& ids, const std::string& tagId, const std::string& user,
                               std::vector<std::string>* changed) {
    storage::Statement link = db_.prepare("SELECT deleted FROM customer_tags WHERE id = ?");
    std::vector<RecordChange> changes;
    std::vector<std::string> untagged;
    std::set<std::string> done;
    for (const std::string& id : ids) {
        std::string linkId = tagLinkId(id, tagId);
        link.reset();
        link.bind(1, linkId);
        if (!link.step() || link.integer(0) != 0 || !done.insert(id).second) continue;
        changes.push_back({"customer_tag", linkId, {{"deleted", "1"}}});
        untagged.push_back(id);
    }
    commitIfAny(writes_, changes, user, int(changes.size()));
    if (changed) *changed = std::move(untagged);
    return int(changes.size());
}

int CustomerService::setOwner(const std::vector<std::string>& ids, const std::string& owner, const std::string& user,
                              std::vector<OwnerOf>* previous) {
    std::vector<OwnerOf> owners;
    owners.reserve(ids.size());
    for (const std::string& id : ids) owners.push_back({id, owner});
    return setOwners(owners, user, previous);
}

int CustomerService::setOwners(const std::vector<OwnerOf>& owners, const std::string& user,
                               std::vector<OwnerOf>* previous) {
    storage::Statement s = db_.prepare("SELECT owner FROM customers WHERE id = ? AND deleted = 0");
    std::vector<RecordChange> changes;
    std::vector<OwnerOf> before;
    std::set<std::string> done;
    for (const auto& [id, owner] : owners) {
        std::string o = trimmed(owner);
        if (o.size() > 100) throw std::invalid_argument("an owner name is at most 100 bytes");
        s.reset();
        s.bind(1, id);
        if (!s.step() || s.text(0) == o || !done.insert(id).second) continue;
        before.push_back({id, s.text(0)});
        changes.push_back({"customer", id, {{"owner", o}}});
    }
    commitIfAny(writes_, changes, user, int(changes.size()));
    if (previous) *previous = std::move(before);
    return int(changes.size());
}

// ---- list queries --------------------------------------------------------------------------------------------------

namespace {

bool isPhoneLike(const std::string& q) {
    int digits = 0;
    for (char c : q) {
        if (c >= '0' && c <= '9') digits++;
        else if (!(c == ' ' || c == '-' || c == '+' || c == '(' || c == ')' || c == '.')) return false;
    }
    return digits >= 3;
}

// The SQL of one list query: WHERE conditions with their parameters, and the sort expression.
struct QuerySql {
    std::string where = "c.deleted = 0";
    struct Param {
        std::string text;
        double number = 0;
        bool numeric = false;
    };
    std::vector<Param> params;  // bound in order, from ?1
    std::string sortExpr;
    bool numeric = false;

    std::string param(const std::string& value) {
        params.push_back({value});
        return "?" + std::to_string(params.size());
    }
    std::string param(double value) {
        params.push_back({"", value, true});
        return "?" + std::to_string(params.size());
    }
};

// Search words: a phone-like query is one word of its digits (stored numbers are digits, "+86" dropped); other
// queries split at spaces, lower-cased. Every word must occur in the customer's search text; the in-memory search
// texts (core/search_texts.h) find the customers, and SQL tests each candidate's rowid, which every index holds,
// without fetching its row.
std::vector<std::string> searchWords(const std::string& typed) {
    std::string text = trimmed(typed);
    std::vector<std::string> words;
    if (isPhoneLike(text)) {
        std::string digits;
        for (char c : text)
            if (c >= '0' && c <= '9') digits += c;
        if (text[0] == '+' && digits.rfind("86", 0) == 0 && digits.size() > 2) digits.erase(0, 2);
        words.push_back(digits);
    } else {
        std::string word;
        for (char c : text + " ") {
            if (c == ' ' || c == '\t') {
                if (!word.empty()) words.push_back(asciiLower(word));
                word.clear();
            } else word += c;
        }
    }
    return words;
}

void addSearch(QuerySql& q, const std::string& typed, SearchTexts& texts, const std::string& rowid) {
    q.where += " AND search_hit(" + q.param(double(texts.matchAll(searchWords(typed)))) + ", " + rowid + ")";
}

// Adds the filter's conditions to q.where. `id` and `rowid` name the customer's id and rowid in the query: an order
// by a custom field reaches them through the value (v.customer_id, v.live_rowid), so a tag or search filter
// reads no customer row. Owner, city and source are columns of the customer row `c`: returns whether one is read.
bool addFilter(QuerySql& q, const CustomerFilter& f, SearchTexts& texts, const std::string& id,
               const std::string& rowid) {
    if (!f.tagId.empty())
        q.where += " AND EXISTS (SELECT 1 FROM customer_tags l WHERE l.customer_id = " + id + " AND l.tag_id = " +
                   q.param(f.tagId) + " AND l.deleted = 0)";
    if (!f.owner.empty()) q.where += " AND c.owner = " + q.param(f.owner);
    if (!f.city.empty()) q.where += " AND c.city = " + q.param(f.city) + " COLLATE NOCASE";
    if (!f.source.empty()) q.where += " AND c.source = " + q.param(f.source);
    if (!trimmed(f.search).empty()) addSearch(q, f.search, texts, rowid);
    return !f.owner.empty() || !f.city.empty() || !f.source.empty();
}

// Live customers `c` that pass the filter.
QuerySql filterQuery(const CustomerFilter& filter, SearchTexts& texts) {
    QuerySql q;
    addFilter(q, filter, texts, "c.id", "c.rowid");
    return q;
}

// A column order's sort expression, each one the leading column of a customers_by_* index.
void setColumnSort(QuerySql& q, CustomerSort sort) {
    switch (sort) {
        case CustomerSort::Name: q.sortExpr = "c.name COLLATE NOCASE"; break;
        case CustomerSort::Company: q.sortExpr = "c.company COLLATE NOCASE"; break;
        case CustomerSort::Phone: q.sortExpr = "c.phone"; break;
        case CustomerSort::Email: q.sortExpr = "c.email COLLATE NOCASE"; break;
        case CustomerSort::City: q.sortExpr = "c.city COLLATE NOCASE"; break;
        case CustomerSort::Owner: q.sortExpr = "c.owner COLLATE NOCASE"; break;
        case CustomerSort::Source: q.sortExpr = "c.source"; break;
        case CustomerSort::UpdatedAt: q.sortExpr = "c.updated_at_ms", q.numeric = true; break;
        case CustomerSort::CreatedAt: q.sortExpr = "c.created_at_ms", q.numeric = true; break;
        case CustomerSort::Custom: break;  // walkByCustomField
    }
}

bool isEmpty(const CustomerFilter& f) {
    return trimmed(f.search).empty() && f.tagId.empty() && f.owner.empty() && f.city.empty() && f.source.empty();
}

void bindAll(storage::Statement& s, const QuerySql& q) {
    for (size_t i = 0; i < q.params.size(); i++)
        if (q.params[i].numeric) s.bind(int(i) + 1, q.params[i].number);
        else s.bind(int(i) + 1, q.params[i].text);
}

// " AND" rows after `after` in (sort, id) order: sort ≥ k AND (sort > k OR id > k.id), mirrored going down. Not the
// row value (sort, id) > (k, k.id): SQLite makes no index range of one whose first term is an expression (COLLATE
// NOCASE, CAST), and a page read then walked the index from its start to the key.
std::string afterKey(QuerySql& q, const std::string& idExpr, const RowKey& after, bool ascending) {
    const std::string cmp = ascending ? ">" : "<";
    std::string k = q.numeric ? q.param(after.number) : q.param(after.text);
    std::string id = q.param(after.id);
    return " AND " + q.sortExpr + " " + cmp + "= " + k + " AND (" + q.sortExpr + " " + cmp + " " + k + " OR " +
           idExpr + " " + cmp + " " + id + ")";
}

std::string limitSql(int64_t limit) { return limit < 0 ? "" : " LIMIT " + std::to_string(limit); }

// What a list walk reads of each row: the customer columns (kColumns) or only the id; either way column 0 is the id.
struct Columns {
    const char* sql;
    int count;
};
constexpr Columns kRowColumns = {kColumns, kColumnCount};
constexpr Columns kIdColumn = {"c.id", 1};

// A row of a list walk: the statement on it, and its key, read only for the rows that keep one (an anchor is one row
// in 200).
struct WalkRow {
    const storage::Statement& s;
    int keyColumn;  // the sort value's column; -1: a customer without a value (a custom order's second run)
    bool numeric;
    std::string id() const { return s.text(0); }
    RowKey key() const {
        RowKey k;
        k.id = s.text(0);
        if (keyColumn < 0) k.noValue = true;
        else if (numeric) k.number = s.real(keyColumn);
        else k.text = s.text(keyColumn);
        return k;
    }
};

// Called with each row of a list walk in order; returns false to stop the walk.
using RowVisitor = std::function<bool(const WalkRow& row)>;

// Whether a search's hits are read by rowid and sorted rather than found along the sort's index. The walk tests
// index entries (search_hit, ~0.1 µs each, no row read) until it has a page of hits; choosing a page among hits read
// by rowid costs ~1.3 µs a hit (natively, 100k customers). Hits are often bunched in the sort order (a surname typed
// while the list is sorted by name: every 王 sorts after every 李), so the walk may pass the whole index before its
// first hit: a search with fewer hits than a 12th of the customers reads them directly. Either way a page costs at
// most about one walk.
constexpr int64_t kRowReadPerIndexEntry = 12;

bool readsHitsFirst(int64_t hits, int64_t all) { return hits * kRowReadPerIndexEntry < all; }

// Customers `c` by rowid, in the order of a JSON array of rowids bound to the parameter `param`.
std::string hitRows(const std::string& param) {
    return "json_each(" + param + ") h CROSS JOIN customers c ON c.rowid = h.value";
}

std::string jsonArray(const std::vector<int64_t>& numbers) {
    std::string out = "[";
    for (int64_t n : numbers) out += (out.size() > 1 ? "," : "") + std::to_string(n);
    return out + "]";
}

// The order SearchTexts::places keeps for a column sort: ascending, then by id.
std::string placeOrder(const QuerySql& sort) { return sort.sortExpr + " ASC, c.id ASC"; }

// A search's few hits in a column order, when the search is the only filter: their places in the order
// (SearchTexts::places) sort them without reading a row, and only the page's rows are read. After a key, the page
// starts after that row's place, if the row still holds that key; if it does not (edited or deleted since the key
// was read), false before any row is visited, and the caller reads the hits with SQL.
bool walkHitsByPlace(storage::Database& db, SearchTexts& texts, const std::vector<int64_t>& hitRowids,
                     const QuerySql& q, bool up, const RowKey* after, const Columns& columns, int64_t limit,
                     const RowVisitor& visit) {
    const std::vector<uint32_t>& place = texts.places(placeOrder(q));
    auto placeOf = [&](int64_t rowid) {
        return rowid >= 0 && uint64_t(rowid) < place.size() ? place[size_t(rowid)] : SearchTexts::kNotListed;
    };
    std::vector<std::pair<uint32_t, int64_t>> hits;  // (place, rowid), in list order
    for (int64_t rowid : hitRowids)
        if (placeOf(rowid) != SearchTexts::kNotListed) hits.push_back({placeOf(rowid), rowid});
    std::sort(hits.begin(), hits.end());
    if (!up) std::reverse(hits.begin(), hits.end());
    size_t first = 0;
    if (after) {
        storage::Statement at =
            db.prepare("SELECT c.rowid, " + q.sortExpr + " FROM customers c WHERE c.id = ? AND c.deleted = 0");
        at.bind(1, after->id);
        if (!at.step() || (q.numeric ? at.real(1) != after->number : at.text(1) != after->text)) return false;
        uint32_t from = placeOf(at.integer(0));
        if (from == SearchTexts::kNotListed) return false;
        first = size_t(std::partition_point(hits.begin(), hits.end(), [&](const auto& hit) {
                           return up ? hit.first <= from : hit.first >= from;
                       }) - hits.begin());
    }
    size_t last = limit < 0 ? hits.size() : std::min(hits.size(), first + size_t(limit));
    std::vector<int64_t> rowids;
    for (size_t i = first; i < last; i++) rowids.push_back(hits[i].second);
    storage::Statement s = db.prepare(std::string("SELECT ") + columns.sql + ", " + q.sortExpr +
                                      " FROM " + hitRows("?") + " ORDER BY h.key");
    s.bind(1, jsonArray(rowids));
    while (s.step())
        if (!visit({s, columns.count, q.numeric})) break;
    return true;
}

// A column order: one range of the column's index, live customers after the key (keyset paging); or, for a
// search with few hits, those hits put in order (by their places when the search is the only filter, else by SQL
// over their rows).
void walkByColumn(storage::Database& db, SearchTexts& texts, const CustomerQuery& query, const RowKey* after,
                  const Columns& columns, int64_t limit, const RowVisitor& visit) {
    const bool up = query.order.ascending;
    QuerySql q;
    CustomerFilter filter = query.filter;
    bool hitsFirst = false;
    if (!trimmed(filter.search).empty()) {
        int64_t set = texts.matchAll(searchWords(filter.search));
        if (readsHitsFirst(texts.hitCount(set), texts.customerCount())) {
            filter.search.clear();
            std::vector<int64_t> hits = texts.hitRowids(set);
            if (isEmpty(filter)) {
                QuerySql sort;
                setColumnSort(sort, query.order.sort);
                if (walkHitsByPlace(db, texts, hits, sort, up, after, columns, limit, visit)) return;
            }
            q.param(jsonArray(hits));  // ?1
            hitsFirst = true;
        }
    }
    addFilter(q, filter, texts, "c.id", "c.rowid");
    setColumnSort(q, query.order.sort);
    if (after) q.where += afterKey(q, "c.id", *after, up);
    const char* dir = up ? " ASC" : " DESC";
    const std::string order = " ORDER BY " + q.sortExpr + dir + ", c.id" + dir;
    std::string sql = std::string("SELECT ") + columns.sql + ", " + q.sortExpr + " FROM customers c WHERE ";
    // Hits first: the page's rows are chosen by their sort key alone, then read whole (a hit's every column is
    // decoded only if it makes the page).
    if (hitsFirst)
        sql += "c.rowid IN (SELECT c.rowid FROM " + hitRows("?1") + " WHERE " +
               q.where + order + limitSql(limit) + ")" + order;
    else
        sql += q.where + order + limitSql(limit);
    storage::Statement s = db.prepare(sql);
    bindAll(s, q);
    while (s.step())
        if (!visit({s, columns.count, q.numeric})) return;
}

// How many customers are not deleted: all rows (a count of the smallest index's cells, page by page) less the
// tombstones (one short index range), quicker than a count of each live entry.
int64_t liveCustomers(storage::Database& db) {
    return db.scalarInteger("SELECT (SELECT count(*) FROM customers) - (SELECT count(*) FROM customers WHERE deleted = 1)");
}

// The listed values (one per customer and field: a value's id derives from both) as a WHERE over custom_values v:
// the condition of schema 8's partial indexes, which the walks below read.
constexpr const char* kListedValues = "v.live_rowid IS NOT NULL";

// An order by a custom field is two runs, each in the order's direction:
//  1. the customers with a value, by value then id: one range of custom_values_number_order (numbers, numerically)
//     or custom_values_text_order (every other kind, case-insensitively), which hold live customers' values only,
//     so the walk reads no customer row unless a column or an owner/city/source filter needs it (then by rowid);
//  2. the customers without a value, by id: live customers by id (customers_by_id) less those with a value
//     (custom_values_present), merged here — two index walks side by side, no lookup per row. Skipped when two
//     counts show that every live customer has a value.
// So customers without a value come last both ways; their keys say noValue.
void walkByCustomField(storage::Database& db, SearchTexts& texts, const CustomerQuery& query, const RowKey* after,
                       const Columns& columns, int64_t limit, const RowVisitor& visit) {
    const std::string& fieldId = query.order.customFieldId;
    const bool up = query.order.ascending;
    const char* dir = up ? " ASC" : " DESC";
    const std::string cmp = up ? " > " : " < ";
    CustomFieldKind kind = CustomFieldKind::Text;
    for (const CustomField& field : loadCustomFields(db))
        if (field.id == fieldId) kind = field.kind;
    int64_t left = limit;  // rows still wanted (< 0: all)

    if (!after || !after->noValue) {
        QuerySql q;
        q.where = "v.field_id = " + q.param(fieldId) + " AND " + kListedValues;
        bool readsRow = addFilter(q, query.filter, texts, "v.customer_id", "v.live_rowid") || columns.count > 1;
        q.numeric = kind == CustomFieldKind::Number;
        q.sortExpr = q.numeric ? "CAST(v.value AS REAL)" : "v.value COLLATE NOCASE";
        if (after) q.where += afterKey(q, "v.customer_id", *after, up);
        std::string from = "custom_values v";
        if (readsRow) from += " CROSS JOIN customers c ON c.rowid = v.live_rowid";  // v first: its index is the order
        storage::Statement s = db.prepare(std::string("SELECT ") + (columns.count > 1 ? columns.sql : "v.customer_id") +
                                          ", " + q.sortExpr + " FROM " + from + " WHERE " + q.where + " ORDER BY " +
                                          q.sortExpr + dir + ", v.customer_id" + dir + limitSql(left));
        bindAll(s, q);
        int64_t listed = 0;
        for (; s.step(); listed++) {
            if (!visit({s, columns.count, q.numeric})) return;
            if (left > 0) left--;
        }
        if (left == 0) return;
        // Every live customer has a value: no second run. (The walk from the start without a filter counted them.)
        if (after || !isEmpty(query.filter)) {
            storage::Statement present = db.prepare(
                std::string("SELECT count(*) FROM custom_values v WHERE v.field_id = ? AND ") + kListedValues);
            present.bind(1, fieldId);
            listed = present.step() ? present.integer(0) : 0;
        }
        if (listed == liveCustomers(db)) return;
    }

    QuerySql customers = filterQuery(query.filter, texts);
    QuerySql values;
    values.where = "v.field_id = " + values.param(fieldId) + " AND " + kListedValues;
    if (after && after->noValue) {
        customers.where += " AND c.id" + cmp + customers.param(after->id);
        values.where += " AND v.customer_id" + cmp + values.param(after->id);
    }
    storage::Statement c = db.prepare(std::string("SELECT ") + columns.sql + " FROM customers c WHERE " +
                                      customers.where + " ORDER BY c.id" + dir);
    storage::Statement v =
        db.prepare("SELECT v.customer_id FROM custom_values v WHERE " + values.where + " ORDER BY v.customer_id" + dir);
    bindAll(c, customers);
    bindAll(v, values);
    bool valued = v.step();
    std::string valuedId = valued ? v.text(0) : std::string();
    for (; left != 0 && c.step();) {
        std::string id = c.text(0);
        while (valued && (up ? valuedId < id : valuedId > id)) {
            valued = v.step();
            if (valued) valuedId = v.text(0);
        }
        if (valued && valuedId == id) continue;  // has a value: listed in the first run
        if (!visit({c, -1, false})) return;
        if (left > 0) left--;
    }
}

// Every row of the query in order after `after` (nullptr: from the start), at most `limit` (< 0: all).
void walkRows(storage::Database& db, SearchTexts& texts, const CustomerQuery& query, const RowKey* after,
              const Columns& columns, int64_t limit, const RowVisitor& visit) {
    if (query.order.sort == CustomerSort::Custom) walkByCustomField(db, texts, query, after, columns, limit, visit);
    else walkByColumn(db, texts, query, after, columns, limit, visit);
}

}  // namespace

std::optional<Customer> CustomerService::get(const std::string& id) const {
    storage::Statement s = db_.prepare(std::string("SELECT ") + kColumns + " FROM customers c WHERE c.id = ? AND c.deleted = 0");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    Customer c = readCustomer(s);
    CustomValueReader(db_).fill(c);
    return c;
}

void CustomerService::prepareSearch() const {
    QuerySql byName;
    setColumnSort(byName, CustomerOrder{}.sort);
    searchTexts_.places(placeOrder(byName));
}

int64_t CustomerService::count() const { return liveCustomers(db_); }

int64_t CustomerService::count(const CustomerFilter& filter) const {
    if (isEmpty(filter)) return liveCustomers(db_);
    // Search alone: the hit set knows its size (it holds live customers only).
    CustomerFilter besidesSearch = filter;
    besidesSearch.search.clear();
    if (isEmpty(besidesSearch)) return searchTexts_.hitCount(searchTexts_.matchAll(searchWords(filter.search)));
    QuerySql q = filterQuery(filter, searchTexts_);
    storage::Statement s = db_.prepare("SELECT count(*) FROM customers c WHERE " + q.where);
    bindAll(s, q);
    return s.step() ? s.integer(0) : 0;
}

CustomerPage CustomerService::page(const CustomerQuery& query, const RowKey* after, int limit) const {
    CustomValueReader custom(db_);
    CustomerPage page;
    walkRows(db_, searchTexts_, query, after, kRowColumns, std::max(limit, 0),
             [&](const WalkRow& row) {
                 page.rows.push_back(readCustomer(row.s));
                 custom.fill(page.rows.back());
                 page.keys.push_back(row.key());
                 return true;
             });
    return page;
}

std::vector<RowKey> CustomerService::keysEvery(const CustomerQuery& query, const RowKey* after, int every,
                                               int limit) const {
    std::vector<RowKey> keys;
    if (every <= 0 || limit <= 0) return keys;
    int64_t row = 0;
    walkRows(db_, searchTexts_, query, after, kIdColumn, int64_t(every) * limit,
             [&](const WalkRow& walked) {
                 if (++row % every == 0) keys.push_back(walked.key());
                 return int(keys.size()) < limit;
             });
    return keys;
}

std::vector<std::string> CustomerService::ids(const CustomerQuery& query) const { return ids(query, nullptr, -1); }

std::vector<std::string> CustomerService::ids(const CustomerQuery& query, const RowKey* after, int limit) const {
    std::vector<std::string> out;
    walkRows(db_, searchTexts_, query, after, kIdColumn, limit, [&](const WalkRow& row) {
        out.push_back(row.id());
        return true;
    });
    return out;
}

std::vector<Customer> CustomerService::getMany(const std::vector<std::string>& ids) const {
    storage::Statement s = db_.prepare(std::string("SELECT ") + kColumns + " FROM customers c WHERE c.id = ? AND c.deleted = 0");
    CustomValueReader custom(db_);
    std::vector<Customer> out;
    out.reserve(ids.size());
    for (const std::string& id : ids) {
        s.reset();
        s.bind(1, id);
        if (!s.step()) continue;
        out.push_back(readCustomer(s));
        custom.fill(out.back());
    }
    return out;
}

std::vector<Customer> CustomerService::all() const {
    storage::Statement s = db_.prepare(std::string("SELECT ") + kColumns +
                                       " FROM customers c WHERE c.deleted = 0 ORDER BY c.name COLLATE NOCASE, c.id");
    CustomValueReader custom(db_);
    std::vector<Customer> out;
    while (s.step()) {
        out.push_back(readCustomer(s));
        custom.fill(out.back());
    }
    return out;
}

// ---- lookups -------------------------------------------------------------------------------------------------------

std::vector<Customer> CustomerService::findDuplicates(const std::string& phone, const std::string& email,
                                                      const std::string& exceptId) const {
    std::vector<std::string> ids;
    if (!phone.empty()) {
        storage::Statement s = db_.prepare("SELECT id FROM customers WHERE deleted = 0 AND phone = ? AND id <> ?");
        s.bind(1, phone).bind(2, exceptId);
        while (s.step()) ids.push_back(s.text(0));
    }
    if (!email.empty()) {
        storage::Statement s =
            db_.prepare("SELECT id FROM customers WHERE deleted = 0 AND email = ? COLLATE NOCASE AND id <> ?");
        s.bind(1, email).bind(2, exceptId);
        while (s.step())
            if (std::find(ids.begin(), ids.end(), s.text(0)) == ids.end()) ids.push_back(s.text(0));
    }
    return getMany(ids);
}

std::vector<Tag> CustomerService::tags() const {
    storage::Statement s = db_.prepare(
        "SELECT t.id, t.name, (SELECT count(*) FROM customer_tags l JOIN customers c ON c.id = l.customer_id "
        "WHERE l.tag_id = t.id AND l.deleted = 0 AND c.deleted = 0) FROM tags t WHERE t.deleted = 0 "
        "ORDER BY t.name COLLATE NOCASE, t.id");
    std::vector<Tag> out;
    while (s.step()) out.push_back({s.text(0), s.text(1), s.integer(2)});
    return out;
}

static std::vector<std::string> distinctValues(storage::Database& db, const char* column) {
    storage::Statement s = db.prepare(std::string("SELECT DISTINCT ") + column + " FROM customers WHERE deleted = 0 AND " +
                                      column + " <> '' ORDER BY " + column + " COLLATE NOCASE LIMIT 1000");
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text(0));
    return out;
}

std::vector<std::string> CustomerService::owners() const { return distinctValues(db_, "owner"); }
std::vector<std::string> CustomerService::cities() const { return distinctValues(db_, "city"); }

}  // namespace core
