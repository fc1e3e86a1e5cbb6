// The sync file, format version 1 (docs/sync-format.md): the JSON one device exports and another imports.
// readSyncFile checks the whole text (syntax, format and version, every member's type, entities, fields, UUIDs,
// sizes) before it returns anything; writeSyncFile writes the canonical form. No SQL and no merging here.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/write_path.h"

namespace core {

constexpr const char* kSyncFormatName = "fieldcrm-sync";
constexpr int kSyncFormatVersion = 1;
constexpr size_t kMaxNameBytes = 200;  // device names and user names

// One device the file speaks of: the exporter, every origin of a change, every device a base names.
struct SyncDevice {
    std::string id;       // UUID
    std::string name;     // as the exporter knows it ("" when it does not)
    int64_t seen = 0;     // the exporter holds every change of this device numbered 1 … seen
    int64_t from = 0;     // the file holds every change of this device the exporter holds numbered above from
};

struct SyncFile {
    std::string device;              // the exporter
    std::string forDevice;           // the device it was exported for ("" when for anyone)
    int64_t exportedAtMs = 0;        // the exporter's wall clock
    std::vector<SyncDevice> devices;  // sorted by id
    std::vector<Change> changes;     // sorted by origin device id, then deviceSeq
};

// One line saying what is wrong with the file; the import has changed nothing.
struct SyncFileError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

SyncFile readSyncFile(std::string_view text);
// A quick look at the start of a file (for routing a dropped file): true when it names the sync format. Only
// readSyncFile says whether it is a good one.
bool looksLikeSyncFile(std::string_view text);
std::string writeSyncFile(const SyncFile& file);

}  // namespace core
