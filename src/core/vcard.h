// vCard (.vcf) as phones and mail clients export it — 2.1 (Android, Outlook), 3.0 (iPhone, Gmail), 4.0 — read card by
// card into neutral contact records, and written as vCard 4.0. Knows nothing of customers: the import step maps
// the fields, exactly as it maps CSV columns.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/file_problem.h"
#include "core/text_encoding.h"

namespace core {

struct CardValue {
    std::string text;
    std::vector<std::string> types;  // lower case, as the card gave them: "cell", "work", "home", "pref", …
    std::vector<std::string> parts;  // address only: ADR's seven parts (PO box, extended, street, city, province,
                                     // postal code, country)
};

// One contact. Field names match the import's customer fields where there is one:
//   name (FN, else made from N), family_name, given_name (N), company, department (ORG), title (TITLE),
//   phone (TEL), email (EMAIL), address (each ADR on one line, with its parts), street, city, province,
//   postal_code, country (the first ADR's parts), notes (NOTE), tags (CATEGORIES, one value each), uid (UID),
//   url (URL), birthday (BDAY).
struct ContactCard {
    int64_t number = 0;  // 1-based position in the file
    int64_t line = 0;    // the line of its BEGIN:VCARD
    std::map<std::string, std::vector<CardValue>> fields;
    std::vector<FileProblem> problems;  // what in this card could not be read (the rest of the card still was)

    // The first value of a field, or "".
    const std::string& first(const std::string& field) const;
    void add(const std::string& field, CardValue value) { fields[field].push_back(std::move(value)); }
};

// Reads cards from bytes fed in chunks, as CsvReader reads rows: feed() …, finish(), then next() until false.
class VcardReader {
public:
    explicit VcardReader(TextEncoding encoding = TextEncoding::Auto) : text_(encoding) {}

    void feed(std::string_view bytes) { text_.feed(bytes); }
    void finish() { text_.finish(); }
    // The next card. Throws FileFormatError when the file cannot be read on: not text, not a vCard file, empty,
    // or text outside BEGIN:VCARD … END:VCARD.
    bool next(ContactCard& card);
    bool done() const { return done_; }
    TextEncoding encoding() const { return text_.encoding(); }

private:
    bool nextLine(std::string& line, int64_t& lineNumber);

    DecodedText text_;
    ContactCard card_;       // the card being read
    bool inCard_ = false;
    int64_t cards_ = 0;
    int64_t line_ = 1;       // the line the next physical line starts on
    bool done_ = false;
};

// Appends one card as vCard 4.0: CRLF line ends, lines folded at 75 octets (never inside a UTF-8 character), text
// escaped. Fields as ContactCard names them; fields it does not know are left out.
void appendVcard(std::string& out, const ContactCard& card);

}  // namespace core
