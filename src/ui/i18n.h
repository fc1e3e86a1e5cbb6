// UI text in the user's language. Every string a person reads goes through tr() (plain text) or label() (an ImGui
// widget label); the English text is the catalogue key (ui/i18n_catalogue.cpp), so code reads naturally and a
// missing translation shows English, never a blank. Callers must not keep the returned pointers across frames.
// The language is chosen at run time and kept as a UI preference; on a first start it follows the browser.
// Numbers, money and dates for the language: core/locale.h with ui::language().
#pragma once

#include <string>

#include "core/locale.h"

namespace ui {

// The text to show for an English UI string in the current language.
const char* tr(const char* english);

// An ImGui label "visible###id": the visible part is tr(english), the ImGui id is built from `id` alone, so a
// widget keeps its id (focus, table layout, the test API's name for it) in every language.
const char* label(const char* english, const char* id);

// printf into a std::string, for translated format strings: format(tr("Could not save: %s"), why).
std::string format(const char* format, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

// The current language: the saved preference, else the browser's (navigator.language) on a first start.
core::Language language();
void loadLanguage();                           // at start, before the first frame
void setLanguage(core::Language language);     // switches at once and remembers the choice

}  // namespace ui
