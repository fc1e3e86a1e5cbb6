// Unit tests of customer validation and phone normalisation.
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
    CHECK(core::normalizePhone("+86 (10) 6552-9988") == "+861065529988");
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

TEST_CASE("overlong fields are refused with a clear code") {
    Customer c{.name = std::string(201, 'x')};
    CHECK(codes(c) == std::vector<std::string>{"name:too_long"});
    c.name = "ok";
    c.notes = std::string(20001, 'n');
    CHECK(codes(c) == std::vector<std::string>{"notes:too_long"});
}
