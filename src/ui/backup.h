// "Download backup": the whole database as one SQLite file, handed to the user as a download named
// fieldcrm-backup-YYYY-MM-DD.sqlite3. Offered in Settings and in the status bar when saving has failed.
#pragma once

#include <string>

#include "core/crm.h"

namespace ui {

// Starts the download; returns an empty string, or what went wrong in words for the user.
std::string downloadBackup(core::Crm& crm);

}  // namespace ui
