#pragma once
// Parsing JSON from user files with errors that say where: every nlohmann
// exception (syntax, invalid UTF-8, number overflow, ...) becomes an
// sft::Error "invalid JSON: ..." at file:line:column.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace sft {

/** A whole JSON document (line and column of an error computed from the byte offset). */
nlohmann::json parseJsonDocument(std::string_view text, const std::string &file);

/**
 * The 1-based line where the index-th element of the top-level JSON array in
 * text starts (0 when there is none): for pointing an error found after
 * parsing at its record. Scans the text; meant for the error path.
 */
std::int64_t arrayElementLine(std::string_view text, std::int64_t index);
/** One line of a JSON-lines file; lineNo is 1-based, record the 0-based record index or -1. */
nlohmann::json parseJsonLine(std::string_view line, const std::string &file, std::int64_t lineNo,
                             std::int64_t record = -1);

} // namespace sft
