// The zh-CN catalogue is complete and sound: every string literal passed to ui::tr() or ui::label() anywhere in
// src/ (screens other engineers add included) has an entry; keys are unique; no translation is empty; format
// strings keep the English printf conversions in the same order (a missing %s would read garbage).
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ui/i18n_catalogue.h"

namespace {

struct Use {
    std::string text;
    std::string where;  // file:line
};

// Reads one C string literal (or several adjacent ones, concatenated) starting at s[i] == '"'; false if s[i] is no
// literal (the argument is a variable, a call, …).
bool readLiteral(const std::string& s, size_t& i, std::string& out) {
    bool any = false;
    for (;;) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) i++;
        if (i >= s.size() || s[i] != '"') return any;
        any = true;
        for (i++; i < s.size() && s[i] != '"'; i++) {
            if (s[i] != '\\') {
                out += s[i];
                continue;
            }
            char e = s[++i];
            if (e == 'n') out += '\n';
            else if (e == 't') out += '\t';
            else if (e == 'x') {  // \xHH...
                int value = 0;
                while (i + 1 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])))
                    value = value * 16 + std::stoi(std::string(1, s[++i]), nullptr, 16);
                out += char(value);
            } else out += e;
        }
        i++;
    }
}

std::vector<Use> uiStringsIn(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string s = buffer.str();
    std::vector<Use> uses;
    for (const char* call : {"tr(", "label("}) {
        std::string name = call;
        for (size_t at = s.find(name); at != std::string::npos; at = s.find(name, at + 1)) {
            char before = at == 0 ? ' ' : s[at - 1];
            if (std::isalnum(static_cast<unsigned char>(before)) || before == '_') continue;  // e.g. "attr("
            size_t i = at + name.size();
            std::string text;
            if (!readLiteral(s, i, text)) continue;
            int line = 1 + int(std::count(s.begin(), s.begin() + long(at), '\n'));
            uses.push_back({text, file.filename().string() + ":" + std::to_string(line)});
        }
    }
    return uses;
}

// The printf conversions of a format string, in order ("%lld", "%s", "%%" is no conversion).
std::vector<std::string> conversions(const std::string& format) {
    std::vector<std::string> found;
    for (size_t i = 0; i < format.size(); i++) {
        if (format[i] != '%') continue;
        if (i + 1 < format.size() && format[i + 1] == '%') {
            i++;
            continue;
        }
        size_t end = format.find_first_of("diouxXeEfFgGaAcspn", i + 1);
        if (end == std::string::npos) break;
        found.push_back(format.substr(i, end - i + 1));
        i = end;
    }
    return found;
}

std::map<std::string, std::string> catalogue() {
    size_t count = 0;
    const ui::CatalogueEntry* entries = ui::chineseCatalogue(&count);
    std::map<std::string, std::string> map;
    for (size_t i = 0; i < count; i++) {
        INFO("key: " << entries[i].english);
        CHECK(map.emplace(entries[i].english, entries[i].chinese).second);  // unique keys
    }
    return map;
}

}  // namespace

TEST_CASE("every tr()/label() string in src/ has a zh-CN entry") {
    std::map<std::string, std::string> zh = catalogue();
    std::vector<Use> uses;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(FIELDCRM_SOURCE_DIR) + "/src")) {
        std::string ext = entry.path().extension().string();
        if (entry.is_regular_file() && (ext == ".cpp" || ext == ".h") && entry.path().filename() != "i18n.h")
            for (Use& use : uiStringsIn(entry.path())) uses.push_back(use);
    }
    CHECK(uses.size() > 80);  // the scan found the UI strings at all
    for (const Use& use : uses) {
        INFO(use.where << ": \"" << use.text << "\"");
        CHECK(zh.count(use.text) == 1);
    }
}

TEST_CASE("zh-CN entries are non-empty and keep the English format conversions") {
    for (const auto& entry : catalogue()) {
        const std::string& english = entry.first;
        const std::string& chinese = entry.second;
        INFO("\"" << english << "\" -> \"" << chinese << "\"");
        CHECK(!english.empty());
        CHECK(!chinese.empty());
        CHECK(conversions(english) == conversions(chinese));
    }
    CHECK(conversions("%lld customers, %s %%") == std::vector<std::string>{"%lld", "%s"});
}
