// CSV as spreadsheets and ERP systems write it (RFC 4180, plus what Excel does beyond it), read in chunks so that a
// long import can show progress and hold only a chunk in memory; and CSV written so that Excel opens it right.
// Knows nothing of customers: the import step maps columns to fields.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/file_problem.h"
#include "core/text_encoding.h"

namespace core {

struct CsvOptions {
    char delimiter = 0;          // ',', ';' or '\t'; 0 = Excel's "sep=" line if there is one, else detect
    bool header = true;          // the first row that is not blank names the columns
    TextEncoding encoding = TextEncoding::Auto;
    size_t maxColumns = 16384;   // Excel's own limit (column XFD)
    size_t maxFieldBytes = 1 << 20;    // Excel holds 32,767 characters in a cell; 1 MiB is generous
    size_t maxRecordBytes = 16 << 20;  // bounds the memory one record (row) may take
};

// One row of fields. Its text is reused from row to row, so reading a file allocates almost nothing per row.
class CsvRecord {
public:
    size_t size() const { return ends_.size(); }
    std::string_view operator[](size_t i) const {
        size_t start = i ? ends_[i - 1] : 0;
        return std::string_view(text_).substr(start, ends_[i] - start);
    }

    int64_t row = 0;   // as Excel numbers it: the header is row 1, blank lines count, a quoted line break does not
    int64_t line = 0;  // the physical line it starts on
    // Set when the row has another number of fields than the header ("ragged_row"); the fields are still here.
    std::optional<FileProblem> problem;

private:
    friend class CsvReader;
    std::string text_;
    std::vector<size_t> ends_;
};

// Reads CSV from bytes fed in chunks of any size:
//     CsvReader reader;  reader.feed(chunk) …  reader.finish();  while (reader.next(record)) …
// next() returns false when it needs more bytes, or when done() is true.
class CsvReader {
public:
    explicit CsvReader(CsvOptions options = {});

    void feed(std::string_view bytes) { text_.feed(bytes); }
    void finish() { text_.finish(); }
    // The next data row. Throws FileFormatError (row, line, reason) when the file cannot be read on: bytes that
    // are not text, a quote never closed, too many columns, a field or row over the limits, an empty file.
    bool next(CsvRecord& record);
    bool done() const { return done_; }

    const std::vector<std::string>& header() const { return header_; }  // once the first data row (or done)
    char delimiter() const { return delimiter_; }                       // 0 until known
    TextEncoding encoding() const { return text_.encoding(); }

private:
    bool findDelimiter();
    bool parseRecord(std::string_view s, size_t& pos, bool atEnd, char delimiter, CsvRecord& record) const;
    void checkWidth(CsvRecord& record) const;

    CsvOptions options_;
    DecodedText text_;
    char delimiter_;
    std::vector<std::string> header_;
    size_t width_ = 0;      // fields a row should have: the header's, or the first row's without a header
    int64_t rows_ = 0;      // rows read so far, blank ones included
    int64_t line_ = 1;      // the line the next row starts on
    bool done_ = false;
};

// ---- writing ----

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";  // Excel reads UTF-8 only when a file starts with it

// Appends one row and CRLF. Quotes a field holding the delimiter, a quote, a line break, or spaces at either end;
// defuses spreadsheet formulas (see csv.cpp).
void appendCsvRow(std::string& out, const std::vector<std::string>& fields, char delimiter = ',');

}  // namespace core
