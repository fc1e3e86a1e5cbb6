// The UI text catalogue: English source strings map to the current language's text (English for now: the
// catalogue and the language switch arrive with the languages issue). Labels are interned so the returned
// pointers stay valid for the rest of the frame.
#include "ui/i18n.h"

#include <string>
#include <unordered_map>

namespace ui {

const char* tr(const char* english) { return english; }

const char* label(const char* english, const char* id) {
    static std::unordered_map<std::string, std::string> interned;  // key "english\x1fid" -> "visible###id"
    std::string key = std::string(english) + '\x1f' + id;
    auto it = interned.find(key);
    if (it == interned.end()) it = interned.emplace(key, std::string(tr(english)) + "###" + id).first;
    return it->second.c_str();
}

}  // namespace ui
