// The Companies screen: the list of companies (search box, name, city, industry, phone, number of customers) with the
// company form beside it (validation as you leave a field, Save / Cancel / Delete with undo) and the customers of
// the open company under the form. Reads and writes only through core::CompanyService and core::CustomerService.
#pragma once

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/crm.h"
#include "ui/undo_toast.h"
#include "ui/widgets.h"

namespace ui {

class CompaniesScreen {
public:
    // `changed` is called after each write (customers show company names: their list reads them again).
    CompaniesScreen(core::Crm& crm, UndoToast& toast, std::string user, std::function<void()> changed);

    void draw();
    void addCompany();                  // opens an empty form (asks first if the open one has unsaved changes)
    void reload() { listStale_ = true; }  // the data changed elsewhere (a sync import, a customer saved)

    // For the test API.
    enum class Mode { Closed, New, Edit };
    const char* modeName() const;
    const std::string& selectedId() const { return original_.id; }
    const core::Company& draft() const { return draft_; }
    bool dirty() const;
    std::vector<core::FieldError> shownErrors() const { return messages_.shownOf(errors_); }
    const std::vector<core::Company>& rows() const { return rows_; }
    const std::vector<core::Customer>& companyCustomers() const { return customers_; }
    const std::string& actionError() const { return actionError_; }

private:
    enum class Pending { None, NewCompany, OpenCompany, CloseForm };

    void refreshList();
    void request(Pending what, const std::string& id = {});
    void perform(Pending what, std::string id);
    void open(const std::string& id);
    void openForm(const core::Company& company);
    bool save();
    void deleteCompany(std::string id);

    void drawHeader();
    void drawTable();
    void drawEmptyState();
    void drawDetail();
    bool drawForm(bool shortcuts);  // true: closed by Cancel
    void drawCustomers();
    void drawUnsavedChangesDialog();
    bool textField(const char* english, const char* key, std::string* value, int lines = 1, const char* hint = nullptr,
                   float width = 0.0f);

    core::Crm& crm_;
    UndoToast& toast_;
    std::string user_;
    std::function<void()> changed_;

    std::string search_;
    bool focusSearch_ = false;
    bool listStale_ = true;
    int lastDrawnFrame_ = -10;
    std::vector<core::Company> rows_;
    std::unordered_map<std::string, int64_t> counts_;  // customers per company id
    std::string actionError_;

    Mode mode_ = Mode::Closed;
    core::Company original_;  // as stored, phone formatted (empty for a new company)
    core::Company draft_;
    std::vector<core::FieldError> errors_;
    FormMessages messages_;
    std::string saveError_;
    bool focusFirstField_ = false;
    std::vector<core::Customer> customers_;  // of the open company, by name

    Pending pending_ = Pending::None;
    std::string pendingId_;
    bool openUnsavedDialog_ = false;
};

}  // namespace ui
