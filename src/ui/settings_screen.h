// The Settings screen: appearance (light/dark), this device's name and id, the Storage panel (persistent storage,
// usage and quota, database size, "Download backup", "Restore from backup") and the app version. Device settings go
// through core::Crm; UI preferences through platform/page.h. No SQL here.
#pragma once

#include <string>

#include "core/crm.h"
#include "ui/device_name_editor.h"
#include "ui/restore_backup.h"

namespace ui {

class SettingsScreen {
public:
    SettingsScreen(core::Crm& crm, BackupRestore& restore) : crm_(crm), restore_(restore) {}
    void draw();

private:
    core::Crm& crm_;
    BackupRestore& restore_;
    DeviceNameEditor deviceName_;
    std::string backupError_;  // why the last "Download backup" failed; empty after a success
};

}  // namespace ui
