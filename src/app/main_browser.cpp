// The browser app's entry point: main() creates ImGui and the browser backend; fieldcrm_start(), called by the shell
// once it has streamed the stored image in (Module.fieldcrmStore), opens the "fieldcrm" database, starts core::Crm
// and runs the frame loop.
// It draws nothing itself (ui::AppFrame does) and never talks to IndexedDB (platform/app_database does); it stops
// the loop when the shell says another tab took over.
#include <emscripten.h>

#include <memory>
#include <string>

#include "app/browser_app.h"
#include "core/clock.h"
#include "core/crm.h"
#include "imgui.h"
#include "platform/app_database.h"
#include "platform/imgui_backend_browser.h"
#include "platform/page.h"
#include "ui/app_frame.h"
#include "ui/fonts.h"
#include "ui/i18n.h"
#include "ui/item_registry.h"
#include "ui/theme.h"

static core::SystemClock gClock;
static std::unique_ptr<storage::Database> gDatabase;
static std::unique_ptr<core::Crm> gCrm;
static std::unique_ptr<ui::AppFrame> gUi;
static BrowserApp gApp;

const BrowserApp& browserApp() { return gApp; }

// Table layouts (column widths, order, sort) live in ImGui's ini text, kept as a page preference.
static void saveLayoutIfChanged() {
    ImGuiIO& io = ImGui::GetIO();
    if (!io.WantSaveIniSettings) return;
    size_t size = 0;
    const char* ini = ImGui::SaveIniSettingsToMemory(&size);
    platform::savePreference("layout", std::string(ini, size));
    io.WantSaveIniSettings = false;
}

static void stopWithError(const char* title, const std::string& detail) {
    emscripten_cancel_main_loop();
    platform::showPageError(title, detail);
}

// Full frame rate while the user acts (and while a text field blinks its caret); 4 frames a second when idle,
// enough for the save state, the toast timer and online/offline to show up.
static double gLastDrawn = 0.0;
static bool gFontsLoaded = false;  // the first frame waits for the UI font (the loading screen stays until then)

static bool frameWanted() {
    double now = emscripten_get_now();
    if (!gApp.ready || ImGui::GetIO().WantTextInput || gUi->busy()) return true;
    return now - platform::lastImGuiBrowserActivity() < 1000.0 || now - gLastDrawn >= 250.0;
}

static void runFrame() {
    if (!gFontsLoaded || !frameWanted()) return;
    const double start = emscripten_get_now();
    gLastDrawn = start;
    try {
        platform::beginImGuiBrowserFrame();
        ImGui::NewFrame();
        gUi->draw();
        ImGui::Render();
        ui::finishItemRegistryFrame();
        const ImVec4& bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        const float clear[4] = {bg.x, bg.y, bg.z, 1.0f};
        platform::endImGuiBrowserFrame(clear);
    } catch (const std::exception& e) {
        stopWithError(ui::tr("FieldCRM stopped"),
                      ui::format(ui::tr("%s\nEverything saved before this is safe. Reload the page to continue."), e.what()));
        return;
    }
    gApp.frame++;
    if (!gApp.ready) {
        gApp.ready = true;
        platform::notifyPageReady();
    }
    saveLayoutIfChanged();
    // Two seconds without input: a good moment for the CRM's deferred upkeep (one short commit, or nothing).
    if (emscripten_get_now() - platform::lastImGuiBrowserActivity() > 2000.0 && !gUi->busy()) gApp.crm->housekeeping();
    gApp.frameMs[(gApp.frame - 1) % BrowserApp::kFrameTimes] = emscripten_get_now() - start;
}

// The shell calls this when another tab takes the data over (its page store has already stopped writing):
// no more frames, so nothing more can be edited here.
extern "C" EMSCRIPTEN_KEEPALIVE void fieldcrm_stop() { emscripten_cancel_main_loop(); }

int main() {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ui::enableItemRegistry();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    std::string layout = platform::loadPreference("layout");
    if (!layout.empty()) ImGui::LoadIniSettingsFromMemory(layout.data(), layout.size());
    ui::applyTheme(platform::loadPreference("theme") == "dark" ? ui::Theme::Dark : ui::Theme::Light);
    ui::loadLanguage();
    ui::loadFonts([] { gFontsLoaded = true; });

    if (!platform::initImGuiBrowser("#canvas", ui::buildFonts)) {
        platform::showPageError(ui::tr("WebGL 2 is not available"),
                                ui::tr("FieldCRM draws its window with WebGL 2, which this browser did not provide. "
                                       "Update the browser or turn on hardware acceleration, then reload."));
        return 0;
    }
    gApp.graphicsReady = true;
    return 0;  // the runtime stays alive: the shell now streams the stored image in, then calls fieldcrm_start()
}

extern "C" EMSCRIPTEN_KEEPALIVE void fieldcrm_start() {
    if (!gApp.graphicsReady || gCrm) return;
    // The first start after a restore proves the restored database: it must open, migrate and pass the integrity
    // check; only then does the page store drop the previous image, and otherwise it puts the previous one back.
    bool restored = platform::restoredDatabaseUnproven();
    try {
        gDatabase = platform::openAppDatabase("fieldcrm");
        gCrm = std::make_unique<core::Crm>(*gDatabase, gClock);
        if (restored) {
            std::string integrity = gDatabase->integrityCheck();
            if (integrity != "ok") throw std::runtime_error("integrity check: " + integrity.substr(0, integrity.find('\n')));
        }
    } catch (const std::exception& e) {
        if (restored) {
            platform::showPageError(ui::tr("The restored backup could not be opened"),
                                    ui::format(ui::tr("%s\nPutting your previous data back..."), e.what()));
            platform::revertRestoredDatabase(e.what());
            return;
        }
        platform::showPageError(ui::tr("Your customer data could not be opened"),
                                ui::format(ui::tr("%s\nNothing was changed. Reload the page to try again."), e.what()));
        return;
    }
    if (restored) platform::confirmRestoredDatabase();
    gUi = std::make_unique<ui::AppFrame>(*gCrm, platform::takeStartNotice());
    gApp.crm = gCrm.get();
    gApp.ui = gUi.get();

    // fps 0 = requestAnimationFrame; the loop keeps running after this returns (state lives in the statics above).
    emscripten_set_main_loop(runFrame, 0, false);
}
