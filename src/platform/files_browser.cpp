// Browser twin of files.h. Out: the bytes become a Blob that the browser downloads under the given name.
// In: shell/file_input.js owns the hidden <input type=file> and the window's drop handling; it reads each file (or
// keeps it, for FileSlices) and hands it to fieldcrm_file_opened below, which queues it until the screen that asked
// takes it. Slices of kept files come back through fieldcrm_file_slice to the FileSlices that asked.
#include "platform/files.h"

#include <emscripten.h>

#include <cstdlib>
#include <deque>
#include <stdexcept>
#include <unordered_map>
#include <utility>

EM_JS(void, js_save_file, (const char* name, const char* mime, const uint8_t* data, size_t size), {
    var blob = new Blob([HEAPU8.slice(data, data + size)], {type : UTF8ToString(mime)});
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = UTF8ToString(name);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function() { URL.revokeObjectURL(link.href); }, 60000);
});

// Connects FieldCRMFiles to this module once: it then delivers every file (and any dropped before) through
// _fieldcrm_file_opened, with the bytes copied into memory the C++ side frees.
EM_JS(void, js_files_connect, (), {
    if (!globalThis.FieldCRMFiles || FieldCRMFiles.deliver) return;
    FieldCRMFiles.connect(function(requester, name, bytes, error, handle, fileSize) {
        var size = bytes ? bytes.length : 0;
        var data = size ? _malloc(size) : 0;
        if (size && !data) { error = "not enough memory to open a file of " + size + " bytes"; size = 0; }
        if (size) HEAPU8.set(bytes, data);
        var text = function(s) {
            var n = lengthBytesUTF8(s) + 1, p = _malloc(n);
            stringToUTF8(s, p, n);
            return p;
        };
        var r = text(requester), f = text(name), e = text(error || "");
        _fieldcrm_file_opened(r, f, data, size, e, handle, fileSize);
        _free(r); _free(f); _free(e);
    });
});

EM_JS(void, js_pick_file, (const char* requester, const char* accept, int sliced), {
    if (globalThis.FieldCRMFiles) FieldCRMFiles.pick(UTF8ToString(requester), UTF8ToString(accept), sliced != 0);
});

EM_JS(void, js_set_sliced_drops, (const char* endings), {
    if (!globalThis.FieldCRMFiles) return;
    FieldCRMFiles.sliced = UTF8ToString(endings).split(",").filter(function(e) { return e.length > 0; });
});

// Offsets travel as doubles: files may be bigger than 2 GB.
EM_JS(void, js_file_slice, (int handle, double offset, double length), {
    if (!globalThis.FieldCRMFiles) return;
    FieldCRMFiles.slice(handle, offset, length, function(bytes, error) {
        var size = bytes ? bytes.length : 0;
        var data = size ? _malloc(size) : 0;
        if (size && !data) { error = "not enough memory for a slice of " + size + " bytes"; size = 0; }
        if (size) HEAPU8.set(bytes, data);
        var n = lengthBytesUTF8(error || "") + 1, e = _malloc(n);
        stringToUTF8(error || "", e, n);
        _fieldcrm_file_slice(handle, offset, data, size, e);
        _free(e);
    });
});

EM_JS(void, js_file_release, (int handle), {
    if (globalThis.FieldCRMFiles) FieldCRMFiles.release(handle);
});

EM_JS(int, js_files_dragged_over, (), { return globalThis.FieldCRMFiles && FieldCRMFiles.draggedOver ? 1 : 0; });

namespace {

std::deque<platform::OpenedFile> gOpened;
std::unordered_map<int, platform::FileSlices*> gSliced;  // open FileSlices by the browser's handle

}  // namespace

// Called by the function js_files_connect installed; takes ownership of `data` (malloc'ed, may be null). A file
// kept in the browser comes with its handle (> 0) and size instead of bytes.
extern "C" EMSCRIPTEN_KEEPALIVE void fieldcrm_file_opened(const char* requester, const char* name, uint8_t* data,
                                                          size_t size, const char* error, int handle, double fileSize) {
    platform::OpenedFile file;
    file.requester = requester;
    file.name = name;
    file.bytes.assign(data, data + size);
    file.error = error;
    std::free(data);
    if (handle > 0) {
        file.slices = std::make_unique<platform::FileSlices>(handle, int64_t(fileSize));
        gSliced[handle] = file.slices.get();
    }
    gOpened.push_back(std::move(file));
}

// A slice asked for by js_file_slice; takes ownership of `data`. Dropped when its FileSlices is gone.
extern "C" EMSCRIPTEN_KEEPALIVE void fieldcrm_file_slice(int handle, double offset, char* data, size_t size,
                                                         const char* error) {
    auto it = gSliced.find(handle);
    if (it != gSliced.end()) it->second->arrived({int64_t(offset), std::string(data ? data : "", size), error});
    std::free(data);
}

namespace platform {

FileSlices::~FileSlices() {
    gSliced.erase(handle_);
    js_file_release(handle_);
}

void FileSlices::request(int64_t offset, size_t length) { js_file_slice(handle_, double(offset), double(length)); }

std::unique_ptr<FileSlices> FileSlices::openPath(const std::string&) {
    throw std::logic_error("the browser opens files through the picker or a drop, not by path");
}

void saveFile(const std::string& fileName, const std::string& mimeType, const std::vector<uint8_t>& bytes) {
    js_save_file(fileName.c_str(), mimeType.c_str(), bytes.data(), bytes.size());
}

void pickFile(const std::string& requester, const std::string& accept, ReadAs readAs) {
    js_files_connect();
    js_pick_file(requester.c_str(), accept.c_str(), readAs == ReadAs::Slices ? 1 : 0);
}

void setDropsReadInSlices(const std::string& endings) { js_set_sliced_drops(endings.c_str()); }

std::optional<OpenedFile> takeOpenedFile(const std::string& requester) {
    js_files_connect();
    for (auto it = gOpened.begin(); it != gOpened.end(); ++it) {
        if (it->requester != requester) continue;
        OpenedFile file = std::move(*it);
        gOpened.erase(it);
        return file;
    }
    return std::nullopt;
}

std::vector<OpenedFile> takeUntakenDrops() {
    std::vector<OpenedFile> drops;
    for (auto it = gOpened.begin(); it != gOpened.end();) {
        if (it->requester == kDroppedFile) {
            drops.push_back(std::move(*it));
            it = gOpened.erase(it);
        } else {
            ++it;
        }
    }
    return drops;
}

bool filesDraggedOver() { return js_files_dragged_over() != 0; }

}  // namespace platform
