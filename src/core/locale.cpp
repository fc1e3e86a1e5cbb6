// Numbers, money and dates written for a language, by hand (no <locale>, no ICU): the rules are few and fixed, and
// the same code must give the same text natively and in wasm.
#include "core/locale.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace core {

Language languageFromTag(std::string_view tag) {
    if (tag.size() >= 2 && (tag[0] == 'z' || tag[0] == 'Z') && (tag[1] == 'h' || tag[1] == 'H') &&
        (tag.size() == 2 || tag[2] == '-' || tag[2] == '_'))
        return Language::Chinese;
    return Language::English;
}

const char* languageTag(Language language) { return language == Language::Chinese ? "zh-CN" : "en"; }

// "1234567" -> "1,234,567"
static std::string group(const std::string& digits) {
    std::string out;
    size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
    out.append(digits, 0, first);
    for (size_t i = first; i < digits.size(); i += 3) {
        out += ',';
        out.append(digits, i, 3);
    }
    return out;
}

// |value| as grouped integer digits and `decimals` fraction digits, from an unsigned magnitude in 10^-decimals.
static std::string fixedPoint(uint64_t scaled, int decimals) {
    uint64_t unit = 1;
    for (int i = 0; i < decimals; i++) unit *= 10;
    std::string text = group(std::to_string(scaled / unit));
    if (decimals > 0) {
        std::string fraction = std::to_string(scaled % unit);
        text += '.';
        text.append(size_t(decimals) - fraction.size(), '0');
        text += fraction;
    }
    return text;
}

static uint64_t magnitude(int64_t value) { return value < 0 ? uint64_t(-(value + 1)) + 1 : uint64_t(value); }

std::string formatInteger(Language, int64_t value) {
    return (value < 0 ? "-" : "") + fixedPoint(magnitude(value), 0);
}

std::string formatDecimal(Language, double value, int decimals) {
    if (!std::isfinite(value)) return value != value ? "NaN" : value < 0 ? "-∞" : "∞";
    if (decimals < 0) decimals = 0;
    if (decimals > 9) decimals = 9;
    double scaled = std::round(std::fabs(value) * std::pow(10.0, decimals));
    if (scaled >= 9.2e18) {  // beyond what the fixed-point path holds: plain printf
        char text[64];
        std::snprintf(text, sizeof text, "%.*f", decimals, value);
        return text;
    }
    bool negative = value < 0 && scaled > 0;
    return (negative ? "-" : "") + fixedPoint(uint64_t(scaled), decimals);
}

int currencyDecimals(std::string_view currency) {
    static const std::string_view kNone[] = {"JPY", "KRW", "VND", "CLP", "ISK", "UGX", "PYG", "XAF", "XOF"};
    static const std::string_view kThree[] = {"KWD", "BHD", "OMR", "JOD", "TND", "LYD", "IQD"};
    for (std::string_view c : kNone)
        if (currency == c) return 0;
    for (std::string_view c : kThree)
        if (currency == c) return 3;
    return 2;
}

// Symbols as CLDR writes them for each language; a currency not listed is written "CODE 1,234.50".
struct CurrencySymbol {
    std::string_view code;
    const char* english;
    const char* chinese;
};

static const CurrencySymbol kSymbols[] = {
    {"CNY", "CN¥", "¥"},   {"USD", "$", "US$"},   {"EUR", "€", "€"},     {"GBP", "£", "£"},
    {"JPY", "¥", "JP¥"},   {"HKD", "HK$", "HK$"}, {"TWD", "NT$", "NT$"}, {"KRW", "₩", "￦"},
    {"SGD", "SGD ", "SGD "}, {"AUD", "A$", "AU$"}, {"CAD", "CA$", "CA$"}, {"INR", "₹", "₹"},
    {"RUB", "RUB ", "RUB "}, {"CHF", "CHF ", "CHF "}, {"MOP", "MOP ", "MOP "},
};

std::string formatMoney(Language language, int64_t minorUnits, std::string_view currency) {
    std::string symbol = std::string(currency) + " ";
    for (const CurrencySymbol& s : kSymbols)
        if (s.code == currency) symbol = language == Language::Chinese ? s.chinese : s.english;
    return (minorUnits < 0 ? "-" : "") + symbol + fixedPoint(magnitude(minorUnits), currencyDecimals(currency));
}

std::string formatDate(Language language, int year, int month, int day) {
    char text[48];
    if (language == Language::Chinese) std::snprintf(text, sizeof text, "%d年%d月%d日", year, month, day);
    else std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return text;
}

std::string formatDateTime(Language language, int year, int month, int day, int hour, int minute) {
    char time[16];
    std::snprintf(time, sizeof time, " %02d:%02d", hour, minute);
    return formatDate(language, year, month, day) + time;
}

std::string formatLocalDateTime(Language language, int64_t epochMs) {
    std::time_t seconds = std::time_t(epochMs / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    return formatDateTime(language, local.tm_year + 1900, local.tm_mon + 1, local.tm_mday, local.tm_hour, local.tm_min);
}

}  // namespace core
