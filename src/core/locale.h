// The languages FieldCRM speaks and how numbers, money and dates are written in each: plain functions with no UI
// and no platform locale (the C/C++ locale of a browser is "C"), so they behave the same natively and in wasm.
// The UI picks the language (ui/i18n.h); the CLI and sync files never format for a language.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace core {

enum class Language { English, Chinese };  // Chinese = Simplified Chinese (zh-CN)

// A BCP 47 tag from the browser or a preference ("zh-CN", "zh-Hans", "zh", "en-GB", "de") -> the language to use:
// every zh-* is Chinese, everything else English.
Language languageFromTag(std::string_view tag);
const char* languageTag(Language language);  // "en" / "zh-CN"

// 1234567 -> "1,234,567" (both languages group by three with a comma, as CLDR does for en and zh).
std::string formatInteger(Language language, int64_t value);

// A decimal with a fixed number of decimals, grouped: (1234.5, 2) -> "1,234.50". Rounds half away from zero.
std::string formatDecimal(Language language, double value, int decimals);

// Money in minor units (cents, fen) of an ISO 4217 currency, written for the language, e.g. 123450 CNY:
// zh-CN "¥1,234.50", en "CN¥1,234.50"; USD: zh-CN "US$1,234.50", en "$1,234.50"; JPY has no minor unit.
// Unknown currencies are written with their code: "CHF 1,234.50". Negative amounts lead with "-".
std::string formatMoney(Language language, int64_t minorUnits, std::string_view currency);

// Digits after the decimal point of a currency (2 for most, 0 for JPY/KRW, 3 for KWD/BHD…).
int currencyDecimals(std::string_view currency);

// A calendar date: en "2026-11-25", zh-CN "2026年11月25日"; with a time: "2026-11-25 14:03" / "2026年11月25日 14:03".
std::string formatDate(Language language, int year, int month, int day);
std::string formatDateTime(Language language, int year, int month, int day, int hour, int minute);

// Milliseconds since the epoch as a local date and time (the platform's time zone).
std::string formatLocalDateTime(Language language, int64_t epochMs);

}  // namespace core
