// Restoring a backup, from Settings -> Storage (or a backup file dropped on the window): pick the file, check it
// (core::checkBackup: nothing is replaced if it is not a sound FieldCRM database this app can open), say what will
// happen and ask, then hand it to platform::restoreDatabase, which keeps the current data until the restored one
// has opened after the restart. Reads and writes only through core and platform; no SQL here.
#pragma once

#include <optional>
#include <string>

#include "core/backup.h"
#include "core/crm.h"
#include "platform/files.h"

namespace ui {

class BackupRestore {
public:
    explicit BackupRestore(core::Crm& crm) : crm_(crm) {}

    void drawButton();                          // "Restore from backup..." and the last failure, in place
    void openFile(platform::OpenedFile file);   // a backup file to check (picked, or dropped on the window)
    void drawDialogs();                         // call every frame, whatever screen is open

    bool busy() const { return step_ != Step::Idle; }
    const char* stepName() const;
    const std::string& error() const { return error_; }

    static bool looksLikeBackup(const std::string& fileName);  // by its name: .sqlite3, .sqlite, .db

private:
    enum class Step { Idle, Checking, Confirm, Restoring };

    void check();
    void drawConfirm();
    void drawProgress();

    core::Crm& crm_;
    Step step_ = Step::Idle;
    std::optional<platform::OpenedFile> file_;
    std::optional<core::CheckedBackup> backup_;
    std::string error_;       // why the last restore did not happen; the data was not changed
    bool openDialog_ = false; // open the popup of the current step next frame
    int framesShown_ = 0;     // frames the "Checking" dialog has been on screen (the check runs once it shows)
};

}  // namespace ui
