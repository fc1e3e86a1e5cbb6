// Browser twin of files.h. Out: the bytes become a Blob that the browser downloads under the given name.
// In: shell/file_input.js owns the hidden <input type=file> and the window's drop handling; it reads each file and
// hands it to fieldcrm_file_opened below, which queues it until the screen that asked takes it.
#include "platform/files.h"

#include <emscripten.h>

#include <cstdlib>
#include <deque>
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
    FieldCRMFiles.connect(function(requester, name, bytes, error) {
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
        _fieldcrm_file_opened(r, f, data, size, e);
        _free(r); _free(f); _free(e);
    });
});

EM_JS(void, js_pick_file, (const char* requester, const char* accept), {
    if (globalThis.FieldCRMFiles) FieldCRMFiles.pick(UTF8ToString(requester), UTF8ToString(accept));
});

EM_JS(int, js_files_dragged_over, (), { return globalThis.FieldCRMFiles && FieldCRMFiles.draggedOver ? 1 : 0; });

namespace {

std::deque<platform::OpenedFile> gOpened;

}  // namespace

// Called by the function js_files_connect installed; takes ownership of `data` (malloc'ed, may be null).
extern "C" EMSCRIPTEN_KEEPALIVE void fieldcrm_file_opened(const char* requester, const char* name, uint8_t* data,
                                                          size_t size, const char* error) {
    platform::OpenedFile file;
    file.requester = requester;
    file.name = name;
    file.bytes.assign(data, data + size);
    file.error = error;
    std::free(data);
    gOpened.push_back(std::move(file));
}

namespace platform {

void saveFile(const std::string& fileName, const std::string& mimeType, const std::vector<uint8_t>& bytes) {
    js_save_file(fileName.c_str(), mimeType.c_str(), bytes.data(), bytes.size());
}

void pickFile(const std::string& requester, const std::string& accept) {
    js_files_connect();
    js_pick_file(requester.c_str(), accept.c_str());
}

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
