// The page VFS: a SQLite VFS that keeps the database image in memory, tracks which 4 KiB pages each transaction
// changed, and hands exactly those pages to a PageStore when SQLite syncs the database at commit.
// It knows nothing of IndexedDB: the browser's PageStore lives in platform/, a test one in tests/.
//
// Why this is atomic: the connection runs with journal_mode=MEMORY, so the only durable copy is the PageStore,
// and SQLite syncs the main database file once per commit, after all of the commit's pages are written (a VACUUM
// truncates after that and is stored as one more commit). A PageStore writes one PageCommit all-or-nothing, so
// the stored image is always some committed state. See docs/storage.md.
//
// How the store holds the image: as segments of 16 pages (64 KiB), plus single pages that are newer than their
// segment. A commit that changes a few pages of a segment stores just those pages; once half of a segment would be
// single pages the whole segment is stored instead and its single pages go (also when the file grows into a
// segment whose stored record may hold bytes of a longer file from before a VACUUM).
// Small edits stay small (a handful of hot pages, like page 1 and small tables' roots, stay single pages instead of
// rewriting their segment every time), bulk writes become few large records, and start-up reads mostly 64 KiB
// records (IndexedDB reads those ~7x faster per byte than 4 KiB ones).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct sqlite3_vfs;

namespace storage {

constexpr uint32_t kPageBytes = 4096;
constexpr uint32_t kSegmentPages = 16;  // a segment: pages [16 s, 16 s + 16), stored as one record
constexpr uint32_t kSegmentBytes = kSegmentPages * kPageBytes;
constexpr uint32_t kSegmentRewritePages = 8;  // single pages of a segment at which it is stored whole again

struct PageCommit {
    uint64_t generation = 0;  // one more than the last stored commit
    int64_t fileBytes = 0;    // database size after the commit; whatever is stored past it is dropped
    std::vector<uint32_t> pageIndexes;        // single pages: each replaces that page, over its segment
    std::vector<const uint8_t*> pageData;     // kPageBytes each
    std::vector<uint32_t> segmentIndexes;     // whole segments: each replaces segment s and drops its single pages
    std::vector<const uint8_t*> segmentData;  // kSegmentBytes each; all data valid only during writeCommit
};

class PageStore {
public:
    virtual ~PageStore() = default;
    virtual uint64_t storedGeneration() = 0;
    virtual int64_t storedBytes() = 0;
    // Reads `count` consecutive pages starting at `first` into `into` (count * kPageBytes): a page's single-page
    // record if there is one, else its part of its segment, else zeros.
    virtual void readPages(uint32_t first, uint32_t count, uint8_t* into) = 0;
    // The pages stored as single pages (any order). Asked once, after the image is read, before the first commit.
    virtual std::vector<uint32_t> singlePages() = 0;
    // Stores the commit as one all-or-nothing step, or throws having stored nothing (SQLite then rolls back).
    virtual void writeCommit(const PageCommit& commit) = 0;
};

struct PageVfsStats {
    uint64_t commits = 0;
    uint64_t pagesWritten = 0;     // as single pages
    uint64_t segmentsWritten = 0;  // as whole segments
    uint64_t failedCommits = 0;
};

// Registers a SQLite VFS called `name` whose main database file is backed by `store`. Other files (temp tables,
// sorter spill) live in memory only. Unregisters on destruction; the store must outlive every connection.
// `makeDefault` also makes it SQLite's default VFS, whose xRandomness seeds SQLite's PRNG: in the browser the
// built-in unix VFS would try to read /dev/urandom, which a module without a file system does not have.
class PageVfs {
public:
    PageVfs(std::string name, PageStore& store, bool makeDefault = false);
    ~PageVfs();
    PageVfs(const PageVfs&) = delete;
    PageVfs& operator=(const PageVfs&) = delete;

    const char* name() const;
    PageVfsStats stats() const;

    // Reads stored pages [first, first + count) into the image now, before the first connection opens it; calls
    // must go in page order from 0, and the first open reads whatever is left. A platform whose store delivers
    // pages asynchronously (IndexedDB) streams the image this way, one bounded batch at a time, so the image is
    // never held twice. Throws once the image is open.
    void loadPages(uint32_t first, uint32_t count);

    struct State;  // shared with the C callbacks in page_vfs.cpp

private:
    std::unique_ptr<State> state_;
};

}  // namespace storage
