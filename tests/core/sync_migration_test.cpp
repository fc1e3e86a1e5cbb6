// Unit test of schema migration 2 (sync) on a database written by version 1: origin numbers, bases and field
// versions are rebuilt from the old change log, and the migrated device then syncs like any other.
#include <doctest/doctest.h>

#include "core/schema.h"
#include "sync_devices.h"

using synctest::Device;
using synctest::FakeClock;
using synctest::kNow;

TEST_CASE("migration 2 rebuilds sync metadata from a version 1 change log") {
    const std::string self = "11111111-1111-4111-8111-111111111111";
    const std::string id = "22222222-2222-4222-8222-222222222222";
    storage::Database db(":memory:");
    core::migrate(db, 1);
    // What version 1's write path left behind: an add (two fields), then an edit of the city.
    db.exec("INSERT INTO settings VALUES ('device_id', '" + self + "');"
            "INSERT INTO customers(id, name, city, created_at_ms, updated_at_ms) "
            "VALUES ('" + id + "', 'Lin', 'Xiamen', 1, 2);"
            "INSERT INTO change_log(hlc, device, user_name, entity, record_id, field, value) VALUES "
            "(65536, '" + self + "', 'u', 'customer', '" + id + "', 'name', 'Lin'),"
            "(65536, '" + self + "', 'u', 'customer', '" + id + "', 'city', 'Fuzhou'),"
            "(131072, '" + self + "', 'u', 'customer', '" + id + "', 'city', 'Xiamen');");
    core::migrate(db);
    CHECK(db.scalarInteger("PRAGMA user_version") == core::latestSchemaVersion());
    auto column = [&](const char* name) {
        return db.scalarText(std::string("SELECT group_concat(") + name + ") FROM (SELECT " + name +
                             " FROM change_log ORDER BY run, device_seq)");
    };
    CHECK(column("device_seq") == "1,2,3");
    CHECK(column("base_hlc") == "0,0,65536");
    CHECK(db.scalarText("SELECT group_concat(field || '@' || hlc) FROM "
                        "(SELECT field, max(hlc) AS hlc FROM change_log GROUP BY field ORDER BY field)") ==
          "city@131072,name@65536");

    FakeClock wall(kNow);
    core::Crm crm(db, wall);
    CHECK(crm.deviceId() == self);
    Device other;
    other.import(crm.sync().exportFile().text);
    CHECK(other.crm.customers().get(id)->city == "Xiamen");
    core::Customer c = *crm.customers().get(id);
    c.city = "Quanzhou";
    crm.customers().update(c, "u");
    CHECK(db.scalarInteger("SELECT max(device_seq) FROM change_log") == 4);
    CHECK(db.scalarInteger("SELECT base_hlc FROM change_log WHERE device_seq = 4") == 131072);
    other.import(crm.sync().exportFile(other.id()).text);
    CHECK(other.dump() == core::dumpCustomers(crm.customers()));
    CHECK(other.crm.conflicts().count() == 0);
}
