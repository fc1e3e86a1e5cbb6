// The "Device name" field with its Save button, shown in Settings and on the Sync screen: the name other devices
// see in sync files ("sales laptop 2"). Saves through core::Crm; each screen has its own editor (and draft).
#pragma once

#include <string>

#include "core/crm.h"

namespace ui {

class DeviceNameEditor {
public:
    // `id` keeps the widgets apart when two screens show an editor ("settings", "sync").
    void draw(core::Crm& crm, const char* id);

private:
    bool loaded_ = false;
    std::string name_;     // being edited
    std::string message_;  // result of the last save
    bool messageIsError_ = false;
};

}  // namespace ui
