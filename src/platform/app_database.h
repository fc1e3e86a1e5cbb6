// Where the app's database lives, behind one interface with a twin per platform:
//   app_database_browser.cpp — SQLite image in wasm memory, committed pages persisted to IndexedDB (shell/page_store.js)
//   app_database_native.cpp  — a plain SQLite file on disk
// Callers get a ready storage::Database and ask here how saving is going; they never touch IndexedDB or files.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "storage/database.h"

namespace platform {

// Opens the database called `name` (browser: an IndexedDB database; native: a file path).
std::unique_ptr<storage::Database> openAppDatabase(const std::string& name);

enum class SaveState { Saved, Saving, Failed };

struct PersistenceStatus {
    SaveState state = SaveState::Saved;
    std::string error;        // why the last write failed (Failed only); the data is still safe in memory
    int64_t storedBytes = 0;  // size of the committed database image
};

PersistenceStatus persistenceStatus();

// What the browser says about storage for this site, for the Storage panel (natively: only the file size).
struct StorageInfo {
    bool persistenceKnown = false;  // the browser has answered the request for persistent storage
    bool persistent = false;        // granted: the data is not evicted under storage pressure
    int64_t usageBytes = -1;        // -1: unknown
    int64_t quotaBytes = -1;
};

StorageInfo storageInfo();

}  // namespace platform
