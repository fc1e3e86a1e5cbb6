// The whole window of the browser app: navigation rail on the left, the current screen in the main area, the
// status bar at the bottom, the undo toast and the app-wide dialogs on top. Owns the screens (so a half-filled form
// survives switching) and routes files dropped on the window to the screen that can open them.
// Reads and writes only through core services; knows nothing of the browser (the backend feeds ImGui).
#pragma once

#include <string>

#include "core/crm.h"
#include "ui/companies_screen.h"
#include "ui/conflicts_screen.h"
#include "ui/customers_screen.h"
#include "ui/restore_backup.h"
#include "ui/settings_screen.h"
#include "ui/sync_screen.h"
#include "ui/undo_toast.h"

namespace ui {

enum class Screen { Customers, Companies, Sync, Conflicts, Settings };

class AppFrame {
public:
    // `startNotice`: a message to show once (e.g. the result of a restore before this start), or "".
    AppFrame(core::Crm& crm, const std::string& startNotice = std::string());

    void draw();  // one frame of the whole UI, between ImGui::NewFrame() and ImGui::Render()
    bool busy() const { return sync_.busy() || restore_.busy() || import_.busy() || export_.busy(); }  // long work runs a slice per frame: keep drawing

    Screen screen() const { return screen_; }
    const char* screenName() const;
    CustomersScreen& customers() { return customers_; }
    const CustomerImportDialog& customerImport() const { return import_; }
    const CustomerExportMenu& customerExport() const { return export_; }
    CompaniesScreen& companies() { return companies_; }
    SyncScreen& sync() { return sync_; }
    ConflictsScreen& conflicts() { return conflicts_; }
    const BackupRestore& restore() const { return restore_; }
    const UndoToast& toast() const { return toast_; }

    // The data changed under the screens (an import, a conflict choice; the benchmarks' fill): lists read it again.
    void dataChanged();

private:
    void drawNavigationRail(float height);
    void navItem(const char* icon, const char* text, const char* id, Screen target, int64_t badge = 0);
    void routeDrops();
    void drawDropHint();

    core::Crm& crm_;
    UndoToast toast_;
    CustomerImportDialog import_;
    CustomerExportMenu export_;
    CustomersScreen customers_;
    CompaniesScreen companies_;
    SyncScreen sync_;
    ConflictsScreen conflicts_;
    BackupRestore restore_;
    SettingsScreen settings_;
    Screen screen_ = Screen::Customers;
};

}  // namespace ui
