// The whole window of the browser app: a full-window layout (no floating windows) with the navigation rail, the
// current screen, the status bar and the undo toast, plus app-wide shortcuts. Writes nothing itself.
#include "ui/app_frame.h"

#include "imgui.h"
#include "platform/page.h"
#include "ui/i18n.h"
#include "ui/icons.h"
#include "ui/status_bar.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace ui {

// Writes from this app are stamped with this user until accounts exist.
static const char* kLocalUser = "local";

AppFrame::AppFrame(core::Crm& crm) : crm_(crm), customers_(crm, toast_, kLocalUser), settings_(crm) {}

const char* AppFrame::screenName() const { return screen_ == Screen::Customers ? "customers" : "settings"; }

// A full-width, left-aligned button with its icon and (translated) text; "###id" names it in every language. The
// selected screen is filled with the accent colour.
void AppFrame::navItem(const char* icon, const char* text, const char* id, Screen target) {
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

    if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_N)) {
        screen_ = Screen::Customers;
        customers_.addCustomer();
    }

    // Explicit heights and positions: the rail, the main area and the status bar tile the window exactly.
    float bodyHeight = viewport->WorkSize.y - statusBarHeight();
    drawNavigationRail(bodyHeight);
    ImGui::SameLine(0, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 20));
    ImGui::BeginChild("##main", ImVec2(0, bodyHeight), ImGuiChildFlags_AlwaysUseWindowPadding);
    drawUpdateBanner();
    if (screen_ == Screen::Customers) customers_.draw();
    else settings_.draw();
    ImGui::EndChild();
    ImGui::PopStyleVar();

    ImGui::SetCursorPos(ImVec2(0, bodyHeight));
    drawStatusBar(crm_, customers_.customerCount());
    ImGui::End();

    toast_.draw(statusBarHeight());
}

}  // namespace ui
