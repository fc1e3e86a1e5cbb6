// Files in and out of the app, behind one interface with a twin per platform:
//   files_browser.cpp — out: a download (Blob + <a download>); in: the browser's file picker and files dropped on
//                       the window (shell/file_input.js), read whole and delivered to C++ asynchronously, or kept
//                       in the browser and read a slice at a time (FileSlices: big customer imports)
//   files_native.cpp  — out: a file written to the given path; in: FileSlices over a path (the CLI names its files)
// Callers build and interpret the bytes; this only moves them. docs/file-formats.md ("Reading big files") says how
// the slices feed an import.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace platform {

void saveFile(const std::string& fileName, const std::string& mimeType, const std::vector<uint8_t>& bytes);

// ---- opening files -----------------------------------------------------------------------------------------------
// A screen asks for a file with pickFile(requester, accept); the file the user chooses arrives a few frames later
// and waits until takeOpenedFile(requester) collects it (nothing arrives if the user cancels). Files dropped on
// the window arrive for kDroppedFile: the screen that is open may collect them, the app frame routes the rest. Several screens can use this at once;
// each sees only the files delivered for its own requester name.

constexpr const char* kDroppedFile = "dropped";

// A file left where it is (the browser keeps the File object) and read a slice at a time, so a file of any size
// never has to be in memory whole. Slices are asked for with request() and arrive later, in any order (in the
// browser File.slice().arrayBuffer() is asynchronous; the native twin reads at once); take() hands them over.
class FileSlices {
public:
    struct Slice {
        int64_t offset = 0;
        std::string bytes;
        std::string error;  // set (bytes empty) when this slice could not be read
    };
    ~FileSlices();  // lets the browser forget the file; slices still on their way are dropped
    FileSlices(const FileSlices&) = delete;
    FileSlices& operator=(const FileSlices&) = delete;

    int64_t size() const { return size_; }
    void request(int64_t offset, size_t length);
    std::optional<Slice> take() {
        if (arrived_.empty()) return std::nullopt;
        Slice slice = std::move(arrived_.front());
        arrived_.pop_front();
        return slice;
    }

    // Native twin: the file at `path` (throws when it cannot be opened). The browser gets its FileSlices from
    // pickFile(…, ReadAs::Slices) and from drops.
    static std::unique_ptr<FileSlices> openPath(const std::string& path);

    // Used by the platform twin that delivers slices.
    FileSlices(int handle, int64_t size) : handle_(handle), size_(size) {}
    void arrived(Slice slice) { arrived_.push_back(std::move(slice)); }

private:
    int handle_ = 0;  // the browser's number for the File; native: unused
    int64_t size_ = 0;
    std::deque<Slice> arrived_;
    std::string path_;  // native: the file read
};

struct OpenedFile {
    std::string requester;       // who asked for it, or kDroppedFile
    std::string name;            // the file's name, without any folder
    std::vector<uint8_t> bytes;  // the whole file (empty when it comes as slices)
    std::unique_ptr<FileSlices> slices;  // set instead of bytes for files opened in slices
    std::string error;           // set (and bytes empty) when the browser could not read the file
};

enum class ReadAs {
    Whole,   // bytes: the file is read into memory before it is delivered
    Slices,  // slices: nothing is read until asked for (files that may be very large)
};

// Opens the file picker for one file. `accept` is an HTML accept list, e.g. ".json,application/json".
// Call it from a click handler: browsers open pickers only shortly after a user action.
void pickFile(const std::string& requester, const std::string& accept, ReadAs readAs = ReadAs::Whole);

// Dropped files whose names end in one of `endings` (".csv,.vcf": lower-case, comma-separated) arrive as slices;
// all others are read whole. Set once at start by whoever routes drops.
void setDropsReadInSlices(const std::string& endings);

// The oldest file delivered for `requester` that nobody has taken yet.
std::optional<OpenedFile> takeOpenedFile(const std::string& requester);

// Dropped files the open screen did not take this frame, for the app's frame to route (by name or contents) or
// refuse; call once per frame, after every screen had its chance.
std::vector<OpenedFile> takeUntakenDrops();

// True while files are dragged over the window (a screen can show where a drop would go).
bool filesDraggedOver();

}  // namespace platform
