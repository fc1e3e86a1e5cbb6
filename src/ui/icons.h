// Icons from Font Awesome 4.7 (Debian's fonts-font-awesome, SIL OFL 1.1), merged into the UI font atlas
// (ui/theme.cpp). Each is one UTF-8 string for use inside a label: label(ICON_CUSTOMERS "  Customers", ...) is not
// allowed (the catalogue key must be plain text), so draw the icon and the translated text side by side.
// scripts/build-fonts.py subsets the icon font to the codepoints written in the comments here: add an icon by
// adding a line. Use them sparingly (navigation rail, a few actions), never instead of a text label.
#pragma once

#define ICON_CUSTOMERS "\xef\x83\x80"  // U+F0C0 group
#define ICON_COMPANIES "\xef\x86\xad"  // U+F1AD building
#define ICON_TASKS     "\xef\x82\xae"  // U+F0AE tasks
#define ICON_SYNC      "\xef\x80\xa1"  // U+F021 refresh
#define ICON_CONFLICTS "\xef\x84\xa6"  // U+F126 code-fork
#define ICON_REPORTS   "\xef\x82\x80"  // U+F080 bar chart
#define ICON_SETTINGS  "\xef\x80\x93"  // U+F013 cog
#define ICON_ADD       "\xef\x81\xa7"  // U+F067 plus
#define ICON_SEARCH    "\xef\x80\x82"  // U+F002 search
#define ICON_WARNING   "\xef\x81\xb1"  // U+F071 warning sign
#define ICON_DOWNLOAD  "\xef\x80\x99"  // U+F019 download
#define ICON_UPLOAD    "\xef\x82\x93"  // U+F093 upload
#define ICON_OFFLINE   "\xef\x84\xa7"  // U+F127 unlink
#define ICON_CLOSE     "\xef\x80\x8d"  // U+F00D times (removes a filter chip)

namespace ui {

// First codepoint and last codepoint of the icon range loaded into the atlas.
constexpr unsigned kIconFirst = 0xF000;
constexpr unsigned kIconLast = 0xF2FF;

}  // namespace ui
