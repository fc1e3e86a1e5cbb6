// Page VFS implementation.
//
// Index:
//   MemoryFile        the bytes of one file, in 1 MiB chunks (growing never copies the whole image)
//   file methods      read/write/truncate/sync/size; sync on the main database is the commit point
//   vfs methods       open/delete/access/fullpath/randomness/sleep/time
//   PageVfs           registration and statistics
#include "storage/page_vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <iterator>
#include <random>
#include <set>
#include <stdexcept>

namespace storage {

namespace {

constexpr int64_t kChunkBytes = 1 << 20;
constexpr uint32_t kPagesPerChunk = uint32_t(kChunkBytes / kPageBytes);
static_assert(kPagesPerChunk % kSegmentPages == 0, "a segment must lie within one chunk of memory");

// ---- MemoryFile --------------------------------------------------------------------------------------------------

struct MemoryFile {
    std::vector<std::unique_ptr<uint8_t[]>> chunks;
    int64_t size = 0;
    int64_t committedSize = 0;      // size the store holds; a truncate alone is a change to commit
    bool tracksPages = false;       // only the main database records dirty pages; temp files never commit
    std::set<uint32_t> dirtyPages;  // pages written since the last commit

    uint8_t* chunk(size_t index) {
        while (chunks.size() <= index) {
            chunks.emplace_back(new uint8_t[kChunkBytes]);
            std::memset(chunks.back().get(), 0, kChunkBytes);
        }
        return chunks[index].get();
    }

    void read(uint8_t* out, int64_t amount, int64_t offset) {
        while (amount > 0) {
            size_t c = size_t(offset / kChunkBytes);
            int64_t within = offset % kChunkBytes;
            int64_t n = std::min(amount, kChunkBytes - within);
            if (c < chunks.size()) std::memcpy(out, chunks[c].get() + within, size_t(n));
            else std::memset(out, 0, size_t(n));
            out += n, offset += n, amount -= n;
        }
    }

    void write(const uint8_t* in, int64_t amount, int64_t offset) {
        if (amount > 0 && tracksPages) {
            for (int64_t p = offset / kPageBytes; p <= (offset + amount - 1) / kPageBytes; p++)
                dirtyPages.insert(uint32_t(p));
        }
        size = std::max(size, offset + amount);
        while (amount > 0) {
            size_t c = size_t(offset / kChunkBytes);
            int64_t within = offset % kChunkBytes;
            int64_t n = std::min(amount, kChunkBytes - within);
            std::memcpy(chunk(c) + within, in, size_t(n));
            in += n, offset += n, amount -= n;
        }
    }

    void truncate(int64_t newSize) {
        if (newSize >= size) return;
        size = newSize;
        size_t keep = size_t((newSize + kChunkBytes - 1) / kChunkBytes);
        chunks.resize(std::min(chunks.size(), keep));
        // Bytes past the end must read as zero if the file grows again.
        if (newSize % kChunkBytes && keep > 0 && chunks.size() == keep)
            std::memset(chunks[keep - 1].get() + newSize % kChunkBytes, 0, size_t(kChunkBytes - newSize % kChunkBytes));
        dirtyPages.erase(dirtyPages.lower_bound(uint32_t((newSize + kPageBytes - 1) / kPageBytes)), dirtyPages.end());
        // The page holding the new end changed too (its tail is now zero).
        if (tracksPages && newSize % kPageBytes) dirtyPages.insert(uint32_t(newSize / kPageBytes));
    }
};

}  // namespace

struct PageVfs::State {
    sqlite3_vfs vfs{};
    std::string name;
    PageStore& store;
    std::unique_ptr<MemoryFile> mainFile;  // loaded from the store on first open, kept across reopen
    uint64_t generation = 0;
    PageVfsStats stats;
    std::mt19937_64 random{std::random_device{}()};

    State(std::string n, PageStore& s) : name(std::move(n)), store(s) {}

    // The stored image is read once, in order, a chunk at a time: by loadPages() ahead of the first open where the
    // platform streams it in batches, and by the first open for whatever is still unread.
    std::unique_ptr<MemoryFile> loading;  // the image being read, until the first open takes it
    uint32_t loadedPages = 0;            // pages [0, loadedPages) of `loading` hold the stored bytes

    static uint32_t pagesOf(int64_t bytes) { return uint32_t((bytes + kPageBytes - 1) / kPageBytes); }

    void loadPages(uint32_t first, uint32_t count) {
        if (mainFile) throw std::logic_error("the database image is already open");
        if (!loading) {
            loading = std::make_unique<MemoryFile>();
            int64_t bytes = store.storedBytes();
            loading->size = loading->committedSize = bytes;
            loading->tracksPages = true;
            generation = store.storedGeneration();
            if (bytes > 0) loading->chunk(size_t((bytes - 1) / kChunkBytes));  // all chunks now: one memory growth
        }
        if (first != loadedPages) throw std::logic_error("image pages must be loaded in order");
        uint32_t end = uint32_t(std::min<uint64_t>(uint64_t(first) + count, pagesOf(loading->size)));
        while (loadedPages < end) {
            // readPages fills consecutive memory, so one call never crosses a chunk boundary.
            uint32_t n = std::min(end - loadedPages, kPagesPerChunk - loadedPages % kPagesPerChunk);
            store.readPages(loadedPages, n, loading->chunk(loadedPages / kPagesPerChunk) +
                                                size_t(loadedPages % kPagesPerChunk) * kPageBytes);
            loadedPages += n;
        }
    }

    MemoryFile& loadMainFile() {
        if (mainFile) return *mainFile;
        loadPages(loadedPages, UINT32_MAX - loadedPages);
        mainFile = std::move(loading);
        return *mainFile;
    }

    // Which pages the store holds as single pages (over their segment): decides when a segment is stored whole.
    std::set<uint32_t> singlePages;
    bool singlePagesKnown = false;

    // The segment whose stored record may still hold bytes of a longer file past the stored end (after a VACUUM
    // shrank the file to the middle of it), or kNoSegment. Pages the file grows into there must not show those
    // bytes, so that segment is stored whole when the file grows into it; anywhere else the store holds nothing
    // past the end (it drops what lies past the end at every commit), and new pages are stored like any others.
    static constexpr uint32_t kNoSegment = UINT32_MAX;
    uint32_t staleTailSegment = kNoSegment;

    uint32_t singlePagesIn(uint32_t segment) const {
        auto from = singlePages.lower_bound(segment * kSegmentPages);
        auto to = singlePages.lower_bound((segment + 1) * kSegmentPages);
        return uint32_t(std::distance(from, to));
    }

    int commit(MemoryFile& file) {
        if (file.dirtyPages.empty() && file.size == file.committedSize) return SQLITE_OK;
        const uint32_t storedPages = pagesOf(file.committedSize);
        const uint32_t pages = pagesOf(file.size);
        if (!singlePagesKnown) {
            for (uint32_t page : store.singlePages()) singlePages.insert(page);
            singlePagesKnown = true;
            // What happened before this start is unknown: the segment the stored image ends in may be stale.
            if (storedPages % kSegmentPages) staleTailSegment = storedPages / kSegmentPages;
        }
        auto pageAt = [&](uint32_t page) {
            int64_t offset = int64_t(page) * kPageBytes;
            return file.chunk(size_t(offset / kChunkBytes)) + offset % kChunkBytes;
        };
        PageCommit commit;
        commit.generation = generation + 1;
        commit.fileBytes = file.size;
        std::vector<uint32_t> newSinglePages;
        // dirtyPages is sorted, so each segment's dirty pages are one run.
        for (auto it = file.dirtyPages.begin(); it != file.dirtyPages.end() && *it < pages;) {
            uint32_t segment = *it / kSegmentPages;
            auto end = file.dirtyPages.lower_bound((segment + 1) * kSegmentPages);
            uint32_t singlesAfter = singlePagesIn(segment);
            bool grows = false;
            for (auto p = it; p != end; ++p) {
                singlesAfter += singlePages.count(*p) ? 0 : 1;
                grows = grows || *p >= storedPages;
            }
            bool whole = singlesAfter >= kSegmentRewritePages || (grows && segment == staleTailSegment);
            if (whole) {
                commit.segmentIndexes.push_back(segment);
                commit.segmentData.push_back(pageAt(segment * kSegmentPages));  // 16 pages never cross a chunk
            } else {
                for (auto p = it; p != end && *p < pages; ++p) {
                    commit.pageIndexes.push_back(*p);
                    commit.pageData.push_back(pageAt(*p));
                    if (!singlePages.count(*p)) newSinglePages.push_back(*p);
                }
            }
            it = end;
        }
        try {
            store.writeCommit(commit);
        } catch (const std::exception&) {
            stats.failedCommits++;
            return SQLITE_IOERR_FSYNC;  // SQLite rolls the transaction back; the pages stay dirty
        }
        for (uint32_t segment : commit.segmentIndexes)
            singlePages.erase(singlePages.lower_bound(segment * kSegmentPages),
                              singlePages.lower_bound((segment + 1) * kSegmentPages));
        singlePages.insert(newSinglePages.begin(), newSinglePages.end());
        singlePages.erase(singlePages.lower_bound(pages), singlePages.end());
        if (pages < storedPages) staleTailSegment = pages % kSegmentPages ? pages / kSegmentPages : kNoSegment;
        if (std::find(commit.segmentIndexes.begin(), commit.segmentIndexes.end(), staleTailSegment) !=
            commit.segmentIndexes.end())
            staleTailSegment = kNoSegment;  // stored whole from the image, which is zero past the end
        generation = commit.generation;
        stats.commits++;
        stats.pagesWritten += commit.pageIndexes.size();
        stats.segmentsWritten += commit.segmentIndexes.size();
        file.dirtyPages.clear();
        file.committedSize = file.size;
        return SQLITE_OK;
    }
};

namespace {

// ---- file methods ------------------------------------------------------------------------------------------------

struct OpenFile {
    sqlite3_file base;
    PageVfs::State* state;
    MemoryFile* file;
    bool isMain;
    bool ownsFile;
};

OpenFile& of(sqlite3_file* f) { return *reinterpret_cast<OpenFile*>(f); }

int fileClose(sqlite3_file* f) {
    if (of(f).ownsFile) delete of(f).file;
    return SQLITE_OK;
}

int fileRead(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
    MemoryFile& file = *of(f).file;
    file.read(static_cast<uint8_t*>(out), amount, offset);
    return offset + amount > file.size ? SQLITE_IOERR_SHORT_READ : SQLITE_OK;
}

int fileWrite(sqlite3_file* f, const void* in, int amount, sqlite3_int64 offset) {
    try {
        of(f).file->write(static_cast<const uint8_t*>(in), amount, offset);
    } catch (const std::bad_alloc&) {
        return SQLITE_IOERR_NOMEM;
    }
    return SQLITE_OK;
}

int fileTruncate(sqlite3_file* f, sqlite3_int64 size) {
    of(f).file->truncate(size);
    return SQLITE_OK;
}

int fileSync(sqlite3_file* f, int) { return of(f).isMain ? of(f).state->commit(*of(f).file) : SQLITE_OK; }

int fileSize(sqlite3_file* f, sqlite3_int64* size) {
    *size = of(f).file->size;
    return SQLITE_OK;
}

// One connection per database in this app, so locks only need to succeed.
int fileLock(sqlite3_file*, int) { return SQLITE_OK; }
int fileCheckReservedLock(sqlite3_file*, int* out) {
    *out = 0;
    return SQLITE_OK;
}
// SQLITE_FCNTL_SYNC comes just before xSync (and instead of it under synchronous=OFF): the commit point.
// SQLITE_FCNTL_COMMIT_PHASETWO comes after the commit; VACUUM truncates the file between the two, so anything
// still dirty then is stored as one more commit (a failure there is retried with the next commit).
int fileControl(sqlite3_file* f, int op, void*) {
    if (!of(f).isMain) return SQLITE_NOTFOUND;
    if (op == SQLITE_FCNTL_SYNC) return of(f).state->commit(*of(f).file);
    if (op == SQLITE_FCNTL_COMMIT_PHASETWO) of(f).state->commit(*of(f).file);
    return SQLITE_NOTFOUND;
}
int fileSectorSize(sqlite3_file*) { return int(kPageBytes); }
int fileDeviceCharacteristics(sqlite3_file*) {
    return SQLITE_IOCAP_SAFE_APPEND | SQLITE_IOCAP_SEQUENTIAL | SQLITE_IOCAP_POWERSAFE_OVERWRITE;
}

const sqlite3_io_methods kFileMethods = {
    1, fileClose, fileRead, fileWrite, fileTruncate, fileSync, fileSize, fileLock, fileLock,
    fileCheckReservedLock, fileControl, fileSectorSize, fileDeviceCharacteristics,
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
};

// ---- vfs methods -------------------------------------------------------------------------------------------------

PageVfs::State& stateOf(sqlite3_vfs* vfs) { return *static_cast<PageVfs::State*>(vfs->pAppData); }

int vfsOpen(sqlite3_vfs* vfs, const char*, sqlite3_file* f, int flags, int* outFlags) {
    PageVfs::State& state = stateOf(vfs);
    OpenFile& file = of(f);
    file.base.pMethods = nullptr;
    file.state = &state;
    file.isMain = (flags & SQLITE_OPEN_MAIN_DB) != 0;
    try {
        file.file = file.isMain ? &state.loadMainFile() : new MemoryFile();
    } catch (const std::bad_alloc&) {
        return SQLITE_NOMEM;
    } catch (const std::exception&) {
        return SQLITE_CANTOPEN;
    }
    file.ownsFile = !file.isMain;
    file.base.pMethods = &kFileMethods;
    if (outFlags) *outFlags = flags;
    return SQLITE_OK;
}

int vfsDelete(sqlite3_vfs*, const char*, int) { return SQLITE_OK; }

// No journal or WAL file ever survives a connection, so nothing but the main database "exists".
int vfsAccess(sqlite3_vfs*, const char*, int, int* out) {
    *out = 0;
    return SQLITE_OK;
}

int vfsFullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
    sqlite3_snprintf(size, out, "%s", name);
    return SQLITE_OK;
}

int vfsRandomness(sqlite3_vfs* vfs, int size, char* out) {
    for (int i = 0; i < size; i++) out[i] = char(stateOf(vfs).random());
    return size;
}

int vfsSleep(sqlite3_vfs*, int microseconds) { return microseconds; }

int vfsCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
    using namespace std::chrono;
    // Julian day number in milliseconds, as SQLite expects.
    *out = sqlite3_int64(210866760000000LL + duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
    return SQLITE_OK;
}

int vfsCurrentTime(sqlite3_vfs* vfs, double* out) {
    sqlite3_int64 ms;
    vfsCurrentTimeInt64(vfs, &ms);
    *out = double(ms) / 86400000.0;
    return SQLITE_OK;
}

int vfsGetLastError(sqlite3_vfs*, int, char*) { return 0; }

}  // namespace

// ---- PageVfs -----------------------------------------------------------------------------------------------------

PageVfs::PageVfs(std::string name, PageStore& store, bool makeDefault) : state_(std::make_unique<State>(std::move(name), store)) {
    sqlite3_vfs& v = state_->vfs;
    v.iVersion = 2;
    v.szOsFile = int(sizeof(OpenFile));
    v.mxPathname = 512;
    v.zName = state_->name.c_str();
    v.pAppData = state_.get();
    v.xOpen = vfsOpen;
    v.xDelete = vfsDelete;
    v.xAccess = vfsAccess;
    v.xFullPathname = vfsFullPathname;
    v.xRandomness = vfsRandomness;
    v.xSleep = vfsSleep;
    v.xCurrentTime = vfsCurrentTime;
    v.xGetLastError = vfsGetLastError;
    v.xCurrentTimeInt64 = vfsCurrentTimeInt64;
    int rc = sqlite3_vfs_register(&v, makeDefault ? 1 : 0);
    if (rc != SQLITE_OK) throw std::runtime_error("cannot register SQLite VFS " + state_->name);
}

PageVfs::~PageVfs() { sqlite3_vfs_unregister(&state_->vfs); }

const char* PageVfs::name() const { return state_->name.c_str(); }
PageVfsStats PageVfs::stats() const { return state_->stats; }
void PageVfs::loadPages(uint32_t first, uint32_t count) { state_->loadPages(first, count); }

}  // namespace storage
