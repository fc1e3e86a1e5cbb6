// The Settings screen: theme, language, device name, storage panel with backup download and restore, offline use, version. Device settings are written through core::Crm,
// the theme is a UI preference kept by the page (platform/page.h); nothing here touches SQL.
#include "ui/settings_screen.h"

#include <algorithm>

#include "imgui.h"
#include "platform/app_database.h"
#include "platform/page.h"
#include "ui/backup.h"
#include "ui/i18n.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace ui {

static void fact(const char* label, const std::string& value) {
    ImGui::TextUnformatted(label);
    ImGui::SameLine(180);
    ImGui::TextUnformatted(value.c_str());
}

void SettingsScreen::draw() {
    screenTitle(tr("Settings"));
    ImGui::Spacing();
    ImGui::PushItemWidth(std::min(420.0f, ImGui::GetContentRegionAvail().x));

    sectionTitle(tr("Appearance"));
    int theme = currentTheme() == Theme::Dark ? 1 : 0;
    bool changed = ImGui::RadioButton(label("Light", "theme-light"), &theme, 0);
    ImGui::SameLine(0, 24);
    changed |= ImGui::RadioButton(label("Dark", "theme-dark"), &theme, 1);
    if (changed) {
        applyTheme(theme == 1 ? Theme::Dark : Theme::Light);
        platform::savePreference("theme", theme == 1 ? "dark" : "light");
    }

    // Each language is named in itself (a reader of the other one must still find theirs): not translated.
    sectionTitle(tr("Language"));
    int chinese = language() == core::Language::Chinese ? 1 : 0;
    changed = ImGui::RadioButton("English###language-en", &chinese, 0);
    ImGui::SameLine(0, 24);
    changed |= ImGui::RadioButton("中文（简体）###language-zh", &chinese, 1);
    if (changed) setLanguage(chinese == 1 ? core::Language::Chinese : core::Language::English);

    ImGui::PopItemWidth();
    customerFields_.draw();
    ImGui::PushItemWidth(std::min(420.0f, ImGui::GetContentRegionAvail().x));

    sectionTitle(tr("This device"));
    deviceName_.draw(crm_, "settings");
    fact(tr("Device id"), crm_.deviceId());

    sectionTitle(tr("Storage"));
    platform::PersistenceStatus status = platform::persistenceStatus();
    platform::StorageInfo info = platform::storageInfo();
    fact(tr("Where"), tr("In this browser (IndexedDB), on this device only"));
    if (!info.persistenceKnown) fact(tr("Persistent storage"), tr("asking the browser..."));
    else if (info.persistent) fact(tr("Persistent storage"), tr("granted - the browser keeps the data under storage pressure"));
    else {
        ImGui::TextUnformatted(tr("Persistent storage"));
        ImGui::SameLine(180);
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        ImGui::TextUnformatted(tr("not granted - the browser may evict data under storage pressure; download backups"));
        ImGui::PopStyleColor();
    }
    bool estimated = info.usageBytes >= 0 && info.quotaBytes > 0;
    fact(tr("Used / available"), estimated ? format(tr("%s of %s for this site"), formatBytes(info.usageBytes).c_str(),
                                                    formatBytes(info.quotaBytes).c_str())
                                           : std::string(tr("unknown")));
    fact(tr("Database size"), formatBytes(status.storedBytes));
    fact(tr("Schema version"), std::to_string(crm_.schemaVersion()));
    ImGui::Spacing();
    if (ImGui::Button(label("Download backup", "settings-download-backup"))) backupError_ = downloadBackup(crm_);
    noteItemOutOfView("###settings-download-backup");  // below the customer fields: tests wheel down to it
    ImGui::SameLine();
    mutedText(tr("The whole database as one SQLite file."));
    if (!backupError_.empty()) errorText(backupError_.c_str());
    restore_.drawButton();
    fact(tr("Offline use"), platform::offlineStatus() == platform::OfflineStatus::Ready ? tr("ready - FieldCRM starts and works without a network")
                            : platform::offlineStatus() == platform::OfflineStatus::Preparing ? tr("not ready yet - open FieldCRM once more while online")
                                                                                              : tr("not available in this browser"));

    sectionTitle(tr("About"));
    fact(tr("FieldCRM"), FIELDCRM_VERSION);
    fact(tr("Dear ImGui"), ImGui::GetVersion());
    ImGui::PopItemWidth();
}

}  // namespace ui
