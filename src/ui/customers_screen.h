// The Customers screen: the header (title, count, Import, Export, "Add customer"), the filter bar (search first, tag / owner /
// city / source pickers, chips for active filters), the virtualised table over the whole filtered list (keyset
// pages, only visible rows read), multi-select with bulk tag / owner / delete (one commit and one undo each), and
// the detail form beside it. Reads and writes only through core::CustomerService (no SQL here).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/crm.h"
#include "ui/customer_export_menu.h"
#include "ui/customer_form.h"
#include "ui/customer_import_dialog.h"
#include "ui/undo_toast.h"

namespace ui {

class CustomersScreen {
public:
    CustomersScreen(core::Crm& crm, UndoToast& toast, std::string user, CustomerImportDialog& importDialog,
                    CustomerExportMenu& exportMenu);

    void draw();

    // Opens an empty form (asks first if the open form has unsaved changes). Ctrl+N and "Add customer".
    void addCustomer();

    int64_t customerCount();  // all live customers (the status bar)
    int64_t rowCount();       // customers the list shows: those matching the search and filters
    void reload() { dataChanged(); }  // the data changed elsewhere (a sync import): read the list again

    // What the list shows: search, filters and order (an export of "the current list" uses it).
    const core::CustomerQuery& query() const { return query_; }

    const std::string& selectedId() const { return selectedId_; }  // the customer open in the form
    std::vector<std::string> selection() const;                   // selected rows' ids, sorted
    const CustomerForm& form() const { return form_; }
    const char* sortName() const;
    bool ascending() const { return query_.order.ascending; }
    const std::string& actionError() const { return actionError_; }

    // The rows drawn in the last frame, top to bottom (read back by the test API; no database reads).
    std::vector<const core::Customer*> visibleRows() const;
    // The active tag filter's name ("" when none): chips and the test API show names, the query holds the id.
    std::string tagFilterName() const;

private:
    // What the user asked for while the form had unsaved changes; done after Save or Discard.
    enum class Pending { None, NewCustomer, OpenCustomer, CloseForm };

    // Layout
    void drawHeader();
    void drawFilterBar();
    void drawFilterPicker(const char* button, const char* popup, int which);
    void drawChips();
    void drawBulkBar();
    void drawBulkPopups();
    void drawEmptyState();
    void drawNoMatches();
    void drawTable();
    void drawDetail();
    void drawUnsavedChangesDialog();
    void handleKeys();

    // Data: counts, page anchors, the page cache, the pickers' choices
    void dataChanged();   // rows changed: everything read is stale
    void queryChanged();  // search or filter changed: the list is read again from the top, and counted
    void orderChanged();  // only the order changed: read again from the top; the count stands
    void freeRetiredPages();
    void refreshChoices();
    void setSort(core::CustomerSort sort, const std::string& customFieldId, bool ascending);
    void readAnchors(int count);
    bool ensureAnchors(int64_t page);
    void readAnchorsAhead();
    const core::Customer* rowAt(int64_t row);             // reads its page if not cached
    const core::Customer* cachedRowAt(int64_t row) const;  // only from the cache
    std::vector<std::string> rowIds(int64_t first, int64_t last);  // rows first..last (inclusive), by keys

    // Selection
    void clickRow(int64_t row, const std::string& id);
    void selectOnly(int64_t row, const std::string& id);
    void moveCursor(int64_t to, bool extend);
    void clearSelection();

    // Actions
    void request(Pending what, const std::string& id = {}, int64_t row = -1);
    void perform(Pending what, std::string id, int64_t row);  // by value: it clears pendingId_
    void open(const std::string& id);
    void deleteCustomer(std::string id);  // by value: callers pass the form's id, which closing the form clears
    void deleteSelection();
    struct BulkOutcome {
        std::string message;          // for the toast
        std::function<void()> undo;   // nullptr when nothing changed
    };
    void bulkChange(const char* failure, const std::function<BulkOutcome()>& change);
    void bulkAddTag(const std::string& name);
    void bulkRemoveTag(const core::Tag& tag);
    void bulkSetOwner(const std::string& owner);
    void clearFilters();

    core::Crm& crm_;
    UndoToast& toast_;
    CustomerImportDialog& importDialog_;  // the header's Import and Export buttons
    CustomerExportMenu& exportMenu_;
    std::string user_;
    CustomerForm form_;

    // What the list shows, and what was read for it (all dropped by queryChanged/dataChanged).
    core::CustomerQuery query_;
    std::string searchText_;  // the search box; copied into query_.filter.search as it changes
    int64_t totalCount_ = -1;  // -1: not read yet
    int64_t rowCount_ = -1;
    std::vector<core::RowKey> anchors_;  // anchors_[p] is the key of the last row of page p
    bool anchorsComplete_ = false;
    struct CachedPage {
        core::CustomerPage page;
        int usedInFrame = 0;  // the last frame that asked for one of its rows: the least recent goes first
    };
    using PageCache = std::map<int64_t, CachedPage>;
    PageCache pages_;  // page number -> its rows, a few hundred pages at most
    // Pages of an order, filter or data no longer shown, freed a few a frame: freeing 20,000 rows at once took a
    // whole frame (a sort click's).
    std::vector<PageCache> retiredPages_;
    std::vector<core::CustomField> customFields_;  // one column each, in display order
    std::vector<core::Tag> tags_;
    std::vector<std::string> owners_, cities_;
    bool choicesStale_ = true;
    std::vector<int64_t> visible_;  // rows on screen in the last frame, top to bottom
    int lastDrawnFrame_ = -2;

    // Selection: ids (they survive re-sorting and paging), the cursor row (arrows, Enter) and the Shift anchor row.
    std::unordered_set<std::string> selected_;
    int64_t cursor_ = -1;
    int64_t rangeAnchor_ = -1;
    int64_t scrollToRow_ = -1;  // the table scrolls to show it next frame
    float rowStride_ = 0;       // a row's height as the clipper measured it
    float strideForRowHeight_ = 0;  // the row height it was measured for
    std::string selectedId_;    // open in the form

    bool focusSearch_ = false;
    bool searchActive_ = false;  // the search box has the keyboard (the form's Esc must not close it)
    std::string bulkTagName_, bulkOwnerName_;
    std::string actionError_;  // a failed action or undo, shown under the title until the next action

    Pending pending_ = Pending::None;
    std::string pendingId_;
    int64_t pendingRow_ = -1;
    bool openUnsavedDialog_ = false;
};

}  // namespace ui
