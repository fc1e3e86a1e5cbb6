// The in-memory search texts (see search_texts.h): one buffer, one pass per word, hit sets as bitsets by rowid.
//
// Index: substring scan · search_hit() · the copy · matching
#include "core/search_texts.h"

#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <string_view>

#include "core/write_path.h"

namespace core {

static constexpr size_t kKeptSets = 4;  // a list runs a count, a page and anchors for one query: a few suffice

// ---- substring scan ----------------------------------------------------------------------------------------------

// The first occurrence of `needle` in [at, end), or nullptr. Eight positions are tested at a time, in 64-bit words
// (W. Muła's "SIMD-friendly" substring search, in plain integers so the wasm build gets it too): a position can
// start the needle only if its byte is the needle's first and the byte needle.size() - 1 further on is its last;
// only those candidates are compared whole. Typing "王" (3 bytes, its first byte shared by thousands of common
// characters) is what memmem was slow at; this looks at the first and the last byte together.
static const char* findSubstring(const char* at, const char* end, std::string_view needle) {
    const size_t k = needle.size();
    if (k == 0 || size_t(end - at) < k) return nullptr;
    if (k == 1) return static_cast<const char*>(std::memchr(at, needle[0], size_t(end - at)));
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
    const uint64_t first = kOnes * uint8_t(needle[0]), last = kOnes * uint8_t(needle[k - 1]);
    const char* stop = end - (k - 1);  // positions before stop can start the needle
    for (; stop - at >= 8; at += 8) {
        uint64_t head, tail;
        std::memcpy(&head, at, 8);
        std::memcpy(&tail, at + k - 1, 8);  // within the buffer: at + 8 <= stop
        uint64_t zero = (head ^ first) | (tail ^ last);  // a zero byte where both ends match
        // High bit of each zero byte (and, after a borrow, perhaps of bytes above one: the compare sorts them out).
        // Byte j of the word is position at + j: x86 and wasm are little-endian.
        for (uint64_t m = (zero - kOnes) & ~zero & kHighs; m; m &= m - 1) {
            const char* candidate = at + std::countr_zero(m) / 8;
            if (std::memcmp(candidate, needle.data(), k) == 0) return candidate;
        }
    }
    for (; at < stop; at++)
        if (*at == needle[0] && std::memcmp(at, needle.data(), k) == 0) return at;
    return nullptr;
}

static bool contains(std::string_view text, std::string_view word) {
    return findSubstring(text.data(), text.data() + text.size(), word) != nullptr;
}

// ---- search_hit() ------------------------------------------------------------------------------------------------

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

// ---- the copy ----------------------------------------------------------------------------------------------------

SearchTexts::SearchTexts(storage::Database& db, const WritePath& writes) : db_(db), writes_(writes) {
    sqlite3_create_function_v2(db.handle(), "search_hit", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, this,
                               SearchHitFunction::call, nullptr, nullptr, nullptr);
}

// A few changed customers are merged into the copy (one pass over the buffer, no SQL but theirs); many, or a copy
// not made yet, mean reading every live customer's text again.
void SearchTexts::refresh() {
    if (builtAtCommit_ == writes_.commits()) return;
    sets_.clear();
    places_.clear();
    bool readAll = builtAtCommit_ == UINT64_MAX ||
                   db_.scalarInteger("SELECT count(*) FROM temp.search_changed") * kMergeAtMost > int64_t(rowids_.size());
    if (readAll) {
        readEveryText();
    } else {
        // CROSS JOIN: from the few changed ids to their rows (the planner, knowing no sizes, would walk customers).
        storage::Statement s = db_.prepare(
            "SELECT c.rowid, c.deleted, c.search_doc FROM temp.search_changed n CROSS JOIN customers c "
            "ON c.id = n.customer_id ORDER BY c.rowid");
        std::vector<ChangedText> changed;
        while (s.step()) changed.push_back({s.integer(0), s.integer(1) == 0, s.text(2)});
        mergeChanged(changed);
    }
    db_.exec("DELETE FROM temp.search_changed");
    builtAtCommit_ = writes_.commits();
}

void SearchTexts::readEveryText() {
    texts_.clear();
    starts_.clear();
    rowids_.clear();
    maxRowid_ = 0;
    // NOT INDEXED: one pass through the table in rowid order, not a row fetch per entry of an index on deleted.
    storage::Statement s = db_.prepare("SELECT rowid, search_doc FROM customers NOT INDEXED WHERE deleted = 0");
    while (s.step()) append(s.integer(0), s.text(1));
}

void SearchTexts::append(int64_t rowid, std::string_view text) {
    rowids_.push_back(rowid);
    maxRowid_ = std::max(maxRowid_, rowid);
    starts_.push_back(uint32_t(texts_.size()));
    texts_ += text;
    texts_ += '\0';
}

// The copy again, in rowid order, with `changed` (by rowid) in place of what it held for them: a changed customer
// that is no longer live leaves, a new one joins. The texts between two changed customers are copied as one block.
void SearchTexts::mergeChanged(const std::vector<ChangedText>& changed) {
    std::string oldTexts;
    std::vector<int64_t> oldRowids;
    std::vector<uint32_t> oldStarts;
    oldTexts.swap(texts_);
    oldRowids.swap(rowids_);
    oldStarts.swap(starts_);
    texts_.reserve(oldTexts.size() + changed.size() * 64);
    rowids_.reserve(oldRowids.size() + changed.size());
    starts_.reserve(oldStarts.size() + changed.size());
    maxRowid_ = 0;
    auto copyOld = [&](size_t from, size_t to) {  // old entries [from, to)
        if (from == to) return;
        size_t bytesFrom = oldStarts[from], bytesTo = to < oldStarts.size() ? oldStarts[to] : oldTexts.size();
        uint32_t shift = uint32_t(texts_.size()) - uint32_t(bytesFrom);  // unsigned: wraps back when it moves down
        texts_.append(oldTexts, bytesFrom, bytesTo - bytesFrom);
        for (size_t k = from; k < to; k++) starts_.push_back(oldStarts[k] + shift);
        rowids_.insert(rowids_.end(), oldRowids.begin() + ptrdiff_t(from), oldRowids.begin() + ptrdiff_t(to));
        maxRowid_ = std::max(maxRowid_, oldRowids[to - 1]);
    };
    size_t i = 0;  // the next old entry not yet copied
    for (const ChangedText& c : changed) {
        size_t at = size_t(std::lower_bound(oldRowids.begin() + ptrdiff_t(i), oldRowids.end(), c.rowid) - oldRowids.begin());
        copyOld(i, at);
        i = at < oldRowids.size() && oldRowids[at] == c.rowid ? at + 1 : at;  // its old text goes
        if (c.live) append(c.rowid, c.text);
    }
    copyOld(i, oldRowids.size());
}

// ---- matching ----------------------------------------------------------------------------------------------------

// True when every text holding all of `wider` holds all of `narrower` too: each word of `wider` occurs in a word of
// `narrower` (typing on: "王" then "王伟", "li" then "li lei").
static bool narrows(const std::vector<std::string>& narrower, const std::vector<std::string>& wider) {
    return std::all_of(wider.begin(), wider.end(), [&](const std::string& w) {
        return std::any_of(narrower.begin(), narrower.end(),
                           [&](const std::string& n) { return n.find(w) != std::string::npos; });
    });
}

std::string_view SearchTexts::text(size_t i) const {
    size_t end = i + 1 < starts_.size() ? starts_[i + 1] - 1 : texts_.size() - 1;
    return std::string_view(texts_).substr(starts_[i], end - starts_[i]);
}

int64_t SearchTexts::matchAll(const std::vector<std::string>& words) {
    refresh();
    for (const HitSet& set : sets_)  // a list asks for the count, the first page and anchors with the same words
        if (set.words == words) return set.number;
    HitSet set;
    set.number = nextNumber_++;
    set.words = words;
    auto holdsAll = [&](size_t i, const std::vector<std::string>& some) {
        return std::all_of(some.begin(), some.end(), [&](const std::string& w) { return contains(text(i), w); });
    };
    // A query typed on from a kept one matches a subset of its customers: only their texts are read.
    const HitSet* from = nullptr;
    for (const HitSet& kept : sets_)
        if (narrows(words, kept.words) && (!from || kept.members.size() < from->members.size())) from = &kept;
    if (from) {
        // Only the words the kept set was not made with need looking for ("trade f" then "trade fa": "fa").
        std::vector<std::string> fresh;
        for (const std::string& w : words)
            if (std::find(from->words.begin(), from->words.end(), w) == from->words.end()) fresh.push_back(w);
        for (uint32_t i : from->members)
            if (holdsAll(i, fresh)) set.members.push_back(i);
    } else if (!words.empty()) {
        // The longest word is looked for in the whole buffer (the fewest false starts); each hit names a customer,
        // whose text the other words are then looked for in.
        size_t longest = 0;
        for (size_t w = 1; w < words.size(); w++)
            if (words[w].size() > words[longest].size()) longest = w;
        // A word holds no NUL, so a hit lies inside one text: with one word the hit is the match.
        const char* base = texts_.data();
        const char* end = base + texts_.size();
        const size_t n = starts_.size();
        size_t i = 0;  // the text of the last hit: the next hit is in a later one (or, at first, in text 0)
        for (const char* at = base; at < end;) {
            const char* found = findSubstring(at, end, words[longest]);
            if (!found) break;
            // The hit's text: the next one when hits are dense (a common letter), else a binary search after it.
            uint32_t offset = uint32_t(found - base);
            if (i + 1 < n && starts_[i + 1] <= offset) {
                i++;
                if (i + 1 < n && starts_[i + 1] <= offset)
                    i = size_t(std::upper_bound(starts_.begin() + ptrdiff_t(i) + 1, starts_.end(), offset) -
                               starts_.begin()) - 1;
            }
            if (words.size() == 1 || holdsAll(i, words)) set.members.push_back(uint32_t(i));
            at = base + (i + 1 < starts_.size() ? starts_[i + 1] : texts_.size());
        }
    }
    set.bits.assign(size_t(maxRowid_ / 64 + 1), 0);
    for (uint32_t i : set.members) set.bits[size_t(rowids_[i] / 64)] |= uint64_t(1) << (rowids_[i] % 64);
    set.count = int64_t(set.members.size());
    if (sets_.size() == kKeptSets) sets_.erase(sets_.begin());
    sets_.push_back(std::move(set));
    return sets_.back().number;
}

int64_t SearchTexts::hitCount(int64_t number) const {
    const HitSet* set = find(number);
    return set ? set->count : 0;
}

const std::vector<uint32_t>& SearchTexts::places(const std::string& orderSql) {
    refresh();
    auto [it, added] = places_.try_emplace(orderSql);
    if (added) {
        std::vector<uint32_t>& place = it->second;
        place.assign(size_t(maxRowid_ + 1), kNotListed);
        storage::Statement s = db_.prepare("SELECT c.rowid FROM customers c WHERE c.deleted = 0 ORDER BY " + orderSql);
        for (uint32_t next = 0; s.step(); next++) {
            int64_t rowid = s.integer(0);
            if (rowid >= 0 && rowid <= maxRowid_) place[size_t(rowid)] = next;
        }
    }
    return it->second;
}

std::vector<int64_t> SearchTexts::hitRowids(int64_t number) const {
    std::vector<int64_t> out;
    if (const HitSet* set = find(number))
        for (uint32_t i : set->members) out.push_back(rowids_[i]);
    return out;
}

const SearchTexts::HitSet* SearchTexts::find(int64_t number) const {
    for (const HitSet& set : sets_)
        if (set.number == number) return &set;
    return nullptr;
}

}  // namespace core
