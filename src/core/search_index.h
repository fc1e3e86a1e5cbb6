// Keeping the customer search index (FTS5 trigram, schema migrations 3-5) up to date without making every edit
// write it. An edit only notes the customer in search_backlog, with the text the index holds for it; searches
// read the index for the other customers and scan the search text of the noted ones, so results are always
// exact. The backlog is folded into the index in one step — at the end of a commit once it has grown
// (kSearchBacklogFoldRows: imports and sync fold at once, in their own transaction), or when the app is idle —
// so many edits share one new index segment instead of writing one each (a one-field edit stores ~40 KB, not ~60).
#pragma once

#include <cstdint>

#include "storage/database.h"

namespace core {

constexpr int64_t kSearchBacklogFoldRows = 256;

int64_t searchBacklogRows(storage::Database& db);

// Moves every noted customer's current search text into the index and empties the backlog; does nothing when the
// backlog is empty. Call inside a transaction (a failure part-way must roll back with it).
void foldSearchBacklog(storage::Database& db);

}  // namespace core
