// The Customers screen: a virtualised, sortable table of every live customer with the detail form beside it,
// the empty state, and delete-with-undo. Reads and writes only through core::CustomerService (no SQL here).
// Rows are fetched per visible range and cached until the data or the sort changes.
#pragma once

#include <string>
#include <unordered_map>
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

    int64_t customerCount();  // live customers, as the list shows them
    void reload() { dataChanged(); }  // the data changed elsewhere (a sync import): read the list again
    const std::string& selectedId() const { return selectedId_; }
    const CustomerForm& form() const { return form_; }
    const char* sortName() const;
    bool ascending() const { return ascending_; }
    const std::string& actionError() const { return actionError_; }

private:
    // What the user asked for while the form had unsaved changes; done after Save or Discard.
    enum class Pending { None, NewCustomer, OpenCustomer, CloseForm };

    void drawHeader();
    void drawEmptyState();
    void drawTable();
    void drawDetail();
    void drawUnsavedChangesDialog();

    void refreshIds();
    void dataChanged();
    void request(Pending what, const std::string& id = {});
    void perform(Pending what, std::string id);  // by value: it clears pendingId_
    void open(const std::string& id);
    void deleteCustomer(std::string id);  // by value: callers pass the form's id, which closing the form clears
    const core::Customer* row(const std::string& id);

    core::Crm& crm_;
    UndoToast& toast_;
    CustomerImportDialog& importDialog_;  // the header's Import and Export buttons
    CustomerExportMenu& exportMenu_;
    std::string user_;
    CustomerForm form_;

    core::CustomerSort sort_ = core::CustomerSort::Name;
    bool ascending_ = true;
    bool idsStale_ = true;
    std::vector<std::string> ids_;                          // display order, from listIds()
    std::unordered_map<std::string, core::Customer> rows_;  // rows fetched for display, by id
    std::string selectedId_;

    std::string actionError_;  // a failed delete or undo, shown under the title until the next action

    Pending pending_ = Pending::None;
    std::string pendingId_;
    bool openUnsavedDialog_ = false;
};

}  // namespace ui
