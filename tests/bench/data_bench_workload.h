// The customer-data benchmark's workload (scripts/bench-data), shared by the native program (data_bench_native.cpp)
// and the wasm module (data_bench_browser.cpp) so both sides do exactly the same work on the same data:
//   import  a generated CSV of N customers (Chinese headers and names, phones, emails, cities, tags, notes) into a
//           fresh in-memory database through core::CustomerImport, as the import wizard drives it: open (format,
//           encoding, mapping suggestions), dry run, commit; each phase timed;
//   search  queries typed a character at a time; per keystroke what the list does: count the matches and read the
//           first page (60 rows) in name order; Chinese and Latin queries reported apart (p50 / p95 / max);
//   scroll  the 100k-row table sorted by name, by last update and by a custom field: the list's anchors
//           (keysEvery, once per sort) and then the page read a frame needs when it scrolls to a new place.
// The CSV is made from the customer's number, so both sides read the same bytes. Times are the core calls only.
// The generator, importCsv and giveEveryCustomerAValue also fill the real app for scripts/bench-list
// (src/app/bench_api_browser.cpp).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/crm.h"
#include "core/customer_import.h"

namespace databench {

inline double nowMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// ---- the data ----------------------------------------------------------------------------------------------------

inline const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"};
inline const char* const kGiven[] = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
                                     "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华"};
inline const char* const kLatin[] = {"Li Lei", "Han Meimei", "John Smith", "Maria Garcia", "Chen Wei", "Anna Müller",
                                     "David Brown", "Wang Fang"};
inline const char* const kCities[] = {"上海", "北京", "广州", "深圳", "杭州", "成都", "武汉", "南京", "Shanghai", "Beijing"};
inline const char* const kTags[] = {"vip", "老客户", "展会", "新客户", "distributor", ""};

// One CSV line per customer (RFC 4180, quoted where needed), UTF-8 without BOM as a modern Excel saves it.
inline std::string csvRow(int i) {
    std::string name = i % 3 == 2 ? std::string(kLatin[i % 8]) + " " + std::to_string(i)
                                  : std::string(kSurnames[i % 16]) + kGiven[(i / 16) % 24] + std::to_string(i % 1000);
    std::string phone = "13" + std::to_string(8 + i % 2) + std::to_string(10000000 + i);
    std::string company = "公司" + std::to_string(i % 5000) + "科技有限公司";
    return name + "," + company + "," + phone + ",customer" + std::to_string(i) + "@example.cn," + kCities[i % 10] +
           "," + kTags[i % 6] + ",\"Met at the trade fair, " + std::to_string(i % 365) + " days ago\"\r\n";
}

inline std::string csvFile(int count) {
    std::string out = "姓名,公司,手机,邮箱,城市,标签,备注\r\n";
    out.reserve(size_t(count) * 110);
    for (int i = 0; i < count; i++) out += csvRow(i);
    return out;
}

// ---- import ------------------------------------------------------------------------------------------------------

struct ImportResult {
    double openMs = 0, dryRunMs = 0, commitMs = 0;
    int64_t fileBytes = 0, created = 0, failed = 0;
};

inline ImportResult importCsv(core::Crm& crm, int count) {
    ImportResult r;
    std::string csv = csvFile(count);
    r.fileBytes = int64_t(csv.size());
    double t = nowMs();
    core::CustomerImport import(crm, std::make_unique<core::MemoryByteSource>(std::move(csv)), "customers.csv", "bench");
    r.openMs = nowMs() - t;
    if (import.phase() == core::CustomerImport::Phase::Failed) throw std::runtime_error(import.fileError());
    if (!import.mappingProblem().empty()) throw std::runtime_error(import.mappingProblem());
    t = nowMs();
    import.startDryRun();
    while (import.step(1e9)) {}
    r.dryRunMs = nowMs() - t;
    if (!import.canCommit()) throw std::runtime_error("the dry run found errors");
    t = nowMs();
    import.startCommit();
    while (import.step(1e9)) {}
    r.commitMs = nowMs() - t;
    if (import.phase() != core::CustomerImport::Phase::Done) throw std::runtime_error(import.fileError());
    r.created = import.counts().created;
    r.failed = import.counts().failed;
    return r;
}

// Every customer gets a value (0..96) of the number field `fieldId`, in one commit through the write path, so that
// sorting by it orders the whole table.
inline void giveEveryCustomerAValue(core::Crm& crm, const std::string& fieldId) {
    std::vector<core::RecordChange> values;
    storage::Statement ids = crm.database().prepare("SELECT id FROM customers WHERE deleted = 0");
    for (int i = 0; ids.step(); i++)
        values.push_back({"custom_value", core::customValueId(ids.text(0), fieldId),
                          {{"customer_id", ids.text(0)}, {"field_id", fieldId}, {"value", std::to_string(i % 97)}}});
    crm.writes().commit(values, "bench");
}

// ---- search as you type --------------------------------------------------------------------------------------------

struct Keystrokes {
    std::vector<double> chinese, latin;  // ms per keystroke
    int64_t lastMatches = 0;             // matches of the last full query (a sanity check)
};

inline const char* const kChineseQueries[] = {"王伟", "张秀英", "科技有限", "上海 李", "公司42"};
inline const char* const kLatinQueries[] = {"li lei", "customer1234", "13812345", "trade fair", "smith 20"};

// The prefixes a person produces typing `query`: one per character (UTF-8 code point).
inline std::vector<std::string> prefixes(const std::string& query) {
    std::vector<std::string> out;
    for (size_t i = 1; i <= query.size(); i++)
        if (i == query.size() || (uint8_t(query[i]) & 0xC0) != 0x80) out.push_back(query.substr(0, i));
    return out;
}

inline double keystroke(core::CustomerService& customers, const std::string& typed, int64_t* matches) {
    core::CustomerQuery q;
    q.filter.search = typed;
    double t = nowMs();
    int64_t n = customers.count(q.filter);
    core::CustomerPage page = customers.page(q, nullptr, 60);
    double ms = nowMs() - t;
    if (int64_t(page.rows.size()) != std::min<int64_t>(n, 60)) throw std::runtime_error("page and count disagree");
    if (matches) *matches = n;
    return ms;
}

inline Keystrokes typeQueries(core::CustomerService& customers) {
    Keystrokes k;
    for (const char* q : kChineseQueries)
        for (const std::string& p : prefixes(q)) k.chinese.push_back(keystroke(customers, p, &k.lastMatches));
    for (const char* q : kLatinQueries)
        for (const std::string& p : prefixes(q)) k.latin.push_back(keystroke(customers, p, &k.lastMatches));
    return k;
}

// ---- scrolling -----------------------------------------------------------------------------------------------------

struct Scroll {
    double anchorsMs = 0;       // keysEvery over the whole sorted table (once per sort or filter)
    std::vector<double> pages;  // ms per page read at a new scroll position (60 rows after an anchor)
};

inline Scroll scrollTable(core::CustomerService& customers, const core::CustomerOrder& order) {
    Scroll s;
    core::CustomerQuery q;
    q.order = order;
    double t = nowMs();
    std::vector<core::RowKey> anchors = customers.keysEvery(q, nullptr, 200, 1 << 20);
    s.anchorsMs = nowMs() - t;
    if (anchors.empty()) throw std::runtime_error("no anchors");
    // A drag of the scrollbar from top to bottom in 120 frames, each landing somewhere new.
    for (int frame = 0; frame < 120; frame++) {
        const core::RowKey& after = anchors[size_t(frame) * (anchors.size() - 1) / 119];
        t = nowMs();
        core::CustomerPage page = customers.page(q, &after, 60);
        s.pages.push_back(nowMs() - t);
        if (page.rows.empty() && frame < 119) throw std::runtime_error("an empty page mid-table");
    }
    return s;
}

// ---- one run -------------------------------------------------------------------------------------------------------

inline double percentile(std::vector<double> xs, double p) {
    std::sort(xs.begin(), xs.end());
    return xs.empty() ? 0 : xs[std::min(xs.size() - 1, size_t(p * double(xs.size())))];
}

inline std::string stats(const std::vector<double>& xs) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "{\"p50\":%.3f,\"p95\":%.3f,\"max\":%.3f,\"n\":%zu}", percentile(xs, 0.5),
                  percentile(xs, 0.95), percentile(xs, 1.0), xs.size());
    return buf;
}

// Imports `count` customers, then types and scrolls; returns one JSON object.
inline std::string run(int count) {
    core::SystemClock wall;
    storage::Database db(":memory:");
    core::Crm crm(db, wall);
    std::string visits = crm.customFields().add({.label = "Visits", .kind = core::CustomFieldKind::Number}, "bench");
    ImportResult imported = importCsv(crm, count);
    giveEveryCustomerAValue(crm, visits);
    crm.housekeeping();  // the app refreshes its search texts when idle; the table is then as a rep has it
    Keystrokes keys = typeQueries(crm.customers());
    Scroll byName = scrollTable(crm.customers(), {core::CustomerSort::Name, "", true});
    Scroll byUpdated = scrollTable(crm.customers(), {core::CustomerSort::UpdatedAt, "", false});
    Scroll byCustom = scrollTable(crm.customers(), {core::CustomerSort::Custom, visits, true});
    int64_t dbBytes = db.scalarInteger("PRAGMA page_count") * db.scalarInteger("PRAGMA page_size");
    char head[400];
    std::snprintf(head, sizeof head,
                  "{\"customers\":%d,\"fileBytes\":%lld,\"created\":%lld,\"failed\":%lld,\"dbBytes\":%lld,"
                  "\"openMs\":%.3f,\"dryRunMs\":%.3f,\"commitMs\":%.3f,",
                  count, (long long)imported.fileBytes, (long long)imported.created, (long long)imported.failed,
                  (long long)dbBytes, imported.openMs, imported.dryRunMs, imported.commitMs);
    char anchors[200];
    std::snprintf(anchors, sizeof anchors, "\"anchorsMs\":{\"name\":%.3f,\"updated\":%.3f,\"custom\":%.3f}",
                  byName.anchorsMs, byUpdated.anchorsMs, byCustom.anchorsMs);
    return std::string(head) + "\"searchChinese\":" + stats(keys.chinese) + ",\"searchLatin\":" + stats(keys.latin) +
           ",\"scrollName\":" + stats(byName.pages) + ",\"scrollUpdated\":" + stats(byUpdated.pages) +
           ",\"scrollCustom\":" + stats(byCustom.pages) + "," + anchors + "}";
}

}  // namespace databench
