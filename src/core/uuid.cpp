// UUID v4 from std::random_device (getentropy natively, crypto.getRandomValues in the browser).
#include "core/uuid.h"

#include <cstdint>
#include <cstdio>
#include <random>

namespace core {

std::string newUuid() {
    static std::random_device entropy;
    uint8_t b[16];
    for (int i = 0; i < 16; i += 4) {
        uint32_t r = entropy();
        for (int k = 0; k < 4; k++) b[i + k] = uint8_t(r >> (8 * k));
    }
    b[6] = uint8_t((b[6] & 0x0F) | 0x40);  // version 4
    b[8] = uint8_t((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
    char out[37];
    std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                  b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return out;
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
