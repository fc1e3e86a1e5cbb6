// Text encodings of imported files: works out which encoding a file is in (UTF-8 with or without BOM, UTF-16 LE/BE,
// GB18030/GBK as Chinese Excel writes it, Windows-1252 as Western Excel writes it) and turns its bytes into UTF-8,
// chunk by chunk. Knows nothing of CSV or vCard; never guesses its way past bytes it cannot decode.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace core {

enum class TextEncoding { Auto, Utf8, Utf16LE, Utf16BE, Gb18030, Windows1252 };

const char* encodingName(TextEncoding encoding);  // "UTF-8", "UTF-16LE", "GB18030", …; "auto" for Auto
// A charset label as files and vCard CHARSET parameters spell it ("utf-8", "GBK", "gb2312", "cp936",
// "iso-8859-1"…); Auto when the label is unknown.
TextEncoding encodingFromName(std::string_view label);

struct EncodingGuess {
    TextEncoding encoding = TextEncoding::Auto;  // Auto: only ASCII so far; decide at the first other byte
    size_t bomBytes = 0;                         // byte-order mark to skip
    std::string problem;                         // set when the bytes are not text at all: what to tell the user
};

// Guesses from the first bytes of a file (64 KiB are plenty); wholeFile says `head` is all of it, so a character
// cut off at the end is an error rather than the next chunk's business. Order: BOM; known binary formats; UTF-16
// by its zero bytes; valid UTF-8; plausible GB18030; Windows-1252.
EncodingGuess guessEncoding(std::string_view head, bool wholeFile);

// Converts a file's bytes to UTF-8 as they arrive. A character split between chunks is kept for the next call.
class TextDecoder {
public:
    explicit TextDecoder(TextEncoding encoding = TextEncoding::Auto) : encoding_(encoding) {}

    // Appends the UTF-8 of `bytes` to `out`; `last` says no more bytes follow. Returns false at the first bytes
    // that are not text in the file's encoding (or a NUL): `out` then holds all that came before, error() says
    // what and where, and later calls do nothing.
    [[nodiscard]] bool decode(std::string_view bytes, bool last, std::string& out);

    TextEncoding encoding() const { return encoding_; }  // Auto until the first non-ASCII byte decides it
    const std::string& error() const { return error_; }

private:
    TextEncoding encoding_;
    bool started_ = false;  // the BOM and the file's first bytes have been looked at
    std::string carry_;     // bytes of a character (or of a guess) that the next chunk completes
    int64_t offset_ = 0;    // file offset of carry_'s first byte, for messages
    std::string error_;
};

// The decoded text of a file fed in chunks, from which a reader parses and consumes what it has understood.
class DecodedText {
public:
    explicit DecodedText(TextEncoding encoding) : decoder_(encoding) {}

    void feed(std::string_view bytes);
    void finish();                                // no more bytes will come
    std::string_view text() const { return std::string_view(buffer_).substr(start_); }
    void consume(size_t n) { start_ += n; }
    // No more text will come: all bytes are decoded, or decoding stopped at bytes that are not text (error()).
    bool finished() const { return finished_ || !error().empty(); }
    const std::string& error() const { return decoder_.error(); }
    TextEncoding encoding() const { return decoder_.encoding(); }

private:
    TextDecoder decoder_;
    std::string buffer_;
    size_t start_ = 0;
    bool finished_ = false;
};

// Converts a whole buffer (a vCard value with CHARSET=GBK); nullopt when it is not text in that encoding.
std::optional<std::string> decodeText(std::string_view bytes, TextEncoding encoding);

// ---- UTF-8 helpers shared by the parsers ----
// Reads the code point at s[i] and advances i; false (i unchanged) on a bad or cut-off sequence.
bool nextCodePoint(std::string_view s, size_t& i, char32_t& cp);
void appendUtf8(std::string& out, char32_t cp);
// Full-width ASCII forms (U+FF01–FF5E, as Chinese IMEs type them) and the ideographic space to plain ASCII.
std::string foldFullWidth(std::string_view utf8);
// A Han ideograph (CJK unified or compatibility, any plane): the test for "this text is Chinese".
inline bool isHan(char32_t cp) {
    return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || cp >= 0x20000;
}

}  // namespace core
