// The in-memory search texts (see search_texts.h): one buffer, one pass per word, hit sets as bitsets by rowid.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE  // memmem
#endif
#include "core/search_texts.h"

#include <cstring>

#include <sqlite3.h>

#include <algorithm>
#include <string_view>

#include "core/write_path.h"

namespace core {

static constexpr size_t kKeptSets = 4;  // a list runs a count, a page and anchors for one query: a few suffice

struct SearchHitFunction {
    // search_hit(set, rowid): 1 when the rowid is in the hit set, else 0 (also for an unknown set).
    static void call(sqlite3_context* context, int, sqlite3_value** argv) {
        auto* texts = static_cast<SearchTexts*>(sqlite3_user_data(context));
        const SearchTexts::HitSet* set = texts->find(sqlite3_value_int64(argv[0]));
        int64_t rowid = sqlite3_value_int64(argv[1]);
        bool hit = set && rowid >= 0 && uint64_t(rowid) / 64 < set->bits.size() &&
                   (set->bits[size_t(rowid / 64)] >> (rowid % 64) & 1);
        sqlite3_result_int(context, hit);
    }
};

SearchTexts::SearchTexts(storage::Database& db, const WritePath& writes) : db_(db), writes_(writes) {
    sqlite3_create_function_v2(db.handle(), "search_hit", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, this,
                               SearchHitFunction::call, nullptr, nullptr, nullptr);
}

void SearchTexts::refresh() {
    if (builtAtCommit_ == writes_.commits()) return;
    texts_.clear();
    starts_.clear();
    rowids_.clear();
    maxRowid_ = 0;
    sets_.clear();
    // NOT INDEXED: one pass through the table in rowid order, not a row fetch per entry of an index on deleted.
    storage::Statement s = db_.prepare("SELECT rowid, search_doc FROM customers NOT INDEXED WHERE deleted = 0");
    while (s.step()) {
        rowids_.push_back(s.integer(0));
        maxRowid_ = std::max(maxRowid_, rowids_.back());
        starts_.push_back(uint32_t(texts_.size()));
        texts_ += s.text(1);
        texts_ += '\0';
    }
    builtAtCommit_ = writes_.commits();
}

int64_t SearchTexts::matchAll(const std::vector<std::string>& words) {
    refresh();
    for (const HitSet& set : sets_)  // a list asks for the count, the first page and anchors with the same words
        if (set.words == words) return set.number;
    // The longest word is looked for in the whole buffer (the fewest false starts); each hit names a customer,
    // whose text the other words are then looked for in.
    std::string_view all(texts_);
    std::vector<size_t> hits;  // indexes into rowids_
    size_t longest = 0;
    for (size_t w = 1; w < words.size(); w++)
        if (words[w].size() > words[longest].size()) longest = w;
    if (!words.empty() && !words[longest].empty()) {
        const std::string& first = words[longest];
        const char* base = texts_.data();
        const char* end = base + texts_.size();
        for (const char* at = base; at < end;) {
            const void* found = memmem(at, size_t(end - at), first.data(), first.size());
            if (!found) break;
            size_t offset = size_t(static_cast<const char*>(found) - base);
            size_t i = size_t(std::upper_bound(starts_.begin(), starts_.end(), uint32_t(offset)) - starts_.begin()) - 1;
            hits.push_back(i);
            at = base + (i + 1 < starts_.size() ? starts_[i + 1] : texts_.size());
        }
    }
    HitSet set;
    set.number = nextNumber_++;
    set.words = words;
    set.bits.assign(size_t(maxRowid_ / 64 + 1), 0);
    for (size_t i : hits) {
        size_t end = i + 1 < starts_.size() ? starts_[i + 1] - 1 : texts_.size() - 1;
        std::string_view text = all.substr(starts_[i], end - starts_[i]);
        bool every = std::all_of(words.begin(), words.end(),
                                 [&](const std::string& w) { return text.find(w) != std::string_view::npos; });
        if (!every) continue;
        set.bits[size_t(rowids_[i] / 64)] |= uint64_t(1) << (rowids_[i] % 64);
        set.count++;
    }
    if (sets_.size() == kKeptSets) sets_.erase(sets_.begin());
    sets_.push_back(std::move(set));
    return sets_.back().number;
}

int64_t SearchTexts::hitCount(int64_t number) const {
    const HitSet* set = find(number);
    return set ? set->count : 0;
}

const SearchTexts::HitSet* SearchTexts::find(int64_t number) const {
    for (const HitSet& set : sets_)
        if (set.number == number) return &set;
    return nullptr;
}

}  // namespace core
