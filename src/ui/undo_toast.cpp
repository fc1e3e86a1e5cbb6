// The toast that follows a destructive action: message + "Undo" (###toast-undo) for a few seconds, bottom-right;
// without an undo it is a plain notice.
// It runs only the undo it was handed and never writes CRM data itself.
#include "ui/undo_toast.h"

#include "imgui.h"
#include "ui/fonts.h"
#include "ui/i18n.h"
#include "ui/theme.h"

namespace ui {

void UndoToast::show(std::string message, std::function<void()> undo, double seconds) {
    message_ = std::move(message);
    undo_ = std::move(undo);
    expiresAt_ = ImGui::GetTime() + seconds;
}

void UndoToast::dismiss() {
    message_.clear();
    undo_ = nullptr;
}

void UndoToast::drawUndoButton() {
    ImGui::SameLine(0, 24);
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(1, 1, 1, 0.12f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(1, 1, 1, 0.2f));
    ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_Text, currentTheme() == Theme::Light ? ImVec4(0.58f, 0.77f, 1, 1) : palette().accent);
    bool undo = ImGui::Button(label("Undo", "toast-undo"));
    ImGui::PopStyleColor(5);
    if (undo) {
        std::function<void()> action = std::move(undo_);
        dismiss();
        action();
    }
}

void UndoToast::draw(float bottomInset) {
    if (message_.empty()) return;
    if (ImGui::GetTime() >= expiresAt_) {
        dismiss();
        return;
    }
    const Palette& p = palette();
    ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImVec2 corner(viewport->WorkPos.x + viewport->WorkSize.x - 24, viewport->WorkPos.y + viewport->WorkSize.y - bottomInset - 16);
    ImGui::SetNextWindowPos(corner, ImGuiCond_Always, ImVec2(1, 1));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, p.toastBg);
    ImGui::PushStyleColor(ImGuiCol_Text, p.toastText);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(18, 12));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoNav;
    if (ImGui::Begin("##undo-toast", nullptr, flags)) {
        ImGui::AlignTextToFramePadding();
        noteGlyphs(message_);
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
        ImGui::TextUnformatted(message_.c_str());
        ImGui::PopTextWrapPos();
        if (undo_) drawUndoButton();
    }
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(2);
}

}  // namespace ui
