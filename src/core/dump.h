// The canonical dump: every live customer as JSON, sorted by id, keys sorted, one fixed layout. Two devices that
// have seen the same changes produce the same bytes, which is what `fieldcrm dump` and the sync tests compare.
// Read-only; not a backup (it leaves out tombstones and history) and not a sync file.
#pragma once

#include <string>

#include "core/customer_service.h"

namespace core {

std::string dumpCustomers(const CustomerService& customers);

}  // namespace core
