// Unit tests of customer search and list queries: any substring in Chinese and Latin of any length (the in-memory
// search texts), phone numbers by any digits, custom text fields, filters, and keyset pages
// that add up to exactly the sorted list.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "core/uuid.h"
#include "sync_devices.h"

using core::Customer;
using core::CustomerQuery;
using core::CustomerSort;
using synctest::Device;

namespace {

struct People : Device {
    std::string zhang, li, wang, acme;
    std::string note;  // custom text field
    People() {
        auto& c = crm.customers();
        note = crm.customFields().add({.label = "WeChat"}, "u");
        Customer z{.name = "张三丰", .company = "武当山旅游公司", .phone = "13800138000", .email = "zsf@wudang.cn",
                   .city = "十堰", .tags = "vip"};
        z.owner = "rep1";
        z.source = "event";
        zhang = c.add(z, "u");
        Customer l{.name = "Li Lei", .company = "Acme Trading", .phone = "+1 415 555 0100", .email = "lilei@acme.com",
                   .city = "Shanghai", .notes = "met at the Canton fair"};
        l.custom = {{note, "lilei_wx88"}};
        l.owner = "rep2";
        li = c.add(l, "u");
        Customer w{.name = "王五", .phone = "010-6552-9988", .city = "北京", .tags = "vip, 老客户"};
        w.otherPhones = "13912345678";
        w.owner = "rep1";
        wang = c.add(w, "u");
    }
    std::vector<std::string> find(const std::string& text) {
        CustomerQuery q;
        q.filter.search = text;
        std::vector<std::string> ids = crm.customers().ids(q);
        std::sort(ids.begin(), ids.end());
        return ids;
    }
    std::vector<std::string> only(std::vector<std::string> ids) {
        std::sort(ids.begin(), ids.end());
        return ids;
    }
};

}  // namespace

TEST_CASE("search finds any substring of names, company, emails, notes, tags and custom text") {
    People p;
    CHECK(p.find("张三丰") == p.only({p.zhang}));
    CHECK(p.find("三丰") == p.only({p.zhang}));     // two CJK characters
    CHECK(p.find("丰") == p.only({p.zhang}));       // one
    CHECK(p.find("旅游") == p.only({p.zhang}));
    CHECK(p.find("lei") == p.only({p.li}));
    CHECK(p.find("LI LEI") == p.only({p.li}));     // case-insensitive, words in any place
    CHECK(p.find("li") == p.only({p.li}));
    CHECK(p.find("canton") == p.only({p.li}));
    CHECK(p.find("acme.com") == p.only({p.li}));
    CHECK(p.find("wx88") == p.only({p.li}));        // custom text field
    CHECK(p.find("老客户") == p.only({p.wang}));     // tag name
    CHECK(p.find("北京") == p.only({p.wang}));
    CHECK(p.find("zzz").empty());
    CHECK(p.find("\"quoted").empty());              // FTS syntax is never interpreted
    CHECK(p.find("  ").size() == 3);
}

TEST_CASE("phone numbers are found by any run of digits, however the query is typed") {
    People p;
    CHECK(p.find("138") == p.only({p.zhang}));
    CHECK(p.find("0013 8000") == p.only({p.zhang}));
    CHECK(p.find("+86 138-0013") == p.only({p.zhang}));
    CHECK(p.find("6552-99") == p.only({p.wang}));
    CHECK(p.find("912345") == p.only({p.wang}));    // a further number
    CHECK(p.find("(415) 555") == p.only({p.li}));
}

TEST_CASE("search follows edits, tag changes, custom values and deletes") {
    People p;
    auto& c = p.crm.customers();
    Customer li = *c.get(p.li);
    li.name = "韩梅梅";
    li.email = "hmm@acme.com";
    li.custom[p.note] = "";
    c.update(li, "u");
    CHECK(p.find("lei").empty());
    CHECK(p.find("梅") == p.only({p.li}));
    CHECK(p.find("wx88").empty());
    c.addTag({p.li}, "展会客户", "u");
    CHECK(p.find("展会") == p.only({p.li}));
    c.remove(p.zhang, "u");
    CHECK(p.find("张").empty());
    c.restore(p.zhang, "u");
    CHECK(p.find("张") == p.only({p.zhang}));
    // Changing a custom field to a number kind takes its values out of the text search.
    core::CustomField wechat = *p.crm.customFields().get(p.note);
    Customer z = *c.get(p.zhang);
    z.custom[p.note] = "zhang_wechat";
    c.update(z, "u");
    CHECK(p.find("zhang_we") == p.only({p.zhang}));
    p.crm.customFields().remove(p.note, "u");
    CHECK(p.find("zhang_we").empty());
}

TEST_CASE("filters by tag, owner, city and source combine with search") {
    People p;
    auto& c = p.crm.customers();
    CustomerQuery q;
    q.filter.tagId = core::tagIdFor("vip");
    CHECK(c.ids(q).size() == 2);
    q.filter.owner = "rep1";
    CHECK(c.ids(q).size() == 2);
    q.filter.city = "北京";
    CHECK(c.ids(q) == std::vector<std::string>{p.wang});
    q.filter = {};
    q.filter.source = "event";
    CHECK(c.ids(q) == std::vector<std::string>{p.zhang});
    q.filter = {};
    q.filter.owner = "rep1";
    q.filter.search = "王";
    CHECK(c.ids(q) == std::vector<std::string>{p.wang});
    CHECK(c.count(q.filter) == 1);
    CHECK(c.owners() == std::vector<std::string>{"rep1", "rep2"});
}

// Pages of `size` after each last key add up to exactly ids(query), for every sort both ways.
static void checkPaging(core::CustomerService& customers, CustomerQuery q, int size) {
    std::vector<std::string> expected = customers.ids(q), paged;
    core::RowKey last;
    bool first = true;
    for (;;) {
        core::CustomerPage page = customers.page(q, first ? nullptr : &last, size);
        for (const Customer& c : page.rows) paged.push_back(c.id);
        if (page.rows.empty()) break;
        last = page.keys.back();
        first = false;
    }
    CHECK(paged == expected);
    // keysEvery points at the same rows as the pages do.
    std::vector<core::RowKey> anchors = customers.keysEvery(q, nullptr, size, 1000);
    for (size_t i = 0; i < anchors.size(); i++) CHECK(anchors[i].id == expected[(i + 1) * size - 1]);
    // A range read from an anchor (a Shift+click in the list) is the same slice of the sorted list.
    for (size_t i = 0; i < anchors.size(); i++) {
        size_t start = (i + 1) * size, n = std::min<size_t>(size + 3, expected.size() - start);
        std::vector<std::string> slice(expected.begin() + long(start), expected.begin() + long(start + n));
        CHECK(customers.ids(q, &anchors[i], int(size + 3)) == slice);
    }
    CHECK(customers.ids(q, nullptr, 2) == std::vector<std::string>(expected.begin(), expected.begin() + std::min<long>(2, long(expected.size()))));
}

TEST_CASE("keyset pages add up to the whole sorted list, for every column including custom fields") {
    Device d;
    auto& c = d.crm.customers();
    std::string score = d.crm.customFields().add({.label = "Score", .kind = core::CustomFieldKind::Number}, "u");
    std::string level = d.crm.customFields().add({.label = "Level"}, "u");
    const char* cities[] = {"北京", "Shanghai", "beijing", "", "杭州"};
    for (int i = 0; i < 57; i++) {
        Customer x{.name = (i % 3 ? "客户" : "Client ") + std::to_string(i % 10), .city = cities[i % 5]};
        x.email = i % 4 ? "c" + std::to_string(i % 7) + "@x.cn" : "";
        if (i % 2) x.custom[score] = std::to_string((i * 37) % 11 - 5) + (i % 4 ? ".5" : "");
        if (i % 3) x.custom[level] = i % 5 ? "B" : "a";
        x.owner = i % 2 ? "rep1" : "";
        d.wall.ms += i % 3;  // some equal update times
        c.add(x, "u");
    }
    for (CustomerSort sort : {CustomerSort::Name, CustomerSort::City, CustomerSort::Email, CustomerSort::UpdatedAt,
                              CustomerSort::Owner, CustomerSort::Custom})
        for (bool ascending : {true, false})
            for (const std::string& field : {score, level}) {
                CustomerQuery q;
                q.order = {sort, field, ascending};
                checkPaging(c, q, 7);
                q.filter.search = "客户";
                checkPaging(c, q, 5);
            }
    // Numbers sort as numbers: -5.5 before -1 before 10 (no value last; customer_custom_sort_test.cpp has more).
    CustomerQuery q;
    q.order = {CustomerSort::Custom, score, true};
    std::vector<Customer> rows = c.getMany(c.ids(q));
    double previous = -1e300;
    for (const Customer& x : rows) {
        auto it = x.custom.find(score);
        double v = it == x.custom.end() ? 1e300 : std::stod(it->second);
        CHECK(v >= previous);
        previous = v;
    }
}

TEST_CASE("a search lists its hits in the list's order, whether few (read by rowid) or many (along the index)") {
    // 200 customers; "rare" is in 5 notes (fewer than a 16th: the hits are read by rowid and sorted), "common" in
    // every other one (found along the sort's index). Either way the rows are the sorted list less the others.
    Device d;
    auto& c = d.crm.customers();
    const char* cities[] = {"北京", "Shanghai", "beijing", ""};
    std::set<std::string> rare, common;
    for (int i = 0; i < 200; i++) {
        Customer x{.name = (i % 3 ? "客户" : "Client ") + std::to_string(i % 13), .city = cities[i % 4]};
        x.notes = i % 41 == 7 ? "a rare visit" : i % 2 ? "common" : "";
        d.wall.ms += i % 3;
        std::string id = c.add(x, "u");
        if (i % 41 == 7) rare.insert(id);
        else if (i % 2) common.insert(id);
    }
    REQUIRE(rare.size() == 5);
    for (CustomerSort sort : {CustomerSort::Name, CustomerSort::City, CustomerSort::UpdatedAt})
        for (bool ascending : {true, false})
            for (const std::set<std::string>* hits : {&rare, &common}) {
                CustomerQuery q;
                q.order = {sort, "", ascending};
                std::vector<std::string> expected;
                for (const std::string& id : c.ids(q))
                    if (hits->count(id)) expected.push_back(id);
                q.filter.search = hits == &rare ? "rare" : "common";
                CAPTURE(q.filter.search);
                CAPTURE(int(sort));
                CAPTURE(ascending);
                CHECK(c.ids(q) == expected);
                checkPaging(c, q, 2);
                q.filter.city = "beijing";  // with another filter too
                std::vector<std::string> inBeijing;
                for (const std::string& id : expected)
                    if (c.get(id)->city == "beijing") inBeijing.push_back(id);
                CHECK(c.ids(q) == inBeijing);
            }
    // A page after a key whose row has changed since (its place is stale): the rows after the old key all the same.
    CustomerQuery q;
    q.filter.search = "rare";
    core::CustomerPage firstPage = c.page(q, nullptr, 2);
    REQUIRE(firstPage.rows.size() == 2);
    core::RowKey old = firstPage.keys.back();
    Customer edited = firstPage.rows.back();
    edited.name = "zzz";
    c.update(edited, "u");
    auto lower = [](std::string text) {
        for (char& ch : text) ch = char(std::tolower(static_cast<unsigned char>(ch)));
        return text;
    };
    std::vector<std::string> expectedAfter;
    for (const std::string& id : c.ids(q))
        if (std::make_pair(lower(c.get(id)->name), id) > std::make_pair(lower(old.text), old.id))
            expectedAfter.push_back(id);
    std::vector<std::string> pagedAfter;
    for (const Customer& x : c.page(q, &old, 10).rows) pagedAfter.push_back(x.id);
    CHECK(pagedAfter.size() == 4);
    CHECK(pagedAfter == expectedAfter);
}

TEST_CASE("the in-memory search texts follow every kind of write, and count what the list shows") {
    People p;
    auto& c = p.crm.customers();
    p.crm.housekeeping();  // made ahead, as the app does when idle
    CHECK(p.find("武当") == p.only({p.zhang}));
    // A commit of many customers: found at once, counted without a query over the rows.
    std::vector<core::RecordChange> many;
    for (int i = 0; i < 300; i++)
        many.push_back({"customer", core::newUuid(), {{"name", "批量客户 " + std::to_string(i)}}});
    p.crm.writes().commit(many, "u");
    core::CustomerFilter filter;
    filter.search = "批量";
    CHECK(c.count(filter) == 300);
    filter.search = "批量客户 29";
    CHECK(c.count(filter) == 13);  // "29" anywhere: 29, 129, 229, 290–299
    filter.owner = "rep1";         // with another filter the count goes through SQL
    CHECK(c.count(filter) == 0);
    // Edits, deletes and restores show up in the next search.
    Customer z = *c.get(p.zhang);
    z.company = "峨眉派";
    c.update(z, "u");
    CHECK(p.find("武当").empty());
    CHECK(p.find("峨眉") == p.only({p.zhang}));
    c.remove(p.zhang, "u");
    CHECK(p.find("峨眉").empty());
    c.restore(p.zhang, "u");
    CHECK(p.find("峨眉") == p.only({p.zhang}));
    // Several words in any order, each anywhere in the text.
    CHECK(p.find("vip 十堰") == p.only({p.zhang}));
    CHECK(p.find("十堰 vip 峨") == p.only({p.zhang}));
    CHECK(p.find("十堰 acme").empty());
}

TEST_CASE("search finds exactly the customers whose text holds the typed words, typed on or fresh") {
    // Addresses (the end of a customer's search text) from a small alphabet of Latin letters and 3-byte characters
    // that share lead bytes (王 E7 8E 8B, 玉 E7 8E 89, 琅 E7 90 85), so the scan meets many near misses, matches
    // at every offset of its 8-byte words and at the very end of a text, and repeated bytes. Each query's count is
    // checked against a plain scan.
    Device d;
    const char* alphabet[] = {"a", "b", "aa", "王", "玉", "琅", "x"};
    std::vector<std::string> names;
    uint64_t seed = 12345;
    auto next = [&] { return (seed = seed * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
    std::vector<core::RecordChange> changes;
    for (int i = 0; i < 400; i++) {
        std::string name;
        for (uint64_t n = next() % 12; n > 0; n--) name += alphabet[next() % 7];
        names.push_back(name);
        changes.push_back({"customer", core::newUuid(), {{"name", "c"}, {"address", name}}});
    }
    d.crm.writes().commit(changes, "u");
    auto expected = [&](const std::vector<std::string>& words) {
        return std::count_if(names.begin(), names.end(), [&](const std::string& name) {
            return std::all_of(words.begin(), words.end(),
                               [&](const std::string& w) { return name.find(w) != std::string::npos; });
        });
    };
    for (int round = 0; round < 150; round++) {
        std::string typed;
        std::vector<std::string> words(1);
        for (uint64_t n = 1 + next() % 4; n > 0; n--) {
            if (next() % 5 == 0 && !words.back().empty()) typed += ' ', words.emplace_back();
            const char* piece = alphabet[next() % 7];
            typed += piece, words.back() += piece;
            // Every prefix is a keystroke, so most queries narrow the kept hit set of the one before.
            CAPTURE(typed);
            CHECK(d.crm.customers().count({.search = typed}) == expected(words));
        }
    }
}

TEST_CASE("the search texts take in small commits as they come: edits, deletes, restores and new customers") {
    // Few changed customers are merged into the in-memory texts instead of reading them all again; every round
    // commits one to three changes and checks counts against a plain scan of what should be live.
    Device d;
    const char* alphabet[] = {"a", "b", "王", "玉", "x"};
    uint64_t seed = 777;
    auto next = [&] { return (seed = seed * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
    auto word = [&] {
        std::string w;
        for (uint64_t n = 1 + next() % 6; n > 0; n--) w += alphabet[next() % 5];
        return w;
    };
    struct Entry {
        std::string id, address;
        bool live = true;
    };
    std::vector<Entry> entries;
    std::vector<core::RecordChange> changes;
    auto addCustomer = [&] {
        entries.push_back({core::newUuid(), word()});
        changes.push_back({"customer", entries.back().id, {{"name", "c"}, {"address", entries.back().address}}});
    };
    auto expected = [&](const std::string& w) {  // "c": every live customer (their name; the alphabet has no c)
        return std::count_if(entries.begin(), entries.end(),
                             [&](const Entry& e) { return e.live && ("c" + e.address).find(w) != std::string::npos; });
    };
    for (int i = 0; i < 200; i++) addCustomer();
    d.crm.writes().commit(changes, "u");
    for (int round = 0; round < 120; round++) {
        changes.clear();
        for (uint64_t n = 1 + next() % 3; n > 0; n--) {
            Entry& e = entries[next() % entries.size()];
            bool taken = std::any_of(changes.begin(), changes.end(), [&](const auto& c) { return c.recordId == e.id; });
            uint64_t what = taken ? 3 : next() % 4;  // a record once per commit
            if (what == 0) e.address = word();
            if (what == 1) e.live = !e.live;
            if (what == 2) e.address.clear();
            if (what == 1) changes.push_back({"customer", e.id, {{"deleted", e.live ? "0" : "1"}}});
            else if (what != 3) changes.push_back({"customer", e.id, {{"address", e.address}}});
            else addCustomer();
        }
        d.crm.writes().commit(changes, "u");
        CAPTURE(round);
        for (std::string w : {std::string("c"), word(), word(), word()}) {
            CAPTURE(w);
            CHECK(d.crm.customers().count({.search = w}) == expected(w));
        }
    }
}
