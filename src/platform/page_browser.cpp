// The web page around the app: navigator.onLine, localStorage preferences, and the hooks the shell passed to
// createFieldCRM (Module.fieldcrmOnReady, Module.fieldcrmOnError). No CRM data goes through here.
#include "platform/page.h"

#include <emscripten.h>

#include <cstdlib>

namespace platform {

EM_JS(int, fieldcrm_page_online, (), { return navigator.onLine ? 1 : 0; });

// Returns a malloc'ed UTF-8 copy (or NULL); storage can throw when disabled, which counts as "unset".
EM_JS(char*, fieldcrm_page_load_preference, (const char* key), {
    let value = null;
    try { value = window.localStorage.getItem('fieldcrm.' + UTF8ToString(key)); } catch (e) {}
    if (value === null) return 0;
    const size = lengthBytesUTF8(value) + 1;
    const ptr = _malloc(size);
    stringToUTF8(value, ptr, size);
    return ptr;
});

EM_JS(void, fieldcrm_page_save_preference, (const char* key, const char* value), {
    try { window.localStorage.setItem('fieldcrm.' + UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});

EM_JS(void, fieldcrm_page_ready, (), {
    if (Module['fieldcrmOnReady']) Module['fieldcrmOnReady']();
});

EM_JS(void, fieldcrm_page_error, (const char* title, const char* detail), {
    if (Module['fieldcrmOnError']) Module['fieldcrmOnError'](UTF8ToString(title), UTF8ToString(detail));
});

bool isOnline() { return fieldcrm_page_online() != 0; }

std::string loadPreference(const char* key) {
    char* value = fieldcrm_page_load_preference(key);
    if (value == nullptr) return {};
    std::string result(value);
    std::free(value);
    return result;
}

void savePreference(const char* key, const std::string& value) { fieldcrm_page_save_preference(key, value.c_str()); }

void notifyPageReady() { fieldcrm_page_ready(); }

void showPageError(const std::string& title, const std::string& detail) {
    fieldcrm_page_error(title.c_str(), detail.c_str());
}

}  // namespace platform
