// Where each labelled ImGui item was drawn in the last complete frame, recorded through ImGui's test-engine hooks
// (the imgui target is built with IMGUI_ENABLE_TEST_ENGINE). The browser test API reads it to find widgets.
// It only observes: it never changes what ImGui draws or how it reacts to input.
#pragma once

#include <string>
#include <vector>

struct ImVec2;

namespace ui {

struct RegisteredItem {
    std::string label;  // full ImGui label, including any "##suffix"
    float x, y, w, h;   // visible rectangle in CSS pixels (ImGui display coordinates)
};

// Turns the hooks on for the current ImGui context; call once after ImGui::CreateContext().
void enableItemRegistry();

// Records an item ImGui itself does not report (table headers); call right after drawing it.
void registerItem(const std::string& label, const ImVec2& min, const ImVec2& max);

// Call after ImGui::Render(): the frame just built becomes the one queries see.
void finishItemRegistryFrame();

// Items of the last complete frame, in drawing order.
const std::vector<RegisteredItem>& registeredItems();
// The item labelled exactly `label`; a query "###id" finds the ui::label(…, "id") widget in any language.
const RegisteredItem* findRegisteredItem(const std::string& label);

}  // namespace ui
