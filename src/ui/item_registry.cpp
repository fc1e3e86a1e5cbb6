// Where each labelled ImGui item was drawn in the last complete frame, recorded through ImGui's test-engine hooks.
// Defines the four hook functions ImGui calls when built with IMGUI_ENABLE_TEST_ENGINE; the browser test API reads
// the result. It only observes: nothing here changes what ImGui draws or how it reacts to input.
#include "ui/item_registry.h"

#include <unordered_map>

#include "imgui.h"
#include "imgui_internal.h"

namespace ui {

// ---- per-frame buffers: `building` is filled while a frame is built, `last` is what queries see -------------------
struct ItemFrame {
    std::vector<RegisteredItem> items;
    std::vector<ImGuiID> ids;                    // parallel to items
    std::unordered_map<ImGuiID, ImRect> added;   // rectangles from ItemAdd, waiting for their label in ItemInfo
    std::vector<OutOfViewItem> outOfView;        // from noteItemOutOfView
    void clear() { items.clear(); ids.clear(); added.clear(); outOfView.clear(); }
};

static ItemFrame gBuilding;
static ItemFrame gLast;

static void record(ImGuiID id, const char* label, ImRect rect, const ImRect& clip) {
    rect.ClipWithFull(clip);
    if (rect.GetWidth() <= 0.0f || rect.GetHeight() <= 0.0f) return;  // scrolled out or fully covered by the clip
    gBuilding.items.push_back({label, rect.Min.x, rect.Min.y, rect.GetWidth(), rect.GetHeight()});
    gBuilding.ids.push_back(id);
}

void enableItemRegistry() { GImGui->TestEngineHookItems = true; }

void registerItem(const std::string& label, const ImVec2& min, const ImVec2& max) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    record(ImGui::GetID(label.c_str()), label.c_str(), ImRect(min, max), window->ClipRect);
}

static RegisteredItem itemOf(const std::string& label, const ImRect& r) {
    return {label, r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight()};
}

void noteItemOutOfView(const std::string& label) { noteRectOutOfView(label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()); }

void noteRectOutOfView(const std::string& label, const ImVec2& min, const ImVec2& max) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    ImRect rect(min, max), view = window->ClipRect;
    // Partly hidden counts too: a click on the visible strip at a window's edge would land beside it once the layout
    // shifts (a message appearing above it).
    if (view.Contains(rect) || view.GetWidth() <= 0.0f || view.GetHeight() <= 0.0f) return;
    gBuilding.outOfView.push_back({itemOf(label, rect), itemOf(window->Name, view)});
}

void finishItemRegistryFrame() {
    std::swap(gLast, gBuilding);
    gBuilding.clear();
}

const std::vector<RegisteredItem>& registeredItems() { return gLast.items; }

// "###id" finds a ui::label() widget whatever language its visible part is in; anything else matches exactly.
static bool labelMatches(const std::string& itemLabel, const std::string& query) {
    if (itemLabel == query) return true;
    if (query.rfind("###", 0) != 0 || itemLabel.size() < query.size()) return false;
    return itemLabel.compare(itemLabel.size() - query.size(), query.size(), query) == 0;
}

const RegisteredItem* findRegisteredItem(const std::string& label) {
    for (const RegisteredItem& item : gLast.items)
        if (labelMatches(item.label, label)) return &item;
    return nullptr;
}

const OutOfViewItem* findOutOfViewItem(const std::string& label) {
    for (const OutOfViewItem& o : gLast.outOfView)
        if (labelMatches(o.item.label, label)) return &o;
    return nullptr;
}

}  // namespace ui

// ---- ImGui test-engine hooks (signatures from imgui_internal.h) ------------------------------------------------------
void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, ImGuiID id, const ImRect& bb, const ImGuiLastItemData*) {
    ui::gBuilding.added[id] = bb;
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
    if (label == nullptr || label[0] == 0 || ctx->CurrentWindow == nullptr) return;
    ImRect rect;
    if (ctx->LastItemData.ID == id) rect = ctx->LastItemData.Rect;
    else if (auto it = ui::gBuilding.added.find(id); it != ui::gBuilding.added.end()) rect = it->second;
    else return;
    // A window reports itself from Begin(), before its own clip rectangle is set: clip it by its parent or the screen.
    ImGuiWindow* window = ctx->CurrentWindow;
    ImRect clip = window->ClipRect;
    if (id == window->ID)
        clip = window->ParentWindow ? window->ParentWindow->ClipRect : ImRect(ImVec2(0, 0), ctx->IO.DisplaySize);
    ui::record(id, label, rect, clip);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID id) {
    for (size_t i = 0; i < ui::gLast.ids.size(); i++)
        if (ui::gLast.ids[i] == id) return ui::gLast.items[i].label.c_str();
    return nullptr;
}
