// UUID v7 (time-ordered, random bits from std::random_device: getentropy natively, crypto.getRandomValues in the
// browser) for new records; v5 from SHA-1 for ids two devices must agree on.
#include "core/uuid.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <random>

namespace core {

static std::string formatUuid(uint8_t b[16], int version) {
    b[6] = uint8_t((b[6] & 0x0F) | (version << 4));
    b[8] = uint8_t((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
    char out[37];
    std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                  b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return out;
}

// Version 7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter within the millisecond (started at a
// random value each new millisecond), then 62 random bits. Ids made one after another sort one after another, so a
// bulk import appends to the end of every index keyed by id instead of descending to a random page for each record;
// the random bits still keep two devices' ids apart.
std::string newUuid() {
    static std::random_device entropy;
    static uint64_t lastMs = 0;
    static uint32_t counter = 0;
    uint64_t ms = uint64_t(std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count());
    if (ms > lastMs) {
        lastMs = ms;
        counter = entropy() & 0x7FF;  // leaves room to count up within the millisecond
    } else if (++counter > 0xFFF) {  // clock went back, or 4096 ids in one millisecond: borrow the next one
        lastMs++;
        counter = 0;
    }
    uint8_t b[16];
    for (int i = 0; i < 6; i++) b[i] = uint8_t(lastMs >> (8 * (5 - i)));
    b[6] = uint8_t(counter >> 8);
    b[7] = uint8_t(counter);
    for (int i = 8; i < 16; i += 4) {
        uint32_t r = entropy();
        for (int k = 0; k < 4; k++) b[i + k] = uint8_t(r >> (8 * k));
    }
    return formatUuid(b, 7);
}

// SHA-1 (FIPS 180-4), enough for name-based UUIDs: not used for anything secret.
static void sha1(const std::string& message, uint8_t digest[20]) {
    uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    std::string m = message;
    uint64_t bits = uint64_t(message.size()) * 8;
    m += char(0x80);
    while (m.size() % 64 != 56) m += char(0);
    for (int i = 7; i >= 0; i--) m += char(bits >> (8 * i));
    auto rotl = [](uint32_t x, int n) { return (x << n) | (x >> (32 - n)); };
    for (size_t chunk = 0; chunk < m.size(); chunk += 64) {
        uint32_t w[80];
        for (int i = 0; i < 16; i++)
            w[i] = uint32_t(uint8_t(m[chunk + 4 * i])) << 24 | uint32_t(uint8_t(m[chunk + 4 * i + 1])) << 16 |
                   uint32_t(uint8_t(m[chunk + 4 * i + 2])) << 8 | uint32_t(uint8_t(m[chunk + 4 * i + 3]));
        for (int i = 16; i < 80; i++) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; i++) {
            uint32_t f, k;
            if (i < 20) f = (b & c) | (~b & d), k = 0x5A827999;
            else if (i < 40) f = b ^ c ^ d, k = 0x6ED9EBA1;
            else if (i < 60) f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
            else f = b ^ c ^ d, k = 0xCA62C1D6;
            uint32_t t = rotl(a, 5) + f + e + k + w[i];
            e = d, d = c, c = rotl(b, 30), b = a, a = t;
        }
        h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
    }
    for (int i = 0; i < 20; i++) digest[i] = uint8_t(h[i / 4] >> (24 - 8 * (i % 4)));
}

static int hexValue(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

std::string nameUuid(const std::string& space, const std::string& name) {
    std::string input;
    for (size_t i = 0; i + 1 < space.size(); i++) {
        if (space[i] == '-') continue;
        input += char(hexValue(space[i]) << 4 | hexValue(space[i + 1]));
        i++;
    }
    input += name;
    uint8_t digest[20];
    sha1(input, digest);
    return formatUuid(digest, 5);
}

bool isUuid(const std::string& text) {
    if (text.size() != 36) return false;
    for (size_t i = 0; i < text.size(); i++) {
        char c = text[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

}  // namespace core
