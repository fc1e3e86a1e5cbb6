// CustomerExportMenu: the menu (which customers, which format) and the download under a dated file name.
#include "ui/customer_export_menu.h"

#include <ctime>

#include "imgui.h"
#include "platform/files.h"
#include "ui/i18n.h"
#include "ui/widgets.h"

namespace ui {

static const char* kMenu = "##customer-export-menu";

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
    try {
        std::string file = core::exportCustomers(crm_, query, kind);
        std::string name = std::string(filtered ? "customers-filtered-" : "customers-") + today() + "." +
                           core::exportFileExtension(kind);
        platform::saveFile(name, core::exportMimeType(kind), std::vector<uint8_t>(file.begin(), file.end()));
        lastExport_ = LastExport{name, kind, filtered, int64_t(file.size())};
        ImGui::CloseCurrentPopup();
    } catch (const std::exception& e) {
        error_ = format(tr("The export could not be made: %s"), e.what());
    }
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
    // The menu stays open when an export fails, to say why; it closes after a download.
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
