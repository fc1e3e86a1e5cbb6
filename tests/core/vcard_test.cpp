// Unit tests of the vCard reader and writer, on cards as Android, iPhone, Gmail and Outlook export them (2.1, 3.0,
// 4.0), quoted-printable in UTF-8 and GBK, folding, files cut off or not vCards at all, and 4.0 written back.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/file_reading.h"
#include "core/vcard.h"

using core::ContactCard;

namespace {

// A card as "field=value (types)" lines in field order, then its problems.
std::string show(const ContactCard& card) {
    std::string out;
    for (const auto& [field, values] : card.fields)
        for (const core::CardValue& v : values) {
            out += field + "=" + v.text;
            for (size_t i = 0; i < v.types.size(); i++)
                out += (i ? "," : " (") + v.types[i] + (i + 1 == v.types.size() ? ")" : "");
            out += "\n";
        }
    for (const core::FileProblem& p : card.problems) out += "problem: " + p.describe() + "\n";
    return out;
}

struct VcfFile {
    std::vector<std::string> cards;  // show() of each
    std::vector<ContactCard> parsed;
    std::string error;
};

VcfFile readVcf(std::string_view bytes, size_t chunk = 0) {
    VcfFile file;
    core::VcardReader reader;
    file.error = readInChunks<ContactCard>(reader, bytes, chunk, [&](const ContactCard& card) {
        file.cards.push_back(show(card));
        file.parsed.push_back(card);
    });
    return file;
}

// Android's contacts app: vCard 2.1, names and notes in quoted-printable UTF-8 with soft line breaks.
const char* kAndroid =
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0;=E4=B8=89;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0=E4=B8=89\r\n"
    "TEL;CELL;PREF:138-0013-8000\r\n"
    "TEL;WORK:010-65529988\r\n"
    "EMAIL;HOME:zhangsan@example.com\r\n"
    "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=8D=8E=E4=B8=BA=E6=8A=80=E6=9C=AF\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E8=80=81=E5=AE=A2=E6=88=B7=0A=E5=96=9C=\r\n"
    "=E6=AC=A2=E8=8C=B6=E5=8F=B6\r\n"
    "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRof\r\n"
    " Hh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIy\r\n"
    "\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "FN:Li Si\r\n"
    "TEL;X-Mobile:+86 139 0013 9000\r\n"
    "END:VCARD\r\n";

}  // namespace

TEST_CASE("Android 2.1: quoted-printable UTF-8, soft line breaks, bare types, a photo skipped") {
    VcfFile file = readVcf(kAndroid);
    REQUIRE(file.error == "");
    REQUIRE(file.cards.size() == 2);
    CHECK(file.cards[0] == "company=华为技术\n"
                           "email=zhangsan@example.com (home)\n"
                           "family_name=张\n"
                           "given_name=三\n"
                           "name=张三\n"
                           "notes=老客户\n喜欢茶叶\n"
                           "phone=138-0013-8000 (cell,pref)\n"
                           "phone=010-65529988 (work)\n");
    CHECK(file.cards[1] == "name=Li Si\nphone=+86 139 0013 9000 (x-mobile)\n");
    CHECK(file.parsed[1].number == 2);
    CHECK(file.parsed[1].line == 15);
}

TEST_CASE("reading in chunks of any size gives the same cards") {
    VcfFile whole = readVcf(kAndroid);
    for (size_t chunk : {1, 2, 3, 7, 100}) CHECK(readVcf(kAndroid, chunk).cards == whole.cards);
    std::string lf = kAndroid;
    for (size_t at; (at = lf.find("\r\n")) != std::string::npos;) lf.replace(at, 2, "\n");
    CHECK(readVcf(lf).cards == whole.cards);
}

TEST_CASE("old Chinese phones: quoted-printable in GBK") {
    VcfFile file = readVcf("BEGIN:VCARD\r\nVERSION:2.1\r\n"
                           "N;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:=CD=F5;=B7=BC\r\n"
                           "TEL;CELL:13800138000\r\n"
                           "END:VCARD\r\n");
    REQUIRE(file.cards.size() == 1);
    CHECK(file.cards[0] == "family_name=王\ngiven_name=芳\nname=王芳\nphone=13800138000 (cell)\n");
}

TEST_CASE("iPhone 3.0: item groups, TYPE parameters, escapes, folded photo, categories") {
    VcfFile file = readVcf("BEGIN:VCARD\r\n"
                           "VERSION:3.0\r\n"
                           "PRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n"
                           "N:Lovelace;Ada;;;\r\n"
                           "FN:Ada Lovelace\r\n"
                           "ORG:Analytical Engines\\, Ltd;Research;Engines\r\n"
                           "TITLE:Countess\r\n"
                           "EMAIL;type=INTERNET;type=WORK;type=pref:ada@example.com\r\n"
                           "TEL;type=CELL;type=VOICE;type=pref:+44 20 7946 0958\r\n"
                           "item1.ADR;type=WORK;type=pref:;;12 St James's Square;London;;SW1Y 4JH;United Kingdom\r\n"
                           "item1.X-ABADR:gb\r\n"
                           "NOTE:Met at the expo\\, hall 3\\nFollow up in May\\; bring tea\r\n"
                           "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQN\r\n"
                           " DAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwL\r\n"
                           "CATEGORIES:vip,tea\\,green\r\n"
                           "END:VCARD\r\n");
    REQUIRE(file.error == "");
    REQUIRE(file.cards.size() == 1);
    CHECK(file.cards[0] == "address=12 St James's Square, London, SW1Y 4JH, United Kingdom (work,pref)\n"
                           "city=London (work,pref)\n"
                           "company=Analytical Engines, Ltd\n"
                           "country=United Kingdom (work,pref)\n"
                           "department=Research / Engines\n"
                           "email=ada@example.com (work,pref)\n"
                           "family_name=Lovelace\n"
                           "given_name=Ada\n"
                           "name=Ada Lovelace\n"
                           "notes=Met at the expo, hall 3\nFollow up in May; bring tea\n"
                           "phone=+44 20 7946 0958 (cell,voice,pref)\n"
                           "postal_code=SW1Y 4JH (work,pref)\n"
                           "street=12 St James's Square (work,pref)\n"
                           "tags=vip\n"
                           "tags=tea,green\n"
                           "title=Countess\n");
    CHECK(file.parsed[0].fields.at("address")[0].parts ==
          std::vector<std::string>{"", "", "12 St James's Square", "London", "", "SW1Y 4JH", "United Kingdom"});
}

TEST_CASE("Gmail 3.0 and Outlook 2.1 exports, and a Chinese address") {
    VcfFile file = readVcf("BEGIN:VCARD\n"
                           "VERSION:3.0\n"
                           "FN:Grace Hopper\n"
                           "N:Hopper;Grace;;;\n"
                           "EMAIL;TYPE=INTERNET;TYPE=HOME:grace@example.com\n"
                           "TEL;TYPE=CELL:+1 202 555 0143\n"
                           "CATEGORIES:myContacts,Navy\n"
                           "END:VCARD\n"
                           "BEGIN:VCARD\n"
                           "VERSION:2.1\n"
                           "N;LANGUAGE=zh-cn:王;芳\n"
                           "ORG:港湾茶业\n"
                           "ADR;WORK;PREF:;;科技园路1号;深圳市;广东省;518000;中国\n"
                           "LABEL;WORK;PREF;ENCODING=QUOTED-PRINTABLE:=E7=A7=91=E6=8A=80=E5=9B=AD=E8=B7=AF1=E5=8F=B7\n"
                           "X-MS-OL-DEFAULT-POSTAL-ADDRESS:2\n"
                           "END:VCARD\n");
    REQUIRE(file.error == "");
    REQUIRE(file.cards.size() == 2);
    CHECK(file.cards[0] == "email=grace@example.com (home)\nfamily_name=Hopper\ngiven_name=Grace\nname=Grace Hopper\n"
                           "phone=+1 202 555 0143 (cell)\ntags=myContacts\ntags=Navy\n");
    CHECK(file.cards[1] == "address=广东省深圳市科技园路1号 (work,pref)\n"
                           "city=深圳市 (work,pref)\n"
                           "company=港湾茶业\n"
                           "country=中国 (work,pref)\n"
                           "family_name=王\n"
                           "given_name=芳\n"
                           "name=王芳\n"
                           "postal_code=518000 (work,pref)\n"
                           "province=广东省 (work,pref)\n"
                           "street=科技园路1号 (work,pref)\n");
}

TEST_CASE("vCard 4.0: tel: URIs, quoted parameter lists, PREF, folded lines with a tab") {
    VcfFile file = readVcf("BEGIN:VCARD\r\n"
                           "VERSION:4.0\r\n"
                           "FN:Linus Berg\r\n"
                           "TEL;VALUE=uri;TYPE=\"voice,cell\";PREF=1:tel:+46-8-123-456-78\r\n"
                           "EMAIL;TYPE=work;X-NOTE=\"a:b;c\":linus@nordic.example\r\n"
                           "NOTE:timber and\r\n"
                           "\t export\r\n"
                           "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\n"
                           "END:VCARD\r\n");
    REQUIRE(file.cards.size() == 1);
    CHECK(file.cards[0] == "email=linus@nordic.example (work)\nname=Linus Berg\nnotes=timber and export\n"
                           "phone=+46-8-123-456-78 (voice,cell,pref)\n"
                           "uid=urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\n");
}

TEST_CASE("a card's bad parts are problems on that card; the rest of it is read") {
    VcfFile file = readVcf("BEGIN:VCARD\n"
                           "VERSION:2.1\n"
                           "FN:Wang\n"
                           "this line is no property\n"
                           "NOTE;CHARSET=BIG5;ENCODING=QUOTED-PRINTABLE:=A4=A4\n"
                           "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC\n"
                           "BEGIN:VCARD\n"
                           "FN:Zhao\n"
                           "END:VCARD\n"
                           "BEGIN:VCARD\n"
                           "FN:Qian\n"
                           "TEL:139");  // the file is cut off
    REQUIRE(file.error == "");
    REQUIRE(file.cards.size() == 3);
    CHECK(file.cards[0] == "name=Wang\n"
                           "problem: row 1 (line 4): not a vCard property (no ':')\n"
                           "problem: row 1 (line 5): NOTE has a CHARSET this app cannot read: BIG5\n"
                           "problem: row 1 (line 6): ORG is not valid UTF-8\n"
                           "problem: row 1 (line 1): the card has no END:VCARD before the next BEGIN:VCARD\n");
    CHECK(file.cards[1] == "name=Zhao\n");
    CHECK(file.cards[2] ==
          "name=Qian\nphone=139\nproblem: row 3 (line 10): the card has no END:VCARD (is the file cut off?)\n");
}

TEST_CASE("files that are not vCards are refused with the line") {
    CHECK(readVcf("").error == "the file is empty");
    CHECK(readVcf("\r\n\r\n").error == "the file is empty");
    CHECK(readVcf("name,phone\r\nli,1\r\n").error ==
          "line 1: this is not a vCard file: it should start with BEGIN:VCARD");
    CHECK(readVcf("BEGIN:VCARD\nFN:A\nEND:VCARD\n-- \nsent from my phone\n").error ==
          "line 4: text outside BEGIN:VCARD … END:VCARD");
    CHECK(readVcf(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)).error ==
          "this is a binary file, not text (CSV or vCard)");
    CHECK(readVcf("BEGIN:VCARD\nFN:\xE5\xBC\xA0\xE4\xB8\x89\nNOTE:\xD5\xC5\nEND:VCARD\n").error ==
          "row 1 (line 3): bytes D5 C5 at offset 27 are not valid UTF-8");
}

TEST_CASE("writing vCard 4.0: escaping, folding at 75 octets, and reading it back") {
    ContactCard card;
    card.add("name", {"张三丰", {}, {}});
    card.add("family_name", {"张", {}, {}});
    card.add("given_name", {"三丰", {}, {}});
    card.add("company", {"武当, 有限公司", {}, {}});
    card.add("phone", {"13800138000", {"cell", "pref"}, {}});
    card.add("email", {"zhang@example.com", {"work"}, {}});
    card.add("address", {"湖北省十堰市武当山", {"home"}, {"", "", "武当山", "十堰市", "湖北省", "", ""}});
    card.add("notes", {std::string("太极拳; 剑法\r\n") + std::string(60, 'x') + "内功心法修炼笔记，共十二章。", {}, {}});
    card.add("tags", {"vip", {}, {}});
    card.add("tags", {"a,b", {}, {}});
    std::string out;
    core::appendVcard(out, card);
    std::string head = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:张三丰\r\nN:张;三丰;;;\r\nORG:武当\\, 有限公司\r\n"
                       "TEL;TYPE=cell;PREF=1:13800138000\r\nEMAIL;TYPE=work:zhang@example.com\r\n";
    CHECK(out.substr(0, head.size()) == head);
    CHECK(out.find("ADR;TYPE=home:;;武当山;十堰市;湖北省;;\r\n") != std::string::npos);
    CHECK(out.find("CATEGORIES:vip,a\\,b\r\n") != std::string::npos);
    CHECK(out.find("NOTE:太极拳\\; 剑法\\n" + std::string(50, 'x') + "\r\n " + std::string(10, 'x') + "内功") !=
          std::string::npos);  // 75 octets, then a space and the rest
    size_t start = 0, longest = 0;
    for (size_t end; (end = out.find("\r\n", start)) != std::string::npos; start = end + 2) {
        std::string_view line(out.data() + start, end - start);
        longest = std::max(longest, line.size());
        CHECK_MESSAGE(core::decodeText(line, core::TextEncoding::Utf8), line);  // no character cut in two
    }
    CHECK(longest == 75);
    VcfFile back = readVcf(out);
    REQUIRE(back.cards.size() == 1);
    CHECK(back.cards[0] == "address=湖北省十堰市武当山 (home)\n"
                           "city=十堰市 (home)\n"
                           "company=武当, 有限公司\n"
                           "email=zhang@example.com (work)\n"
                           "family_name=张\n"
                           "given_name=三丰\n"
                           "name=张三丰\n"
                           "notes=太极拳; 剑法\n" + std::string(60, 'x') + "内功心法修炼笔记，共十二章。\n"
                           "phone=13800138000 (cell,pref)\n"
                           "province=湖北省 (home)\n"
                           "street=武当山 (home)\n"
                           "tags=vip\n"
                           "tags=a,b\n");
}
