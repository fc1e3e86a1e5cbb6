// The Conflicts screen: values that lost last-writer-wins to a concurrent change on another device, kept for
// review (core::ConflictService). Each shows the customer, the field, the value it holds now and the other one,
// with who wrote them and when; "Use this value" writes the other value as a new change (it then wins on every
// device after the next exchange), "Keep current" closes the conflict. Both can be undone from the toast.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/crm.h"
#include "ui/undo_toast.h"

namespace ui {

class ConflictsScreen {
public:
    ConflictsScreen(core::Crm& crm, UndoToast& toast, std::string user, std::function<void()> dataChanged);

    void draw();
    void refresh() { stale_ = true; }  // the data changed elsewhere (an import)
    int64_t count();                   // open conflicts, for the navigation badge (reloads the list if it changed)

    // A stable name for a conflict's buttons ("##conflict-use-KEY"), also given to the test API.
    static std::string keyOf(const core::Conflict& conflict);
    const std::vector<core::Conflict>& conflicts();
    const std::string& error() const { return error_; }

private:
    void load();
    void use(const core::Conflict& conflict);
    void keep(const core::Conflict& conflict);
    std::string deviceLabel(const core::Version& version) const;
    std::string valueText(const core::Conflict& conflict, const std::string& value) const;

    core::Crm& crm_;
    UndoToast& toast_;
    std::string user_;
    std::function<void()> dataChanged_;
    bool stale_ = true;
    std::vector<core::Conflict> conflicts_;
    std::vector<core::Peer> peers_;  // for device names
    std::string error_;              // a failed choice, until the next one
};

}  // namespace ui
