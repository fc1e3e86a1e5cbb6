// Importing customers from the files reps already have: CSV (any encoding and delimiter csv.h reads), vCard
// 2.1–4.0 and our own JSON (customer_export.h writes it). Four steps, each driven by the UI a chunk at a time so a
// long file never blocks it:
//   1. open:    the format is detected, the first rows read for a preview, columns mapped by suggestColumnFields
//   2. mapping: the user confirms which field each column fills, and what to do with duplicates
//   3. dry run: every row is read, checked and classified (new, update, duplicate skipped, error) without writing;
//               errors (row, field, reason) can be downloaded as CSV
//   4. commit:  the file is read again and written in chunks through one WritePath::Batch: all rows or none
// The file is read through a ByteSource in chunks, so a 1M-row file is never in memory at once here.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/customer.h"
#include "core/file_problem.h"

namespace core {

class Crm;

// Where the file's bytes come from; read from the start again for the commit pass.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    // False while the next bytes are still on their way (a browser file read in slices): read() must wait, and
    // CustomerImport::step() returns to the caller to come back next frame. Memory and disk files are always ready.
    virtual bool ready() { return true; }
    virtual size_t read(char* out, size_t n) = 0;  // up to n bytes (fewer is fine), 0 only at the end; throws on a read error
    virtual void rewind() = 0;
    virtual int64_t size() const = 0;              // total bytes (for progress)
};

class MemoryByteSource : public ByteSource {
public:
    explicit MemoryByteSource(std::string bytes) : bytes_(std::move(bytes)) {}
    size_t read(char* out, size_t n) override;
    void rewind() override { pos_ = 0; }
    int64_t size() const override { return int64_t(bytes_.size()); }

private:
    std::string bytes_;
    size_t pos_ = 0;
};

// A file on disk (native builds: the CLI and benchmarks).
std::unique_ptr<ByteSource> openFileSource(const std::string& path);

// ---- a file read in slices that arrive later (the browser's File, read with slice().arrayBuffer()) -------------
// The reader that fetches them. It answers each request once, in any order, through take(); a failed read is a
// slice with `error` set.
class SliceReader {
public:
    struct Slice {
        int64_t offset = 0;
        std::string bytes;
        std::string error;
    };
    virtual ~SliceReader() = default;
    virtual int64_t size() const = 0;
    virtual void request(int64_t offset, size_t length) = 0;  // starts reading [offset, offset + length)
    virtual std::optional<Slice> take() = 0;                  // a slice that arrived since, if any
};

// A ByteSource over a SliceReader that keeps a window of slices requested ahead of the read position, so the bytes
// are usually there when the import wants them, and a window behind it (rewinding after the preview is free).
// Memory stays at about two windows whatever the file's size. Not ready() while the slice at the read position has
// not arrived.
class PrefetchingSource : public ByteSource {
public:
    // The window is at least kMinimumWindow: the preview needs that much at once (a CSV reader looks at up to
    // 64 KiB of text to tell the delimiter before it gives its first row).
    static constexpr size_t kMinimumWindow = 128 << 10;
    explicit PrefetchingSource(std::unique_ptr<SliceReader> reader, size_t sliceBytes = 1 << 20,
                               size_t windowBytes = 4 << 20);
    bool ready() override;
    size_t read(char* out, size_t n) override;
    void rewind() override;
    int64_t size() const override { return size_; }
    // The whole window from the read position (or the rest of the file) has arrived: enough for the preview.
    bool windowFilled();
    size_t bufferedBytes() const;  // held in memory now (slices arrived and kept)

private:
    void pump();  // takes what arrived, drops slices behind the read position, requests the window ahead
    std::unique_ptr<SliceReader> reader_;
    size_t sliceBytes_, windowBytes_;
    int64_t size_ = 0;
    int64_t pos_ = 0;
    std::map<int64_t, std::string> slices_;  // by offset: arrived, at or ahead of the read position
    std::set<int64_t> pending_;              // requested, not arrived
    std::string error_;
};

enum class ImportFormat { Csv, Vcard, Json };
const char* importFormatName(ImportFormat format);  // "CSV", "vCard", "JSON"

enum class DuplicatePolicy {
    Skip,    // a row whose phone or email a customer already has is left out
    Update,  // it updates that customer (filled cells overwrite, tags are added)
    Create,  // it becomes a new customer anyway
};

// The fields a column can fill (besides "" = ignore and "custom:<field id>").
const std::vector<std::string>& importTargetFields();

struct ImportRowError {
    int64_t row = 0;     // as the file numbers it: CSV rows as Excel does (header = 1), vCard cards 1, 2, …
    std::string field;   // the target field ("phone", "custom:<id>"), or "" for the whole row
    std::string reason;
};

struct CustomerImportCounts {
    int64_t rows = 0;        // data rows read
    int64_t created = 0;     // new customers
    int64_t updated = 0;     // existing customers updated (DuplicatePolicy::Update)
    int64_t duplicates = 0;  // rows skipped as duplicates
    int64_t failed = 0;      // rows with errors
    int64_t companies = 0;   // companies created for unknown company names
};

class CustomerImport {
public:
    enum class Phase { Mapping, DryRun, Reviewed, Committing, Done, Failed };

    // Reads the start of the file: format (from the name, else the content), columns, preview rows, mapping
    // suggestions. A file that cannot be read at all leaves phase Failed with fileError() set. A source that
    // streams (PrefetchingSource) must have its first window here (windowFilled()): the preview reads what is.
    CustomerImport(Crm& crm, std::unique_ptr<ByteSource> source, const std::string& fileName,
                   const std::string& user);
    ~CustomerImport();

    ImportFormat format() const { return format_; }
    const std::string& encodingName() const { return encoding_; }
    char delimiter() const { return delimiter_; }
    const std::vector<std::string>& columns() const { return columns_; }
    const std::vector<std::vector<std::string>>& preview() const { return preview_; }  // up to 20 rows

    // Mapping step: mapping()[i] is the field column i fills ("" ignores it). Several columns may fill
    // other_phones, other_emails and tags; every other field at most one column.
    std::vector<std::string> mapping;
    DuplicatePolicy duplicates = DuplicatePolicy::Skip;
    bool skipRowsWithErrors = false;  // commit the good rows even when some have errors
    // Why the mapping cannot be used ("" when it can): no column fills the name, a field filled twice, …
    std::string mappingProblem() const;

    // Starts the dry run (from Mapping or Reviewed). Then call step() until it returns false.
    void startDryRun();
    // Starts writing (from Reviewed, when canCommit()). Then step() until false; phase Done or Failed.
    bool canCommit() const;
    void startCommit();
    // Works for about `budgetMs` milliseconds (at least one chunk); false when the phase's work is finished.
    bool step(double budgetMs = 12);
    void cancel();  // abandons a commit in progress: nothing is written

    Phase phase() const { return phase_; }
    double progress() const;  // 0..1 of the current pass
    const CustomerImportCounts& counts() const { return counts_; }
    const std::vector<ImportRowError>& errors() const { return errors_; }  // the first 10,000
    int64_t errorCount() const { return errorCount_; }
    const std::string& fileError() const { return fileError_; }  // why the file (not a row) failed
    std::string errorsCsv() const;  // row,field,reason with a BOM, for Excel

private:
    struct Pass;
    void fail(const std::string& why);
    void readHead(const std::string& fileName);
    void processRow(const std::vector<std::string>& cells, int64_t row, const std::vector<FileProblem>& problems);

    Crm& crm_;
    std::unique_ptr<ByteSource> source_;
    std::string user_;
    ImportFormat format_ = ImportFormat::Csv;
    std::string encoding_;
    char delimiter_ = 0;
    std::vector<std::string> columns_;
    std::vector<std::vector<std::string>> preview_;
    Phase phase_ = Phase::Mapping;
    CustomerImportCounts counts_;
    std::vector<ImportRowError> errors_;
    int64_t errorCount_ = 0;
    std::string fileError_;
    std::unique_ptr<Pass> pass_;
};

}  // namespace core
