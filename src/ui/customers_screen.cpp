// The Customers screen: title and row count, the virtualised sortable table (ImGuiListClipper over
// CustomerService::listIds, rows fetched per visible range), the detail form, the empty state, delete with undo,
// and the "unsaved changes" question. Reads and writes only through core::CustomerService; no SQL here.
//
// Index
//   [SECTION] Data: ids, row cache, actions
//   [SECTION] Layout
//   [SECTION] Table
//   [SECTION] Detail and dialogs
#include "ui/customers_screen.h"

#include <algorithm>

#include "core/validation.h"
#include "imgui.h"
#include "ui/i18n.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace ui {

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Data: ids, row cache, actions
//-----------------------------------------------------------------------------------------------------------------

static constexpr size_t kRowCacheLimit = 5000;  // rows kept for display; the cache restarts beyond this

CustomersScreen::CustomersScreen(core::Crm& crm, UndoToast& toast, std::string user, CustomerImportDialog& importDialog,
                                 CustomerExportMenu& exportMenu)
    : crm_(crm), toast_(toast), importDialog_(importDialog), exportMenu_(exportMenu), user_(user),
      form_(crm.customers(), std::move(user)) {}

void CustomersScreen::refreshIds() {
    if (!idsStale_) return;
    core::CustomerQuery query;
    query.order.sort = sort_;
    query.order.ascending = ascending_;
    ids_ = crm_.customers().ids(query);
    idsStale_ = false;
}

void CustomersScreen::dataChanged() {
    idsStale_ = true;
    rows_.clear();
}

int64_t CustomersScreen::customerCount() {
    refreshIds();
    return int64_t(ids_.size());
}

const char* CustomersScreen::sortName() const {
    switch (sort_) {
        case core::CustomerSort::Name: return "name";
        case core::CustomerSort::Company: return "company";
        case core::CustomerSort::Phone: return "phone";
        case core::CustomerSort::Email: return "email";
        case core::CustomerSort::City: return "city";
        case core::CustomerSort::UpdatedAt: return "updated";
        default: break;
    }
    return "name";
}

const core::Customer* CustomersScreen::row(const std::string& id) {
    auto it = rows_.find(id);
    return it == rows_.end() ? nullptr : &it->second;
}

void CustomersScreen::addCustomer() { request(Pending::NewCustomer); }

void CustomersScreen::request(Pending what, const std::string& id) {
    if (form_.dirty()) {
        pending_ = what;
        pendingId_ = id;
        openUnsavedDialog_ = true;
        return;
    }
    perform(what, id);
}

void CustomersScreen::perform(Pending what, std::string id) {
    pending_ = Pending::None;
    pendingId_.clear();
    actionError_.clear();
    switch (what) {
        case Pending::NewCustomer:
            form_.openNew();
            selectedId_.clear();
            break;
        case Pending::OpenCustomer:
            open(id);
            break;
        case Pending::CloseForm:
            form_.close();
            selectedId_.clear();
            break;
        case Pending::None:
            break;
    }
}

void CustomersScreen::open(const std::string& id) {
    std::optional<core::Customer> customer = crm_.customers().get(id);
    if (!customer) {
        actionError_ = tr("This customer no longer exists.");
        dataChanged();
        return;
    }
    form_.openExisting(*customer);
    selectedId_ = id;
}

// Deleting is a tombstone, so Undo restores the very same record (same id, same fields).
void CustomersScreen::deleteCustomer(std::string id) {
    actionError_.clear();
    std::optional<core::Customer> customer = crm_.customers().get(id);
    if (!customer) return;
    try {
        crm_.customers().remove(id, user_);
    } catch (const std::exception& e) {
        actionError_ = format(tr("Could not delete: %s"), e.what());
        return;
    }
    if (form_.customerId() == id) form_.close();
    selectedId_.clear();
    dataChanged();
    toast_.show(format(tr("Deleted \"%s\""), customer->name.c_str()), [this, id] {
        try {
            crm_.customers().restore(id, user_);
            dataChanged();
            if (!form_.dirty()) open(id);
        } catch (const std::exception& e) {
            actionError_ = format(tr("Could not undo the delete: %s"), e.what());
        }
    });
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Layout
//-----------------------------------------------------------------------------------------------------------------

void CustomersScreen::draw() {
    refreshIds();
    drawHeader();

    bool dialogOpen = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
    if (!dialogOpen && !ImGui::GetIO().WantTextInput && !selectedId_.empty() &&
        ImGui::IsKeyPressed(ImGuiKey_Delete, false))
        deleteCustomer(selectedId_);

    ImVec2 avail = ImGui::GetContentRegionAvail();
    bool detail = form_.mode() != CustomerForm::Mode::Closed;
    bool narrow = avail.x < 900.0f;
    float spacing = ImGui::GetStyle().ItemSpacing.x * 2;
    float detailWidth = narrow ? avail.x : std::clamp(avail.x * 0.36f, 360.0f, 480.0f);

    if (!(detail && narrow)) {
        float listWidth = detail ? avail.x - detailWidth - spacing : avail.x;
        ImGui::BeginChild("##customer-list", ImVec2(listWidth, avail.y));
        if (ids_.empty()) drawEmptyState();
        else drawTable();
        ImGui::EndChild();
        if (detail) ImGui::SameLine(0, spacing);
    }
    if (detail) drawDetail();
    drawUnsavedChangesDialog();
}

void CustomersScreen::drawHeader() {
    screenTitle(tr("Customers"));
    ImGui::SameLine();
    const char* add = label("Add customer", "add-customer");
    float width = ImGui::CalcTextSize(add, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    float spacing = ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetCursorPosX(ImGui::GetContentRegionMax().x - width - importDialog_.buttonWidth() -
                         exportMenu_.buttonWidth() - spacing * 2);
    importDialog_.drawButton();
    ImGui::SameLine();
    exportMenu_.drawButton(nullptr);  // the current filter, once the list has one
    ImGui::SameLine();
    if (primaryButton(add)) addCustomer();

    std::string count = core::formatInteger(language(), int64_t(ids_.size()));
    mutedText(format(tr(ids_.size() == 1 ? "%s customer" : "%s customers"), count.c_str()).c_str());
    if (!actionError_.empty()) errorText(actionError_.c_str());
    ImGui::Spacing();
}

void CustomersScreen::drawEmptyState() {
    ImVec2 avail = ImGui::GetContentRegionAvail();
    const char* title = tr("No customers yet");
    const char* hint = tr("Add your first customer to start your list.");
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + avail.y * 0.3f);
    ImGui::PushFont(fonts().title);
    ImGui::SetCursorPosX((avail.x - ImGui::CalcTextSize(title).x) * 0.5f);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    ImGui::SetCursorPosX((avail.x - ImGui::CalcTextSize(hint).x) * 0.5f);
    mutedText(hint);
    ImGui::Spacing();
    const char* add = label("Add customer", "empty-state-add-customer");
    ImGui::SetCursorPosX((avail.x - ImGui::CalcTextSize(add, nullptr, true).x - ImGui::GetStyle().FramePadding.x * 2) * 0.5f);
    if (primaryButton(add)) addCustomer();
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Table
//-----------------------------------------------------------------------------------------------------------------

enum CustomerColumn { ColumnName, ColumnCompany, ColumnPhone, ColumnEmail, ColumnCity, ColumnTags, ColumnUpdated, ColumnCount };

static bool sortFor(ImGuiID column, core::CustomerSort* sort) {
    switch (column) {
        case ColumnName: *sort = core::CustomerSort::Name; return true;
        case ColumnCompany: *sort = core::CustomerSort::Company; return true;
        case ColumnPhone: *sort = core::CustomerSort::Phone; return true;
        case ColumnEmail: *sort = core::CustomerSort::Email; return true;
        case ColumnCity: *sort = core::CustomerSort::City; return true;
        case ColumnUpdated: *sort = core::CustomerSort::UpdatedAt; return true;
        default: return false;
    }
}

static void cellText(const std::string& text, float rowTop, float rowHeight, bool alignRight = false) {
    noteGlyphs(text);
    ImGui::SetCursorPosY(rowTop + (rowHeight - ImGui::GetTextLineHeight()) * 0.5f);
    if (alignRight) {
        float free = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(text.c_str()).x;
        if (free > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + free);
    }
    ImGui::TextUnformatted(text.c_str());
}

void CustomersScreen::drawTable() {
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable |
                                  ImGuiTableFlags_Hideable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_PadOuterX | ImGuiTableFlags_NoBordersInBodyUntilResize;
    if (!ImGui::BeginTable("customers", ColumnCount, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(label("Name", "name"), ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_NoHide, 1.4f, ColumnName);
    ImGui::TableSetupColumn(label("Company", "company"), 0, 1.2f, ColumnCompany);
    ImGui::TableSetupColumn(label("Phone", "phone"), 0, 1.0f, ColumnPhone);
    ImGui::TableSetupColumn(label("Email", "email"), 0, 1.4f, ColumnEmail);
    ImGui::TableSetupColumn(label("City", "city"), 0, 0.8f, ColumnCity);
    ImGui::TableSetupColumn(label("Tags", "tags"), ImGuiTableColumnFlags_NoSort, 0.9f, ColumnTags);
    ImGui::TableSetupColumn(label("Updated", "updated"), ImGuiTableColumnFlags_PreferSortDescending, 1.0f, ColumnUpdated);

    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        if (specs->SpecsCount > 0 && sortFor(specs->Specs[0].ColumnUserID, &sort_)) {
            ascending_ = specs->Specs[0].SortDirection != ImGuiSortDirection_Descending;
            idsStale_ = true;
            refreshIds();
        }
        specs->SpecsDirty = false;
    }

    // Header row drawn by hand so each header is reported to the test API as "<visible>###header-<column>".
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int column = 0; column < ColumnCount; column++) {
        if (!ImGui::TableSetColumnIndex(column)) continue;
        const char* name = ImGui::TableGetColumnName(column);  // "Name###name" in any language
        ImGui::TableHeader(name);
        std::string shown(name);
        size_t ids = shown.find("###");
        registerItem(shown.substr(0, ids) + "###header-" + shown.substr(ids + 3), ImGui::GetItemRectMin(),
                     ImGui::GetItemRectMax());
    }

    const float rowHeight = ImGui::GetTextLineHeight() + 18.0f;
    ImGuiListClipper clipper;
    clipper.Begin(int(ids_.size()));
    while (clipper.Step()) {
        // Fetch only the rows about to be drawn that are not cached yet.
        std::vector<std::string> missing;
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++)
            if (!rows_.count(ids_[i])) missing.push_back(ids_[i]);
        if (!missing.empty()) {
            if (rows_.size() + missing.size() > kRowCacheLimit) rows_.clear();
            for (core::Customer& c : crm_.customers().getMany(missing)) rows_[c.id] = std::move(c);
        }

        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++) {
            const std::string& id = ids_[i];
            ImGui::TableNextRow(ImGuiTableRowFlags_None, rowHeight);
            ImGui::TableSetColumnIndex(0);
            float rowTop = ImGui::GetCursorPosY();
            std::string label = "##row-" + id;
            bool selected = id == selectedId_;
            if (ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, rowHeight)) &&
                !selected)
                request(Pending::OpenCustomer, id);
            const core::Customer* c = row(id);
            if (c == nullptr) continue;  // removed since the ids were listed; the next refresh drops it
            ImGui::SameLine(0, 0);
            cellText(c->name, rowTop, rowHeight);
            if (ImGui::TableSetColumnIndex(ColumnCompany)) cellText(c->company, rowTop, rowHeight);
            if (ImGui::TableSetColumnIndex(ColumnPhone)) cellText(core::formatPhone(c->phone), rowTop, rowHeight, true);
            if (ImGui::TableSetColumnIndex(ColumnEmail)) cellText(c->email, rowTop, rowHeight);
            if (ImGui::TableSetColumnIndex(ColumnCity)) cellText(c->city, rowTop, rowHeight);
            if (ImGui::TableSetColumnIndex(ColumnTags)) cellText(c->tags, rowTop, rowHeight);
            if (ImGui::TableSetColumnIndex(ColumnUpdated)) {
                ImGui::PushStyleColor(ImGuiCol_Text, palette().mutedText);
                cellText(core::formatLocalDateTime(language(), c->updatedAtMs), rowTop, rowHeight);
                ImGui::PopStyleColor();
            }
        }
    }
    ImGui::EndTable();
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Detail and dialogs
//-----------------------------------------------------------------------------------------------------------------

void CustomersScreen::drawDetail() {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().panelBg);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(20, 18));
    ImGui::BeginChild("##customer-detail", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    bool dialogOpen = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
    switch (form_.draw(!dialogOpen)) {
        case CustomerForm::Action::Saved:
            dataChanged();
            selectedId_ = form_.customerId();
            break;
        case CustomerForm::Action::Cancelled:
            perform(Pending::CloseForm, {});
            break;
        case CustomerForm::Action::DeleteRequested:
            deleteCustomer(form_.customerId());
            break;
        case CustomerForm::Action::None:
            break;
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

void CustomersScreen::drawUnsavedChangesDialog() {
    const char* id = "##unsaved-changes";
    if (openUnsavedDialog_) {
        ImGui::OpenPopup(id);
        openUnsavedDialog_ = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 20));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings;
    if (ImGui::BeginPopupModal(id, nullptr, flags)) {
        screenTitle(tr("Unsaved changes"));
        if (form_.mode() == CustomerForm::Mode::New) ImGui::TextUnformatted(tr("Your changes to the new customer are not saved yet."));
        else ImGui::TextUnformatted(format(tr("Your changes to \"%s\" are not saved yet."), form_.displayName().c_str()).c_str());
        ImGui::Spacing();
        bool close = false;
        if (primaryButton(label("Save", "unsaved-save"))) {
            close = true;
            if (form_.save()) {
                dataChanged();
                perform(pending_, pendingId_);
            } else {
                pending_ = Pending::None;  // the form shows what to fix
            }
        }
        ImGui::SameLine();
        if (ImGui::Button(label("Discard", "unsaved-discard"))) {
            close = true;
            perform(pending_, pendingId_);
        }
        ImGui::SameLine();
        if (ImGui::Button(label("Keep editing", "unsaved-keep-editing")) || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
            close = true;
            pending_ = Pending::None;
        }
        if (close) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    ImGui::PopStyleVar();
}

}  // namespace ui
