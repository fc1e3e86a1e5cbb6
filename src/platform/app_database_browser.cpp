// Browser twin of app_database: the page VFS over IndexedDB. shell/page_store.js (Module.fieldcrmStore) streams the
// stored image in through fieldcrm_load_image_pages before the database opens; each commit's pages are handed to
// it and stored behind the UI. This file only bridges C++ and that JS object; the logic lives in storage/page_vfs.cpp.
// A restore replaces the whole image through the same commit path, keeping the previous image in the store until
// the restored one has opened.
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

// ---- restoring a backup: the page store's side (shell/page_store.js, "restore") ------------------------------------

// JavaScript strings handed to C++ callbacks: malloc'ed UTF-8, freed by the caller.
EM_JS(void, js_restore_keep_previous, (), {
    var done = function(error) {
        var size = lengthBytesUTF8(error) + 1, text = _malloc(size);
        stringToUTF8(error, text, size);
        _fieldcrm_restore_previous_kept(text);
        _free(text);
    };
    Module.fieldcrmStore.keepPreviousImage().then(function() { done(""); },
                                                   function(e) { done(e && e.message ? e.message : String(e)); });
});
EM_JS(void, js_restore_mark_commit, (), { Module.fieldcrmStore.markRestoreCommit(); });
EM_JS(void, js_restore_cancel, (), { Module.fieldcrmStore.cancelRestore(); });
// After the restore commit is stored the page reloads to open it; if storing fails it reloads too (the stored data
// is still the previous one), and the notice says so.
EM_JS(void, js_restore_store_then_reload, (const char* notice), {
    var restored = UTF8ToString(notice);
    var reload = function(text) {
        try { sessionStorage.setItem("fieldcrm.startNotice", text); } catch (e) {}
        location.reload();
    };
    Module.fieldcrmStore.restoreStored().then(function() { reload(restored); }, function(e) {
        reload("The backup was not restored: storing it failed (" + (e && e.message ? e.message : String(e)) +
               "). Your previous data is unchanged.");
    });
});
EM_JS(int, js_restore_pending, (), { return Module.fieldcrmStore.restorePending ? 1 : 0; });
EM_JS(void, js_restore_confirm, (), { Module.fieldcrmStore.confirmRestore(); });
EM_JS(void, js_restore_revert_then_reload, (const char* why), {
    var reason = UTF8ToString(why);
    Module.fieldcrmStore.revertRestore().then(function() {
        try {
            sessionStorage.setItem("fieldcrm.startNotice", "The restored backup could not be opened (" + reason +
                                   "). Your previous data was put back.");
        } catch (e) {}
        location.reload();
    }, function(e) {
        if (Module.fieldcrmOnError)
            Module.fieldcrmOnError("The restored backup could not be opened",
                                   reason + "\nPutting the previous data back failed too: " + (e && e.message ? e.message : String(e)));
    });
});
EM_JS(char*, js_take_start_notice, (), {
    var text = "";
    try {
        text = sessionStorage.getItem("fieldcrm.startNotice") || "";
        sessionStorage.removeItem("fieldcrm.startNotice");
    } catch (e) {}
    var size = lengthBytesUTF8(text) + 1, out = _malloc(size);
    stringToUTF8(text, out, size);
    return out;
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

// ---- restoring a backup ------------------------------------------------------------------------------------------
// The steps wait on IndexedDB, so they continue in fieldcrm_restore_previous_kept once the previous image is kept.

namespace {

struct Restore {
    RestoreStatus status;
    storage::Database* live = nullptr;
    std::unique_ptr<storage::Database> image;
    std::string notice;
};

Restore gRestore;

void restoreFailed(const std::string& error) {
    gRestore.status = {RestoreStep::Failed, error};
    gRestore.image.reset();
    gRestore.live = nullptr;
}

}  // namespace

void restoreDatabase(storage::Database& live, std::unique_ptr<storage::Database> image, std::string noticeAfterRestart) {
    RestoreStep step = gRestore.status.step;
    if (step != RestoreStep::None && step != RestoreStep::Failed) throw std::logic_error("a restore is already running");
    gRestore = {{RestoreStep::KeepingPrevious, {}}, &live, std::move(image), std::move(noticeAfterRestart)};
    js_restore_keep_previous();
}

RestoreStatus restoreStatus() { return gRestore.status; }

bool restoredDatabaseUnproven() { return js_restore_pending() != 0; }
void confirmRestoredDatabase() { js_restore_confirm(); }
void revertRestoredDatabase(const std::string& why) { js_restore_revert_then_reload(why.c_str()); }

std::string takeStartNotice() {
    char* text = js_take_start_notice();
    std::string out = text;
    free(text);
    return out;
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

// The previous image is kept (error ""), or could not be (nothing has changed): replace, then store and reload.
extern "C" EMSCRIPTEN_KEEPALIVE void fieldcrm_restore_previous_kept(const char* error) {
    using namespace platform;
    if (gRestore.status.step != RestoreStep::KeepingPrevious) return;
    if (*error) {
        restoreFailed(std::string("the current data could not be set aside first (") + error + "); nothing was changed");
        return;
    }
    gRestore.status.step = RestoreStep::Replacing;
    js_restore_mark_commit();
    try {
        gRestore.live->replaceContentsWith(*gRestore.image);
    } catch (const std::exception& e) {
        js_restore_cancel();
        restoreFailed(std::string("the backup could not replace the current data (") + e.what() +
                      "); nothing was changed");
        return;
    }
    gRestore.image.reset();
    gRestore.status.step = RestoreStep::Storing;
    js_restore_store_then_reload(gRestore.notice.c_str());
}
