// Record ids: random (version 4) UUIDs, so records made on different devices never collide.
#pragma once

#include <string>

namespace core {

std::string newUuid();
bool isUuid(const std::string& text);

}  // namespace core
