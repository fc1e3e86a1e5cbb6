// The page VFS: a SQLite VFS that keeps the database image in memory, tracks which 4 KiB pages each transaction
// changed, and hands exactly those pages to a PageStore when SQLite syncs the database at commit.
// It knows nothing of IndexedDB: the browser's PageStore lives in platform/, a test one in tests/.
//
// Why this is atomic: the connection runs with journal_mode=MEMORY, so the only durable copy is the PageStore,
// and SQLite syncs the main database file once per commit, after all of the commit's pages are written (a VACUUM
// truncates after that and is stored as one more commit). A PageStore writes one PageCommit all-or-nothing, so
// the stored image is always some committed state. See docs/storage.md.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct sqlite3_vfs;

namespace storage {

constexpr uint32_t kPageBytes = 4096;

struct PageCommit {
    uint64_t generation = 0;  // one more than the last stored commit
    int64_t fileBytes = 0;    // database size after the commit; stored pages past it are dropped
    std::vector<uint32_t> pageIndexes;
    std::vector<const uint8_t*> pageData;  // kPageBytes each, valid only during writeCommit
};

class PageStore {
public:
    virtual ~PageStore() = default;
    virtual uint64_t storedGeneration() = 0;
    virtual int64_t storedBytes() = 0;
    // Reads `count` consecutive pages starting at `first` into `into` (count * kPageBytes); absent pages read as 0.
    virtual void readPages(uint32_t first, uint32_t count, uint8_t* into) = 0;
    // Stores the commit as one all-or-nothing step, or throws having stored nothing (SQLite then rolls back).
    virtual void writeCommit(const PageCommit& commit) = 0;
};

struct PageVfsStats {
    uint64_t commits = 0;
    uint64_t pagesWritten = 0;
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

    struct State;  // shared with the C callbacks in page_vfs.cpp

private:
    std::unique_ptr<State> state_;
};

}  // namespace storage
