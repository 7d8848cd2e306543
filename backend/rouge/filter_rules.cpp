// Text predicates for the heuristic rules: Python-compatible word and
// character counts, \b keyword search, repeated n-gram share.

#include "rouge/filter_rules.h"

#include "core/utf8.h"
#include "rouge/tokenizer.h"

#include <set>

namespace sft::rouge::rules {
namespace {

/** Python str.isspace() code points (what str.split() splits on). */
bool isPySpace(char32_t c)
{
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
        || c == 0x3000;
}

/** Approximation of Python's Unicode \w. */
bool isWordChar(char32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (isPySpace(c))
        return false;
    if (c >= 0xA1 && c <= 0xBF)  // Latin-1 punctuation and symbols, but ª µ º ¹ ² ³ ¼-¾ are \w
        return c == 0xAA || c == 0xB5 || c == 0xBA || c == 0xB2 || c == 0xB3 || c == 0xB9 || c >= 0xBC;
    if (c == 0xD7 || c == 0xF7)
        return false;
    if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE4F)
        || (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40)
        || (c >= 0xFF5B && c <= 0xFF65) || (c >= 0x1F000 && c <= 0x1FAFF) || c == 0xFFFD)
        return false;
    return true;
}

char lowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

/** The code point that ends just before byte pos (or 0 at the start). */
char32_t codePointBefore(std::string_view s, std::size_t pos)
{
    if (pos == 0)
        return 0;
    std::size_t start = pos - 1;
    while (start > 0 && pos - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
        --start;
    std::size_t i = start;
    const char32_t c = utf8::decode(s, i);
    return i == pos ? c : 0xFFFD;
}

char32_t codePointAt(std::string_view s, std::size_t pos)
{
    if (pos >= s.size())
        return 0;
    return utf8::decode(s, pos);
}

} // namespace

std::size_t wordCount(std::string_view text)
{
    std::size_t words = 0, i = 0;
    bool inWord = false;
    while (i < text.size()) {
        const char32_t c = utf8::decode(text, i);
        const bool space = isPySpace(c);
        if (!space && !inWord)
            ++words;
        inWord = !space;
    }
    return words;
}

std::size_t charCount(std::string_view text)
{
    std::size_t n = 0, i = 0;
    while (i < text.size()) {
        utf8::decode(text, i);
        ++n;
    }
    return n;
}

bool hasCjk(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size())
        if (isCjkTokenChar(utf8::decode(text, i)))
            return true;
    return false;
}

std::size_t findKeyword(std::string_view text, std::string_view keyword, bool wholeWord, bool ignoreCase)
{
    if (keyword.empty() || keyword.size() > text.size())
        return std::string_view::npos;
    const bool kwStartsWord = isWordChar(codePointAt(keyword, 0));
    const bool kwEndsWord = isWordChar(codePointBefore(keyword, keyword.size()));
    for (std::size_t pos = 0; pos + keyword.size() <= text.size(); ++pos) {
        bool match = true;
        for (std::size_t k = 0; k < keyword.size() && match; ++k)
            match = ignoreCase ? lowerAscii(text[pos + k]) == lowerAscii(keyword[k]) : text[pos + k] == keyword[k];
        if (!match)
            continue;
        if (wholeWord) {
            // \b: a word character on exactly one side.
            const bool before = isWordChar(codePointBefore(text, pos));
            const bool after = isWordChar(codePointAt(text, pos + keyword.size()));
            if (before == kwStartsWord || after == kwEndsWord)
                continue;
        }
        return pos;
    }
    return std::string_view::npos;
}

bool isAsciiPunctuation(char c)
{
    static const std::string_view punct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    return punct.find(c) != std::string_view::npos;
}

double repeatedNgramShare(std::string_view text, std::size_t n, std::size_t &total)
{
    total = 0;
    if (n == 0)
        return 0;
    TokenizerOptions opts;
    opts.kind = TokenizerKind::Cjk;
    const std::vector<std::string> words = Tokenizer(opts).words(text);
    if (words.size() < n)
        return 0;
    std::set<std::vector<std::string>> seen;
    std::size_t repeats = 0;
    for (std::size_t i = 0; i + n <= words.size(); ++i) {
        std::vector<std::string> gram(words.begin() + std::ptrdiff_t(i), words.begin() + std::ptrdiff_t(i + n));
        if (!seen.insert(std::move(gram)).second)
            ++repeats;
        ++total;
    }
    return double(repeats) / double(total);
}

} // namespace sft::rouge::rules
