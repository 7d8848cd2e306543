#include "data/csv.h"

#include "core/error.h"

namespace sft::csv {

std::vector<Row> parse(std::string_view text, const std::string &file)
{
    std::vector<Row> rows;
    std::size_t i = 0;
    std::int64_t line = 1;
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        i = 3; // UTF-8 BOM
    while (i < text.size()) {
        Row row;
        row.line = line;
        std::string field;
        bool rowDone = false;
        while (!rowDone) {
            field.clear();
            if (i < text.size() && text[i] == '"') {
                const std::int64_t startLine = line;
                std::size_t lineStart = text.rfind('\n', i);
                const std::int64_t col = std::int64_t(i - (lineStart == std::string_view::npos ? 0 : lineStart + 1)) + 1;
                ++i;
                for (;;) {
                    if (i >= text.size())
                        throw Error("unterminated quoted field", {file, startLine, col, -1, {}});
                    const char c = text[i++];
                    if (c == '"') {
                        if (i < text.size() && text[i] == '"') { field += '"'; ++i; continue; }
                        break;
                    }
                    if (c == '\n')
                        ++line;
                    field += c;
                }
                if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                    throw Error("unexpected character after a closing quote", {file, line, 0, -1, {}});
            } else {
                while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    if (text[i] == '"')
                        throw Error("quote inside an unquoted field (quote the whole field and double the quote)",
                                    {file, line, 0, -1, {}});
                    field += text[i++];
                }
            }
            row.fields.push_back(field);
            if (i >= text.size()) {
                rowDone = true;
            } else if (text[i] == ',') {
                ++i;
            } else {
                if (text[i] == '\r') ++i;
                if (i < text.size() && text[i] == '\n') ++i;
                ++line;
                rowDone = true;
            }
        }
        // Skip blank lines (a single empty field).
        if (!(row.fields.size() == 1 && row.fields[0].empty()))
            rows.push_back(std::move(row));
    }
    return rows;
}

std::string quote(std::string_view field)
{
    if (field.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(field);
    std::string s = "\"";
    for (char c : field) {
        if (c == '"') s += '"';
        s += c;
    }
    s += '"';
    return s;
}

} // namespace sft::csv
