// Browser twin of app_database: the page VFS over IndexedDB. The image is loaded by shell/page_store.js before the
// module starts (Module.fieldcrmStore); each commit's pages are handed to it and stored behind the UI.
// This file only bridges C++ and that JS object; the commit logic lives in storage/page_vfs.cpp.
#include "platform/app_database.h"

#include <emscripten.h>

#include <cstdlib>
#include <stdexcept>

#include "storage/page_vfs.h"

// ---- the JavaScript side (Module.fieldcrmStore is a FieldCRMPageStore) ----------------------------------------------

EM_JS(int, js_store_present, (), { return Module.fieldcrmStore ? 1 : 0; });
EM_JS(double, js_store_generation, (), { return Module.fieldcrmStore.generation; });
EM_JS(double, js_store_bytes, (), { return Module.fieldcrmStore.bytes; });
EM_JS(void, js_store_read_pages, (uint32_t first, uint32_t count, uint8_t* into), {
    Module.fieldcrmStore.readPages(first, count, HEAPU8, into);
});
EM_JS(void, js_store_release_loaded, (), { Module.fieldcrmStore.releaseLoaded(); });
EM_JS(int, js_store_commit, (double generation, double bytes, uint32_t count, const uint32_t* indexes,
                             const uint8_t* const* pointers), {
    var idx = HEAPU32.subarray(indexes >> 2, (indexes >> 2) + count);
    var ptrs = HEAPU32.subarray(pointers >> 2, (pointers >> 2) + count);
    return Module.fieldcrmStore.commit(generation, bytes, Array.from(idx), HEAPU8, Array.from(ptrs)) ? 1 : 0;
});
EM_JS(int, js_store_state, (), {
    var s = Module.fieldcrmStore ? Module.fieldcrmStore.state : 'failed';
    return s == 'saved' ? 0 : s == 'saving' ? 1 : 2;
});
EM_JS(char*, js_store_error, (), {
    var text = Module.fieldcrmStore ? Module.fieldcrmStore.error : 'no storage';
    var size = lengthBytesUTF8(text) + 1;
    var out = _malloc(size);
    stringToUTF8(text, out, size);
    return out;
});

EM_JS(void, js_store_storage_info, (int* known, int* persistent, double* usage, double* quota), {
    var s = Module.fieldcrmStore.storage;
    HEAP32[known >> 2] = s.persistenceKnown ? 1 : 0;
    HEAP32[persistent >> 2] = s.persistent ? 1 : 0;
    HEAPF64[usage >> 3] = s.usage;
    HEAPF64[quota >> 3] = s.quota;
    Module.fieldcrmStore.refreshEstimate();  // for the next call; the panel asks every few frames at most
});

namespace platform {

namespace {

class IndexedDbPageStore final : public storage::PageStore {
public:
    uint64_t storedGeneration() override { return uint64_t(js_store_generation()); }
    int64_t storedBytes() override { return int64_t(js_store_bytes()); }
    void readPages(uint32_t first, uint32_t count, uint8_t* into) override { js_store_read_pages(first, count, into); }
    // The JS side copies the pages at once and queues the IndexedDB transaction; its failures are reported
    // through persistenceStatus() and retried there, so SQLite's commit never waits on IndexedDB. It refuses
    // only once another tab owns the database: then the commit fails and SQLite rolls it back.
    void writeCommit(const storage::PageCommit& commit) override {
        if (!js_store_commit(double(commit.generation), double(commit.fileBytes), uint32_t(commit.pageIndexes.size()),
                             commit.pageIndexes.data(), commit.pageData.data()))
            throw std::runtime_error("FieldCRM is open in another tab; this one no longer saves");
    }
};

IndexedDbPageStore pageStore;
std::unique_ptr<storage::PageVfs> pageVfs;

}  // namespace

std::unique_ptr<storage::Database> openAppDatabase(const std::string& name) {
    if (!js_store_present()) throw std::runtime_error("the page store was not opened before the app started");
    if (!pageVfs) pageVfs = std::make_unique<storage::PageVfs>("fieldcrm-indexeddb", pageStore, true);
    auto db = std::make_unique<storage::Database>(name, pageVfs->name());
    // The page store is the only durable copy, so the rollback journal only needs to live in memory.
    db->exec("PRAGMA journal_mode=MEMORY; PRAGMA synchronous=FULL;");
    js_store_release_loaded();  // opening the connection copied the image into the VFS; JS can drop its copy
    return db;
}

PersistenceStatus persistenceStatus() {
    PersistenceStatus status;
    int state = js_store_state();
    status.state = state == 0 ? SaveState::Saved : state == 1 ? SaveState::Saving : SaveState::Failed;
    if (status.state == SaveState::Failed) {
        char* error = js_store_error();
        status.error = error;
        free(error);
    }
    status.storedBytes = int64_t(js_store_bytes());
    return status;
}

StorageInfo storageInfo() {
    int known = 0, persistent = 0;
    double usage = -1, quota = -1;
    js_store_storage_info(&known, &persistent, &usage, &quota);
    return {known != 0, persistent != 0, int64_t(usage), int64_t(quota)};
}

}  // namespace platform
