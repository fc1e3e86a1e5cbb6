// Native twin of files.h: files are written to the given path (replacing it only once fully written). The CLI
// names the files it reads on its command line, so nothing is ever picked or dropped here; FileSlices reads a
// path, each slice at once when it is asked for.
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

FileSlices::~FileSlices() = default;

std::unique_ptr<FileSlices> FileSlices::openPath(const std::string& path) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw std::runtime_error("cannot open " + path);
    bool ok = std::fseek(f, 0, SEEK_END) == 0;
    long size = ok ? std::ftell(f) : -1;
    std::fclose(f);
    if (size < 0) throw std::runtime_error("cannot read " + path);
    auto slices = std::make_unique<FileSlices>(0, int64_t(size));
    slices->path_ = path;
    return slices;
}

void FileSlices::request(int64_t offset, size_t length) {
    Slice slice{offset, std::string(length, '\0'), ""};
    FILE* f = std::fopen(path_.c_str(), "rb");
    if (!f || std::fseek(f, long(offset), SEEK_SET) != 0) slice.error = "cannot read " + path_;
    else slice.bytes.resize(std::fread(slice.bytes.data(), 1, length, f));
    if (f) std::fclose(f);
    if (slice.error.empty() && slice.bytes.size() != length) slice.error = path_ + " ends early (it changed while read)";
    if (!slice.error.empty()) slice.bytes.clear();
    arrived_.push_back(std::move(slice));
}

void pickFile(const std::string&, const std::string&, ReadAs) {
    throw std::logic_error("there is no file picker in the command-line tool: pass the file's path");
}

void setDropsReadInSlices(const std::string&) {}

std::optional<OpenedFile> takeOpenedFile(const std::string&) { return std::nullopt; }
std::vector<OpenedFile> takeUntakenDrops() { return {}; }
bool filesDraggedOver() { return false; }

}  // namespace platform
