// The status bar at the bottom of every screen. It tells the truth about the data: saved / saving / not saved
// (red and persistent, with the reason and a "Download backup" button), how many customers, how big the database
// is, online or offline, version. It never retries or changes anything.
#pragma once

#include <cstdint>

#include "core/crm.h"

namespace ui {

float statusBarHeight();
void drawStatusBar(core::Crm& crm, int64_t customerCount);

}  // namespace ui
