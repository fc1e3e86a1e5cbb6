// FieldCRM's look: the light and dark palettes, one accent colour, spacing and rounding; the fonts are in
// ui/fonts.h. Screens read colours from here instead of inventing their own.
// Nothing here reads or writes CRM data.
#pragma once

#include "imgui.h"
#include "ui/fonts.h"

namespace ui {

enum class Theme { Light, Dark };

// Colours with a meaning, beyond ImGui's own style colours.
struct Palette {
    ImVec4 accent;         // primary buttons, the selected navigation item
    ImVec4 accentHovered;
    ImVec4 accentText;     // text on the accent colour
    ImVec4 mutedText;      // secondary text: counts, hints, dates
    ImVec4 error;          // validation messages, "Not saved"
    ImVec4 success;        // "Saved"
    ImVec4 railBg;         // navigation rail
    ImVec4 panelBg;        // main area and detail panel
    ImVec4 statusBg;       // status bar
    ImVec4 errorBg;        // status bar when saving failed
    ImVec4 toastBg;
    ImVec4 toastText;
};

void applyTheme(Theme theme);
Theme currentTheme();
const Palette& palette();

}  // namespace ui
