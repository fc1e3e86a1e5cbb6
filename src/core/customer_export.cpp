// Customer export: keyset pages of customers written as CSV rows, vCards or JSON lines.
#include "core/customer_export.h"

#include <nlohmann/json.hpp>

#include "core/crm.h"
#include "core/csv.h"
#include "core/customer_import.h"
#include "core/vcard.h"

namespace core {

const char* exportFileExtension(ExportFormat format) {
    switch (format) {
        case ExportFormat::Csv: return "csv";
        case ExportFormat::Vcard: return "vcf";
        case ExportFormat::Json: return "json";
    }
    return "csv";
}

const char* exportMimeType(ExportFormat format) {
    switch (format) {
        case ExportFormat::Csv: return "text/csv;charset=utf-8";
        case ExportFormat::Vcard: return "text/vcard;charset=utf-8";
        case ExportFormat::Json: return "application/json";
    }
    return "text/plain";
}

namespace {

// The exported fields, in importTargetFields() order, as one customer holds them.
std::vector<std::string> fieldValues(const Customer& c, bool formattedPhones) {
    auto phones = [&](const std::string& list) {
        if (!formattedPhones) return list;
        std::string out;
        for (const std::string& p : splitList(list)) out += (out.empty() ? "" : "; ") + formatPhone(p);
        return out;
    };
    auto consent = [&](const char* channel) {
        auto it = c.consent.find(channel);
        return it == c.consent.end() ? std::string() : it->second;
    };
    std::string emails = formattedPhones ? std::string() : c.otherEmails;
    if (formattedPhones)
        for (const std::string& e : splitList(c.otherEmails)) emails += (emails.empty() ? "" : "; ") + e;
    return {c.name,     c.company,  c.title, formattedPhones ? formatPhone(c.phone) : c.phone,
            phones(c.otherPhones), c.email, emails, c.country, c.province, c.city, c.district, c.address,
            c.source,   c.owner,    c.tags,  c.notes, consent("email"), consent("sms"), consent("phone"),
            consent("wechat")};
}

// CSV headers a person reads, which CustomerImport maps back to the same fields.
const std::vector<std::string> kCsvHeaders = {
    "Name", "Company", "Title", "Phone", "Other phones", "Email", "Other emails", "Country", "Province", "City",
    "District", "Address", "Source", "Owner", "Tags", "Notes", "Consent email", "Consent SMS", "Consent phone",
    "Consent WeChat"};

void appendCard(std::string& out, const Customer& c) {
    ContactCard card;
    card.add("name", {c.name, {}, {}});
    if (!c.company.empty()) card.add("company", {c.company, {}, {}});
    if (!c.title.empty()) card.add("title", {c.title, {}, {}});
    // TEL values as dialable URIs are optional in 4.0; plain text keeps the national form readable.
    if (!c.phone.empty()) card.add("phone", {formatPhone(c.phone), {"pref"}, {}});
    for (const std::string& p : splitList(c.otherPhones)) card.add("phone", {formatPhone(p), {}, {}});
    if (!c.email.empty()) card.add("email", {c.email, {"pref"}, {}});
    for (const std::string& e : splitList(c.otherEmails)) card.add("email", {e, {}, {}});
    std::string street = c.district.empty() ? c.address : c.district + (c.address.empty() ? "" : " " + c.address);
    if (!street.empty() || !c.city.empty() || !c.province.empty() || !c.country.empty())
        card.add("address", {"", {}, {"", "", street, c.city, c.province, "", c.country}});
    if (!c.notes.empty()) card.add("notes", {c.notes, {}, {}});
    for (const std::string& t : splitTagNames(c.tags)) card.add("tags", {t, {}, {}});
    card.add("uid", {"urn:uuid:" + c.id, {}, {}});
    appendVcard(out, card);
}

}  // namespace

std::string exportCustomers(Crm& crm, const CustomerQuery& query, ExportFormat format) {
    std::vector<CustomField> custom = crm.customFields().list();
    std::string out;
    if (format == ExportFormat::Csv) {
        out = kUtf8Bom;
        std::vector<std::string> header = kCsvHeaders;
        for (const CustomField& f : custom) header.push_back(f.label);
        appendCsvRow(out, header);
    } else if (format == ExportFormat::Json) {
        nlohmann::json fields = nlohmann::json::array();
        for (const CustomField& f : custom)
            fields.push_back({{"label", f.label}, {"kind", customFieldKindName(f.kind)}, {"choices", f.choices}});
        nlohmann::json head = {{"format", "fieldcrm-customers"}, {"version", 1}, {"custom_fields", fields}};
        std::string text = head.dump();
        text.pop_back();
        out = text + ",\"customers\":[\n";
    }
    bool first = true;
    RowKey last;
    bool any = false;
    for (;;) {
        CustomerPage page = crm.customers().page(query, any ? &last : nullptr, 1000);
        if (page.rows.empty()) break;
        any = true;
        last = page.keys.back();
        for (const Customer& c : page.rows) {
            if (format == ExportFormat::Vcard) {
                appendCard(out, c);
                continue;
            }
            std::vector<std::string> values = fieldValues(c, format == ExportFormat::Csv);
            if (format == ExportFormat::Csv) {
                for (const CustomField& f : custom) {
                    auto it = c.custom.find(f.id);
                    std::string v = it == c.custom.end() ? std::string() : it->second;
                    if (f.kind == CustomFieldKind::MultiChoice)
                        for (char& ch : v)
                            if (ch == '\n') ch = ';';
                    values.push_back(v);
                }
                appendCsvRow(out, values);
                continue;
            }
            nlohmann::json object = nlohmann::json::object();
            object["id"] = c.id;
            for (size_t i = 0; i < values.size(); i++)
                if (!values[i].empty()) object[importTargetFields()[i]] = values[i];
            nlohmann::json customValues = nlohmann::json::object();
            for (const CustomField& f : custom)
                if (auto it = c.custom.find(f.id); it != c.custom.end()) customValues[f.label] = it->second;
            if (!customValues.empty()) object["custom"] = customValues;
            out += (first ? "" : ",\n") + object.dump();
            first = false;
        }
    }
    if (format == ExportFormat::Json) out += "\n]}\n";
    return out;
}

bool looksLikeCustomerExport(std::string_view text) {
    std::string_view start = text.substr(0, 4096);
    return start.find("\"format\"") != std::string_view::npos &&
           start.find("\"fieldcrm-customers\"") != std::string_view::npos;
}

}  // namespace core
