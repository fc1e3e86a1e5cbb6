// The test API of the browser app: exported C functions the end-to-end tests call through Module.ccall to find
// widgets (rectangles of labelled ImGui items in the last complete frame) and to read state back.
// It only reads: tests still click and type like a person. Each result is JSON owned here, valid until the next call.
#include <emscripten.h>

#include <algorithm>
#include <exception>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/browser_app.h"
#include "core/validation.h"
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

static json countsJson(const core::ImportCounts& c) {
    return {{"changes", c.changes}, {"created", c.created}, {"updated", c.updated}, {"deleted", c.deleted},
            {"restored", c.restored}, {"conflicts", c.conflicts}, {"oldestMs", c.oldestMs}, {"newestMs", c.newestMs}};
}

static const char* restoreStepName(platform::RestoreStep step) {
    switch (step) {
        case platform::RestoreStep::None: return "none";
        case platform::RestoreStep::KeepingPrevious: return "keeping-previous";
        case platform::RestoreStep::Replacing: return "replacing";
        case platform::RestoreStep::Storing: return "storing";
        case platform::RestoreStep::Restarting: return "restarting";
        case platform::RestoreStep::Failed: return "failed";
    }
    return "none";
}

static json customerJson(const core::Customer& c) {
    return {{"id", c.id}, {"name", c.name}, {"company", c.company}, {"phone", c.phone}, {"email", c.email},
            {"city", c.city}, {"tags", c.tags}, {"notes", c.notes}, {"createdAtMs", c.createdAtMs},
            {"updatedAtMs", c.updatedAtMs}};
}

// Every field of a customer, custom values by field id (the form and the stored record read back alike).
static json customerRecordJson(const core::Customer& c) {
    json consent = json::object(), custom = json::object();
    for (const auto& [channel, value] : c.consent) consent[channel] = value;
    for (const auto& [field, value] : c.custom) custom[field] = value;
    return {{"id", c.id}, {"name", c.name}, {"title", c.title}, {"company", c.company}, {"companyId", c.companyId},
            {"phone", c.phone}, {"otherPhones", c.otherPhones}, {"email", c.email}, {"otherEmails", c.otherEmails},
            {"country", c.country}, {"province", c.province}, {"city", c.city}, {"district", c.district},
            {"address", c.address}, {"source", c.source}, {"owner", c.owner}, {"tags", c.tags}, {"notes", c.notes},
            {"consent", consent}, {"custom", custom}};
}

static json companyJson(const core::Company& c) {
    return {{"id", c.id}, {"name", c.name}, {"phone", c.phone}, {"email", c.email}, {"website", c.website},
            {"industry", c.industry}, {"country", c.country}, {"province", c.province}, {"city", c.city},
            {"district", c.district}, {"address", c.address}, {"owner", c.owner}, {"notes", c.notes}};
}

extern "C" {

// {"x","y","w","h"} in CSS pixels from the canvas' top-left, or null when no item has exactly this label.
EMSCRIPTEN_KEEPALIVE const char* fieldcrm_test_item_rect(const char* label) {
    const ui::RegisteredItem* item = ui::findRegisteredItem(label);
    if (item == nullptr) return reply(nullptr);
    return reply({{"x", item->x}, {"y", item->y}, {"w", item->w}, {"h", item->h}});
}

// An item drawn scrolled out of its window (ui::noteItemOutOfView): {"item": rect, "view": the window's visible
// rect}, or null. A test wheels the view until the item shows.
EMSCRIPTEN_KEEPALIVE const char* fieldcrm_test_item_out_of_view(const char* label) {
    const ui::OutOfViewItem* o = ui::findOutOfViewItem(label);
    if (o == nullptr) return reply(nullptr);
    return reply({{"item", itemJson(o->item)}, {"view", itemJson(o->view)}});
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
        {"conflictCount", app.ui->conflicts().count()},
        {"restore", {{"step", app.ui->restore().stepName()}, {"error", app.ui->restore().error()},
                     {"platformStep", restoreStepName(platform::restoreStatus().step)}}},
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

// The Customers list as drawn in the last frame: its rows top to bottom (cells as shown), how many match, the
// selection, the search and filters, and the order.
EMSCRIPTEN_KEEPALIVE const char* fieldcrm_test_list() {
    const BrowserApp& app = browserApp();
    if (app.ui == nullptr) return reply(nullptr);
    ui::CustomersScreen& customers = app.ui->customers();
    const core::CustomerQuery& q = customers.query();
    json rows = json::array();
    for (const core::Customer* c : customers.visibleRows()) {
        json row = customerJson(*c);
        row["phoneShown"] = core::formatPhone(c->phone);
        row["owner"] = c->owner;
        row["source"] = c->source;
        row["custom"] = c->custom;
        rows.push_back(row);
    }
    return reply({{"rowCount", customers.rowCount()}, {"customerCount", customers.customerCount()},
                  {"rows", rows}, {"selection", customers.selection()}, {"selectedId", customers.selectedId()},
                  {"filters", {{"search", q.filter.search}, {"tagId", q.filter.tagId}, {"tag", customers.tagFilterName()},
                               {"owner", q.filter.owner}, {"city", q.filter.city}, {"source", q.filter.source}}},
                  {"sort", customers.sortName()}, {"sortField", q.order.customFieldId}, {"ascending", q.order.ascending}});
}

// The customer form in full: the draft with every field, the required fields, the duplicate warnings on screen.
EMSCRIPTEN_KEEPALIVE const char* fieldcrm_test_customer_form() {
    const BrowserApp& app = browserApp();
    if (app.ui == nullptr) return reply(nullptr);
    const ui::CustomerForm& form = app.ui->customers().form();
    json duplicates = json::array();
    for (const ui::CustomerForm::Duplicate& d : form.duplicates())
        duplicates.push_back({{"field", d.field}, {"id", d.id}, {"name", d.name}});
    return reply({{"mode", form.modeName()}, {"draft", customerRecordJson(form.draft())},
                  {"required", form.requiredFields()}, {"duplicates", duplicates}});
}

// Every live customer with every field, as stored (phones normalised, custom values canonical).
EMSCRIPTEN_KEEPALIVE const char* fieldcrm_test_customer_records() {
    const BrowserApp& app = browserApp();
    json list = json::array();
    if (app.crm == nullptr) return reply(list);
    for (const core::Customer& c : app.crm->customers().all())
        list.push_back(customerRecordJson(*app.crm->customers().get(c.id)));
    return reply(list);
}

// Live companies by name, and the custom field definitions in display order.
EMSCRIPTEN_KEEPALIVE const char* fieldcrm_test_companies() {
    const BrowserApp& app = browserApp();
    json list = json::array();
    if (app.crm == nullptr) return reply(list);
    for (const core::Company& c : app.crm->companies().list()) list.push_back(companyJson(c));
    return reply(list);
}

// The Companies screen: its list (as shown, after the search), the open form and the customers under it.
EMSCRIPTEN_KEEPALIVE const char* fieldcrm_test_companies_screen() {
    const BrowserApp& app = browserApp();
    if (app.ui == nullptr) return reply(nullptr);
    const ui::CompaniesScreen& screen = app.ui->companies();
    json rows = json::array(), customers = json::array(), errors = json::array();
    for (const core::Company& c : screen.rows()) rows.push_back(companyJson(c));
    for (const core::Customer& c : screen.companyCustomers()) customers.push_back({{"id", c.id}, {"name", c.name}});
    for (const core::FieldError& e : screen.shownErrors())
        errors.push_back({{"field", e.field}, {"code", e.code}, {"message", e.message}});
    return reply({{"mode", screen.modeName()}, {"selectedId", screen.selectedId()}, {"dirty", screen.dirty()},
                  {"draft", companyJson(screen.draft())}, {"errors", errors}, {"rows", rows},
                  {"customers", customers}, {"actionError", screen.actionError()}});
}

EMSCRIPTEN_KEEPALIVE const char* fieldcrm_test_custom_fields() {
    const BrowserApp& app = browserApp();
    json list = json::array();
    if (app.crm == nullptr) return reply(list);
    for (const core::CustomField& f : app.crm->customFields().list())
        list.push_back({{"id", f.id}, {"label", f.label}, {"kind", core::customFieldKindName(f.kind)},
                        {"choices", f.choices}, {"position", f.position}});
    return reply({{"fields", list}, {"required", app.crm->customers().requiredFields()}});
}

// The Sync screen's state: this device, the devices it knows, the running import and the last import and export.
EMSCRIPTEN_KEEPALIVE const char* fieldcrm_test_sync() {
    const BrowserApp& app = browserApp();
    if (app.ui == nullptr) return reply(nullptr);
    ui::SyncScreen& sync = app.ui->sync();
    json peers = json::array();
    for (const core::Peer& p : app.crm->sync().peers())
        peers.push_back({{"device", p.device}, {"name", p.name},
                         {"lastImportAtMs", p.lastImportAtMs ? json(*p.lastImportAtMs) : json(nullptr)},
                         {"lastExportAtMs", p.lastExportAtMs ? json(*p.lastExportAtMs) : json(nullptr)}});
    json last = nullptr;
    if (const auto& l = sync.lastImport()) {
        json byDevice = json::array();
        for (const core::DeviceImportCounts& d : l->summary.byDevice)
            byDevice.push_back({{"device", d.device}, {"name", d.name}, {"counts", countsJson(d.counts)}});
        last = {{"fileName", l->fileName}, {"atMs", l->atMs}, {"fromDevice", l->summary.fromDevice},
                {"fromName", l->summary.fromName}, {"exportedAtMs", l->summary.exportedAtMs},
                {"changesInFile", l->summary.changesInFile}, {"aheadOfClock", l->summary.aheadOfClock},
                {"total", countsJson(l->summary.total)}, {"byDevice", byDevice}};
    }
    json exported = nullptr;
    if (const auto& e = sync.lastExport())
        exported = {{"fileName", e->fileName}, {"forDevice", e->forDevice}, {"changes", e->changes}};
    return reply({{"deviceId", app.crm->deviceId()}, {"deviceName", app.crm->deviceName()}, {"peers", peers},
                  {"importStep", sync.importStepName()}, {"importProgress", sync.importProgress()},
                  {"error", sync.error()}, {"lastImport", last}, {"lastExport", exported}});
}

// Open conflicts as the Conflicts screen lists them; "key" names its buttons (###conflict-use-KEY, -keep-KEY).
EMSCRIPTEN_KEEPALIVE const char* fieldcrm_test_conflicts() {
    const BrowserApp& app = browserApp();
    json list = json::array();
    if (app.ui == nullptr) return reply(list);
    for (const core::Conflict& c : app.ui->conflicts().conflicts())
        list.push_back({{"key", ui::ConflictsScreen::keyOf(c)}, {"entity", c.entity}, {"recordId", c.recordId},
                        {"recordName", c.recordName}, {"field", c.field}, {"value", c.value},
                        {"device", c.version.device}, {"currentValue", c.currentValue},
                        {"currentDevice", c.current.device}});
    return reply(list);
}

// The customer import wizard (its step, what it read from the file, the mapping, counts and errors) and the last
// export download.
EMSCRIPTEN_KEEPALIVE const char* fieldcrm_test_import() {
    const BrowserApp& app = browserApp();
    if (app.ui == nullptr) return reply(nullptr);
    const ui::CustomerImportDialog& dialog = app.ui->customerImport();
    json out = {{"step", dialog.stepName()}, {"fileName", dialog.fileName()}, {"fileSize", dialog.fileSize()},
                {"streamed", dialog.streamed()}, {"notice", dialog.notice()}};
    if (const core::CustomerImport* im = dialog.import()) {
        const core::CustomerImportCounts& n = im->counts();
        json errors = json::array();
        for (size_t i = 0; i < im->errors().size() && i < 200; i++)
            errors.push_back({{"row", im->errors()[i].row}, {"field", im->errors()[i].field},
                              {"reason", im->errors()[i].reason}});
        out.update({{"format", core::importFormatName(im->format())}, {"encoding", im->encodingName()},
                    {"delimiter", std::string(im->delimiter() ? 1 : 0, im->delimiter())}, {"columns", im->columns()},
                    {"mapping", im->mapping}, {"previewRows", im->preview().size()},
                    {"preview", im->preview().empty() ? json::array() : json(im->preview()[0])},
                    {"progress", im->progress()}, {"fileError", im->fileError()}, {"canCommit", im->canCommit()},
                    {"skipRowsWithErrors", im->skipRowsWithErrors},
                    {"duplicates", im->duplicates == core::DuplicatePolicy::Skip     ? "skip"
                                   : im->duplicates == core::DuplicatePolicy::Update ? "update" : "create"},
                    {"counts", {{"rows", n.rows}, {"created", n.created}, {"updated", n.updated},
                                {"duplicates", n.duplicates}, {"failed", n.failed}, {"companies", n.companies}}},
                    {"errorCount", im->errorCount()}, {"errors", errors}});
    }
    json exported = nullptr;
    if (const auto& e = app.ui->customerExport().lastExport())
        exported = {{"fileName", e->fileName}, {"format", core::exportFileExtension(e->format)},
                    {"filtered", e->filtered}, {"bytes", e->bytes}};
    out["lastExport"] = exported;
    out["exportError"] = app.ui->customerExport().error();
    return reply(out);
}

// How long the app's own frames took (main_browser.cpp times runFrame; see BrowserApp::frameMs) from frame `first`
// to the last one drawn: {"frames", "p50", "p95", "max"} in ms and "end" (the next frame's number), or null when
// some of those are no longer kept.
EMSCRIPTEN_KEEPALIVE const char* fieldcrm_test_frame_times(int first) {
    const BrowserApp& app = browserApp();
    if (first < 0 || app.frame - first > BrowserApp::kFrameTimes) return reply(nullptr);
    std::vector<double> ms;
    for (int64_t f = first; f < app.frame; f++) ms.push_back(app.frameMs[f % BrowserApp::kFrameTimes]);
    std::sort(ms.begin(), ms.end());
    auto at = [&](double p) { return ms.empty() ? 0.0 : ms[std::min(ms.size() - 1, size_t(p * double(ms.size())))]; };
    return reply({{"frames", ms.size()}, {"p50", at(0.5)}, {"p95", at(0.95)}, {"max", at(1.0)}, {"end", app.frame}});
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
