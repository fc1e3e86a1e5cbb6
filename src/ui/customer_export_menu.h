// The "Export" menu of the Customers screen: CSV for Excel, vCard 4.0 or our JSON, of every customer or of the list
// as it is filtered now, downloaded as one file (core::exportCustomers builds it; platform::saveFile delivers it).
// Reads only; never writes CRM data.
#pragma once

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

    core::Crm& crm_;
    bool filteredOnly_ = false;
    std::optional<LastExport> lastExport_;
    std::string error_;
};

}  // namespace ui
