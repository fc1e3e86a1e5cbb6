// Small shared widgets in FieldCRM's look (titles, muted and error text, primary/danger buttons, form fields).
// They draw only: no CRM data is read or written here.
#include "ui/widgets.h"

#include <cstdio>

#include "imgui_stdlib.h"
#include "ui/fonts.h"
#include "ui/i18n.h"
#include "ui/theme.h"

namespace ui {

void screenTitle(const char* text) {
    noteGlyphs(text);
    ImGui::PushFont(fonts().title);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

void sectionTitle(const char* text) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().mutedText);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    ImGui::Separator();
}

void dataText(const std::string& text) {
    noteGlyphs(text);
    ImGui::TextUnformatted(text.c_str());
}

void mutedText(const char* text) {
    noteGlyphs(text);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().mutedText);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

void errorText(const char* text) {
    noteGlyphs(text);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

bool primaryButton(const char* label, const ImVec2& size) {
    const Palette& p = palette();
    ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accentHovered);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.accentHovered);
    ImGui::PushStyleColor(ImGuiCol_Text, p.accentText);
    ImGui::PushStyleColor(ImGuiCol_Border, p.accent);
    bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleColor(5);
    return pressed;
}

bool dangerButton(const char* label, const ImVec2& size) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleColor();
    return pressed;
}

FieldEvents formField(const char* label, const char* id, std::string* value, const std::string& error, bool required,
                      int lines, const char* hint) {
    FieldEvents events;
    noteGlyphs(*value);  // a name typed or stored with a rare character gets its glyph
    ImGui::TextUnformatted(label);
    if (required) {
        ImGui::SameLine(0, 4);
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        ImGui::TextUnformatted("*");
        ImGui::PopStyleColor();
    }
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y * 0.5f);
    if (!error.empty()) ImGui::PushStyleColor(ImGuiCol_Border, palette().error);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (lines > 1) {
        float height = ImGui::GetTextLineHeight() * lines + ImGui::GetStyle().FramePadding.y * 2;
        events.changed = ImGui::InputTextMultiline(id, value, ImVec2(-FLT_MIN, height));
    } else if (hint) {
        events.entered = ImGui::InputTextWithHint(id, hint, value, ImGuiInputTextFlags_EnterReturnsTrue);
    } else {
        events.entered = ImGui::InputText(id, value, ImGuiInputTextFlags_EnterReturnsTrue);
    }
    if (lines == 1) events.changed = ImGui::IsItemEdited();
    events.left = ImGui::IsItemDeactivated();
    if (!error.empty()) {
        ImGui::PopStyleColor();
        errorText(error.c_str());
    }
    ImGui::Spacing();
    return events;
}

void countsLine(std::initializer_list<std::pair<const char*, int64_t>> items) {
    ImGui::PushTextWrapPos(-1.0f);
    bool first = true;
    for (const auto& [name, value] : items) {
        if (!first) ImGui::SameLine(0, 20);
        first = false;
        mutedText(name);
        ImGui::SameLine(0, 6);
        ImGui::TextUnformatted(core::formatInteger(language(), value).c_str());
    }
    ImGui::PopTextWrapPos();
}

std::string formatBytes(long long bytes) {
    char text[32];
    if (bytes < 1024) std::snprintf(text, sizeof text, "%lld B", bytes);
    else if (bytes < 1024 * 1024) std::snprintf(text, sizeof text, "%.0f KB", bytes / 1024.0);
    else if (bytes < 1024LL * 1024 * 1024) std::snprintf(text, sizeof text, "%.1f MB", bytes / (1024.0 * 1024.0));
    else std::snprintf(text, sizeof text, "%.2f GB", bytes / (1024.0 * 1024.0 * 1024.0));
    return text;
}

std::string formatDateTime(long long ms) { return core::formatLocalDateTime(language(), ms); }

std::string formatAge(long long ms, long long nowMs) {
    long long seconds = (nowMs - ms) / 1000;
    if (seconds < 0) return tr("in the future");
    if (seconds < 60) return tr("just now");
    if (seconds < 3600) return format(tr("%lld min ago"), seconds / 60);
    if (seconds < 86400) return format(seconds < 7200 ? tr("%lld hour ago") : tr("%lld hours ago"), seconds / 3600);
    return format(seconds < 2 * 86400 ? tr("%lld day ago") : tr("%lld days ago"), seconds / 86400);
}

bool beginDialog(const char* id) {
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(ImGui::GetFontSize() * 44, FLT_MAX));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 20));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings;
    bool open = ImGui::BeginPopupModal(id, nullptr, flags);
    ImGui::PopStyleVar();
    return open;
}

void endDialog() { ImGui::EndPopup(); }

}  // namespace ui
