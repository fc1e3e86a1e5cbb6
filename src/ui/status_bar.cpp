// The status bar: save state from platform::persistenceStatus() (a failure stays red until a save succeeds, and
// takes the room of the counts), customer count, database size, online/offline, app version. It changes nothing;
// on a failure it offers the backup download.
#include "ui/status_bar.h"

#include <algorithm>
#include <string>

#include "imgui.h"
#include "platform/app_database.h"
#include "platform/page.h"
#include "ui/backup.h"
#include "ui/i18n.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace ui {

float statusBarHeight() { return ImGui::GetTextLineHeight() + 16.0f; }

static void dot(const ImVec4& color) {
    float size = ImGui::GetTextLineHeight();
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + size * 0.35f, p.y + size * 0.5f), size * 0.22f,
                                                ImGui::GetColorU32(color));
    ImGui::Dummy(ImVec2(size * 0.7f, size));
    ImGui::SameLine(0, 4);
}

static void separator() {
    ImGui::SameLine(0, 16);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().mutedText);
    ImGui::TextUnformatted("|");
    ImGui::PopStyleColor();
    ImGui::SameLine(0, 16);
}

static std::string gBackupError;  // why the last backup from the status bar failed, until one succeeds

void drawStatusBar(core::Crm& crm, int64_t customerCount) {
    const Palette& p = palette();
    platform::PersistenceStatus status = platform::persistenceStatus();
    bool failed = status.state == platform::SaveState::Failed;

    ImGui::PushStyleColor(ImGuiCol_ChildBg, failed ? p.errorBg : p.statusBg);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(16, 8));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0);
    ImGui::BeginChild("##status-bar", ImVec2(0, statusBarHeight()), ImGuiChildFlags_AlwaysUseWindowPadding,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);

    switch (status.state) {
        case platform::SaveState::Saved:
            dot(p.success);
            ImGui::TextUnformatted(tr("Saved"));
            break;
        case platform::SaveState::Saving:
            dot(p.mutedText);
            ImGui::TextUnformatted(tr("Saving..."));
            break;
        case platform::SaveState::Failed: {
            dot(p.error);
            std::string text = format(tr("Not saved - %s. Your data is safe in this tab's memory; FieldCRM keeps retrying."),
                                      tr(status.error.c_str()));  // the page store's reasons are in the catalogue
            if (!gBackupError.empty()) text += " " + gBackupError;
            ImGui::PushStyleColor(ImGuiCol_Text, p.error);
            ImGui::TextUnformatted(text.c_str());
            ImGui::PopStyleColor();
            ImGui::SameLine(0, 12);
            ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(8, 0));
            if (ImGui::SmallButton(label("Download backup", "status-bar-download-backup"))) gBackupError = downloadBackup(crm);
            ImGui::PopStyleVar();
            break;
        }
    }
    // The failure message needs the room: the counts give way to it, and the right side only shows if it fits.
    if (!failed) {
        separator();
        std::string count = core::formatInteger(language(), customerCount);
        ImGui::TextUnformatted(format(tr(customerCount == 1 ? "%s customer" : "%s customers"), count.c_str()).c_str());
        separator();
        ImGui::TextUnformatted(format(tr("Database %s"), formatBytes(status.storedBytes).c_str()).c_str());
    }

    // Right side: connectivity and version.
    bool online = platform::isOnline();
    std::string right = std::string(online ? tr("Online") : tr("Offline")) + "    " + format(tr("FieldCRM %s"), FIELDCRM_VERSION);
    float width = ImGui::CalcTextSize(right.c_str()).x + ImGui::GetTextLineHeight() * 0.7f + 4;
    float usedX = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
    float rightX = ImGui::GetContentRegionMax().x - width;
    if (usedX + 16 <= rightX) {
        ImGui::SameLine(rightX);
        dot(online ? p.success : p.mutedText);
        ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
        ImGui::TextUnformatted(right.c_str());
        ImGui::PopStyleColor();
    }

    ImGui::EndChild();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

}  // namespace ui
