// Small shared widgets in FieldCRM's look: titles, muted text, primary and danger buttons, a labelled form field
// with its validation message. They draw only; they never read or write CRM data. Text shown through them gets
// glyphs for rare characters on demand (ui/fonts.h noteGlyphs); call noteGlyphs yourself for user data drawn
// any other way.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>

#include "imgui.h"

namespace ui {

void screenTitle(const char* text);
void sectionTitle(const char* text);  // muted heading with a line under it, for the parts of a screen
void mutedText(const char* text);
void dataText(const std::string& text);  // user data (names, values, file names): its rare characters get glyphs
void errorText(const char* text);  // red, wrapped

bool primaryButton(const char* label, const ImVec2& size = ImVec2(0, 0));
bool dangerButton(const char* label, const ImVec2& size = ImVec2(0, 0));

// What happened to a form field this frame.
struct FieldEvents {
    bool changed = false;
    bool left = false;     // the field lost focus after being edited or visited (show its validation now)
    bool entered = false;  // Enter was pressed in a single-line field
};

// Label above, input at full width, the error (if any) in red under it. `id` is the ImGui label of the input
// ("##customer-name"), stable for tests. Multi-line when `lines` > 1.
FieldEvents formField(const char* label, const char* id, std::string* value, const std::string& error,
                      bool required = false, int lines = 1, const char* hint = nullptr);

// "New 3   Updated 4   …" on one line: each count in normal text after its muted name, in the language's digits.
void countsLine(std::initializer_list<std::pair<const char*, int64_t>> items);

// Bytes as "12 KB" / "3.4 MB".
std::string formatBytes(long long bytes);

// Milliseconds since 1970 as local date and time in the user's language, and how long before `nowMs` that was
// ("3 hours ago").
std::string formatDateTime(long long ms);
std::string formatAge(long long ms, long long nowMs);

// A centred modal dialog (UI.md: dialogs only for decisions): call ImGui::OpenPopup(id) to show it, then each
// frame `if (beginDialog(id)) { ...; endDialog(); }`.
bool beginDialog(const char* id);
void endDialog();

}  // namespace ui
