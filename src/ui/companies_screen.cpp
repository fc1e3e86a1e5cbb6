// The Companies screen: search box (Ctrl+K), the table of companies with their customer counts, the company form
// (name required; phone, email, website, industry, address, owner, notes) with per-field validation, delete with
// undo (the customers are linked again), and the company's customers under the form. Reads and writes only through
// core::CompanyService and core::CustomerService; no SQL here.
//
// Index
//   [SECTION] Data: list, form state, actions
//   [SECTION] Layout and list
//   [SECTION] Company form and its customers
//   [SECTION] Dialogs
#include "ui/companies_screen.h"

#include <algorithm>

#include "core/validation.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui/fonts.h"
#include "ui/i18n.h"
#include "ui/icons.h"
#include "ui/theme.h"

namespace ui {

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Data: list, form state, actions
//-----------------------------------------------------------------------------------------------------------------

static constexpr int kListLimit = 5000;  // companies listed at once; the search narrows a longer list

CompaniesScreen::CompaniesScreen(core::Crm& crm, UndoToast& toast, std::string user, std::function<void()> changed)
    : crm_(crm), toast_(toast), user_(std::move(user)), changed_(std::move(changed)) {}

void CompaniesScreen::refreshList() {
    if (!listStale_) return;
    listStale_ = false;
    try {
        rows_ = crm_.companies().list(search_, kListLimit);
        counts_ = crm_.companies().customerCounts();
        if (mode_ == Mode::Edit) customers_ = crm_.customers().getMany(crm_.companies().customerIds(original_.id));
    } catch (const std::exception& e) {
        actionError_ = format(tr("Could not read the companies: %s"), e.what());
    }
}

const char* CompaniesScreen::modeName() const {
    switch (mode_) {
        case Mode::New: return "new";
        case Mode::Edit: return "edit";
        default: return "closed";
    }
}

bool CompaniesScreen::dirty() const {
    if (mode_ == Mode::Closed) return false;
    const core::Company& a = draft_;
    const core::Company& b = original_;
    return a.name != b.name || a.phone != b.phone || a.email != b.email || a.website != b.website ||
           a.industry != b.industry || a.country != b.country || a.province != b.province || a.city != b.city ||
           a.district != b.district || a.address != b.address || a.owner != b.owner || a.notes != b.notes;
}

void CompaniesScreen::addCompany() { request(Pending::NewCompany); }

void CompaniesScreen::request(Pending what, const std::string& id) {
    if (dirty()) {
        pending_ = what;
        pendingId_ = id;
        openUnsavedDialog_ = true;
        return;
    }
    perform(what, id);
}

void CompaniesScreen::perform(Pending what, std::string id) {
    pending_ = Pending::None;
    pendingId_.clear();
    actionError_.clear();
    switch (what) {
        case Pending::NewCompany:
            openForm(core::Company());
            mode_ = Mode::New;
            focusFirstField_ = true;
            break;
        case Pending::OpenCompany: open(id); break;
        case Pending::CloseForm:
            mode_ = Mode::Closed;
            original_ = draft_ = core::Company();
            customers_.clear();
            break;
        case Pending::None: break;
    }
}

// The phone is shown formatted; the service stores it normalised again on Save.
void CompaniesScreen::openForm(const core::Company& company) {
    original_ = company;
    original_.phone = core::formatPhone(company.phone);
    draft_ = original_;
    messages_.reset();
    saveError_.clear();
    customers_.clear();
}

void CompaniesScreen::open(const std::string& id) {
    std::optional<core::Company> company = crm_.companies().get(id);
    if (!company) {
        actionError_ = tr("This company no longer exists.");
        listStale_ = true;
        return;
    }
    openForm(*company);
    mode_ = Mode::Edit;
    focusFirstField_ = false;
    customers_ = crm_.customers().getMany(crm_.companies().customerIds(id));
}

bool CompaniesScreen::save() {
    messages_.submitted();
    saveError_.clear();
    errors_ = core::validateCompany(draft_);
    if (!errors_.empty()) return false;
    try {
        std::string id = draft_.id;
        if (mode_ == Mode::New) id = crm_.companies().add(draft_, user_);
        else crm_.companies().update(draft_, user_);
        listStale_ = true;
        if (changed_) changed_();
        open(id);
        return true;
    } catch (const core::ValidationError& e) {
        errors_ = e.errors;
        return false;
    } catch (const std::exception& e) {
        saveError_ = format(tr("Could not save: %s. Your changes are still in the form."), e.what());
        return false;
    }
}

// The customers lose the link (they keep the name); Undo brings the company back and links them again.
void CompaniesScreen::deleteCompany(std::string id) {
    actionError_.clear();
    std::optional<core::Company> company = crm_.companies().get(id);
    if (!company) return;
    std::vector<std::string> unlinked;
    try {
        unlinked = crm_.companies().remove(id, user_);
    } catch (const std::exception& e) {
        actionError_ = format(tr("Could not delete: %s"), e.what());
        return;
    }
    perform(Pending::CloseForm, {});
    listStale_ = true;
    if (changed_) changed_();
    toast_.show(format(tr("Deleted \"%s\""), company->name.c_str()), [this, id, unlinked] {
        try {
            crm_.companies().restore(id, user_, unlinked);
            listStale_ = true;
            if (changed_) changed_();
            if (!dirty()) open(id);
        } catch (const std::exception& e) {
            actionError_ = format(tr("Could not undo the delete: %s"), e.what());
        }
    });
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Layout and list
//-----------------------------------------------------------------------------------------------------------------

void CompaniesScreen::draw() {
    // Back from another screen (customers linked or unlinked there): read the list again.
    if (ImGui::GetFrameCount() > lastDrawnFrame_ + 1) listStale_ = true;
    lastDrawnFrame_ = ImGui::GetFrameCount();
    refreshList();
    drawHeader();

    bool dialogOpen = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
    if (!dialogOpen && !ImGui::GetIO().WantTextInput && mode_ == Mode::Edit && ImGui::IsKeyPressed(ImGuiKey_Delete, false))
        deleteCompany(original_.id);

    ImVec2 avail = ImGui::GetContentRegionAvail();
    bool detail = mode_ != Mode::Closed;
    bool narrow = avail.x < 900.0f;
    float spacing = ImGui::GetStyle().ItemSpacing.x * 2;
    float detailWidth = narrow ? avail.x : std::clamp(avail.x * 0.36f, 360.0f, 480.0f);
    if (!(detail && narrow)) {
        float listWidth = detail ? avail.x - detailWidth - spacing : avail.x;
        ImGui::BeginChild("##company-list", ImVec2(listWidth, avail.y));
        if (rows_.empty() && search_.empty()) drawEmptyState();
        else drawTable();
        ImGui::EndChild();
        if (detail) ImGui::SameLine(0, spacing);
    }
    if (detail) drawDetail();
    drawUnsavedChangesDialog();
}

void CompaniesScreen::drawHeader() {
    screenTitle(tr("Companies"));
    ImGui::SameLine();
    const char* add = label("Add company", "add-company");
    float width = ImGui::CalcTextSize(add, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SetCursorPosX(ImGui::GetContentRegionMax().x - width);
    if (primaryButton(add)) addCompany();

    std::string count = core::formatInteger(language(), int64_t(rows_.size()));
    mutedText(format(tr(rows_.size() == 1 ? "%s company" : "%s companies"), count.c_str()).c_str());
    if (!actionError_.empty()) errorText(actionError_.c_str());
    ImGui::Spacing();
}

void CompaniesScreen::drawEmptyState() {
    ImVec2 avail = ImGui::GetContentRegionAvail();
    const char* title = tr("No companies yet");
    const char* hint = tr("Add the companies your customers work for, then link each customer to one.");
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + avail.y * 0.3f);
    ImGui::PushFont(fonts().title);
    ImGui::SetCursorPosX((avail.x - ImGui::CalcTextSize(title).x) * 0.5f);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    ImGui::SetCursorPosX(std::max(0.0f, (avail.x - ImGui::CalcTextSize(hint).x) * 0.5f));
    mutedText(hint);
    ImGui::Spacing();
    const char* add = label("Add company", "empty-state-add-company");
    ImGui::SetCursorPosX((avail.x - ImGui::CalcTextSize(add, nullptr, true).x - ImGui::GetStyle().FramePadding.x * 2) * 0.5f);
    if (primaryButton(add)) addCompany();
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

void CompaniesScreen::drawTable() {
    // The filter bar: the search box first, focused with Ctrl+K or /.
    bool typing = ImGui::GetIO().WantTextInput;
    if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_K) || (!typing && ImGui::IsKeyPressed(ImGuiKey_Slash, false)))
        focusSearch_ = true;
    if (focusSearch_) {
        ImGui::SetKeyboardFocusHere();
        focusSearch_ = false;
    }
    ImGui::SetNextItemWidth(std::min(360.0f, ImGui::GetContentRegionAvail().x));
    noteGlyphs(search_);
    std::string hint = std::string(ICON_SEARCH) + "  " + tr("Search name, city or industry (Ctrl+K)");
    if (ImGui::InputTextWithHint("##company-search", hint.c_str(), &search_)) listStale_ = true;
    if (!search_.empty()) {
        ImGui::SameLine();
        if (ImGui::Button(label("Clear", "company-search-clear"))) {
            search_.clear();
            listStale_ = true;
        }
    }
    ImGui::Spacing();
    if (rows_.empty()) {
        mutedText(tr("No company matches the search."));
        return;
    }
    if (rows_.size() >= size_t(kListLimit)) mutedText(tr("Only the first companies are listed: search to narrow the list."));

    const ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable |
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable("companies", 5, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(label("Name", "name"), ImGuiTableColumnFlags_NoHide, 1.5f);
    ImGui::TableSetupColumn(label("City", "city"), 0, 0.8f);
    ImGui::TableSetupColumn(label("Industry", "industry"), 0, 1.0f);
    ImGui::TableSetupColumn(label("Phone", "phone"), 0, 1.0f);
    ImGui::TableSetupColumn(label("Customers", "customers"), 0, 0.6f);
    ImGui::TableHeadersRow();

    const float rowHeight = ImGui::GetTextLineHeight() + 18.0f;
    ImGuiListClipper clipper;
    clipper.Begin(int(rows_.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++) {
            const core::Company& c = rows_[i];
            ImGui::TableNextRow(ImGuiTableRowFlags_None, rowHeight);
            ImGui::TableSetColumnIndex(0);
            float rowTop = ImGui::GetCursorPosY();
            bool selected = mode_ == Mode::Edit && c.id == original_.id;
            std::string rowId = "##company-row-" + c.id;
            if (ImGui::Selectable(rowId.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, rowHeight)) &&
                !selected) {
                std::string id = c.id;  // rows_ may be read again by the request
                request(Pending::OpenCompany, id);
            }
            ImGui::SameLine(0, 0);
            cellText(c.name, rowTop, rowHeight);
            if (ImGui::TableSetColumnIndex(1)) cellText(c.city, rowTop, rowHeight);
            if (ImGui::TableSetColumnIndex(2)) cellText(c.industry, rowTop, rowHeight);
            if (ImGui::TableSetColumnIndex(3)) cellText(core::formatPhone(c.phone), rowTop, rowHeight, true);
            if (ImGui::TableSetColumnIndex(4)) {
                auto it = counts_.find(c.id);
                cellText(core::formatInteger(language(), it == counts_.end() ? 0 : it->second), rowTop, rowHeight, true);
            }
        }
    }
    ImGui::EndTable();
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Company form and its customers
//-----------------------------------------------------------------------------------------------------------------

void CompaniesScreen::drawDetail() {
    beginDetailPanel("##company-detail");
    bool dialogOpen = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
    if (drawForm(!dialogOpen)) perform(Pending::CloseForm, {});
    endDetailPanel();
}

bool CompaniesScreen::textField(const char* english, const char* key, std::string* value, int lines, const char* hint,
                                float width) {
    const char* shown = tr(english);
    if (focusFirstField_ && std::string(key) == "name") {
        ImGui::SetKeyboardFocusHere();
        focusFirstField_ = false;
    }
    std::string id = std::string("##company-") + key;
    FieldEvents events = formField(shown, id.c_str(), value, messages_.sentence(errors_, key, shown),
                                   std::string(key) == "name", lines, hint, width);
    if (events.left) messages_.left(key);
    if (events.left && std::string(key) == "phone") *value = core::formatPhone(core::normalizePhone(core::trimmed(*value)));
    return events.entered;
}

// True when Cancel or Esc closes the form.
bool CompaniesScreen::drawForm(bool shortcuts) {
    errors_ = core::validateCompany(draft_);
    bool wantSave = false, cancel = false, remove = false;
    screenTitle(mode_ == Mode::New ? tr("New company") : (original_.name.empty() ? tr("Company") : original_.name.c_str()));
    mutedText(mode_ == Mode::New ? tr("Fields marked * are required.") : tr("Changes are saved when you press Save."));
    if (!saveError_.empty()) errorText(saveError_.c_str());
    ImGui::Spacing();

    const ImGuiStyle& style = ImGui::GetStyle();
    float footerHeight = ImGui::GetFrameHeight() + style.ItemSpacing.y * 2 + 1;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(2, 2));
    ImGui::BeginChild("##company-fields", ImVec2(0, -footerHeight), ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    sectionTitle(tr("Company"));
    wantSave |= textField("Name", "name", &draft_.name);
    wantSave |= textField("Industry", "industry", &draft_.industry, 1, tr("e.g. Tea trade"));
    wantSave |= textField("Owner", "owner", &draft_.owner, 1, tr("The sales rep responsible"));
    sectionTitle(tr("Phone and email"));
    wantSave |= textField("Phone", "phone", &draft_.phone, 1, tr("+49 30 1234567"));
    wantSave |= textField("Email", "email", &draft_.email, 1, tr("name@example.com"));
    wantSave |= textField("Website", "website", &draft_.website, 1, "www.example.com");
    sectionTitle(tr("Address"));
    float half = pairFieldWidth();
    beginPairedField(false);
    wantSave |= textField("Country", "country", &draft_.country, 1, tr("e.g. China"), half);
    endPairedField();
    beginPairedField(true);
    wantSave |= textField("Province", "province", &draft_.province, 1, tr("e.g. Guangdong"), half);
    endPairedField();
    beginPairedField(false);
    wantSave |= textField("City", "city", &draft_.city, 1, nullptr, half);
    endPairedField();
    beginPairedField(true);
    wantSave |= textField("District", "district", &draft_.district, 1, tr("e.g. Nanshan"), half);
    endPairedField();
    wantSave |= textField("Street address", "address", &draft_.address, 1, tr("Street, building, room"));
    sectionTitle(tr("Notes"));
    textField("Notes", "notes", &draft_.notes, 4);
    if (mode_ == Mode::Edit) drawCustomers();
    ImGui::EndChild();

    ImGui::Separator();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + style.ItemSpacing.y * 0.5f);
    if (primaryButton(label("Save", "company-form-save"))) wantSave = true;
    ImGui::SameLine();
    if (ImGui::Button(label("Cancel", "company-form-cancel"))) cancel = true;
    if (mode_ == Mode::Edit) {
        const char* text = label("Delete", "company-form-delete");
        float width = ImGui::CalcTextSize(text, nullptr, true).x + style.FramePadding.x * 2;
        ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetContentRegionMax().x - width));
        if (dangerButton(text)) remove = true;
    }
    if (shortcuts) {
        if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_S)) wantSave = true;
        if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) cancel = true;
    }
    if (remove) {
        deleteCompany(original_.id);
        return false;
    }
    if (cancel) return true;
    if (wantSave) save();
    return false;
}

// Who works for the open company (live customers linked to it), by name.
void CompaniesScreen::drawCustomers() {
    sectionTitle(format(tr("Customers of this company (%d)"), int(customers_.size())).c_str());
    if (customers_.empty()) {
        mutedText(tr("No customer is linked to this company yet. Pick it in a customer's Company field."));
        return;
    }
    for (const core::Customer& c : customers_) {
        dataText(c.name);
        std::string contact = core::formatPhone(c.phone);
        if (!c.email.empty()) contact += (contact.empty() ? "" : "  ·  ") + c.email;
        if (!contact.empty()) {
            ImGui::SameLine();
            noteGlyphs(contact);
            mutedText(contact.c_str());
        }
    }
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Dialogs
//-----------------------------------------------------------------------------------------------------------------

void CompaniesScreen::drawUnsavedChangesDialog() {
    const char* id = "##company-unsaved-changes";
    if (openUnsavedDialog_) {
        ImGui::OpenPopup(id);
        openUnsavedDialog_ = false;
    }
    if (!beginDialog(id)) return;
    screenTitle(tr("Unsaved changes"));
    if (mode_ == Mode::New) ImGui::TextUnformatted(tr("Your changes to the new company are not saved yet."));
    else ImGui::TextUnformatted(format(tr("Your changes to \"%s\" are not saved yet."), original_.name.c_str()).c_str());
    ImGui::Spacing();
    bool close = false;
    if (primaryButton(label("Save", "company-unsaved-save"))) {
        close = true;
        if (save()) perform(pending_, pendingId_);
        else pending_ = Pending::None;  // the form shows what to fix
    }
    ImGui::SameLine();
    if (ImGui::Button(label("Discard", "company-unsaved-discard"))) {
        close = true;
        perform(pending_, pendingId_);
    }
    ImGui::SameLine();
    if (ImGui::Button(label("Keep editing", "company-unsaved-keep-editing")) || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        close = true;
        pending_ = Pending::None;
    }
    if (close) ImGui::CloseCurrentPopup();
    endDialog();
}

}  // namespace ui
