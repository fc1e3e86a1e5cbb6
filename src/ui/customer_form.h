// The customer detail form (right of the list, or full page on narrow windows): every field of the customer in
// sections (contact, phones, emails, address, source and owner, tags, marketing consent, notes, custom fields),
// with validation shown as you leave a field, required fields marked, a company picker, and a warning when the
// phone or email already belongs to another customer. Save (Enter, Ctrl+S), Cancel (Esc), Delete. It keeps its
// draft while the app shows other screens. It writes only through core::CustomerService; it never touches SQL or the
// list's state.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/crm.h"
#include "core/customer.h"
#include "core/customer_service.h"
#include "ui/widgets.h"

namespace ui {

// The translated name of a source channel code (core::kSourceChannels); "Not set" for "", unknown codes as stored.
const char* sourceChannelName(const std::string& code);

class CustomerForm {
public:
    enum class Mode { Closed, New, Edit };
    // OpenRequested: the user asked to open another customer (a duplicate named under a field): requestedId().
    enum class Action { None, Saved, Cancelled, DeleteRequested, OpenRequested };

    CustomerForm(core::Crm& crm, std::string user);

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
    const std::string& requestedId() const { return requestedId_; }
    bool dirty() const;
    const core::Customer& draft() const { return draft_; }
    std::vector<core::FieldError> shownErrors() const;  // the validation messages on screen now
    const std::vector<std::string>& requiredFields() const { return rules_.required; }

    // Another customer with the same main phone or email as the draft ("phone" or "email"), shown under the field.
    struct Duplicate {
        std::string field;
        std::string id;
        std::string name;
    };
    std::vector<Duplicate> duplicates() const;

private:
    // Marketing consent as the form edits it: a state and the day typed (the stored form is built from both).
    struct ConsentEntry {
        int state = 0;  // 0 unknown, 1 given, 2 refused
        std::string date;
    };
    // Matches for one field's value, asked again only when the value changes (an indexed query, not per frame).
    struct DuplicateLookup {
        std::string value;
        std::vector<core::Customer> found;
    };

    void opened();
    void loadRules();
    void composeConsent();
    std::vector<core::FieldError> currentErrors() const;
    bool isRequired(const std::string& field) const;
    FieldEvents textField(const char* english, const char* key, std::string* value, int lines = 1,
                          const char* hint = nullptr, float width = 0.0f);
    void updateDuplicates();
    bool drawDuplicates(const char* field, const DuplicateLookup& lookup);

    void drawContact(bool& wantSave);
    void drawCompanyPicker(bool& wantSave);
    void drawPhonesAndEmails(bool& wantSave, bool& openOther);
    void drawAddress(bool& wantSave);
    void drawSourceAndOwner(bool& wantSave);
    void drawConsent();
    void drawCustomFields(bool& wantSave);

    core::Crm& crm_;
    std::string user_;
    Mode mode_ = Mode::Closed;
    core::Customer original_;  // as stored, phones formatted for display (empty for a new customer)
    core::Customer draft_;     // what the fields show
    std::map<std::string, ConsentEntry> consent_;  // by channel (kConsentChannels)
    core::CustomerService::Rules rules_;            // required fields and custom field definitions
    int lastDrawnFrame_ = -10;                      // rules are read again when the form comes back into view
    std::vector<core::FieldError> errors_;
    FormMessages messages_;             // which of errors_ are shown
    bool focusFirstField_ = false;
    std::string saveError_;             // why the last write failed (not a validation problem)
    std::string requestedId_;

    DuplicateLookup phoneDuplicates_, emailDuplicates_;

    // company picker: suggestions while the company field is being typed in (or the mouse is on them)
    bool companyActive_ = false;
    bool suggestionsHovered_ = false;
    std::string suggestionsFor_ = "\x01";  // the text the suggestions were read for
    std::vector<core::Company> suggestions_;
};

}  // namespace ui
