// Browser twin of app_database: the page VFS over IndexedDB. shell/page_store.js (Module.fieldcrmStore) streams the
// stored image in through fieldcrm_load_image_pages before the database opens; each commit's pages are handed to
// it and stored behind the UI. This file only bridges C++ and that JS object; the logic lives in storage/page_vfs.cpp.
#include "platform/app_database.h"

#include <emscripten.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/page_vfs.h"

// ---- the JavaScript side (Module.fieldcrmStore is a FieldCRMPageStore) ----------------------------------------------

EM_JS(int, js_store_present, (), { return Module.fieldcrmStore ? 1 : 0; });
EM_JS(double, js_store_generation, (), { return Module.fieldcrmStore.generation; });
EM_JS(double, js_store_bytes, (), { return Module.fieldcrmStore.bytes; });
EM_JS(int, js_store_read_pages, (uint32_t first, uint32_t count, uint8_t* into), {
    return Module.fieldcrmStore.readPages(first, count, HEAPU8, into) ? 1 : 0;
});
EM_JS(int, js_store_commit, (double generation, double bytes, uint32_t pageCount, const uint32_t* pageIndexes,
                             const uint8_t* const* pagePointers, uint32_t segmentCount, const uint32_t* segmentIndexes,
                             const uint8_t* const* segmentPointers), {
    var u32 = function(at, n) { return Array.from(HEAPU32.subarray(at >> 2, (at >> 2) + n)); };
    return Module.fieldcrmStore.commit(generation, bytes, HEAPU8, u32(pageIndexes, pageCount), u32(pagePointers, pageCount),
                                       u32(segmentIndexes, segmentCount), u32(segmentPointers, segmentCount)) ? 1 : 0;
});
// The single pages found while loading, as malloc'd [count, page, page, …] (freed by the caller).
EM_JS(uint32_t*, js_store_take_single_pages, (), {
    var keys = Module.fieldcrmStore.takeSinglePages();
    var out = _malloc(4 * (keys.length + 1));
    HEAPU32[out >> 2] = keys.length;
    HEAPU32.set(keys, (out >> 2) + 1);
    return out;
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
    void readPages(uint32_t first, uint32_t count, uint8_t* into) override {
        if (!js_store_read_pages(first, count, into))
            throw std::runtime_error("stored pages " + std::to_string(first) + "+" + std::to_string(count) +
                                     " were not loaded before the database opened");
    }
    std::vector<uint32_t> singlePages() override {
        uint32_t* found = js_store_take_single_pages();
        std::vector<uint32_t> pages(found + 1, found + 1 + found[0]);
        free(found);
        return pages;
    }
    // The JS side copies the pages at once and queues the IndexedDB transaction; its failures are reported
    // through persistenceStatus() and retried there, so SQLite's commit never waits on IndexedDB. It refuses
    // only once another tab owns the database: then the commit fails and SQLite rolls it back.
    void writeCommit(const storage::PageCommit& commit) override {
        if (!js_store_commit(double(commit.generation), double(commit.fileBytes), uint32_t(commit.pageIndexes.size()),
                             commit.pageIndexes.data(), commit.pageData.data(), uint32_t(commit.segmentIndexes.size()),
                             commit.segmentIndexes.data(), commit.segmentData.data()))
            throw std::runtime_error("FieldCRM is open in another tab; this one no longer saves");
    }
};

IndexedDbPageStore pageStore;
std::unique_ptr<storage::PageVfs> pageVfs;

storage::PageVfs& vfs() {
    if (!js_store_present()) throw std::runtime_error("the page store was not opened before the app started");
    if (!pageVfs) pageVfs = std::make_unique<storage::PageVfs>("fieldcrm-indexeddb", pageStore, true);
    return *pageVfs;
}

}  // namespace

std::unique_ptr<storage::Database> openAppDatabase(const std::string& name) {
    auto db = std::make_unique<storage::Database>(name, vfs().name());
    // The page store is the only durable copy, so the rollback journal only needs to live in memory.
    db->exec("PRAGMA journal_mode=MEMORY; PRAGMA synchronous=FULL;");
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

// Called by FieldCRMPageStore.loadImage for each batch it has read, in page order, before the database opens.
// Returns 0 (and the shell shows the error page) if the pages cannot be taken, e.g. wasm memory cannot grow.
extern "C" EMSCRIPTEN_KEEPALIVE int fieldcrm_load_image_pages(uint32_t first, uint32_t count) {
    try {
        platform::vfs().loadPages(first, count);
        return 1;
    } catch (const std::exception&) {
        return 0;
    }
}
