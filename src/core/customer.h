// The customer model as the CRM sees it: companies (accounts), customers (contacts) optionally linked to one,
// tags, and the custom fields a user adds at run time. Plain data only; reading and writing goes through
// CustomerService, CompanyService and CustomFieldService. The stored forms are described in docs/customer-model.md.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace core {

// Where a customer came from. Stored as the code; the UI shows a translated name.
inline const std::vector<std::string> kSourceChannels = {"web_form", "event", "referral", "social",
                                                         "advertising", "cold_call", "import", "other"};
// Channels a customer can agree (or refuse) to receive marketing on.
inline const std::vector<std::string> kConsentChannels = {"email", "sms", "phone", "wechat"};

// Marketing consent on one channel: unknown, or given/refused on a day. Stored as "", "yes:YYYY-MM-DD", "no:…".
struct Consent {
    enum class State { Unknown, Given, Refused } state = State::Unknown;
    std::string date;  // YYYY-MM-DD when the customer said so
    static Consent parse(const std::string& stored);
    std::string stored() const;
};

struct Customer {
    std::string id;       // UUID, stable across devices
    std::string name;     // required
    std::string company;  // the company's name as shown (kept equal to the linked company's name)
    std::string phone;    // the main number, stored normalised (normalizePhone); formatPhone shows it
    std::string email;    // the main address
    std::string city;
    std::string tags;     // tag names, ", "-separated, sorted; read from and written as tag links
    std::string notes;
    int64_t createdAtMs = 0;
    int64_t updatedAtMs = 0;
    std::string companyId;    // the linked company's id, or ""
    std::string title;        // job title
    std::string otherPhones;  // further numbers, one per line, normalised
    std::string otherEmails;  // further addresses, one per line
    std::string country;
    std::string province;
    std::string district;
    std::string address;      // street, building, room
    std::string source;       // one of kSourceChannels, or ""
    std::string owner;        // the sales rep responsible (user name)
    std::map<std::string, std::string> consent;  // channel -> stored Consent ("" when unknown)
    std::map<std::string, std::string> custom;   // custom field id -> value (absent: empty)
};

struct Company {
    std::string id;
    std::string name;  // required
    std::string phone;
    std::string email;
    std::string website;
    std::string industry;
    std::string country;
    std::string province;
    std::string city;
    std::string district;
    std::string address;
    std::string owner;
    std::string notes;
    int64_t createdAtMs = 0;
    int64_t updatedAtMs = 0;
};

struct Tag {
    std::string id;
    std::string name;
    int64_t customers = 0;  // live customers carrying it
};

enum class CustomFieldKind { Text, Number, Date, Choice, MultiChoice };

struct CustomField {
    std::string id;
    std::string label;  // required, unique among live fields
    CustomFieldKind kind = CustomFieldKind::Text;
    std::vector<std::string> choices;  // Choice and MultiChoice
    double position = 0;               // display order
};

const char* customFieldKindName(CustomFieldKind kind);  // "text", "number", "date", "choice", "multi_choice"
bool parseCustomFieldKind(const std::string& name, CustomFieldKind& kind);

// The columns a customer list can be sorted by. Custom sorts by a custom field (CustomerSortKey::customFieldId).
enum class CustomerSort { Name, Company, Phone, Email, City, UpdatedAt, CreatedAt, Owner, Source, Custom };

}  // namespace core
