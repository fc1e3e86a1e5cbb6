// FieldCRM's own Dear ImGui platform backend for the browser, on Emscripten's html5.h API (no GLFW): a WebGL2
// context on the page's canvas sized to CSS size x devicePixelRatio, mouse/keyboard/text/IME input, clipboard
// writes, mouse cursors; drawing goes through our WebGL2 renderer (imgui_renderer_browser.h). It knows nothing of
// the CRM or its screens.
#pragma once

namespace platform {

// Rebuilds the font atlas for a device pixel ratio (called at start and whenever the ratio changes).
using ImGuiFontBuilder = void (*)(float pixelRatio);

// Creates the WebGL2 context on `canvasSelector` (e.g. "#canvas") and installs the input callbacks.
// Call after ImGui::CreateContext(). Returns false if the browser gives no WebGL2 context.
bool initImGuiBrowser(const char* canvasSelector, ImGuiFontBuilder buildFonts);

// Rebuilds the font atlas (and its texture) before the next frame, e.g. after glyphs were added to it.
void requestImGuiFontRebuild();

// Call before ImGui::NewFrame(): follows canvas size and pixel ratio, feeds time.
void beginImGuiBrowserFrame();

// Time (emscripten_get_now() ms) of the last input event or window resize: the app draws at full rate only
// shortly after one, so an idle window costs almost nothing.
double lastImGuiBrowserActivity();

// Call after ImGui::Render(): draws the frame, moves keyboard focus between canvas and the hidden text input,
// updates the mouse cursor. `clear` is the RGBA colour behind everything.
void endImGuiBrowserFrame(const float clear[4]);

}  // namespace platform
