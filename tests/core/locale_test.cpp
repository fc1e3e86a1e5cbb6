// Numbers, money and dates for each language (core/locale.h), and picking the language from a browser tag.
#include <doctest/doctest.h>

#include "core/locale.h"

using core::Language;

TEST_CASE("the browser's language tag picks Chinese for every zh-*, English for the rest") {
    CHECK(core::languageFromTag("zh-CN") == Language::Chinese);
    CHECK(core::languageFromTag("zh") == Language::Chinese);
    CHECK(core::languageFromTag("zh-Hans-CN") == Language::Chinese);
    CHECK(core::languageFromTag("zh_TW") == Language::Chinese);
    CHECK(core::languageFromTag("ZH-cn") == Language::Chinese);
    CHECK(core::languageFromTag("en-US") == Language::English);
    CHECK(core::languageFromTag("de") == Language::English);
    CHECK(core::languageFromTag("zu") == Language::English);
    CHECK(core::languageFromTag("zhx") == Language::English);
    CHECK(core::languageFromTag("") == Language::English);
    CHECK(std::string(core::languageTag(Language::Chinese)) == "zh-CN");
    CHECK(std::string(core::languageTag(Language::English)) == "en");
}

TEST_CASE("integers and decimals are grouped by three") {
    for (Language l : {Language::English, Language::Chinese}) {
        CHECK(core::formatInteger(l, 0) == "0");
        CHECK(core::formatInteger(l, 999) == "999");
        CHECK(core::formatInteger(l, 1000) == "1,000");
        CHECK(core::formatInteger(l, 1234567) == "1,234,567");
        CHECK(core::formatInteger(l, -1234567) == "-1,234,567");
        CHECK(core::formatInteger(l, INT64_MIN) == "-9,223,372,036,854,775,808");
        CHECK(core::formatDecimal(l, 1234.5, 2) == "1,234.50");
        CHECK(core::formatDecimal(l, 0.125, 2) == "0.13");
        CHECK(core::formatDecimal(l, -0.001, 2) == "0.00");
        CHECK(core::formatDecimal(l, -1234567.891, 1) == "-1,234,567.9");
        CHECK(core::formatDecimal(l, 12.0, 0) == "12");
    }
}

TEST_CASE("money is written with the currency's symbol for the language and its minor unit") {
    CHECK(core::formatMoney(Language::Chinese, 123450, "CNY") == "¥1,234.50");
    CHECK(core::formatMoney(Language::English, 123450, "CNY") == "CN¥1,234.50");
    CHECK(core::formatMoney(Language::English, 123450, "USD") == "$1,234.50");
    CHECK(core::formatMoney(Language::Chinese, 123450, "USD") == "US$1,234.50");
    CHECK(core::formatMoney(Language::English, -5, "EUR") == "-€0.05");
    CHECK(core::formatMoney(Language::English, 1234, "JPY") == "¥1,234");
    CHECK(core::formatMoney(Language::Chinese, 1234, "JPY") == "JP¥1,234");
    CHECK(core::formatMoney(Language::English, 1234567, "KWD") == "KWD 1,234.567");
    CHECK(core::formatMoney(Language::English, 123450, "CHF") == "CHF 1,234.50");
    CHECK(core::formatMoney(Language::Chinese, 100000000, "HKD") == "HK$1,000,000.00");
    CHECK(core::formatMoney(Language::English, 0, "GBP") == "£0.00");
    CHECK(core::currencyDecimals("KRW") == 0);
    CHECK(core::currencyDecimals("CNY") == 2);
}

TEST_CASE("dates: ISO in English, 年月日 in Chinese") {
    CHECK(core::formatDate(Language::English, 2026, 11, 25) == "2026-11-25");
    CHECK(core::formatDate(Language::Chinese, 2026, 11, 25) == "2026年11月25日");
    CHECK(core::formatDate(Language::English, 2026, 1, 5) == "2026-01-05");
    CHECK(core::formatDate(Language::Chinese, 2026, 1, 5) == "2026年1月5日");
    CHECK(core::formatDateTime(Language::English, 2026, 11, 25, 9, 3) == "2026-11-25 09:03");
    CHECK(core::formatDateTime(Language::Chinese, 2026, 11, 25, 14, 30) == "2026年11月25日 14:30");
    std::string local = core::formatLocalDateTime(Language::English, 1764000000000);  // 2025-11-24/25 by zone
    CHECK(local.size() == 16);
    CHECK(local.rfind("2025-11-2", 0) == 0);
}
