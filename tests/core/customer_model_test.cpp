// Unit tests of the customer model (schema 3): companies, tag links, custom fields, consent, required fields,
// duplicates, bulk changes, the schema 2 -> 3 migration of tags, and how it all travels in sync files.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/uuid.h"
#include "sync_devices.h"

using core::Customer;
using synctest::Device;

TEST_CASE("name-based UUIDs are RFC 4122 version 5 and the same everywhere") {
    // The RFC's DNS namespace and "www.example.com" (Python's uuid.uuid5 gives the same).
    CHECK(core::nameUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com") ==
          "2ed6657d-e927-568b-95e1-2665a8aea6a2");
    CHECK(core::isUuid(core::tagIdFor("VIP")));
    CHECK(core::tagIdFor("VIP") == core::tagIdFor(" vip "));
    CHECK(core::tagIdFor("vip") != core::tagIdFor("新客户"));
}

TEST_CASE("tags are link records: two devices tagging alike converge, removing a tag removes the link") {
    Device a, b;
    std::string id = a.crm.customers().add({.name = "张三", .tags = "vip, 新客户，vip"}, "u");
    CHECK(a.crm.customers().get(id)->tags == "vip, 新客户");
    CHECK(a.rows("tags") == 2);
    CHECK(a.rows("customer_tags") == 2);
    b.import(a.exportAll());
    // Both add "tea" while apart: the same tag id and link id, so no duplicate tag appears.
    for (Device* d : {&a, &b}) {
        Customer c = *d->crm.customers().get(id);
        c.tags += ", tea";
        d->crm.customers().update(c, "u");
    }
    a.import(b.exportAll());
    b.import(a.exportAll());
    CHECK(a.rows("tags") == 3);
    CHECK(a.dump() == b.dump());
    CHECK(a.crm.customers().get(id)->tags == "tea, vip, 新客户");
    // Removing "vip" on b is a tombstone on the link, which a then merges.
    Customer c = *b.crm.customers().get(id);
    c.tags = "tea, 新客户";
    b.crm.customers().update(c, "u");
    a.import(b.exportAll());
    CHECK(a.crm.customers().get(id)->tags == "tea, 新客户");
    auto tags = a.crm.customers().tags();
    REQUIRE(tags.size() == 3);
    CHECK(tags[0].name == "tea");
    CHECK(tags[1].name == "vip");
    CHECK(tags[1].customers == 0);
}

TEST_CASE("a customer links to a company; renaming the company renames it on its customers") {
    Device d;
    std::string acme = d.crm.companies().add({.name = "华为技术有限公司", .phone = "0755-28780808"}, "u");
    CHECK(d.crm.companies().get(acme)->phone == "075528780808");
    std::string id = d.crm.customers().add({.name = "Li", .company = "华为技术有限公司"}, "u");
    CHECK(d.crm.customers().get(id)->companyId == acme);  // typed an existing name: linked
    std::string other = d.crm.customers().add({.name = "Wu", .company = "Unknown Ltd"}, "u");
    CHECK(d.crm.customers().get(other)->companyId.empty());
    core::Company renamed = *d.crm.companies().get(acme);
    renamed.name = "华为";
    d.crm.companies().update(renamed, "u");
    CHECK(d.crm.customers().get(id)->company == "华为");
    CHECK(d.crm.companies().customerCount(acme) == 1);
    CHECK_THROWS_AS(d.crm.companies().add({.name = " "}, "u"), core::ValidationError);
    d.crm.companies().remove(acme, "u");
    CHECK(d.crm.customers().get(id)->companyId.empty());
    CHECK(d.crm.customers().get(id)->company == "华为");
}

TEST_CASE("the full customer record round-trips and travels in sync files") {
    Device a, b;
    std::string field = a.crm.customFields().add({.label = "Budget", .kind = core::CustomFieldKind::Number}, "u");
    Customer in{.name = "王芳", .phone = "+86 139 1234 5678", .email = "wf@example.cn", .city = "杭州市"};
    in.title = "采购经理";
    in.otherPhones = "010-65529988, 0571 8888 1234";
    in.otherEmails = "wang@corp.cn";
    in.country = "中国";
    in.province = "浙江省";
    in.district = "西湖区";
    in.address = "文三路 90 号";
    in.source = "event";
    in.owner = "rep1";
    in.consent = {{"email", "yes:2026-11-02"}, {"sms", "no:2026-11-03"}};
    in.custom = {{field, "1,250.50"}};
    std::string id = a.crm.customers().add(in, "u");
    Customer out = *a.crm.customers().get(id);
    CHECK(out.phone == "13912345678");
    CHECK(out.otherPhones == "01065529988\n057188881234");
    CHECK(out.custom.at(field) == "1250.5");
    CHECK(out.consent.at("sms") == "no:2026-11-03");
    CHECK(core::Consent::parse(out.consent.at("email")).state == core::Consent::State::Given);
    b.import(a.exportAll());
    Customer there = *b.crm.customers().get(id);
    CHECK(there.district == "西湖区");
    CHECK(there.custom.at(field) == "1250.5");
    CHECK(b.crm.customFields().get(field)->label == "Budget");

    in.consent = {{"email", "maybe"}};
    CHECK_THROWS_AS(a.crm.customers().add(in, "u"), core::ValidationError);
    in.consent.clear();
    in.source = "carrier pigeon";
    CHECK_THROWS_AS(a.crm.customers().add(in, "u"), core::ValidationError);
}

TEST_CASE("custom fields: kinds, canonical values, bad values refused, removal hides values") {
    Device d;
    auto& fields = d.crm.customFields();
    std::string level = fields.add({.label = "Level", .kind = core::CustomFieldKind::Choice, .choices = {"A", "B"}}, "u");
    std::string langs =
        fields.add({.label = "Languages", .kind = core::CustomFieldKind::MultiChoice, .choices = {"zh", "en", "ja"}}, "u");
    std::string since = fields.add({.label = "Client since", .kind = core::CustomFieldKind::Date}, "u");
    CHECK_THROWS_AS(fields.add({.label = "level"}, "u"), core::ValidationError);  // same label
    CHECK_THROWS_AS(fields.add({.label = "Empty", .kind = core::CustomFieldKind::Choice}, "u"), core::ValidationError);
    CHECK(fields.list().size() == 3);
    CHECK(fields.list()[0].label == "Level");

    Customer c{.name = "Zhao"};
    c.custom = {{level, "B"}, {langs, "en, zh"}, {since, "2024年3月5日"}};
    std::string id = d.crm.customers().add(c, "u");
    Customer stored = *d.crm.customers().get(id);
    CHECK(stored.custom.at(langs) == "zh\nen");  // in the definition's order
    CHECK(stored.custom.at(since) == "2024-03-05");
    c.custom = {{level, "C"}};
    CHECK_THROWS_AS(d.crm.customers().add(c, "u"), core::ValidationError);
    c.custom = {{since, "2024-02-30"}};
    CHECK_THROWS_AS(d.crm.customers().add(c, "u"), core::ValidationError);
    // Clearing a value tombstones it.
    stored.custom[level] = "";
    d.crm.customers().update(stored, "u");
    CHECK_FALSE(d.crm.customers().get(id)->custom.count(level));
    fields.remove(langs, "u");
    CHECK_FALSE(d.crm.customers().get(id)->custom.count(langs));
    fields.restore(langs, "u");
    CHECK(d.crm.customers().get(id)->custom.at(langs) == "zh\nen");
}

TEST_CASE("required fields are configurable; the name always is") {
    Device d;
    auto& customers = d.crm.customers();
    CHECK(customers.requiredFields() == std::vector<std::string>{"name"});
    customers.setRequiredFields({"phone", "owner"});
    CHECK(customers.requiredFields() == std::vector<std::string>{"name", "phone", "owner"});
    auto errors = customers.validate({.name = "A"});
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].field == "phone");
    CHECK(errors[0].code == "required");
    CHECK_THROWS_AS(customers.add({.name = "A", .phone = "13800138000"}, "u"), core::ValidationError);
    Customer ok{.name = "A", .phone = "13800138000"};
    ok.owner = "rep";
    CHECK_NOTHROW(customers.add(ok, "u"));
}

TEST_CASE("duplicates are found by the same phone (in any typed form) or email") {
    Device d;
    auto& customers = d.crm.customers();
    std::string a = customers.add({.name = "A", .phone = "13800138000", .email = "A@x.cn"}, "u");
    customers.add({.name = "B", .phone = "13900000000"}, "u");
    CHECK(customers.findDuplicates(core::normalizePhone("+86 138-0013-8000"), "").size() == 1);
    CHECK(customers.findDuplicates("", "a@X.cn").at(0).id == a);
    CHECK(customers.findDuplicates("13800138000", "a@x.cn", a).empty());
}

TEST_CASE("bulk tag, owner, delete and restore change many customers in one commit") {
    Device d;
    auto& customers = d.crm.customers();
    std::vector<std::string> ids;
    for (int i = 0; i < 5; i++) ids.push_back(customers.add({.name = "C" + std::to_string(i)}, "u"));
    int64_t hlcs = d.db.scalarInteger("SELECT count(DISTINCT hlc) FROM change_log");
    CHECK(customers.addTag(ids, "展会", "u") == 5);
    CHECK(customers.addTag(ids, "展会", "u") == 0);  // already tagged
    CHECK(d.db.scalarInteger("SELECT count(DISTINCT hlc) FROM change_log") == hlcs + 1);
    CHECK(customers.get(ids[3])->tags == "展会");
    CHECK(customers.setOwner({ids[0], ids[1], "missing"}, "rep2", "u") == 2);
    core::CustomerQuery byOwner;
    byOwner.filter.owner = "rep2";
    CHECK(customers.ids(byOwner).size() == 2);
    CHECK(customers.removeTag({ids[0]}, core::tagIdFor("展会"), "u") == 1);
    core::CustomerQuery byTag;
    byTag.filter.tagId = core::tagIdFor("展会");
    CHECK(customers.ids(byTag).size() == 4);
    CHECK(customers.removeMany(ids, "u") == 5);
    CHECK(customers.count() == 0);
    CHECK(customers.restoreMany(ids, "u") == 5);
    CHECK(customers.count() == 5);
    CHECK_THROWS(customers.addTag(ids, " , ", "u"));
}

TEST_CASE("bulk changes report what they changed, so that one undo puts back exactly that") {
    Device d;
    auto& customers = d.crm.customers();
    std::vector<std::string> ids;
    for (int i = 0; i < 4; i++) ids.push_back(customers.add({.name = "C" + std::to_string(i), .tags = i ? "" : "vip"}, "u"));
    customers.setOwner({ids[1]}, "rep1", "u");

    std::vector<std::string> changed;
    CHECK(customers.addTag(ids, "VIP", "u", &changed) == 3);
    CHECK(changed == std::vector<std::string>{ids[1], ids[2], ids[3]});  // ids[0] had it already
    customers.removeTag(changed, core::tagIdFor("vip"), "u");            // the undo
    CHECK(customers.get(ids[0])->tags == "vip");
    CHECK(customers.get(ids[1])->tags == "");

    CHECK(customers.removeTag(ids, core::tagIdFor("vip"), "u", &changed) == 1);
    CHECK(changed == std::vector<std::string>{ids[0]});

    std::vector<core::CustomerService::OwnerOf> previous;
    CHECK(customers.setOwner(ids, "rep2", "u", &previous) == 4);
    CHECK(previous.size() == 4);
    int64_t hlcs = d.db.scalarInteger("SELECT count(DISTINCT hlc) FROM change_log");
    CHECK(customers.setOwners(previous, "u") == 4);  // the undo: every previous owner back, in one commit
    CHECK(d.db.scalarInteger("SELECT count(DISTINCT hlc) FROM change_log") == hlcs + 1);
    CHECK(customers.get(ids[1])->owner == "rep1");
    CHECK(customers.get(ids[2])->owner == "");
    CHECK_THROWS(customers.setOwners({{ids[0], std::string(101, 'x')}}, "u"));

    customers.remove(ids[3], "u");
    CHECK(customers.removeMany(ids, "u", &changed) == 3);
    CHECK(changed.size() == 3);
    CHECK(std::find(changed.begin(), changed.end(), ids[3]) == changed.end());  // was deleted before
    customers.restoreMany(changed, "u");
    CHECK(customers.count() == 3);
}

TEST_CASE("migration 3 moves schema 2's comma tags into tag links") {
    const std::string id = "22222222-2222-4222-8222-222222222222";
    storage::Database db(":memory:");
    core::migrate(db, 2);
    db.exec("INSERT INTO settings VALUES ('device_id', '11111111-1111-4111-8111-111111111111');"
            "INSERT INTO customers(id, name, tags, phone, created_at_ms, updated_at_ms) "
            "VALUES ('" + id + "', '李雷', 'vip,老客户', '13800138000', 1, 2);");
    synctest::FakeClock wall(synctest::kNow);
    core::Crm crm(db, wall);
    CHECK(crm.schemaVersion() == core::latestSchemaVersion());
    CHECK(crm.customers().get(id)->tags == "vip, 老客户");
    CHECK(db.scalarText("SELECT tags FROM customers") == "");
    // Searchable after the migration, and the new links travel to other devices.
    core::CustomerFilter f;
    f.search = "李雷";
    CHECK(crm.customers().count(f) == 1);
    f.search = "老客";
    CHECK(crm.customers().count(f) == 1);
    Device other;
    other.import(crm.sync().exportFile().text);
    CHECK(other.crm.customers().get(id)->tags == "vip, 老客户");
    core::Crm again(db, wall);  // nothing left to move: no new changes
    CHECK(db.scalarInteger("SELECT count(*) FROM change_log WHERE field = 'tags'") == 1);
}
