#pragma once
// Errors that say where: every parser of user files throws sft::Error with the
// file, the 1-based line (0 = unknown), the record index (-1 = unknown) and the
// field, so the user can go straight to the bad spot.

#include <cstdint>
#include <stdexcept>
#include <string>

namespace sft {

/** A user-facing error with an optional location in an input file. */
class Error : public std::runtime_error
{
public:
    struct Location
    {
        std::string file;
        std::int64_t line = 0;     ///< 1-based; 0 when unknown
        std::int64_t column = 0;   ///< 1-based; 0 when unknown
        std::int64_t record = -1;  ///< 0-based record index; -1 when unknown
        std::string field;
    };

    explicit Error(const std::string &message)
        : std::runtime_error(message), m_message(message) {}
    Error(const std::string &message, Location where)
        : std::runtime_error(format(message, where)), m_message(message), m_where(std::move(where)) {}

    /** The message without the location prefix. */
    const std::string &message() const { return m_message; }
    const Location &where() const { return m_where; }

    static std::string format(const std::string &message, const Location &w)
    {
        std::string s = w.file;
        if (w.line > 0) {
            s += ':' + std::to_string(w.line);
            if (w.column > 0)
                s += ':' + std::to_string(w.column);
        }
        if (w.record >= 0)
            s += std::string(s.empty() ? "" : ": ") + "record " + std::to_string(w.record + 1);
        if (!w.field.empty())
            s += std::string(s.empty() ? "" : ", ") + "field \"" + w.field + '"';
        return s.empty() ? message : s + ": " + message;
    }

private:
    std::string m_message;
    Location m_where;
};

} // namespace sft
