// Record ids: time-ordered (version 7) UUIDs, whose random bits keep records made on different devices apart; and
// name-based (version 5) UUIDs for records that two devices must create with the same id (a tag of one name, a link).
#pragma once

#include <string>

namespace core {

std::string newUuid();
bool isUuid(const std::string& text);
// RFC 4122 version 5 (SHA-1) of `name` in the namespace `space` (itself a UUID): the same inputs give the same id
// on every device. nameUuid(kFieldCrmNamespace, "tag:vip").
std::string nameUuid(const std::string& space, const std::string& name);
inline const std::string kFieldCrmNamespace = "6f1c9a52-2d4b-5e0f-9a7c-3b8e1d4f6a20";

}  // namespace core
