// The running browser app as the test API sees it: the open CRM, the UI, and how many frames have been drawn.
// Owned by main_browser.cpp; read-only for everyone else.
#pragma once

#include <cstdint>

#include "core/crm.h"
#include "ui/app_frame.h"

struct BrowserApp {
    core::Crm* crm = nullptr;     // null until the database is open
    ui::AppFrame* ui = nullptr;
    int64_t frame = 0;            // frames completed
    bool graphicsReady = false;   // ImGui and WebGL 2 are set up (main() is done); the data may still be loading
    bool ready = false;           // the first frame is on screen
};

const BrowserApp& browserApp();
