// DeviceNameEditor: a text field and Save (Enter saves too); a name is trimmed and must not be empty.
#include "ui/device_name_editor.h"

#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui/i18n.h"
#include "ui/widgets.h"

namespace ui {

static std::string trimmed(const std::string& s) {
    size_t first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

void DeviceNameEditor::draw(core::Crm& crm, const char* id) {
    if (!loaded_) {
        name_ = crm.deviceName();
        loaded_ = true;
    }
    std::string field = std::string("##device-name-") + id;
    std::string save = std::string("device-name-save-") + id;
    ImGui::TextUnformatted(tr("Device name"));
    bool enter = ImGui::InputTextWithHint(field.c_str(), tr("e.g. sales laptop 2"), &name_,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::Button(label("Save", save.c_str())) || enter) {
        std::string name = trimmed(name_);
        if (name.empty()) {
            message_ = tr("Give this device a name, so other devices can tell where changes came from.");
            messageIsError_ = true;
        } else {
            try {
                crm.setDeviceName(name);
                name_ = name;
                message_ = tr("Device name saved.");
                messageIsError_ = false;
            } catch (const std::exception& e) {
                message_ = format(tr("Could not save the device name: %s"), e.what());
                messageIsError_ = true;
            }
        }
    }
    if (!message_.empty()) {
        if (messageIsError_) errorText(message_.c_str());
        else mutedText(message_.c_str());
    }
}

}  // namespace ui
