// CustomerExportMenu: the menu (which customers, which format) and the download under a dated file name.
#include "ui/customer_export_menu.h"

#include <ctime>

#include "imgui.h"
#include "platform/files.h"
#include "ui/i18n.h"
#include "ui/widgets.h"

namespace ui {

static const char* kMenu = "##customer-export-menu";
static const char* kProgress = "##customer-export-progress";
static constexpr double kStepBudgetMs = 25;

static std::string today() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &local);
    return text;
}

float CustomerExportMenu::buttonWidth() const {
    return ImGui::CalcTextSize(label("Export", "export-customers"), nullptr, true).x +
           ImGui::GetStyle().FramePadding.x * 2;
}

void CustomerExportMenu::exportAs(core::ExportFormat kind, const core::CustomerQuery& query, bool filtered) {
    error_.clear();
    if (running_) return;
    std::string name = std::string(filtered ? "customers-filtered-" : "customers-") + today() + "." +
                       core::exportFileExtension(kind);
    next_ = LastExport{name, kind, filtered, 0};
    running_ = std::make_unique<core::CustomerExport>(crm_, query, kind);
    runningFrames_ = 0;
    ImGui::CloseCurrentPopup();
}

// The file is complete: download it.
void CustomerExportMenu::finish() {
    std::string file = running_->take();
    running_.reset();
    next_.bytes = int64_t(file.size());
    platform::saveFile(next_.fileName, core::exportMimeType(next_.format), std::vector<uint8_t>(file.begin(), file.end()));
    lastExport_ = next_;
}

void CustomerExportMenu::drawDialogs() {
    if (!running_) return;
    try {
        if (!running_->step(kStepBudgetMs)) finish();
    } catch (const std::exception& e) {
        running_.reset();
        error_ = format(tr("The export could not be made: %s"), e.what());
    }
    // A dialog only for exports longer than a frame or two.
    if (running_ && ++runningFrames_ == 2) ImGui::OpenPopup(kProgress);
    if (!beginDialog(kProgress)) return;
    if (!running_) {
        ImGui::CloseCurrentPopup();
        endDialog();
        return;
    }
    screenTitle(tr("Exporting customers"));
    dataText(next_.fileName);
    std::string count = format(tr("%s of %s customers"), core::formatInteger(language(), running_->written()).c_str(),
                               core::formatInteger(language(), running_->total()).c_str());
    float done = running_->total() > 0 ? float(running_->written()) / float(running_->total()) : 0.0f;
    ImGui::ProgressBar(done, ImVec2(ImGui::GetFontSize() * 24, 0), count.c_str());
    if (ImGui::Button(label("Cancel", "export-cancel")) || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        running_.reset();  // nothing is downloaded
        ImGui::CloseCurrentPopup();
    }
    endDialog();
}

void CustomerExportMenu::drawButton(const core::CustomerQuery* filtered) {
    if (ImGui::Button(label("Export", "export-customers"))) ImGui::OpenPopup(kMenu);
    if (!ImGui::BeginPopup(kMenu)) return;
    if (!filtered) filteredOnly_ = false;
    mutedText(tr("Which customers"));
    if (ImGui::RadioButton(label("All customers", "export-all"), !filteredOnly_)) filteredOnly_ = false;
    ImGui::BeginDisabled(!filtered);
    if (ImGui::RadioButton(label("The list as filtered now", "export-filtered"), filteredOnly_)) filteredOnly_ = true;
    ImGui::EndDisabled();
    ImGui::Separator();
    mutedText(tr("Download as"));
    core::CustomerQuery all;
    const core::CustomerQuery& query = filteredOnly_ && filtered ? *filtered : all;
    // The menu closes when an export starts (exportAs); it stays open after a failure, to say why.
    const ImGuiSelectableFlags keepOpen = ImGuiSelectableFlags_DontClosePopups;
    if (ImGui::Selectable(label("CSV for Excel (.csv)", "export-csv"), false, keepOpen))
        exportAs(core::ExportFormat::Csv, query, filteredOnly_);
    if (ImGui::Selectable(label("vCard 4.0 for phones and mail (.vcf)", "export-vcard"), false, keepOpen))
        exportAs(core::ExportFormat::Vcard, query, filteredOnly_);
    if (ImGui::Selectable(label("FieldCRM JSON (.json)", "export-json"), false, keepOpen))
        exportAs(core::ExportFormat::Json, query, filteredOnly_);
    if (!error_.empty()) errorText(error_.c_str());
    ImGui::EndPopup();
}

}  // namespace ui
