// BackupRestore: pick -> check -> confirm -> restore, each step a state drawn every frame. The check and the
// restore block for a moment on large files, so their dialog is on screen first and the work starts a frame later.
#include "ui/restore_backup.h"

#include <algorithm>
#include <cctype>

#include "imgui.h"
#include "platform/app_database.h"
#include "ui/backup.h"
#include "ui/fonts.h"
#include "ui/i18n.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace ui {

static const char* kRequester = "restore-backup";
static const char* kDialog = "##restore-backup";

bool BackupRestore::looksLikeBackup(const std::string& fileName) {
    std::string name = fileName;
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (const char* ending : {".sqlite3", ".sqlite", ".db"}) {
        std::string e = ending;
        if (name.size() >= e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) return true;
    }
    return false;
}

const char* BackupRestore::stepName() const {
    switch (step_) {
        case Step::Idle: return "idle";
        case Step::Checking: return "checking";
        case Step::Confirm: return "confirm";
        case Step::Restoring: return "restoring";
    }
    return "idle";
}

void BackupRestore::drawButton() {
    if (ImGui::Button(label("Restore from backup...", "restore-backup"))) {
        error_.clear();
        platform::pickFile(kRequester, ".sqlite3,.sqlite,.db,application/vnd.sqlite3,application/x-sqlite3");
    }
    noteItemOutOfView("###restore-backup");  // below the customer fields in Settings: tests wheel down to it

    ImGui::SameLine();
    mutedText(tr("Replaces the data in this browser with a backup file (you are asked first)."));
    if (!error_.empty()) errorText(error_.c_str());
}

void BackupRestore::openFile(platform::OpenedFile file) {
    if (busy()) return;  // one restore at a time; the dialog on screen says what is going on
    error_.clear();
    if (!file.error.empty()) {
        error_ = format(tr("%s could not be read (%s). Nothing was changed."), file.name.c_str(), file.error.c_str());
        return;
    }
    file_ = std::move(file);
    step_ = Step::Checking;
    framesShown_ = 0;
    openDialog_ = true;
}

void BackupRestore::check() {
    try {
        backup_ = core::checkBackup(file_->bytes);
        step_ = Step::Confirm;
    } catch (const std::exception& e) {
        error_ = format(tr("%s was not restored: %s. Nothing was changed."), file_->name.c_str(), e.what());
        step_ = Step::Idle;
        file_.reset();
    }
}

void BackupRestore::drawDialogs() {
    if (std::optional<platform::OpenedFile> picked = platform::takeOpenedFile(kRequester)) openFile(std::move(*picked));
    if (step_ == Step::Idle) return;
    if (openDialog_) {
        ImGui::OpenPopup(kDialog);
        openDialog_ = false;
    }
    if (!beginDialog(kDialog)) return;
    switch (step_) {
        case Step::Checking:
            screenTitle(tr("Checking the backup"));
            dataText(format(tr("Checking %s (%s)..."), file_->name.c_str(), formatBytes((long long)file_->bytes.size()).c_str()));
            if (++framesShown_ >= 2) check();
            break;
        case Step::Confirm: drawConfirm(); break;
        case Step::Restoring: drawProgress(); break;
        case Step::Idle: break;
    }
    if (step_ == Step::Idle) ImGui::CloseCurrentPopup();
    endDialog();
}

void BackupRestore::drawConfirm() {
    const core::CheckedBackup& b = *backup_;
    screenTitle(tr("Restore this backup?"));
    ImGui::Spacing();
    dataText(format(tr("%s (%s) is a sound FieldCRM backup:"), file_->name.c_str(), formatBytes(b.fileBytes).c_str()));
    ImGui::BulletText("%s", format(tr("%lld customers"), (long long)b.customers).c_str());
    if (b.newestChangeMs)
        ImGui::BulletText("%s", format(tr("last change %s"), formatDateTime(b.newestChangeMs).c_str()).c_str());
    if (!b.deviceName.empty()) {
        noteGlyphs(b.deviceName);
        ImGui::BulletText("%s", format(tr("made on \"%s\""), b.deviceName.c_str()).c_str());
    }
    ImGui::Spacing();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
    ImGui::TextUnformatted(format(tr("Restoring replaces all data in this browser (now %lld customers) with the "
                                     "backup's. Changes made here since the backup are lost on this device; if you "
                                     "synced them to another device, import a file from it afterwards to get them "
                                     "back."),
                                  (long long)crm_.customers().count()).c_str());
    ImGui::Spacing();
    mutedText(tr("Your current data stays stored until the restored data has been opened. If anything fails on the "
                 "way, nothing changes. FieldCRM restarts to open the restored data, and this device gets a new sync "
                 "identity (its earlier changes stay known under the old one)."));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (dangerButton(label("Restore and restart", "restore-confirm"))) {
        std::string notice = format(tr("Backup restored from %s: %lld customers."), file_->name.c_str(),
                                    (long long)b.customers);
        platform::restoreDatabase(crm_.database(), std::move(backup_->database), notice);
        backup_.reset();
        file_.reset();
        step_ = Step::Restoring;
        return;
    }
    ImGui::SameLine();
    if (ImGui::Button(label("Download current data first", "restore-download-current"))) error_ = downloadBackup(crm_);
    ImGui::SameLine();
    if (ImGui::Button(label("Cancel", "restore-cancel")) || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        backup_.reset();
        file_.reset();
        step_ = Step::Idle;
    }
    if (!error_.empty()) errorText(error_.c_str());
}

void BackupRestore::drawProgress() {
    platform::RestoreStatus status = platform::restoreStatus();
    if (status.step == platform::RestoreStep::Failed) {
        error_ = format(tr("The backup was not restored: %s."), status.error.c_str());
        step_ = Step::Idle;
        return;
    }
    screenTitle(tr("Restoring the backup"));
    const char* what = status.step == platform::RestoreStep::KeepingPrevious ? tr("Setting the current data aside...")
                       : status.step == platform::RestoreStep::Replacing    ? tr("Replacing the data...")
                                                                             : tr("Storing the restored data...");
    ImGui::TextUnformatted(what);
    mutedText(tr("FieldCRM restarts when this is done. Do not close this tab."));
    ImGui::ProgressBar(-1.0f * float(ImGui::GetTime()), ImVec2(ImGui::GetFontSize() * 24, 0), "");
}

}  // namespace ui
