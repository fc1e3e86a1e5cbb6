// The UI language: tr()/label() look English keys up in the zh-CN catalogue (ui/i18n_catalogue.cpp) when Chinese is
// on; the choice is a page preference ("language"), first taken from navigator.language. Labels are interned per
// language so the returned pointers stay valid for the rest of the frame.
#include "ui/i18n.h"

#include <cstdarg>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_map>

#include "platform/page.h"
#include "ui/i18n_catalogue.h"

namespace ui {

static core::Language gLanguage = core::Language::English;

static const std::unordered_map<std::string_view, const char*>& chinese() {
    static const std::unordered_map<std::string_view, const char*> map = [] {
        std::unordered_map<std::string_view, const char*> m;
        size_t count = 0;
        const CatalogueEntry* entries = chineseCatalogue(&count);
        for (size_t i = 0; i < count; i++) m.emplace(entries[i].english, entries[i].chinese);
        return m;
    }();
    return map;
}

const char* tr(const char* english) {
    if (gLanguage != core::Language::Chinese) return english;
    auto it = chinese().find(english);
    return it == chinese().end() ? english : it->second;
}

const char* label(const char* english, const char* id) {
    static std::unordered_map<std::string, std::string> interned;  // "language\x1f english\x1f id" -> "visible###id"
    std::string key = std::string(core::languageTag(gLanguage)) + '\x1f' + english + '\x1f' + id;
    auto it = interned.find(key);
    if (it == interned.end()) it = interned.emplace(key, std::string(tr(english)) + "###" + id).first;
    return it->second.c_str();
}

std::string format(const char* format, ...) {
    va_list args;
    va_start(args, format);
    va_list again;
    va_copy(again, args);
    int size = std::vsnprintf(nullptr, 0, format, args);
    va_end(args);
    std::string text(size > 0 ? size_t(size) : 0, '\0');
    if (size > 0) std::vsnprintf(text.data(), text.size() + 1, format, again);
    va_end(again);
    return text;
}

core::Language language() { return gLanguage; }

void loadLanguage() {
    std::string saved = platform::loadPreference("language");
    gLanguage = core::languageFromTag(saved.empty() ? platform::browserLanguage() : saved);
}

void setLanguage(core::Language language) {
    gLanguage = language;
    platform::savePreference("language", core::languageTag(language));
}

}  // namespace ui
