// fieldcrm: the native command-line tool over the same core as the browser app, for admins and scripts.
// Each command opens the database file, does one thing through core services, and exits 0, or prints exactly one
// line to stderr and exits 1 (2 for a command line it does not understand). No SQL here: everything goes through
// core::Crm.
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/backup.h"
#include "core/crm.h"
#include "core/dump.h"
#include "core/sync_file.h"
#include "platform/app_database.h"

namespace {

const char* const kHelp =
    "usage: fieldcrm --db FILE COMMAND\n"
    "  init --device NAME                        create the database (if new) and name this device\n"
    "  customer add --name NAME [--phone P] [--email E] [--city C] [--company C]   prints the new id\n"
    "  customer set ID FIELD VALUE               FIELD: name, company, phone, email, city, tags, notes\n"
    "                                            (put -- before ID when VALUE starts with --)\n"
    "  customer delete ID\n"
    "  sync export OUT.json [--for DEVICE_ID]    everything, or what DEVICE_ID has not seen\n"
    "  sync import IN.json                       merge a file from another device\n"
    "  sync peers                                devices files came from, with the last exchange (JSON)\n"
    "  conflicts                                 losing values kept by imports (JSON)\n"
    "  restore BACKUP.sqlite3                    replace all data with a checked backup (new device id)\n"
    "  dump                                      all live customers as canonical, sorted JSON\n";

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The words of a command and its "--name value" options.
struct CommandLine {
    std::vector<std::string> words;
    std::map<std::string, std::string> options;

    // Refuses other word counts and options than the command takes.
    void expect(size_t wordCount, std::initializer_list<const char*> allowed, const char* form) const {
        if (words.size() != wordCount) throw UsageError(std::string("usage: fieldcrm --db FILE ") + form);
        for (const auto& [name, value] : options) {
            bool known = false;
            for (const char* a : allowed) known = known || name == a;
            if (!known) throw UsageError("unknown option " + name + " (usage: fieldcrm --db FILE " + form + ")");
        }
    }
    std::string option(const std::string& name) const {
        auto it = options.find(name);
        return it == options.end() ? std::string() : it->second;
    }
};

// After a lone "--" every argument is a word, so a VALUE may itself start with "--".
CommandLine parseCommandLine(const std::vector<std::string>& args) {
    CommandLine out;
    bool optionsEnded = false;
    for (size_t i = 0; i < args.size(); i++) {
        if (!optionsEnded && args[i] == "--") {
            optionsEnded = true;
            continue;
        }
        if (optionsEnded || args[i].rfind("--", 0) != 0) {
            out.words.push_back(args[i]);
            continue;
        }
        if (i + 1 >= args.size()) throw UsageError(args[i] + " needs a value");
        if (!out.options.emplace(args[i], args[i + 1]).second) throw UsageError(args[i] + " given twice");
        i++;
    }
    return out;
}

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

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw std::runtime_error("cannot read " + path);
    return text;
}

// Writes next to the target and renames, so a full disk or a pulled USB stick never leaves half a file.
void writeFile(const std::string& path, const std::string& text) {
    std::string partial = path + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!(out << text) || !out.flush()) throw std::runtime_error("cannot write " + partial);
    }
    std::error_code error;
    std::filesystem::rename(partial, path, error);
    if (error) throw std::runtime_error("cannot write " + path + ": " + error.message());
}

std::string isoTime(int64_t ms) {
    std::time_t seconds = std::time_t(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return out;
}

std::string countsLine(const core::ImportCounts& c) {
    std::string line = std::to_string(c.changes) + " new changes: " + std::to_string(c.created) + " created, " +
                       std::to_string(c.updated) + " updated, " + std::to_string(c.deleted) + " deleted, " +
                       std::to_string(c.restored) + " restored, " + std::to_string(c.conflicts) + " conflicts";
    if (c.changes) line += ", made " + isoTime(c.oldestMs) + " to " + isoTime(c.newestMs);
    return line;
}

void printImport(const core::ImportSummary& s) {
    std::cout << "imported a file of " << s.changesInFile << " changes from \"" << s.fromName << "\" ("
              << s.fromDevice << "), exported " << isoTime(s.exportedAtMs) << ": " << countsLine(s.total) << "\n";
    for (const core::DeviceImportCounts& d : s.byDevice)
        std::cout << "  by \"" << d.name << "\" (" << d.device << "): " << countsLine(d.counts) << "\n";
    if (s.aheadOfClock)
        std::cout << "  " << s.aheadOfClock << " changes are stamped more than "
                  << core::kMaxClockAheadMs / 3'600'000
                  << " h ahead of this computer's clock: check that device's clock\n";
}

nlohmann::json peersJson(const std::vector<core::Peer>& peers) {
    nlohmann::json out = nlohmann::json::array();
    for (const core::Peer& p : peers)
        out.push_back({{"device", p.device}, {"name", p.name},
                       {"last_import", p.lastImportAtMs ? nlohmann::json(isoTime(*p.lastImportAtMs)) : nullptr},
                       {"last_export", p.lastExportAtMs ? nlohmann::json(isoTime(*p.lastExportAtMs)) : nullptr}});
    return out;
}

nlohmann::json conflictsJson(const std::vector<core::Conflict>& conflicts) {
    nlohmann::json out = nlohmann::json::array();
    for (const core::Conflict& c : conflicts)
        out.push_back({{"entity", c.entity}, {"id", c.recordId}, {"field", c.field}, {"losing_value", c.value},
                       {"losing_device", c.version.device}, {"losing_device_name", c.deviceName},
                       {"losing_written", isoTime(core::HybridLogicalClock::millisOf(c.version.hlc))},
                       {"current_value", c.currentValue}});
    return out;
}

int run(const std::vector<std::string>& all) {
    if (all.size() == 1 && (all[0] == "--help" || all[0] == "-h")) {
        std::cout << kHelp;
        return 0;
    }
    if (all.size() < 3 || all[0] != "--db")
        throw UsageError("usage: fieldcrm --db FILE COMMAND (fieldcrm --help lists them)");
    const std::string path = all[1];
    CommandLine cmd = parseCommandLine(std::vector<std::string>(all.begin() + 2, all.end()));
    if (cmd.words.empty()) throw UsageError("no command (fieldcrm --help lists them)");
    const std::string& command = cmd.words[0];
    const std::string sub = cmd.words.size() > 1 ? cmd.words[1] : std::string();
    if (command != "init" && command != "restore" && !std::filesystem::exists(path))
        throw std::runtime_error("no database at " + path + " (create it with: fieldcrm --db " + path +
                                 " init --device NAME)");

    auto db = platform::openAppDatabase(path);
    core::SystemClock wall;
    core::Crm crm(*db, wall);
    const std::string user = "cli";

    if (command == "init") {
        cmd.expect(1, {"--device"}, "init --device NAME");
        if (cmd.option("--device").empty()) throw UsageError("usage: fieldcrm --db FILE init --device NAME");
        crm.setDeviceName(cmd.option("--device"));
        std::cout << crm.deviceId() << "\n";
    } else if (command == "customer" && sub == "add") {
        cmd.expect(2, {"--name", "--phone", "--email", "--city", "--company"},
                   "customer add --name NAME [--phone P] [--email E] [--city C]");
        core::Customer c;
        c.name = cmd.option("--name");
        c.phone = cmd.option("--phone");
        c.email = cmd.option("--email");
        c.city = cmd.option("--city");
        c.company = cmd.option("--company");
        std::cout << crm.customers().add(c, user) << "\n";
    } else if (command == "customer" && sub == "set") {
        cmd.expect(5, {}, "customer set ID FIELD VALUE");
        auto c = crm.customers().get(cmd.words[2]);
        if (!c) throw std::runtime_error("no customer with id " + cmd.words[2]);
        *fieldOf(*c, cmd.words[3]) = cmd.words[4];
        crm.customers().update(*c, user);
    } else if (command == "customer" && sub == "delete") {
        cmd.expect(3, {}, "customer delete ID");
        crm.customers().remove(cmd.words[2], user);
    } else if (command == "sync" && sub == "export") {
        cmd.expect(3, {"--for"}, "sync export OUT.json [--for DEVICE_ID]");
        core::SyncExport file = crm.sync().exportFile(cmd.option("--for"));
        writeFile(cmd.words[2], file.text);
        std::cout << "exported " << file.changes << " changes to " << cmd.words[2] << "\n";
    } else if (command == "sync" && sub == "import") {
        cmd.expect(3, {}, "sync import IN.json");
        printImport(crm.sync().importFile(readFile(cmd.words[2])));
    } else if (command == "sync" && sub == "peers") {
        cmd.expect(2, {}, "sync peers");
        std::cout << peersJson(crm.sync().peers()).dump(2) << "\n";
    } else if (command == "conflicts") {
        cmd.expect(1, {}, "conflicts");
        std::cout << conflictsJson(crm.conflicts().list()).dump(2) << "\n";
    } else if (command == "restore") {
        cmd.expect(2, {}, "restore BACKUP.sqlite3");
        std::string text = readFile(cmd.words[1]);
        core::CheckedBackup backup = core::checkBackup(std::vector<uint8_t>(text.begin(), text.end()));
        platform::restoreDatabase(*db, std::move(backup.database), std::string());
        core::Crm restored(*db, wall);
        std::cout << "restored " << backup.customers << " customers from " << cmd.words[1] << "; device id now "
                  << restored.deviceId() << "\n";
    } else if (command == "dump") {
        cmd.expect(1, {}, "dump");
        std::cout << core::dumpCustomers(crm.customers());
    } else {
        throw UsageError("unknown command \"" + command + (sub.empty() ? "" : " " + sub) +
                         "\" (fieldcrm --help lists them)");
    }
    return 0;
}

// Errors are one line, even when they quote text from a file or a command line.
void printError(const std::string& prefix, const char* message) {
    std::string line = prefix + message;
    for (char& c : line)
        if (c == '\n' || c == '\r') c = ' ';
    std::fprintf(stderr, "fieldcrm: %s\n", line.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        return run(args);
    } catch (const UsageError& e) {
        printError("", e.what());
        return 2;
    } catch (const core::ValidationError& e) {
        printError("invalid customer: ", e.what());
    } catch (const core::SyncFileError& e) {
        printError("cannot import: ", e.what());
    } catch (const core::BackupError& e) {
        printError("cannot restore: ", e.what());
    } catch (const std::exception& e) {
        printError("", e.what());
    }
    return 1;
}
