// Unit tests of PrefetchingSource, the ByteSource over slices that arrive later (the browser's File read with
// slice().arrayBuffer()): bytes come back whole and in order whatever order slices arrive in, memory stays at about
// two windows, an import waits (step() yields) while bytes are on their way, and a failed read stops the import
// with nothing written.
#include <doctest/doctest.h>

#include <algorithm>
#include <deque>

#include "core/customer_import.h"
#include "sync_devices.h"

using core::CustomerImport;
using core::PrefetchingSource;
using core::SliceReader;

namespace {

// Slices that arrive only when the test says so, newest request first (the browser gives no order).
struct SlowReader : SliceReader {
    struct Shared {
        std::string file;
        std::deque<std::pair<int64_t, size_t>> asked;
        std::deque<Slice> arrived;
        int64_t failAt = -1;  // a request at this offset fails
        size_t requests = 0;
    };
    explicit SlowReader(Shared& s) : s_(s) {}
    int64_t size() const override { return int64_t(s_.file.size()); }
    void request(int64_t offset, size_t length) override {
        s_.asked.emplace_back(offset, length);
        s_.requests++;
    }
    std::optional<Slice> take() override {
        if (s_.arrived.empty()) return std::nullopt;
        Slice slice = std::move(s_.arrived.front());
        s_.arrived.pop_front();
        return slice;
    }
    Shared& s_;
};

// Answers every request made so far, the newest first.
void deliver(SlowReader::Shared& s) {
    while (!s.asked.empty()) {
        auto [offset, length] = s.asked.back();
        s.asked.pop_back();
        if (offset == s.failAt) s.arrived.push_back({offset, "", "NotReadableError: the file changed"});
        else s.arrived.push_back({offset, s.file.substr(size_t(offset), length), ""});
    }
}

std::string csvOf(int rows) {
    std::string csv = "姓名,手机,城市\n";
    for (int i = 0; i < rows; i++)
        csv += "客户" + std::to_string(i) + ",139" + std::to_string(10000000 + i) + ",上海\n";
    return csv;
}

}  // namespace

TEST_CASE("slices arriving late and out of order read back as the file; memory stays within two windows") {
    SlowReader::Shared s;
    for (int i = 0; i < 200000; i++) s.file += char('a' + i % 26) + std::to_string(i);
    PrefetchingSource source(std::make_unique<SlowReader>(s), 32768, 131072);
    CHECK(s.requests == 4);  // the first window is asked for at once
    CHECK_FALSE(source.ready());
    CHECK_FALSE(source.windowFilled());
    std::string back;
    std::vector<char> chunk(30000);
    size_t most = 0;
    int waits = 0;
    for (;;) {
        if (!source.ready()) {
            waits++;
            deliver(s);
            continue;
        }
        size_t n = source.read(chunk.data(), chunk.size());
        if (n == 0) break;
        back.append(chunk.data(), n);
        most = std::max(most, source.bufferedBytes());
    }
    CHECK(back == s.file);
    CHECK(waits >= 5);  // it waited for slices many times
    CHECK(most <= 2 * 131072 + 32768);
    // Rewinding starts again from the first byte (asked for again when it was dropped).
    source.rewind();
    while (!source.ready()) deliver(s);
    CHECK(source.read(chunk.data(), 10) == 10);
    CHECK(std::string(chunk.data(), 10) == s.file.substr(0, 10));
}

TEST_CASE("an import from a streamed file waits for its bytes, then counts and commits as from memory") {
    synctest::Device d;
    SlowReader::Shared s;
    s.file = csvOf(20000);
    auto source = std::make_unique<PrefetchingSource>(std::make_unique<SlowReader>(s), 32768, 131072);
    while (!source->windowFilled()) deliver(s);
    CustomerImport import(d.crm, std::move(source), "big.csv", "u");
    INFO(import.fileError());
    REQUIRE(import.phase() == CustomerImport::Phase::Mapping);
    CHECK(import.mapping == std::vector<std::string>{"name", "phone", "city"});
    CHECK(import.preview().size() == 20);
    import.startDryRun();
    int yields = 0;
    while (import.step(1000)) {
        yields++;
        deliver(s);  // a frame later, the slices asked for have arrived
    }
    CHECK(yields >= 3);  // step() came back while bytes were on their way
    REQUIRE(import.phase() == CustomerImport::Phase::Reviewed);
    CHECK(import.counts().created == 20000);
    import.startCommit();
    while (import.step(1000)) deliver(s);
    CHECK(import.phase() == CustomerImport::Phase::Done);
    CHECK(d.crm.customers().count() == 20000);
}

TEST_CASE("a slice the browser cannot read stops the import: a clear reason, nothing written") {
    synctest::Device d;
    SlowReader::Shared s;
    s.file = csvOf(20000);
    s.failAt = 32768 * 8;
    auto source = std::make_unique<PrefetchingSource>(std::make_unique<SlowReader>(s), 32768, 131072);
    while (!source->windowFilled()) deliver(s);
    CustomerImport import(d.crm, std::move(source), "big.csv", "u");
    import.startDryRun();
    while (import.step(1000)) deliver(s);
    INFO(import.fileError());
    CHECK(import.phase() == CustomerImport::Phase::Failed);
    CHECK(import.fileError().find("the file changed") != std::string::npos);
    CHECK(d.crm.customers().count() == 0);
    CHECK(d.rows("change_log") == 0);
}
