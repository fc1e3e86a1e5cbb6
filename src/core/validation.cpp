// Customer validation rules. Limits are generous (names from any script) but bounded so one field cannot
// blow up a form, an export line or a sync file. Phone numbers: mainland China's rules, E.164 for the rest.
//
// Index: text fields and email · phone numbers (parsing, stored form, display) · a customer
#include "core/validation.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string_view>

#include "core/text_encoding.h"

namespace core {

ValidationError::ValidationError(std::vector<FieldError> e)
    : std::runtime_error(e.empty() ? "invalid record" : e.front().field + ": " + e.front().message), errors(std::move(e)) {}

// ---- text fields and email -----------------------------------------------------------------------------------------

static bool isBlank(const std::string& s) {
    for (unsigned char c : s)
        if (!std::isspace(c)) return false;
    return true;
}

// user@domain.tld: one '@', non-empty local part, a dot in the domain, no spaces; UTF-8 letters allowed.
bool looksLikeEmail(const std::string& s) {
    size_t at = s.find('@');
    if (at == std::string::npos || at == 0 || s.find('@', at + 1) != std::string::npos) return false;
    std::string domain = s.substr(at + 1);
    size_t dot = domain.rfind('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 >= domain.size()) return false;
    if (domain.find("..") != std::string::npos) return false;
    for (unsigned char c : s)
        if (std::isspace(c) || c < 0x20) return false;
    return true;
}

// ---- phone numbers -------------------------------------------------------------------------------------------------

static bool isDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

static bool isMainlandMobile(std::string_view d) { return d.size() == 11 && d[0] == '1' && d[1] >= '3'; }

static bool isHotline(std::string_view d) {  // 400 and 800 numbers: nationwide, no area code
    return d.size() == 10 && (d.substr(0, 3) == "400" || d.substr(0, 3) == "800");
}

// 0 + area code + local number: 010 and 02x take 8 digits; the other area codes have three digits after the 0 and
// take 7 or 8. A local number does not begin with 0 (that would be a second trunk prefix).
static bool isLandline(std::string_view d) {
    if (d.size() < 10 || d.size() > 12 || d[0] != '0' || d[1] == '0' || (d[1] == '1' && d[2] != '0')) return false;
    size_t area = d[1] <= '2' ? 3 : 4, local = d.size() - area;
    return (area == 3 ? local == 8 : local == 7 || local == 8) && d[area] != '0';
}

// The stored form of a mainland number in national form, or why it is none.
static std::string mainlandNumber(std::string_view d, std::string& problem) {
    if (isMainlandMobile(d) || isHotline(d) || isLandline(d)) return std::string(d);
    if (d[0] == '1') problem = "a mainland mobile number has 11 digits and starts with 13 to 19";
    else if (d[0] == '0')
        problem = "a landline number needs its area code and 7 or 8 digits (010-12345678, 0755-1234567)";
    else if (d.size() == 7 || d.size() == 8) problem = "add the area code (010-12345678)";
    else problem = "a number outside mainland China starts with + and the country code (+852 9123 4567)";
    return "";
}

// The stored form of a number given as digit groups (the extension split off), or why it is none.
static std::string storedNumber(const std::vector<std::string>& groups, bool plus, std::string& problem) {
    std::string d;
    for (const std::string& g : groups) d += g;
    if (!plus && d.size() > 2 && d.substr(0, 2) == "00") {  // 00 is the international prefix dialled from China
        plus = true;
        d.erase(0, 2);
    }
    if (!plus && d.size() == 13 && d.substr(0, 2) == "86" && isMainlandMobile(d.substr(2))) d.erase(0, 2);
    if (!plus) return mainlandNumber(d, problem);
    if (d.substr(0, 2) == "86" && d.size() > 4) {
        std::string national = d.substr(2);
        if (national[0] != '0' && !isMainlandMobile(national) && !isHotline(national)) national = "0" + national;
        return mainlandNumber(national, problem);
    }
    if (d.size() < 7 || d.size() > 15 || d[0] == '0') {
        problem = "an international number has the country code and 7 to 15 digits in all after the +";
        return "";
    }
    return "+" + d;
}

// A number with its extension, as stored; problem says why raw is none (then the result is empty).
static std::string parsePhone(const std::string& raw, std::string& problem) {
    auto fail = [&](const char* why) {
        problem = why;
        return std::string();
    };
    const char* kNotPhone = "is not a phone number";
    std::string text = foldFullWidth(raw), lowered = text;
    for (char& c : lowered) c = c >= 'A' && c <= 'Z' ? char(c + 32) : c;
    // the extension, after its mark (which follows a digit: "call Max" is no extension)
    static const std::string_view kExtensionMarks[] = {";ext=", "extension", "ext.", "ext", "分机", "转", "x", "#"};
    std::string extension;
    size_t firstDigit = lowered.find_first_of("0123456789");
    for (size_t i = firstDigit + 1; firstDigit != std::string::npos && i < lowered.size() && extension.empty(); i++)
        for (std::string_view mark : kExtensionMarks)
            if (lowered.compare(i, mark.size(), mark) == 0) {
                size_t start = lowered.find_first_not_of(" .:-", i + mark.size());
                extension = start == std::string::npos ? "" : lowered.substr(start);
                while (!extension.empty() && extension.back() == ' ') extension.pop_back();
                if (!isDigits(extension) || extension.size() > 6) return fail("the extension must be 1 to 6 digits");
                text.resize(i);
                break;
            }
    // digit groups; the "(0)" of "+44 (0)20 …" is not dialled from abroad
    if (size_t zero = text.find("(0)"); zero != std::string::npos) text.erase(zero, 3);
    const std::u32string_view kSeparators = U" -.()/\u00A0\u2010\u2011\u2012\u2013\u2014\u2015\u2212";  // dashes, nbsp
    std::vector<std::string> groups(1);
    bool plus = false;
    for (size_t i = 0; i < text.size();) {
        char32_t cp;
        if (!nextCodePoint(text, i, cp)) return fail(kNotPhone);
        if (cp >= '0' && cp <= '9') groups.back() += char(cp);
        else if (cp == '+' && !plus && groups.size() == 1 && groups[0].empty()) plus = true;
        else if (kSeparators.find(cp) == std::u32string_view::npos)
            return fail(kNotPhone);
        else if (!groups.back().empty()) groups.emplace_back();
    }
    if (groups.back().empty()) groups.pop_back();
    if (groups.empty()) return fail(kNotPhone);
    std::string stored = storedNumber(groups, plus, problem);
    // 010-12345678-123: a last short group after a landline is its extension
    if (stored.empty() && extension.empty() && groups.size() >= 3 && groups.back().size() <= 6) {
        std::string lastGroup = groups.back(), ignored;
        groups.pop_back();
        std::string landline = storedNumber(groups, plus, ignored);
        if (!landline.empty() && landline[0] == '0') {
            problem.clear();
            stored = landline;
            extension = lastGroup;
        }
    }
    return stored.empty() || extension.empty() ? stored : stored + "x" + extension;
}

std::string normalizePhone(const std::string& raw) {
    std::string problem, stored = parsePhone(raw, problem);
    return stored.empty() ? raw : stored;
}

// Country codes are one digit (1, 7), two digits (this list) or three.
static size_t countryCodeLength(std::string_view d) {
    static const std::string_view kTwoDigit =
        "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 "
        "81 82 84 86 90 91 92 93 94 95 98";
    if (d[0] == '1' || d[0] == '7') return 1;
    return kTwoDigit.find(d.substr(0, 2)) != std::string_view::npos ? 2 : 3;
}

// Digit groups of the given sizes, then a last group with the rest.
static std::string grouped(std::string_view d, std::initializer_list<size_t> sizes) {
    std::string out;
    for (size_t size : sizes) {
        out.append(d.substr(0, size)).append(" ");
        d.remove_prefix(std::min(size, d.size()));
    }
    return out.append(d);
}

std::string formatPhone(const std::string& stored) {
    std::string problem;
    if (stored.empty() || parsePhone(stored, problem) != stored) return stored;  // not in stored form
    size_t x = stored.find('x');
    std::string_view d = std::string_view(stored).substr(0, x);
    std::string shown;
    if (d[0] == '+') {
        d.remove_prefix(1);
        size_t cc = countryCodeLength(d);
        std::string_view national = d.substr(cc);
        shown.append("+").append(d.substr(0, cc)).append(" ");
        shown += cc == 1 && d[0] == '1' && national.size() == 10 ? grouped(national, {3, 3})
                 : national.size() == 8                        ? grouped(national, {4})
                                                               : std::string(national);
    } else if (isMainlandMobile(d)) {
        shown = grouped(d, {3, 4});
    } else if (isHotline(d)) {
        shown = grouped(d, {3, 3});
    } else {
        size_t area = d[1] <= '2' ? 3 : 4;
        shown = grouped(d, {area, d.size() - area == 8 ? 4u : 3u});
    }
    return x == std::string::npos ? shown : shown + " ext. " + stored.substr(x + 1);
}

// ---- a customer ----------------------------------------------------------------------------------------------------

std::string trimmed(const std::string& text) {
    size_t start = 0, end = text.size();
    while (start < end && std::isspace((unsigned char)text[start])) start++;
    while (end > start && std::isspace((unsigned char)text[end - 1])) end--;
    return text.substr(start, end - start);
}

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::string item;
    auto flush = [&] {
        std::string t = trimmed(item);
        if (!t.empty()) out.push_back(t);
        item.clear();
    };
    for (size_t i = 0; i < text.size(); i++) {
        char c = text[i];
        std::string_view rest(text.data() + i, text.size() - i);
        if (c == ',' || c == ';' || c == '\n' || c == '\r') { flush(); continue; }
        // full-width comma and semicolon, and the ideographic enumeration comma (3 bytes each in UTF-8)
        if (rest.substr(0, 3) == "\xEF\xBC\x8C" || rest.substr(0, 3) == "\xEF\xBC\x9B" || rest.substr(0, 3) == "\xE3\x80\x81") {
            flush();
            i += 2;
            continue;
        }
        item += c;
    }
    flush();
    return out;
}

std::string parseDate(const std::string& typed) {
    std::string t = trimmed(typed);
    int y = 0, m = 0, d = 0;
    char tail[8] = {0};
    bool ok = std::sscanf(t.c_str(), "%4d-%2d-%2d%7s", &y, &m, &d, tail) == 3 ||
              std::sscanf(t.c_str(), "%4d/%2d/%2d%7s", &y, &m, &d, tail) == 3 ||
              std::sscanf(t.c_str(), "%4d.%2d.%2d%7s", &y, &m, &d, tail) == 3 ||
              (std::sscanf(t.c_str(), "%4d\xE5\xB9\xB4%2d\xE6\x9C\x88%2d\xE6\x97\xA5%7s", &y, &m, &d, tail) == 3);
    if (!ok || y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return "";
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > days[m - 1] + (m == 2 && leap)) return "";
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
    return out;
}

std::vector<FieldError> validateCustomer(const Customer& c) {
    std::vector<FieldError> errors;
    auto tooLong = [&](const char* field, const std::string& value, size_t limit) {
        if (value.size() > limit)
            errors.push_back({field, "too_long", "is longer than " + std::to_string(limit) + " bytes"});
    };
    if (isBlank(c.name)) errors.push_back({"name", "required", "is required"});
    tooLong("name", c.name, 200);
    tooLong("company", c.company, 200);
    tooLong("title", c.title, 200);
    tooLong("country", c.country, 100);
    tooLong("province", c.province, 100);
    tooLong("city", c.city, 100);
    tooLong("district", c.district, 100);
    tooLong("address", c.address, 500);
    tooLong("owner", c.owner, 100);
    tooLong("tags", c.tags, 2000);
    tooLong("notes", c.notes, 20000);
    if (!c.email.empty() && !looksLikeEmail(c.email))
        errors.push_back({"email", "email_syntax", "is not an email address (name@example.com)"});
    tooLong("email", c.email, 254);
    for (const std::string& e : splitList(c.otherEmails))
        if (!looksLikeEmail(e)) {
            errors.push_back({"other_emails", "email_syntax", "\"" + e + "\" is not an email address"});
            break;
        }
    tooLong("other_emails", c.otherEmails, 2000);
    std::string phoneProblem;
    if (!c.phone.empty() && parsePhone(c.phone, phoneProblem).empty())
        errors.push_back({"phone", "phone_syntax", phoneProblem});
    for (const std::string& p : splitList(c.otherPhones))
        if (parsePhone(p, phoneProblem).empty()) {
            errors.push_back({"other_phones", "phone_syntax", "\"" + p + "\": " + phoneProblem});
            break;
        }
    tooLong("other_phones", c.otherPhones, 2000);
    if (!c.source.empty() && std::find(kSourceChannels.begin(), kSourceChannels.end(), c.source) == kSourceChannels.end())
        errors.push_back({"source", "unknown_source", "is not a known source channel"});
    for (const auto& [channel, stored] : c.consent) {
        bool known = std::find(kConsentChannels.begin(), kConsentChannels.end(), channel) != kConsentChannels.end();
        Consent consent = Consent::parse(stored);
        if (!known || consent.stored() != stored)
            errors.push_back({"consent_" + channel, "consent_syntax", "needs yes or no and the date (YYYY-MM-DD)"});
    }
    return errors;
}

std::vector<FieldError> validateCompany(const Company& c) {
    std::vector<FieldError> errors;
    if (isBlank(c.name)) errors.push_back({"name", "required", "is required"});
    if (c.name.size() > 200) errors.push_back({"name", "too_long", "is longer than 200 bytes"});
    if (!c.email.empty() && !looksLikeEmail(c.email))
        errors.push_back({"email", "email_syntax", "is not an email address (name@example.com)"});
    std::string phoneProblem;
    if (!c.phone.empty() && parsePhone(c.phone, phoneProblem).empty())
        errors.push_back({"phone", "phone_syntax", phoneProblem});
    if (c.notes.size() > 20000) errors.push_back({"notes", "too_long", "is longer than 20000 bytes"});
    return errors;
}

// ---- consent -------------------------------------------------------------------------------------------------------

Consent Consent::parse(const std::string& stored) {
    Consent c;
    if (stored.size() == 14 && (stored.compare(0, 4, "yes:") == 0) && parseDate(stored.substr(4)) == stored.substr(4))
        c = {State::Given, stored.substr(4)};
    else if (stored.size() == 13 && stored.compare(0, 3, "no:") == 0 && parseDate(stored.substr(3)) == stored.substr(3))
        c = {State::Refused, stored.substr(3)};
    return c;
}

std::string Consent::stored() const {
    switch (state) {
        case State::Given: return "yes:" + date;
        case State::Refused: return "no:" + date;
        case State::Unknown: return "";
    }
    return "";
}

}  // namespace core
