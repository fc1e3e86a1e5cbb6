// The whole window of the browser app: navigation rail on the left, the current screen in the main area, the
// status bar at the bottom, the undo toast on top. Owns the screens (so a half-filled form survives switching).
// Reads and writes only through core services; knows nothing of the browser (the backend feeds ImGui).
#pragma once

#include <string>

#include "core/crm.h"
#include "ui/customers_screen.h"
#include "ui/settings_screen.h"
#include "ui/undo_toast.h"

namespace ui {

enum class Screen { Customers, Settings };

class AppFrame {
public:
    explicit AppFrame(core::Crm& crm);

    void draw();  // one frame of the whole UI, between ImGui::NewFrame() and ImGui::Render()

    Screen screen() const { return screen_; }
    const char* screenName() const;
    CustomersScreen& customers() { return customers_; }
    const UndoToast& toast() const { return toast_; }

private:
    void drawNavigationRail(float height);
    void navItem(const char* icon, const char* text, const char* id, Screen target);

    core::Crm& crm_;
    UndoToast toast_;
    CustomersScreen customers_;
    SettingsScreen settings_;
    Screen screen_ = Screen::Customers;
};

}  // namespace ui
