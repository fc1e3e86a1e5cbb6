// Unit tests of checking a backup before a restore: a good backup comes back whole, migrated, with a new device
// identity under which sync still works both ways; every bad file (empty, foreign, truncated, damaged, a foreign
// SQLite database, a newer schema) is refused with one clear line.
#include <doctest/doctest.h>

#include "core/backup.h"
#include "sync_devices.h"

using synctest::Device;

namespace {

std::string refusal(const std::vector<uint8_t>& file) {
    try {
        core::checkBackup(file);
    } catch (const core::BackupError& e) {
        std::string message = e.what();
        CHECK(message.find('\n') == std::string::npos);
        return message;
    }
    return "accepted";
}

std::vector<uint8_t> bytesOf(const std::string& text) { return std::vector<uint8_t>(text.begin(), text.end()); }

}  // namespace

TEST_CASE("a good backup is accepted with what it holds, and gets a new device id") {
    Device laptop;
    laptop.crm.setDeviceName("sales laptop");
    laptop.crm.customers().add({.name = "Zhang San", .city = "Shanghai"}, "u");
    std::string gone = laptop.crm.customers().add({.name = "Li Si"}, "u");
    laptop.crm.customers().remove(gone, "u");
    std::vector<uint8_t> file = laptop.db.serialize();

    core::CheckedBackup backup = core::checkBackup(file);
    CHECK(backup.fileBytes == int64_t(file.size()));
    CHECK(backup.fileSchemaVersion == core::latestSchemaVersion());
    CHECK(backup.deviceName == "sales laptop");
    CHECK(backup.formerDeviceId == laptop.id());
    CHECK(backup.customers == 1);
    CHECK(backup.newestChangeMs == synctest::kNow);
    CHECK(core::Settings(*backup.database).get("device_id") != laptop.id());
    CHECK(core::Settings(*backup.database).get("device_name") == "sales laptop");
    CHECK(backup.database->integrityCheck() == "ok");
}

TEST_CASE("after a restore the device syncs under its new id and loses nothing its peers hold") {
    Device laptop, office;
    std::string zhang = laptop.crm.customers().add({.name = "Zhang San"}, "u");
    office.import(laptop.exportAll());
    std::vector<uint8_t> backupFile = laptop.db.serialize();
    // After the backup: the laptop edits, the office gets the edit; then the laptop's data is lost.
    core::Customer c = *laptop.crm.customers().get(zhang);
    c.city = "Beijing";
    laptop.crm.customers().update(c, "u");
    office.import(laptop.exportFor(office));

    // The restored laptop: the backup's data under a new id.
    core::CheckedBackup backup = core::checkBackup(backupFile);
    synctest::FakeClock wall(synctest::kNow + 60'000);
    core::Crm restored(*backup.database, wall);
    CHECK(restored.deviceId() != laptop.id());
    CHECK(restored.customers().get(zhang)->city == "");
    std::string wang = restored.customers().add({.name = "Wang Wu"}, "u");  // numbered 1 again, under the new id

    // Its new change reaches the office (which already holds the old id's numbers 1 and 2) ...
    office.import(restored.sync().exportFile(office.id()).text);
    CHECK(office.crm.customers().get(wang));
    // ... and the office gives back the edit made after the backup, under the old id.
    restored.sync().importFile(office.crm.sync().exportFile(restored.deviceId()).text);
    CHECK(restored.customers().get(zhang)->city == "Beijing");
    CHECK(core::dumpCustomers(restored.customers()) == office.dump());
    // The old identity is a device like any other: its changes still travel to devices that never saw them.
    Device fresh;
    fresh.import(restored.sync().exportFile().text);
    CHECK(fresh.dump() == office.dump());
}

TEST_CASE("a version 1 backup is brought up to the current schema") {
    storage::Database old(":memory:");
    core::migrate(old, 1);
    core::Settings(old).set("device_id", "4a1f0c52-8a8e-4d8e-9a51-0c9b8f6c1d2e");
    old.exec("INSERT INTO customers(id, name, created_at_ms, updated_at_ms) "
             "VALUES ('e5547924-f300-40c6-a8c4-4543a944bb78', 'Old Timer', 1, 1)");
    core::CheckedBackup backup = core::checkBackup(old.serialize());
    CHECK(backup.fileSchemaVersion == 1);
    CHECK(backup.database->scalarInteger("PRAGMA user_version") == core::latestSchemaVersion());
    CHECK(backup.customers == 1);
}

TEST_CASE("a database copied in WAL mode is accepted") {
    Device laptop;
    laptop.crm.customers().add({.name = "Zhao Liu"}, "u");
    std::vector<uint8_t> file = laptop.db.serialize();
    file[18] = file[19] = 2;  // what the header of the command-line tool's database file says
    CHECK(core::checkBackup(file).customers == 1);
}

TEST_CASE("bad backup files are refused, each with one clear line") {
    Device laptop;
    for (int i = 0; i < 200; i++) laptop.crm.customers().add({.name = "Customer " + std::to_string(i)}, "u");
    std::vector<uint8_t> good = laptop.db.serialize();
    REQUIRE(good.size() > 8 * 4096);

    CHECK(refusal({}) == "the file is empty");
    CHECK(refusal(bytesOf("Name,Phone\nZhang San,13800138000\n")).find("not an SQLite database file") != std::string::npos);
    CHECK(refusal(bytesOf("{\"format\": \"fieldcrm-sync\", \"version\": 1}")).find("not an SQLite database") !=
          std::string::npos);

    std::vector<uint8_t> truncated(good.begin(), good.begin() + long(good.size() / 2));
    CHECK(refusal(truncated).find("truncated") != std::string::npos);
    std::vector<uint8_t> cutMidPage(good.begin(), good.end() - 100);
    CHECK(refusal(cutMidPage).find("truncated") != std::string::npos);

    std::vector<uint8_t> damaged = good;
    for (size_t i = 2 * 4096; i < 6 * 4096; i++) damaged[i] = uint8_t(i * 7);
    CHECK(refusal(damaged).find("damaged") != std::string::npos);

    std::vector<uint8_t> badHeader = good;
    badHeader[16] = 0x03;  // page size 0x0310: not a power of two
    CHECK(refusal(badHeader).find("damaged") != std::string::npos);

    storage::Database other(":memory:");
    other.exec("CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)");
    CHECK(refusal(other.serialize()).find("not a FieldCRM database") != std::string::npos);

    storage::Database newer(":memory:");
    core::migrate(newer);
    core::Settings(newer).set("device_id", laptop.id());
    newer.exec("PRAGMA user_version = " + std::to_string(core::latestSchemaVersion() + 1));
    CHECK(refusal(newer.serialize()).find("newer FieldCRM") != std::string::npos);
}
