// Suggests which customer field each column of an imported file fills, from its header in Chinese or English as
// real files write it ("手机号码", "E-mail Address", "Organization 1 - Name", "ＥＭＡＩＬ（必填）"). Suggestions only:
// the user confirms or changes them in the import's mapping step. No parsing of files, no database.
#pragma once

#include <string>
#include <vector>

namespace core {

// For each header, the field it most likely fills, or "" for none. Fields: name, phone, email, company, country,
// province, city, district, address, tags, notes, source, owner. A field goes to one column at most: the
// best-matching one, the leftmost on a tie.
std::vector<std::string> suggestColumnFields(const std::vector<std::string>& headers);

}  // namespace core
