// The Settings screen: appearance (light/dark), this device's name and id, the Storage panel (persistent storage,
// usage and quota, database size, "Download backup") and the app version. Device settings go through core::Crm; UI preferences through platform/page.h. No SQL here.
#pragma once

#include <string>

#include "core/crm.h"

namespace ui {

class SettingsScreen {
public:
    explicit SettingsScreen(core::Crm& crm) : crm_(crm) {}
    void draw();

private:
    core::Crm& crm_;
    bool loaded_ = false;
    std::string deviceName_;  // being edited
    std::string message_;     // result of the last device-name save
    bool messageIsError_ = false;
    std::string backupError_;  // why the last "Download backup" failed; empty after a success
};

}  // namespace ui
