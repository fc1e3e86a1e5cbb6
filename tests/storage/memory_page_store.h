// A PageStore in plain memory for tests, with failure injection: it can be told to fail the N-th commit, or to
// "crash" part-way through one (only some pages reach storage and the commit record is never written), which is
// what an interrupted IndexedDB transaction must never expose. Readers only ever see the last complete commit.
// It holds the image as the browser store does: 64 KiB segments with newer single pages over them.
#pragma once

#include <algorithm>
#include <map>
#include <stdexcept>
#include <vector>

#include "storage/page_vfs.h"

namespace tests {

class MemoryPageStore : public storage::PageStore {
public:
    struct Snapshot {
        uint64_t generation = 0;
        int64_t bytes = 0;
        std::map<uint32_t, std::vector<uint8_t>> pages;     // single pages, by page index
        std::map<uint32_t, std::vector<uint8_t>> segments;  // whole segments, by segment index
    };

    int failAtCommit = -1;   // 0-based commit number to fail (-1: never)
    int commitsSeen = 0;
    uint64_t bytesWritten = 0;

    uint64_t storedGeneration() override { return committed_.generation; }
    int64_t storedBytes() override { return committed_.bytes; }

    void readPages(uint32_t first, uint32_t count, uint8_t* into) override {
        for (uint32_t i = 0; i < count; i++) {
            uint32_t page = first + i;
            uint8_t* out = into + size_t(i) * storage::kPageBytes;
            auto single = committed_.pages.find(page);
            auto segment = committed_.segments.find(page / storage::kSegmentPages);
            if (single != committed_.pages.end()) std::copy(single->second.begin(), single->second.end(), out);
            else if (segment != committed_.segments.end())
                std::copy_n(segment->second.begin() + size_t(page % storage::kSegmentPages) * storage::kPageBytes,
                            storage::kPageBytes, out);
            else std::fill(out, out + storage::kPageBytes, 0);
        }
    }

    std::vector<uint32_t> singlePages() override {
        std::vector<uint32_t> out;
        for (const auto& [page, data] : committed_.pages) out.push_back(page);
        return out;
    }

    void writeCommit(const storage::PageCommit& commit) override {
        // Build the next state aside, then swap it in: the "crash" leaves the half-built copy unreachable.
        int number = commitsSeen++;
        if (number == failAtCommit) throw std::runtime_error("injected storage failure");
        if (commit.generation != committed_.generation + 1) throw std::logic_error("commit generation out of order");
        Snapshot next = committed_;
        for (size_t i = 0; i < commit.segmentIndexes.size(); i++) {
            uint32_t s = commit.segmentIndexes[i];
            next.pages.erase(next.pages.lower_bound(s * storage::kSegmentPages),
                             next.pages.lower_bound((s + 1) * storage::kSegmentPages));
            next.segments[s].assign(commit.segmentData[i], commit.segmentData[i] + storage::kSegmentBytes);
            bytesWritten += storage::kSegmentBytes;
        }
        for (size_t i = 0; i < commit.pageIndexes.size(); i++) {
            next.pages[commit.pageIndexes[i]].assign(commit.pageData[i], commit.pageData[i] + storage::kPageBytes);
            bytesWritten += storage::kPageBytes;
        }
        uint32_t pageCount = uint32_t((commit.fileBytes + storage::kPageBytes - 1) / storage::kPageBytes);
        next.pages.erase(next.pages.lower_bound(pageCount), next.pages.end());
        uint32_t segmentCount = (pageCount + storage::kSegmentPages - 1) / storage::kSegmentPages;
        next.segments.erase(next.segments.lower_bound(segmentCount), next.segments.end());
        next.bytes = commit.fileBytes;
        next.generation = commit.generation;
        committed_ = std::move(next);
    }

    const Snapshot& committed() const { return committed_; }

    // Rewrites the stored image as single pages only: the layout of stores written before segments existed.
    void splitIntoSinglePages() {
        uint32_t pageCount = uint32_t((committed_.bytes + storage::kPageBytes - 1) / storage::kPageBytes);
        std::vector<uint8_t> page(storage::kPageBytes);
        std::map<uint32_t, std::vector<uint8_t>> pages;
        for (uint32_t p = 0; p < pageCount; p++) {
            readPages(p, 1, page.data());
            pages[p] = page;
        }
        committed_.pages = std::move(pages);
        committed_.segments.clear();
    }

private:
    Snapshot committed_;
};

}  // namespace tests
