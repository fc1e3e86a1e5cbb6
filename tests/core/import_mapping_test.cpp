// Unit tests of column-to-field suggestions on headers as Chinese spreadsheets, ERP exports, Google Contacts and
// Outlook write them: case, spaces, punctuation, full-width characters, remarks in brackets, conflicts.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/file_reading.h"
#include "core/import_mapping.h"

using Names = std::vector<std::string>;

// "header→field" for each header that got a field.
static Names mapped(const Names& headers) {
    Names out, fields = core::suggestColumnFields(headers);
    REQUIRE(fields.size() == headers.size());
    for (size_t i = 0; i < headers.size(); i++)
        if (!fields[i].empty()) out.push_back(headers[i] + "→" + fields[i]);
    return out;
}

static Names splitCommas(const std::string& line) {
    Names out;
    std::stringstream in(line);
    for (std::string item; std::getline(in, item, ',');) out.push_back(item);
    return out;
}

TEST_CASE("Chinese headers") {
    CHECK(mapped({"客户名称", "手机号码", "电子邮箱", "公司", "省份", "城市", "区/县", "详细地址", "标签", "备注",
                  "客户来源", "负责人"}) ==
          Names{"客户名称→name", "手机号码→phone", "电子邮箱→email", "公司→company", "省份→province", "城市→city",
                "区/县→district", "详细地址→address", "标签→tags", "备注→notes", "客户来源→source", "负责人→owner"});
    CHECK(mapped({"姓名", "联系电话", "单位名称", "所在城市", "国家/地区", "分组"}) ==
          Names{"姓名→name", "联系电话→phone", "单位名称→company", "所在城市→city", "国家/地区→country", "分组→tags"});
}

TEST_CASE("English headers") {
    CHECK(mapped({"Name", "Phone", "Email", "Company", "City", "Province", "District", "Address", "Tags", "Notes",
                  "Source", "Owner"}) ==
          Names{"Name→name", "Phone→phone", "Email→email", "Company→company", "City→city", "Province→province",
                "District→district", "Address→address", "Tags→tags", "Notes→notes", "Source→source", "Owner→owner"});
    CHECK(mapped({"Full Name", "Mobile", "E-mail", "Organization", "State", "Remarks", "Lead Source", "Sales Rep"}) ==
          Names{"Full Name→name", "Mobile→phone", "E-mail→email", "Organization→company", "State→province",
                "Remarks→notes", "Lead Source→source", "Sales Rep→owner"});
}

TEST_CASE("case, spaces, punctuation, full-width characters and remarks in brackets") {
    CHECK(mapped({"  NAME ", "ＥＭＡＩＬ（必填）", "*手机", "Mobile No.", "e_mail", "customerName", "tel"}) ==
          Names{"  NAME →name", "ＥＭＡＩＬ（必填）→email", "*手机→phone"});
    CHECK(mapped({"customerName", "mobilePhone", "EMail", "TEL"}) ==
          Names{"customerName→name", "mobilePhone→phone", "EMail→email"});
    CHECK(mapped({"客户姓名【必填】", "手机(选填)", "Address [home]", "Tel"}) ==
          Names{"客户姓名【必填】→name", "手机(选填)→phone", "Address [home]→address"});
}

TEST_CASE("one column per field; the head of a compound decides") {
    CHECK(mapped({"公司地址", "公司名称"}) == Names{"公司地址→address", "公司名称→company"});
    CHECK(mapped({"Company Address", "Company Name"}) == Names{"Company Address→address", "Company Name→company"});
    CHECK(mapped({"姓名", "联系人电话", "联系人"}) == Names{"姓名→name", "联系人电话→phone"});
    CHECK(mapped({"Business City", "City", "Address 1 - City"}) == Names{"City→city"});
    CHECK(mapped({"电话1", "电话2"}) == Names{"电话1→phone"});
    CHECK(mapped({"客户", "省", "市", "区"}) == Names{"客户→name", "省→province", "市→city", "区→district"});
    CHECK(mapped({"客户经理", "省市", "销售额"}) == Names{});  // short words match whole headers only
}

TEST_CASE("headers about something else get no field") {
    CHECK(mapped({"Phone 1 - Type", "姓名拼音", "创建时间", "来源日期", "Customer ID", "First Name", "Last Name",
                  "Business Fax", "传真电话", "邮政编码", "Postal Code", "客户编号"}) == Names{});
}

TEST_CASE("a Google Contacts export") {
    Names headers = splitCommas(
        "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,"
        "Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,"
        "Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,Group Membership,"
        "E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Address 1 - Type,Address 1 - Formatted,"
        "Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,"
        "Address 1 - Country,Address 1 - Extended Address,Organization 1 - Type,Organization 1 - Name,"
        "Organization 1 - Yomi Name,Organization 1 - Title,Organization 1 - Department,Website 1 - Type,"
        "Website 1 - Value");
    CHECK(mapped(headers) == Names{"Name→name", "Notes→notes", "Group Membership→tags", "E-mail 1 - Value→email",
                                   "Phone 1 - Value→phone", "Address 1 - Street→address", "Address 1 - City→city",
                                   "Address 1 - Region→province", "Address 1 - Country→country",
                                   "Organization 1 - Name→company"});
}

TEST_CASE("an Outlook export") {
    Names headers = splitCommas(
        "First Name,Middle Name,Last Name,Title,Suffix,Company,Department,Job Title,Business Street,Business Street 2,"
        "Business City,Business State,Business Postal Code,Business Country/Region,Home Street,Home City,Home State,"
        "Home Postal Code,Home Country/Region,Business Fax,Business Phone,Business Phone 2,Home Phone,Mobile Phone,"
        "E-mail Address,E-mail Display Name,Notes,Categories");
    // Outlook has no full-name column; its "E-mail Display Name" is the nearest thing.
    CHECK(mapped(headers) == Names{"Company→company", "Business Street→address", "Business City→city",
                                   "Business State→province", "Business Country/Region→country", "Mobile Phone→phone",
                                   "E-mail Address→email", "E-mail Display Name→name", "Notes→notes",
                                   "Categories→tags"});
}
