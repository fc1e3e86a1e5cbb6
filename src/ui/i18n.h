// UI text in the user's language. Every string a person reads goes through tr() (plain text) or label() (an ImGui
// widget label); the English text is the catalogue key, so code reads naturally and a missing translation shows
// English, never a blank. The catalogue itself, language choice and locale formatting are filled in by the
// languages issue (i18n.cpp); callers must not cache the returned pointers across frames.
#pragma once

namespace ui {

// The text to show for an English UI string in the current language.
const char* tr(const char* english);

// An ImGui label "visible###id": the visible part is tr(english), the ImGui id is built from `id` alone, so a
// widget keeps its id (focus, table layout, the test API's name for it) in every language.
const char* label(const char* english, const char* id);

}  // namespace ui
