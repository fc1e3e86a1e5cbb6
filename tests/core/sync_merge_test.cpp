// Unit tests of sync between devices: export/import round trips, idempotence, own files, order, last-writer-wins,
// conflicts and choosing them, the delete rule, the clock-skew rule, incremental files and version vectors, peers.
#include <doctest/doctest.h>

#include "core/uuid.h"
#include "sync_devices.h"

using synctest::Device;
using synctest::kNow;

namespace {

// The version of one field: its greatest change in the log the write path keeps.
core::Version versionOf(Device& d, const std::string& id, const char* field) {
    storage::Statement s = d.db.prepare("SELECT hlc, device FROM change_log WHERE entity = 'customer' AND "
                                        "record_id = ? AND field = ? ORDER BY hlc DESC, device DESC LIMIT 1");
    s.bind(1, id).bind(2, field);
    return s.step() ? core::Version{uint64_t(s.integer(0)), s.text(1)} : core::Version{};
}

void setCity(Device& d, const std::string& id, const std::string& city) {
    core::Customer c = *d.crm.customers().get(id);
    c.city = city;
    d.crm.customers().update(c, "rep");
}

}  // namespace

TEST_CASE("a full export brings a new device to the same customers, and the summary says what happened") {
    Device a, b;
    a.crm.setDeviceName("sales laptop 2");
    std::string id = a.crm.customers().add({.name = "张三", .phone = "138 0013 8000", .city = "上海"}, "rep1");
    a.crm.customers().add({.name = "Li Si"}, "rep1");
    core::ImportSummary s = b.import(a.exportAll());
    CHECK(b.dump() == a.dump());
    CHECK(s.fromDevice == a.id());
    CHECK(s.fromName == "sales laptop 2");
    CHECK(s.changesInFile == 4);
    CHECK(s.total.changes == 4);
    CHECK(s.total.created == 2);
    CHECK(s.total.updated == 0);
    CHECK(s.total.oldestMs == kNow);
    REQUIRE(s.byDevice.size() == 1);
    CHECK(s.byDevice[0].name == "sales laptop 2");
    CHECK(s.byDevice[0].counts.created == 2);
    CHECK(b.crm.customers().get(id)->createdAtMs == a.crm.customers().get(id)->createdAtMs);
    // The origin device and HLC travel with every change.
    CHECK(b.db.scalarInteger("SELECT count(*) FROM change_log WHERE device = '" + a.id() + "'") == 4);
    const char* changes = "SELECT group_concat(device_seq || hlc || field || value) FROM "
                          "(SELECT * FROM change_log ORDER BY device, device_seq)";
    CHECK(b.db.scalarText(changes) == a.db.scalarText(changes));
}

TEST_CASE("importing the same file twice changes nothing the second time") {
    Device a, b;
    std::string id = a.crm.customers().add({.name = "Wang Wu"}, "rep1");
    setCity(a, id, "Xi'an");
    a.crm.customers().remove(id, "rep1");
    std::string file = a.exportAll();
    b.import(file);
    std::string before = b.state();
    core::ImportSummary again = b.import(file);
    CHECK(again.total.changes == 0);
    CHECK(again.total.conflicts == 0);
    CHECK(b.state() == before);
}

TEST_CASE("importing this device's own file is a no-op, even after it learned from others") {
    Device a, b;
    b.crm.customers().add({.name = "From B"}, "rep2");
    a.import(b.exportAll());
    a.crm.customers().add({.name = "From A"}, "rep1");
    std::string before = a.state();
    core::ImportSummary s = a.import(a.exportAll());
    CHECK(s.total.changes == 0);
    CHECK(a.state() == before);
}

TEST_CASE("files from several devices give the same result in any order") {
    Device a, b, c1, c2;
    std::string id = a.crm.customers().add({.name = "Shared", .city = "A-town"}, "u");
    b.import(a.exportAll());
    a.wall.ms += 1000;
    b.wall.ms += 2000;
    setCity(a, id, "Hangzhou");
    setCity(b, id, "Suzhou");
    b.crm.customers().add({.name = "Only B"}, "u");
    std::string fa = a.exportAll(), fb = b.exportAll();
    c1.import(fa);
    c1.import(fb);
    c2.import(fb);
    c2.import(fa);
    CHECK(c1.dump() == c2.dump());
    CHECK(c1.crm.customers().get(id)->city == "Suzhou");  // b's write has the later HLC
    CHECK(c1.crm.conflicts().count() == 1);
    CHECK(c2.crm.conflicts().count() == 1);
}

TEST_CASE("concurrent edits: the later (hlc, device) wins everywhere and the loser is kept as a conflict") {
    Device a, b;
    std::string id = a.crm.customers().add({.name = "Zhao Liu", .city = "Beijing"}, "u");
    b.import(a.exportAll());
    a.wall.ms += 5000;
    b.wall.ms += 9000;
    setCity(a, id, "Shanghai");   // earlier
    setCity(b, id, "Shenzhen");   // later: wins
    core::ImportSummary atA = a.import(b.exportAll());
    core::ImportSummary atB = b.import(a.exportAll());
    CHECK(a.dump() == b.dump());
    CHECK(a.crm.customers().get(id)->city == "Shenzhen");
    CHECK(atA.total.conflicts == 1);
    CHECK(atA.total.updated == 1);
    CHECK(atB.total.conflicts == 1);
    CHECK(atB.total.updated == 0);
    for (Device* d : {&a, &b}) {
        std::vector<core::Conflict> list = d->crm.conflicts().list();
        REQUIRE(list.size() == 1);
        CHECK(list[0].recordId == id);
        CHECK(list[0].field == "city");
        CHECK(list[0].value == "Shanghai");
        CHECK(list[0].version.device == a.id());
        CHECK(core::HybridLogicalClock::millisOf(list[0].version.hlc) == kNow + 5000);
        CHECK(list[0].currentValue == "Shenzhen");
        CHECK(list[0].current.device == b.id());
    }
    // Choosing the losing value on b writes it again, later than everything: it wins on a too, and closes the
    // conflict on both devices.
    b.crm.conflicts().choose(b.crm.conflicts().list()[0], "rep2");
    CHECK(b.crm.customers().get(id)->city == "Shanghai");
    CHECK(b.crm.conflicts().count() == 0);
    a.import(b.exportFor(a));
    CHECK(a.crm.customers().get(id)->city == "Shanghai");
    CHECK(a.crm.conflicts().count() == 0);
    CHECK(a.dump() == b.dump());
}

TEST_CASE("choosing or dismissing a conflict can be undone; the list names the record even when it is deleted") {
    Device a, b;
    std::string id = a.crm.customers().add({.name = "Zhou Jiu", .city = "Xiamen"}, "u");
    b.import(a.exportAll());
    a.wall.ms += 1000;
    b.wall.ms += 2000;
    setCity(a, id, "Fuzhou");
    setCity(b, id, "Quanzhou");  // later: wins
    a.import(b.exportAll());
    core::Conflict conflict = a.crm.conflicts().list().at(0);
    CHECK(conflict.recordName == "Zhou Jiu");

    a.crm.conflicts().choose(conflict, "u");
    CHECK(a.crm.customers().get(id)->city == "Fuzhou");
    a.crm.conflicts().undoChoose(conflict, "u");
    CHECK(a.crm.customers().get(id)->city == "Quanzhou");
    REQUIRE(a.crm.conflicts().count() == 1);
    CHECK(a.crm.conflicts().list()[0].value == "Fuzhou");

    a.crm.conflicts().dismiss(conflict);
    CHECK(a.crm.conflicts().count() == 0);
    a.crm.conflicts().undoDismiss(conflict);
    CHECK(a.crm.conflicts().count() == 1);
    CHECK(a.crm.conflicts().list()[0].detectedAtMs == conflict.detectedAtMs);

    a.crm.customers().remove(id, "u");
    CHECK(a.crm.conflicts().count() == 1);  // a delete does not answer a conflict on another field
    CHECK(a.crm.conflicts().list()[0].recordName == "Zhou Jiu");
}

TEST_CASE("an edit made after seeing the other's edit is no conflict; neither is the same value twice") {
    Device a, b;
    std::string id = a.crm.customers().add({.name = "Qian Qi", .city = "Wuhan"}, "u");
    b.import(a.exportAll());
    setCity(b, id, "Chengdu");
    a.import(b.exportAll());
    a.wall.ms += 1000;
    setCity(a, id, "Chongqing");  // knows b's value: replaces it
    b.import(a.exportAll());
    CHECK(b.crm.customers().get(id)->city == "Chongqing");
    a.wall.ms += 1000;
    b.wall.ms += 2000;
    setCity(a, id, "Nanjing");
    setCity(b, id, "Nanjing");    // concurrent, but the same value
    a.import(b.exportAll());
    b.import(a.exportAll());
    CHECK(a.crm.conflicts().count() == 0);
    CHECK(b.crm.conflicts().count() == 0);
    CHECK(a.dump() == b.dump());
}

TEST_CASE("delete rule: a delete concurrent with an edit hides the record, keeps the edit, and offers a restore") {
    Device a, b;
    std::string id = a.crm.customers().add({.name = "Sun Ba", .phone = "13800000000"}, "u");
    b.import(a.exportAll());
    a.wall.ms += 1000;
    b.wall.ms += 2000;
    a.crm.customers().remove(id, "rep1");
    core::Customer c = *b.crm.customers().get(id);
    c.phone = "13911111111";
    b.crm.customers().update(c, "rep2");  // b has not seen the delete

    core::ImportSummary atB = b.import(a.exportAll());
    a.import(b.exportAll());
    CHECK(atB.total.deleted == 1);
    for (Device* d : {&a, &b}) {
        CHECK_FALSE(d->crm.customers().get(id));
        std::vector<core::Conflict> list = d->crm.conflicts().list();
        REQUIRE(list.size() == 1);
        CHECK(list[0].field == "deleted");
        CHECK(list[0].value == "0");
        CHECK(list[0].currentValue == "1");
        CHECK(list[0].version.device == b.id());
    }
    // Choosing "0" restores the record, with b's edit in it, on both devices.
    a.crm.conflicts().choose(a.crm.conflicts().list()[0], "rep1");
    b.import(a.exportFor(b));
    CHECK(b.crm.customers().get(id)->phone == "13911111111");
    CHECK(a.dump() == b.dump());
    CHECK(b.crm.conflicts().count() == 0);
}

TEST_CASE("a delete and an edit in sequence (the deleter saw the edit) raise no conflict") {
    Device a, b;
    std::string id = a.crm.customers().add({.name = "Zhou Jiu"}, "u");
    b.import(a.exportAll());
    setCity(b, id, "Tianjin");
    a.import(b.exportAll());
    a.wall.ms += 1000;
    a.crm.customers().remove(id, "u");
    b.import(a.exportAll());
    CHECK_FALSE(b.crm.customers().get(id));
    CHECK(a.crm.conflicts().count() == 0);
    CHECK(b.crm.conflicts().count() == 0);
}

TEST_CASE("clock skew: a device set to 2030 neither drags other clocks along nor freezes the field it wrote") {
    const int64_t year2030 = 1'893'456'000'000;
    Device fast(year2030), slow;
    std::string id = slow.crm.customers().add({.name = "Wu Shi", .city = "Harbin"}, "u");
    fast.import(slow.exportAll());
    setCity(fast, id, "Lhasa");  // stamped 2030
    core::ImportSummary s = slow.import(fast.exportAll());
    CHECK(s.aheadOfClock == 1);
    CHECK(s.total.newestMs == year2030);
    CHECK(slow.crm.customers().get(id)->city == "Lhasa");

    // slow's own clock stays near real time: a new customer is stamped within the bound, not in 2030.
    std::string other = slow.crm.customers().add({.name = "Zheng"}, "u");
    CHECK(core::HybridLogicalClock::millisOf(versionOf(slow, other, "name").hlc) <= kNow + core::kMaxClockAheadMs);
    // But an edit of the 2030 field is stamped after it, so it wins here and on the fast device.
    setCity(slow, id, "Dalian");
    CHECK(versionOf(slow, id, "city").hlc > versionOf(fast, id, "city").hlc);
    fast.import(slow.exportAll());
    CHECK(fast.crm.customers().get(id)->city == "Dalian");
    CHECK(fast.dump() == slow.dump());
    // A restart does not resume from 2030 either.
    core::Crm again(slow.db, slow.wall);
    std::string third = again.customers().add({.name = "Feng"}, "u");
    CHECK(core::HybridLogicalClock::millisOf(versionOf(slow, third, "name").hlc) <= kNow + core::kMaxClockAheadMs);
}

TEST_CASE("a local write always beats the version it replaces, even if this clock went back") {
    Device a;
    std::string id = a.crm.customers().add({.name = "Chen", .city = "Kunming"}, "u");
    core::Version first = versionOf(a, id, "city");
    a.wall.ms -= 10 * 3'600'000;  // the clock was set back ten hours, and the app restarted
    core::Crm restarted(a.db, a.wall);
    core::Customer c = *restarted.customers().get(id);
    c.city = "Guilin";
    restarted.customers().update(c, "u");
    CHECK(first < versionOf(a, id, "city"));
    restarted.customers().remove(id, "u");
    CHECK(versionOf(a, id, "city") < versionOf(a, id, "deleted"));  // a delete comes after every version it saw
}

TEST_CASE("an export for a device holds only what that device has not seen") {
    Device a, b;
    for (int i = 0; i < 5; i++) a.crm.customers().add({.name = std::to_string(i) + ". customer"}, "u");
    CHECK(a.crm.sync().exportFile(b.id()).changes == 5);  // never heard of b: everything
    b.import(a.exportAll());
    a.import(b.exportAll());  // tells a what b has seen
    CHECK(a.crm.sync().exportFile(b.id()).changes == 0);
    a.crm.customers().add({.name = "new"}, "u");
    b.crm.customers().add({.name = "b's"}, "u");
    core::SyncExport forB = a.crm.sync().exportFile(b.id());
    CHECK(forB.changes == 1);
    b.import(forB.text);
    a.import(b.exportFor(a));
    CHECK(a.dump() == b.dump());
    CHECK(a.crm.sync().versionVector() == b.crm.sync().versionVector());
}

TEST_CASE("changes are relayed: a device passes on what it learned from others, with their origin") {
    Device a, b, c;
    a.crm.customers().add({.name = "from a"}, "u");
    b.import(a.exportAll());
    c.import(b.exportAll());
    CHECK(c.dump() == a.dump());
    CHECK(c.db.scalarInteger("SELECT count(*) FROM change_log WHERE device = '" + a.id() + "'") == 1);
    a.import(c.exportAll());  // a learns that c has seen a's change
    CHECK(a.crm.sync().exportFile(c.id()).changes == 0);
}

TEST_CASE("a file for another device that would leave a hole is refused; one that would not is fine") {
    Device a, b, c;
    std::string id = a.crm.customers().add({.name = "first"}, "u");
    b.import(a.exportAll());
    a.import(b.exportAll());
    setCity(a, id, "Urumqi");
    std::string forB = a.exportFor(b);  // only the city: b has the customer already
    std::string before = c.state();
    CHECK_THROWS_WITH_AS(c.import(forB), doctest::Contains("exported for another device"), core::SyncFileError);
    CHECK(c.state() == before);
    c.import(a.exportAll());
    c.import(forB);  // c now holds what the file starts after: no hole, nothing new
    CHECK(c.dump() == a.dump());
    CHECK(c.crm.sync().versionVector()[a.id()] == 2);
}

TEST_CASE("a file with no changes for another device does not make this one claim changes it lacks") {
    Device a, b, c;
    a.crm.customers().add({.name = "one"}, "u");
    b.import(a.exportAll());
    a.import(b.exportAll());
    std::string nothingNewForB = a.exportFor(b);  // b has seen a's change: the file holds none
    c.import(nothingNewForB);
    CHECK(c.crm.sync().versionVector()[a.id()] == 0);
    a.import(c.exportAll());
    c.import(a.exportFor(c));  // so this one still holds a's change
    CHECK(c.dump() == a.dump());
}

TEST_CASE("peers: names and the last exchange with each device are recorded") {
    Device a, b;
    a.crm.setDeviceName("office desktop");
    b.import(a.exportAll());
    b.wall.ms += 60'000;
    b.exportFor(a);
    std::vector<core::Peer> peers = b.crm.sync().peers();
    REQUIRE(peers.size() == 1);
    CHECK(peers[0].device == a.id());
    CHECK(peers[0].name == "office desktop");
    CHECK(peers[0].lastImportAtMs == kNow);
    CHECK(peers[0].lastExportAtMs == kNow + 60'000);
    CHECK(a.crm.sync().peers().empty());
    CHECK_THROWS_WITH(a.crm.sync().exportFile("office"), doctest::Contains("not a device id"));
}

TEST_CASE("the write path refuses values that could not travel in a sync file") {
    Device a;
    std::string id = a.crm.customers().add({.name = "ok"}, "u");
    core::HybridLogicalClock hlc(a.wall);
    core::WritePath writes(a.db, hlc, a.id());
    CHECK_THROWS_WITH(writes.commit({{"customer", id, {{"notes", std::string(70'000, 'x')}}}}, "u"),
                      doctest::Contains("more than the 65536"));
    CHECK_THROWS_WITH(writes.commit({{"customer", id, {{"notes", "\xff\xfe"}}}}, "u"), doctest::Contains("UTF-8"));
    CHECK_THROWS_WITH(writes.commit({{"customer", id, {{"deleted", "yes"}}}}, "u"),
                      doctest::Contains("\"0\" or \"1\""));
    CHECK_THROWS_WITH(writes.commit({{"customer", id, {{"city", "a"}, {"city", "b"}}}}, "u"),
                      doctest::Contains("twice"));
    CHECK(a.rows("change_log") == 1);
}

TEST_CASE("a record said to be new that is already there fails its commit and leaves the record as it was") {
    Device a;
    std::string id = a.crm.customers().add({.name = "kept", .city = "上海"}, "u");
    core::HybridLogicalClock hlc(a.wall);
    core::WritePath writes(a.db, hlc, a.id());
    std::string other = core::newUuid();
    CHECK_THROWS_WITH(writes.commit({{"customer", other, {{"name", "also new"}}, true},
                                     {"customer", id, {{"name", "overwritten"}, {"city", "北京"}}, true}},
                                    "u"),
                      doctest::Contains("was not written"));
    CHECK(a.crm.customers().get(id)->name == "kept");
    CHECK(a.crm.customers().get(id)->city == "上海");
    CHECK_FALSE(a.crm.customers().get(other));
    CHECK(a.rows("change_log") == 2);
}

TEST_CASE("an import in small steps gives the same result, and one abandoned half-way changes nothing") {
    Device a, b, c;
    for (int i = 0; i < 30; i++) a.crm.customers().add({.name = "Customer " + std::to_string(i), .city = "Wuhan"}, "u");
    b.crm.customers().add({.name = "already on b"}, "u");
    c.crm.customers().add({.name = "already on b"}, "u");
    std::string file = a.exportAll();

    std::string before = b.state();
    {
        core::Sync::Import import(b.crm.sync(), file);
        CHECK(import.total() == 60);
        CHECK_FALSE(import.step(25));
        CHECK(import.merged() == 25);
    }  // cancelled: never committed
    CHECK(b.state() == before);

    core::Sync::Import import(b.crm.sync(), file);
    int steps = 0;
    while (!import.step(7)) steps++;
    CHECK(steps == 8);
    core::ImportSummary stepped = import.commit();
    core::ImportSummary whole = c.import(file);
    CHECK(stepped.total.created == 30);
    CHECK(stepped.total.changes == whole.total.changes);
    CHECK(b.dump().size() == c.dump().size());
    CHECK(b.crm.customers().count() == 31);
    CHECK_THROWS_AS(core::Sync::Import(b.crm.sync(), "{\"format\": \"other\"}"), core::SyncFileError);
}
