// Unit tests of customer validation, and of phone numbers: stored form, reasons they are refused, display.
#include <doctest/doctest.h>

#include "core/validation.h"

using core::Customer;

static std::vector<std::string> codes(const Customer& c) {
    std::vector<std::string> out;
    for (auto& e : core::validateCustomer(c)) out.push_back(e.field + ":" + e.code);
    return out;
}

TEST_CASE("a customer needs a name that is not blank") {
    Customer c;
    CHECK(codes(c) == std::vector<std::string>{"name:required"});
    c.name = "   \t";
    CHECK(codes(c) == std::vector<std::string>{"name:required"});
    c.name = "王小明";
    CHECK(codes(c).empty());
}

TEST_CASE("email syntax") {
    Customer c{.name = "A"};
    for (const char* good : {"a@b.cn", "li.si+crm@example.com.cn", "张@例子.中国"}) {
        c.email = good;
        CHECK_MESSAGE(codes(c).empty(), good);
    }
    for (const char* bad : {"a", "a@", "@b.cn", "a@b", "a@@b.cn", "a b@c.cn", "a@b..cn", "a@b.", "a@.cn"}) {
        c.email = bad;
        CHECK_MESSAGE(codes(c) == std::vector<std::string>{"email:email_syntax"}, bad);
    }
}

TEST_CASE("phone numbers are normalised and checked") {
    CHECK(core::normalizePhone("138 0013 8000") == "13800138000");
    // Was "+861065529988": +86 numbers are now stored in national form like the same numbers typed without +86,
    // so that "010-65529988" and "+86 10 6552 9988" are one number when duplicates are looked for.
    CHECK(core::normalizePhone("+86 (10) 6552-9988") == "01065529988");
    CHECK(core::normalizePhone("021.6421.8888") == "02164218888");
    CHECK(core::normalizePhone("12+3") == "12+3");  // a '+' inside is not ours to fix
    Customer c{.name = "A"};
    for (const char* good : {"13800138000", "+86 138 0013 8000", "010-65529988", "+1 (415) 555-0100"}) {
        c.phone = good;
        CHECK_MESSAGE(codes(c).empty(), good);
    }
    for (const char* bad : {"12", "call me", "1234567890123456", "138-0013-800x"}) {
        c.phone = bad;
        CHECK_MESSAGE(codes(c) == std::vector<std::string>{"phone:phone_syntax"}, bad);
    }
}

TEST_CASE("one stored form per phone number, however it was typed") {
    struct Case {
        const char* typed;
        const char* stored;
    };
    for (Case t : std::initializer_list<Case>{
             {"+86 138 0013 8000", "13800138000"},  {"0086-138-0013-8000", "13800138000"},
             {"8613800138000", "13800138000"},      {"１３８ ００１３ ８０００", "13800138000"},  // full-width, as IMEs type
             {"010-65529988", "01065529988"},       {"+86 010 6552 9988", "01065529988"},
             {"(0755) 1234567", "07551234567"},     {"0755-12345678", "075512345678"},
             {"400-810-8888", "4008108888"},        {"+86 400 810 8888", "4008108888"},
             {"010-12345678转123", "01012345678x123"}, {"0755-1234567 ext. 89", "07551234567x89"},
             {"010-12345678-123", "01012345678x123"},  {"010 1234 5678 #6", "01012345678x6"},
             {"021 6421 8888 分机 7", "02164218888x7"},  {"+1 415 555 0100 x12", "+14155550100x12"},
             {"+1 (415) 555-0100", "+14155550100"}, {"0044 20 7946 0958", "+442079460958"},
             {"+44 (0)20 7946 0958", "+442079460958"}, {"+852 9123 4567", "+85291234567"},
             {"+49 30 1234567", "+49301234567"},
         }) {
        CHECK_MESSAGE(core::normalizePhone(t.typed) == t.stored, t.typed);
        CHECK_MESSAGE(core::normalizePhone(t.stored) == t.stored, t.stored);  // the stored form stays as it is
    }
}

TEST_CASE("a phone number that is none says why") {
    auto problem = [](const char* phone) {
        std::vector<core::FieldError> errors = core::validateCustomer({.name = "A", .phone = phone});
        return errors.size() == 1 && errors[0].code == "phone_syntax" ? errors[0].message : "(no phone error)";
    };
    CHECK(problem("call me") == "is not a phone number");
    CHECK(problem("call Max") == "is not a phone number");
    CHECK(problem("12+3") == "is not a phone number");
    CHECK(problem("1380013800") == "a mainland mobile number has 11 digits and starts with 13 to 19");
    CHECK(problem("12800138000") == "a mainland mobile number has 11 digits and starts with 13 to 19");
    CHECK(problem("010-1234567") ==
          "a landline number needs its area code and 7 or 8 digits (010-12345678, 0755-1234567)");
    CHECK(problem("0755-0123456") ==
          "a landline number needs its area code and 7 or 8 digits (010-12345678, 0755-1234567)");
    CHECK(problem("6552 9988") == "add the area code (010-12345678)");
    CHECK(problem("91234567890") ==
          "a number outside mainland China starts with + and the country code (+852 9123 4567)");
    CHECK(problem("+1 555") == "an international number has the country code and 7 to 15 digits in all after the +");
    CHECK(problem("010-12345678 ext. 12a") == "the extension must be 1 to 6 digits");
    CHECK(problem("01065529988") == "(no phone error)");
}

TEST_CASE("phone numbers are shown grouped") {
    CHECK(core::formatPhone("13800138000") == "138 0013 8000");
    CHECK(core::formatPhone("01065529988") == "010 6552 9988");
    CHECK(core::formatPhone("07551234567") == "0755 123 4567");
    CHECK(core::formatPhone("075512345678") == "0755 1234 5678");
    CHECK(core::formatPhone("4008108888") == "400 810 8888");
    CHECK(core::formatPhone("01012345678x123") == "010 1234 5678 ext. 123");
    CHECK(core::formatPhone("+14155550100") == "+1 415 555 0100");
    CHECK(core::formatPhone("+85291234567") == "+852 9123 4567");
    CHECK(core::formatPhone("+442079460958") == "+44 2079460958");
    CHECK(core::formatPhone("+14155550100x12") == "+1 415 555 0100 ext. 12");
    CHECK(core::formatPhone("call me") == "call me");  // kept as typed: shown as typed
    CHECK(core::formatPhone("138 0013 8000") == "138 0013 8000");
    CHECK(core::formatPhone("") == "");
}

TEST_CASE("overlong fields are refused with a clear code") {
    Customer c{.name = std::string(201, 'x')};
    CHECK(codes(c) == std::vector<std::string>{"name:too_long"});
    c.name = "ok";
    c.notes = std::string(20001, 'n');
    CHECK(codes(c) == std::vector<std::string>{"notes:too_long"});
}
