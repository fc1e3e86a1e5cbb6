// Small shared widgets in FieldCRM's look: titles, muted text, primary and danger buttons, a labelled form field
// with its validation message. They draw only; they never read or write CRM data. Text shown through them gets
// glyphs for rare characters on demand (ui/fonts.h noteGlyphs); call noteGlyphs yourself for user data drawn
// any other way.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "core/validation.h"
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
    bool active = false;   // the field is being edited now
};

// Label above, input at full width, the error (if any) in red under it. `id` is the ImGui label of the input
// ("##customer-name"), stable for tests. `width` 0 is the full width. Multi-line when `lines` > 1. When a long form scrolls it out of view, tests
// can still find it (ui/item_registry.h noteItemOutOfView).
FieldEvents formField(const char* label, const char* id, std::string* value, const std::string& error,
                      bool required = false, int lines = 1, const char* hint = nullptr, float width = 0.0f);

// Two fields side by side (country and province, city and district): call formField() with width =
// pairFieldWidth() between beginPairedField() and endPairedField(), once for the left and once for the right one.
float pairFieldWidth();
void beginPairedField(bool right);
void endPairedField();

// Which validation messages a form shows (UI.md: the error under the field as you leave it, not only on save): a
// field's once it was left, every one after a save was tried. Messages are in the user's language.
class FormMessages {
public:
    void reset();
    void left(const std::string& field);
    void submitted() { submitted_ = true; }
    bool shown(const std::string& field) const;
    // The message of `field` among `errors` when shown, else "" (core's English message, translated).
    std::string of(const std::vector<core::FieldError>& errors, const std::string& field) const;
    // The same as a sentence with the field's label: "Email is not an email address (name@example.com)."
    std::string sentence(const std::vector<core::FieldError>& errors, const std::string& field, const char* label) const;
    std::vector<core::FieldError> shownOf(const std::vector<core::FieldError>& errors) const;

private:
    std::vector<std::string> visited_;
    bool submitted_ = false;
};

// Core's English validation message in the user's language, quotes of the value kept ("\"x\" is not an email …").
std::string translatedMessage(const core::FieldError& error);

// ImGui::BeginCombo for a combo without a visible label ("###customer-source"), reported to the test API (ImGui
// 1.90 does not report combos to the test hooks), also when scrolled out of view. End it with ImGui::EndCombo().
bool beginCombo(const char* id, const char* preview);

// "New 3   Updated 4   …" on one line: each count in normal text after its muted name, in the language's digits.
void countsLine(std::initializer_list<std::pair<const char*, int64_t>> items);

// The record detail beside a list (a customer, a company): a panel-coloured child window with form padding that
// fills the rest of the area. Always pair with endDetailPanel().
void beginDetailPanel(const char* id);
void endDetailPanel();

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
