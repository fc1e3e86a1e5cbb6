// The Settings screen: theme, device name, storage panel with the backup download, version. Device settings are written through core::Crm,
// the theme is a UI preference kept by the page (platform/page.h); nothing here touches SQL.
#include "ui/settings_screen.h"

#include <algorithm>

#include "imgui.h"
#include "imgui_stdlib.h"
#include "platform/app_database.h"
#include "platform/page.h"
#include "ui/backup.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace ui {

static void sectionTitle(const char* text) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().mutedText);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    ImGui::Separator();
}

static void fact(const char* label, const std::string& value) {
    ImGui::TextUnformatted(label);
    ImGui::SameLine(180);
    ImGui::TextUnformatted(value.c_str());
}

void SettingsScreen::draw() {
    if (!loaded_) {
        deviceName_ = crm_.deviceName();
        loaded_ = true;
    }
    screenTitle("Settings");
    ImGui::Spacing();
    ImGui::PushItemWidth(std::min(420.0f, ImGui::GetContentRegionAvail().x));

    sectionTitle("Appearance");
    int theme = currentTheme() == Theme::Dark ? 1 : 0;
    bool changed = ImGui::RadioButton("Light##theme", &theme, 0);
    ImGui::SameLine(0, 24);
    changed |= ImGui::RadioButton("Dark##theme", &theme, 1);
    if (changed) {
        applyTheme(theme == 1 ? Theme::Dark : Theme::Light);
        platform::savePreference("theme", theme == 1 ? "dark" : "light");
    }

    sectionTitle("This device");
    ImGui::TextUnformatted("Device name");
    bool enter = ImGui::InputTextWithHint("##device-name", "e.g. Laptop Berlin", &deviceName_,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::Button("Save##device-name") || enter) {
        try {
            crm_.setDeviceName(deviceName_);
            message_ = "Device name saved.";
            messageIsError_ = false;
        } catch (const std::exception& e) {
            message_ = std::string("Could not save the device name: ") + e.what();
            messageIsError_ = true;
        }
    }
    if (!message_.empty()) {
        if (messageIsError_) errorText(message_.c_str());
        else mutedText(message_.c_str());
    }
    fact("Device id", crm_.deviceId());

    sectionTitle("Storage");
    platform::PersistenceStatus status = platform::persistenceStatus();
    platform::StorageInfo info = platform::storageInfo();
    fact("Where", "In this browser (IndexedDB), on this device only");
    if (!info.persistenceKnown) fact("Persistent storage", "asking the browser...");
    else if (info.persistent) fact("Persistent storage", "granted - the browser keeps the data under storage pressure");
    else {
        ImGui::TextUnformatted("Persistent storage");
        ImGui::SameLine(180);
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        ImGui::TextUnformatted("not granted - the browser may evict data under storage pressure; download backups");
        ImGui::PopStyleColor();
    }
    bool estimated = info.usageBytes >= 0 && info.quotaBytes > 0;
    fact("Used / available",
         estimated ? formatBytes(info.usageBytes) + " of " + formatBytes(info.quotaBytes) + " for this site" : "unknown");
    fact("Database size", formatBytes(status.storedBytes));
    fact("Schema version", std::to_string(crm_.schemaVersion()));
    ImGui::Spacing();
    if (ImGui::Button("Download backup##settings")) backupError_ = downloadBackup(crm_);
    ImGui::SameLine();
    mutedText("The whole database as one SQLite file.");
    if (!backupError_.empty()) errorText(backupError_.c_str());

    sectionTitle("About");
    fact("FieldCRM", FIELDCRM_VERSION);
    fact("Dear ImGui", ImGui::GetVersion());
    ImGui::PopItemWidth();
}

}  // namespace ui
