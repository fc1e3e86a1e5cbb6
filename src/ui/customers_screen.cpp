// The Customers screen: header, filter bar with chips, the virtualised table over the whole filtered list, multi-
// select with bulk actions, the detail form, the empty states, delete with undo and the "unsaved changes" question.
//
// The table never holds the list: ImGuiListClipper asks for the visible rows only, and those are read a page
// (kPageRows rows) at a time with keyset paging. Where page N starts is known from anchors — the key of every
// kPageRows-th row, read with CustomerService::keysEvery (ids only) a few each frame after a query change — so
// jumping anywhere in 100k rows reads one page, never OFFSET. Pages are cached until the data, the search, a
// filter or the order changes.
//
// Index
//   [SECTION] Data: counts, anchors, page cache, choices
//   [SECTION] Selection
//   [SECTION] Actions: open, delete, bulk changes (each one commit, one undo)
//   [SECTION] Layout and keys
//   [SECTION] Header, filter bar, chips, bulk bar
//   [SECTION] Table
//   [SECTION] Detail and dialogs
#include "ui/customers_screen.h"

#include <algorithm>
#include <functional>
#include <optional>

#include "core/validation.h"
#include "imgui.h"
#include "imgui_internal.h"  // PushItemFlag(ImGuiItemFlags_NoNav), the table's scroll bar rectangle
#include "imgui_stdlib.h"
#include "ui/fonts.h"
#include "ui/i18n.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace ui {

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Data: counts, anchors, page cache, choices
//-----------------------------------------------------------------------------------------------------------------

static constexpr int kPageRows = 100;            // rows per page read, and between two anchors (a screenful is ~30)
static constexpr size_t kPageCacheLimit = 200;   // pages kept (20,000 rows); the least recently used goes first
static constexpr int kAnchorsPerFrame = 16;      // anchors read ahead per frame, and beyond the one needed (1,600 rows)
static constexpr int kPagesFreedPerFrame = 10;   // of the pages an order or filter change left behind

CustomersScreen::CustomersScreen(core::Crm& crm, UndoToast& toast, std::string user, CustomerImportDialog& importDialog,
                                 CustomerExportMenu& exportMenu)
    : crm_(crm), toast_(toast), importDialog_(importDialog), exportMenu_(exportMenu), user_(user),
      form_(crm, std::move(user)) {}

void CustomersScreen::dataChanged() {
    totalCount_ = -1;
    choicesStale_ = true;
    queryChanged();
}

void CustomersScreen::queryChanged() {
    rowCount_ = -1;
    orderChanged();
}

void CustomersScreen::orderChanged() {
    anchors_.clear();
    anchorsComplete_ = false;
    if (!pages_.empty()) retiredPages_.push_back(std::move(pages_));
    pages_.clear();
}

void CustomersScreen::freeRetiredPages() {
    for (int freed = 0; freed < kPagesFreedPerFrame && !retiredPages_.empty();) {
        PageCache& pages = retiredPages_.back();
        if (pages.empty()) {
            retiredPages_.pop_back();
            continue;
        }
        pages.erase(pages.begin());
        freed++;
    }
}

int64_t CustomersScreen::customerCount() {
    if (totalCount_ < 0) totalCount_ = crm_.customers().count();
    return totalCount_;
}

int64_t CustomersScreen::rowCount() {
    if (rowCount_ < 0) rowCount_ = crm_.customers().count(query_.filter);
    return rowCount_;
}

// Custom field columns and the filter pickers' choices, read again when the data changed.
void CustomersScreen::refreshChoices() {
    if (!choicesStale_) return;
    customFields_ = crm_.customFields().list();
    tags_ = crm_.customers().tags();
    owners_ = crm_.customers().owners();
    cities_ = crm_.customers().cities();
    choicesStale_ = false;
}

const char* CustomersScreen::sortName() const {
    switch (query_.order.sort) {
        case core::CustomerSort::Name: return "name";
        case core::CustomerSort::Company: return "company";
        case core::CustomerSort::Phone: return "phone";
        case core::CustomerSort::Email: return "email";
        case core::CustomerSort::City: return "city";
        case core::CustomerSort::UpdatedAt: return "updated";
        case core::CustomerSort::CreatedAt: return "created";
        case core::CustomerSort::Owner: return "owner";
        case core::CustomerSort::Source: return "source";
        case core::CustomerSort::Custom: return "custom";
    }
    return "name";
}

void CustomersScreen::setSort(core::CustomerSort sort, const std::string& customFieldId, bool ascending) {
    core::CustomerOrder order{sort, sort == core::CustomerSort::Custom ? customFieldId : std::string(), ascending};
    if (order.sort == query_.order.sort && order.customFieldId == query_.order.customFieldId &&
        order.ascending == query_.order.ascending)
        return;
    query_.order = order;
    orderChanged();
    // The selection (ids) stays; row numbers mean other rows now.
    cursor_ = rangeAnchor_ = -1;
}

std::string CustomersScreen::tagFilterName() const {
    for (const core::Tag& t : tags_)
        if (t.id == query_.filter.tagId) return t.name;
    return query_.filter.tagId.empty() ? "" : "?";
}

// Reads the next `count` anchors (fewer at the end of the list).
void CustomersScreen::readAnchors(int count) {
    std::vector<core::RowKey> more =
        crm_.customers().keysEvery(query_, anchors_.empty() ? nullptr : &anchors_.back(), kPageRows, count);
    if (int(more.size()) < count) anchorsComplete_ = true;
    anchors_.insert(anchors_.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

// Makes sure the anchor before `page` is known (page 0 starts at the top). False when the list is shorter.
bool CustomersScreen::ensureAnchors(int64_t page) {
    if (page <= 0 || int64_t(anchors_.size()) >= page) return true;
    if (anchorsComplete_) return false;
    readAnchors(int(page - int64_t(anchors_.size())) + kAnchorsPerFrame);
    return int64_t(anchors_.size()) >= page;
}

// Every frame the list is drawn, a few more anchors than it needed: a second after a search, sort or filter
// change (at full frame rate) the anchors of 100k rows are known, so dragging the scroll bar to anywhere reads
// one page, never the 10,000s of keys on the way there in one frame.
void CustomersScreen::readAnchorsAhead() {
    if (!anchorsComplete_ && rowCount_ > 0) readAnchors(kAnchorsPerFrame);
}

const core::Customer* CustomersScreen::cachedRowAt(int64_t row) const {
    if (row < 0) return nullptr;
    auto it = pages_.find(row / kPageRows);
    if (it == pages_.end()) return nullptr;
    size_t offset = size_t(row % kPageRows);
    const std::vector<core::Customer>& rows = it->second.page.rows;
    return offset < rows.size() ? &rows[offset] : nullptr;
}

const core::Customer* CustomersScreen::rowAt(int64_t row) {
    if (row < 0) return nullptr;
    int64_t page = row / kPageRows;
    auto it = pages_.find(page);
    if (it == pages_.end()) {
        if (!ensureAnchors(page)) return nullptr;
        // Least recently used goes: never a page this frame shows (the clipper may also ask for row 0 every frame,
        // for the focused header, and dropping the page on screen for it read two pages a frame).
        if (pages_.size() >= kPageCacheLimit)
            pages_.erase(std::min_element(pages_.begin(), pages_.end(), [](const auto& a, const auto& b) {
                return a.second.usedInFrame < b.second.usedInFrame;
            }));
        it = pages_.emplace(page, CachedPage{crm_.customers().page(query_, page == 0 ? nullptr : &anchors_[size_t(page - 1)],
                                                                  kPageRows)}).first;
    }
    it->second.usedInFrame = ImGui::GetFrameCount();
    return cachedRowAt(row);
}

// The ids of rows first..last in list order, read from the anchor before them (ids only, not the rows).
std::vector<std::string> CustomersScreen::rowIds(int64_t first, int64_t last) {
    if (first < 0 || last < first) return {};
    int64_t page = first / kPageRows;
    if (!ensureAnchors(page)) return {};
    int64_t start = page * kPageRows;
    std::vector<std::string> ids = crm_.customers().ids(query_, page == 0 ? nullptr : &anchors_[size_t(page - 1)],
                                                        int(last - start + 1));
    ids.erase(ids.begin(), ids.begin() + std::min<int64_t>(first - start, int64_t(ids.size())));
    return ids;
}

std::vector<const core::Customer*> CustomersScreen::visibleRows() const {
    std::vector<const core::Customer*> rows;
    for (int64_t i : visible_)
        if (const core::Customer* c = cachedRowAt(i)) rows.push_back(c);
    return rows;
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Selection
//-----------------------------------------------------------------------------------------------------------------

std::vector<std::string> CustomersScreen::selection() const {
    std::vector<std::string> ids(selected_.begin(), selected_.end());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void CustomersScreen::clearSelection() {
    selected_.clear();
    rangeAnchor_ = -1;
}

void CustomersScreen::selectOnly(int64_t row, const std::string& id) {
    selected_ = {id};
    cursor_ = rangeAnchor_ = row;
}

// Click opens the row (and selects only it); Ctrl+click toggles it; Shift+click selects the range from the last
// clicked row (Ctrl+Shift adds the range). Ranges are read by keys, so they may span rows never drawn.
void CustomersScreen::clickRow(int64_t row, const std::string& id) {
    const ImGuiIO& io = ImGui::GetIO();
    bool toggle = io.KeyCtrl || io.KeySuper;
    if (io.KeyShift) {
        int64_t from = rangeAnchor_ >= 0 ? rangeAnchor_ : row;
        if (!toggle) selected_.clear();
        for (std::string& each : rowIds(std::min(from, row), std::max(from, row))) selected_.insert(std::move(each));
        rangeAnchor_ = from;
        cursor_ = row;
    } else if (toggle) {
        if (!selected_.erase(id)) selected_.insert(id);
        cursor_ = rangeAnchor_ = row;
    } else if (id == selectedId_) {
        selectOnly(row, id);  // already open: keep the form as it is
    } else {
        request(Pending::OpenCustomer, id, row);
    }
}

// Up/Down move the cursor and select that row; with Shift the range from the anchor grows or shrinks.
void CustomersScreen::moveCursor(int64_t to, bool extend) {
    to = std::clamp<int64_t>(to, 0, rowCount() - 1);
    const core::Customer* c = rowAt(to);
    if (c == nullptr) return;
    if (extend) {
        int64_t from = rangeAnchor_ >= 0 ? rangeAnchor_ : (cursor_ >= 0 ? cursor_ : to);
        selected_.clear();
        for (std::string& each : rowIds(std::min(from, to), std::max(from, to))) selected_.insert(std::move(each));
        rangeAnchor_ = from;
        cursor_ = to;
    } else {
        selectOnly(to, c->id);
    }
    scrollToRow_ = to;
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Actions: open, delete, bulk changes (each one commit, one undo)
//-----------------------------------------------------------------------------------------------------------------

void CustomersScreen::addCustomer() { request(Pending::NewCustomer); }

void CustomersScreen::request(Pending what, const std::string& id, int64_t row) {
    if (form_.dirty()) {
        pending_ = what;
        pendingId_ = id;
        pendingRow_ = row;
        openUnsavedDialog_ = true;
        return;
    }
    perform(what, id, row);
}

void CustomersScreen::perform(Pending what, std::string id, int64_t row) {
    pending_ = Pending::None;
    pendingId_.clear();
    pendingRow_ = -1;
    actionError_.clear();
    switch (what) {
        case Pending::NewCustomer:
            form_.openNew();
            selectedId_.clear();
            break;
        case Pending::OpenCustomer:
            open(id);
            if (selectedId_ == id) selectOnly(row, id);
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

// After a bulk change the open form may show old values; saving them would undo the change. A form with no
// edits is read again; one with edits is the user's (Save asks nothing, it writes what they typed).
static void reopenUnedited(CustomerForm& form, core::CustomerService& customers) {
    if (form.mode() != CustomerForm::Mode::Edit || form.dirty()) return;
    std::optional<core::Customer> fresh = customers.get(form.customerId());
    if (fresh) form.openExisting(*fresh);
    else form.close();
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
    selected_.erase(id);
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

// Del and the bulk bar's Delete: the selected customers in one commit; Undo brings back those it deleted.
void CustomersScreen::deleteSelection() {
    std::vector<std::string> ids = selection();
    if (ids.empty()) return;
    if (ids.size() == 1) return deleteCustomer(ids[0]);
    actionError_.clear();
    std::vector<std::string> removed;
    try {
        crm_.customers().removeMany(ids, user_, &removed);
    } catch (const std::exception& e) {
        actionError_ = format(tr("Could not delete: %s"), e.what());
        return;
    }
    if (std::find(removed.begin(), removed.end(), form_.customerId()) != removed.end()) {
        form_.close();
        selectedId_.clear();
    }
    clearSelection();
    cursor_ = -1;
    dataChanged();
    std::string n = core::formatInteger(language(), int64_t(removed.size()));
    toast_.show(format(removed.size() == 1 ? tr("Deleted %s customer") : tr("Deleted %s customers"), n.c_str()), [this, removed] {
        try {
            crm_.customers().restoreMany(removed, user_);
            dataChanged();
            selected_.insert(removed.begin(), removed.end());
        } catch (const std::exception& e) {
            actionError_ = format(tr("Could not undo the delete: %s"), e.what());
        }
    });
}

// One bulk change of the selection: `change` commits it and says what to show and how to undo it (nullptr: it
// changed nothing). Then the list is read again and the toast offers the undo, itself one commit.
void CustomersScreen::bulkChange(const char* failure, const std::function<BulkOutcome()>& change) {
    actionError_.clear();
    BulkOutcome outcome;
    try {
        outcome = change();
    } catch (const std::exception& e) {
        actionError_ = format(failure, e.what());
        return;
    }
    dataChanged();
    reopenUnedited(form_, crm_.customers());
    if (!outcome.undo) {
        toast_.show(outcome.message, nullptr);
        return;
    }
    toast_.show(outcome.message, [this, undo = outcome.undo] {
        try {
            undo();
            dataChanged();
            reopenUnedited(form_, crm_.customers());
        } catch (const std::exception& e) {
            actionError_ = format(tr("Could not undo: %s"), e.what());
        }
    });
}

static std::string countText(size_t n) { return core::formatInteger(language(), int64_t(n)); }

void CustomersScreen::bulkAddTag(const std::string& typed) {
    std::vector<std::string> names = core::splitTagNames(typed);
    if (names.size() != 1) {
        actionError_ = tr("Add one tag at a time: a tag name has no commas.");
        return;
    }
    const std::string name = names[0];
    bulkChange(tr("Could not add the tag: %s"), [&]() -> BulkOutcome {
        std::vector<std::string> changed;
        crm_.customers().addTag(selection(), name, user_, &changed);
        if (changed.empty()) return {format(tr("The selected customers already have the tag \"%s\"."), name.c_str()), nullptr};
        const char* text = changed.size() == 1 ? tr("Tag \"%s\" added to %s customer") : tr("Tag \"%s\" added to %s customers");
        return {format(text, name.c_str(), countText(changed.size()).c_str()),
                [this, changed, tagId = core::tagIdFor(name)] { crm_.customers().removeTag(changed, tagId, user_); }};
    });
}

void CustomersScreen::bulkRemoveTag(const core::Tag& tag) {
    bulkChange(tr("Could not remove the tag: %s"), [&]() -> BulkOutcome {
        std::vector<std::string> changed;
        crm_.customers().removeTag(selection(), tag.id, user_, &changed);
        if (changed.empty()) return {format(tr("None of the selected customers has the tag \"%s\"."), tag.name.c_str()), nullptr};
        const char* text = changed.size() == 1 ? tr("Tag \"%s\" removed from %s customer") : tr("Tag \"%s\" removed from %s customers");
        return {format(text, tag.name.c_str(), countText(changed.size()).c_str()),
                [this, changed, name = tag.name] { crm_.customers().addTag(changed, name, user_); }};
    });
}

void CustomersScreen::bulkSetOwner(const std::string& typed) {
    std::string owner = core::trimmed(typed);
    if (owner.empty()) return;
    bulkChange(tr("Could not set the owner: %s"), [&]() -> BulkOutcome {
        std::vector<core::CustomerService::OwnerOf> previous;
        crm_.customers().setOwner(selection(), owner, user_, &previous);
        if (previous.empty()) return {format(tr("The selected customers already belong to \"%s\"."), owner.c_str()), nullptr};
        const char* text = previous.size() == 1 ? tr("Owner set to \"%s\" for %s customer") : tr("Owner set to \"%s\" for %s customers");
        return {format(text, owner.c_str(), countText(previous.size()).c_str()),
                [this, previous] { crm_.customers().setOwners(previous, user_); }};
    });
}

void CustomersScreen::clearFilters() {
    searchText_.clear();
    query_.filter = {};
    queryChanged();
    clearSelection();
    cursor_ = -1;
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Layout and keys
//-----------------------------------------------------------------------------------------------------------------

void CustomersScreen::draw() {
    // Coming back from another screen (custom fields may have been added there): read everything again.
    if (ImGui::GetFrameCount() > lastDrawnFrame_ + 1) dataChanged();
    lastDrawnFrame_ = ImGui::GetFrameCount();
    freeRetiredPages();

    refreshChoices();
    drawHeader();
    bool any = customerCount() > 0;
    if (any) {
        drawFilterBar();
        drawChips();
        drawBulkBar();
    }
    handleKeys();

    ImVec2 avail = ImGui::GetContentRegionAvail();
    bool detail = form_.mode() != CustomerForm::Mode::Closed;
    bool narrow = avail.x < 900.0f;
    float spacing = ImGui::GetStyle().ItemSpacing.x * 2;
    float detailWidth = narrow ? avail.x : std::clamp(avail.x * 0.36f, 360.0f, 480.0f);

    visible_.clear();
    if (!(detail && narrow)) {
        float listWidth = detail ? avail.x - detailWidth - spacing : avail.x;
        ImGui::BeginChild("##customer-list", ImVec2(listWidth, avail.y));
        if (!any) drawEmptyState();
        else if (rowCount() == 0) drawNoMatches();
        else {
            drawTable();
            readAnchorsAhead();
        }
        ImGui::EndChild();
        if (detail) ImGui::SameLine(0, spacing);
    }
    if (detail) drawDetail();
    drawUnsavedChangesDialog();
}

// Ctrl+K anywhere (or / outside a text field) goes to the search box. Outside text fields and dialogs: arrows move
// the selection (Shift extends it), Enter opens the row, Del deletes the selection (with undo), Ctrl+A selects
// every matching customer.
void CustomersScreen::handleKeys() {
    bool dialogOpen = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
    const ImGuiIO& io = ImGui::GetIO();
    // The list owns these keys while no text field or dialog has the keyboard, so ImGui's keyboard navigation
    // does not also move its focus (and Enter does not press whatever button it landed on).
    const ImGuiKey listKeys[] = {ImGuiKey_UpArrow, ImGuiKey_DownArrow, ImGuiKey_Enter, ImGuiKey_KeypadEnter};
    bool listHasKeys = !dialogOpen && !io.WantTextInput && customerCount() > 0;
    for (ImGuiKey key : listKeys) ImGui::SetKeyOwner(key, listHasKeys ? ImGui::GetID("##customer-list-keys") : ImGuiKeyOwner_None);
    if (dialogOpen) return;
    if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_K)) focusSearch_ = true;
    if (!listHasKeys) return;
    if (ImGui::IsKeyPressed(ImGuiKey_Slash, false) && !io.KeyCtrl && !io.KeyShift) focusSearch_ = true;
    if (ImGui::IsKeyPressed(ImGuiKey_Delete, false)) deleteSelection();
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) moveCursor(cursor_ < 0 ? 0 : cursor_ + 1, io.KeyShift);
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) moveCursor(cursor_ < 0 ? 0 : cursor_ - 1, io.KeyShift);
    if ((ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false)) && cursor_ >= 0)
        if (const core::Customer* c = rowAt(cursor_)) {
            std::string id = c->id;
            if (id != selectedId_) request(Pending::OpenCustomer, id, cursor_);
        }
    if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_A)) {
        std::vector<std::string> all = crm_.customers().ids(query_);
        selected_.insert(all.begin(), all.end());
    }
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Header, filter bar, chips, bulk bar
//-----------------------------------------------------------------------------------------------------------------

// Title, count, then right-aligned the buttons that work on the whole list (Import, Export) and "Add customer".
void CustomersScreen::drawHeader() {
    float top = ImGui::GetCursorPosY();
    screenTitle(tr("Customers"));
    float titleHeight = ImGui::GetItemRectSize().y;
    ImGui::SameLine(0, 16);
    std::string total = core::formatInteger(language(), customerCount());
    std::string count = format(customerCount() == 1 ? tr("%s customer") : tr("%s customers"), total.c_str());
    bool filtered = !core::trimmed(query_.filter.search).empty() || !query_.filter.tagId.empty() ||
                    !query_.filter.owner.empty() || !query_.filter.city.empty() || !query_.filter.source.empty();
    if (filtered && customerCount() > 0)
        count = format(tr("%s of %s customers match"), core::formatInteger(language(), rowCount()).c_str(), total.c_str());
    ImGui::SetCursorPosY(top + titleHeight - ImGui::GetTextLineHeight() - 2);  // on the title's baseline
    mutedText(count.c_str());
    ImGui::SameLine();
    const char* add = label("Add customer", "add-customer");
    float width = ImGui::CalcTextSize(add, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    float spacing = ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetCursorPosX(ImGui::GetContentRegionMax().x - width - importDialog_.buttonWidth() -
                         exportMenu_.buttonWidth() - spacing * 2);
    ImGui::SetCursorPosY(top + (titleHeight - ImGui::GetFrameHeight()) * 0.5f);
    importDialog_.drawButton();
    ImGui::SameLine();
    exportMenu_.drawButton(filtered ? &query_ : nullptr);  // offers "the filtered list" while a filter is on
    ImGui::SameLine();
    if (primaryButton(add)) addCustomer();
    if (!actionError_.empty()) errorText(actionError_.c_str());
    ImGui::Spacing();
}

enum FilterKind { FilterTag, FilterOwner, FilterCity, FilterSource };

// The search box (as you type: every keystroke is one count and one page), then one picker per filter.
void CustomersScreen::drawFilterBar() {
    ImGui::SetNextItemWidth(std::min(360.0f, ImGui::GetContentRegionAvail().x * 0.4f));
    if (focusSearch_) {
        ImGui::SetKeyboardFocusHere();
        focusSearch_ = false;
    }
    if (ImGui::InputTextWithHint("##customer-search", tr("Search name, phone, email, company... (Ctrl+K)"), &searchText_)) {
        noteGlyphs(searchText_);
        query_.filter.search = searchText_;
        queryChanged();
        clearSelection();
        cursor_ = -1;
    }
    searchActive_ = ImGui::IsItemActive();
    ImGui::SameLine(0, 16);
    drawFilterPicker(label("Tag", "filter-tag"), "##filter-tag-popup", FilterTag);
    ImGui::SameLine();
    drawFilterPicker(label("Owner", "filter-owner"), "##filter-owner-popup", FilterOwner);
    ImGui::SameLine();
    drawFilterPicker(label("City", "filter-city"), "##filter-city-popup", FilterCity);
    ImGui::SameLine();
    drawFilterPicker(label("Source", "filter-source"), "##filter-source-popup", FilterSource);
}

// A button that opens a list of the values to filter by; choosing one sets that filter (a chip shows it).
void CustomersScreen::drawFilterPicker(const char* button, const char* popup, int which) {
    if (ImGui::Button(button)) ImGui::OpenPopup(popup);
    ImGui::SetNextWindowSizeConstraints(ImVec2(200, 0), ImVec2(360, 420));
    if (!ImGui::BeginPopup(popup)) return;
    std::string* target = which == FilterTag ? &query_.filter.tagId
                        : which == FilterOwner ? &query_.filter.owner
                        : which == FilterCity ? &query_.filter.city : &query_.filter.source;
    std::string chosen;
    bool picked = false;
    auto item = [&](const std::string& value, const std::string& shown, const std::string& id) {
        noteGlyphs(shown);
        std::string text = shown + "###" + id;
        if (ImGui::Selectable(text.c_str(), *target == value)) chosen = value, picked = true;
    };
    switch (which) {
        case FilterTag:
            for (const core::Tag& t : tags_)
                if (t.customers > 0) item(t.id, t.name + "  (" + core::formatInteger(language(), t.customers) + ")", "filter-tag-" + t.name);
            if (tags_.empty()) mutedText(tr("No tags yet"));
            break;
        case FilterOwner:
            for (const std::string& o : owners_) item(o, o, "filter-owner-" + o);
            if (owners_.empty()) mutedText(tr("No owners yet"));
            break;
        case FilterCity:
            for (const std::string& c : cities_) item(c, c, "filter-city-" + c);
            if (cities_.empty()) mutedText(tr("No cities yet"));
            break;
        case FilterSource:
            for (const std::string& s : core::kSourceChannels) item(s, sourceChannelName(s), "filter-source-" + s);
            break;
    }
    if (picked) {
        *target = chosen;
        queryChanged();
        clearSelection();
        cursor_ = -1;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// One chip per active filter ("Tag: vip ×", a click removes it) and "Clear filters".
void CustomersScreen::drawChips() {
    const core::CustomerFilter& f = query_.filter;
    struct Chip {
        const char* what;
        std::string value;
        std::string* field;
        const char* id;
    };
    Chip chips[] = {{tr("Tag"), tagFilterName(), &query_.filter.tagId, "chip-tag"},
                    {tr("Owner"), f.owner, &query_.filter.owner, "chip-owner"},
                    {tr("City"), f.city, &query_.filter.city, "chip-city"},
                    {tr("Source"), f.source.empty() ? "" : sourceChannelName(f.source), &query_.filter.source, "chip-source"}};
    bool any = false;
    for (Chip& chip : chips) {
        if (chip.field->empty()) continue;
        if (any) ImGui::SameLine();
        any = true;
        std::string text = std::string(chip.what) + ": " + chip.value + "  " ICON_CLOSE "###" + chip.id;
        noteGlyphs(chip.value);
        ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, ImGui::GetFrameHeight() * 0.5f);
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
        bool remove = ImGui::Button(text.c_str());
        ImGui::PopStyleColor();
        ImGui::PopStyleVar();
        if (remove) {
            chip.field->clear();
            queryChanged();
            clearSelection();
            cursor_ = -1;
        }
    }
    bool searching = !core::trimmed(f.search).empty();
    if (!any && !searching) return;
    if (any) ImGui::SameLine();
    if (ImGui::SmallButton(label("Clear filters", "clear-filters"))) clearFilters();
}

// While rows are selected: how many, "Select all N matching", and the bulk changes; else how to select. The line
// is always there, so the table does not jump when the first row is selected.
void CustomersScreen::drawBulkBar() {
    ImGui::AlignTextToFramePadding();
    if (selected_.empty()) {
        mutedText(tr("Click a row to open it; Ctrl+click or Shift+click to select several."));
        return;
    }
    std::string n = core::formatInteger(language(), int64_t(selected_.size()));
    ImGui::TextUnformatted(format(tr("%s selected"), n.c_str()).c_str());
    ImGui::SameLine();
    if (int64_t(selected_.size()) < rowCount()) {
        std::string all = format(tr("Select all %s matching"), core::formatInteger(language(), rowCount()).c_str()) +
                          "###select-all-matching";
        if (ImGui::Button(all.c_str())) {
            std::vector<std::string> ids = crm_.customers().ids(query_);
            selected_.insert(ids.begin(), ids.end());
        }
        ImGui::SameLine();
    }
    ImGui::SameLine(0, 16);
    if (ImGui::Button(label("Add tag", "bulk-add-tag"))) {
        bulkTagName_.clear();
        ImGui::OpenPopup("##bulk-add-tag-popup");
    }
    ImGui::SameLine();
    if (ImGui::Button(label("Remove tag", "bulk-remove-tag"))) ImGui::OpenPopup("##bulk-remove-tag-popup");
    ImGui::SameLine();
    if (ImGui::Button(label("Set owner", "bulk-set-owner"))) {
        bulkOwnerName_.clear();
        ImGui::OpenPopup("##bulk-set-owner-popup");
    }
    ImGui::SameLine();
    if (dangerButton(label("Delete", "bulk-delete"))) deleteSelection();
    ImGui::SameLine();
    if (ImGui::Button(label("Clear selection", "clear-selection"))) {
        clearSelection();
        cursor_ = -1;
    }
    drawBulkPopups();
}

// A popup where a name is typed (Enter or the button applies it) or picked from `known`; returns the name chosen
// this frame, or "" (the popup is closed then).
static std::string typeOrPick(const char* popup, const char* input, const char* hint, std::string& typed,
                              const char* apply, const std::string& itemPrefix, const std::vector<std::string>& known) {
    std::string chosen;
    ImGui::SetNextWindowSizeConstraints(ImVec2(260, 0), ImVec2(380, 420));
    if (!ImGui::BeginPopup(popup)) return chosen;
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-FLT_MIN);
    bool entered = ImGui::InputTextWithHint(input, hint, &typed, ImGuiInputTextFlags_EnterReturnsTrue);
    noteGlyphs(typed);
    if ((primaryButton(apply) || entered) && !core::trimmed(typed).empty()) chosen = typed;
    for (const std::string& name : known) {
        noteGlyphs(name);
        if (ImGui::Selectable((name + "###" + itemPrefix + name).c_str())) chosen = name;
    }
    if (!chosen.empty()) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return chosen;
}

// The bulk bar's pickers: a tag to add (typed, or one of the existing), a tag to remove, an owner to set.
void CustomersScreen::drawBulkPopups() {
    std::vector<std::string> tagNames;
    for (const core::Tag& t : tags_) tagNames.push_back(t.name);
    std::string tag = typeOrPick("##bulk-add-tag-popup", "##bulk-tag-name", tr("Tag name"), bulkTagName_,
                                 label("Add", "bulk-add-tag-apply"), "bulk-add-tag-", tagNames);
    if (!tag.empty()) bulkAddTag(tag);
    std::string owner = typeOrPick("##bulk-set-owner-popup", "##bulk-owner-name", tr("Owner's name"), bulkOwnerName_,
                                   label("Set", "bulk-set-owner-apply"), "bulk-owner-", owners_);
    if (!owner.empty()) bulkSetOwner(owner);

    ImGui::SetNextWindowSizeConstraints(ImVec2(220, 0), ImVec2(380, 420));
    if (ImGui::BeginPopup("##bulk-remove-tag-popup")) {
        if (tags_.empty()) mutedText(tr("No tags yet"));
        for (const core::Tag& t : tags_) {
            noteGlyphs(t.name);
            std::string text = t.name + "###bulk-remove-tag-" + t.name;
            if (ImGui::Selectable(text.c_str())) {
                core::Tag chosen = t;  // bulkRemoveTag reads the tags again
                ImGui::CloseCurrentPopup();
                bulkRemoveTag(chosen);
                break;
            }
        }
        ImGui::EndPopup();
    }
}

// Puts the next item, `width` wide, in the middle of the line.
static void centreNext(float width) {
    ImGui::SetCursorPosX(std::max(0.0f, (ImGui::GetContentRegionAvail().x - width) * 0.5f));
}

static void centredLine(const char* text) { centreNext(ImGui::CalcTextSize(text).x); }

static void centredEmptyText(const char* title, const char* hint) {
    ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + avail.y * 0.3f);
    ImGui::PushFont(fonts().title);
    centredLine(title);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    centredLine(hint);
    mutedText(hint);
    ImGui::Spacing();
}

static float buttonWidth(const char* text) {
    return ImGui::CalcTextSize(text, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

// No customers at all (UI.md: an empty state says what to do next): what the list is for, then its two ways in —
// import a file (what a rep does first) and add one by hand.
void CustomersScreen::drawEmptyState() {
    centredEmptyText(tr("No customers yet"),
                     tr("Your customers are listed here. Bring them in from a file (CSV, vCard) or add them one by one."));
    const char* import = label("Import a file...", "empty-state-import");
    const char* add = label("Add customer", "empty-state-add-customer");
    centreNext(buttonWidth(import) + ImGui::GetStyle().ItemSpacing.x + buttonWidth(add));
    if (primaryButton(import)) importDialog_.chooseFile();
    ImGui::SameLine();
    if (ImGui::Button(add)) addCustomer();
    ImGui::Spacing();
    const char* drop = tr("You can also drop a .csv or .vcf file anywhere on the window.");
    centredLine(drop);
    mutedText(drop);
}

// Customers exist but none matches: say so (with the search typed) and offer the way back, not an import.
void CustomersScreen::drawNoMatches() {
    const std::string search = core::trimmed(query_.filter.search);
    const core::CustomerFilter& f = query_.filter;
    bool filtersOn = !f.tagId.empty() || !f.owner.empty() || !f.city.empty() || !f.source.empty();
    noteGlyphs(search);
    std::string title = search.empty() ? tr("No customers match") : format(tr("No customers match \"%s\""), search.c_str());
    centredEmptyText(title.c_str(), filtersOn ? tr("Try other words, or clear the filters to see every customer.")
                                              : tr("Try other words, or clear the search to see every customer."));
    const char* clear = filtersOn ? label("Clear filters", "empty-clear-filters") : label("Clear search", "empty-clear-filters");
    centreNext(buttonWidth(clear));
    if (primaryButton(clear)) clearFilters();
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Table
//-----------------------------------------------------------------------------------------------------------------

// Fixed columns by ImGui user id; custom field k has the user id kCustomColumn + k. New columns go at the end, so
// the layout ImGui remembers (widths, order, hidden) keeps its meaning.
enum CustomerColumn {
    ColumnName, ColumnCompany, ColumnPhone, ColumnEmail, ColumnCity, ColumnTags, ColumnUpdated, ColumnOwner,
    ColumnSource, ColumnFixedCount
};
static constexpr ImGuiID kCustomColumn = 100;

static void cellText(const std::string& text, float rowTop, float rowHeight, bool alignRight = false) {
    noteGlyphs(text);
    ImGui::SetCursorPosY(rowTop + (rowHeight - ImGui::GetTextLineHeight()) * 0.5f);
    if (alignRight) {
        float free = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(text.c_str()).x;
        if (free > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + free);
    }
    ImGui::TextUnformatted(text.c_str());
}

// A custom value as the list shows it: multiple choices on one line.
static std::string shownCustomValue(const core::Customer& c, const std::string& fieldId) {
    auto it = c.custom.find(fieldId);
    if (it == c.custom.end()) return "";
    std::string v = it->second;
    for (size_t at = v.find('\n'); at != std::string::npos; at = v.find('\n', at)) v.replace(at, 1, ", ");
    return v;
}

void CustomersScreen::drawTable() {
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable |
                                  ImGuiTableFlags_Hideable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_PadOuterX | ImGuiTableFlags_NoBordersInBodyUntilResize;
    const int columns = ColumnFixedCount + int(customFields_.size());
    // The id stays "customers" whatever the columns: ImGui keeps the user's widths, order and hidden columns by it.
    if (!ImGui::BeginTable("customers", columns, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(label("Name", "name"), ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_NoHide, 1.4f, ColumnName);
    ImGui::TableSetupColumn(label("Company", "company"), 0, 1.2f, ColumnCompany);
    ImGui::TableSetupColumn(label("Phone", "phone"), 0, 1.0f, ColumnPhone);
    ImGui::TableSetupColumn(label("Email", "email"), 0, 1.4f, ColumnEmail);
    ImGui::TableSetupColumn(label("City", "city"), 0, 0.8f, ColumnCity);
    ImGui::TableSetupColumn(label("Tags", "tags"), ImGuiTableColumnFlags_NoSort, 0.9f, ColumnTags);
    ImGui::TableSetupColumn(label("Updated", "updated"), ImGuiTableColumnFlags_PreferSortDescending, 1.0f, ColumnUpdated);
    ImGui::TableSetupColumn(label("Owner", "owner"), 0, 0.8f, ColumnOwner);
    ImGui::TableSetupColumn(label("Source", "source"), 0, 0.8f, ColumnSource);
    for (size_t k = 0; k < customFields_.size(); k++) {
        std::string name = customFields_[k].label + "###custom-" + customFields_[k].id;
        noteGlyphs(customFields_[k].label);
        ImGui::TableSetupColumn(name.c_str(), 0, 0.9f, kCustomColumn + ImGuiID(k));
    }

    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        if (specs->SpecsCount > 0) {
            ImGuiID column = specs->Specs[0].ColumnUserID;
            bool up = specs->Specs[0].SortDirection != ImGuiSortDirection_Descending;
            static const core::CustomerSort kFixed[] = {
                core::CustomerSort::Name, core::CustomerSort::Company, core::CustomerSort::Phone,
                core::CustomerSort::Email, core::CustomerSort::City, core::CustomerSort::Name,
                core::CustomerSort::UpdatedAt, core::CustomerSort::Owner, core::CustomerSort::Source};
            if (column < ColumnFixedCount && column != ColumnTags) setSort(kFixed[column], "", up);
            else if (column >= kCustomColumn && column - kCustomColumn < customFields_.size())
                setSort(core::CustomerSort::Custom, customFields_[column - kCustomColumn].id, up);
        }
        specs->SpecsDirty = false;
    }

    // Header row drawn by hand so each header is reported to the test API as "<visible>###header-<column>".
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int column = 0; column < columns; column++) {
        if (!ImGui::TableSetColumnIndex(column)) continue;
        const char* name = ImGui::TableGetColumnName(column);  // "Name###name" in any language
        ImGui::TableHeader(name);
        std::string shown(name);
        size_t ids = shown.find("###");
        registerItem(shown.substr(0, ids) + "###header-" + shown.substr(ids + 3), ImGui::GetItemRectMin(),
                     ImGui::GetItemRectMax());
    }

    // Keep the cursor row in view after the arrows moved it.
    const float rowHeight = ImGui::GetTextLineHeight() + 18.0f;
    if (scrollToRow_ >= 0 && rowStride_ > 0) {
        float headerHeight = ImGui::GetCursorPosY() - ImGui::GetScrollY();
        float top = headerHeight + float(scrollToRow_) * rowStride_;
        float view = ImGui::GetWindowHeight() - headerHeight;
        if (top - headerHeight < ImGui::GetScrollY()) ImGui::SetScrollY(top - headerHeight);
        else if (top + rowStride_ > ImGui::GetScrollY() + headerHeight + view)
            ImGui::SetScrollY(top + rowStride_ - headerHeight - view);
    }
    scrollToRow_ = -1;

    ImGui::PushItemFlag(ImGuiItemFlags_NoNav, true);
    // Given the row height it measured before, the clipper does not lay out row 0 first on every frame (which read
    // the top page on every frame). Measured again when the text size changes.
    if (rowHeight != strideForRowHeight_) rowStride_ = 0;
    ImGuiListClipper clipper;
    clipper.Begin(int(rowCount()), rowStride_ > 0 ? rowStride_ : -1.0f);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++) {
            const core::Customer* c = rowAt(i);
            ImGui::TableNextRow(ImGuiTableRowFlags_None, rowHeight);
            if (c == nullptr) continue;  // the list got shorter since it was counted; the next read fixes it
            ImGui::TableSetColumnIndex(0);
            float rowTop = ImGui::GetCursorPosY();
            std::string rowLabel = "##row-" + c->id;
            bool selected = selected_.count(c->id) > 0;
            if (ImGui::Selectable(rowLabel.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, rowHeight))) {
                std::string id = c->id;  // clicking may read pages (ranges) or reopen the form
                clickRow(i, id);
                c = rowAt(i);
                if (c == nullptr) continue;
            }
            if (ImGui::IsItemVisible()) visible_.push_back(i);
            if (i == cursor_ && selected_.size() > 1) {
                ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
                ImGui::GetWindowDrawList()->AddRectFilled(min, ImVec2(min.x + 3, max.y), ImGui::GetColorU32(palette().accent));
            }
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
            if (ImGui::TableSetColumnIndex(ColumnOwner)) cellText(c->owner, rowTop, rowHeight);
            if (ImGui::TableSetColumnIndex(ColumnSource) && !c->source.empty()) cellText(sourceChannelName(c->source), rowTop, rowHeight);
            for (size_t k = 0; k < customFields_.size(); k++)
                if (ImGui::TableSetColumnIndex(ColumnFixedCount + int(k))) {
                    bool number = customFields_[k].kind == core::CustomFieldKind::Number;
                    cellText(shownCustomValue(*c, customFields_[k].id), rowTop, rowHeight, number);
                }
        }
    }
    rowStride_ = clipper.ItemsHeight;
    strideForRowHeight_ = rowHeight;
    ImGui::PopItemFlag();
    // The table's scroll bar, for tests and benchmarks to drag like a person (ImGui reports no scroll bars). It is
    // registered from the list around the table: inside it, the clip rectangle is a column's.
    ImGuiWindow* rows = ImGui::GetCurrentWindow();
    std::optional<ImRect> bar;
    if (rows->ScrollbarY) bar = ImGui::GetWindowScrollbarRect(rows, ImGuiAxis_Y);
    ImGui::EndTable();
    if (bar) registerItem("##customer-list-scrollbar", bar->Min, bar->Max);
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Detail and dialogs
//-----------------------------------------------------------------------------------------------------------------

void CustomersScreen::drawDetail() {
    beginDetailPanel("##customer-detail");
    bool dialogOpen = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
    switch (form_.draw(!dialogOpen && !searchActive_)) {
        case CustomerForm::Action::Saved:
            dataChanged();
            selectedId_ = form_.customerId();
            selected_ = {selectedId_};
            cursor_ = rangeAnchor_ = -1;
            break;
        case CustomerForm::Action::Cancelled:
            perform(Pending::CloseForm, {}, -1);
            break;
        case CustomerForm::Action::DeleteRequested:
            deleteCustomer(form_.customerId());
            break;
        case CustomerForm::Action::OpenRequested:
            request(Pending::OpenCustomer, form_.requestedId());
            break;
        case CustomerForm::Action::None:
            break;
    }
    endDetailPanel();
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
                perform(pending_, pendingId_, pendingRow_);
            } else {
                pending_ = Pending::None;  // the form shows what to fix
            }
        }
        ImGui::SameLine();
        if (ImGui::Button(label("Discard", "unsaved-discard"))) {
            close = true;
            perform(pending_, pendingId_, pendingRow_);
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
