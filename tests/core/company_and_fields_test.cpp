// Unit tests of what the Companies screen and the Settings "Customer fields" section ask of the core: a company's
// customers and their counts, search by city or industry, delete undone with the customers linked again, and
// custom fields moved in the display order (also when two devices gave them the same position).
#include <doctest/doctest.h>

#include "sync_devices.h"

using core::Customer;
using synctest::Device;

TEST_CASE("a company lists its customers by name and counts them; the list searches name, city and industry") {
    Device d;
    std::string tea = d.crm.companies().add({.name = "Harbour Tea", .industry = "茶叶", .city = "上海"}, "u");
    std::string wood = d.crm.companies().add({.name = "Nordic Timber", .industry = "Wood", .city = "Stockholm"}, "u");
    std::string wang = d.crm.customers().add({.name = "Wang Fang", .companyId = tea}, "u");
    std::string li = d.crm.customers().add({.name = "Li Lei", .company = "harbour tea"}, "u");  // linked by name
    d.crm.customers().add({.name = "Zhao", .company = "Elsewhere"}, "u");
    CHECK(d.crm.companies().customerIds(tea) == std::vector<std::string>{li, wang});
    CHECK(d.crm.companies().customerIds(wood).empty());
    auto counts = d.crm.companies().customerCounts();
    CHECK(counts.size() == 1);
    CHECK(counts[tea] == 2);
    d.crm.customers().remove(li, "u");
    CHECK(d.crm.companies().customerCounts()[tea] == 1);
    CHECK(d.crm.companies().customerIds(tea) == std::vector<std::string>{wang});

    CHECK(d.crm.companies().list("上海").size() == 1);
    CHECK(d.crm.companies().list("wood").front().id == wood);
    CHECK(d.crm.companies().list("TIMBER").front().id == wood);
    CHECK(d.crm.companies().list("nothing like it").empty());
    CHECK(d.crm.companies().list().size() == 2);
}

TEST_CASE("deleting a company unlinks its customers; restoring it links them again under its name") {
    Device d;
    std::string acme = d.crm.companies().add({.name = "Acme"}, "u");
    std::string a = d.crm.customers().add({.name = "A", .companyId = acme}, "u");
    std::string b = d.crm.customers().add({.name = "B", .companyId = acme}, "u");
    std::string c = d.crm.customers().add({.name = "C"}, "u");
    std::vector<std::string> unlinked = d.crm.companies().remove(acme, "u");
    CHECK(unlinked.size() == 2);
    CHECK_FALSE(d.crm.companies().get(acme));
    CHECK(d.crm.customers().get(a)->companyId.empty());
    CHECK(d.crm.customers().get(a)->company == "Acme");

    // Meanwhile B is deleted, and D (passed by mistake) belongs to another company: only A comes back linked.
    std::string beta = d.crm.companies().add({.name = "Beta"}, "u");
    d.crm.customers().remove(b, "u");
    std::string other = d.crm.customers().add({.name = "D", .companyId = beta}, "u");
    d.crm.companies().restore(acme, "u", {a, b, other, "no-such-customer"});
    CHECK(d.crm.companies().get(acme)->name == "Acme");
    CHECK(d.crm.customers().get(a)->companyId == acme);
    CHECK(d.crm.customers().get(other)->companyId == beta);
    CHECK(d.crm.customers().get(c)->companyId.empty());
    d.crm.customers().restore(b, "u");
    CHECK(d.crm.customers().get(b)->companyId.empty());
    CHECK(d.crm.companies().customerCount(acme) == 1);
    CHECK_THROWS_AS(d.crm.companies().restore("no-such-company", "u"), std::invalid_argument);
}

TEST_CASE("the undo of a company delete travels in sync files like any other change") {
    Device a, b;
    std::string acme = a.crm.companies().add({.name = "Acme"}, "u");
    std::string id = a.crm.customers().add({.name = "A", .companyId = acme}, "u");
    std::vector<std::string> unlinked = a.crm.companies().remove(acme, "u");
    a.crm.companies().restore(acme, "u", unlinked);
    b.import(a.exportAll());
    CHECK(b.crm.customers().get(id)->companyId == acme);
    CHECK(b.crm.companies().customerIds(acme) == std::vector<std::string>{id});
}

static std::vector<std::string> labels(core::CustomFieldService& fields) {
    std::vector<std::string> out;
    for (const core::CustomField& f : fields.list()) out.push_back(f.label);
    return out;
}

TEST_CASE("custom fields move up and down the display order") {
    Device d;
    auto& fields = d.crm.customFields();
    std::string wechat = fields.add({.label = "微信号"}, "u");
    std::string wine = fields.add({.label = "Wine", .kind = core::CustomFieldKind::Choice, .choices = {"red", "white"}}, "u");
    std::string budget = fields.add({.label = "Budget", .kind = core::CustomFieldKind::Number}, "u");
    CHECK(labels(fields) == std::vector<std::string>{"微信号", "Wine", "Budget"});
    fields.move(budget, -1, "u");
    CHECK(labels(fields) == std::vector<std::string>{"微信号", "Budget", "Wine"});
    fields.move(budget, -1, "u");
    CHECK(labels(fields) == std::vector<std::string>{"Budget", "微信号", "Wine"});
    fields.move(budget, -1, "u");  // already first: nothing changes
    CHECK(labels(fields) == std::vector<std::string>{"Budget", "微信号", "Wine"});
    fields.move(wechat, 5, "u");  // past the end: last
    CHECK(labels(fields) == std::vector<std::string>{"Budget", "Wine", "微信号"});
    fields.move(wine, 1, "u");
    CHECK(labels(fields) == std::vector<std::string>{"Budget", "微信号", "Wine"});
    CHECK_THROWS_AS(fields.move("no-such-field", 1, "u"), std::invalid_argument);
}

TEST_CASE("fields three devices added at the same position are renumbered when one is moved between them") {
    Device a, b, c;
    a.crm.customFields().add({.label = "Apple"}, "u");  // position 1 on each device
    b.crm.customFields().add({.label = "Banana"}, "u");
    std::string cherry = c.crm.customFields().add({.label = "Cherry"}, "u");
    a.import(b.exportAll());
    a.import(c.exportAll());
    auto& fields = a.crm.customFields();
    CHECK(labels(fields) == std::vector<std::string>{"Apple", "Banana", "Cherry"});  // same position: by label
    // Up one puts it between two fields of the same position: no position lies between them, so all are renumbered.
    fields.move(cherry, -1, "u");
    CHECK(labels(fields) == std::vector<std::string>{"Apple", "Cherry", "Banana"});
    CHECK(fields.list()[0].position < fields.list()[1].position);
    CHECK(fields.list()[1].position < fields.list()[2].position);
    b.import(a.exportAll());
    CHECK(labels(b.crm.customFields()) == std::vector<std::string>{"Apple", "Cherry", "Banana"});
}
