// The Settings screen: appearance (light/dark), language, the customer fields (custom fields and required fields),
// this device's name and id, the Storage panel (persistent storage,
// usage and quota, database size, "Download backup", "Restore from backup") and the app version. Device settings go
// through core::Crm; UI preferences through platform/page.h. No SQL here.
#pragma once

#include <string>

#include "core/crm.h"
#include "ui/customer_fields_settings.h"
#include "ui/device_name_editor.h"
#include "ui/restore_backup.h"

namespace ui {

class SettingsScreen {
public:
    SettingsScreen(core::Crm& crm, BackupRestore& restore, UndoToast& toast, std::string user)
        : crm_(crm), restore_(restore), customerFields_(crm, toast, std::move(user)) {}
    void draw();

private:
    core::Crm& crm_;
    BackupRestore& restore_;
    CustomerFieldsSettings customerFields_;
    DeviceNameEditor deviceName_;
    std::string backupError_;  // why the last "Download backup" failed; empty after a success
};

}  // namespace ui
