#include "core/json.h"

#include "core/error.h"
#include "core/utf8.h"

namespace sft {

namespace {

// nlohmann: "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
//           "[json.exception.out_of_range.406] number overflow parsing '1e999'"
std::string message(const nlohmann::json::exception &e)
{
    std::string m = e.what();
    if (m.rfind("[json.exception.", 0) == 0) {
        if (const auto close = m.find("] "); close != std::string::npos)
            m = m.substr(close + 2);
    }
    if (m.rfind("parse error", 0) == 0) {
        if (const auto pos = m.find(": "); pos != std::string::npos)
            m = m.substr(pos + 2);
    }
    return "invalid JSON: " + m;
}

// The whitespace std::isspace knows in the C locale (a file's own bytes, never its locale).
bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

} // namespace

std::int64_t arrayElementLine(std::string_view text, std::int64_t index)
{
    int depth = 0;
    bool inString = false;
    std::int64_t line = 1, element = -1;
    bool expectElement = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') ++line;
        if (inString) {
            if (c == '\\') ++i;
            else if (c == '"') inString = false;
            continue;
        }
        if (depth == 1 && expectElement && !isJsonSpace(c)) {
            if (++element == index)
                return line;
            expectElement = false;
        }
        switch (c) {
        case '"': inString = true; break;
        case '[': case '{':
            ++depth;
            if (depth == 1) expectElement = true;
            break;
        case ']': case '}': --depth; break;
        case ',': if (depth == 1) expectElement = true; break;
        default: break;
        }
    }
    return 0;
}

nlohmann::json parseJsonDocument(std::string_view text, const std::string &file)
{
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error &e) {
        Error::Location at{file, 0, 0, -1, {}};
        utf8::lineColumn(text, e.byte > 0 ? e.byte - 1 : 0, at.line, at.column);
        throw Error(message(e), at);
    } catch (const nlohmann::json::exception &e) {
        // e.g. out_of_range 406: a number literal too large for a double
        throw Error(message(e), {file, 0, 0, -1, {}});
    }
}

nlohmann::json parseJsonLine(std::string_view line, const std::string &file, std::int64_t lineNo, std::int64_t record)
{
    try {
        return nlohmann::json::parse(line.begin(), line.end());
    } catch (const nlohmann::json::parse_error &e) {
        throw Error(message(e), {file, lineNo, std::int64_t(e.byte), record, {}});
    } catch (const nlohmann::json::exception &e) {
        throw Error(message(e), {file, lineNo, 0, record, {}});
    }
}

} // namespace sft
