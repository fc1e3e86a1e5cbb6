// Exporting customers — all of them or the list as filtered — in the formats other tools read: CSV that Excel
// opens right (UTF-8 BOM, CRLF, quoting, phones as text), vCard 4.0 for phones and mail clients, and our JSON
// (one customer per line after a header line, which CustomerImport reads back, custom fields by label).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/customer_service.h"

namespace core {

class Crm;

enum class ExportFormat { Csv, Vcard, Json };

const char* exportFileExtension(ExportFormat format);  // "csv", "vcf", "json"
const char* exportMimeType(ExportFormat format);

// Every customer the query matches, in its order, as one file, built a page of 1,000 customers at a time so the
// UI can run it a step per frame (100k customers take about a second in wasm).
class CustomerExport {
public:
    CustomerExport(Crm& crm, CustomerQuery query, ExportFormat format);
    bool step(double budgetMs);  // works for about budgetMs (at least one page); false when the file is complete
    int64_t written() const { return written_; }
    int64_t total() const { return total_; }  // customers the query matched when the export started
    std::string take() { return std::move(out_); }  // the file, once step() returned false

private:
    void append(const Customer& c);
    Crm& crm_;
    CustomerQuery query_;
    ExportFormat format_;
    std::vector<CustomField> custom_;
    std::string out_;
    RowKey last_;
    int64_t written_ = 0, total_ = 0;
    bool done_ = false;
};

// The whole export in one call (the CLI and tests).
std::string exportCustomers(Crm& crm, const CustomerQuery& query, ExportFormat format);

// True when `text` starts as our JSON customer export does (its "format" names fieldcrm-customers): for telling a
// dropped customer file from a sync file, which is JSON too.
bool looksLikeCustomerExport(std::string_view text);

}  // namespace core
