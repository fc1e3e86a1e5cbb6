// The zh-CN UI catalogue as data: English source text (the key every tr()/label() call uses) -> Simplified Chinese.
// Plain C++ with no ImGui, so the native tests can check that every UI string has an entry and that format
// strings keep their printf conversions. scripts/build-fonts.py puts every character of it into the UI font.
#pragma once

#include <cstddef>

namespace ui {

struct CatalogueEntry {
    const char* english;
    const char* chinese;
};

// The entries, in no particular order; keys are unique.
const CatalogueEntry* chineseCatalogue(size_t* count);

}  // namespace ui
