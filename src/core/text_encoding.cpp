// Text encodings of imported files: guessing a file's encoding and decoding it to UTF-8 in chunks.
// GB18030's two-byte table comes from iconv (glibc natively, musl in wasm); its four-byte sequences are decoded
// here by arithmetic, because musl gets them wrong above U+E865 and is slow at them. No file formats here.
//
// Index: names · UTF-8 helpers · one decoder per encoding · guessing · TextDecoder · DecodedText
#include "core/text_encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace core {

// ---- names ---------------------------------------------------------------------------------------------------------

const char* encodingName(TextEncoding encoding) {
    switch (encoding) {
        case TextEncoding::Auto: return "auto";
        case TextEncoding::Utf8: return "UTF-8";
        case TextEncoding::Utf16LE: return "UTF-16LE";
        case TextEncoding::Utf16BE: return "UTF-16BE";
        case TextEncoding::Gb18030: return "GB18030";
        case TextEncoding::Windows1252: return "Windows-1252";
    }
    return "auto";
}

TextEncoding encodingFromName(std::string_view label) {
    std::string key;
    for (char c : label)
        if (c != '-' && c != '_' && c != ' ') key += char(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (key == "utf8") return TextEncoding::Utf8;
    if (key == "utf16le") return TextEncoding::Utf16LE;
    if (key == "utf16be") return TextEncoding::Utf16BE;
    for (const char* gb : {"gb18030", "gbk", "gb2312", "cp936", "ms936", "windows936", "euccn", "xgbk"})
        if (key == gb) return TextEncoding::Gb18030;
    for (const char* latin : {"windows1252", "cp1252", "iso88591", "latin1", "usascii", "ascii"})
        if (key == latin) return TextEncoding::Windows1252;
    return TextEncoding::Auto;
}

// ---- UTF-8 helpers -------------------------------------------------------------------------------------------------

// Length of the well-formed UTF-8 sequence at p (no overlongs, surrogates or code points past U+10FFFF);
// 0 when it is malformed, -1 when it is cut off by the end of the n bytes.
static int utf8Sequence(const unsigned char* p, size_t n, char32_t& cp) {
    unsigned char b = p[0], lo = 0x80, hi = 0xBF;
    int length;
    if (b < 0x80) { cp = b; return 1; }
    if (b >= 0xC2 && b <= 0xDF) length = 2;
    else if (b >= 0xE0 && b <= 0xEF) length = 3, lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
    else if (b >= 0xF0 && b <= 0xF4) length = 4, lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
    else return 0;
    cp = b & (0x3F >> (length - 1));
    for (int k = 1; k < length; k++) {
        if (size_t(k) >= n) return -1;
        unsigned char c = p[k];
        if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return 0;
        cp = cp << 6 | (c & 0x3F);
    }
    return length;
}

bool nextCodePoint(std::string_view s, size_t& i, char32_t& cp) {
    if (i >= s.size()) return false;
    int length = utf8Sequence(reinterpret_cast<const unsigned char*>(s.data()) + i, s.size() - i, cp);
    if (length <= 0) return false;
    i += length;
    return true;
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | cp >> 6);
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | cp >> 12);
        out += char(0x80 | (cp >> 6 & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | cp >> 18);
        out += char(0x80 | (cp >> 12 & 0x3F));
        out += char(0x80 | (cp >> 6 & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

std::string foldFullWidth(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (size_t i = 0; i < utf8.size();) {
        size_t at = i;
        char32_t cp;
        if (!nextCodePoint(utf8, i, cp)) { out += utf8[i++]; continue; }
        if (cp >= 0xFF01 && cp <= 0xFF5E) out += char(cp - 0xFEE0);
        else if (cp == 0x3000) out += ' ';
        else out.append(utf8, at, i - at);
    }
    return out;
}

// ---- one decoder per encoding --------------------------------------------------------------------------------------
// Each decodes p[0..n) into out and returns how many bytes it used. It stops early at a character cut off by the
// end of the bytes (the caller carries it over) or at bytes that are not text (it sets `bad`). A NUL is never text.

using DecodeFn = size_t (*)(const unsigned char* p, size_t n, std::string& out, bool& bad);

// Copies the ASCII bytes (0x01–0x7F) from p[i] on; returns where they end.
static size_t copyAscii(const unsigned char* p, size_t i, size_t n, std::string& out) {
    size_t j = i;
    while (j < n && unsigned(p[j] - 1) < 0x7F) j++;
    out.append(reinterpret_cast<const char*>(p) + i, j - i);
    return j;
}

static size_t decodeUtf8(const unsigned char* p, size_t n, std::string& out, bool& bad) {
    size_t i = 0;
    while ((i = copyAscii(p, i, n, out)) < n) {
        char32_t cp;
        int length = p[i] ? utf8Sequence(p + i, n - i, cp) : 0;
        if (length < 0) break;
        if (length == 0) { bad = true; break; }
        out.append(reinterpret_cast<const char*>(p) + i, length);
        i += length;
    }
    return i;
}

static size_t decodeUtf16(const unsigned char* p, size_t n, std::string& out, bool& bad, bool bigEndian) {
    auto unitAt = [&](size_t i) { return bigEndian ? p[i] << 8 | p[i + 1] : p[i + 1] << 8 | p[i]; };
    size_t i = 0;
    while (i + 1 < n) {
        char32_t unit = unitAt(i), cp = unit;
        size_t length = 2;
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            if (i + 3 >= n) break;
            char32_t low = unitAt(i + 2);
            if (low < 0xDC00 || low > 0xDFFF) { bad = true; break; }
            cp = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            length = 4;
        }
        if (cp == 0 || (unit >= 0xDC00 && unit <= 0xDFFF)) { bad = true; break; }
        appendUtf8(out, cp);
        i += length;
    }
    return i;
}
static size_t decodeUtf16LE(const unsigned char* p, size_t n, std::string& out, bool& bad) {
    return decodeUtf16(p, n, out, bad, false);
}
static size_t decodeUtf16BE(const unsigned char* p, size_t n, std::string& out, bool& bad) {
    return decodeUtf16(p, n, out, bad, true);
}

// GB18030 two-byte characters (lead 0x81–0xFE, trail 0x40–0xFE but 0x7F), as iconv maps them; 0 = unmapped.
static const std::vector<char32_t>& gbTwoByteTable() {
    static const std::vector<char32_t> table = [] {
        std::vector<char32_t> t(126 * 191, 0);
        iconv_t cd = iconv_open("UTF-32LE", "GB18030");
        if (cd == iconv_t(-1)) throw std::runtime_error("this system's iconv cannot convert GB18030");
        for (int lead = 0x81; lead <= 0xFE; lead++)
            for (int trail = 0x40; trail <= 0xFE; trail++) {
                char in[2] = {char(lead), char(trail)}, out[8];
                char *ip = in, *op = out;
                size_t inLeft = 2, outLeft = sizeof out;
                iconv(cd, nullptr, nullptr, nullptr, nullptr);
                if (trail == 0x7F || iconv(cd, &ip, &inLeft, &op, &outLeft) == size_t(-1) || op - out != 4) continue;
                auto byte = [&](int k) { return char32_t(static_cast<unsigned char>(out[k])) << 8 * k; };
                t[(lead - 0x81) * 191 + (trail - 0x40)] = byte(0) | byte(1) | byte(2) | byte(3);
            }
        iconv_close(cd);
        return t;
    }();
    return table;
}

// GB18030 four-byte characters in the BMP are numbered (0–39419) through the code points that the one- and two-byte
// forms leave out, in order. Each pair starts a run: {first number, its code point}. Made with Python's gb18030
// codec (for p in range(39420): decode, start a pair where the code point does not follow on); a native test checks
// every number against glibc's iconv.
static const std::pair<uint16_t, char16_t> kGbFourByteRanges[] = {
    {0, 0x0080}, {36, 0x00A5}, {38, 0x00A9}, {45, 0x00B2}, {50, 0x00B8}, {81, 0x00D8}, {89, 0x00E2}, {95, 0x00EB},
    {96, 0x00EE}, {100, 0x00F4}, {103, 0x00F8}, {104, 0x00FB}, {105, 0x00FD}, {109, 0x0102}, {126, 0x0114},
    {133, 0x011C}, {148, 0x012C}, {172, 0x0145}, {175, 0x0149}, {179, 0x014E}, {208, 0x016C}, {306, 0x01CF},
    {307, 0x01D1}, {308, 0x01D3}, {309, 0x01D5}, {310, 0x01D7}, {311, 0x01D9}, {312, 0x01DB}, {313, 0x01DD},
    {341, 0x01FA}, {428, 0x0252}, {443, 0x0262}, {544, 0x02C8}, {545, 0x02CC}, {558, 0x02DA}, {741, 0x03A2},
    {742, 0x03AA}, {749, 0x03C2}, {750, 0x03CA}, {805, 0x0402}, {819, 0x0450}, {820, 0x0452}, {7922, 0x2011},
    {7924, 0x2017}, {7925, 0x201A}, {7927, 0x201E}, {7934, 0x2027}, {7943, 0x2031}, {7944, 0x2034}, {7945, 0x2036},
    {7950, 0x203C}, {8062, 0x20AD}, {8148, 0x2104}, {8149, 0x2106}, {8152, 0x210A}, {8164, 0x2117}, {8174, 0x2122},
    {8236, 0x216C}, {8240, 0x217A}, {8262, 0x2194}, {8264, 0x219A}, {8374, 0x2209}, {8380, 0x2210}, {8381, 0x2212},
    {8384, 0x2216}, {8388, 0x221B}, {8390, 0x2221}, {8392, 0x2224}, {8393, 0x2226}, {8394, 0x222C}, {8396, 0x222F},
    {8401, 0x2238}, {8406, 0x223E}, {8416, 0x2249}, {8419, 0x224D}, {8424, 0x2253}, {8437, 0x2262}, {8439, 0x2268},
    {8445, 0x2270}, {8482, 0x2296}, {8485, 0x229A}, {8496, 0x22A6}, {8521, 0x22C0}, {8603, 0x2313}, {8936, 0x246A},
    {8946, 0x249C}, {9046, 0x254C}, {9050, 0x2574}, {9063, 0x2590}, {9066, 0x2596}, {9076, 0x25A2}, {9092, 0x25B4},
    {9100, 0x25BE}, {9108, 0x25C8}, {9111, 0x25CC}, {9113, 0x25D0}, {9131, 0x25E6}, {9162, 0x2607}, {9164, 0x260A},
    {9218, 0x2641}, {9219, 0x2643}, {11329, 0x2E82}, {11331, 0x2E85}, {11334, 0x2E89}, {11336, 0x2E8D},
    {11346, 0x2E98}, {11361, 0x2EA8}, {11363, 0x2EAB}, {11366, 0x2EAF}, {11370, 0x2EB4}, {11372, 0x2EB8},
    {11375, 0x2EBC}, {11389, 0x2ECB}, {11682, 0x2FFC}, {11686, 0x3004}, {11687, 0x3018}, {11692, 0x301F},
    {11694, 0x302A}, {11714, 0x303F}, {11716, 0x3094}, {11723, 0x309F}, {11725, 0x30F7}, {11730, 0x30FF},
    {11736, 0x312A}, {11982, 0x322A}, {11989, 0x3232}, {12102, 0x32A4}, {12336, 0x3390}, {12348, 0x339F},
    {12350, 0x33A2}, {12384, 0x33C5}, {12393, 0x33CF}, {12395, 0x33D3}, {12397, 0x33D6}, {12510, 0x3448},
    {12553, 0x3474}, {12851, 0x359F}, {12962, 0x360F}, {12973, 0x361B}, {13738, 0x3919}, {13823, 0x396F},
    {13919, 0x39D1}, {13933, 0x39E0}, {14080, 0x3A74}, {14298, 0x3B4F}, {14585, 0x3C6F}, {14698, 0x3CE1},
    {15583, 0x4057}, {15847, 0x4160}, {16318, 0x4338}, {16434, 0x43AD}, {16438, 0x43B2}, {16481, 0x43DE},
    {16729, 0x44D7}, {17102, 0x464D}, {17122, 0x4662}, {17315, 0x4724}, {17320, 0x472A}, {17402, 0x477D},
    {17418, 0x478E}, {17859, 0x4948}, {17909, 0x497B}, {17911, 0x497E}, {17915, 0x4984}, {17916, 0x4987},
    {17936, 0x499C}, {17939, 0x49A0}, {17961, 0x49B8}, {18664, 0x4C78}, {18703, 0x4CA4}, {18814, 0x4D1A},
    {18962, 0x4DAF}, {19043, 0x9FA6}, {33469, 0xE76C}, {33470, 0xE7C8}, {33471, 0xE7E7}, {33484, 0xE815},
    {33485, 0xE819}, {33490, 0xE81F}, {33497, 0xE827}, {33501, 0xE82D}, {33505, 0xE833}, {33513, 0xE83C},
    {33520, 0xE844}, {33536, 0xE856}, {33550, 0xE865}, {37845, 0xF92D}, {37921, 0xF97A}, {37948, 0xF996},
    {38029, 0xF9E8}, {38038, 0xF9F2}, {38064, 0xFA10}, {38065, 0xFA12}, {38066, 0xFA15}, {38069, 0xFA19},
    {38075, 0xFA22}, {38076, 0xFA25}, {38078, 0xFA2A}, {39108, 0xFE32}, {39109, 0xFE45}, {39113, 0xFE53},
    {39114, 0xFE58}, {39115, 0xFE67}, {39116, 0xFE6C}, {39265, 0xFF5F}, {39394, 0xFFE6}
};

// The code point of a four-byte sequence (b0 0x81–0xFE, b1 0x30–0x39 checked by the caller), 0 when unassigned.
static char32_t gbFourByte(const unsigned char* b) {
    if (b[2] < 0x81 || b[2] > 0xFE || b[3] < 0x30 || b[3] > 0x39) return 0;
    auto number = [&](int first) {
        return (((b[0] - first) * 10 + (b[1] - 0x30)) * 126 + (b[2] - 0x81)) * 10 + (b[3] - 0x30);
    };
    if (b[0] >= 0x90) {
        char32_t cp = 0x10000 + number(0x90);
        return cp <= 0x10FFFF ? cp : 0;
    }
    int n = number(0x81);
    if (n > 39419) return 0;
    auto run = std::upper_bound(std::begin(kGbFourByteRanges), std::end(kGbFourByteRanges), n,
                                [](int v, const std::pair<uint16_t, char16_t>& r) { return v < r.first; }) - 1;
    return run->second + (n - run->first);
}

// What the guess asks of a GB18030 decode: how many characters, and how many of the common kind (GB2312's area,
// where both bytes are 0xA1 or more, or four-byte forms). Latin-1 text misread as GBK has few of those.
struct GbCounts {
    size_t characters = 0, common = 0;
};

static size_t decodeGb18030Counting(const unsigned char* p, size_t n, std::string& out, bool& bad, GbCounts* counts) {
    const std::vector<char32_t>& table = gbTwoByteTable();
    size_t i = 0;
    while ((i = copyAscii(p, i, n, out)) < n) {
        unsigned char lead = p[i];
        char32_t cp = 0;
        size_t length = 1;
        if (lead == 0x80) {
            cp = 0x20AC;  // CP936 (what Windows calls GBK) puts the euro sign here
        } else if (lead > 0x80 && lead < 0xFF) {
            if (i + 1 >= n) break;
            unsigned char trail = p[i + 1];
            if (trail >= 0x30 && trail <= 0x39) {
                if (i + 3 >= n) {
                    if (i + 2 < n && (p[i + 2] < 0x81 || p[i + 2] == 0xFF)) bad = true;
                    break;
                }
                cp = gbFourByte(p + i);
                length = 4;
            } else {
                cp = trail >= 0x40 && trail < 0xFF ? table[(lead - 0x81) * 191 + (trail - 0x40)] : 0;
                length = 2;
            }
            if (counts) counts->common += length == 4 || (lead >= 0xA1 && trail >= 0xA1);
        }
        if (cp == 0) { bad = true; break; }
        if (counts) counts->characters++;
        appendUtf8(out, cp);
        i += length;
    }
    return i;
}
static size_t decodeGb18030(const unsigned char* p, size_t n, std::string& out, bool& bad) {
    return decodeGb18030Counting(p, n, out, bad, nullptr);
}

// 0x80–0x9F of Windows-1252; its five unused bytes map to the C1 controls, as browsers do. 0xA0–0xFF are Latin-1.
static const char16_t kWindows1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
    0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x009D, 0x017E, 0x0178};

static size_t decodeWindows1252(const unsigned char* p, size_t n, std::string& out, bool& bad) {
    size_t i = 0;
    while ((i = copyAscii(p, i, n, out)) < n) {
        if (p[i] == 0) { bad = true; break; }
        appendUtf8(out, p[i] < 0xA0 ? kWindows1252High[p[i] - 0x80] : p[i]);
        i++;
    }
    return i;
}

static DecodeFn decoderFor(TextEncoding encoding) {
    switch (encoding) {
        case TextEncoding::Utf16LE: return decodeUtf16LE;
        case TextEncoding::Utf16BE: return decodeUtf16BE;
        case TextEncoding::Gb18030: return decodeGb18030;
        case TextEncoding::Windows1252: return decodeWindows1252;
        default: return decodeUtf8;
    }
}

// ---- guessing ------------------------------------------------------------------------------------------------------

struct ByteOrderMark {
    std::string_view bytes;
    TextEncoding encoding;
};
static const ByteOrderMark kByteOrderMarks[] = {{"\xEF\xBB\xBF", TextEncoding::Utf8},
                                                {"\xFF\xFE", TextEncoding::Utf16LE},
                                                {"\xFE\xFF", TextEncoding::Utf16BE},
                                                {"\x84\x31\x95\x33", TextEncoding::Gb18030}};

struct BinaryFormat {
    std::string_view magic;
    const char* problem;
};
static const BinaryFormat kBinaryFormats[] = {
    {"PK\x03\x04", "this is a zip archive, such as an Excel workbook (.xlsx), not a text file: "
                   "in Excel, save it as \"CSV UTF-8\" first"},
    {std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8),
     "this is an old Excel workbook (.xls), not a text file: in Excel, save it as \"CSV UTF-8\" first"},
    {"%PDF", "this is a PDF document, not a text file"}};

static const char* kBinaryProblem = "this is a binary file, not text (CSV or vCard)";

// Decodes all of s as `encoding` into a scratch string; true when nothing in it is bad. A character cut off at the
// end is bad only when s is the whole file.
static bool decodesAs(TextEncoding encoding, std::string_view s, bool wholeFile, GbCounts* counts = nullptr) {
    std::string scratch;
    bool bad = false;
    auto p = reinterpret_cast<const unsigned char*>(s.data());
    size_t used = encoding == TextEncoding::Gb18030 ? decodeGb18030Counting(p, s.size(), scratch, bad, counts)
                                                     : decoderFor(encoding)(p, s.size(), scratch, bad);
    return !bad && (used == s.size() || !wholeFile);
}

// UTF-16 without a BOM: text in any script has ASCII (digits, delimiters, line breaks) whose other byte is zero,
// at odd offsets in little-endian, even ones in big-endian.
static TextEncoding utf16ByZeroBytes(std::string_view s, bool wholeFile) {
    size_t units = s.size() / 2, zeroEven = 0, zeroOdd = 0;
    for (size_t i = 0; i < units; i++) {
        zeroEven += s[2 * i] == 0;
        zeroOdd += s[2 * i + 1] == 0;
    }
    TextEncoding guess = TextEncoding::Auto;
    if (zeroOdd * 4 >= units && zeroOdd > 4 * zeroEven) guess = TextEncoding::Utf16LE;
    if (zeroEven * 4 >= units && zeroEven > 4 * zeroOdd) guess = TextEncoding::Utf16BE;
    return guess != TextEncoding::Auto && decodesAs(guess, s, wholeFile) ? guess : TextEncoding::Auto;
}

// The part of the guess that also holds in the middle of a file (at its first non-ASCII byte).
static EncodingGuess guessByteEncoding(std::string_view s, bool wholeFile) {
    size_t controls = 0;
    for (unsigned char c : s) {
        if (c == 0) return {TextEncoding::Auto, 0, kBinaryProblem};
        controls += c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1A;
    }
    if (controls * 100 > s.size()) return {TextEncoding::Auto, 0, kBinaryProblem};
    // UTF-8 when its multi-byte sequences are mostly well formed. GBK text forms a valid one now and then by
    // chance (about one character in seven), never mostly; a UTF-8 file with a pasted GBK row is broken UTF-8,
    // and the decoder will say where, rather than turn the whole file into mojibake.
    size_t wellFormed = 0, malformed = 0;
    auto p = reinterpret_cast<const unsigned char*>(s.data());
    for (size_t i = 0; i < s.size();) {
        char32_t cp;
        int length = utf8Sequence(p + i, s.size() - i, cp);
        if (length < 0 && !wholeFile) break;
        if (length > 1) wellFormed++;
        if (length <= 0) malformed++;
        i += length > 0 ? length : 1;
    }
    if (malformed == 0 || wellFormed >= malformed)
        return {wellFormed == 0 && !wholeFile ? TextEncoding::Auto : TextEncoding::Utf8, 0, ""};
    GbCounts counts;
    if (decodesAs(TextEncoding::Gb18030, s, wholeFile, &counts) && counts.common * 2 >= counts.characters)
        return {TextEncoding::Gb18030, 0, ""};
    return {TextEncoding::Windows1252, 0, ""};
}

EncodingGuess guessEncoding(std::string_view head, bool wholeFile) {
    for (const ByteOrderMark& bom : kByteOrderMarks)
        if (head.substr(0, bom.bytes.size()) == bom.bytes) return {bom.encoding, bom.bytes.size(), ""};
    for (const BinaryFormat& format : kBinaryFormats)
        if (head.substr(0, format.magic.size()) == format.magic) return {TextEncoding::Auto, 0, format.problem};
    if (TextEncoding utf16 = utf16ByZeroBytes(head, wholeFile); utf16 != TextEncoding::Auto) return {utf16, 0, ""};
    return guessByteEncoding(head, wholeFile);
}

// ---- TextDecoder ---------------------------------------------------------------------------------------------------

// "bytes 81 20 at offset 1234 are not valid GB18030" (up to four bytes, not past a line end), or the NUL / cut-off
// variants.
static std::string describeBadBytes(std::string_view bytes, int64_t offset, TextEncoding encoding, bool cutOff) {
    std::string hex;
    char buf[8];
    for (size_t i = 0; i < bytes.size() && i < 4 && (i == 0 || (bytes[i] != '\n' && bytes[i] != '\r')); i++) {
        std::snprintf(buf, sizeof buf, "%s%02X", i ? " " : "", static_cast<unsigned char>(bytes[i]));
        hex += buf;
    }
    std::string where = " at offset " + std::to_string(offset), name = encodingName(encoding);
    if (cutOff) return "the file ends in the middle of a " + name + " character (bytes " + hex + ")";
    if (bytes[0] == 0) return "a NUL byte" + where + ": " + kBinaryProblem;
    return "bytes " + hex + where + " are not valid " + name;
}

// Guesses look at this much of a chunk: enough to tell, and a whole file handed over at once is not decoded twice.
static const size_t kGuessBytes = 64 * 1024;

bool TextDecoder::decode(std::string_view bytes, bool last, std::string& out) {
    if (!error_.empty()) return false;
    std::string joined;
    if (!carry_.empty()) bytes = joined = carry_ + std::string(bytes);
    auto p = reinterpret_cast<const unsigned char*>(bytes.data());
    size_t n = bytes.size(), i = 0;
    auto fail = [&](std::string message) {
        error_ = std::move(message);
        carry_.clear();
        return false;
    };
    if (!started_) {
        if (n < 4 && !last) return carry_.assign(bytes), true;  // too few bytes to tell a BOM
        started_ = true;
        if (encoding_ == TextEncoding::Auto) {
            EncodingGuess guess = guessEncoding(bytes.substr(0, kGuessBytes), last && n <= kGuessBytes);
            if (!guess.problem.empty()) return fail(guess.problem);
            encoding_ = guess.encoding;
            i = guess.bomBytes;
        } else {
            for (const ByteOrderMark& bom : kByteOrderMarks)
                if (bom.encoding == encoding_ && bytes.substr(0, bom.bytes.size()) == bom.bytes) i = bom.bytes.size();
        }
    }
    if (encoding_ == TextEncoding::Auto) {  // ASCII so far: every encoding agrees until the first other byte
        i = copyAscii(p, i, n, out);
        if (i < n && p[i] != 0 && (n - i >= 64 || last)) {
            EncodingGuess guess = guessByteEncoding(bytes.substr(i, kGuessBytes), last && n - i <= kGuessBytes);
            if (!guess.problem.empty())
                return fail(guess.problem + " (from offset " + std::to_string(offset_ + i) + ")");
            encoding_ = guess.encoding;
        }
    }
    if (encoding_ != TextEncoding::Auto || (i < n && p[i] == 0)) {
        bool bad = false;
        i += decoderFor(encoding_ == TextEncoding::Auto ? TextEncoding::Utf8 : encoding_)(p + i, n - i, out, bad);
        if (bad || (last && i < n))
            return fail(describeBadBytes(bytes.substr(i), offset_ + int64_t(i), encoding_, !bad));
    }
    carry_.assign(bytes.substr(i));
    offset_ += int64_t(i);
    return true;
}

// ---- DecodedText ---------------------------------------------------------------------------------------------------

void DecodedText::feed(std::string_view bytes) {
    if (start_ > 0 && start_ * 2 >= buffer_.size()) {  // drop what the reader has consumed, at most once per half
        buffer_.erase(0, start_);
        start_ = 0;
    }
    (void)decoder_.decode(bytes, false, buffer_);
}

void DecodedText::finish() {
    (void)decoder_.decode({}, true, buffer_);
    finished_ = true;
}

std::optional<std::string> decodeText(std::string_view bytes, TextEncoding encoding) {
    TextDecoder decoder(encoding);
    std::string out;
    if (!decoder.decode(bytes, true, out)) return std::nullopt;
    return out;
}

}  // namespace core
