// CustomerImport: format detection, one row reader per format, the row-to-customer mapping with its checks, and
// the dry-run and commit passes (a chunk of the file per step, commit through one WritePath::Batch).
//
// Index: byte sources · row readers (CSV, vCard, JSON) · opening and mapping · a row · passes
#include "core/customer_import.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/crm.h"
#include "core/csv.h"
#include "core/customer_fields.h"
#include "core/import_mapping.h"
#include "core/uuid.h"
#include "core/vcard.h"

namespace core {

// ---- byte sources ----------------------------------------------------------------------------------------------

size_t MemoryByteSource::read(char* out, size_t n) {
    size_t k = std::min(n, bytes_.size() - pos_);
    std::copy_n(bytes_.data() + pos_, k, out);
    pos_ += k;
    return k;
}

namespace {

class FileSource : public ByteSource {
public:
    explicit FileSource(const std::string& path) : in_(path, std::ios::binary) {
        if (!in_) throw std::runtime_error("cannot open " + path);
        in_.seekg(0, std::ios::end);
        size_ = int64_t(in_.tellg());
        in_.seekg(0);
    }
    size_t read(char* out, size_t n) override {
        in_.read(out, std::streamsize(n));
        return size_t(in_.gcount());
    }
    void rewind() override {
        in_.clear();
        in_.seekg(0);
    }
    int64_t size() const override { return size_; }

private:
    std::ifstream in_;
    int64_t size_ = 0;
};

}  // namespace

std::unique_ptr<ByteSource> openFileSource(const std::string& path) { return std::make_unique<FileSource>(path); }

PrefetchingSource::PrefetchingSource(std::unique_ptr<SliceReader> reader, size_t sliceBytes, size_t windowBytes)
    : reader_(std::move(reader)), sliceBytes_(std::max<size_t>(sliceBytes, 1)),
      windowBytes_(std::max({windowBytes, sliceBytes_, kMinimumWindow})), size_(reader_->size()) {
    pump();
}

void PrefetchingSource::pump() {
    while (std::optional<SliceReader::Slice> slice = reader_->take()) {
        pending_.erase(slice->offset);
        if (!slice->error.empty()) error_ = slice->error;
        // Kept only while it is still within a window of the read position (one asked for before a rewind may not be).
        int64_t end = slice->offset + int64_t(slice->bytes.size());
        if (slice->error.empty() && end > pos_ - int64_t(windowBytes_) && slice->offset < pos_ + int64_t(windowBytes_))
            slices_[slice->offset] = std::move(slice->bytes);
    }
    // A window behind the read position stays too: reading the start again (rewind after the preview) costs nothing.
    while (!slices_.empty() && slices_.begin()->first + int64_t(slices_.begin()->second.size()) <= pos_ - int64_t(windowBytes_))
        slices_.erase(slices_.begin());
    if (!error_.empty()) return;
    int64_t first = pos_ / int64_t(sliceBytes_) * int64_t(sliceBytes_);
    for (int64_t at = first; at < size_ && at < pos_ + int64_t(windowBytes_); at += int64_t(sliceBytes_)) {
        if (slices_.count(at) || pending_.count(at)) continue;
        pending_.insert(at);
        reader_->request(at, size_t(std::min<int64_t>(int64_t(sliceBytes_), size_ - at)));
    }
}

bool PrefetchingSource::ready() {
    pump();
    if (!error_.empty() || pos_ >= size_) return true;  // read() then says why, or that the file ended
    auto it = slices_.upper_bound(pos_);
    return it != slices_.begin() && std::prev(it)->first + int64_t(std::prev(it)->second.size()) > pos_;
}

bool PrefetchingSource::windowFilled() {
    pump();
    if (!error_.empty()) return true;
    int64_t until = std::min(size_, pos_ + int64_t(windowBytes_));
    for (int64_t at = pos_; at < until;) {
        auto it = slices_.upper_bound(at);
        if (it == slices_.begin()) return false;
        --it;
        int64_t end = it->first + int64_t(it->second.size());
        if (end <= at) return false;
        at = end;
    }
    return true;
}

size_t PrefetchingSource::bufferedBytes() const {
    size_t total = 0;
    for (const auto& [offset, bytes] : slices_) total += bytes.size();
    return total;
}

size_t PrefetchingSource::read(char* out, size_t n) {
    if (!ready()) throw std::logic_error("PrefetchingSource::read before its bytes arrived (check ready() first)");
    if (!error_.empty()) throw std::runtime_error("the file could not be read: " + error_);
    if (pos_ >= size_ || n == 0) return 0;
    auto it = std::prev(slices_.upper_bound(pos_));
    size_t from = size_t(pos_ - it->first);
    size_t k = std::min(n, it->second.size() - from);
    std::copy_n(it->second.data() + from, k, out);
    pos_ += int64_t(k);
    pump();
    return k;
}

void PrefetchingSource::rewind() {
    pos_ = 0;
    pump();
}

const char* importFormatName(ImportFormat format) {
    switch (format) {
        case ImportFormat::Csv: return "CSV";
        case ImportFormat::Vcard: return "vCard";
        case ImportFormat::Json: return "JSON";
    }
    return "CSV";
}

const std::vector<std::string>& importTargetFields() {
    static const std::vector<std::string> fields = {
        "name",     "company",  "title",   "phone",   "other_phones", "email",         "other_emails",
        "country",  "province", "city",    "district", "address",     "source",        "owner",
        "tags",     "notes",    "consent_email", "consent_sms", "consent_phone", "consent_wechat"};
    return fields;
}

// Fields several columns may fill: their cells are joined.
static bool isListField(const std::string& field) {
    return field == "other_phones" || field == "other_emails" || field == "tags";
}

// ---- row readers -----------------------------------------------------------------------------------------------

namespace {

constexpr size_t kChunkBytes = 256 * 1024;

// A reader turns the bytes fed to it into rows of cells, one per column.
class RowReader {
public:
    virtual ~RowReader() = default;
    virtual void feed(std::string_view bytes) = 0;
    virtual void finish() = 0;
    // The next row; false when more bytes are needed or the file is done. Throws FileFormatError.
    virtual bool next(std::vector<std::string>& cells, int64_t& row, std::vector<FileProblem>& problems) = 0;
    virtual bool done() const = 0;
    virtual std::vector<std::string> columns() const = 0;
    virtual std::string encoding() const = 0;
    virtual char delimiter() const { return 0; }
};

class CsvRows : public RowReader {
public:
    void feed(std::string_view bytes) override { reader_.feed(bytes); }
    void finish() override { reader_.finish(); }
    bool next(std::vector<std::string>& cells, int64_t& row, std::vector<FileProblem>& problems) override {
        if (!reader_.next(record_)) return false;
        cells.assign(record_.size(), std::string());
        for (size_t i = 0; i < record_.size(); i++) cells[i] = std::string(record_[i]);
        row = record_.row;
        if (record_.problem) problems.push_back(*record_.problem);
        return true;
    }
    bool done() const override { return reader_.done(); }
    std::vector<std::string> columns() const override { return reader_.header(); }
    std::string encoding() const override { return encodingName(reader_.encoding()); }
    char delimiter() const override { return reader_.delimiter(); }

private:
    CsvReader reader_;
    CsvRecord record_;
};

// Cards flattened into the columns below (further phones and emails in their own columns).
const std::vector<std::string> kVcardColumns = {"name",    "company", "title",   "phone",  "phone 2", "phone 3",
                                                "email",   "email 2", "country", "province", "city",  "street",
                                                "postal_code", "notes", "tags",  "birthday", "url"};

class VcardRows : public RowReader {
public:
    void feed(std::string_view bytes) override { reader_.feed(bytes); }
    void finish() override { reader_.finish(); }
    bool next(std::vector<std::string>& cells, int64_t& row, std::vector<FileProblem>& problems) override {
        ContactCard card;
        if (!reader_.next(card)) return false;
        auto nth = [&](const char* field, size_t i) -> std::string {
            auto it = card.fields.find(field);
            return it != card.fields.end() && i < it->second.size() ? it->second[i].text : std::string();
        };
        std::string tags;
        if (auto it = card.fields.find("tags"); it != card.fields.end())
            for (const CardValue& v : it->second) tags += (tags.empty() ? "" : ", ") + v.text;
        cells = {card.first("name"),    card.first("company"),  card.first("title"),   nth("phone", 0),
                 nth("phone", 1),       nth("phone", 2),        nth("email", 0),       nth("email", 1),
                 card.first("country"), card.first("province"), card.first("city"),    card.first("street"),
                 card.first("postal_code"), card.first("notes"), tags,                 card.first("birthday"),
                 card.first("url")};
        row = card.number;
        problems = card.problems;
        return true;
    }
    bool done() const override { return reader_.done(); }
    std::vector<std::string> columns() const override { return kVcardColumns; }
    std::string encoding() const override { return encodingName(reader_.encoding()); }

private:
    VcardReader reader_;
};

// Our JSON (customer_export.cpp): a first line naming the format and the custom fields, then one customer object
// per line, so it is read line by line. Pretty-printed copies of it are read whole (up to 64 MiB).
class JsonRows : public RowReader {
public:
    void feed(std::string_view bytes) override {
        if (whole_) wholeText_.append(bytes);
        else buffer_.append(bytes);
        if (!whole_ && wholeText_.size() + buffer_.size() > (64u << 20) && !headerRead_)
            throw FileFormatError({0, 1, "json_header", "this is not a FieldCRM customer file"});
    }
    void finish() override { finished_ = true; }
    bool next(std::vector<std::string>& cells, int64_t& row, std::vector<FileProblem>&) override {
        for (;;) {
            if (whole_) return nextFromWhole(cells, row);
            size_t eol = buffer_.find('\n', pos_);
            if (eol == std::string::npos && !finished_) {
                buffer_.erase(0, pos_);
                pos_ = 0;
                return false;
            }
            std::string line = buffer_.substr(pos_, eol == std::string::npos ? std::string::npos : eol - pos_);
            pos_ = eol == std::string::npos ? buffer_.size() : eol + 1;
            line_++;
            while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == ',')) line.pop_back();
            if (!headerRead_) {
                if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
                if (!readHeader(line)) {
                    // Not our line layout: read the whole document instead.
                    whole_ = true;
                    wholeText_ = line + "\n" + buffer_.substr(pos_);
                    buffer_.clear();
                    continue;
                }
                continue;
            }
            if (line.empty()) {
                if (eol == std::string::npos && finished_) return doneReading();
                continue;
            }
            if (line == "]}" || line == "]" ) {
                ended_ = true;
                continue;
            }
            nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
            if (!object.is_object())
                throw FileFormatError({row_ + 1, line_, "json_syntax", "this line is not a customer record (JSON object)"});
            cells = cellsOf(object);
            row = ++row_;
            return true;
        }
    }
    bool done() const override { return done_; }
    std::vector<std::string> columns() const override { return columns_; }
    std::string encoding() const override { return "UTF-8"; }

private:
    bool readHeader(const std::string& line) {
        if (line.empty() && !finished_) return true;
        nlohmann::json header = nlohmann::json::parse(line + "]}", nullptr, false);
        if (!header.is_object() || header.value("format", "") != "fieldcrm-customers") return false;
        headerRead_ = true;
        columns_ = importTargetFields();
        if (header.contains("custom_fields") && header["custom_fields"].is_array())
            for (const nlohmann::json& f : header["custom_fields"])
                if (f.is_object() && f.contains("label") && f["label"].is_string())
                    columns_.push_back("custom:" + f["label"].get<std::string>());
        return true;
    }
    bool doneReading() {
        if (!headerRead_) throw FileFormatError({0, 0, "empty", "the file is empty"});
        if (!ended_) throw FileFormatError({0, line_, "truncated", "the file ends early (it was cut off)"});
        done_ = true;
        return false;
    }
    bool nextFromWhole(std::vector<std::string>& cells, int64_t& row) {
        if (!finished_) return false;
        if (!parsed_) {
            parsed_ = true;
            if (wholeText_.size() > (64u << 20))
                throw FileFormatError({0, 0, "too_large", "a JSON file not written by FieldCRM is read whole: at most 64 MB"});
            nlohmann::json doc = nlohmann::json::parse(wholeText_, nullptr, false);
            wholeText_.clear();
            if (doc.is_discarded()) throw FileFormatError({0, 0, "json_syntax", "the file is not valid JSON"});
            if (!doc.is_object() || doc.value("format", "") != "fieldcrm-customers" || !doc.contains("customers") ||
                !doc["customers"].is_array())
                throw FileFormatError({0, 0, "json_format", "this JSON file is not a FieldCRM customer export"});
            nlohmann::json header = doc;
            header.erase("customers");
            std::string line = header.dump();
            line.pop_back();  // readHeader appends "]}"
            headerRead_ = false;
            readHeader(line + ",\"customers\":[");
            all_ = std::move(doc["customers"]);
        }
        if (index_ >= all_.size()) {
            done_ = true;
            return false;
        }
        const nlohmann::json& object = all_[index_++];
        if (!object.is_object())
            throw FileFormatError({int64_t(index_), 0, "json_syntax", "a customer entry is not an object"});
        cells = cellsOf(object);
        row = int64_t(index_);
        return true;
    }
    std::vector<std::string> cellsOf(const nlohmann::json& object) const {
        std::vector<std::string> cells(columns_.size());
        for (size_t i = 0; i < columns_.size(); i++) {
            const std::string& key = columns_[i];
            const nlohmann::json* v = nullptr;
            if (key.rfind("custom:", 0) == 0) {
                auto custom = object.find("custom");
                if (custom != object.end() && custom->is_object()) {
                    auto it = custom->find(key.substr(7));
                    if (it != custom->end()) v = &*it;
                }
            } else if (auto it = object.find(key); it != object.end()) {
                v = &*it;
            }
            if (!v || v->is_null()) continue;
            cells[i] = v->is_string() ? v->get<std::string>() : v->dump();
        }
        return cells;
    }

    std::string buffer_, wholeText_;
    size_t pos_ = 0;
    int64_t line_ = 0, row_ = 0;
    bool headerRead_ = false, finished_ = false, ended_ = false, done_ = false, whole_ = false, parsed_ = false;
    std::vector<std::string> columns_;
    nlohmann::json all_;
    size_t index_ = 0;
};

std::string lowerAscii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return s;
}

bool endsWith(const std::string& s, const char* suffix) {
    std::string tail = suffix;
    return s.size() >= tail.size() && lowerAscii(s.substr(s.size() - tail.size())) == tail;
}

ImportFormat detectFormat(const std::string& fileName, std::string_view head) {
    if (endsWith(fileName, ".vcf") || endsWith(fileName, ".vcard")) return ImportFormat::Vcard;
    if (endsWith(fileName, ".json")) return ImportFormat::Json;
    if (endsWith(fileName, ".csv") || endsWith(fileName, ".tsv") || endsWith(fileName, ".txt")) return ImportFormat::Csv;
    std::string start = lowerAscii(std::string(head.substr(0, 64)));
    if (start.find("begin:vcard") != std::string::npos) return ImportFormat::Vcard;
    size_t i = start.find_first_not_of(" \r\n\t\xef\xbb\xbf");
    if (i != std::string::npos && start[i] == '{') return ImportFormat::Json;
    return ImportFormat::Csv;
}

std::unique_ptr<RowReader> makeReader(ImportFormat format) {
    switch (format) {
        case ImportFormat::Csv: return std::make_unique<CsvRows>();
        case ImportFormat::Vcard: return std::make_unique<VcardRows>();
        case ImportFormat::Json: return std::make_unique<JsonRows>();
    }
    return nullptr;
}

std::string today() {
    std::time_t now = std::time(nullptr);
    std::tm t{};
    gmtime_r(&now, &t);
    char out[16];
    std::strftime(out, sizeof out, "%Y-%m-%d", &t);
    return out;
}

// A source channel as files write it (code, English or Chinese name), or "" when it is none we know.
std::string sourceCode(const std::string& typed) {
    static const std::map<std::string, std::string> names = {
        {"web form", "web_form"}, {"website", "web_form"}, {"web", "web_form"}, {"网站", "web_form"},
        {"网站表单", "web_form"}, {"官网", "web_form"},     {"trade show", "event"}, {"exhibition", "event"},
        {"展会", "event"},        {"活动", "event"},        {"会议", "event"},        {"转介绍", "referral"},
        {"介绍", "referral"},     {"推荐", "referral"},     {"客户推荐", "referral"}, {"social media", "social"},
        {"社交媒体", "social"},   {"微信", "social"},       {"微博", "social"},       {"ads", "advertising"},
        {"ad", "advertising"},    {"广告", "advertising"},  {"cold call", "cold_call"}, {"电话", "cold_call"},
        {"陌拜", "cold_call"},    {"电话营销", "cold_call"}, {"导入", "import"},      {"其他", "other"},
        {"其它", "other"}};
    std::string t = lowerAscii(trimmed(typed));
    for (const std::string& code : kSourceChannels)
        if (t == code) return code;
    std::string spaced = t;
    std::replace(spaced.begin(), spaced.end(), '_', ' ');
    for (const std::string& code : kSourceChannels) {
        std::string name = code;
        std::replace(name.begin(), name.end(), '_', ' ');
        if (spaced == name) return code;
    }
    auto it = names.find(t);
    return it == names.end() ? "" : it->second;
}

// "yes", "是", "同意", "1", "yes:2026-01-02" … as a stored consent, or nullopt when it means nothing we know.
std::optional<std::string> consentValue(const std::string& typed) {
    std::string t = lowerAscii(trimmed(typed));
    Consent parsed = Consent::parse(t);
    if (parsed.state != Consent::State::Unknown) return parsed.stored();
    static const std::set<std::string> yes = {"yes", "y", "true", "1", "是", "同意", "允许", "订阅", "opt-in", "opted in"};
    static const std::set<std::string> no = {"no", "n", "false", "0", "否", "不同意", "拒绝", "退订", "opt-out", "opted out"};
    if (yes.count(t)) return "yes:" + today();
    if (no.count(t)) return "no:" + today();
    return std::nullopt;
}

}  // namespace

// ---- passes ------------------------------------------------------------------------------------------------------

struct CustomerImport::Pass {
    bool commit = false;
    std::unique_ptr<RowReader> reader;
    std::vector<char> chunk = std::vector<char>(kChunkBytes);
    int64_t bytesRead = 0;
    bool fed = false;  // all bytes were fed
    CustomerService::Rules rules;
    std::vector<std::string> customIds;  // per column: the custom field id of a "custom:<id>" target
    std::unordered_map<std::string, std::string> companies;  // lower-case name -> id (existing and created)
    std::unordered_map<std::string, int64_t> seenPhones, seenEmails;  // earlier rows of this file
    std::vector<RecordChange> pending;
    std::set<std::string> createdTags;
    std::unique_ptr<WritePath::Batch> batch;
    std::unique_ptr<storage::Statement> byPhone, byEmail;
};

CustomerImport::CustomerImport(Crm& crm, std::unique_ptr<ByteSource> source, const std::string& fileName,
                               const std::string& user)
    : crm_(crm), source_(std::move(source)), user_(user) {
    try {
        readHead(fileName);
    } catch (const FileFormatError& e) {
        fail(e.what());
    } catch (const std::exception& e) {
        fail(std::string("the file cannot be read: ") + e.what());
    }
}

CustomerImport::~CustomerImport() = default;

void CustomerImport::fail(const std::string& why) {
    fileError_ = why;
    phase_ = Phase::Failed;
    pass_.reset();  // an open batch rolls back
}

// The header names of our own CSV export and of the fields themselves, for the columns the suggestions leave out.
static std::string fieldNamed(const std::string& header) {
    std::string h = lowerAscii(trimmed(header));
    std::replace(h.begin(), h.end(), '_', ' ');
    for (const std::string& field : importTargetFields()) {
        std::string name = field;
        std::replace(name.begin(), name.end(), '_', ' ');
        if (h == name) return field;
    }
    static const std::map<std::string, std::string> more = {
        {"job title", "title"}, {"职位", "title"}, {"职务", "title"}, {"其他电话", "other_phones"},
        {"其他邮箱", "other_emails"}, {"phone 2", "other_phones"}, {"phone 3", "other_phones"},
        {"email 2", "other_emails"}, {"street", "address"}, {"区县", "district"}, {"省份", "province"}};
    auto it = more.find(h);
    return it == more.end() ? "" : it->second;
}

// The first chunks: format, columns, up to 20 preview rows, and the suggested mapping.
void CustomerImport::readHead(const std::string& fileName) {
    std::string head(size_t(std::min<int64_t>(source_->size(), 64 * 1024)), '\0');
    source_->rewind();
    if (!source_->ready()) throw std::logic_error("the file's first bytes have not arrived yet");
    head.resize(source_->read(head.data(), head.size()));
    source_->rewind();
    if (head.empty()) throw FileFormatError({0, 0, "empty", "the file is empty"});
    format_ = detectFormat(fileName, head);

    std::unique_ptr<RowReader> reader = makeReader(format_);
    std::vector<char> chunk(kChunkBytes);
    std::vector<std::string> cells;
    std::vector<FileProblem> problems;
    int64_t row = 0;
    while (preview_.size() < 20 && !reader->done()) {
        if (reader->next(cells, row, problems)) {
            preview_.push_back(cells);
            continue;
        }
        if (reader->done()) break;
        if (!source_->ready()) break;  // a streamed file: the preview shows the rows that are here
        size_t n = source_->read(chunk.data(), chunk.size());
        if (n == 0) reader->finish();
        else reader->feed(std::string_view(chunk.data(), n));
    }
    source_->rewind();
    columns_ = reader->columns();
    encoding_ = reader->encoding();
    delimiter_ = reader->delimiter();
    if (columns_.empty()) throw FileFormatError({0, 0, "no_columns", "the file has no columns"});

    std::vector<CustomField> custom = crm_.customFields().list();
    mapping = format_ == ImportFormat::Csv ? suggestColumnFields(columns_) : std::vector<std::string>(columns_.size());
    std::set<std::string> taken(mapping.begin(), mapping.end());
    for (size_t i = 0; i < columns_.size(); i++) {
        if (!mapping[i].empty()) continue;
        std::string label = columns_[i].rfind("custom:", 0) == 0 ? columns_[i].substr(7) : columns_[i];
        for (const CustomField& f : custom)
            if (lowerAscii(trimmed(f.label)) == lowerAscii(trimmed(label))) mapping[i] = "custom:" + f.id;
        if (!mapping[i].empty()) continue;
        std::string field = fieldNamed(columns_[i]);
        if (!field.empty() && (isListField(field) || !taken.count(field))) {
            mapping[i] = field;
            taken.insert(field);
        }
    }
}

std::string CustomerImport::mappingProblem() const {
    if (mapping.size() != columns_.size()) return "the mapping does not match the file's columns";
    std::set<std::string> seen;
    bool name = false;
    for (const std::string& field : mapping) {
        if (field.empty()) continue;
        bool known = std::find(importTargetFields().begin(), importTargetFields().end(), field) !=
                     importTargetFields().end();
        if (!known && field.rfind("custom:", 0) != 0) return "\"" + field + "\" is not a customer field";
        if (!isListField(field) && !seen.insert(field).second) return "two columns fill \"" + field + "\"";
        name = name || field == "name";
    }
    if (!name) return "choose the column that holds the customer's name";
    return "";
}

void CustomerImport::startDryRun() {
    if (phase_ != Phase::Mapping && phase_ != Phase::Reviewed) return;
    if (!mappingProblem().empty()) return;
    pass_ = std::make_unique<Pass>();
    phase_ = Phase::DryRun;
}

bool CustomerImport::canCommit() const {
    return phase_ == Phase::Reviewed && (errorCount_ == 0 || skipRowsWithErrors) &&
           counts_.created + counts_.updated > 0;
}

void CustomerImport::startCommit() {
    if (!canCommit()) return;
    pass_ = std::make_unique<Pass>();
    pass_->commit = true;
    phase_ = Phase::Committing;
}

void CustomerImport::cancel() {
    if (phase_ == Phase::Committing || phase_ == Phase::DryRun) {
        pass_.reset();  // rolls the batch back
        phase_ = Phase::Mapping;
        counts_ = {};
        errors_.clear();
        errorCount_ = 0;
    }
}

double CustomerImport::progress() const {
    if (phase_ == Phase::Done || phase_ == Phase::Reviewed) return 1;
    if (!pass_ || source_->size() == 0) return 0;
    return std::min(1.0, double(pass_->bytesRead) / double(source_->size()));
}

// Everything a pass needs from the database, read once at its start.
bool CustomerImport::step(double budgetMs) {
    if (phase_ != Phase::DryRun && phase_ != Phase::Committing) return false;
    using clock = std::chrono::steady_clock;
    auto start = clock::now();
    auto elapsedMs = [&] { return std::chrono::duration<double, std::milli>(clock::now() - start).count(); };
    Pass& p = *pass_;
    try {
        if (!p.reader) {
            p.reader = makeReader(format_);
            source_->rewind();
            p.rules = crm_.customers().rules();
            storage::Database& db = crm_.database();
            storage::Statement companies = db.prepare("SELECT id, name FROM companies WHERE deleted = 0 ORDER BY id DESC");
            while (companies.step()) p.companies[lowerAscii(companies.text(1))] = companies.text(0);
            p.byPhone = std::make_unique<storage::Statement>(
                db.prepare("SELECT id FROM customers WHERE deleted = 0 AND phone = ? ORDER BY id LIMIT 1"));
            p.byEmail = std::make_unique<storage::Statement>(
                db.prepare("SELECT id FROM customers WHERE deleted = 0 AND email = ? COLLATE NOCASE ORDER BY id LIMIT 1"));
            // The commit pass knows from the dry run how many rows are coming: its maps are sized once.
            p.seenPhones.reserve(size_t(counts_.created));
            p.seenEmails.reserve(size_t(counts_.created));
            counts_ = {};
            errors_.clear();
            errorCount_ = 0;
            if (p.commit) p.batch = std::make_unique<WritePath::Batch>(crm_.writes());
        }
        std::vector<std::string> cells;
        std::vector<FileProblem> problems;
        int64_t row = 0;
        int rows = 0;
        bool readChunk = false;
        for (;;) {
            problems.clear();
            if (p.reader->next(cells, row, problems)) {
                processRow(cells, row, problems);
                if (phase_ == Phase::Failed) return false;
                if (++rows % 64 == 0 && elapsedMs() > budgetMs) return true;
                continue;
            }
            if (p.reader->done()) break;
            if (p.fed) throw FileFormatError({0, 0, "truncated", "the file ends early (it was cut off)"});
            if (readChunk && elapsedMs() > budgetMs) return true;  // at least one chunk per step
            if (!source_->ready()) return true;  // the next bytes are on their way: come back next frame
            readChunk = true;
            size_t n = source_->read(p.chunk.data(), p.chunk.size());
            p.bytesRead += int64_t(n);
            if (n == 0) {
                p.reader->finish();
                p.fed = true;
            } else {
                p.reader->feed(std::string_view(p.chunk.data(), n));
            }
        }
        if (counts_.rows == 0) throw FileFormatError({0, 0, "no_rows", "the file has no customer rows"});
        if (p.commit) {
            if (!p.pending.empty()) p.batch->add(p.pending, user_);
            p.batch->commit();
            pass_.reset();
            phase_ = Phase::Done;
        } else {
            pass_.reset();
            phase_ = Phase::Reviewed;
        }
    } catch (const FileFormatError& e) {
        fail(e.what());
    } catch (const std::exception& e) {
        fail(std::string("the import stopped and nothing was written: ") + e.what());
    }
    return false;
}

// ---- a row -------------------------------------------------------------------------------------------------------

namespace {

// Puts the row's mapped cells into `c` (list fields are added to what it has); problems go to `errors`.
void applyCells(Customer& c, const std::vector<std::string>& mapping, const std::vector<std::string>& cells,
                std::vector<FieldError>& errors) {
    for (size_t i = 0; i < mapping.size() && i < cells.size(); i++) {
        const std::string& field = mapping[i];
        std::string value = trimmed(cells[i]);
        if (field.empty() || value.empty()) continue;
        // A leading apostrophe is how CSV writers (ours included) keep Excel from running "=…" or "+…" as a formula.
        if (value.size() > 1 && value[0] == '\'' && std::string_view("=+-@").find(value[1]) != std::string_view::npos)
            value.erase(0, 1);
        auto append = [&](std::string& to, const char* separator) { to += (to.empty() ? "" : separator) + value; };
        if (field == "name") c.name = value;
        else if (field == "company") c.company = value, c.companyId.clear();
        else if (field == "title") c.title = value;
        else if (field == "phone") c.phone = value;
        else if (field == "other_phones") append(c.otherPhones, "\n");
        else if (field == "email") c.email = value;
        else if (field == "other_emails") append(c.otherEmails, "\n");
        else if (field == "country") c.country = value;
        else if (field == "province") c.province = value;
        else if (field == "city") c.city = value;
        else if (field == "district") c.district = value;
        else if (field == "address") c.address = value;
        else if (field == "owner") c.owner = value;
        else if (field == "tags") append(c.tags, ", ");
        else if (field == "notes") c.notes = cells[i];
        else if (field == "source") {
            std::string code = sourceCode(value);
            if (code.empty()) errors.push_back({field, "unknown_source", "\"" + value + "\" is not a source channel we know"});
            else c.source = code;
        } else if (field.rfind("consent_", 0) == 0) {
            std::optional<std::string> consent = consentValue(value);
            if (!consent) errors.push_back({field, "consent_syntax", "\"" + value + "\" is neither yes nor no"});
            else c.consent[field.substr(8)] = *consent;
        } else if (field.rfind("custom:", 0) == 0) {
            c.custom[field.substr(7)] = value;
        }
    }
}

}  // namespace

void CustomerImport::processRow(const std::vector<std::string>& cells, int64_t row,
                                const std::vector<FileProblem>& problems) {
    Pass& p = *pass_;
    CustomerService& customers = crm_.customers();
    counts_.rows++;
    Customer c;
    std::vector<FieldError> rowErrors;
    for (const FileProblem& problem : problems) rowErrors.push_back({"", problem.code, problem.message});
    applyCells(c, mapping, cells, rowErrors);
    CustomerService::normalize(c, p.rules);
    for (FieldError& e : customers.validate(c, p.rules)) rowErrors.push_back(std::move(e));
    if (!rowErrors.empty()) {
        counts_.failed++;
        errorCount_ += int64_t(rowErrors.size());
        for (const FieldError& e : rowErrors)
            if (errors_.size() < 10000)
                errors_.push_back({row, e.field, e.field.empty() ? e.message : e.field + " " + e.message});
        if (p.commit && !skipRowsWithErrors) throw std::runtime_error("row " + std::to_string(row) + " has errors");
        return;
    }

    // Duplicates: a customer here, or an earlier row of the file, with the same phone or email.
    std::string existing;
    bool earlierRow = false;
    std::string emailKey = lowerAscii(c.email);
    if (!c.phone.empty()) {
        p.byPhone->reset();
        p.byPhone->bind(1, c.phone);
        if (p.byPhone->step()) existing = p.byPhone->text(0);
        earlierRow = p.seenPhones.count(c.phone) > 0;
    }
    if (existing.empty() && !c.email.empty()) {
        p.byEmail->reset();
        p.byEmail->bind(1, c.email);
        if (p.byEmail->step()) existing = p.byEmail->text(0);
        earlierRow = earlierRow || p.seenEmails.count(emailKey) > 0;
    }
    if ((!existing.empty() || earlierRow) && duplicates != DuplicatePolicy::Create) {
        if (duplicates == DuplicatePolicy::Skip || existing.empty()) {
            counts_.duplicates++;
            return;
        }
        std::optional<Customer> stored = customers.get(existing);
        if (!stored) return;
        Customer merged = *stored;
        std::vector<FieldError> ignored;
        applyCells(merged, mapping, cells, ignored);
        customers.prepare(merged);
        std::vector<FieldError> errors = customers.validate(merged, p.rules);
        if (!errors.empty()) {
            counts_.failed++;
            errorCount_ += int64_t(errors.size());
            for (const FieldError& e : errors)
                if (errors_.size() < 10000) errors_.push_back({row, e.field, e.field + " " + e.message});
            if (p.commit && !skipRowsWithErrors) throw std::runtime_error("row " + std::to_string(row) + " has errors");
            return;
        }
        counts_.updated++;
        if (p.commit) customers.appendUpdate(*stored, merged, p.pending, &p.createdTags);
    } else {
        // A new customer; its company is linked by name, or created once for all rows that name it.
        if (!c.company.empty()) {
            std::string key = lowerAscii(c.company);
            auto it = p.companies.find(key);
            if (it == p.companies.end()) {
                it = p.companies.emplace(key, newUuid()).first;
                counts_.companies++;
                if (p.commit) p.pending.push_back({"company", it->second, {{"name", c.company}}, true});
            }
            c.companyId = it->second;
        }
        counts_.created++;
        if (!c.phone.empty()) p.seenPhones.emplace(c.phone, row);
        if (!c.email.empty()) p.seenEmails.emplace(emailKey, row);
        if (p.commit) {
            c.id = newUuid();
            customers.appendNew(c, p.pending, &p.createdTags);
        }
    }
    if (p.commit && p.pending.size() >= 2000) {
        p.batch->add(p.pending, user_);
        p.pending.clear();
    }
}

std::string CustomerImport::errorsCsv() const {
    std::string out(kUtf8Bom);
    appendCsvRow(out, {"row", "field", "reason"});
    for (const ImportRowError& e : errors_) appendCsvRow(out, {std::to_string(e.row), e.field, e.reason});
    return out;
}

}  // namespace core
