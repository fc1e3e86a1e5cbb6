// Native twin of files.h: the bytes are written to the given path (replacing it only once fully written).
#include "platform/files.h"

#include <cstdio>
#include <stdexcept>

namespace platform {

void saveFile(const std::string& fileName, const std::string&, const std::vector<uint8_t>& bytes) {
    std::string partial = fileName + ".partial";
    FILE* f = std::fopen(partial.c_str(), "wb");
    if (!f) throw std::runtime_error("cannot write " + fileName);
    bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    ok = std::fclose(f) == 0 && ok;
    if (!ok || std::rename(partial.c_str(), fileName.c_str()) != 0) {
        std::remove(partial.c_str());
        throw std::runtime_error("cannot write " + fileName);
    }
}

}  // namespace platform
