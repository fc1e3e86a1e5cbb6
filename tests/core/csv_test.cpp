// Unit tests of the CSV reader and writer: quoting, line breaks, delimiters, ragged rows, limits, encodings, files
// cut off or empty or binary, chunked reading, Excel's own exports, and formula injection on the way out.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/csv.h"
#include "core/file_reading.h"

using core::CsvOptions;

namespace {

// What a whole file reads as: header, rows as "row:field|field|…", ragged-row problems, or the error.
struct CsvFile {
    std::vector<std::string> header;
    std::vector<std::string> rows;
    std::vector<std::string> problems;
    std::string error;
    char delimiter = 0;
};

std::string joined(const core::CsvRecord& record) {
    std::string out = std::to_string(record.row) + ":";
    for (size_t i = 0; i < record.size(); i++) out += (i ? "|" : "") + std::string(record[i]);
    return out;
}

CsvFile readCsv(std::string_view bytes, CsvOptions options = {}, size_t chunk = 0) {
    CsvFile file;
    core::CsvReader reader(options);
    file.error = readInChunks<core::CsvRecord>(reader, bytes, chunk, [&](const core::CsvRecord& record) {
        file.rows.push_back(joined(record));
        if (record.problem) file.problems.push_back(record.problem->describe());
    });
    file.header = reader.header();
    file.delimiter = reader.delimiter();
    return file;
}

using Rows = std::vector<std::string>;

}  // namespace

TEST_CASE("a header and rows, with LF, CRLF or CR line ends") {
    for (const char* lineEnd : {"\n", "\r\n", "\r"}) {
        std::string text = std::string("name,phone") + lineEnd + "张三,13800138000" + lineEnd + "李四,13900139000";
        CsvFile file = readCsv(text);
        CHECK(file.error == "");
        CHECK(file.header == Rows{"name", "phone"});
        CHECK(file.rows == Rows{"2:张三|13800138000", "3:李四|13900139000"});
        CHECK(readCsv(text + lineEnd).rows == file.rows);  // a last line end changes nothing
    }
}

TEST_CASE("quoted fields: delimiters, doubled quotes and line breaks inside") {
    CsvFile file = readCsv("name,notes,city\r\n"
                           "\"Wang, Fang\",\"said \"\"hi\"\"\r\nthen left\",Shanghai\r\n"
                           "\"\",\"a\nb\",\"\"\"\"\r\n"
                           "Li,plain,Beijing\r\n");
    CHECK(file.error == "");
    CHECK(file.rows == Rows{"2:Wang, Fang|said \"hi\"\r\nthen left|Shanghai", "3:|a\nb|\"", "4:Li|plain|Beijing"});
}

TEST_CASE("stray quotes are kept as Excel keeps them") {
    CsvFile file = readCsv("a,b\n5\" screen,\"quoted\"tail\n", {.header = true});
    CHECK(file.rows == Rows{"2:5\" screen|quotedtail"});
}

TEST_CASE("blank lines are skipped but counted, as Excel counts its rows") {
    CsvFile file = readCsv("\nname,phone\n\n\nli,1\n\n");
    CHECK(file.header == Rows{"name", "phone"});
    CHECK(file.rows == Rows{"5:li|1"});
}

TEST_CASE("the delimiter is detected among comma, semicolon and tab") {
    CHECK(readCsv("name;phone;notes\nli;1;a, b\nwang;2;c\n").delimiter == ';');
    CHECK(readCsv("name;phone;notes\nli;1;a, b\nwang;2;c\n").rows == Rows{"2:li|1|a, b", "3:wang|2|c"});
    CHECK(readCsv("name\tphone\nli\t1,5\n").rows == Rows{"2:li|1,5"});
    CHECK(readCsv("name,phone\n\"li;wang\",1\n").delimiter == ',');
    CHECK(readCsv("name\nli\n").delimiter == ',');  // one column: nothing to split
    CsvFile excelHint = readCsv("sep=;\r\nname;phone\r\nli;1,5\r\n");
    CHECK(excelHint.delimiter == ';');
    CHECK(excelHint.header == Rows{"name", "phone"});
    CHECK(excelHint.rows == Rows{"2:li|1,5"});  // Excel does not show the sep= line as a row
    CHECK(readCsv("a|b\n1|2\n", {.delimiter = '|'}).rows == Rows{"2:1|2"});
}

TEST_CASE("ragged rows are reported on the row, with their fields kept") {
    CsvFile file = readCsv("name,phone,city\nli,1\nwang,2,sh,extra\nzhao,3,bj,,\n");
    CHECK(file.rows == Rows{"2:li|1", "3:wang|2|sh|extra", "4:zhao|3|bj"});
    CHECK(file.problems ==
          Rows{"row 2 (line 2): has 2 fields where the header has 3; the missing ones are read as empty",
               "row 3 (line 3): has 4 fields where the header has 3; the values past column 3 have no column"});
    CsvFile noHeader = readCsv("li,1\nwang\n", {.header = false});
    CHECK(noHeader.rows == Rows{"1:li|1", "2:wang"});
    CHECK(noHeader.problems ==
          Rows{"row 2 (line 2): has 1 fields where the first row has 2; the missing ones are read as empty"});
}

TEST_CASE("a quote never closed is an error with the row and the line it opened on") {
    CsvFile file = readCsv("name,notes\nli,ok\nwang,\"first line\nsecond line");
    CHECK(file.error == "row 3 (line 3): the quoted field in column 2 has no closing quote (is the file cut off?)");
    CHECK(file.rows == Rows{"2:li|ok"});
    CHECK(readCsv("name,notes\r\nli,\"a\r\nb\r\n\"\"\r\n").error ==
          "row 2 (line 2): the quoted field in column 2 has no closing quote (is the file cut off?)");
}

TEST_CASE("10,000 columns are read; past 16,384 is an error") {
    std::string wide;
    for (int i = 0; i < 10000; i++) wide += (i ? "," : "") + std::to_string(i);
    CsvFile file = readCsv(wide + "\n" + wide + "\n");
    REQUIRE(file.error == "");
    CHECK(file.header.size() == 10000);
    CHECK(file.header[9999] == "9999");
    CHECK(file.rows.size() == 1);
    std::string tooWide(100000, ',');
    CHECK(readCsv(tooWide).error == "row 1 (line 1): has more than 16384 columns");
}

TEST_CASE("a field or row over the limits is an error, also before the file has all arrived") {
    std::string big(2 << 20, 'x');
    CHECK(readCsv("name,notes\nli," + big + "\n").error ==
          "row 2 (line 2): the field in column 2 is longer than 1048576 bytes");
    CHECK(readCsv("name,notes\nli,\"" + big, {}, 64 * 1024).error ==
          "row 2 (line 2): the field in column 2 is longer than 1048576 bytes");
    CHECK(readCsv("a,b\n" + std::string(100, 'x') + ",y\n", {.maxRecordBytes = 50}, 10).error ==
          "row 2 (line 2): the row is longer than 50 bytes");
}

TEST_CASE("empty files") {
    CHECK(readCsv("").error == "the file is empty");
    CHECK(readCsv("\xEF\xBB\xBF").error == "the file is empty");
    CHECK(readCsv("\r\n\r\n").error == "the file is empty");
    CsvFile headerOnly = readCsv("name,phone\r\n");
    CHECK(headerOnly.error == "");
    CHECK(headerOnly.header == Rows{"name", "phone"});
    CHECK(headerOnly.rows.empty());
}

TEST_CASE("binary junk and bad bytes stop the read with the row") {
    CHECK(readCsv(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)).error ==
          "this is a binary file, not text (CSV or vCard)");
    CHECK(readCsv("PK\x03\x04junk").error.find("Excel workbook (.xlsx)") != std::string::npos);
    CsvFile file = readCsv("name,city\n张三,北京\n李四,\xB1\xB1\xBE\xA9\n");  // a GBK row in a UTF-8 file
    CHECK(file.error == "row 3 (line 3): bytes B1 B1 BE A9 at offset 31 are not valid UTF-8");
    CHECK(file.rows == Rows{"2:张三|北京"});
}

TEST_CASE("Chinese Excel's GBK CSV and UTF-16 text") {
    // 姓名,手机,备注 / 张三,13800138000,"老客户, VIP" in GBK, as Excel's "CSV (逗号分隔)" saves it
    CsvFile gbk = readCsv("\xD0\xD5\xC3\xFB,\xCA\xD6\xBB\xFA,\xB1\xB8\xD7\xA2\r\n"
                          "\xD5\xC5\xC8\xFD,13800138000,\"\xC0\xCF\xBF\xCD\xBB\xA7, VIP\"\r\n");
    CHECK(gbk.error == "");
    CHECK(gbk.header == Rows{"姓名", "手机", "备注"});
    CHECK(gbk.rows == Rows{"2:张三|13800138000|老客户, VIP"});
    // Excel's "Unicode text": UTF-16LE with a BOM, tab-separated
    std::string utf16("\xFF\xFEn\0a\0m\0e\0\t\0c\0i\0t\0y\0\r\0\n\0\x4E\x67\t\0\x17\x53\xAC\x4E\r\0\n\0", 36);
    CsvFile unicode = readCsv(utf16);
    CHECK(unicode.error == "");
    CHECK(unicode.rows == Rows{"2:李|北京"});
}

TEST_CASE("reading in chunks of any size gives the same rows") {
    std::string text = "\xEF\xBB\xBFname;notes;city\r\n\"Wang; Fang\";\"line\r\nbreak \"\"q\"\"\";上海\r\n\r\nLi;;北京\r\n";
    CsvFile whole = readCsv(text);
    REQUIRE(whole.error == "");
    CHECK(whole.rows == Rows{"2:Wang; Fang|line\r\nbreak \"q\"|上海", "4:Li||北京"});
    for (size_t chunk : {1, 2, 3, 7, 64})
        CHECK(readCsv(text, {}, chunk).rows == whole.rows);
}

TEST_CASE("an Excel export: BOM, CRLF, multi-line notes, trailing delimiters") {
    CsvFile file = readCsv("\xEF\xBB\xBF"
                           "Name,Company,Phone,Notes,,\r\n"
                           "Ada Lovelace,Analytical Engines Ltd,+44 20 7946 0958,\"Met at the expo\n- follow up\",,\r\n"
                           "Grace Hopper,,+1 202 555 0143,,,\r\n");
    CHECK(file.error == "");
    CHECK(file.header == Rows{"Name", "Company", "Phone", "Notes", "", ""});
    CHECK(file.rows == Rows{"2:Ada Lovelace|Analytical Engines Ltd|+44 20 7946 0958|Met at the expo\n- follow up||",
                            "3:Grace Hopper||+1 202 555 0143|||"});
    CHECK(file.problems.empty());
}

TEST_CASE("100,000 rows read in 64 KiB chunks") {
    std::string text = "name,phone,city\r\n";
    for (int i = 0; i < 100000; i++)
        text += "客户" + std::to_string(i) + "," + std::to_string(13800000000LL + i) + ",\"深圳, 南山\"\r\n";
    CsvFile file = readCsv(text, {}, 64 * 1024);
    REQUIRE(file.error == "");
    REQUIRE(file.rows.size() == 100000);
    CHECK(file.rows.back() == "100001:客户99999|13800099999|深圳, 南山");
}

TEST_CASE("writing: what Excel needs, and formulas defused") {
    std::string out(core::kUtf8Bom);
    core::appendCsvRow(out, {"name", "phone", "notes"});
    core::appendCsvRow(out, {"Wang, Fang", "+86 138 0013 8000", "said \"hi\"\nbye"});
    core::appendCsvRow(out, {"=HYPERLINK(\"http://x\")", "-12.5", " padded"});
    core::appendCsvRow(out, {"@SUM(A1)", "+8613800138000", "\tx"});
    CHECK(out == "\xEF\xBB\xBF"
                 "name,phone,notes\r\n"
                 "\"Wang, Fang\",'+86 138 0013 8000,\"said \"\"hi\"\"\nbye\"\r\n"
                 "\"'=HYPERLINK(\"\"http://x\"\")\",-12.5,\" padded\"\r\n"
                 "'@SUM(A1),+8613800138000,'\tx\r\n");
    CsvFile back = readCsv(out);
    CHECK(back.rows == Rows{"2:Wang, Fang|'+86 138 0013 8000|said \"hi\"\nbye",
                            "3:'=HYPERLINK(\"http://x\")|-12.5| padded", "4:'@SUM(A1)|+8613800138000|'\tx"});
    std::string semicolons;
    core::appendCsvRow(semicolons, {"a;b", "c,d"}, ';');
    CHECK(semicolons == "\"a;b\";c,d\r\n");
}
