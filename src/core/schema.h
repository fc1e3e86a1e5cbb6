// Schema migrations: numbered, forward-only steps; PRAGMA user_version records the last one applied.
// A database from a newer app version (user_version above what we know) is refused, never altered.
#pragma once

#include "storage/database.h"

namespace core {

int latestSchemaVersion();
// Applies every pending migration up to `target`, each in its own transaction. Throws on a newer or broken schema.
void migrate(storage::Database& db, int target = latestSchemaVersion());

// Makes the objects a writing connection needs that are not stored (temp tables and triggers); after migrate().
void prepareConnection(storage::Database& db);
// Rebuilds customers.search_doc of the customers written since the last call (inside the writing transaction),
// and notes them in temp.search_changed for the in-memory search texts (SearchTexts::refresh takes them out).
void refreshSearchDocs(storage::Database& db);

}  // namespace core
