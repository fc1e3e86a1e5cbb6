// The status bar at the bottom of every screen. It tells the truth about the data: saved / saving / not saved
// (red and persistent, with the reason), how many customers, how big the database is, online or offline, version.
// It only reports; it never retries or changes anything.
#pragma once

#include <cstdint>

namespace ui {

float statusBarHeight();
void drawStatusBar(int64_t customerCount);

}  // namespace ui
