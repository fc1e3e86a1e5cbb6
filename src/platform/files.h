// Handing a file to the user, behind one interface with a twin per platform:
//   files_browser.cpp — a download (Blob + <a download>); the browser asks where to save it
//   files_native.cpp  — a file written to the given path
// Callers build the bytes; this only delivers them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace platform {

void saveFile(const std::string& fileName, const std::string& mimeType, const std::vector<uint8_t>& bytes);

}  // namespace platform
