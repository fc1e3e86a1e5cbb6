// The customer detail form: labelled fields with per-field validation (shown when a field is left, or after a save
// attempt), Save / Cancel / Delete and their keys. Writes go through core::CustomerService only; no SQL here.
#include "ui/customer_form.h"

#include <algorithm>

#include "core/validation.h"
#include "imgui.h"
#include "ui/i18n.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace ui {

// ---- opening and closing -----------------------------------------------------------------------------------------
void CustomerForm::openNew() {
    mode_ = Mode::New;
    original_ = core::Customer();
    draft_ = core::Customer();
    visited_.clear();
    submitted_ = false;
    saveError_.clear();
    focusFirstField_ = true;
}

// The phone is shown formatted ("+1 415 555 0100"); the service stores it normalised again on Save.
void CustomerForm::openExisting(const core::Customer& customer) {
    mode_ = Mode::Edit;
    original_ = customer;
    original_.phone = core::formatPhone(customer.phone);
    draft_ = original_;
    visited_.clear();
    submitted_ = false;
    saveError_.clear();
    focusFirstField_ = false;
}

void CustomerForm::close() {
    mode_ = Mode::Closed;
    original_ = core::Customer();
    draft_ = core::Customer();
    visited_.clear();
    saveError_.clear();
}

const char* CustomerForm::modeName() const {
    switch (mode_) {
        case Mode::New: return "new";
        case Mode::Edit: return "edit";
        default: return "closed";
    }
}

bool CustomerForm::dirty() const {
    if (mode_ == Mode::Closed) return false;
    const core::Customer& a = draft_;
    const core::Customer& b = original_;
    return a.name != b.name || a.company != b.company || a.phone != b.phone || a.email != b.email ||
           a.city != b.city || a.tags != b.tags || a.notes != b.notes;
}

// ---- saving -------------------------------------------------------------------------------------------------------
bool CustomerForm::save() {
    submitted_ = true;
    saveError_.clear();
    if (!core::validateCustomer(draft_).empty()) return false;
    try {
        std::string id = draft_.id;
        if (mode_ == Mode::New) id = customers_.add(draft_, user_);
        else customers_.update(draft_, user_);
        std::optional<core::Customer> stored = customers_.get(id);
        if (!stored) {
            saveError_ = tr("The customer was saved but could not be read back.");
            return false;
        }
        openExisting(*stored);
        return true;
    } catch (const core::ValidationError&) {
        return false;  // errors_ shows them: validation runs every frame
    } catch (const std::exception& e) {
        saveError_ = format(tr("Could not save: %s. Your changes are still in the form."), e.what());
        return false;
    }
}

// ---- drawing ------------------------------------------------------------------------------------------------------
bool CustomerForm::errorShown(const std::string& field) const {
    return submitted_ || std::find(visited_.begin(), visited_.end(), field) != visited_.end();
}

std::string CustomerForm::errorFor(const char* field) const {
    if (!errorShown(field)) return {};
    for (const core::FieldError& e : errors_)
        if (e.field == field) return e.code == "too_long" ? tr("is too long") : tr(e.message.c_str());  // core says it in English
    return {};
}

std::vector<core::FieldError> CustomerForm::shownErrors() const {
    std::vector<core::FieldError> shown;
    for (const core::FieldError& e : errors_)
        if (errorShown(e.field)) shown.push_back(e);
    return shown;
}

CustomerForm::Action CustomerForm::draw(bool shortcuts) {
    if (mode_ == Mode::Closed) return Action::None;
    errors_ = core::validateCustomer(draft_);
    Action action = Action::None;
    bool wantSave = false;

    screenTitle(mode_ == Mode::New ? tr("New customer") : (original_.name.empty() ? tr("Customer") : original_.name.c_str()));
    mutedText(mode_ == Mode::New ? tr("Fields marked * are required.") : tr("Changes are saved when you press Save."));
    if (!saveError_.empty()) errorText(saveError_.c_str());
    ImGui::Spacing();

    // Fields scroll; the buttons stay in view below them.
    const ImGuiStyle& style = ImGui::GetStyle();
    float footerHeight = ImGui::GetFrameHeight() + style.ItemSpacing.y * 2 + 1;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(2, 2));  // room for the focused field's border
    ImGui::BeginChild("##customer-fields", ImVec2(0, -footerHeight), ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();

    struct Field {
        const char* label;
        const char* key;
        const char* id;
        std::string* value;
        bool required;
        int lines;
        const char* hint;
    };
    Field fields[] = {
        {tr("Name"), "name", "##customer-name", &draft_.name, true, 1, nullptr},
        {tr("Company"), "company", "##customer-company", &draft_.company, false, 1, nullptr},
        {tr("Phone"), "phone", "##customer-phone", &draft_.phone, false, 1, tr("+49 30 1234567")},
        {tr("Email"), "email", "##customer-email", &draft_.email, false, 1, tr("name@example.com")},
        {tr("City"), "city", "##customer-city", &draft_.city, false, 1, nullptr},
        {tr("Tags"), "tags", "##customer-tags", &draft_.tags, false, 1, tr("vip, trade fair")},
        {tr("Notes"), "notes", "##customer-notes", &draft_.notes, false, 4, nullptr},
    };
    for (Field& f : fields) {
        std::string message = errorFor(f.key);
        if (!message.empty()) message = format(tr("%s %s."), f.label, message.c_str());
        if (focusFirstField_ && f.required) {
            ImGui::SetKeyboardFocusHere();
            focusFirstField_ = false;
        }
        FieldEvents events = formField(f.label, f.id, f.value, message, f.required, f.lines, f.hint);
        if (events.left && std::find(visited_.begin(), visited_.end(), f.key) == visited_.end())
            visited_.push_back(f.key);
        if (events.entered) wantSave = true;
    }
    ImGui::EndChild();

    ImGui::Separator();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + style.ItemSpacing.y * 0.5f);
    if (primaryButton(label("Save", "customer-form-save"))) wantSave = true;
    ImGui::SameLine();
    if (ImGui::Button(label("Cancel", "customer-form-cancel"))) action = Action::Cancelled;
    if (mode_ == Mode::Edit) {
        const char* remove = label("Delete", "customer-form-delete");
        float width = ImGui::CalcTextSize(remove, nullptr, true).x + style.FramePadding.x * 2;
        ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetContentRegionMax().x - width));
        if (dangerButton(remove)) action = Action::DeleteRequested;
    }

    if (shortcuts) {
        if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_S)) wantSave = true;
        if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) action = Action::Cancelled;
    }
    if (wantSave && action == Action::None && save()) action = Action::Saved;
    return action;
}

}  // namespace ui
