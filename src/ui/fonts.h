// The UI fonts: Noto Sans CJK SC subset (fonts/ui.otf: Latin, punctuation, the 3,500 common Chinese characters and
// every character of the UI texts) at body and title size, with Font Awesome icons merged in (fonts/icons.ttf),
// built into the ImGui atlas at size x devicePixelRatio so text is crisp on HiDPI screens.
// Rarer characters (names with a character outside the subset) are added on demand: text drawn through the shared
// widgets is checked with noteGlyphs(); a missing character makes the app fetch fonts/fallback.otf (the whole Noto
// Sans CJK SC, precached by the service worker, so this works offline) and rebuild the atlas with it merged in.
#pragma once

#include <functional>
#include <string_view>

#include "imgui.h"

namespace ui {

struct Fonts {
    ImFont* body = nullptr;   // 15 px
    ImFont* title = nullptr;  // 22 px, screen titles
};

const Fonts& fonts();

// Fetches the UI and icon fonts, then calls `done` (also when a font could not be loaded: ImGui's built-in font
// stands in and the problem is reported on the console). Call once at start, before the first frame.
void loadFonts(std::function<void()> done);

// Rebuilds the font atlas for a device pixel ratio (the browser backend calls it when the ratio changes, and after
// platform::requestImGuiFontRebuild(), which this file asks for when fallback glyphs were added).
void buildFonts(float pixelRatio);

// Makes sure every character of `utf8` can be drawn: characters the atlas lacks are queued and added from the
// fallback font within a few frames. Cheap for text that is already covered; call it for user data you draw.
void noteGlyphs(std::string_view utf8);

// Characters queued or added from the fallback font (for the test API).
int fallbackGlyphCount();

}  // namespace ui
