// Files in and out of the app, behind one interface with a twin per platform:
//   files_browser.cpp — out: a download (Blob + <a download>); in: the browser's file picker and files dropped on
//                       the window (shell/file_input.js), read whole and delivered to C++ asynchronously
//   files_native.cpp  — out: a file written to the given path; in: nothing (the CLI names its files)
// Callers build and interpret the bytes; this only moves them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace platform {

void saveFile(const std::string& fileName, const std::string& mimeType, const std::vector<uint8_t>& bytes);

// ---- opening files -----------------------------------------------------------------------------------------------
// A screen asks for a file with pickFile(requester, accept); the file the user chooses arrives a few frames later
// and waits until takeOpenedFile(requester) collects it (nothing arrives if the user cancels). Files dropped on
// the window arrive for kDroppedFile: the screen that is open may collect them, the app frame routes the rest. Several screens can use this at once;
// each sees only the files delivered for its own requester name.

constexpr const char* kDroppedFile = "dropped";

struct OpenedFile {
    std::string requester;       // who asked for it, or kDroppedFile
    std::string name;            // the file's name, without any folder
    std::vector<uint8_t> bytes;  // the whole file
    std::string error;           // set (and bytes empty) when the browser could not read the file
};

// Opens the file picker for one file. `accept` is an HTML accept list, e.g. ".json,application/json".
// Call it from a click handler: browsers open pickers only shortly after a user action.
void pickFile(const std::string& requester, const std::string& accept);

// The oldest file delivered for `requester` that nobody has taken yet.
std::optional<OpenedFile> takeOpenedFile(const std::string& requester);

// Dropped files the open screen did not take this frame, for the app's frame to route (by name or contents) or
// refuse; call once per frame, after every screen had its chance.
std::vector<OpenedFile> takeUntakenDrops();

// True while files are dragged over the window (a screen can show where a drop would go).
bool filesDraggedOver();

}  // namespace platform
