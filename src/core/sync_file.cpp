// Reading and writing sync files with nlohmann/json. Reading is one SAX pass that keeps only scalar "cells" (no JSON
// tree: a file of 100k changes would cost a million tree nodes), then checks the header, the devices and every
// change in that order, so a foreign or newer file is named as such before its rows are looked at.
// A change travels as an array (docs/sync-format.md, "Changes"), its devices as indexes into "devices".
//
// Index: helpers · writing · reading: cells (SAX) · reading: checks
#include "core/sync_file.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/entities.h"
#include "core/uuid.h"

namespace core {

using nlohmann::json;

// ---- helpers -----------------------------------------------------------------------------------------------------

// An HLC travels as 16 lowercase hex digits, so it survives JSON readers that hold numbers as doubles.
static std::string hlcText(uint64_t hlc) {
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hlc));
    return out;
}

static bool parseHlc(const std::string& s, uint64_t* hlc) {
    if (s.size() != 16) return false;
    uint64_t out = 0;
    for (char c : s) {
        int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (digit < 0) return false;
        out = (out << 4) | uint64_t(digit);
    }
    if (out == 0 || out >> 63) return false;  // 0 means "no version"; the top bit keeps it a SQLite integer
    *hlc = out;
    return true;
}

[[noreturn]] static void fail(const std::string& message) { throw SyncFileError(message); }

// Where a member is, for messages; the text is only built when something is wrong.
struct Where {
    const char* list;    // "changes", "devices", or nullptr for a top-level member
    size_t index;
    const char* member;  // "[1] (number)", ".id", "\"device\""
    std::string text() const {
        if (!list) return member;
        std::string out = list;
        out += '[';
        out += std::to_string(index);
        out += ']';
        return out + member;
    }
};

// ---- writing -----------------------------------------------------------------------------------------------------

std::string writeSyncFile(const SyncFile& file) {
    std::map<std::string, size_t> index;
    json devices = json::array();
    for (const SyncDevice& d : file.devices) {
        index[d.id] = devices.size();
        devices.push_back({{"id", d.id}, {"name", d.name}, {"seen", d.seen}, {"from", d.from}});
    }
    json changes = json::array();
    changes.get_ref<json::array_t&>().reserve(file.changes.size());
    for (const Change& c : file.changes) {
        json base = c.base.hlc ? json(index.at(c.base.device)) : json(nullptr);
        json baseHlc = c.base.hlc ? json(hlcText(c.base.hlc)) : json(nullptr);
        changes.push_back(json::array({index.at(c.version.device), c.deviceSeq, hlcText(c.version.hlc), c.entity,
                                       c.recordId, c.field, c.value, c.user, std::move(base), std::move(baseHlc)}));
    }
    json out = {{"format", kSyncFormatName},
                {"version", kSyncFormatVersion},
                {"device", file.device},
                {"for", file.forDevice.empty() ? json(nullptr) : json(file.forDevice)},
                {"exported_at_ms", file.exportedAtMs},
                {"devices", std::move(devices)},
                {"changes", std::move(changes)}};
    return out.dump();
}

// ---- reading: cells (SAX) ----------------------------------------------------------------------------------------

namespace {

// One value of the file where a scalar is expected; objects and arrays there are only noted as such.
struct Cell {
    enum Kind : uint8_t { Missing, Null, Boolean, Negative, Natural, Real, Text, Object, Array } kind = Missing;
    uint64_t natural = 0;  // Natural: the value (JSON integers of 0 or more)
    std::string text;      // Text
};

using Members = std::map<std::string, Cell>;

struct Row {
    size_t first = 0;  // index of its first cell
    size_t size = 0;
    bool isArray = false;
};

// The file as cells: top-level members, each device's members, and the cells of every change row.
struct FileCells {
    bool isObject = false;
    Members top;
    std::vector<Members> devices;
    std::vector<bool> deviceIsObject;
    std::vector<Cell> cells;
    std::vector<Row> rows;
};

// Fills FileCells in one pass. Frames say where the parser is; anything deeper than a change row's cells or a
// device's members is skipped. Syntax errors become SyncFileError.
class CellReader final : public nlohmann::json_sax<json> {
public:
    explicit CellReader(FileCells& out) : out_(out) {}

    bool null() override { return put(Cell{Cell::Null}); }
    bool boolean(bool) override { return put(Cell{Cell::Boolean}); }
    bool number_integer(number_integer_t) override { return put(Cell{Cell::Negative}); }  // only < 0 arrive here
    bool number_unsigned(number_unsigned_t v) override { return put(Cell{Cell::Natural, v}); }
    bool number_float(number_float_t, const string_t&) override { return put(Cell{Cell::Real}); }
    bool string(string_t& v) override { return put(Cell{Cell::Text, 0, std::move(v)}); }
    bool binary(binary_t&) override { return put(Cell{Cell::Real}); }  // not produced by the JSON parser
    bool key(string_t& k) override {
        key_ = std::move(k);
        return true;
    }
    bool start_object(std::size_t) override { return open(Cell::Object); }
    bool start_array(std::size_t) override { return open(Cell::Array); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
        std::string why = e.what();
        size_t at = why.find("parse error");
        if (at != std::string::npos) why = why.substr(at);
        fail("the file is not valid JSON, it may be truncated or damaged (" + why + ")");
    }

private:
    enum class Frame { Top, Devices, Device, Changes, Row, Skip };

    bool put(Cell cell) {
        if (frames_.empty()) return true;  // a scalar document: not an object, refused later
        switch (frames_.back()) {
            case Frame::Top: out_.top[key_] = std::move(cell); break;
            case Frame::Device: out_.devices.back()[key_] = std::move(cell); break;
            case Frame::Devices:
                out_.devices.emplace_back();
                out_.deviceIsObject.push_back(false);
                break;
            case Frame::Changes: out_.rows.push_back({out_.cells.size(), 0, false}); break;
            case Frame::Row:
                out_.cells.push_back(std::move(cell));
                out_.rows.back().size++;
                break;
            case Frame::Skip: break;
        }
        return true;
    }

    bool open(Cell::Kind kind) {
        Frame next = Frame::Skip;
        if (frames_.empty()) {
            out_.isObject = kind == Cell::Object;
            next = out_.isObject ? Frame::Top : Frame::Skip;
        } else if (frames_.back() == Frame::Top && kind == Cell::Array && (key_ == "devices" || key_ == "changes")) {
            out_.top[key_] = Cell{Cell::Array};
            next = key_ == "devices" ? Frame::Devices : Frame::Changes;
        } else if (frames_.back() == Frame::Devices && kind == Cell::Object) {
            out_.devices.emplace_back();
            out_.deviceIsObject.push_back(true);
            next = Frame::Device;
        } else if (frames_.back() == Frame::Changes && kind == Cell::Array) {
            out_.rows.push_back({out_.cells.size(), 0, true});
            next = Frame::Row;
        } else {
            put(Cell{kind});  // an object or array where a scalar (or the other kind) belongs
        }
        frames_.push_back(next);
        return true;
    }

    bool close() {
        frames_.pop_back();
        return true;
    }

    FileCells& out_;
    std::vector<Frame> frames_;
    std::string key_;
};

}  // namespace

// ---- reading: checks ---------------------------------------------------------------------------------------------

static Cell& member(Members& members, const char* key, const Where& where) {
    auto it = members.find(key);
    if (it == members.end()) fail(where.text() + " is missing");
    return it->second;
}

static int64_t count(const Cell& v, const Where& where) {
    if (v.kind != Cell::Natural || v.natural > uint64_t(INT64_MAX))
        fail(where.text() + " must be a whole number of 0 or more");
    return int64_t(v.natural);
}

static std::string& text(Cell& v, const Where& where, size_t maxBytes) {
    if (v.kind != Cell::Text) fail(where.text() + " must be a string");
    if (v.text.size() > maxBytes)
        fail(where.text() + " is " + std::to_string(v.text.size()) + " bytes, more than the " +
             std::to_string(maxBytes) + " allowed");
    return v.text;
}

static std::string& uuid(Cell& v, const Where& where) {
    if (v.kind != Cell::Text || !isUuid(v.text)) fail(where.text() + " must be a lowercase UUID");
    return v.text;
}

static void readHeader(FileCells& cells, SyncFile* file) {
    auto format = cells.top.find("format");
    if (!cells.isObject || format == cells.top.end() || format->second.kind != Cell::Text ||
        format->second.text != kSyncFormatName)
        fail("this is not a FieldCRM sync file (no \"format\": \"" + std::string(kSyncFormatName) + "\")");
    const Cell& version = member(cells.top, "version", {nullptr, 0, "\"version\""});
    if (version.kind != Cell::Natural || version.natural < 1) fail("\"version\" must be a whole number of 1 or more");
    if (version.natural > uint64_t(kSyncFormatVersion))
        fail("the file was written by a newer FieldCRM (sync format version " + std::to_string(version.natural) +
             "; this app reads version " + std::to_string(kSyncFormatVersion) + "): update this app first");
    Where device{nullptr, 0, "\"device\""}, forDevice{nullptr, 0, "\"for\""};
    Where exportedAt{nullptr, 0, "\"exported_at_ms\""};
    file->device = uuid(member(cells.top, "device", device), device);
    Cell& forCell = member(cells.top, "for", forDevice);
    if (forCell.kind != Cell::Null) file->forDevice = uuid(forCell, forDevice);
    file->exportedAtMs = count(member(cells.top, "exported_at_ms", exportedAt), exportedAt);
    Where devices{nullptr, 0, "\"devices\""}, changes{nullptr, 0, "\"changes\""};
    if (member(cells.top, "devices", devices).kind != Cell::Array) fail(devices.text() + " must be an array");
    if (member(cells.top, "changes", changes).kind != Cell::Array) fail(changes.text() + " must be an array");
}

static void readDevices(FileCells& cells, SyncFile* file) {
    for (size_t i = 0; i < cells.devices.size(); i++) {
        if (!cells.deviceIsObject[i]) fail(Where{"devices", i, ""}.text() + " must be an object");
        Members& d = cells.devices[i];
        Where id{"devices", i, ".id"}, name{"devices", i, ".name"};
        Where seen{"devices", i, ".seen"}, from{"devices", i, ".from"};
        SyncDevice device;
        device.id = uuid(member(d, "id", id), id);
        device.name = text(member(d, "name", name), name, kMaxNameBytes);
        device.seen = count(member(d, "seen", seen), seen);
        device.from = count(member(d, "from", from), from);
        if (!file->devices.empty() && file->devices.back().id >= device.id)
            fail(Where{"devices", i, ".id"}.text() + " is out of order or repeated (devices are sorted by id)");
        file->devices.push_back(std::move(device));
    }
    bool exporterListed = std::any_of(file->devices.begin(), file->devices.end(),
                                      [&](const SyncDevice& d) { return d.id == file->device; });
    if (!exporterListed) fail("the exporting device is not in \"devices\"");
}

static size_t deviceIndex(const Cell& v, const SyncFile& file, const Where& where) {
    if (v.kind != Cell::Natural || v.natural >= file.devices.size())
        fail(where.text() + " must be an index into \"devices\"");
    return size_t(v.natural);
}

static Change readChange(Cell* a, const SyncFile& file, size_t i) {
    auto bad = [&](const char* what) { fail(Where{"changes", i, what}.text()); };
    Change c;
    const SyncDevice& origin = file.devices[deviceIndex(a[0], file, {"changes", i, "[0] (device)"})];
    c.version.device = origin.id;
    c.deviceSeq = count(a[1], {"changes", i, "[1] (number)"});
    if (c.deviceSeq <= origin.from) bad("[1] (number) is not above the device's \"from\"");
    if (a[2].kind != Cell::Text || !parseHlc(a[2].text, &c.version.hlc))
        bad("[2] (hlc) must be 16 lowercase hex digits, not all zero");
    c.entity = text(a[3], {"changes", i, "[3] (entity)"}, kMaxNameBytes);
    const EntityTable* table = findEntity(c.entity);
    if (!table) fail(Where{"changes", i, ""}.text() + ": unknown entity \"" + c.entity + "\" (from a newer FieldCRM?)");
    c.recordId = std::move(uuid(a[4], {"changes", i, "[4] (record id)"}));
    c.field = text(a[5], {"changes", i, "[5] (field)"}, kMaxNameBytes);
    const EntityField* field = findField(*table, c.field);
    if (!field)
        fail(Where{"changes", i, ""}.text() + ": unknown field \"" + c.field + "\" of " + c.entity +
             " (from a newer FieldCRM?)");
    if (a[6].kind != Cell::Text) bad("[6] (value) must be a string");
    c.value = std::move(a[6].text);
    std::string error = valueError(*field, c.value);
    if (!error.empty()) fail(Where{"changes", i, "[6] (value of "}.text() + c.entity + "." + c.field + ") " + error);
    c.user = std::move(text(a[7], {"changes", i, "[7] (user)"}, kMaxNameBytes));
    if ((a[8].kind == Cell::Null) != (a[9].kind == Cell::Null))
        bad("[8] and [9] (base) must both be null or both be set");
    if (a[8].kind != Cell::Null) {
        c.base.device = file.devices[deviceIndex(a[8], file, {"changes", i, "[8] (base device)"})].id;
        if (a[9].kind != Cell::Text || !parseHlc(a[9].text, &c.base.hlc))
            bad("[9] (base hlc) must be 16 lowercase hex digits, not all zero");
        if (!(c.base < c.version)) bad(": the base is not older than the change");
    }
    return c;
}

SyncFile readSyncFile(std::string_view text) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) fail("the file is empty");
    FileCells cells;
    CellReader reader(cells);
    json::sax_parse(text.begin(), text.end(), &reader);

    SyncFile file;
    readHeader(cells, &file);
    readDevices(cells, &file);
    file.changes.reserve(cells.rows.size());
    std::vector<std::pair<uint64_t, int64_t>> numbers;  // (device index, number) of every change
    numbers.reserve(cells.rows.size());
    for (size_t i = 0; i < cells.rows.size(); i++) {
        const Row& row = cells.rows[i];
        if (!row.isArray || row.size != 10) fail(Where{"changes", i, ""}.text() + " must be an array of 10 members");
        file.changes.push_back(readChange(&cells.cells[row.first], file, i));
        numbers.emplace_back(cells.cells[row.first].natural, file.changes.back().deviceSeq);
    }
    // One origin device never numbers two changes alike.
    std::sort(numbers.begin(), numbers.end());
    auto twice = std::adjacent_find(numbers.begin(), numbers.end());
    if (twice != numbers.end())
        fail("change number " + std::to_string(twice->second) + " of device " + file.devices[twice->first].id +
             " is there twice");
    return file;
}

bool looksLikeSyncFile(std::string_view text) {
    std::string_view start = text.substr(0, 4096);
    return start.find("\"format\"") != std::string_view::npos &&
           start.find(std::string("\"") + kSyncFormatName + "\"") != std::string_view::npos;
}

}  // namespace core
