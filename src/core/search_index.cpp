// The search backlog's fold (see search_index.h). The index is an external-content FTS5 table: removing a
// customer's old entry needs the exact text that was indexed, which search_backlog.indexed_doc keeps.
#include "core/search_index.h"

namespace core {

int64_t searchBacklogRows(storage::Database& db) { return db.scalarInteger("SELECT count(*) FROM search_backlog"); }

void foldSearchBacklog(storage::Database& db) {
    if (db.scalarInteger("SELECT EXISTS (SELECT 1 FROM search_backlog)") == 0) return;
    db.exec("INSERT INTO customer_search(customer_search, rowid, search_doc) "
            "    SELECT 'delete', customer_rowid, indexed_doc FROM search_backlog WHERE indexed_doc <> '';"
            "INSERT INTO customer_search(rowid, search_doc) "
            "    SELECT c.rowid, c.search_doc FROM search_backlog b JOIN customers c ON c.rowid = b.customer_rowid "
            "    WHERE c.search_doc <> '';"
            "DELETE FROM search_backlog;");
}

}  // namespace core
