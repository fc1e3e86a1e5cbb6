// Native twin of files.h: files are written to the given path (replacing it only once fully written). The CLI
// names the files it reads on its command line, so nothing is ever picked or dropped here.
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

void pickFile(const std::string&, const std::string&) {
    throw std::logic_error("there is no file picker in the command-line tool: pass the file's path");
}

std::optional<OpenedFile> takeOpenedFile(const std::string&) { return std::nullopt; }
std::vector<OpenedFile> takeUntakenDrops() { return {}; }
bool filesDraggedOver() { return false; }

}  // namespace platform
