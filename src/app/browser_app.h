// The running browser app as the test API sees it: the open CRM, the UI, how many frames have been drawn and how
// long the last ones took.
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

    // How long each of the last kFrameTimes drawn frames took in the app's own code (runFrame: ImGui, the screens
    // and their reads, the draw calls; not the browser's compositing), in ms: frame f's is frameMs[f % kFrameTimes].
    // The test API reports them over a stretch of frames (scripts/bench-list).
    static constexpr int64_t kFrameTimes = 4096;
    double frameMs[kFrameTimes] = {};
};

const BrowserApp& browserApp();
