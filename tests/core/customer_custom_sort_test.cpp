// Unit tests of lists sorted by a custom field (schema 8: index-driven): for every kind (text, number, date, choice,
// multi-choice) both ways, the order is the one computed here from the values — numbers numerically, text kinds
// case-insensitively, ties by id, customers without a value last by id — with and without filters, and pages,
// anchors and ranges read after keys add up to exactly that order. Also: deleted and restored customers, a value
// that arrives before its customer, a kind change, the migration of an older database, and that a page read in the
// middle of a longer list costs what it costs in a short one (no sort of every customer).
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <set>

#include "core/customer_fields.h"
#include "core/schema.h"
#include "core/uuid.h"
#include "sync_devices.h"

using core::Customer;
using core::CustomerQuery;
using core::CustomerSort;
using core::CustomFieldKind;
using synctest::Device;

namespace {

std::string folded(std::string s) {  // SQLite's NOCASE: ASCII letters only
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return s;
}

// The order a list sorted by `field` must have, computed from the customers' values: those with a value by value
// (numbers as numbers, other kinds case-insensitively) then id, both in the direction; then those without, by id in
// the direction. Only the customers in `shown` (the filter's matches).
std::vector<std::string> expectedOrder(core::CustomerService& customers, const std::string& field, CustomFieldKind kind,
                                       bool ascending, const std::set<std::string>& shown) {
    struct Row {
        std::string id, text;
        double number = 0;
        bool has = false;
    };
    std::vector<Row> rows;
    for (const Customer& c : customers.all()) {
        if (!shown.count(c.id)) continue;
        Row r{c.id};
        auto it = c.custom.find(field);
        if (it != c.custom.end() && !it->second.empty()) {
            r.has = true;
            if (kind == CustomFieldKind::Number) r.number = std::strtod(it->second.c_str(), nullptr);  // as CAST reads it
            else r.text = folded(it->second);
        }
        rows.push_back(r);
    }
    std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
        if (a.has != b.has) return a.has;  // no value last, both ways
        if (a.has) {
            bool less = kind == CustomFieldKind::Number ? a.number < b.number : a.text < b.text;
            bool greater = kind == CustomFieldKind::Number ? a.number > b.number : a.text > b.text;
            if (less || greater) return ascending ? less : greater;
        }
        return ascending ? a.id < b.id : a.id > b.id;
    });
    std::vector<std::string> ids;
    for (const Row& r : rows) ids.push_back(r.id);
    return ids;
}

// The list in `expected` order whichever way it is read: all ids at once, pages of `size` each after the last key,
// anchors every `size` rows (also from an anchor on), and a range read from each anchor.
void checkReads(core::CustomerService& customers, const CustomerQuery& q, const std::vector<std::string>& expected,
                int size) {
    CHECK(customers.ids(q) == expected);
    std::vector<std::string> paged;
    core::RowKey last;
    for (bool first = true;; first = false) {
        core::CustomerPage page = customers.page(q, first ? nullptr : &last, size);
        REQUIRE(page.keys.size() == page.rows.size());
        for (const Customer& c : page.rows) paged.push_back(c.id);
        if (page.rows.empty()) break;
        last = page.keys.back();
    }
    CHECK(paged == expected);
    std::vector<core::RowKey> anchors = customers.keysEvery(q, nullptr, size, 1000);
    REQUIRE(anchors.size() == expected.size() / size);
    for (size_t i = 0; i < anchors.size(); i++) {
        CHECK(anchors[i].id == expected[(i + 1) * size - 1]);
        size_t start = (i + 1) * size, n = std::min<size_t>(size + 3, expected.size() - start);
        CHECK(customers.ids(q, &anchors[i], int(size + 3)) ==
              std::vector<std::string>(expected.begin() + long(start), expected.begin() + long(start + n)));
    }
    if (!anchors.empty()) {
        std::vector<core::RowKey> rest = customers.keysEvery(q, &anchors[0], size, 1000);
        REQUIRE(rest.size() == anchors.size() - 1);
        for (size_t i = 0; i < rest.size(); i++) CHECK(rest[i].id == anchors[i + 1].id);
    }
}

struct Fields {
    std::string text, number, date, choice, multi;
};

// 48 customers with values of every kind: ties, case variants, numbers whose text order is not their order,
// customers without a value (never set, and set then cleared), in two cities with tags and two owners.
struct Catalogue : Device {
    Fields f;
    std::vector<std::string> ids;
    Catalogue() {
        auto& fields = crm.customFields();
        f.text = fields.add({.label = "Note"}, "u");
        f.number = fields.add({.label = "Score", .kind = CustomFieldKind::Number}, "u");
        f.date = fields.add({.label = "Since", .kind = CustomFieldKind::Date}, "u");
        f.choice = fields.add({.label = "Tier", .kind = CustomFieldKind::Choice, .choices = {"Gold", "silver", "Bronze"}}, "u");
        f.multi = fields.add(
            {.label = "Channels", .kind = CustomFieldKind::MultiChoice, .choices = {"WeChat", "email", "Phone"}}, "u");
        const char* texts[] = {"", "apple", "Apple", "banana", "张三", "10 boxes", "9 boxes"};
        const char* numbers[] = {"", "9", "10", "-5.5", "1e20", "0", "9", "-0.25", "100"};
        const char* dates[] = {"", "2026-01-05", "2025-12-31", "1999-07-01", "2026-01-05"};
        const char* choices[] = {"", "Gold", "silver", "Bronze", "Gold"};
        const char* multis[] = {"", "WeChat, Phone", "email", "Phone", "Phone, WeChat", "email, WeChat"};
        for (int i = 0; i < 48; i++) {
            Customer c{.name = "客户 " + std::to_string(i), .city = i % 3 ? "上海" : "Beijing"};
            c.owner = i % 2 ? "rep1" : "rep2";
            c.tags = i % 4 == 1 ? "vip" : "";
            c.notes = i % 5 == 2 ? "met at the fair" : "";
            c.custom = {{f.text, texts[i % 7]}, {f.number, numbers[i % 9]}, {f.date, dates[i % 5]},
                        {f.choice, choices[(i / 2) % 5]}, {f.multi, multis[i % 6]}};
            ids.push_back(crm.customers().add(c, "u"));
        }
        // Two customers had a value and lost it: a value row with '' is no value.
        for (int i : {1, 2}) {
            Customer c = *crm.customers().get(ids[size_t(i)]);
            c.custom[f.text] = c.custom[f.number] = "";
            crm.customers().update(c, "u");
        }
    }
    std::set<std::string> matching(const core::CustomerFilter& filter) {
        CustomerQuery q;
        q.filter = filter;
        std::vector<std::string> found = crm.customers().ids(q);
        return {found.begin(), found.end()};
    }
    // Every kind both ways, unfiltered and with each kind of filter chip and a search.
    void checkAll(int size) {
        std::vector<std::pair<std::string, CustomFieldKind>> kinds = {{f.text, CustomFieldKind::Text},
                                                                      {f.number, CustomFieldKind::Number},
                                                                      {f.date, CustomFieldKind::Date},
                                                                      {f.choice, CustomFieldKind::Choice},
                                                                      {f.multi, CustomFieldKind::MultiChoice}};
        std::vector<core::CustomerFilter> filters(6);
        filters[1].city = "上海";
        filters[2].tagId = core::tagIdFor("vip");
        filters[3].search = "fair";
        filters[4].owner = "rep1";
        filters[5].search = "客户";
        filters[5].tagId = core::tagIdFor("vip");
        for (const core::CustomerFilter& filter : filters) {
            std::set<std::string> shown = matching(filter);
            REQUIRE(!shown.empty());
            for (const auto& fieldKind : kinds)
                for (bool ascending : {true, false}) {
                    const std::string& field = fieldKind.first;
                    CustomFieldKind kind = fieldKind.second;
                    CAPTURE(core::customFieldKindName(kind));
                    CAPTURE(ascending);
                    CAPTURE(filter.city + filter.tagId + filter.search + filter.owner);
                    CustomerQuery q;
                    q.filter = filter;
                    q.order = {CustomerSort::Custom, field, ascending};
                    checkReads(crm.customers(), q, expectedOrder(crm.customers(), field, kind, ascending, shown), size);
                }
        }
    }
};

}  // namespace

TEST_CASE("a list sorted by a custom field of any kind, both ways, with filters: value order, ties by id, no value last") {
    Catalogue c;
    c.checkAll(5);
    c.checkAll(48);  // one page: anchors none, the no-value run reached from the first page
    // Spot checks of the rule itself, so the expected order above is not the only witness.
    CustomerQuery q;
    q.order = {CustomerSort::Custom, c.f.number, true};
    std::vector<Customer> up = c.crm.customers().getMany(c.crm.customers().ids(q));
    CHECK(up.front().custom.at(c.f.number) == "-5.5");
    CHECK(up[up.size() - 1].custom.count(c.f.number) == 0);
    std::vector<std::string> values;
    for (const Customer& x : up)
        if (x.custom.count(c.f.number)) values.push_back(x.custom.at(c.f.number));
    values.erase(std::unique(values.begin(), values.end()), values.end());
    std::string numbers;  // the distinct values in list order
    for (const std::string& v : values) numbers += " " + v;
    std::string expected, problem;
    for (const char* typed : {"-5.5", "-0.25", "0", "9", "10", "100", "1e20"})  // numeric order, not text order
        expected += " " + *core::canonicalCustomValue(*c.crm.customFields().get(c.f.number), typed, problem);
    CHECK(numbers == expected);
    q.order = {CustomerSort::Custom, c.f.number, false};
    std::vector<Customer> down = c.crm.customers().getMany(c.crm.customers().ids(q));
    CHECK(down.front().custom.at(c.f.number) == "1e+20");
    CHECK(down.back().custom.count(c.f.number) == 0);  // still last going down
    q.order = {CustomerSort::Custom, c.f.text, true};
    std::vector<Customer> byText = c.crm.customers().getMany(c.crm.customers().ids(q));
    std::vector<std::string> texts, appleIds;
    for (const Customer& x : byText) {
        texts.push_back(x.custom.count(c.f.text) ? x.custom.at(c.f.text) : "");
        if (folded(texts.back()) == "apple") appleIds.push_back(x.id);
    }
    auto firstEmpty = std::find(texts.begin(), texts.end(), "");
    CHECK(std::all_of(firstEmpty, texts.end(), [](const std::string& t) { return t.empty(); }));  // no value last
    CHECK(std::is_sorted(texts.begin(), firstEmpty,
                         [](const std::string& a, const std::string& b) { return folded(a) < folded(b); }));
    CHECK(texts.front() == "10 boxes");  // text order, not numbers
    CHECK(std::is_sorted(appleIds.begin(), appleIds.end()));  // apple and Apple tie: by id
    CHECK(appleIds.size() == 12);
}

TEST_CASE("a custom-field order follows deletes, restores, a value that arrives before its customer, a kind change") {
    Catalogue c;
    auto& customers = c.crm.customers();
    customers.removeMany({c.ids[3], c.ids[4], c.ids[6]}, "u");  // with values and without
    c.checkAll(4);
    customers.restoreMany({c.ids[4], c.ids[6]}, "u");
    c.checkAll(4);
    // A sync file may bring a value before its customer: the value joins the order when the customer arrives.
    std::string late = core::newUuid();
    c.crm.writes().commit({{"custom_value", core::customValueId(late, c.f.number),
                            {{"customer_id", late}, {"field_id", c.f.number}, {"value", "-1000"}}}},
                          "u");
    CustomerQuery q;
    q.order = {CustomerSort::Custom, c.f.number, true};
    std::vector<std::string> before = customers.ids(q);
    CHECK(before.size() == 47);
    CHECK(std::find(before.begin(), before.end(), late) == before.end());
    c.crm.writes().commit({{"customer", late, {{"name", "Late"}}}}, "u");
    CHECK(customers.ids(q).front() == late);
    c.checkAll(6);
    // A text field that becomes a number field sorts by number from then on (its values kept as they were, read
    // as SQLite's CAST reads them: "10 boxes" as 10, "apple" as 0).
    core::CustomField note = *c.crm.customFields().get(c.f.text);
    note.kind = CustomFieldKind::Number;
    c.crm.customFields().update(note, "u");
    q.order = {CustomerSort::Custom, c.f.text, true};
    checkReads(customers, q, expectedOrder(customers, c.f.text, CustomFieldKind::Number, true, c.matching({})), 5);
}

TEST_CASE("the customers without a value: every one, or none, and past the last page") {
    Device d;
    auto& customers = d.crm.customers();
    std::string score = d.crm.customFields().add({.label = "Score", .kind = CustomFieldKind::Number}, "u");
    std::string unset = d.crm.customFields().add({.label = "Unused"}, "u");
    std::vector<std::string> ids;
    for (int i = 0; i < 12; i++) {
        Customer x{.name = "c" + std::to_string(i)};
        x.custom[score] = std::to_string(i % 4);
        ids.push_back(customers.add(x, "u"));
    }
    std::set<std::string> all(ids.begin(), ids.end());
    for (bool ascending : {true, false}) {
        CustomerQuery q;
        q.order = {CustomerSort::Custom, score, ascending};  // everyone has a value: the second run is empty
        checkReads(customers, q, expectedOrder(customers, score, CustomFieldKind::Number, ascending, all), 4);
        q.order = {CustomerSort::Custom, unset, ascending};  // nobody has one: all by id
        std::vector<std::string> byId(all.begin(), all.end());
        if (!ascending) std::reverse(byId.begin(), byId.end());
        checkReads(customers, q, byId, 5);
        core::CustomerPage page = customers.page(q, nullptr, 3);
        CHECK(page.keys.back().noValue);
        q.order = {CustomerSort::Custom, "no-such-field", ascending};
        CHECK(customers.ids(q) == byId);
    }
    // After the last row there is nothing, both after a row with a value and after one without.
    CustomerQuery q;
    q.order = {CustomerSort::Custom, score, true};
    core::CustomerPage all12 = customers.page(q, nullptr, 100);
    REQUIRE(all12.rows.size() == 12);
    CHECK(customers.page(q, &all12.keys.back(), 10).rows.empty());
    q.order = {CustomerSort::Custom, unset, true};
    all12 = customers.page(q, nullptr, 100);
    CHECK(customers.page(q, &all12.keys.back(), 10).rows.empty());
}

TEST_CASE("an older database gets each value's live customer on migration") {
    storage::Database db(":memory:");
    core::migrate(db, 7);
    db.exec("INSERT INTO customers(id, name, deleted, created_at_ms, updated_at_ms) VALUES "
            "('a', 'A', 0, 1, 1), ('b', 'B', 1, 1, 1), ('c', 'C', 0, 1, 1), ('d', 'D', 0, 1, 1), ('e', 'E', 0, 1, 1);"
            "INSERT INTO custom_fields(id, label, kind, created_at_ms, updated_at_ms) VALUES "
            "('f', 'Score', 'number', 1, 1);"
            "INSERT INTO custom_values(id, customer_id, field_id, value, deleted, created_at_ms, updated_at_ms) VALUES "
            "('va', 'a', 'f', '20', 0, 1, 1), ('vb', 'b', 'f', '5', 0, 1, 1), ('vc', 'c', 'f', '3', 0, 1, 1), "
            "('vd', 'd', 'f', '', 0, 1, 1), ('ve', 'e', 'f', '9', 1, 1, 1);");
    synctest::FakeClock wall(synctest::kNow);
    core::Crm crm(db, wall);
    // Listed: a and c. Not: b (deleted customer), d (empty value), e (deleted value).
    CHECK(db.scalarText("SELECT group_concat(customer_id) FROM (SELECT customer_id FROM custom_values "
                        "WHERE live_rowid IS NOT NULL ORDER BY customer_id)") == "a,c");
    CHECK(db.scalarInteger("SELECT count(*) FROM custom_values v JOIN customers c ON c.rowid = v.live_rowid "
                           "WHERE c.id <> v.customer_id") == 0);
    CustomerQuery q;
    q.order = {CustomerSort::Custom, "f", false};
    CHECK(crm.customers().ids(q) == std::vector<std::string>{"a", "c", "e", "d"});  // then no value, by id going down
}

namespace {

// SQLite virtual-machine instructions run by `read`, a measure of work that does not depend on the machine.
template <class Read>
int64_t vmSteps(storage::Database& db, Read read) {
    int64_t steps = 0;
    sqlite3_progress_handler(db.handle(), 100, [](void* n) { return ++*static_cast<int64_t*>(n), 0; }, &steps);
    read();
    sqlite3_progress_handler(db.handle(), 0, nullptr, nullptr);
    return steps * 100;
}

// The work of reading 20 rows a third of the way down `n` customers sorted by `sort` (Custom: a number field that
// every customer but each tenth has a value of).
int64_t middlePageSteps(int n, CustomerSort sort) {
    Device d;
    std::string score = d.crm.customFields().add({.label = "Score", .kind = CustomFieldKind::Number}, "u");
    std::vector<core::RecordChange> changes;
    for (int i = 0; i < n; i++) {
        std::string id = core::newUuid();
        changes.push_back({"customer", id, {{"name", "客户 " + std::to_string(i * 7919 % n)}}});
        if (i % 10)
            changes.push_back({"custom_value", core::customValueId(id, score),
                               {{"customer_id", id}, {"field_id", score}, {"value", std::to_string(i % 97)}}});
    }
    d.crm.writes().commit(changes, "u");
    CustomerQuery q;
    q.order = {sort, score, true};
    std::vector<core::RowKey> anchors = d.crm.customers().keysEvery(q, nullptr, 20, 1 << 20);
    REQUIRE(anchors.size() >= 10);
    const core::RowKey& middle = anchors[anchors.size() / 3];  // in the run of values
    return vmSteps(d.db, [&] { CHECK(d.crm.customers().page(q, &middle, 20).rows.size() == 20); });
}

}  // namespace

TEST_CASE("a page read in the middle of the list does the same work for 4,000 customers as for 500") {
    // Sorting every customer per page (the order before schema 8) made this 8x; an index range does not grow.
    for (CustomerSort sort : {CustomerSort::Custom, CustomerSort::Name}) {
        int64_t small = middlePageSteps(500, sort), large = middlePageSteps(4000, sort);
        CAPTURE(int(sort));
        CAPTURE(small);
        CAPTURE(large);
        CHECK(large < small * 3 / 2);
    }
}
