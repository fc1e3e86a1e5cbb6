// The UI fonts in the ImGui atlas: fetched site files (fonts/ui.otf, fonts/icons.ttf, fonts/fallback.otf on
// demand, built by scripts/build-fonts.py), rasterised at size x devicePixelRatio. Characters the UI subset lacks
// are collected by noteGlyphs() and merged in from the fallback font, which is fetched the first time one is needed;
// they are remembered (page preference "glyphs") so the next start fetches the fallback font at once.
// It draws nothing and never reads CRM data; screens pass it the text they draw.
#include "ui/fonts.h"

#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "imgui_internal.h"
#include "platform/imgui_backend_browser.h"
#include "platform/page.h"
#include "ui/icons.h"

namespace ui {

static Fonts gFonts;

struct FontFile {
    const char* url;
    std::vector<unsigned char> bytes;  // empty until loaded (or when loading failed)
};

static FontFile gUiFont{"fonts/ui.otf", {}};
static FontFile gIconFont{"fonts/icons.ttf", {}};
static FontFile gFallbackFont{"fonts/fallback.otf", {}};

enum class FallbackState { NotLoaded, Loading, Loaded, Failed };
static FallbackState gFallbackState = FallbackState::NotLoaded;
static std::set<ImWchar> gWanted;         // characters the UI font lacks, to take from the fallback font
static constexpr size_t kRememberedGlyphs = 4000;  // at most this many are kept for the next start
static ImVector<ImWchar> gWantedRanges;   // gWanted as ImGui glyph ranges; must outlive the atlas build

// Everything the UI subset holds: the builder skips codepoints the font has no glyph for.
static const ImWchar kUiRanges[] = {0x0020, 0xFFFF, 0};
static const ImWchar kIconRanges[] = {ImWchar(kIconFirst), ImWchar(kIconLast), 0};

const Fonts& fonts() { return gFonts; }

static void loadFallbackFont();

// Emoji, variation selectors and zero-width joiners: Noto Sans CJK has none of them, no reason to fetch it.
static bool noFallbackHas(unsigned int c) {
    return (c >= 0x200B && c <= 0x200F) || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x1F000 && c <= 0x1FAFF) ||
           (c >= 0xE0000 && c <= 0xE007F);
}

static void rememberWanted() {
    std::string text;
    for (ImWchar c : gWanted) {
        if (text.size() >= kRememberedGlyphs * 4) break;
        char utf8[5] = {};
        ImTextCharToUtf8(utf8, c);
        text += utf8;
    }
    platform::savePreference("glyphs", text);
}

// Characters an earlier session needed from the fallback font: fetched right after the start.
static void recallWanted() {
    std::string text = platform::loadPreference("glyphs");
    const char* p = text.c_str();
    const char* end = p + text.size();
    while (p < end) {
        unsigned int c = 0;
        int length = ImTextCharFromUtf8(&c, p, end);
        p += length > 0 ? length : 1;
        if (c >= 0x80 && c != IM_UNICODE_CODEPOINT_INVALID) gWanted.insert(ImWchar(c));
    }
}

void loadFonts(std::function<void()> done) {
    recallWanted();
    auto pending = std::make_shared<int>(2);
    auto finished = [pending, done](FontFile& file, bool ok, std::vector<unsigned char> bytes) {
        if (ok && !bytes.empty()) file.bytes = std::move(bytes);
        else std::fprintf(stderr, "FieldCRM: %s is missing: the built-in font stands in\n", file.url);
        if (--*pending > 0) return;
        done();
        if (!gWanted.empty() && !gUiFont.bytes.empty()) loadFallbackFont();
    };
    platform::fetchSiteFile(gUiFont.url, [finished](bool ok, std::vector<unsigned char> b) { finished(gUiFont, ok, std::move(b)); });
    platform::fetchSiteFile(gIconFont.url, [finished](bool ok, std::vector<unsigned char> b) { finished(gIconFont, ok, std::move(b)); });
}

static void loadFallbackFont() {
    if (gFallbackState != FallbackState::NotLoaded) return;
    gFallbackState = FallbackState::Loading;
    platform::fetchSiteFile(gFallbackFont.url, [](bool ok, std::vector<unsigned char> bytes) {
        if (!ok || bytes.empty()) {
            gFallbackState = FallbackState::Failed;  // rare characters keep showing the replacement glyph
            return;
        }
        gFallbackFont.bytes = std::move(bytes);
        gFallbackState = FallbackState::Loaded;
        platform::requestImGuiFontRebuild();
    });
}

// One face at `pixels` (already multiplied by the pixel ratio): the UI font, icons merged in, then the characters
// wanted from the fallback font.
static ImFont* addFace(ImFontAtlas& atlas, float pixels) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the bytes stay here for the next rebuild
    config.OversampleH = config.OversampleV = 1;
    config.PixelSnapH = true;
    ImFont* font = atlas.AddFontFromMemoryTTF(gUiFont.bytes.data(), int(gUiFont.bytes.size()), pixels, &config, kUiRanges);
    if (!gIconFont.bytes.empty()) {
        ImFontConfig icons = config;
        icons.MergeMode = true;
        icons.GlyphMinAdvanceX = pixels * 1.25f;  // icons line up in a column whatever their width
        icons.GlyphOffset.y = pixels * 0.06f;
        atlas.AddFontFromMemoryTTF(gIconFont.bytes.data(), int(gIconFont.bytes.size()), pixels * 0.9f, &icons, kIconRanges);
    }
    if (gFallbackState == FallbackState::Loaded && !gWantedRanges.empty()) {
        ImFontConfig fallback = config;
        fallback.MergeMode = true;
        atlas.AddFontFromMemoryTTF(gFallbackFont.bytes.data(), int(gFallbackFont.bytes.size()), pixels, &fallback,
                                   gWantedRanges.Data);
    }
    return font;
}

// The atlas holds glyphs at size x ratio device pixels and FontGlobalScale brings them back to CSS pixels, so each
// glyph texel lands on one screen pixel.
void buildFonts(float pixelRatio) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    io.FontGlobalScale = 1.0f / pixelRatio;
    if (gUiFont.bytes.empty()) {  // the font file is missing: ImGui's built-in font (Latin only) stands in
        ImFontConfig config;
        config.SizePixels = 15.0f * pixelRatio;
        gFonts.body = io.Fonts->AddFontDefault(&config);
        config.SizePixels = 22.0f * pixelRatio;
        gFonts.title = io.Fonts->AddFontDefault(&config);
        return;
    }
    gWantedRanges.clear();
    if (!gWanted.empty()) {
        ImFontGlyphRangesBuilder builder;
        for (ImWchar c : gWanted) builder.AddChar(c);
        builder.BuildRanges(&gWantedRanges);
    }
    gFonts.body = addFace(*io.Fonts, 15.0f * pixelRatio);
    gFonts.title = addFace(*io.Fonts, 22.0f * pixelRatio);
    io.Fonts->Build();
}

void noteGlyphs(std::string_view utf8) {
    if (gFonts.body == nullptr || gUiFont.bytes.empty()) return;
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    bool added = false;
    while (p < end) {
        if (static_cast<unsigned char>(*p) < 0x80) {  // ASCII: always in the font
            p++;
            continue;
        }
        unsigned int c = 0;
        int length = ImTextCharFromUtf8(&c, p, end);
        p += length > 0 ? length : 1;
        if (c < 0x20 || c == IM_UNICODE_CODEPOINT_INVALID || noFallbackHas(c) ||
            gFonts.body->FindGlyphNoFallback(ImWchar(c)) != nullptr)
            continue;
        if (gWanted.insert(ImWchar(c)).second) added = true;
    }
    if (!added) return;
    rememberWanted();
    if (gFallbackState == FallbackState::NotLoaded) loadFallbackFont();
    else if (gFallbackState == FallbackState::Loaded) platform::requestImGuiFontRebuild();
}

int fallbackGlyphCount() {
    int count = 0;
    if (gFonts.body == nullptr) return 0;
    for (ImWchar c : gWanted)
        if (gFonts.body->FindGlyphNoFallback(c) != nullptr) count++;
    return count;
}

}  // namespace ui
