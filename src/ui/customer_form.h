// The customer detail form (right of the list, or full page on narrow windows): fields with validation shown as
// you leave them, Save (Enter, Ctrl+S), Cancel (Esc), Delete. It keeps its draft while the app shows other screens.
// It writes only through core::CustomerService; it never touches SQL or the list's state.
#pragma once

#include <string>

#include "core/customer.h"
#include "core/customer_service.h"

namespace ui {

class CustomerForm {
public:
    enum class Mode { Closed, New, Edit };
    enum class Action { None, Saved, Cancelled, DeleteRequested };

    CustomerForm(core::CustomerService& customers, std::string user) : customers_(customers), user_(std::move(user)) {}

    void openNew();
    void openExisting(const core::Customer& customer);
    void close();

    // Validates and writes the draft; on success the form shows the stored record. False leaves errors on screen.
    bool save();

    // Draws the form in the current child window; `shortcuts` is false while a dialog owns the keyboard.
    Action draw(bool shortcuts);

    Mode mode() const { return mode_; }
    const char* modeName() const;
    const std::string& customerId() const { return original_.id; }
    const std::string& displayName() const { return original_.name; }
    bool dirty() const;
    const core::Customer& draft() const { return draft_; }
    std::vector<core::FieldError> shownErrors() const;  // the validation messages on screen now

private:
    bool errorShown(const std::string& field) const;
    std::string errorFor(const char* field) const;

    core::CustomerService& customers_;
    std::string user_;
    Mode mode_ = Mode::Closed;
    core::Customer original_;  // as stored (empty for a new customer)
    core::Customer draft_;     // what the fields show
    std::vector<core::FieldError> errors_;
    std::vector<std::string> visited_;  // fields left at least once: their errors are shown
    bool submitted_ = false;            // a save was tried: every error is shown
    bool focusFirstField_ = false;
    std::string saveError_;             // why the last write failed (not a validation problem)
};

}  // namespace ui
