// What is wrong in an imported file and where: the row (as Excel numbers it) or line, and a reason a sales rep can
// act on. Shared by the CSV and vCard readers; a FileFormatError means the file as a whole cannot be imported.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace core {

struct FileProblem {
    int64_t row = 0;      // CSV: the record's row as Excel shows it (header = 1); vCard: the card's number; 0 = none
    int64_t line = 0;     // the physical line, 1-based; 0 = not about a line
    std::string code;     // stable machine code ("unterminated_quote", "too_many_columns", "encoding", …)
    std::string message;  // English reason without the position

    // "row 5 (line 7): …", "line 7: …" or just the message.
    std::string describe() const {
        std::string where = row ? "row " + std::to_string(row) + (line ? " (line " + std::to_string(line) + ")" : "")
                                : line ? "line " + std::to_string(line) : "";
        return where.empty() ? message : where + ": " + message;
    }
};

// Thrown by the readers when a file cannot be read on: nothing of it should be imported.
struct FileFormatError : std::runtime_error {
    FileProblem problem;
    explicit FileFormatError(FileProblem p) : std::runtime_error(p.describe()), problem(std::move(p)) {}
};

}  // namespace core
