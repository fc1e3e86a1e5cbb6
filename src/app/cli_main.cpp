// fieldcrm: the native command-line tool over the same core as the browser app, for admins and scripts.
// Each command opens the database file, does one thing through core services, and exits 0, or prints one line
// to stderr and exits 1. No SQL here: everything goes through core::Crm.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/crm.h"
#include "platform/app_database.h"

namespace {

const char* const kUsage =
    "usage: fieldcrm --db FILE COMMAND\n"
    "  init --device NAME                      create the database and name this device\n"
    "  customer add --name NAME [--phone P] [--email E] [--city C] [--company C]   prints the new id\n"
    "  customer set ID FIELD VALUE             FIELD: name, company, phone, email, city, tags, notes\n"
    "  customer delete ID\n"
    "  dump                                    all live customers as canonical, sorted JSON\n";

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string* fieldOf(core::Customer& c, const std::string& field) {
    if (field == "name") return &c.name;
    if (field == "company") return &c.company;
    if (field == "phone") return &c.phone;
    if (field == "email") return &c.email;
    if (field == "city") return &c.city;
    if (field == "tags") return &c.tags;
    if (field == "notes") return &c.notes;
    throw UsageError("unknown field \"" + field + "\" (name, company, phone, email, city, tags, notes)");
}

// Reads "--flag value" pairs after the positional words.
std::string option(const std::vector<std::string>& args, const std::string& flag, bool required) {
    for (size_t i = 0; i + 1 < args.size(); i++)
        if (args[i] == flag) return args[i + 1];
    if (required) throw UsageError("missing " + flag);
    return {};
}

int run(const std::vector<std::string>& all) {
    if (all.size() < 3 || all[0] != "--db") throw UsageError("expected --db FILE COMMAND");
    std::string path = all[1];
    std::vector<std::string> args(all.begin() + 2, all.end());
    auto db = platform::openAppDatabase(path);
    core::SystemClock wall;
    core::Crm crm(*db, wall);
    const std::string user = "cli";
    const std::string& command = args[0];

    if (command == "init") {
        crm.setDeviceName(option(args, "--device", true));
        std::cout << crm.deviceId() << "\n";
    } else if (command == "customer" && args.size() >= 2 && args[1] == "add") {
        core::Customer c;
        c.name = option(args, "--name", true);
        c.phone = option(args, "--phone", false);
        c.email = option(args, "--email", false);
        c.city = option(args, "--city", false);
        c.company = option(args, "--company", false);
        std::cout << crm.customers().add(c, user) << "\n";
    } else if (command == "customer" && args.size() == 5 && args[1] == "set") {
        auto c = crm.customers().get(args[2]);
        if (!c) throw std::runtime_error("no customer with id " + args[2]);
        *fieldOf(*c, args[3]) = args[4];
        crm.customers().update(*c, user);
    } else if (command == "customer" && args.size() == 3 && args[1] == "delete") {
        crm.customers().remove(args[2], user);
    } else if (command == "dump") {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const core::Customer& c : crm.customers().all())
            out.push_back({{"id", c.id}, {"name", c.name}, {"company", c.company}, {"phone", c.phone},
                           {"email", c.email}, {"city", c.city}, {"tags", c.tags}, {"notes", c.notes}});
        std::cout << out.dump(2) << "\n";
    } else {
        throw UsageError("unknown command");
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        return run(args);
    } catch (const UsageError& e) {
        std::fprintf(stderr, "fieldcrm: %s\n%s", e.what(), kUsage);
    } catch (const core::ValidationError& e) {
        std::fprintf(stderr, "fieldcrm: invalid customer: %s\n", e.what());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fieldcrm: %s\n", e.what());
    }
    return 1;
}
