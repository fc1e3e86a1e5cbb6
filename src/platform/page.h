// What the web page around the app tells it or does for it: online/offline, small UI preferences kept in
// localStorage, and the shell's loading/error screens. Browser only (no native twin: the CLI has no page).
// Never store CRM data here: customers live in the database (platform/app_database.h).
#pragma once

#include <string>

namespace platform {

bool isOnline();  // navigator.onLine

// UI preferences (theme, table layout): lost with the browser profile, never synced. Empty when unset.
std::string loadPreference(const char* key);
void savePreference(const char* key, const std::string& value);

// Tells the shell the first frame is on screen: it hides the loading screen and sets window.fieldcrmReady.
void notifyPageReady();

// Replaces the app with the shell's error page (e.g. the database could not be opened).
void showPageError(const std::string& title, const std::string& detail);

}  // namespace platform
