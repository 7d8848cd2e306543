#pragma once
// Python's view of text for the interpreter: strings are UTF-8 bytes, but
// len(), indexes, slices, strip() and upper() work on code points the way
// Python's str does. Invalid UTF-8 bytes survive a decode / encode round trip
// (as the lone surrogates U+DC80..U+DCFF, like Python's surrogateescape), so a
// hostile template can never make a string grow or crash the decoder.
// Case mapping covers ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic and
// the full-width Latin letters; other scripts are caseless here.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sft::jinja::text {

std::u32string decode(std::string_view s);
std::string encode(std::u32string_view s);
void append(std::string &out, char32_t c);
/** Number of code points (what Python's len() gives). */
std::size_t length(std::string_view s);

/** str.isspace() of one character (Unicode whitespace, as Python defines it). */
bool isSpace(char32_t c);
bool isUpper(char32_t c);
bool isLower(char32_t c);
bool isCased(char32_t c);
bool isAlpha(char32_t c);
bool isDigit(char32_t c);
char32_t toUpper(char32_t c);
char32_t toLower(char32_t c);

std::string upper(std::string_view s);
std::string lower(std::string_view s);
/** str.title(): a letter after a cased letter is lowered, any other is raised. */
std::string title(std::string_view s);
/** str.capitalize(): the first character raised, the rest lowered. */
std::string capitalize(std::string_view s);
std::string swapcase(std::string_view s);

/** str.strip / lstrip / rstrip: chars == nullptr strips whitespace. */
std::string strip(std::string_view s, const std::u32string *chars, bool left, bool right);
/** str.splitlines() (no keepends): \n \r \r\n \v \f \x1c-\x1e \x85 \u2028 \u2029. */
std::vector<std::string> splitLines(std::string_view s);
/** str.split() without a separator: runs of whitespace, maxsplit < 0 = all. */
std::vector<std::string> splitWhitespace(std::string_view s, long long maxsplit, bool fromRight);
/** str.split(sep) / rsplit(sep); sep must not be empty. */
std::vector<std::string> splitOn(std::string_view s, std::string_view sep, long long maxsplit, bool fromRight);

/** Python repr() of a string: quotes chosen as Python does, escapes as Python does. */
std::string repr(std::string_view s);

} // namespace sft::jinja::text
