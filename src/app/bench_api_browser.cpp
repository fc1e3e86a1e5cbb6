// The benchmarks' way to fill the running app (scripts/bench-list): generated customers imported through the real
// core import path, so a profile holds 100k customers in one call instead of a 10 MB file picked by hand.
// It writes only as the import wizard does (core::CustomerImport, hence core::WritePath); tests never call it.
#include <emscripten.h>

#include <exception>
#include <string>

#include <nlohmann/json.hpp>

#include "app/browser_app.h"
#include "data_bench_workload.h"  // tests/bench: the customer-data benchmark's CSV generator and import driver

static std::string gFillResult;

extern "C" {

// Imports `count` generated customers (the CSV of tests/bench/data_bench_workload.h: open, dry run, commit, as the
// wizard drives core::CustomerImport), adds the number field "Visits" with a value for each of them (one commit),
// brings the search texts up to date as the idle app would, and has every screen read the data again. Returns
// {"created", "failed", "fileBytes", "importMs", "visitsFieldId"} or {"error"}.
EMSCRIPTEN_KEEPALIVE const char* fieldcrm_bench_fill_customers(int count) {
    const BrowserApp& app = browserApp();
    nlohmann::json out;
    try {
        if (app.crm == nullptr || app.ui == nullptr) throw std::runtime_error("the app is not running yet");
        std::string visits = app.crm->customFields().add({.label = "Visits", .kind = core::CustomFieldKind::Number}, "bench");
        databench::ImportResult imported = databench::importCsv(*app.crm, count);
        databench::giveEveryCustomerAValue(*app.crm, visits);
        app.crm->housekeeping();
        app.ui->dataChanged();
        out = {{"created", imported.created}, {"failed", imported.failed}, {"fileBytes", imported.fileBytes},
               {"importMs", imported.openMs + imported.dryRunMs + imported.commitMs}, {"visitsFieldId", visits}};
    } catch (const std::exception& e) {
        out = {{"error", e.what()}};
    }
    gFillResult = out.dump();
    return gFillResult.c_str();
}

}  // extern "C"
