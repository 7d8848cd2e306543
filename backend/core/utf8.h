#pragma once
// UTF-8 validation and decoding helpers (strict: no overlongs, no surrogates).

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sft::utf8 {

/** Byte offset of the first invalid sequence, or npos when all of s is valid. */
std::size_t findInvalid(std::string_view s);
inline bool isValid(std::string_view s) { return findInvalid(s) == std::string_view::npos; }

/** Decode one code point at s[i], advance i; returns 0xFFFD on a bad sequence (advancing 1). */
char32_t decode(std::string_view s, std::size_t &i);

/** Append the UTF-8 encoding of cp. */
void append(std::string &out, char32_t cp);

/** 1-based line and column (in bytes) of byte offset pos in text. */
void lineColumn(std::string_view text, std::size_t pos, std::int64_t &line, std::int64_t &column);

} // namespace sft::utf8
