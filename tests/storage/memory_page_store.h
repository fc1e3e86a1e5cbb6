// A PageStore in plain memory for tests, with failure injection: it can be told to fail the N-th commit, or to
// "crash" part-way through one (only some pages reach storage and the commit record is never written), which is
// what an interrupted IndexedDB transaction must never expose. Readers only ever see the last complete commit.
#pragma once

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
        std::map<uint32_t, std::vector<uint8_t>> pages;
    };

    int failAtCommit = -1;   // 0-based commit number to fail (-1: never)
    int commitsSeen = 0;
    uint64_t bytesWritten = 0;

    uint64_t storedGeneration() override { return committed_.generation; }
    int64_t storedBytes() override { return committed_.bytes; }

    void readPages(uint32_t first, uint32_t count, uint8_t* into) override {
        for (uint32_t i = 0; i < count; i++) {
            auto it = committed_.pages.find(first + i);
            uint8_t* out = into + size_t(i) * storage::kPageBytes;
            if (it == committed_.pages.end()) std::fill(out, out + storage::kPageBytes, 0);
            else std::copy(it->second.begin(), it->second.end(), out);
        }
    }

    void writeCommit(const storage::PageCommit& commit) override {
        // Build the next state aside, then swap it in: the "crash" leaves the half-built copy unreachable.
        int number = commitsSeen++;
        if (number == failAtCommit) throw std::runtime_error("injected storage failure");
        if (commit.generation != committed_.generation + 1) throw std::logic_error("commit generation out of order");
        Snapshot next = committed_;
        for (size_t i = 0; i < commit.pageIndexes.size(); i++) {
            next.pages[commit.pageIndexes[i]].assign(commit.pageData[i], commit.pageData[i] + storage::kPageBytes);
            bytesWritten += storage::kPageBytes;
        }
        uint32_t pageCount = uint32_t((commit.fileBytes + storage::kPageBytes - 1) / storage::kPageBytes);
        next.pages.erase(next.pages.lower_bound(pageCount), next.pages.end());
        next.bytes = commit.fileBytes;
        next.generation = commit.generation;
        committed_ = std::move(next);
    }

    const Snapshot& committed() const { return committed_; }

private:
    Snapshot committed_;
};

}  // namespace tests
