// Browser twin of files.h: the bytes become a Blob that the browser downloads under the given name.
#include "platform/files.h"

#include <emscripten.h>

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

namespace platform {

void saveFile(const std::string& fileName, const std::string& mimeType, const std::vector<uint8_t>& bytes) {
    js_save_file(fileName.c_str(), mimeType.c_str(), bytes.data(), bytes.size());
}

}  // namespace platform
