// Exporting customers — all of them or the list as filtered — in the formats other tools read: CSV that Excel
// opens right (UTF-8 BOM, CRLF, quoting, phones as text), vCard 4.0 for phones and mail clients, and our JSON
// (one customer per line after a header line, which CustomerImport reads back, custom fields by label).
#pragma once

#include <string>
#include <string_view>

#include "core/customer_service.h"

namespace core {

class Crm;

enum class ExportFormat { Csv, Vcard, Json };

const char* exportFileExtension(ExportFormat format);  // "csv", "vcf", "json"
const char* exportMimeType(ExportFormat format);

// Every customer the query matches, in its order, as one file. Reads them a page at a time.
std::string exportCustomers(Crm& crm, const CustomerQuery& query, ExportFormat format);

// True when `text` starts as our JSON customer export does (its "format" names fieldcrm-customers): for telling a
// dropped customer file from a sync file, which is JSON too.
bool looksLikeCustomerExport(std::string_view text);

}  // namespace core
