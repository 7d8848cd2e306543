#pragma once
// RFC 4180 CSV: comma separated, fields optionally in double quotes ("" is a
// quote inside), quoted fields may span lines; CRLF or LF line ends.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sft::csv {

struct Row
{
    std::vector<std::string> fields;
    std::int64_t line = 0;  ///< 1-based line where the row starts
};

/** Parse all rows; throws sft::Error (file, line, column) on an unterminated quote or stray quote. */
std::vector<Row> parse(std::string_view text, const std::string &file);

/** Quote a field when it needs it. */
std::string quote(std::string_view field);

} // namespace sft::csv
