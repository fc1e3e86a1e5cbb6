// The web page around the app: navigator.onLine and navigator.language, localStorage preferences, fetches of the
// site's own files, and the hooks the shell passed to createFieldCRM (Module.fieldcrmOnReady, Module.fieldcrmOnError).
// No CRM data goes through here.
#include "platform/page.h"

#include <emscripten.h>

#include <cstdlib>
#include <unordered_map>

namespace platform {

EM_JS(int, fieldcrm_page_online, (), { return navigator.onLine ? 1 : 0; });

EM_JS(char*, fieldcrm_page_language, (), {
    const value = String(navigator.language || "");
    const size = lengthBytesUTF8(value) + 1;
    const ptr = _malloc(size);
    stringToUTF8(value, ptr, size);
    return ptr;
});

// The bytes are copied into a malloc'ed buffer that fieldcrm_page_fetched takes over (size -1: failed).
EM_JS(void, fieldcrm_page_fetch, (const char* url, int request), {
    const name = UTF8ToString(url);
    fetch(name)
        .then((response) => {
            if (!response.ok) throw new Error('HTTP ' + response.status);
            return response.arrayBuffer();
        })
        .then((buffer) => {
            const bytes = new Uint8Array(buffer);
            const ptr = _malloc(Math.max(bytes.length, 1));
            HEAPU8.set(bytes, ptr);
            _fieldcrm_page_fetched(request, ptr, bytes.length);
        })
        .catch((error) => {
            console.warn('FieldCRM: ' + name + ' could not be loaded: ' + error.message);
            _fieldcrm_page_fetched(request, 0, -1);
        });
});

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

EM_JS(int, fieldcrm_page_update_ready, (), {
    return typeof FieldCRMOffline !== 'undefined' && FieldCRMOffline.updateReady ? 1 : 0;
});

EM_JS(int, fieldcrm_page_offline_status, (), {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return 2;
    return navigator.serviceWorker.controller ? 0 : 1;
});

EM_JS(void, fieldcrm_page_apply_update, (), {
    if (typeof FieldCRMOffline !== 'undefined') FieldCRMOffline.applyUpdate(Module['fieldcrmStore']);
});

EM_JS(void, fieldcrm_page_ready, (), {
    if (Module['fieldcrmOnReady']) Module['fieldcrmOnReady']();
});

EM_JS(void, fieldcrm_page_error, (const char* title, const char* detail), {
    if (Module['fieldcrmOnError']) Module['fieldcrmOnError'](UTF8ToString(title), UTF8ToString(detail));
});

bool isOnline() { return fieldcrm_page_online() != 0; }

std::string browserLanguage() {
    char* value = fieldcrm_page_language();
    std::string result(value);
    std::free(value);
    return result;
}

using FetchDone = std::function<void(bool ok, std::vector<unsigned char> bytes)>;
static std::unordered_map<int, FetchDone> gFetches;
static int gNextFetch = 1;

void fetchSiteFile(const char* url, FetchDone done) {
    int request = gNextFetch++;
    gFetches[request] = std::move(done);
    fieldcrm_page_fetch(url, request);
}

}  // namespace platform

extern "C" EMSCRIPTEN_KEEPALIVE void fieldcrm_page_fetched(int request, unsigned char* data, int size) {
    auto it = platform::gFetches.find(request);
    std::vector<unsigned char> bytes;
    if (data != nullptr && size >= 0) bytes.assign(data, data + size);
    std::free(data);
    if (it == platform::gFetches.end()) return;
    platform::FetchDone done = std::move(it->second);
    platform::gFetches.erase(it);
    done(size >= 0, std::move(bytes));
}

namespace platform {

std::string loadPreference(const char* key) {
    char* value = fieldcrm_page_load_preference(key);
    if (value == nullptr) return {};
    std::string result(value);
    std::free(value);
    return result;
}

void savePreference(const char* key, const std::string& value) { fieldcrm_page_save_preference(key, value.c_str()); }

bool updateReady() { return fieldcrm_page_update_ready() != 0; }

void applyUpdate() { fieldcrm_page_apply_update(); }

OfflineStatus offlineStatus() {
    switch (fieldcrm_page_offline_status()) {
        case 0: return OfflineStatus::Ready;
        case 1: return OfflineStatus::Preparing;
        default: return OfflineStatus::Unavailable;
    }
}

void notifyPageReady() { fieldcrm_page_ready(); }

void showPageError(const std::string& title, const std::string& detail) {
    fieldcrm_page_error(title.c_str(), detail.c_str());
}

}  // namespace platform
