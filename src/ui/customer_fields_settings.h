// Settings → "Customer fields": the custom fields of customers (add with label, kind and choices; rename, change
// choices, reorder, remove with undo) and which standard fields the customer form requires. Writes go through
// core::CustomFieldService and core::CustomerService::setRequiredFields (a setting of this device); no SQL here.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/crm.h"
#include "ui/undo_toast.h"

namespace ui {

class CustomerFieldsSettings {
public:
    CustomerFieldsSettings(core::Crm& crm, UndoToast& toast, std::string user)
        : crm_(crm), toast_(toast), user_(std::move(user)) {}
    void draw();

private:
    void refresh();
    void drawField(size_t index);
    void drawNewField();
    void drawRequired();
    void update(const core::CustomField& field);

    core::Crm& crm_;
    UndoToast& toast_;
    std::string user_;
    bool stale_ = true;
    int lastDrawnFrame_ = -10;
    std::vector<core::CustomField> fields_;
    std::vector<std::string> required_;
    std::map<std::string, std::string> labelEdits_, choiceEdits_;  // by field id: what the inputs show
    std::map<std::string, std::string> fieldErrors_;               // by field id: why the last change failed
    std::string error_;                                            // a failed move, remove or undo

    std::string newLabel_;
    int newKind_ = 0;  // index into the kinds, in CustomFieldKind order
    std::string newChoices_;
    std::string newError_;
};

}  // namespace ui
