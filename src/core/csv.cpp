// CSV reading and writing. The reader is lenient where Excel is (a stray quote inside a field is kept, text after a
// closing quote is kept) and strict where guessing would import wrong data (a quote never closed, limits).
// No customer fields, no database, no UI.
//
// Index: line counting · CsvReader (next, delimiter, one record, row width) · writing
#include "core/csv.h"

#include <cstring>

namespace core {

// ---- line counting -------------------------------------------------------------------------------------------------

// Line breaks in s: CRLF, LF and a lone CR each count once.
static int64_t countLineBreaks(std::string_view s) {
    int64_t count = 0;
    for (size_t i = 0; i < s.size(); i++)
        count += s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'));
    return count;
}

static bool isLineBreak(std::string_view s) { return s == "\n" || s == "\r\n" || s == "\r"; }

// ---- CsvReader -----------------------------------------------------------------------------------------------------

CsvReader::CsvReader(CsvOptions options) : options_(options), text_(options.encoding), delimiter_(options.delimiter) {}

bool CsvReader::next(CsvRecord& record) {
    for (;;) {
        if (done_ || (!delimiter_ && !findDelimiter())) return false;
        std::string_view s = text_.text();
        bool atEnd = text_.finished() && text_.error().empty();
        if (s.empty() && atEnd) {
            done_ = true;
            if (header_.empty() && width_ == 0) throw FileFormatError({0, 0, "empty_file", "the file is empty"});
            return false;
        }
        record.row = rows_ + 1;
        record.line = line_;
        size_t pos = 0;
        if (!parseRecord(s, pos, atEnd, delimiter_, record)) {
            bool noText = rows_ == 0 && s.empty();  // the file is not text at all: no row to point at
            if (!text_.error().empty())
                throw FileFormatError({noText ? 0 : record.row, noText ? 0 : line_ + countLineBreaks(s), "encoding",
                                       text_.error()});
            return false;
        }
        text_.consume(pos);
        rows_++;
        line_ += countLineBreaks(s.substr(0, pos));
        if (isLineBreak(s.substr(0, pos))) continue;  // a blank line: Excel shows an empty row, we skip it
        if (options_.header && header_.empty()) {
            for (size_t i = 0; i < record.size(); i++) header_.emplace_back(record[i]);
            width_ = header_.size();
            continue;
        }
        if (width_ == 0) width_ = record.size();
        checkWidth(record);
        return true;
    }
}

// Takes the delimiter from Excel's "sep=;" first line, or else tries each candidate on the first rows (up to
// 64 KiB of them) and keeps the one that splits them into the same number (>1) of fields most often; on a tie, the
// one giving more fields, then the earlier of , ; tab. False while too little text is here to tell.
bool CsvReader::findDelimiter() {
    const size_t kSample = 64 * 1024;
    std::string_view s = text_.text();
    if (s.size() < kSample && !text_.finished()) return false;
    if (s.size() >= 5 && s.substr(0, 4) == "sep=") {
        std::string_view rest = s.substr(5);
        size_t lineBreak = rest.substr(0, 2) == "\r\n" ? 2 : !rest.empty() && (rest[0] == '\n' || rest[0] == '\r');
        if (rest.empty() || lineBreak) {
            delimiter_ = s[4];
            text_.consume(5 + lineBreak);
            line_ += lineBreak > 0;  // Excel does not show the line as a row
            return true;
        }
    }
    std::string_view sample = s.substr(0, kSample);
    bool wholeText = text_.finished() && text_.error().empty() && sample.size() == s.size();
    size_t bestMatches = 0, bestWidth = 1;
    delimiter_ = ',';
    for (char candidate : {',', ';', '\t'}) {
        CsvRecord record;
        size_t pos = 0, width = 0, matches = 0;
        for (int rows = 0; rows < 20 && pos < sample.size(); rows++) {
            size_t start = pos;
            try {
                if (!parseRecord(sample, pos, wholeText, candidate, record)) break;
            } catch (const FileFormatError&) {
                break;
            }
            if (isLineBreak(sample.substr(start, pos - start))) continue;
            if (width == 0) width = record.size();
            matches += record.size() == width;
        }
        if (width > 1 && (matches > bestMatches || (matches == bestMatches && width > bestWidth))) {
            delimiter_ = candidate;
            bestMatches = matches;
            bestWidth = width;
        }
    }
    return true;
}

// Parses the record at s[pos]; on success moves pos past it and its line break. False when the text ends inside it
// and more may come (!atEnd). The record's row and line must be set: errors carry them.
bool CsvReader::parseRecord(std::string_view s, size_t& pos, bool atEnd, char delimiter, CsvRecord& record) const {
    const char* p = s.data();
    size_t n = s.size(), i = pos;
    record.text_.clear();
    record.ends_.clear();
    auto fail = [&](const char* code, std::string message, int64_t line) {
        return FileFormatError({record.row, line, code, std::move(message)});
    };
    auto column = [&] { return std::to_string(record.ends_.size() + 1); };
    auto fieldTooLong = [&] {
        return fail("field_too_long", "the field in column " + column() + " is longer than " +
                    std::to_string(options_.maxFieldBytes) + " bytes", record.line);
    };
    auto checkRecordLength = [&](size_t end) {
        if (end - pos > options_.maxRecordBytes)
            throw fail("record_too_long",
                       "the row is longer than " + std::to_string(options_.maxRecordBytes) + " bytes", record.line);
    };
    // The text ends inside the record: fine unless what is here already breaks a limit.
    auto needMore = [&](size_t fieldStart) {
        if (n - fieldStart > options_.maxFieldBytes) throw fieldTooLong();
        checkRecordLength(n);
        return false;
    };
    for (;;) {
        if (record.ends_.size() == options_.maxColumns)
            throw fail("too_many_columns", "has more than " + std::to_string(options_.maxColumns) + " columns",
                       record.line);
        size_t fieldStart = i, textStart = record.text_.size();
        if (i < n && p[i] == '"') {
            for (i++;;) {
                auto quote = static_cast<const char*>(std::memchr(p + i, '"', n - i));
                if (!quote && !atEnd) return needMore(fieldStart);
                if (!quote)
                    throw fail("unterminated_quote", "the quoted field in column " + column() +
                               " has no closing quote (is the file cut off?)",
                               record.line + countLineBreaks(s.substr(pos, fieldStart - pos)));
                record.text_.append(p + i, quote - (p + i));
                i = quote - p + 1;
                if (i == n && !atEnd) return needMore(fieldStart);  // a doubled quote may follow
                if (i == n || p[i] != '"') break;
                record.text_ += '"';
                i++;
            }
        }
        size_t j = i;  // unquoted text, or what follows a closing quote: kept as it stands, as Excel does
        while (j < n && p[j] != delimiter && p[j] != '\n' && p[j] != '\r') j++;
        if ((j == n || (p[j] == '\r' && j + 1 == n)) && !atEnd) return needMore(fieldStart);
        record.text_.append(p + i, j - i);
        if (record.text_.size() - textStart > options_.maxFieldBytes) throw fieldTooLong();
        record.ends_.push_back(record.text_.size());
        if (j < n && p[j] == delimiter) {
            i = j + 1;
            continue;
        }
        checkRecordLength(j);
        pos = j == n ? n : j + (p[j] == '\r' && j + 1 < n && p[j + 1] == '\n' ? 2 : 1);
        return true;
    }
}

// Trailing empty fields past the header's width (Excel writes them after a wider row) are dropped silently; any
// other difference is reported on the row.
void CsvReader::checkWidth(CsvRecord& record) const {
    while (record.size() > width_ && record[record.size() - 1].empty()) record.ends_.pop_back();
    record.problem.reset();
    if (record.size() == width_) return;
    std::string message = "has " + std::to_string(record.size()) + " fields where " +
                          (options_.header ? "the header" : "the first row") + " has " + std::to_string(width_);
    message += record.size() < width_ ? "; the missing ones are read as empty"
                                      : "; the values past column " + std::to_string(width_) + " have no column";
    record.problem = FileProblem{record.row, record.line, "ragged_row", message};
}

// ---- writing -------------------------------------------------------------------------------------------------------

// "-12", "+86", "3.5": a plain number is no formula, and a quote in front of it would turn it into text in Excel.
static bool isPlainNumber(std::string_view s) {
    size_t i = s[0] == '+' || s[0] == '-', digits = 0, dots = 0;
    for (; i < s.size(); i++) {
        if (s[i] == '.' && digits && !dots) dots++;
        else if (s[i] >= '0' && s[i] <= '9') digits++;
        else return false;
    }
    return digits && s.back() != '.';
}

// Formula injection (OWASP, "CSV Injection"): a spreadsheet runs a cell that starts with = + - @ tab or CR as a
// formula, so a customer named "=HYPERLINK(…)" could act when a colleague opens the export. Such fields get a
// leading apostrophe, which Excel reads as "text follows" and does not show. Plain numbers ("-12", "+8613800138000")
// are left alone: they cannot run anything.
static void appendCsvField(std::string& out, std::string_view field, char delimiter) {
    const char specials[] = {delimiter, '"', '\n', '\r', 0};
    bool formula = !field.empty() && std::string_view("=+-@\t\r").find(field[0]) != std::string_view::npos &&
                   !isPlainNumber(field);
    bool quote = field.find_first_of(specials) != std::string_view::npos ||
                 (!field.empty() && (field.front() == ' ' || field.back() == ' '));
    if (quote) out += '"';
    if (formula) out += '\'';
    for (char c : field) {
        if (c == '"' && quote) out += '"';
        out += c;
    }
    if (quote) out += '"';
}

void appendCsvRow(std::string& out, const std::vector<std::string>& fields, char delimiter) {
    for (size_t i = 0; i < fields.size(); i++) {
        if (i) out += delimiter;
        appendCsvField(out, fields[i], delimiter);
    }
    out += "\r\n";
}

}  // namespace core
