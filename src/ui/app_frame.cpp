// The whole window of the browser app: a full-window layout (no floating windows) with the navigation rail, the
// current screen, the status bar and the undo toast, plus app-wide shortcuts, dialogs and dropped files.
// Writes nothing itself.
#include "ui/app_frame.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "core/customer_export.h"
#include "core/sync_file.h"
#include "imgui.h"
#include "platform/files.h"
#include "platform/page.h"
#include "ui/i18n.h"
#include "ui/icons.h"
#include "ui/status_bar.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace ui {

// Writes from this app are stamped with this user until accounts exist.
static const char* kLocalUser = "local";

AppFrame::AppFrame(core::Crm& crm, const std::string& startNotice)
    : crm_(crm),
      import_(crm, kLocalUser, [this] { dataChanged(); }),
      export_(crm),
      customers_(crm, toast_, kLocalUser, import_, export_),
      companies_(crm, toast_, kLocalUser, [this] { customers_.reload(); }),
      sync_(crm, [this] { dataChanged(); }, [this] { screen_ = Screen::Conflicts; }),
      conflicts_(crm, toast_, kLocalUser, [this] { dataChanged(); }),
      restore_(crm),
      settings_(crm, restore_, toast_, kLocalUser) {
    if (!startNotice.empty()) toast_.show(startNotice, nullptr, 12.0);
    platform::setDropsReadInSlices(CustomerImportDialog::kSlicedEndings);  // customer files may be huge
}

const char* AppFrame::screenName() const {
    switch (screen_) {
        case Screen::Customers: return "customers";
        case Screen::Companies: return "companies";
        case Screen::Sync: return "sync";
        case Screen::Conflicts: return "conflicts";
        case Screen::Settings: return "settings";
    }
    return "customers";
}

// Data changed under the screens (an import, a conflict choice): lists read it again.
void AppFrame::dataChanged() {
    customers_.reload();
    companies_.reload();
    conflicts_.refresh();
}

// A full-width, left-aligned button with its icon and (translated) text; "###id" names it in every language. The
// selected screen is filled with the accent colour. A badge (a count, when not 0) sits at its right end.
void AppFrame::navItem(const char* icon, const char* text, const char* id, Screen target, int64_t badge) {
    const Palette& p = palette();
    bool selected = screen_ == target;
    ImGui::PushStyleColor(ImGuiCol_Button, selected ? p.accent : ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, selected ? p.accent : ImGui::GetStyleColorVec4(ImGuiCol_ButtonHovered));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, selected ? p.accent : ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    ImGui::PushStyleColor(ImGuiCol_Text, selected ? p.accentText : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(12, 0));
    std::string shown = std::string(icon) + "  " + text + "###" + id;
    if (ImGui::Button(shown.c_str(), ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() + 18))) screen_ = target;
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor(4);
    if (badge <= 0) return;
    std::string count = badge > 99 ? "99+" : std::to_string(badge);
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImVec2 size = ImGui::CalcTextSize(count.c_str());
    float height = size.y + 4, width = std::max(height, size.x + 12);
    ImVec2 at(max.x - width - 10, (min.y + max.y - height) * 0.5f);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height), ImGui::GetColorU32(p.error), height * 0.5f);
    draw->AddText(ImVec2(at.x + (width - size.x) * 0.5f, at.y + 2), ImGui::GetColorU32(ImVec4(1, 1, 1, 1)), count.c_str());
}

void AppFrame::drawNavigationRail(float height) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().railBg);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12, 16));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0);
    ImGui::BeginChild("##navigation", ImVec2(200, height), ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 8);
    ImGui::PushFont(fonts().title);
    ImGui::TextUnformatted(tr("FieldCRM"));
    ImGui::PopFont();
    ImGui::Spacing();
    ImGui::Spacing();
    navItem(ICON_CUSTOMERS, tr("Customers"), "nav-customers", Screen::Customers);
    navItem(ICON_COMPANIES, tr("Companies"), "nav-companies", Screen::Companies);
    navItem(ICON_SYNC, tr("Sync"), "nav-sync", Screen::Sync);
    navItem(ICON_CONFLICTS, tr("Conflicts"), "nav-conflicts", Screen::Conflicts, conflicts_.count());
    navItem(ICON_SETTINGS, tr("Settings"), "nav-settings", Screen::Settings);
    ImGui::EndChild();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

// Shown when a new version is installed and waiting (platform::updateReady): Reload switches to it.
static void drawUpdateBanner() {
    if (!platform::updateReady()) return;
    const Palette& p = palette();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.panelBg);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(14, 8));
    ImGui::BeginChild("##update-banner", ImVec2(0, ImGui::GetFrameHeight() + 16), ImGuiChildFlags_AlwaysUseWindowPadding,
                      ImGuiWindowFlags_NoScrollbar);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("A new version of FieldCRM is ready."));
    ImGui::SameLine();
    mutedText(tr("Your data stays as it is."));
    ImGui::SameLine();
    if (primaryButton(label("Reload", "update-reload"))) platform::applyUpdate();
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

void AppFrame::draw() {
    ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                   ImGuiWindowFlags_NoNavFocus;
    ImGui::Begin("##fieldcrm", nullptr, flags);
    ImGui::PopStyleVar(2);

    // Ctrl+N: a new company on the Companies screen, a new customer everywhere else.
    if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_N)) {
        if (screen_ == Screen::Companies) {
            companies_.addCompany();
        } else {
            screen_ = Screen::Customers;
            customers_.addCustomer();
        }
    }

    // Explicit heights and positions: the rail, the main area and the status bar tile the window exactly.
    float bodyHeight = viewport->WorkSize.y - statusBarHeight();
    drawNavigationRail(bodyHeight);
    ImGui::SameLine(0, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 20));
    ImGui::BeginChild("##main", ImVec2(0, bodyHeight), ImGuiChildFlags_AlwaysUseWindowPadding);
    drawUpdateBanner();
    switch (screen_) {
        case Screen::Customers: customers_.draw(); break;
        case Screen::Companies: companies_.draw(); break;
        case Screen::Sync: sync_.draw(); break;
        case Screen::Conflicts: conflicts_.draw(); break;
        case Screen::Settings: settings_.draw(); break;
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();

    ImGui::SetCursorPos(ImVec2(0, bodyHeight));
    drawStatusBar(crm_, customers_.customerCount());
    routeDrops();
    sync_.drawDialogs();
    restore_.drawDialogs();
    import_.drawDialogs();
    export_.drawDialogs();
    ImGui::End();

    toast_.draw(statusBarHeight());
    drawDropHint();
}

// Files dropped on the window that the open screen did not take: a backup goes to the restore (which asks first),
// a sync file to Sync (imported at once), a customer file (CSV, vCard — these arrive in slices — or our JSON
// customer export) to the import wizard on the Customers screen; anything else is refused with a word on what can
// be dropped.
void AppFrame::routeDrops() {
    for (platform::OpenedFile& file : platform::takeUntakenDrops()) {
        std::string_view text(reinterpret_cast<const char*>(file.bytes.data()), file.bytes.size());
        bool json = file.name.size() >= 5 && file.name.compare(file.name.size() - 5, 5, ".json") == 0;
        if (BackupRestore::looksLikeBackup(file.name)) {
            screen_ = Screen::Settings;
            restore_.openFile(std::move(file));
        } else if (file.slices || CustomerImportDialog::canOpen(file.name) ||
                   (!core::looksLikeSyncFile(text) && core::looksLikeCustomerExport(text))) {
            screen_ = Screen::Customers;
            import_.openFile(std::move(file));
        } else if (core::looksLikeSyncFile(text) || json) {
            screen_ = Screen::Sync;
            sync_.importFile(std::move(file));
        } else {
            toast_.show(format(tr("FieldCRM cannot open %s here. Drop a customer file (.csv, .vcf) to import it, a "
                                  "sync file (.json) to import its changes, or a backup (.sqlite3) to restore it."),
                               file.name.c_str()),
                        nullptr);
        }
    }
}

// While files are dragged over the window, the whole window says what dropping does.
void AppFrame::drawDropHint() {
    if (!platform::filesDraggedOver()) return;
    const Palette& p = palette();
    ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    ImVec2 min(viewport->WorkPos.x + 12, viewport->WorkPos.y + 12);
    ImVec2 max(viewport->WorkPos.x + viewport->WorkSize.x - 12, viewport->WorkPos.y + viewport->WorkSize.y - 12);
    ImVec4 veil = p.panelBg;
    veil.w = 0.85f;
    draw->AddRectFilled(min, max, ImGui::GetColorU32(veil), 12);
    draw->AddRect(min, max, ImGui::GetColorU32(p.accent), 12, 0, 3);
    const char* text = tr("Drop customers (.csv, .vcf), a sync file or a backup here");
    ImVec2 size = ImGui::CalcTextSize(text);
    draw->AddText(ImVec2((min.x + max.x - size.x) * 0.5f, (min.y + max.y - size.y) * 0.5f),
                  ImGui::GetColorU32(ImGuiCol_Text), text);
}

}  // namespace ui
