// ConflictsScreen: a table of open conflicts, cached until the data changes; choices go through ConflictService.
#include "ui/conflicts_screen.h"

#include <cstdio>
#include <ctime>

#include "core/clock.h"
#include "core/entities.h"
#include "imgui.h"
#include "ui/i18n.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace ui {

ConflictsScreen::ConflictsScreen(core::Crm& crm, UndoToast& toast, std::string user, std::function<void()> dataChanged)
    : crm_(crm), toast_(toast), user_(std::move(user)), dataChanged_(std::move(dataChanged)) {}

std::string ConflictsScreen::keyOf(const core::Conflict& c) {
    char hlc[17];
    std::snprintf(hlc, sizeof hlc, "%016llx", (unsigned long long)c.version.hlc);
    return c.recordId + "-" + c.field + "-" + c.version.device.substr(0, 8) + "-" + hlc;
}

void ConflictsScreen::load() {
    if (!stale_) return;
    conflicts_ = crm_.conflicts().list();
    peers_ = crm_.sync().peers();
    stale_ = false;
}

const std::vector<core::Conflict>& ConflictsScreen::conflicts() {
    load();
    return conflicts_;
}

// Asked every frame (one count on a small table), so edits elsewhere that close conflicts show at once.
int64_t ConflictsScreen::count() {
    int64_t n = crm_.conflicts().count();
    if (n != int64_t(conflicts_.size())) stale_ = true;
    return n;
}

std::string ConflictsScreen::deviceLabel(const core::Version& version) const {
    if (version.device == crm_.deviceId()) return tr("this device");
    for (const core::Peer& p : peers_)
        if (p.device == version.device && !p.name.empty()) return "\"" + p.name + "\"";
    return format(tr("device %s"), version.device.substr(0, 8).c_str());
}

// The field's name and a value as a person reads them.
static const char* fieldName(const std::string& field) {
    if (field == "name") return tr("Name");
    if (field == "company") return tr("Company");
    if (field == "phone") return tr("Phone");
    if (field == "email") return tr("Email");
    if (field == "city") return tr("City");
    if (field == "tags") return tr("Tags");
    if (field == "notes") return tr("Notes");
    if (field == core::kDeletedField) return tr("Deleted");
    return field.c_str();
}

std::string ConflictsScreen::valueText(const core::Conflict& c, const std::string& value) const {
    if (c.field == core::kDeletedField) return value == "1" ? tr("deleted") : tr("not deleted (restore it, with the edit)");
    if (value.empty()) return tr("(empty)");
    return "\"" + value + "\"";
}

void ConflictsScreen::use(const core::Conflict& conflict) {
    error_.clear();
    try {
        crm_.conflicts().choose(conflict, user_);
    } catch (const std::exception& e) {
        error_ = format(tr("Could not use that value: %s"), e.what());
        return;
    }
    stale_ = true;
    dataChanged_();
    toast_.show(format(tr("%s of \"%s\" is now %s"), fieldName(conflict.field), conflict.recordName.c_str(),
                       valueText(conflict, conflict.value).c_str()),
                [this, conflict] {
                    try {
                        crm_.conflicts().undoChoose(conflict, user_);
                    } catch (const std::exception& e) {
                        error_ = format(tr("Could not undo: %s"), e.what());
                    }
                    stale_ = true;
                    dataChanged_();
                });
}

void ConflictsScreen::keep(const core::Conflict& conflict) {
    error_.clear();
    try {
        crm_.conflicts().dismiss(conflict);
    } catch (const std::exception& e) {
        error_ = format(tr("Could not close the conflict: %s"), e.what());
        return;
    }
    stale_ = true;
    toast_.show(format(tr("Kept %s of \"%s\""), fieldName(conflict.field), conflict.recordName.c_str()), [this, conflict] {
        try {
            crm_.conflicts().undoDismiss(conflict);
        } catch (const std::exception& e) {
            error_ = format(tr("Could not undo: %s"), e.what());
        }
        stale_ = true;
    });
}

void ConflictsScreen::draw() {
    count();
    load();
    screenTitle(tr("Conflicts"));
    ImGui::PushTextWrapPos(0.0f);
    mutedText(tr("When two devices changed the same field before either had seen the other's change, the later "
                 "change won on every device. The other value is kept here: keep the current value, or use the other "
                 "one instead (a new change, which wins everywhere after the next sync)."));
    ImGui::PopTextWrapPos();
    if (!error_.empty()) errorText(error_.c_str());
    ImGui::Spacing();
    if (conflicts_.empty()) {
        mutedText(tr("No conflicts to review."));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_PadOuterX | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("##conflicts", 5, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("Customer"), 0, 1.0f);
    ImGui::TableSetupColumn(tr("Field"), 0, 0.5f);
    ImGui::TableSetupColumn(tr("Current value"), 0, 1.5f);
    ImGui::TableSetupColumn(tr("Other value"), 0, 1.5f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    ImGui::PushTextWrapPos(0.0f);  // long values wrap inside their column
    const core::Conflict* used = nullptr;
    const core::Conflict* kept = nullptr;
    for (const core::Conflict& c : conflicts_) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        dataText(c.recordName.empty() ? tr("(no name)") : c.recordName);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(fieldName(c.field));
        ImGui::TableNextColumn();
        dataText(valueText(c, c.currentValue));
        mutedText(format(tr("by %s, %s"), deviceLabel(c.current).c_str(),
                         formatDateTime(core::HybridLogicalClock::millisOf(c.current.hlc)).c_str()).c_str());
        ImGui::TableNextColumn();
        dataText(valueText(c, c.value));
        mutedText(format(tr("by %s, %s"), deviceLabel(c.version).c_str(),
                         formatDateTime(core::HybridLogicalClock::millisOf(c.version.hlc)).c_str()).c_str());
        ImGui::TableNextColumn();
        std::string key = keyOf(c);
        if (ImGui::SmallButton(label("Use this value", ("conflict-use-" + key).c_str()))) used = &c;
        ImGui::SameLine();
        if (ImGui::SmallButton(label("Keep current", ("conflict-keep-" + key).c_str()))) kept = &c;
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTable();
    // After the table: the choice reloads the list the rows were drawn from.
    if (used) use(core::Conflict(*used));
    if (kept) keep(core::Conflict(*kept));
}

}  // namespace ui
