// The "Export" menu of the Customers screen: CSV for Excel, vCard 4.0 or our JSON, of every customer or of the list
// as it is filtered now, downloaded as one file (core::CustomerExport builds it a step per frame, behind a progress
// dialog with Cancel when it takes more than a frame; platform::saveFile delivers it). Reads only.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/crm.h"
#include "core/customer_export.h"

namespace ui {

class CustomerExportMenu {
public:
    explicit CustomerExportMenu(core::Crm& crm) : crm_(crm) {}

    // The button and its menu. `filtered` is the list's current query (nullptr: the list has no filter to offer).
    void drawButton(const core::CustomerQuery* filtered);
    float buttonWidth() const;
    void drawDialogs();  // every frame: the export in progress
    bool busy() const { return bool(running_); }

    struct LastExport {
        std::string fileName;
        core::ExportFormat format = core::ExportFormat::Csv;
        bool filtered = false;
        int64_t bytes = 0;
    };
    const std::optional<LastExport>& lastExport() const { return lastExport_; }
    const std::string& error() const { return error_; }

private:
    void exportAs(core::ExportFormat format, const core::CustomerQuery& query, bool filtered);
    void finish();

    core::Crm& crm_;
    bool filteredOnly_ = false;
    std::unique_ptr<core::CustomerExport> running_;
    LastExport next_;      // what running_ makes
    int runningFrames_ = 0;
    std::optional<LastExport> lastExport_;
    std::string error_;
};

}  // namespace ui
