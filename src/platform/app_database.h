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

// ---- restoring a backup ------------------------------------------------------------------------------------------
// restoreDatabase() replaces the open database `live` with `image` (checked by core::checkBackup) as one commit of
// every page (storage::Database::replaceContentsWith). Browser: the stored image is first kept aside as the
// "previous" one, then the restore commit is stored, then the page reloads to open the restored database; only once
// that start has opened it (confirmRestoredDatabase) is the previous image dropped. If anything fails before, the
// previous data stays (or is put back) and restoreStatus() or the start-up notice says why.
// Native: the file is replaced in place, at once. `noticeAfterRestart` is what the app shows once restarted.

enum class RestoreStep { None, KeepingPrevious, Replacing, Storing, Restarting, Failed };

struct RestoreStatus {
    RestoreStep step = RestoreStep::None;
    std::string error;  // Failed: what went wrong; the data is as it was before the restore
};

void restoreDatabase(storage::Database& live, std::unique_ptr<storage::Database> image, std::string noticeAfterRestart);
RestoreStatus restoreStatus();

// At start-up, after a restore: true until confirmRestoredDatabase() (the restored database opened) or
// revertRestoredDatabase(why) (it did not: the previous image goes back, the page reloads and shows `why`).
bool restoredDatabaseUnproven();
void confirmRestoredDatabase();
void revertRestoredDatabase(const std::string& why);

// A message left for the next start of the app (restore results), shown once; "" when there is none.
std::string takeStartNotice();

}  // namespace platform
