// Small shared widgets in FieldCRM's look (titles, muted and error text, primary/danger buttons, form fields).
// They draw only: no CRM data is read or written here.
#include "ui/widgets.h"

#include <algorithm>
#include <cstdio>

#include "imgui_stdlib.h"
#include "ui/fonts.h"
#include "ui/i18n.h"
#include "ui/item_registry.h"
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
                      int lines, const char* hint, float width) {
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
    ImGui::SetNextItemWidth(width > 0 ? width : -FLT_MIN);
    if (lines > 1) {
        float height = ImGui::GetTextLineHeight() * lines + ImGui::GetStyle().FramePadding.y * 2;
        events.changed = ImGui::InputTextMultiline(id, value, ImVec2(width > 0 ? width : -FLT_MIN, height));
    } else if (hint) {
        events.entered = ImGui::InputTextWithHint(id, hint, value, ImGuiInputTextFlags_EnterReturnsTrue);
    } else {
        events.entered = ImGui::InputText(id, value, ImGuiInputTextFlags_EnterReturnsTrue);
    }
    if (lines == 1) events.changed = ImGui::IsItemEdited();
    events.left = ImGui::IsItemDeactivated();
    events.active = ImGui::IsItemActive();
    noteItemOutOfView(id);
    if (!error.empty()) {
        ImGui::PopStyleColor();
        if (width > 0) ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        errorText(error.c_str());
        if (width > 0) ImGui::PopTextWrapPos();
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

bool beginCombo(const char* id, const char* preview) {
    ImVec2 min = ImGui::GetCursorScreenPos();
    ImVec2 max(min.x + ImGui::CalcItemWidth(), min.y + ImGui::GetFrameHeight());
    registerItem(id, min, max);
    noteRectOutOfView(id, min, max);
    noteGlyphs(preview);
    return ImGui::BeginCombo(id, preview);
}

float pairFieldWidth() { return (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f; }

void beginPairedField(bool right) {
    if (right) ImGui::SameLine();
    ImGui::BeginGroup();
}

void endPairedField() { ImGui::EndGroup(); }

void FormMessages::reset() {
    visited_.clear();
    submitted_ = false;
}

void FormMessages::left(const std::string& field) {
    if (std::find(visited_.begin(), visited_.end(), field) == visited_.end()) visited_.push_back(field);
}

bool FormMessages::shown(const std::string& field) const {
    return submitted_ || std::find(visited_.begin(), visited_.end(), field) != visited_.end();
}

std::string FormMessages::of(const std::vector<core::FieldError>& errors, const std::string& field) const {
    if (!shown(field)) return {};
    for (const core::FieldError& e : errors)
        if (e.field == field) return translatedMessage(e);
    return {};
}

std::string FormMessages::sentence(const std::vector<core::FieldError>& errors, const std::string& field,
                                   const char* label) const {
    std::string message = of(errors, field);
    return message.empty() ? message : format(tr("%s %s."), label, message.c_str());
}

std::vector<core::FieldError> FormMessages::shownOf(const std::vector<core::FieldError>& errors) const {
    std::vector<core::FieldError> out;
    for (const core::FieldError& e : errors)
        if (shown(e.field)) out.push_back(e);
    return out;
}

// Some core messages quote the value ("\"x\" is not an email address"): said in the user's language, same quote.
std::string translatedMessage(const core::FieldError& e) {
    if (e.code == "too_long" || e.message.rfind("is longer than", 0) == 0) return tr("is too long");
    if (!e.message.empty() && e.message[0] == '"') {
        size_t end = e.message.find('"', 1);
        if (end != std::string::npos) {
            std::string item = e.message.substr(1, end - 1), rest = e.message.substr(end + 1);
            if (rest == " is not an email address") return format(tr("\"%s\" is not an email address"), item.c_str());
            if (rest == " is not one of the choices") return format(tr("\"%s\" is not one of the choices"), item.c_str());
            if (rest.rfind(": ", 0) == 0) return format(tr("\"%s\": %s"), item.c_str(), tr(rest.substr(2).c_str()));
        }
    }
    return tr(e.message.c_str());
}

void beginDetailPanel(const char* id) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().panelBg);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(20, 18));
    ImGui::BeginChild(id, ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
}

void endDetailPanel() {
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
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
