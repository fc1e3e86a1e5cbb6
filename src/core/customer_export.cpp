// Customer export: keyset pages of customers written as CSV rows, vCards or JSON lines.
#include "core/customer_export.h"

#include <chrono>

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

CustomerExport::CustomerExport(Crm& crm, CustomerQuery query, ExportFormat format)
    : crm_(crm), query_(std::move(query)), format_(format), custom_(crm.customFields().list()),
      total_(crm.customers().count(query_.filter)) {
    if (format_ == ExportFormat::Csv) {
        out_ = kUtf8Bom;
        std::vector<std::string> header = kCsvHeaders;
        for (const CustomField& f : custom_) header.push_back(f.label);
        appendCsvRow(out_, header);
    } else if (format_ == ExportFormat::Json) {
        nlohmann::json fields = nlohmann::json::array();
        for (const CustomField& f : custom_)
            fields.push_back({{"label", f.label}, {"kind", customFieldKindName(f.kind)}, {"choices", f.choices}});
        nlohmann::json head = {{"format", "fieldcrm-customers"}, {"version", 1}, {"custom_fields", fields}};
        std::string text = head.dump();
        text.pop_back();
        out_ = text + ",\"customers\":[\n";
    }
}

void CustomerExport::append(const Customer& c) {
    if (format_ == ExportFormat::Vcard) {
        appendCard(out_, c);
        return;
    }
    std::vector<std::string> values = fieldValues(c, format_ == ExportFormat::Csv);
    if (format_ == ExportFormat::Csv) {
        for (const CustomField& f : custom_) {
            auto it = c.custom.find(f.id);
            std::string v = it == c.custom.end() ? std::string() : it->second;
            if (f.kind == CustomFieldKind::MultiChoice)
                for (char& ch : v)
                    if (ch == '\n') ch = ';';
            values.push_back(v);
        }
        appendCsvRow(out_, values);
        return;
    }
    nlohmann::json object = nlohmann::json::object();
    object["id"] = c.id;
    for (size_t i = 0; i < values.size(); i++)
        if (!values[i].empty()) object[importTargetFields()[i]] = values[i];
    nlohmann::json customValues = nlohmann::json::object();
    for (const CustomField& f : custom_)
        if (auto it = c.custom.find(f.id); it != c.custom.end()) customValues[f.label] = it->second;
    if (!customValues.empty()) object["custom"] = customValues;
    out_ += (written_ == 0 ? "" : ",\n") + object.dump();
}

bool CustomerExport::step(double budgetMs) {
    using clock = std::chrono::steady_clock;
    auto start = clock::now();
    while (!done_) {
        CustomerPage page = crm_.customers().page(query_, written_ > 0 ? &last_ : nullptr, 1000);
        if (page.rows.empty()) {
            if (format_ == ExportFormat::Json) out_ += "\n]}\n";
            done_ = true;
            break;
        }
        last_ = page.keys.back();
        for (const Customer& c : page.rows) {
            append(c);
            written_++;
        }
        if (std::chrono::duration<double, std::milli>(clock::now() - start).count() > budgetMs) break;
    }
    return !done_;
}

std::string exportCustomers(Crm& crm, const CustomerQuery& query, ExportFormat format) {
    CustomerExport file(crm, query, format);
    while (file.step(1e9)) {}
    return file.take();
}

bool looksLikeCustomerExport(std::string_view text) {
    std::string_view start = text.substr(0, 4096);
    return start.find("\"format\"") != std::string_view::npos &&
           start.find("\"fieldcrm-customers\"") != std::string_view::npos;
}

}  // namespace core
