// What the web page around the app tells it or does for it: online/offline, the browser's language, small UI
// preferences kept in localStorage, files of the site itself (fonts), and the shell's loading/error screens.
// Browser only (no native twin: the CLI has no page).
// Never store CRM data here: customers live in the database (platform/app_database.h).
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace platform {

bool isOnline();  // navigator.onLine

// navigator.language, e.g. "zh-CN" or "en-US" ("" when the browser says nothing).
std::string browserLanguage();

// Fetches a file of the site by relative URL (e.g. "fonts/ui.otf"; the service worker answers it when offline).
// `done` runs later, outside any frame, with ok=false when the file could not be had.
void fetchSiteFile(const char* url, std::function<void(bool ok, std::vector<unsigned char> bytes)> done);

// UI preferences (theme, table layout): lost with the browser profile, never synced. Empty when unset.
std::string loadPreference(const char* key);
void savePreference(const char* key, const std::string& value);

// A new version of the app is installed and waiting (shell/offline.js). applyUpdate() reloads into it once
// everything is stored; the data stays and the new version's schema migrations run when it opens the database.
bool updateReady();
void applyUpdate();

// Whether this page can start without a network: the service worker serves it (Ready), is still installing or
// not yet in charge of this page (Preparing), or the browser or origin offers none (Unavailable).
enum class OfflineStatus { Ready, Preparing, Unavailable };
OfflineStatus offlineStatus();

// Tells the shell the first frame is on screen: it hides the loading screen and sets window.fieldcrmReady.
void notifyPageReady();

// Replaces the app with the shell's error page (e.g. the database could not be opened).
void showPageError(const std::string& title, const std::string& detail);

}  // namespace platform
