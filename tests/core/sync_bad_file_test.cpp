// Unit tests of sync files that must be refused: each case gives one clear message and changes nothing, even when
// the bad part comes after good changes. The files are made by editing a real export as JSON.
#include <doctest/doctest.h>

#include <functional>

#include <nlohmann/json.hpp>

#include "sync_devices.h"

using nlohmann::json;
using synctest::Device;

namespace {

// A receiving device that already has data (so "nothing changed" means something), and a valid file from another.
struct Fixture {
    Device from, to;
    std::string file;

    Fixture() {
        to.crm.customers().add({.name = "already here"}, "u");
        std::string id = from.crm.customers().add({.name = "Ma Yun", .city = "Hangzhou"}, "rep1");
        from.crm.customers().add({.name = "Ma Huateng", .phone = "+86 755 8601 3388"}, "rep1");
        from.crm.customers().remove(id, "rep1");
        file = from.exportAll();
    }

    json edited(const std::function<void(json&)>& edit) const {
        json j = json::parse(file);
        edit(j);
        return j;
    }

    // Imports `text`, expects it refused with a message containing `expected`, and nothing changed.
    void refuses(const std::string& text, const std::string& expected) {
        std::string before = to.state();
        std::string message;
        try {
            to.import(text);
        } catch (const core::SyncFileError& e) {
            message = e.what();
        }
        CHECK_MESSAGE(message.find(expected) != std::string::npos, "message: \"" << message << "\"");
        CHECK(message.find('\n') == std::string::npos);
        CHECK(to.state() == before);
    }
    void refuses(const std::function<void(json&)>& edit, const std::string& expected) {
        refuses(edited(edit).dump(), expected);
    }
};

}  // namespace

TEST_CASE("the fixture's file itself is accepted") {
    Fixture f;
    CHECK(f.to.import(f.file).total.changes == 5);
}

TEST_CASE("empty files and files that are not JSON are refused") {
    Fixture f;
    f.refuses("", "the file is empty");
    f.refuses("  \r\n\t ", "the file is empty");
    f.refuses("Name,Phone\nZhang San,13800138000\n", "not valid JSON");
    f.refuses("{\"format\": \"fieldcrm-sync\", \"version\": 1,", "not valid JSON");
    f.refuses(std::string("{\"format\": \"fieldcrm-sync\xff\"}"), "not valid JSON");  // not UTF-8
}

TEST_CASE("a truncated file is refused wherever it was cut") {
    Fixture f;
    for (size_t cut : {f.file.size() - 1, f.file.size() / 2, size_t(10)})
        f.refuses(f.file.substr(0, cut), "truncated");
}

TEST_CASE("foreign JSON is refused as not a sync file") {
    Fixture f;
    f.refuses("[1, 2, 3]", "not a FieldCRM sync file");
    f.refuses("{\"name\": \"fieldcrm\", \"version\": \"0.1.0\", \"dependencies\": {}}", "not a FieldCRM sync file");
    f.refuses([](json& j) { j["format"] = "other-crm-sync"; }, "not a FieldCRM sync file");
    f.refuses("\"fieldcrm-sync\"", "not a FieldCRM sync file");
}

TEST_CASE("a newer or nonsensical format version is refused") {
    Fixture f;
    f.refuses([](json& j) { j["version"] = 2; }, "newer FieldCRM (sync format version 2");
    f.refuses([](json& j) { j["version"] = 0; }, "\"version\" must be");
    f.refuses([](json& j) { j["version"] = "1"; }, "\"version\" must be");
    f.refuses([](json& j) { j.erase("version"); }, "\"version\" is missing");
}

TEST_CASE("wrong types anywhere are refused, naming the place") {
    Fixture f;
    f.refuses([](json& j) { j["device"] = "laptop"; }, "\"device\" must be a lowercase UUID");
    f.refuses([](json& j) { j["for"] = 7; }, "\"for\" must be a lowercase UUID");
    f.refuses([](json& j) { j["exported_at_ms"] = -1; }, "\"exported_at_ms\" must be a whole number");
    f.refuses([](json& j) { j["devices"] = json::object(); }, "\"devices\" must be an array");
    f.refuses([](json& j) { j["devices"][0]["seen"] = 1.5; }, "devices[0].seen must be a whole number");
    f.refuses([](json& j) { j["devices"][0].erase("name"); }, "devices[0].name is missing");
    f.refuses([](json& j) { j["changes"] = "none"; }, "\"changes\" must be an array");
    f.refuses([](json& j) { j["changes"][1] = json::object(); }, "changes[1] must be an array of 10 members");
    f.refuses([](json& j) { j["changes"][1].erase(9); }, "changes[1] must be an array of 10 members");
    f.refuses([](json& j) { j["changes"][2][0] = 5; }, "changes[2][0] (device) must be an index");
    f.refuses([](json& j) { j["changes"][2][1] = -3; }, "changes[2][1] (number) must be a whole number");
    f.refuses([](json& j) { j["changes"][2][2] = 12345; }, "changes[2][2] (hlc) must be 16 lowercase hex digits");
    f.refuses([](json& j) { j["changes"][2][2] = "00000000000000zz"; }, "changes[2][2] (hlc)");
    f.refuses([](json& j) { j["changes"][2][4] = "ZHANG"; }, "changes[2][4] (record id) must be a lowercase UUID");
    f.refuses([](json& j) { j["changes"][2][6] = 42; }, "changes[2][6] (value) must be a string");
    f.refuses([](json& j) { j["changes"][2][6] = nullptr; }, "changes[2][6] (value) must be a string");
    f.refuses([](json& j) { j["changes"][2][7] = false; }, "changes[2][7] (user) must be a string");
    f.refuses([](json& j) { j["changes"][2][8] = 0; }, "must both be null or both be set");
    f.refuses([](json& j) { j["changes"][2][6] = {{"zh", "张三"}}; }, "changes[2][6] (value) must be a string");
    f.refuses([](json& j) { j["changes"][2][7] = json::array({"u"}); }, "changes[2][7] (user) must be a string");
    f.refuses([](json& j) { j["devices"][0] = "laptop"; }, "devices[0] must be an object");
    f.refuses([](json& j) { j.erase("device"); }, "\"device\" is missing");
    f.refuses([](json& j) { j.erase("changes"); }, "\"changes\" is missing");
}

TEST_CASE("unknown entities and fields are refused (a newer app's file)") {
    Fixture f;
    f.refuses([](json& j) { j["changes"][3][3] = "planet"; }, "changes[3]: unknown entity \"planet\"");
    f.refuses([](json& j) { j["changes"][3][5] = "colour"; }, "changes[3]: unknown field \"colour\" of customer");
    f.refuses([](json& j) { j["changes"][3][5] = "id"; }, "unknown field \"id\"");
    f.refuses([](json& j) { j["changes"][3][5] = "name = 'x'; DROP TABLE customers; --"; }, "unknown field");
}

TEST_CASE("huge strings and bad values are refused with their size") {
    Fixture f;
    f.refuses([](json& j) { j["changes"][2][6] = std::string(70'000, 'x'); },
              "changes[2][6] (value of customer.name) is 70000 bytes, more than the 65536 allowed");
    f.refuses([](json& j) { j["devices"][0]["name"] = std::string(5'000'000, 'n'); },
              "devices[0].name is 5000000 bytes, more than the 200 allowed");
    f.refuses([](json& j) { j["changes"][0][7] = std::string(1000, 'u'); }, "changes[0][7] (user) is 1000 bytes");
    f.refuses([](json& j) { j["changes"][0][3] = std::string(100'000, 'e'); },
              "changes[0][3] (entity) is 100000 bytes");
    // the tombstone of the fixture's deleted customer is the device's last change
    f.refuses([](json& j) { j["changes"][j["changes"].size() - 1][6] = "yes"; }, "must be \"0\" or \"1\"");
}

TEST_CASE("inconsistent files are refused: repeated numbers, bases, unlisted exporter, unsorted devices") {
    Fixture f;
    f.refuses([](json& j) { j["changes"].push_back(j["changes"][0]); }, "is there twice");
    f.refuses([](json& j) { j["changes"][0][8] = 0; j["changes"][0][9] = "7fffffffffffffff"; },
              "the base is not older than the change");
    f.refuses([](json& j) { j["device"] = "00000000-0000-4000-8000-000000000000"; },
              "the exporting device is not in \"devices\"");
    f.refuses([](json& j) { j["devices"].push_back(j["devices"][0]); }, "out of order or repeated");
    f.refuses([](json& j) { j["devices"][0]["from"] = 3; }, "is not above the device's \"from\"");
}

TEST_CASE("one bad change at the very end keeps every good change before it out") {
    Fixture f;
    json j = f.edited([](json& j) {
        json bad = j["changes"][0];
        bad[1] = 99;
        bad[5] = "favourite_colour";
        j["changes"].push_back(bad);
    });
    f.refuses(j.dump(), "changes[5]: unknown field \"favourite_colour\"");
    CHECK(f.to.crm.customers().count() == 1);
}
