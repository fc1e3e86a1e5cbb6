// vCard reading and writing. Reads what phones and mail clients really write: 2.1's bare parameters, quoted-printable
// values with CHARSET (Android, also in GBK), soft line breaks, iPhone's item groups, 4.0's tel: URIs. Properties
// it does not map (PHOTO, X-…) are skipped. No customer fields, no database, no UI.
//
// Index: ContactCard · lines (unfolding) · one property (parameters, values) · VcardReader · writing
#include "core/vcard.h"

#include <algorithm>
#include <optional>

namespace core {

static std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = char(c - 32);
    return out;
}

static std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c + 32);
    return out;
}

// Appends item to a list being built in out, with the separator between items.
static void appendItem(std::string& out, std::string_view separator, std::string_view item) {
    if (!out.empty()) out.append(separator);
    out.append(item);
}

static bool hasCjk(std::string_view s) {
    char32_t cp;
    for (size_t i = 0; i < s.size();)
        if (!nextCodePoint(s, i, cp)) i++;
        else if (isHan(cp)) return true;
    return false;
}

// ---- ContactCard ---------------------------------------------------------------------------------------------------

const std::string& ContactCard::first(const std::string& field) const {
    static const std::string none;
    auto it = fields.find(field);
    return it == fields.end() || it->second.empty() ? none : it->second.front().text;
}

// ---- lines ---------------------------------------------------------------------------------------------------------

// A 2.1 quoted-printable value ending in '=' goes on on the next line (a "soft" line break).
static bool endsInSoftBreak(std::string_view line) {
    size_t colon = line.find(':');
    return !line.empty() && line.back() == '=' && colon != std::string_view::npos &&
           upper(line.substr(0, colon)).find("QUOTED-PRINTABLE") != std::string::npos;
}

// Reads the next logical line: physical lines joined where the next begins with a space or tab (folding; the one
// whitespace character goes) or where a quoted-printable value ends in '='. False when the text ends before it is
// certain the line is complete and more may come, or when no text is left.
bool VcardReader::nextLine(std::string& line, int64_t& lineNumber) {
    std::string_view s = text_.text();
    bool atEnd = text_.finished() && text_.error().empty();
    if (s.empty()) return false;
    line.clear();
    size_t pos = 0;
    int64_t lines = 0;
    for (;;) {
        size_t end = s.find_first_of("\r\n", pos);
        if (end == std::string_view::npos) {
            if (!atEnd) return false;
            line.append(s.substr(pos));
            pos = s.size();
            lines++;
            break;
        }
        size_t next = end + (s[end] == '\r' && end + 1 < s.size() && s[end + 1] == '\n' ? 2 : 1);
        if (next >= s.size() && !atEnd) return false;  // whether the next line continues this one is not known yet
        line.append(s.substr(pos, end - pos));
        lines++;
        pos = next;
        if (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) {
            pos++;
            continue;
        }
        if (pos < s.size() && endsInSoftBreak(line)) {
            line.pop_back();
            continue;
        }
        break;
    }
    text_.consume(pos);
    lineNumber = line_;
    line_ += lines;
    return true;
}

// ---- one property --------------------------------------------------------------------------------------------------

struct Property {
    std::string name;                // upper case, without a group ("item1.TEL" is TEL)
    std::vector<std::string> types;  // lower case
    bool quotedPrintable = false;
    bool base64 = false;
    std::string charset;
    std::string_view value;          // as written
};

// Splits s at `separator` where it is not inside double quotes (parameters) or escaped by a backslash (values).
static std::vector<std::string_view> split(std::string_view s, char separator, bool quotes) {
    std::vector<std::string_view> parts;
    bool quoted = false;
    size_t start = 0;
    for (size_t i = 0; i < s.size(); i++) {
        if (quotes && s[i] == '"') quoted = !quoted;
        else if (!quotes && s[i] == '\\') i++;
        else if (s[i] == separator && !quoted) {
            parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    parts.push_back(s.substr(std::min(start, s.size())));
    return parts;
}

static std::string_view unquote(std::string_view s) {
    return s.size() >= 2 && s.front() == '"' && s.back() == '"' ? s.substr(1, s.size() - 2) : s;
}

// NAME;PARAM=VALUE;BARE:value. False when there is no ':' outside quotes.
static bool parseProperty(std::string_view line, Property& property) {
    size_t colon = std::string_view::npos;
    bool quoted = false;
    for (size_t i = 0; i < line.size() && colon == std::string_view::npos; i++) {
        if (line[i] == '"') quoted = !quoted;
        else if (line[i] == ':' && !quoted) colon = i;
    }
    if (colon == std::string_view::npos) return false;
    std::vector<std::string_view> params = split(line.substr(0, colon), ';', true);
    std::string name = upper(params[0]);
    property.name = name.substr(name.find('.') + 1);
    property.value = line.substr(colon + 1);
    for (size_t i = 1; i < params.size(); i++) {
        size_t eq = params[i].find('=');
        std::string key = eq == std::string_view::npos ? "" : upper(params[i].substr(0, eq));
        std::string_view value = unquote(eq == std::string_view::npos ? params[i] : params[i].substr(eq + 1));
        std::string word = upper(value);
        if (key == "ENCODING" || (key.empty() && (word == "QUOTED-PRINTABLE" || word == "BASE64"))) {
            property.quotedPrintable = word == "QUOTED-PRINTABLE";
            property.base64 = word == "B" || word == "BASE64";
        } else if (key == "CHARSET") {
            property.charset = value;
        } else if (key == "PREF") {
            property.types.push_back("pref");
        } else if (key == "TYPE" || key.empty()) {  // 2.1 writes types bare: TEL;CELL;PREF:
            for (std::string_view type : split(value, ',', true))
                if (!type.empty()) property.types.push_back(lower(unquote(type)));
        }
    }
    return true;
}

static int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

static std::string decodeQuotedPrintable(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); i++) {
        int high = i + 2 < s.size() && s[i] == '=' ? hexDigit(s[i + 1]) : -1;
        int low = high >= 0 ? hexDigit(s[i + 2]) : -1;
        if (low >= 0) {
            out += char(high * 16 + low);
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// \n \N \, \; \\ \: as vCard 3.0 and 4.0 escape them; any other backslash stays as written.
static std::string unescape(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); i++) {
        char c = i + 1 < s.size() && s[i] == '\\' ? s[i + 1] : 0;
        if (c == 'n' || c == 'N') out += '\n';
        else if (c == ',' || c == ';' || c == '\\' || c == ':') out += c;
        else {
            out += s[i];
            continue;
        }
        i++;
    }
    return out;
}

// The property's value split at unescaped `separator` (0: one part), each part decoded: quoted-printable in its
// CHARSET (guessed when none is named), then escapes. A part that cannot be decoded becomes a problem on the card
// and an empty string.
static std::vector<std::string> valueParts(const Property& property, char separator, ContactCard& card, int64_t line) {
    std::vector<std::string> parts;
    auto problem = [&](std::string message) { card.problems.push_back({card.number, line, "bad_value", message}); };
    for (std::string_view raw : separator ? split(property.value, separator, false) : std::vector{property.value}) {
        std::string text(raw);
        if (property.quotedPrintable) {
            TextEncoding encoding = property.charset.empty() ? TextEncoding::Auto : encodingFromName(property.charset);
            std::optional<std::string> decoded;
            if (!property.charset.empty() && encoding == TextEncoding::Auto)
                problem(property.name + " has a CHARSET this app cannot read: " + property.charset);
            else if (!(decoded = decodeText(decodeQuotedPrintable(raw), encoding)))
                problem(property.name + " is not valid " + (property.charset.empty() ? "text" : property.charset));
            text = decoded.value_or("");
        }
        parts.push_back(unescape(text));
    }
    return parts;
}

static std::string part(const std::vector<std::string>& parts, size_t i) { return i < parts.size() ? parts[i] : ""; }

// One line of an address: Chinese addresses run from the province down without separators (广东省深圳市南山区…),
// others from the street up, comma-separated.
static std::string addressLine(const std::vector<std::string>& adr) {
    std::string out;
    if (std::any_of(adr.begin(), adr.end(), [](const std::string& p) { return hasCjk(p); })) {
        for (size_t i : {4, 3, 2, 1}) out += adr[i];
        return out;
    }
    for (const std::string& part : adr)
        if (!part.empty()) appendItem(out, ", ", part);
    return out;
}

// Maps one property onto the card's fields; properties the import has no use for are skipped.
static void readProperty(const Property& property, ContactCard& card, int64_t line) {
    const std::string& name = property.name;
    if (property.base64) return;  // PHOTO, LOGO, KEY, SOUND
    auto whole = [&] { return valueParts(property, 0, card, line)[0]; };
    auto add = [&](const char* field, std::string text, std::vector<std::string> types = {}) {
        if (!text.empty()) card.add(field, {std::move(text), std::move(types), {}});
    };
    static const std::pair<const char*, const char*> kSimple[] = {
        {"FN", "name"}, {"TITLE", "title"}, {"NOTE", "notes"}, {"UID", "uid"}, {"URL", "url"}, {"BDAY", "birthday"}};
    for (auto [code, field] : kSimple)
        if (name == code) return add(field, whole());
    if (name == "N") {
        std::vector<std::string> parts = valueParts(property, ';', card, line);
        add("family_name", part(parts, 0));
        add("given_name", part(parts, 1));
    } else if (name == "ORG") {
        std::vector<std::string> parts = valueParts(property, ';', card, line);
        add("company", part(parts, 0));
        std::string department;
        for (size_t i = 1; i < parts.size(); i++)
            if (!parts[i].empty()) appendItem(department, " / ", parts[i]);
        add("department", department);
    } else if (name == "TEL" || name == "EMAIL") {
        std::string text = whole();
        std::string scheme = name == "TEL" ? "tel:" : "mailto:";
        if (lower(text.substr(0, scheme.size())) == scheme) text.erase(0, scheme.size());
        std::vector<std::string> types = property.types;
        types.erase(std::remove(types.begin(), types.end(), "internet"), types.end());  // 3.0's EMAIL;TYPE=INTERNET
        add(name == "TEL" ? "phone" : "email", text, types);
    } else if (name == "ADR") {
        std::vector<std::string> adr = valueParts(property, ';', card, line);
        adr.resize(7);
        std::string text = addressLine(adr);
        if (text.empty()) return;
        if (!card.fields.count("address")) {
            static const std::pair<size_t, const char*> kParts[] = {
                {2, "street"}, {3, "city"}, {4, "province"}, {5, "postal_code"}, {6, "country"}};
            for (auto [i, field] : kParts) add(field, adr[i], property.types);
        }
        card.add("address", {text, property.types, adr});
    } else if (name == "CATEGORIES") {
        for (std::string& tag : valueParts(property, ',', card, line)) add("tags", tag);
    }
}

// A card without FN gets its name from N: family name first and no space in Chinese, given name first otherwise.
static void completeCard(ContactCard& card) {
    if (!card.first("name").empty()) return;
    const std::string &family = card.first("family_name"), &given = card.first("given_name");
    std::string name = given;
    if (hasCjk(family + given)) name = family + given;
    else if (!family.empty()) appendItem(name, " ", family);
    if (!name.empty()) card.add("name", {name, {}, {}});
}

// ---- VcardReader ---------------------------------------------------------------------------------------------------

bool VcardReader::next(ContactCard& card) {
    std::string line;
    int64_t lineNumber = 0;
    while (!done_) {
        if (!nextLine(line, lineNumber)) {
            if (!text_.error().empty()) {
                bool noText = line_ == 1 && text_.text().empty();  // the file is not text at all: no line to point at
                int64_t lineAt = line_ + std::count(text_.text().begin(), text_.text().end(), '\n');
                throw FileFormatError({inCard_ ? card_.number : 0, noText ? 0 : lineAt, "encoding", text_.error()});
            }
            if (!text_.finished()) return false;
            done_ = true;
            if (cards_ == 0) throw FileFormatError({0, 0, "empty_file", "the file is empty"});
            if (!inCard_) return false;
            card_.problems.push_back({card_.number, card_.line, "unterminated_card",
                                      "the card has no END:VCARD (is the file cut off?)"});
        } else {
            if (line.find_first_not_of(" \t") == std::string::npos) continue;
            Property property;
            bool isProperty = parseProperty(line, property);
            std::string value = upper(property.value);
            if (isProperty && property.name == "BEGIN" && value == "VCARD") {
                bool unterminated = inCard_;
                if (unterminated) {
                    card_.problems.push_back({card_.number, card_.line, "unterminated_card",
                                              "the card has no END:VCARD before the next BEGIN:VCARD"});
                    completeCard(card_);
                    card = std::move(card_);
                }
                card_ = ContactCard{};
                card_.number = ++cards_;
                card_.line = lineNumber;
                inCard_ = true;
                if (unterminated) return true;
                continue;
            }
            if (!inCard_)
                throw FileFormatError({0, lineNumber, "not_vcard",
                                       cards_ ? "text outside BEGIN:VCARD … END:VCARD"
                                              : "this is not a vCard file: it should start with BEGIN:VCARD"});
            if (!isProperty) {
                card_.problems.push_back({card_.number, lineNumber, "bad_line", "not a vCard property (no ':')"});
                continue;
            }
            if (property.name != "END") {
                readProperty(property, card_, lineNumber);
                continue;
            }
        }
        inCard_ = false;
        completeCard(card_);
        card = std::move(card_);
        return true;
    }
    return false;
}

// ---- writing -------------------------------------------------------------------------------------------------------

static std::string escape(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); i++) {
        if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
        if (s[i] == '\n' || s[i] == '\r') out += "\\n";
        else if (s[i] == '\\' || s[i] == ',' || s[i] == ';') out += std::string{'\\', s[i]};
        else out += s[i];
    }
    return out;
}

// Lines longer than 75 octets go on on lines that begin with a space; a cut never splits a UTF-8 character.
static void appendFolded(std::string& out, std::string_view line) {
    size_t limit = 75;
    while (line.size() > limit) {
        size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) cut--;
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        limit = 74;
    }
    out.append(line);
    out += "\r\n";
}

// NAME;TYPE=a,b;PREF=1:value, with the value already escaped.
static void appendProperty(std::string& out, const char* name, const std::vector<std::string>& types,
                           const std::string& value) {
    std::string line = name, typeList;
    bool pref = false;
    for (const std::string& type : types) {
        if (type == "pref") pref = true;
        else if (!type.empty() && type.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos)
            appendItem(typeList, ",", type);
    }
    if (!typeList.empty()) line += ";TYPE=" + typeList;
    if (pref) line += ";PREF=1";
    appendFolded(out, line + ":" + value);
}

void appendVcard(std::string& out, const ContactCard& card) {
    auto values = [&](const char* field) -> const std::vector<CardValue>& {
        static const std::vector<CardValue> none;
        auto it = card.fields.find(field);
        return it == card.fields.end() ? none : it->second;
    };
    auto single = [&](const char* property, const char* field) {
        for (const CardValue& v : values(field)) appendProperty(out, property, v.types, escape(v.text));
    };
    out += "BEGIN:VCARD\r\nVERSION:4.0\r\n";
    appendProperty(out, "FN", {}, escape(card.first("name")));  // 4.0 requires FN
    if (!card.first("family_name").empty() || !card.first("given_name").empty())
        appendProperty(out, "N", {},
                       escape(card.first("family_name")) + ";" + escape(card.first("given_name")) + ";;;");
    if (!card.first("company").empty() || !card.first("department").empty())
        appendProperty(out, "ORG", {}, escape(card.first("company")) +
                       (card.first("department").empty() ? "" : ";" + escape(card.first("department"))));
    single("TITLE", "title");
    single("TEL", "phone");
    single("EMAIL", "email");
    for (const CardValue& v : values("address")) {
        std::vector<std::string> adr = v.parts;
        if (adr.size() != 7) adr = {"", "", v.text, "", "", "", ""};  // one line only: it goes in the street
        std::string value;
        for (size_t i = 0; i < 7; i++) {
            if (i) value += ';';
            value += escape(adr[i]);
        }
        appendProperty(out, "ADR", v.types, value);
    }
    single("URL", "url");
    single("BDAY", "birthday");
    single("NOTE", "notes");
    std::string tags;
    for (const CardValue& v : values("tags")) appendItem(tags, ",", escape(v.text));
    if (!tags.empty()) appendProperty(out, "CATEGORIES", {}, tags);
    single("UID", "uid");
    out += "END:VCARD\r\n";
}

}  // namespace core
