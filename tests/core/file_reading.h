// Shared by the file-format tests: reading a whole file with a CsvReader or VcardReader fed in chunks, and printing
// lists of strings (rows, card fields, header mappings) when a check on them fails.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/file_problem.h"

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& list) {
        std::string out = "{";
        for (size_t i = 0; i < list.size(); i++) out += (i ? ", \"" : "\"") + list[i] + "\"";
        return (out + "}").c_str();
    }
};
}  // namespace doctest

// Feeds `bytes` to `reader` in chunks of `chunk` bytes (0: all at once), pulling records as they become ready and
// handing each to onRecord. Returns the FileFormatError's text, or "" when the file was read to its end.
template <class Record, class Reader, class OnRecord>
std::string readInChunks(Reader& reader, std::string_view bytes, size_t chunk, OnRecord onRecord) {
    Record record;
    auto drain = [&] {
        while (reader.next(record)) onRecord(record);
    };
    try {
        for (size_t i = 0; chunk && i < bytes.size(); i += chunk) {
            reader.feed(bytes.substr(i, chunk));
            drain();
        }
        if (!chunk) reader.feed(bytes);
        reader.finish();
        drain();
        CHECK(reader.done());
    } catch (const core::FileFormatError& e) {
        return e.what();
    }
    return "";
}
