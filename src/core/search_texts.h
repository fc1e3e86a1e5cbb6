// Every live customer's search text (customers.search_doc), held in memory: how search as you type finds any
// substring, Chinese or Latin, of any length. Testing the text in SQL means fetching every customer's row (~2 µs a
// row at 100k customers); here one scan of one contiguous buffer (~11 MB at 100k) finds the customers,
// and SQL asks search_hit(set, rowid) per index entry (no row fetch: rowids are in every index). The copy is
// brought up to date when the write path has committed since (WritePath::commits()): the customers a commit
// touched are merged in; the app does it ahead, when idle. With it, the customers' places in list orders, for
// putting a few hits in order. docs/customer-model.md ("Search") says why this replaced an FTS5 trigram index.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace core {

class WritePath;

class SearchTexts {
public:
    // Registers search_hit(set, rowid) on the connection; the object must outlive it.
    SearchTexts(storage::Database& db, const WritePath& writes);
    SearchTexts(const SearchTexts&) = delete;
    SearchTexts& operator=(const SearchTexts&) = delete;

    // Brings the copy up to date with the database: the customers written since (temp.search_changed, kept by
    // refreshSearchDocs) are merged in; when they are more than one in kMergeAtMost, every text is read again.
    void refresh();

    // The number of a hit set: the live customers whose search text contains every one of `words` (lower-case,
    // each a byte substring). SQL tests a row with search_hit(number, rowid). The last few sets are kept.
    int64_t matchAll(const std::vector<std::string>& words);
    // How many customers a hit set holds, and their rowids (ascending).
    int64_t hitCount(int64_t number) const;
    std::vector<int64_t> hitRowids(int64_t number) const;
    // How many live customers the copy holds (as of the last refresh: matchAll refreshes).
    int64_t customerCount() const { return int64_t(rowids_.size()); }

    // Every live customer's place in a list order, by rowid (kNotListed for other rowids): so that a search's few
    // hits can be put in list order without reading their rows. `orderSql` is an ascending ORDER BY over
    // customers c that ends in c.id (a total order); the places are read once per commit, by one walk of the
    // order's index, and kept with the copy.
    static constexpr uint32_t kNotListed = UINT32_MAX;
    const std::vector<uint32_t>& places(const std::string& orderSql);

private:
    static constexpr int64_t kMergeAtMost = 8;
    struct HitSet {
        int64_t number = 0;
        std::vector<std::string> words;
        std::vector<uint32_t> members;  // the customers that match: indexes into rowids_, in buffer order
        std::vector<uint64_t> bits;     // bit r: rowid r matches
        int64_t count = 0;
    };
    struct ChangedText {
        int64_t rowid = 0;
        bool live = false;
        std::string text;
    };
    const HitSet* find(int64_t number) const;
    std::string_view text(size_t i) const;  // the search text of rowids_[i]
    void readEveryText();
    void append(int64_t rowid, std::string_view text);
    void mergeChanged(const std::vector<ChangedText>& changed);  // by rowid
    friend struct SearchHitFunction;

    storage::Database& db_;
    const WritePath& writes_;
    uint64_t builtAtCommit_ = UINT64_MAX;  // writes_.commits() when the copy was made
    std::string texts_;                    // every live customer's search text, each followed by a NUL
    std::vector<uint32_t> starts_;         // where each customer's text starts in texts_
    std::vector<int64_t> rowids_;          // and its rowid
    int64_t maxRowid_ = 0;                 // the largest of them: the size of a hit set's bitset
    std::vector<HitSet> sets_;             // the most recent hit sets, newest last
    std::map<std::string, std::vector<uint32_t>> places_;  // by order, as of builtAtCommit_
    int64_t nextNumber_ = 1;
};

}  // namespace core
