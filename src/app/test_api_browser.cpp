// The test API of the browser app: exported C functions the end-to-end tests call through Module.ccall to find
// widgets (rectangles of labelled ImGui items in the last complete frame) and to read state back.
// It only reads: tests still click and type like a person. Each result is JSON owned here, valid until the next call.
#include <emscripten.h>

#include <exception>
#include <string>

#include <nlohmann/json.hpp>

#include "app/browser_app.h"
#include "imgui.h"
#include "platform/app_database.h"
#include "platform/page.h"
#include "ui/fonts.h"
#include "ui/i18n.h"
#include "ui/item_registry.h"
#include "ui/theme.h"

using nlohmann::json;

static std::string gResult;

static const char* reply(const json& value) {
    gResult = value.dump(-1, ' ', false, json::error_handler_t::replace);
    return gResult.c_str();
}

static json itemJson(const ui::RegisteredItem& item) {
    return {{"label", item.label}, {"x", item.x}, {"y", item.y}, {"w", item.w}, {"h", item.h}};
}

static const char* saveStateName(platform::SaveState state) {
    switch (state) {
        case platform::SaveState::Saved: return "saved";
        case platform::SaveState::Saving: return "saving";
        case platform::SaveState::Failed: return "failed";
    }
    return "unknown";
}

static json customerJson(const core::Customer& c) {
    return {{"id", c.id}, {"name", c.name}, {"company", c.company}, {"phone", c.phone}, {"email", c.email},
            {"city", c.city}, {"tags", c.tags}, {"notes", c.notes}, {"createdAtMs", c.createdAtMs},
            {"updatedAtMs", c.updatedAtMs}};
}

extern "C" {

// {"x","y","w","h"} in CSS pixels from the canvas' top-left, or null when no item has exactly this label.
EMSCRIPTEN_KEEPALIVE const char* fieldcrm_test_item_rect(const char* label) {
    const ui::RegisteredItem* item = ui::findRegisteredItem(label);
    if (item == nullptr) return reply(nullptr);
    return reply({{"x", item->x}, {"y", item->y}, {"w", item->w}, {"h", item->h}});
}

EMSCRIPTEN_KEEPALIVE const char* fieldcrm_test_items() {
    json items = json::array();
    for (const ui::RegisteredItem& item : ui::registeredItems()) items.push_back(itemJson(item));
    return reply(items);
}

EMSCRIPTEN_KEEPALIVE const char* fieldcrm_test_state() {
    const BrowserApp& app = browserApp();
    if (app.ui == nullptr) return reply({{"ready", false}, {"frame", app.frame}});
    ui::CustomersScreen& customers = app.ui->customers();
    platform::PersistenceStatus status = platform::persistenceStatus();
    platform::StorageInfo storage = platform::storageInfo();
    const core::Customer& draft = customers.form().draft();
    json formErrors = json::array();
    for (const core::FieldError& e : customers.form().shownErrors())
        formErrors.push_back({{"field", e.field}, {"code", e.code}, {"message", e.message}});
    return reply({
        {"ready", app.ready},
        {"frame", app.frame},
        {"screen", app.ui->screenName()},
        {"customerCount", customers.customerCount()},
        {"saveState", saveStateName(status.state)},
        {"saveError", status.error},
        {"storedBytes", status.storedBytes},
        {"persistenceKnown", storage.persistenceKnown},
        {"persistent", storage.persistent},
        {"selectedId", customers.selectedId()},
        {"form", customers.form().modeName()},
        {"formDirty", customers.form().dirty()},
        {"formErrors", formErrors},
        {"draft", customerJson(draft)},
        {"toast", app.ui->toast().message()},
        {"actionError", customers.actionError()},
        {"sort", customers.sortName()},
        {"ascending", customers.ascending()},
        {"theme", ui::currentTheme() == ui::Theme::Dark ? "dark" : "light"},
        {"wantTextInput", ImGui::GetIO().WantTextInput},
        {"online", platform::isOnline()},
        {"language", core::languageTag(ui::language())},
        {"fallbackGlyphs", ui::fallbackGlyphCount()},
        {"updateReady", platform::updateReady()},
        {"version", FIELDCRM_VERSION},
    });
}

EMSCRIPTEN_KEEPALIVE const char* fieldcrm_test_customers() {
    const BrowserApp& app = browserApp();
    json list = json::array();
    if (app.crm == nullptr) return reply(list);
    for (const core::Customer& c : app.crm->customers().all()) list.push_back(customerJson(c));
    return reply(list);
}

// PRAGMA integrity_check of the open database (through storage::Database): "ok" when it is sound, else what is wrong.
EMSCRIPTEN_KEEPALIVE const char* fieldcrm_test_integrity() {
    const BrowserApp& app = browserApp();
    if (app.crm == nullptr) return reply(nullptr);
    try {
        return reply(app.crm->database().integrityCheck());
    } catch (const std::exception& e) {  // a badly damaged file fails the check itself: that is its result too
        return reply(std::string("integrity_check failed: ") + e.what());
    }
}

}  // extern "C"
