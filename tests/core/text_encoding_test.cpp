// Unit tests of encoding guesses and chunked decoding: BOMs, UTF-16 without BOM, GBK/GB18030 (bytes as hex, as
// Chinese Excel writes them), Windows-1252, characters split between chunks, bad bytes and binary files.
#include <doctest/doctest.h>

#include <iconv.h>

#include <string>

#include "core/text_encoding.h"

using core::TextEncoding;

// Decodes `bytes` fed in chunks of `chunk` bytes; "error: …" when the decoder stops.
static std::string decodeInChunks(std::string_view bytes, size_t chunk, TextEncoding encoding = TextEncoding::Auto) {
    core::TextDecoder decoder(encoding);
    std::string out;
    for (size_t i = 0; i < bytes.size(); i += chunk)
        if (!decoder.decode(bytes.substr(i, chunk), false, out)) return "error: " + decoder.error();
    if (!decoder.decode({}, true, out)) return "error: " + decoder.error();
    return out;
}

static std::string decodeAll(std::string_view bytes, TextEncoding encoding = TextEncoding::Auto) {
    return decodeInChunks(bytes, bytes.size() + 1, encoding);
}

static TextEncoding guessed(std::string_view bytes, bool wholeFile = true) {
    return core::guessEncoding(bytes, wholeFile).encoding;
}

// "姓名,手机\r\n张三,13800138000\r\n" in GBK
static const std::string kGbkCsv =
    "\xD0\xD5\xC3\xFB,\xCA\xD6\xBB\xFA\r\n\xD5\xC5\xC8\xFD,13800138000\r\n";
static const std::string kUtf8Csv = "姓名,手机\r\n张三,13800138000\r\n";

TEST_CASE("UTF-8 with and without a BOM") {
    CHECK(decodeAll("\xEF\xBB\xBF" + kUtf8Csv) == kUtf8Csv);
    CHECK(core::guessEncoding("\xEF\xBB\xBFname", true).bomBytes == 3);
    CHECK(decodeAll(kUtf8Csv) == kUtf8Csv);
    CHECK(guessed(kUtf8Csv) == TextEncoding::Utf8);
    CHECK(guessed("name,phone\n", false) == TextEncoding::Auto);  // only ASCII so far: undecided
    CHECK(guessed("name,phone\n", true) == TextEncoding::Utf8);
    CHECK(decodeAll("") == "");
}

TEST_CASE("UTF-16 with a BOM, and without one by its zero bytes") {
    std::string nameLE("N\0a\0m\0e\0,\0\x20\x5F\x09\x4E\r\0\n\0", 18);  // "Name,张三\r\n"
    std::string nameBE("\0N\0a\0m\0e\0,\x5F\x20\x4E\x09\0\r\0\n", 18);
    CHECK(decodeAll("\xFF\xFE" + nameLE) == "Name,张三\r\n");
    CHECK(decodeAll("\xFE\xFF" + nameBE) == "Name,张三\r\n");
    CHECK(guessed(nameLE) == TextEncoding::Utf16LE);
    CHECK(guessed(nameBE) == TextEncoding::Utf16BE);
    CHECK(decodeAll(nameLE) == "Name,张三\r\n");
    CHECK(decodeAll(std::string("\xFE\xFF\xD8\x3D\xDE\x00", 6)) == "😀");  // a surrogate pair
    CHECK(decodeAll(std::string("\xFE\xFF\xDE\x00\0a", 6)) ==
          "error: bytes DE 00 00 61 at offset 2 are not valid UTF-16BE");
    CHECK(decodeAll(std::string("\xFF\xFEN\0a", 5)) ==
          "error: the file ends in the middle of a UTF-16LE character (bytes 61)");
}

TEST_CASE("GBK from Chinese Excel is recognised and decoded") {
    CHECK(guessed(kGbkCsv) == TextEncoding::Gb18030);
    CHECK(decodeAll(kGbkCsv) == kUtf8Csv);
    CHECK(decodeAll("\x80", TextEncoding::Gb18030) == "€");  // CP936's euro sign
    CHECK(decodeAll("\xA2\xE3\xA8\xA6", TextEncoding::Gb18030) == "€é");
}

TEST_CASE("GB18030 four-byte characters, which musl's iconv gets wrong") {
    CHECK(decodeAll("\x81\x31\x83\x38", TextEncoding::Gb18030) == "ئ");           // U+0626, Uyghur
    CHECK(decodeAll("\x84\x30\x81\x31", TextEncoding::Gb18030) == "\uF900");      // compatibility ideograph
    CHECK(decodeAll("\x95\x32\x82\x36", TextEncoding::Gb18030) == "\U00020000");  // supplementary plane
    CHECK(decodeAll("\xE3\x32\x9A\x35", TextEncoding::Gb18030) == "\U0010FFFF");
    CHECK(decodeAll("\xE3\x32\x9A\x36", TextEncoding::Gb18030) ==
          "error: bytes E3 32 9A 36 at offset 0 are not valid GB18030");
    CHECK(decodeAll("\x85\x30\x81\x30", TextEncoding::Gb18030) ==
          "error: bytes 85 30 81 30 at offset 0 are not valid GB18030");
    CHECK(decodeAll("\x81\x30\x20\x30", TextEncoding::Gb18030) ==
          "error: bytes 81 30 20 30 at offset 0 are not valid GB18030");
}

#ifdef __GLIBC__
TEST_CASE("every GB18030 four-byte BMP character agrees with glibc's iconv") {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    REQUIRE(cd != iconv_t(-1));
    int differences = 0;
    for (int n = 0; n <= 39419; n++) {
        // Where glibc follows GB18030-2005 and we (like musl and Python) 2000: 2005 swapped 0x8135F437 with A8BC
        // and gave U+9FB4–9FBB and U+FE10–FE19 two-byte codes. 0x84319533 is U+FEFF, dropped as a BOM at the start.
        if (n == 7457 || (n >= 19057 && n <= 19064) || (n >= 39076 && n <= 39085) || n == 39263) continue;
        char in[4] = {char(0x81 + n / 12600), char(0x30 + n / 1260 % 10), char(0x81 + n / 10 % 126),
                      char(0x30 + n % 10)};
        char out[8];
        char *ip = in, *op = out;
        size_t inLeft = 4, outLeft = sizeof out;
        iconv(cd, nullptr, nullptr, nullptr, nullptr);
        std::string expected = iconv(cd, &ip, &inLeft, &op, &outLeft) == size_t(-1) ? "?" : std::string(out, op - out);
        differences += decodeAll(std::string_view(in, 4), TextEncoding::Gb18030) != expected;
    }
    iconv_close(cd);
    CHECK(differences == 0);
}
#endif

TEST_CASE("a character split between chunks is carried to the next chunk") {
    const std::string utf16("\xFF\xFEN\0\x20\x5F\x3D\xD8\x00\xDE", 10);  // BOM, "N张😀" in UTF-16LE
    for (size_t chunk : {1, 2, 3, 5, 7}) {
        CAPTURE(chunk);
        CHECK(decodeInChunks(kGbkCsv, chunk) == kUtf8Csv);
        CHECK(decodeInChunks("\xEF\xBB\xBF" + kUtf8Csv, chunk) == kUtf8Csv);
        CHECK(decodeInChunks(utf16, chunk) == "N张😀");
        CHECK(decodeInChunks("\x95\x32\x82\x36\x81\x31\x83\x38", chunk, TextEncoding::Gb18030) == "\U00020000ئ");
    }
}

TEST_CASE("a file that is ASCII for a long while decides its encoding at the first other byte") {
    std::string ascii;
    for (int i = 0; i < 5000; i++) ascii += "li,13800138000\r\n";  // 80 000 bytes
    core::TextDecoder decoder;
    std::string out;
    REQUIRE(decoder.decode(ascii, false, out));
    CHECK(decoder.encoding() == TextEncoding::Auto);
    REQUIRE(decoder.decode(kGbkCsv, true, out));
    CHECK(decoder.encoding() == TextEncoding::Gb18030);
    CHECK(out == ascii + kUtf8Csv);
}

TEST_CASE("bytes that are not text in the file's encoding stop decoding with offset and bytes") {
    CHECK(decodeAll("ab\xC3\x28", TextEncoding::Utf8) == "error: bytes C3 28 at offset 2 are not valid UTF-8");
    CHECK(decodeAll("\xE5\xBC", TextEncoding::Utf8) ==
          "error: the file ends in the middle of a UTF-8 character (bytes E5 BC)");
    CHECK(decodeAll("\xED\xA0\x80", TextEncoding::Utf8) ==
          "error: bytes ED A0 80 at offset 0 are not valid UTF-8");  // a surrogate
    CHECK(decodeAll("\xC0\xAF", TextEncoding::Utf8) ==
          "error: bytes C0 AF at offset 0 are not valid UTF-8");  // overlong
    // mixed: UTF-8 first, then GBK
    CHECK(decodeAll("张三,\xD5\xC5") == "error: bytes D5 C5 at offset 7 are not valid UTF-8");
    CHECK(decodeAll("\xD5\xC5,\xFF\xFF", TextEncoding::Gb18030) ==
          "error: bytes FF FF at offset 3 are not valid GB18030");
}

TEST_CASE("binary files are refused, with what they are when known") {
    CHECK(decodeAll(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)) ==
          "error: this is a binary file, not text (CSV or vCard)");
    CHECK(decodeAll(std::string("PK\x03\x04\x14\0\x06\0", 8)) ==
          "error: this is a zip archive, such as an Excel workbook (.xlsx), not a text file: in Excel, save it as "
          "\"CSV UTF-8\" first");
    CHECK(decodeAll(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) ==
          "error: this is an old Excel workbook (.xls), not a text file: in Excel, save it as \"CSV UTF-8\" first");
    std::string junk;
    for (int i = 0; i < 300; i++) junk += char(1 + (i * 97) % 255);  // no NUL, but full of control characters
    CHECK(decodeAll(junk) == "error: this is a binary file, not text (CSV or vCard)");
    const std::string nulLater("name,phone\nli,1\0\0\0", 18);
    CHECK(decodeAll(nulLater) == "error: this is a binary file, not text (CSV or vCard)");
    CHECK(decodeInChunks(nulLater, 8) ==
          "error: a NUL byte at offset 15: this is a binary file, not text (CSV or vCard)");
}

TEST_CASE("Windows-1252 from Western Excel is the fallback") {
    CHECK(guessed("Caf\xE9,M\xFCller\r\n") == TextEncoding::Windows1252);
    CHECK(decodeAll("Caf\xE9,M\xFCller \x80\x93ok\x94\r\n") == "Café,Müller €“ok”\r\n");
}

TEST_CASE("charset labels and whole-buffer conversion") {
    CHECK(core::encodingFromName("GB2312") == TextEncoding::Gb18030);
    CHECK(core::encodingFromName("x-gbk") == TextEncoding::Gb18030);
    CHECK(core::encodingFromName("utf-8") == TextEncoding::Utf8);
    CHECK(core::encodingFromName("ISO-8859-1") == TextEncoding::Windows1252);
    CHECK(core::encodingFromName("koi8-r") == TextEncoding::Auto);
    CHECK(core::decodeText("\xD5\xC5\xC8\xFD", TextEncoding::Gb18030) == std::optional<std::string>("张三"));
    CHECK(core::decodeText("\xD5\xC5\xC8", TextEncoding::Gb18030) == std::nullopt);
}

TEST_CASE("full-width forms fold to ASCII") {
    CHECK(core::foldFullWidth("１３８　００１３（Ａｂｃ）＋") == "138 0013(Abc)+");
    CHECK(core::foldFullWidth("张三\xFF") == "张三\xFF");  // bytes that are not UTF-8 pass through
}

TEST_CASE("the decoded text of a file fed in chunks") {
    core::DecodedText text(TextEncoding::Auto);
    text.feed("\xEF\xBB\xBF" "ab");
    text.feed("c\xE5\xBC");
    CHECK(text.text() == "abc");
    text.consume(2);
    text.feed("\xA0");
    CHECK(text.text() == "c张");
    CHECK_FALSE(text.finished());
    text.finish();
    CHECK(text.finished());
    CHECK(text.error().empty());
    CHECK(text.encoding() == TextEncoding::Utf8);
}
