// Code-point text operations with Python's semantics (see text.h).

#include "jinja/text.h"

#include <cstdio>

namespace sft::jinja::text {

namespace {

// Bytes that do not start a valid sequence decode to U+DC80 + byte.
constexpr char32_t kEscapeBase = 0xDC00;

bool isEscaped(char32_t c) { return c >= 0xDC80 && c <= 0xDCFF; }

} // namespace

std::u32string decode(std::string_view s)
{
    std::u32string out;
    out.reserve(s.size());
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const unsigned char b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            out.push_back(b);
            ++i;
            continue;
        }
        int len = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if ((b & 0xE0) == 0xC0) {
            len = 2, cp = b & 0x1F, min = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            len = 3, cp = b & 0x0F, min = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            len = 4, cp = b & 0x07, min = 0x10000;
        }
        bool ok = len > 0 && i + len <= n;
        for (int k = 1; ok && k < len; ++k) {
            const unsigned char c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80)
                ok = false;
            else
                cp = (cp << 6) | (c & 0x3F);
        }
        if (ok && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)))
            ok = false;
        if (!ok) {
            out.push_back(kEscapeBase + b);
            ++i;
            continue;
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}

void append(std::string &out, char32_t c)
{
    if (isEscaped(c)) {
        out.push_back(static_cast<char>(c - kEscapeBase));
    } else if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        if (c >= 0xD800 && c <= 0xDFFF)
            c = 0xFFFD;   // a lone surrogate (from a "\ud800" escape) has no UTF-8 form
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c <= 0x10FFFF) {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        append(out, 0xFFFD);
    }
}

std::string encode(std::u32string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (char32_t c : s)
        append(out, c);
    return out;
}

std::size_t length(std::string_view s)
{
    // Fast path for ASCII, the common case.
    bool ascii = true;
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) {
            ascii = false;
            break;
        }
    return ascii ? s.size() : decode(s).size();
}

bool isSpace(char32_t c)
{
    switch (c) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D:
    case 0x1C: case 0x1D: case 0x1E: case 0x1F: case 0x20:
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

namespace {

// Upper/lower pairs laid out as [upper, lower] ranges with a constant offset,
// or alternating even/odd pairs.
struct CaseRange
{
    char32_t first, last;   // range of upper-case letters
    int delta;               // lower = upper + delta (0: alternating pairs, upper first)
};

const CaseRange kRanges[] = {
    {0x41, 0x5A, 32},    {0xC0, 0xD6, 32},    {0xD8, 0xDE, 32},    {0x100, 0x12F, 0},
    {0x132, 0x137, 0},   {0x139, 0x148, 0},   {0x14A, 0x177, 0},   {0x179, 0x17E, 0},
    {0x391, 0x3A1, 32},  {0x3A3, 0x3AB, 32},  {0x400, 0x40F, 80},  {0x410, 0x42F, 32},
    {0x460, 0x481, 0},   {0x48A, 0x4BF, 0},   {0xFF21, 0xFF3A, 32},
};

bool alternatingUpper(char32_t c, const CaseRange &r)
{
    // Pairs start on the range's first code point: upper, lower, upper, ...
    const bool oddStart = (r.first % 2) == 1;
    return ((c % 2) == 1) == oddStart;
}

} // namespace

char32_t toLower(char32_t c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if (c == 0x130)
        return 'i';
    if (c == 0x178)
        return 0xFF;
    for (const CaseRange &r : kRanges) {
        if (r.delta != 0 && c >= r.first && c <= r.last)
            return c + r.delta;
        if (r.delta == 0 && c >= r.first && c <= r.last)
            return alternatingUpper(c, r) ? c + 1 : c;
    }
    return c;
}

char32_t toUpper(char32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') ? c - 32 : c;
    if (c == 0xFF)
        return 0x178;
    if (c == 0x131)
        return 'I';
    if (c == 0x17F)
        return 'S';
    if (c == 0x3C2)
        return 0x3A3;   // final sigma
    if (c == 0xB5)
        return 0x39C;   // micro sign
    for (const CaseRange &r : kRanges) {
        if (r.delta != 0 && c >= r.first + r.delta && c <= r.last + r.delta)
            return c - r.delta;
        if (r.delta == 0 && c >= r.first && c <= r.last)
            return alternatingUpper(c, r) ? c : c - 1;
    }
    return c;
}

bool isUpper(char32_t c) { return toLower(c) != c; }
bool isLower(char32_t c) { return toUpper(c) != c || c == 0xDF || c == 0x138 || c == 0x149; }
bool isCased(char32_t c) { return isUpper(c) || isLower(c); }

bool isDigit(char32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }

bool isAlpha(char32_t c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (isCased(c))
        return true;
    // Letters of caseless scripts: CJK, kana, hangul, and the main Indic /
    // Arabic / Hebrew / Thai blocks (their marks and digits are close enough).
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x3041 && c <= 0x30FF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x05D0 && c <= 0x05EA) || (c >= 0x0620 && c <= 0x064A) ||
           (c >= 0x0904 && c <= 0x0939) || (c >= 0x0E01 && c <= 0x0E30) || (c >= 0x20000 && c <= 0x2FA1F) ||
           c == 0xAA || c == 0xBA || c == 0xDF;
}

namespace {

template <typename F>
std::string mapChars(std::string_view s, F f)
{
    std::string out;
    out.reserve(s.size());
    for (char32_t c : decode(s))
        f(out, c);
    return out;
}

} // namespace

std::string upper(std::string_view s)
{
    return mapChars(s, [](std::string &out, char32_t c) {
        if (c == 0xDF) {
            out += "SS";   // German sharp s, as Python's full case mapping
            return;
        }
        append(out, toUpper(c));
    });
}

std::string lower(std::string_view s)
{
    return mapChars(s, [](std::string &out, char32_t c) { append(out, toLower(c)); });
}

std::string swapcase(std::string_view s)
{
    return mapChars(s, [](std::string &out, char32_t c) {
        append(out, isUpper(c) ? toLower(c) : isLower(c) ? toUpper(c) : c);
    });
}

std::string title(std::string_view s)
{
    bool previousCased = false;
    return mapChars(s, [&](std::string &out, char32_t c) {
        append(out, previousCased ? toLower(c) : toUpper(c));
        previousCased = isCased(c);
    });
}

std::string capitalize(std::string_view s)
{
    bool first = true;
    return mapChars(s, [&](std::string &out, char32_t c) {
        append(out, first ? toUpper(c) : toLower(c));
        first = false;
    });
}

std::string strip(std::string_view s, const std::u32string *chars, bool left, bool right)
{
    const std::u32string u = decode(s);
    auto drop = [&](char32_t c) { return chars ? chars->find(c) != std::u32string::npos : isSpace(c); };
    std::size_t b = 0;
    std::size_t e = u.size();
    if (left)
        while (b < e && drop(u[b]))
            ++b;
    if (right)
        while (e > b && drop(u[e - 1]))
            --e;
    return encode(std::u32string_view(u).substr(b, e - b));
}

std::vector<std::string> splitLines(std::string_view s)
{
    std::vector<std::string> lines;
    const std::u32string u = decode(s);
    std::size_t start = 0;
    std::size_t i = 0;
    while (i < u.size()) {
        const char32_t c = u[i];
        const bool br = c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E ||
                        c == 0x85 || c == 0x2028 || c == 0x2029;
        if (!br) {
            ++i;
            continue;
        }
        lines.push_back(encode(std::u32string_view(u).substr(start, i - start)));
        i += (c == '\r' && i + 1 < u.size() && u[i + 1] == '\n') ? 2 : 1;
        start = i;
    }
    if (start < u.size())
        lines.push_back(encode(std::u32string_view(u).substr(start)));
    return lines;
}

std::vector<std::string> splitWhitespace(std::string_view s, long long maxsplit, bool fromRight)
{
    const std::u32string u = decode(s);
    std::vector<std::string> parts;
    if (!fromRight) {
        std::size_t i = 0;
        while (true) {
            while (i < u.size() && isSpace(u[i]))
                ++i;
            if (i >= u.size())
                break;
            if (maxsplit >= 0 && static_cast<long long>(parts.size()) >= maxsplit) {
                parts.push_back(encode(std::u32string_view(u).substr(i)));   // the rest, trailing space kept
                break;
            }
            std::size_t j = i;
            while (j < u.size() && !isSpace(u[j]))
                ++j;
            parts.push_back(encode(std::u32string_view(u).substr(i, j - i)));
            i = j;
        }
        return parts;
    }
    std::size_t e = u.size();
    while (true) {
        while (e > 0 && isSpace(u[e - 1]))
            --e;
        if (e == 0)
            break;
        if (maxsplit >= 0 && static_cast<long long>(parts.size()) >= maxsplit) {
            parts.insert(parts.begin(), encode(std::u32string_view(u).substr(0, e)));   // leading space kept
            break;
        }
        std::size_t b = e;
        while (b > 0 && !isSpace(u[b - 1]))
            --b;
        parts.insert(parts.begin(), encode(std::u32string_view(u).substr(b, e - b)));
        e = b;
    }
    return parts;
}

std::vector<std::string> splitOn(std::string_view s, std::string_view sep, long long maxsplit, bool fromRight)
{
    std::vector<std::string> parts;
    if (!fromRight) {
        std::size_t start = 0;
        while (maxsplit < 0 || static_cast<long long>(parts.size()) < maxsplit) {
            const std::size_t at = s.find(sep, start);
            if (at == std::string_view::npos)
                break;
            parts.emplace_back(s.substr(start, at - start));
            start = at + sep.size();
        }
        parts.emplace_back(s.substr(start));
        return parts;
    }
    std::size_t end = s.size();
    std::vector<std::string> rev;
    while (maxsplit < 0 || static_cast<long long>(rev.size()) < maxsplit) {
        if (end < sep.size())
            break;
        const std::size_t at = s.rfind(sep, end - sep.size());
        if (at == std::string_view::npos)
            break;
        rev.emplace_back(s.substr(at + sep.size(), end - at - sep.size()));
        end = at;
    }
    rev.emplace_back(s.substr(0, end));
    return std::vector<std::string>(rev.rbegin(), rev.rend());
}

namespace {

bool isPrintable(char32_t c)
{
    if (c < 0x20 || c == 0x7F)
        return false;
    if (c < 0x7F)
        return true;
    if (c <= 0xA0 || c == 0xAD || c == 0x1680 || (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
        (c >= 0x205F && c <= 0x206F) || c == 0x3000 || (c >= 0xD800 && c <= 0xF8FF) || c == 0xFEFF ||
        (c >= 0xFFF9 && c <= 0xFFFB) || c == 0xFFFE || c == 0xFFFF || (c >= 0xE0000 && c <= 0xE007F) ||
        c >= 0xF0000 || (c >= 0x600 && c <= 0x605) || c == 0x61C || c == 0x6DD || c == 0x70F || c == 0x180E)
        return false;
    return true;
}

} // namespace

std::string repr(std::string_view s)
{
    const bool hasSingle = s.find('\'') != std::string_view::npos;
    const bool hasDouble = s.find('"') != std::string_view::npos;
    const char quote = (hasSingle && !hasDouble) ? '"' : '\'';
    std::string out(1, quote);
    char buf[16];
    for (char32_t c : decode(s)) {
        if (c == static_cast<char32_t>(quote) || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (isPrintable(c)) {
            append(out, c);
        } else {
            if (c <= 0xFF)
                std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
            else if (c <= 0xFFFF)
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
            else
                std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
            out += buf;
        }
    }
    out += quote;
    return out;
}

} // namespace sft::jinja::text
