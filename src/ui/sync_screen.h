// The Sync screen: this device's name and id, export of a sync file (everything, or what one device has not seen)
// as a download, import of one by the file picker or by dropping it on the window (checked whole first: a bad file
// changes nothing and says why), the result of the last import, and the last exchange with every known device.
// Large imports run a slice per frame behind a progress dialog that can cancel. Only core::Sync and platform files.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/crm.h"
#include "platform/files.h"
#include "ui/device_name_editor.h"

namespace ui {

class SyncScreen {
public:
    // `dataChanged` runs after an import changed data, `reviewConflicts` when the user asks to see the conflicts.
    SyncScreen(core::Crm& crm, std::function<void()> dataChanged, std::function<void()> reviewConflicts);

    void draw();
    void drawDialogs();                       // the import progress; call every frame, whatever screen is open
    void importFile(platform::OpenedFile file);  // a file picked here or dropped anywhere on the window

    bool busy() const { return bool(import_) || checking_; }

    // What the last import and export did, for the screen and the test API.
    struct LastImport {
        std::string fileName;
        int64_t atMs = 0;
        core::ImportSummary summary;
    };
    struct LastExport {
        std::string fileName;
        std::string forDevice;  // "" for everyone
        int64_t changes = 0;
    };
    const std::optional<LastImport>& lastImport() const { return lastImport_; }
    const std::optional<LastExport>& lastExport() const { return lastExport_; }
    const std::string& error() const { return error_; }
    const char* importStepName() const;
    double importProgress() const;  // 0..1 while merging

private:
    void drawThisDevice();
    void drawExport();
    void drawImport();
    void drawLastImport();
    void drawDevices();
    void exportFor(const std::string& device, const std::string& deviceName);
    void startImport();
    void continueImport();
    std::string deviceLabel(const std::string& id, const std::string& name) const;

    core::Crm& crm_;
    std::function<void()> dataChanged_;
    std::function<void()> reviewConflicts_;
    DeviceNameEditor deviceName_;

    std::optional<platform::OpenedFile> file_;      // being imported
    bool checking_ = false;                         // file_ waits for its check (big files: after the dialog shows)
    std::unique_ptr<core::Sync::Import> import_;    // merging, a slice per frame
    std::chrono::steady_clock::time_point importStarted_;
    bool openDialog_ = false;
    bool dialogShown_ = false;                      // the progress dialog is open
    int dialogFrames_ = 0;                          // frames it has been open

    std::optional<LastImport> lastImport_;
    std::optional<LastExport> lastExport_;
    std::string error_;   // why the last import or export failed; nothing was changed
    std::string notice_;  // e.g. "Import cancelled"
};

}  // namespace ui
