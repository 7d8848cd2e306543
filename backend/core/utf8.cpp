#include "core/utf8.h"

#include <string>

namespace sft::utf8 {

namespace {
// Length of the valid sequence at s[i], or 0 when invalid.
std::size_t validLength(std::string_view s, std::size_t i)
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80)
        return 1;
    std::size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) n = 2;
    else if (b0 == 0xE0) { n = 3; lo = 0xA0; }
    else if (b0 >= 0xE1 && b0 <= 0xEC) n = 3;
    else if (b0 == 0xED) { n = 3; hi = 0x9F; }
    else if (b0 >= 0xEE && b0 <= 0xEF) n = 3;
    else if (b0 == 0xF0) { n = 4; lo = 0x90; }
    else if (b0 >= 0xF1 && b0 <= 0xF3) n = 4;
    else if (b0 == 0xF4) { n = 4; hi = 0x8F; }
    else return 0;
    if (i + n > s.size())
        return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b1 < lo || b1 > hi)
        return 0;
    for (std::size_t k = 2; k < n; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if (b < 0x80 || b > 0xBF)
            return 0;
    }
    return n;
}
} // namespace

std::size_t findInvalid(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        // Fast path over ASCII.
        if (static_cast<unsigned char>(s[i]) < 0x80) { ++i; continue; }
        const std::size_t n = validLength(s, i);
        if (n == 0)
            return i;
        i += n;
    }
    return std::string_view::npos;
}

char32_t decode(std::string_view s, std::size_t &i)
{
    const std::size_t n = validLength(s, i);
    if (n == 0) { ++i; return 0xFFFD; }
    const auto b0 = static_cast<unsigned char>(s[i]);
    char32_t cp;
    if (n == 1) cp = b0;
    else if (n == 2) cp = b0 & 0x1F;
    else if (n == 3) cp = b0 & 0x0F;
    else cp = b0 & 0x07;
    for (std::size_t k = 1; k < n; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    return cp;
}

void append(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

void lineColumn(std::string_view text, std::size_t pos, std::int64_t &line, std::int64_t &column)
{
    line = 1;
    std::size_t lineStart = 0;
    if (pos > text.size())
        pos = text.size();
    for (std::size_t i = 0; i < pos; ++i) {
        if (text[i] == '\n') { ++line; lineStart = i + 1; }
    }
    column = static_cast<std::int64_t>(pos - lineStart) + 1;
}

} // namespace sft::utf8
