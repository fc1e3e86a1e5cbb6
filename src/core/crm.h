// One open CRM: the database after migrations, this device's identity and clock, and the services on top.
// The app and the CLI each create one Crm over the Database their platform opened.
#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/company_service.h"
#include "core/conflict_service.h"
#include "core/customer_fields.h"
#include "core/customer_service.h"
#include "core/sync.h"
#include "core/write_path.h"
#include "storage/database.h"

namespace core {

class Crm {
public:
    // Runs pending schema migrations and creates the device identity on first start.
    explicit Crm(storage::Database& db, Clock& wall);

    CustomerService& customers() { return customers_; }
    CompanyService& companies() { return companies_; }
    CustomFieldService& customFields() { return customFields_; }
    WritePath& writes() { return writes_; }  // for bulk work (import, sync) that builds RecordChanges itself
    ConflictService& conflicts() { return conflicts_; }
    Sync& sync() { return sync_; }
    const std::string& deviceId() const { return deviceId_; }
    std::string deviceName() const;
    void setDeviceName(const std::string& name);
    int schemaVersion() const;
    // Work that can wait for a quiet moment: bringing the in-memory search texts (core/search_texts.h) up to date
    // after writes, so the next keystroke in a search box does not pay for it. Reads only; the app calls it when idle.
    void housekeeping();
    storage::Database& database() { return db_; }

private:
    void moveLegacyTags();

    storage::Database& db_;
    std::string deviceId_;
    HybridLogicalClock hlc_;
    WritePath writes_;
    CustomerService customers_;
    CompanyService companies_;
    CustomFieldService customFields_;
    ConflictService conflicts_;
    Sync sync_;
};

}  // namespace core
