// FieldCRM's look: light and dark palettes with one accent colour, generous spacing, rounded corners, no window
// borders (the fonts are ui/fonts.cpp). Nothing here reads or writes CRM data.
#include "ui/theme.h"

namespace ui {

static Theme gTheme = Theme::Light;
static Palette gPalette;

static ImVec4 rgb(int r, int g, int b, float a = 1.0f) { return ImVec4(r / 255.0f, g / 255.0f, b / 255.0f, a); }

// ---- palettes (text colours keep WCAG AA contrast on their backgrounds) ------------------------------------------
static void lightColors(ImVec4* c, Palette& p) {
    p.accent = rgb(37, 99, 235);
    p.accentHovered = rgb(29, 78, 216);
    p.accentText = rgb(255, 255, 255);
    p.mutedText = rgb(94, 104, 118);
    p.error = rgb(180, 35, 24);
    p.success = rgb(6, 118, 71);
    p.railBg = rgb(241, 243, 247);
    p.panelBg = rgb(247, 248, 250);
    p.statusBg = rgb(241, 243, 247);
    p.errorBg = rgb(254, 228, 226);
    p.toastBg = rgb(31, 41, 55);
    p.toastText = rgb(249, 250, 251);

    c[ImGuiCol_Text] = rgb(23, 32, 46);
    c[ImGuiCol_TextDisabled] = p.mutedText;
    c[ImGuiCol_WindowBg] = rgb(255, 255, 255);
    c[ImGuiCol_ChildBg] = rgb(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = rgb(255, 255, 255);
    c[ImGuiCol_Border] = rgb(208, 213, 221);
    c[ImGuiCol_BorderShadow] = rgb(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = rgb(255, 255, 255);
    c[ImGuiCol_FrameBgHovered] = rgb(248, 250, 252);
    c[ImGuiCol_FrameBgActive] = rgb(255, 255, 255);
    c[ImGuiCol_ScrollbarBg] = rgb(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarGrab] = rgb(203, 208, 216);
    c[ImGuiCol_ScrollbarGrabHovered] = rgb(176, 183, 194);
    c[ImGuiCol_ScrollbarGrabActive] = rgb(148, 156, 168);
    c[ImGuiCol_CheckMark] = p.accent;
    c[ImGuiCol_Button] = rgb(241, 243, 247);
    c[ImGuiCol_ButtonHovered] = rgb(228, 231, 236);
    c[ImGuiCol_ButtonActive] = rgb(214, 218, 225);
    c[ImGuiCol_Header] = rgb(219, 234, 254);
    c[ImGuiCol_HeaderHovered] = rgb(239, 245, 255);
    c[ImGuiCol_HeaderActive] = rgb(205, 225, 253);
    c[ImGuiCol_Separator] = rgb(228, 231, 236);
    c[ImGuiCol_SeparatorHovered] = p.accent;
    c[ImGuiCol_SeparatorActive] = p.accent;
    c[ImGuiCol_TableHeaderBg] = rgb(246, 247, 249);
    c[ImGuiCol_TableBorderStrong] = rgb(228, 231, 236);
    c[ImGuiCol_TableBorderLight] = rgb(236, 238, 242);
    c[ImGuiCol_TableRowBg] = rgb(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] = rgb(248, 249, 251);
    c[ImGuiCol_TextSelectedBg] = rgb(37, 99, 235, 0.25f);
    c[ImGuiCol_NavHighlight] = p.accent;
    c[ImGuiCol_ModalWindowDimBg] = rgb(15, 23, 42, 0.35f);
}

static void darkColors(ImVec4* c, Palette& p) {
    p.accent = rgb(37, 99, 235);  // white text on it keeps 5:1 contrast
    p.accentHovered = rgb(59, 130, 246);
    p.accentText = rgb(255, 255, 255);
    p.mutedText = rgb(156, 165, 178);
    p.error = rgb(249, 112, 102);
    p.success = rgb(71, 205, 137);
    p.railBg = rgb(24, 27, 33);
    p.panelBg = rgb(37, 42, 50);
    p.statusBg = rgb(24, 27, 33);
    p.errorBg = rgb(85, 22, 18);
    p.toastBg = rgb(229, 231, 235);
    p.toastText = rgb(17, 24, 39);

    c[ImGuiCol_Text] = rgb(230, 233, 237);
    c[ImGuiCol_TextDisabled] = p.mutedText;
    c[ImGuiCol_WindowBg] = rgb(30, 34, 41);
    c[ImGuiCol_ChildBg] = rgb(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = rgb(36, 41, 49);
    c[ImGuiCol_Border] = rgb(61, 68, 80);
    c[ImGuiCol_BorderShadow] = rgb(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = rgb(22, 25, 31);
    c[ImGuiCol_FrameBgHovered] = rgb(27, 31, 38);
    c[ImGuiCol_FrameBgActive] = rgb(22, 25, 31);
    c[ImGuiCol_ScrollbarBg] = rgb(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarGrab] = rgb(66, 73, 86);
    c[ImGuiCol_ScrollbarGrabHovered] = rgb(86, 94, 108);
    c[ImGuiCol_ScrollbarGrabActive] = rgb(106, 115, 130);
    c[ImGuiCol_CheckMark] = p.accent;
    c[ImGuiCol_Button] = rgb(45, 51, 61);
    c[ImGuiCol_ButtonHovered] = rgb(55, 62, 74);
    c[ImGuiCol_ButtonActive] = rgb(65, 73, 87);
    c[ImGuiCol_Header] = rgb(37, 62, 110);
    c[ImGuiCol_HeaderHovered] = rgb(40, 47, 58);
    c[ImGuiCol_HeaderActive] = rgb(44, 72, 126);
    c[ImGuiCol_Separator] = rgb(50, 56, 66);
    c[ImGuiCol_SeparatorHovered] = p.accent;
    c[ImGuiCol_SeparatorActive] = p.accent;
    c[ImGuiCol_TableHeaderBg] = rgb(36, 41, 49);
    c[ImGuiCol_TableBorderStrong] = rgb(50, 56, 66);
    c[ImGuiCol_TableBorderLight] = rgb(44, 49, 58);
    c[ImGuiCol_TableRowBg] = rgb(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] = rgb(34, 38, 46);
    c[ImGuiCol_TextSelectedBg] = rgb(59, 130, 246, 0.35f);
    c[ImGuiCol_NavHighlight] = p.accent;
    c[ImGuiCol_ModalWindowDimBg] = rgb(0, 0, 0, 0.5f);
}

// ---- shared metrics ---------------------------------------------------------------------------------------------------
void applyTheme(Theme theme) {
    gTheme = theme;
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    s.WindowPadding = ImVec2(20, 16);
    s.FramePadding = ImVec2(10, 7);
    s.CellPadding = ImVec2(10, 7);
    s.ItemSpacing = ImVec2(10, 10);
    s.ItemInnerSpacing = ImVec2(8, 6);
    s.IndentSpacing = 20;
    s.ScrollbarSize = 12;
    s.GrabMinSize = 12;
    s.WindowRounding = 10;
    s.ChildRounding = 10;
    s.FrameRounding = 6;
    s.PopupRounding = 8;
    s.ScrollbarRounding = 6;
    s.GrabRounding = 6;
    s.WindowBorderSize = 0;
    s.ChildBorderSize = 0;
    s.PopupBorderSize = 1;
    s.FrameBorderSize = 1;
    s.SelectableTextAlign = ImVec2(0.0f, 0.5f);
    if (theme == Theme::Light) lightColors(s.Colors, gPalette);
    else darkColors(s.Colors, gPalette);
}

Theme currentTheme() { return gTheme; }
const Palette& palette() { return gPalette; }

}  // namespace ui
