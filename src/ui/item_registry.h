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

// Call right after drawing an item that may be scrolled out of its window (a long form): when it is out of view (or
// partly), the
// test API can say where it is, so a test scrolls to it with the mouse wheel as a person does. ImGui reports only
// visible items, so an item scrolled away would otherwise just be missing.
void noteItemOutOfView(const std::string& label);
void noteRectOutOfView(const std::string& label, const ImVec2& min, const ImVec2& max);  // an item ImGui does not report

// An item drawn (partly) outside the visible part of its window: its rectangle and the window's visible rectangle.
struct OutOfViewItem {
    RegisteredItem item;
    RegisteredItem view;
};
const OutOfViewItem* findOutOfViewItem(const std::string& label);

// Items of the last complete frame, in drawing order.
const std::vector<RegisteredItem>& registeredItems();
// The item labelled exactly `label`; a query "###id" finds the ui::label(…, "id") widget in any language.
const RegisteredItem* findRegisteredItem(const std::string& label);

}  // namespace ui
