// Customers: validation, search-as-you-type, keyset-paged list queries, reads for forms, and writes through the one
// WritePath (a customer's fields, its tag links and its custom field values in one commit). Reads return only live
// customers (not deleted) unless asked otherwise.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/customer.h"
#include "core/search_texts.h"
#include "core/validation.h"
#include "core/write_path.h"

namespace core {

// Which customers a list shows. Every part is optional ("" = any).
struct CustomerFilter {
    std::string search;  // as typed: words that must all occur (any substring; phone numbers by their digits)
    std::string tagId;
    std::string owner;
    std::string city;
    std::string source;
};

struct CustomerOrder {
    CustomerSort sort = CustomerSort::Name;
    std::string customFieldId;  // when sort is Custom
    bool ascending = true;
};

struct CustomerQuery {
    CustomerFilter filter;
    CustomerOrder order;
};

// A row's place in a sorted list: its sort value and id. A page starts after a key (keyset paging, no OFFSET).
struct RowKey {
    std::string text;    // text sorts
    double number = 0;   // numeric sorts (times, custom numbers)
    std::string id;
    bool noValue = false;  // a custom-field order: the customer has no value (those come after all others)
};

struct CustomerPage {
    std::vector<Customer> rows;
    std::vector<RowKey> keys;  // keys[i] is rows[i]'s; the next page starts after keys.back()
};

class CustomerService {
public:
    CustomerService(storage::Database& db, WritePath& writes) : db_(db), writes_(writes), searchTexts_(db, writes) {}

    // Problems that keep `customer` from being stored: field rules, the configured required fields, custom values.
    std::vector<FieldError> validate(const Customer& customer) const;
    // Fields the form must have filled (always "name"; more from settings: setRequiredFields).
    std::vector<std::string> requiredFields() const;
    void setRequiredFields(const std::vector<std::string>& fields);

    std::string add(Customer customer, const std::string& user);   // returns the new id; throws ValidationError
    void update(Customer customer, const std::string& user);       // writes only the fields that changed
    void remove(const std::string& id, const std::string& user);   // tombstone; restore() undoes it
    void restore(const std::string& id, const std::string& user);

    // Bulk changes of many customers in one commit (one undo step). Unknown or deleted ids are skipped; the
    // return value is how many customers changed. `changed` (when given) receives the ids that changed, and
    // `previous` each changed customer's owner before, so that an undo puts back exactly what was changed.
    int removeMany(const std::vector<std::string>& ids, const std::string& user,
                   std::vector<std::string>* changed = nullptr);
    int restoreMany(const std::vector<std::string>& ids, const std::string& user);
    int addTag(const std::vector<std::string>& ids, const std::string& tagName, const std::string& user,
               std::vector<std::string>* changed = nullptr);
    int removeTag(const std::vector<std::string>& ids, const std::string& tagId, const std::string& user,
                  std::vector<std::string>* changed = nullptr);
    using OwnerOf = std::pair<std::string, std::string>;  // (customer id, owner)
    int setOwner(const std::vector<std::string>& ids, const std::string& owner, const std::string& user,
                 std::vector<OwnerOf>* previous = nullptr);
    // Each customer its own owner, in one commit (the undo of setOwner).
    int setOwners(const std::vector<OwnerOf>& owners, const std::string& user, std::vector<OwnerOf>* previous = nullptr);

    // The changes add() would commit for an already validated customer with a fresh id (newUuid(): it is not looked
    // up), for bulk import. `createdTags` carries the ids of tags created by earlier changes of the same batch, so
    // each is made once.
    void appendNew(const Customer& customer, std::vector<RecordChange>& out, std::set<std::string>* createdTags = nullptr);
    // The changes that turn `stored` into `customer` (both validated, same id); none when nothing differs.
    void appendUpdate(const Customer& stored, const Customer& customer, std::vector<RecordChange>& out,
                      std::set<std::string>* createdTags = nullptr);
    // Normalises phones and tags and fills the company name from companyId; then validate() can judge it.
    void prepare(Customer& customer) const;

    // What validate() and prepare() read from the database, loaded once for many customers (an import).
    struct Rules {
        std::vector<CustomField> customFields;
        std::vector<std::string> required;
    };
    Rules rules() const;
    std::vector<FieldError> validate(const Customer& customer, const Rules& rules) const;
    // prepare() without the company lookup: phones, emails, tags and custom values in their stored forms.
    static void normalize(Customer& customer, const Rules& rules);

    std::optional<Customer> get(const std::string& id) const;
    int64_t count() const;
    int64_t count(const CustomerFilter& filter) const;
    // Up to `limit` customers in the query's order, after `after` (nullptr: from the start).
    CustomerPage page(const CustomerQuery& query, const RowKey* after, int limit) const;
    // The key of every `every`-th row after `after` (rows every, 2·every, …), at most `limit` keys: how a
    // virtualised list finds where page N starts without reading the rows before it.
    std::vector<RowKey> keysEvery(const CustomerQuery& query, const RowKey* after, int every, int limit) const;
    std::vector<std::string> ids(const CustomerQuery& query) const;  // every match, in order (bulk actions, export)
    // Up to `limit` ids (< 0: all) in the query's order after `after` (nullptr: from the start): a range of a
    // virtualised list (Shift+click) read from the page anchor before it, without the rows themselves.
    std::vector<std::string> ids(const CustomerQuery& query, const RowKey* after, int limit) const;
    std::vector<Customer> getMany(const std::vector<std::string>& ids) const;  // same order as ids; missing skipped
    std::vector<Customer> all() const;                                       // by name, for dumps and tests

    // Live customers whose main phone or email equals the given (normalised) ones, other than `exceptId`.
    std::vector<Customer> findDuplicates(const std::string& phone, const std::string& email,
                                         const std::string& exceptId = {}) const;

    std::vector<Tag> tags() const;  // live tags by name, with how many live customers carry each
    std::vector<std::string> owners() const;   // distinct owners of live customers
    std::vector<std::string> cities() const;   // distinct cities of live customers

    // Makes search ready for the data as it is now (the in-memory search texts, and the customers' places in the
    // default order, by name); the app calls it when idle so the first keystroke after an edit does not pay for it.
    void prepareSearch() const;

private:
    storage::Statement& tagState() const;

    storage::Database& db_;
    WritePath& writes_;
    mutable SearchTexts searchTexts_;  // for search words of 1–2 characters
    mutable std::unique_ptr<storage::Statement> tagState_;  // prepared once: imports look tags up per row
};

// Splits "vip, 新客户，tea" into trimmed, de-duplicated (case-insensitively) tag names, in the order given.
std::vector<std::string> splitTagNames(const std::string& text);
std::string tagIdFor(const std::string& name);
std::string tagLinkId(const std::string& customerId, const std::string& tagId);
std::string customValueId(const std::string& customerId, const std::string& fieldId);

}  // namespace core
