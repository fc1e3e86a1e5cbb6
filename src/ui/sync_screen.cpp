// SyncScreen: sections top to bottom — this device, export, import (picker, drop, progress, result), devices.
// Reads and writes through core::Sync (export, Import) and Crm (device name); files through platform/files.h.
//
// Index: helpers · this device · export · import · last import · devices · progress dialog
#include "ui/sync_screen.h"

#include <algorithm>
#include <ctime>

#include "core/clock.h"
#include "core/sync_file.h"
#include "imgui.h"
#include "ui/i18n.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace ui {

static const char* kRequester = "sync-import";
static const char* kProgressDialog = "##sync-import-progress";
static constexpr size_t kCheckInDialogBytes = 512 * 1024;  // bigger files are checked behind a dialog
static constexpr auto kSliceBudget = std::chrono::milliseconds(40);  // merging per frame

// ---- helpers -----------------------------------------------------------------------------------------------------

static int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// A file-name part from a device name: no characters file systems refuse, no spaces, at most ~40 bytes.
static std::string fileNamePart(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        bool bad = c < 0x20 || c == ' ' || std::string("/\\:*?\"<>|").find(char(c)) != std::string::npos;
        if (bad) {
            if (!out.empty() && out.back() != '-') out += '-';
        } else if (out.size() < 40 || (c & 0xC0) == 0x80) {  // never cut a UTF-8 character in two
            out += char(c);
        }
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

static std::string stamp() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d-%H%M%S", &local);
    return text;
}

SyncScreen::SyncScreen(core::Crm& crm, std::function<void()> dataChanged, std::function<void()> reviewConflicts)
    : crm_(crm), dataChanged_(std::move(dataChanged)), reviewConflicts_(std::move(reviewConflicts)) {}

std::string SyncScreen::deviceLabel(const std::string& id, const std::string& name) const {
    if (id == crm_.deviceId()) return tr("this device");
    std::string shortId = id.substr(0, 8);
    return name.empty() ? format(tr("unnamed device %s"), shortId.c_str()) : "\"" + name + "\"";
}

void SyncScreen::draw() {
    if (std::optional<platform::OpenedFile> picked = platform::takeOpenedFile(kRequester)) importFile(std::move(*picked));

    screenTitle(tr("Sync"));
    ImGui::PushTextWrapPos(0.0f);
    mutedText(tr("Devices share changes through files: export a sync file here, carry it to the other device (USB "
                 "stick, mail, shared folder) and import it there. Files can be imported in any order and more than "
                 "once; every device that has seen the same changes shows the same data."));
    ImGui::PopTextWrapPos();
    // Two columns on a wide window (this device, export and the devices | import and its result), one on a narrow.
    bool wide = ImGui::GetContentRegionAvail().x >= 900.0f;
    ImGui::BeginChild("##sync-body", ImVec2(0, 0));
    if (ImGui::BeginTable("##sync-columns", wide ? 2 : 1, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_PadOuterX)) {
        ImGui::TableNextColumn();
        ImGui::PushItemWidth(std::min(320.0f, ImGui::GetContentRegionAvail().x));
        ImGui::PushTextWrapPos(0.0f);  // text wraps at the column's edge
        drawThisDevice();
        drawExport();
        drawDevices();
        if (wide) ImGui::TableNextColumn();
        drawImport();
        ImGui::PopTextWrapPos();
        ImGui::PopItemWidth();
        ImGui::EndTable();
    }
    ImGui::EndChild();
}

// ---- this device -------------------------------------------------------------------------------------------------

void SyncScreen::drawThisDevice() {
    sectionTitle(tr("This device"));
    deviceName_.draw(crm_, "sync");
    if (crm_.deviceName().empty())
        errorText(tr("This device has no name yet: name it, so other devices can tell where its changes came from."));
    mutedText(format(tr("Device id %s"), crm_.deviceId().c_str()).c_str());
}

// ---- export ------------------------------------------------------------------------------------------------------

void SyncScreen::exportFor(const std::string& device, const std::string& deviceName) {
    error_.clear();
    notice_.clear();
    try {
        core::SyncExport file = crm_.sync().exportFile(device);
        std::string self = fileNamePart(crm_.deviceName());
        if (self.empty()) self = crm_.deviceId().substr(0, 8);
        std::string name = "fieldcrm-sync-" + self;
        if (!device.empty()) {
            std::string other = fileNamePart(deviceName);
            name += "-for-" + (other.empty() ? device.substr(0, 8) : other);
        }
        name += "-" + stamp() + ".json";
        platform::saveFile(name, "application/json", std::vector<uint8_t>(file.text.begin(), file.text.end()));
        lastExport_ = LastExport{name, device, file.changes};
    } catch (const std::exception& e) {
        error_ = format(tr("The sync file could not be made: %s"), e.what());
    }
}

void SyncScreen::drawExport() {
    sectionTitle(tr("Export"));
    if (primaryButton(label("Export everything", "sync-export-all"))) exportFor("", "");
    ImGui::SameLine();
    mutedText(tr("All data, for a new device or for anyone. For a device listed below, \"Export for it\" makes a "
                 "smaller file with only what it has not seen."));
    if (lastExport_) {
        std::string forWhom = lastExport_->forDevice.empty() ? std::string(tr("for everyone")) : std::string();
        if (!lastExport_->forDevice.empty())
            for (const core::Peer& p : crm_.sync().peers())
                if (p.device == lastExport_->forDevice)
                    forWhom = format(tr("for %s"), deviceLabel(p.device, p.name).c_str());
        mutedText(format(tr("Exported %lld changes %s as %s (in your downloads)."), (long long)lastExport_->changes,
                         forWhom.c_str(), lastExport_->fileName.c_str()).c_str());
    }
}

// ---- import ------------------------------------------------------------------------------------------------------

void SyncScreen::importFile(platform::OpenedFile file) {
    if (busy()) {
        notice_ = format(tr("%s was not imported: another import is still running."), file.name.c_str());
        return;
    }
    error_.clear();
    notice_.clear();
    if (!file.error.empty()) {
        error_ = format(tr("%s could not be read (%s). Nothing was changed."), file.name.c_str(), file.error.c_str());
        return;
    }
    file_ = std::move(file);
    checking_ = true;
    if (file_->bytes.size() >= kCheckInDialogBytes) openDialog_ = true;  // the check runs once the dialog shows
    else startImport();
}

void SyncScreen::startImport() {
    checking_ = false;
    std::string_view text(reinterpret_cast<const char*>(file_->bytes.data()), file_->bytes.size());
    try {
        import_ = std::make_unique<core::Sync::Import>(crm_.sync(), text);
        importStarted_ = std::chrono::steady_clock::now();
    } catch (const std::exception& e) {
        error_ = format(tr("%s was not imported: %s. Nothing was changed."), file_->name.c_str(), e.what());
        file_.reset();
        return;
    }
    continueImport();
    if (import_ && !dialogShown_) openDialog_ = true;  // more than one slice: show the progress
}

void SyncScreen::continueImport() {
    auto deadline = std::chrono::steady_clock::now() + kSliceBudget;
    try {
        bool done = false;
        while (!done && std::chrono::steady_clock::now() < deadline) done = import_->step(500);
        if (!done) return;
        core::ImportSummary summary = import_->commit();
        lastImport_ = LastImport{file_->name, nowMs(), std::move(summary)};
    } catch (const std::exception& e) {
        error_ = format(tr("%s was not imported: %s. Nothing was changed."), file_->name.c_str(), e.what());
    }
    import_.reset();  // before commit() this rolls the whole import back
    file_.reset();
    if (lastImport_ && error_.empty()) dataChanged_();
}

const char* SyncScreen::importStepName() const {
    if (checking_) return "checking";
    if (import_) return "merging";
    return "idle";
}

double SyncScreen::importProgress() const {
    if (!import_ || import_->total() == 0) return 0.0;
    return double(import_->merged()) / double(import_->total());
}

void SyncScreen::drawImport() {
    sectionTitle(tr("Import"));
    if (primaryButton(label("Import sync file...", "sync-import"))) {
        error_.clear();
        notice_.clear();
        platform::pickFile(kRequester, ".json,application/json");
    }
    ImGui::SameLine();
    mutedText(tr("Or drop a sync file anywhere on this window."));
    if (!error_.empty()) errorText(error_.c_str());
    if (!notice_.empty()) mutedText(notice_.c_str());
    if (lastImport_) drawLastImport();
}

// ---- last import -------------------------------------------------------------------------------------------------

void SyncScreen::drawLastImport() {
    const LastImport& last = *lastImport_;
    const core::ImportSummary& s = last.summary;
    const int64_t now = nowMs();
    ImGui::Spacing();
    dataText(format(tr("Imported %s %s."), last.fileName.c_str(), formatAge(last.atMs, now).c_str()));
    mutedText(format(tr("From %s, exported %s (%s); %lld changes in the file, %lld of them new here."),
                     deviceLabel(s.fromDevice, s.fromName).c_str(), formatDateTime(s.exportedAtMs).c_str(),
                     formatAge(s.exportedAtMs, now).c_str(), (long long)s.changesInFile,
                     (long long)s.total.changes).c_str());
    ImGui::Spacing();
    countsLine({{tr("New"), s.total.created},
            {tr("Changed"), s.total.updated},
            {tr("Deleted"), s.total.deleted},
            {tr("Restored"), s.total.restored},
            {tr("Conflicts"), s.total.conflicts}});
    ImGui::Spacing();
    if (s.total.conflicts > 0) {
        if (ImGui::Button(label("Review conflicts", "sync-review-conflicts"))) reviewConflicts_();
    }
    if (s.aheadOfClock > 0)
        errorText(format(tr("%lld changes are stamped more than %lld hour ahead of this device's clock. Check the "
                            "clock of the device that made them (below), or this device's: they were merged as they are."),
                         (long long)s.aheadOfClock, (long long)(core::kMaxClockAheadMs / 3'600'000)).c_str());
    if (s.byDevice.empty()) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_NoHostExtendX;
    if (!ImGui::BeginTable("##sync-summary-by-device", 4, flags)) return;
    ImGui::TableSetupColumn(tr("Changes made by"));
    ImGui::TableSetupColumn(tr("New changes"));
    ImGui::TableSetupColumn(tr("Made between"));
    ImGui::TableSetupColumn(tr("New / changed / deleted / conflicts"));
    ImGui::TableHeadersRow();
    for (const core::DeviceImportCounts& d : s.byDevice) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        dataText(deviceLabel(d.device, d.name));
        ImGui::TableNextColumn();
        ImGui::Text("%lld", (long long)d.counts.changes);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted((formatDateTime(d.counts.oldestMs) + " - " + formatDateTime(d.counts.newestMs)).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%lld / %lld / %lld / %lld", (long long)d.counts.created, (long long)d.counts.updated,
                    (long long)d.counts.deleted, (long long)d.counts.conflicts);
    }
    ImGui::EndTable();
}

// ---- devices -----------------------------------------------------------------------------------------------------

void SyncScreen::drawDevices() {
    sectionTitle(tr("Devices"));
    std::vector<core::Peer> peers = crm_.sync().peers();
    if (peers.empty()) {
        mutedText(tr("No other device yet. Import a sync file from another device, and it is listed here with the "
                     "last exchange."));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable("##sync-devices", 4, flags)) return;
    ImGui::TableSetupColumn(tr("Device"), 0, 1.0f);
    ImGui::TableSetupColumn(tr("Last file from it"), 0, 1.2f);
    ImGui::TableSetupColumn(tr("Last file for it"), 0, 1.2f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    const int64_t now = nowMs();
    auto when = [&](const std::optional<int64_t>& ms) {
        return ms ? formatDateTime(*ms) + ", " + formatAge(*ms, now) : std::string(tr("never"));
    };
    for (const core::Peer& p : peers) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        dataText(p.name.empty() ? tr("(unnamed)") : p.name);
        mutedText(p.device.substr(0, 8).c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", when(p.lastImportAtMs).c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", when(p.lastExportAtMs).c_str());
        ImGui::TableNextColumn();
        std::string id = "sync-export-for-" + p.device;
        if (ImGui::SmallButton(label("Export for it", id.c_str()))) exportFor(p.device, p.name);
    }
    ImGui::EndTable();
}

// ---- progress dialog ---------------------------------------------------------------------------------------------

void SyncScreen::drawDialogs() {
    if (import_) continueImport();  // one slice per frame
    if (openDialog_) {
        ImGui::OpenPopup(kProgressDialog);
        openDialog_ = false;
        dialogShown_ = true;
        dialogFrames_ = 0;
    }
    if (!beginDialog(kProgressDialog)) return;
    if (!file_) {  // done, failed or cancelled: the result shows on the screen
        dialogShown_ = false;
        ImGui::CloseCurrentPopup();
        endDialog();
        return;
    }
    screenTitle(tr("Importing a sync file"));
    dataText(format("%s (%s)", file_->name.c_str(), formatBytes((long long)file_->bytes.size()).c_str()));
    const ImVec2 bar(ImGui::GetFontSize() * 24, 0);
    if (checking_) {
        mutedText(tr("Checking the whole file before anything is changed..."));
        ImGui::ProgressBar(-1.0f * float(ImGui::GetTime()), bar, "");
        if (++dialogFrames_ >= 2) startImport();  // once the dialog is on screen: the check takes a moment
    } else if (import_) {
        std::string count = format(tr("%lld of %lld changes"), (long long)import_->merged(), (long long)import_->total());
        ImGui::ProgressBar(float(importProgress()), bar, count.c_str());
        if (ImGui::Button(label("Cancel", "sync-import-cancel")) || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
            import_.reset();  // rolls back: nothing of the file stays
            notice_ = format(tr("Import of %s cancelled. Nothing was changed."), file_->name.c_str());
            file_.reset();
        }
    }
    endDialog();
}

}  // namespace ui
