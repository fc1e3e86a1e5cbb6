// Settings → "Customer fields": one row per custom field (label, kind, choices, up/down, remove with undo), the form
// that adds one, and the checkboxes of the required fields. Writes only through core services; no SQL here.
#include "ui/customer_fields_settings.h"

#include <algorithm>

#include "core/validation.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui/fonts.h"
#include "ui/i18n.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

namespace ui {

static const core::CustomFieldKind kKinds[] = {core::CustomFieldKind::Text, core::CustomFieldKind::Number,
                                               core::CustomFieldKind::Date, core::CustomFieldKind::Choice,
                                               core::CustomFieldKind::MultiChoice};

static const char* kindName(core::CustomFieldKind kind) {
    switch (kind) {
        case core::CustomFieldKind::Text: return tr("Text");
        case core::CustomFieldKind::Number: return tr("Number");
        case core::CustomFieldKind::Date: return tr("Date");
        case core::CustomFieldKind::Choice: return tr("Single choice");
        case core::CustomFieldKind::MultiChoice: return tr("Multiple choice");
    }
    return tr("Text");
}

static bool hasChoices(core::CustomFieldKind kind) {
    return kind == core::CustomFieldKind::Choice || kind == core::CustomFieldKind::MultiChoice;
}

static std::string joinedChoices(const std::vector<std::string>& choices) {
    std::string out;
    for (const std::string& c : choices) out += (out.empty() ? "" : ", ") + c;
    return out;
}

// The first message of a refused definition, with the field it is about ("Label is required.").
static std::string refusal(const core::ValidationError& e) {
    if (e.errors.empty()) return e.what();
    const core::FieldError& first = e.errors.front();
    const char* field = first.field == "choices" ? tr("Choices") : tr("Label");
    return format(tr("%s %s."), field, translatedMessage(first).c_str());
}

void CustomerFieldsSettings::refresh() {
    if (!stale_) return;
    stale_ = false;
    try {
        fields_ = crm_.customFields().list();
        required_ = crm_.customers().requiredFields();
    } catch (const std::exception& e) {
        error_ = format(tr("Could not read the customer fields: %s"), e.what());
    }
    labelEdits_.clear();
    choiceEdits_.clear();
    for (const core::CustomField& f : fields_) {
        labelEdits_[f.id] = f.label;
        choiceEdits_[f.id] = joinedChoices(f.choices);
    }
}

void CustomerFieldsSettings::update(const core::CustomField& field) {
    try {
        crm_.customFields().update(field, user_);
        fieldErrors_.erase(field.id);
    } catch (const core::ValidationError& e) {
        fieldErrors_[field.id] = refusal(e);
    } catch (const std::exception& e) {
        fieldErrors_[field.id] = e.what();
    }
    stale_ = true;
}

void CustomerFieldsSettings::draw() {
    // Back from another screen (a sync may have brought fields): read them again.
    if (ImGui::GetFrameCount() > lastDrawnFrame_ + 1) stale_ = true;
    lastDrawnFrame_ = ImGui::GetFrameCount();
    refresh();

    sectionTitle(tr("Customer fields"));
    mutedText(tr("Fields of your own on every customer; the customer form shows them under \"More fields\"."));
    if (!error_.empty()) errorText(error_.c_str());
    if (fields_.empty()) mutedText(tr("No fields of your own yet. Add one below, e.g. a WeChat ID or a wine preference."));
    for (size_t i = 0; i < fields_.size(); i++) drawField(i);
    ImGui::Spacing();
    drawNewField();
    drawRequired();
}

// A field's row: its label (renamed when the input is left), its kind, up/down, remove; the choices below.
void CustomerFieldsSettings::drawField(size_t index) {
    const core::CustomField field = fields_[index];  // a copy: a write below reads the list again
    ImGui::PushID(field.id.c_str());
    std::string& labelText = labelEdits_[field.id];
    noteGlyphs(labelText);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    ImGui::InputText(("##custom-field-label-" + field.id).c_str(), &labelText);
    bool renamed = ImGui::IsItemDeactivatedAfterEdit() && labelText != field.label;
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    mutedText(kindName(field.kind));
    ImGui::SameLine();
    ImGui::BeginDisabled(index == 0);
    bool up = ImGui::Button((std::string(tr("Up")) + "###custom-field-up-" + field.id).c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(index + 1 == fields_.size());
    bool down = ImGui::Button((std::string(tr("Down")) + "###custom-field-down-" + field.id).c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    bool remove = dangerButton((std::string(tr("Remove")) + "###custom-field-remove-" + field.id).c_str());
    bool choicesChanged = false;
    if (hasChoices(field.kind)) {
        std::string& choices = choiceEdits_[field.id];
        noteGlyphs(choices);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
        ImGui::InputTextWithHint(("##custom-field-choices-" + field.id).c_str(), tr("Choices, separated by commas"), &choices);
        choicesChanged = ImGui::IsItemDeactivatedAfterEdit() && choices != joinedChoices(field.choices);
    }
    if (auto it = fieldErrors_.find(field.id); it != fieldErrors_.end()) errorText(it->second.c_str());
    ImGui::PopID();

    if (renamed || choicesChanged) {
        core::CustomField changed = field;
        changed.label = labelEdits_[field.id];
        if (hasChoices(field.kind)) changed.choices = core::splitList(choiceEdits_[field.id]);
        update(changed);
    } else if (up || down) {
        error_.clear();
        try {
            crm_.customFields().move(field.id, up ? -1 : 1, user_);
        } catch (const std::exception& e) {
            error_ = format(tr("Could not move the field: %s"), e.what());
        }
        stale_ = true;
    } else if (remove) {
        // Its values stay stored: Undo brings the field back with every customer's value.
        error_.clear();
        try {
            crm_.customFields().remove(field.id, user_);
            toast_.show(format(tr("Removed the field \"%s\""), field.label.c_str()), [this, id = field.id] {
                try {
                    crm_.customFields().restore(id, user_);
                } catch (const std::exception& e) {
                    error_ = format(tr("Could not undo the removal: %s"), e.what());
                }
                stale_ = true;
            });
        } catch (const std::exception& e) {
            error_ = format(tr("Could not remove the field: %s"), e.what());
        }
        stale_ = true;
    }
}

void CustomerFieldsSettings::drawNewField() {
    ImGui::TextUnformatted(tr("Add a field"));
    noteGlyphs(newLabel_);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    bool enter = ImGui::InputTextWithHint("##new-custom-field-label", tr("Label, e.g. WeChat ID"), &newLabel_,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    noteItemOutOfView("##new-custom-field-label");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    if (beginCombo("###new-custom-field-kind", kindName(kKinds[newKind_]))) {
        for (int i = 0; i < int(std::size(kKinds)); i++) {
            std::string item = std::string(kindName(kKinds[i])) + "###kind-" + core::customFieldKindName(kKinds[i]);
            if (ImGui::Selectable(item.c_str(), i == newKind_)) newKind_ = i;
        }
        ImGui::EndCombo();
    }
    if (hasChoices(kKinds[newKind_])) {
        noteGlyphs(newChoices_);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
        enter |= ImGui::InputTextWithHint("##new-custom-field-choices", tr("Choices, separated by commas"), &newChoices_,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
        noteItemOutOfView("##new-custom-field-choices");
    }
    bool add = ImGui::Button(label("Add field", "add-custom-field"));
    noteItemOutOfView("###add-custom-field");
    if (add || enter) {
        core::CustomField field;
        field.label = newLabel_;
        field.kind = kKinds[newKind_];
        if (hasChoices(field.kind)) field.choices = core::splitList(newChoices_);
        try {
            crm_.customFields().add(field, user_);
            newLabel_.clear();
            newChoices_.clear();
            newError_.clear();
        } catch (const core::ValidationError& e) {
            newError_ = refusal(e);
        } catch (const std::exception& e) {
            newError_ = format(tr("Could not add the field: %s"), e.what());
        }
        stale_ = true;
    }
    if (!newError_.empty()) errorText(newError_.c_str());
}

// The standard fields a customer may be required to have (the name always is), then the custom fields.
void CustomerFieldsSettings::drawRequired() {
    sectionTitle(tr("Required customer fields"));
    mutedText(tr("The customer form saves only when these are filled in. The name is always required. "
                 "This is a setting of this device."));
    struct Standard {
        const char* key;
        const char* english;
    };
    static const Standard kStandard[] = {
        {"title", "Job title"}, {"company", "Company"},   {"phone", "Phone"},         {"email", "Email"},
        {"country", "Country"}, {"province", "Province"}, {"city", "City"},           {"district", "District"},
        {"address", "Street address"}, {"source", "Source"}, {"owner", "Owner"},      {"tags", "Tags"},
        {"notes", "Notes"}};
    std::vector<std::pair<std::string, std::string>> choices;  // key, shown name
    for (const Standard& s : kStandard) choices.push_back({s.key, tr(s.english)});
    for (const core::CustomField& f : fields_) choices.push_back({"custom:" + f.id, f.label});

    bool always = true;
    ImGui::BeginDisabled();
    ImGui::Checkbox(label("Name", "required-name"), &always);
    ImGui::EndDisabled();
    float column = ImGui::GetFontSize() * 10;
    int shown = 1;
    for (const auto& [key, name] : choices) {
        if (shown % 4 != 0) ImGui::SameLine(column * float(shown % 4));
        shown++;
        bool on = std::find(required_.begin(), required_.end(), key) != required_.end();
        noteGlyphs(name);
        std::string item = name + "###required-" + key;
        bool clicked = ImGui::Checkbox(item.c_str(), &on);
        noteItemOutOfView(item);
        if (clicked) {
            std::vector<std::string> next;
            for (const std::string& r : required_)
                if (r != key) next.push_back(r);
            if (on) next.push_back(key);
            try {
                crm_.customers().setRequiredFields(next);
            } catch (const std::exception& e) {
                error_ = format(tr("Could not save the required fields: %s"), e.what());
            }
            stale_ = true;
        }
    }
}

}  // namespace ui
