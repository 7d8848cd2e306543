#pragma once
// Unicode character classes and NFC normalization for the tokenizer, from the
// generated range tables: the regex classes \p{L}, \p{N}, \s of the
// pre-tokenizer patterns (Oniguruma semantics) and the NFC normalizer.

#include <cstdint>
#include <string>
#include <string_view>

namespace sft::unicode {

/** Character class used by the pre-tokenizer matchers. */
enum class CharClass : std::uint8_t {
    Letter,      ///< general category L*
    Number,      ///< general category N*
    LineBreak,   ///< \r or \n (also whitespace)
    Space,       ///< other whitespace (\s: 9-D, 0x85, Zs, Zl, Zp)
    Other        ///< anything else
};

bool isLetter(char32_t cp);
bool isNumber(char32_t cp);
/** White_Space as Oniguruma's \s and Rust's char::is_whitespace define it. */
bool isWhitespace(char32_t cp);
CharClass classify(char32_t cp);
/** Regex \\w of Rust's regex crate (Alphabetic, marks, Nd, Pc, Join_Control). */
bool isWordChar(char32_t cp);

/** Canonical combining class (0 for starters). */
int combiningClass(char32_t cp);

/** True when s certainly is in NFC already (no code point that NFC could change). */
bool isNfcQuick(std::string_view s);
/** NFC of valid UTF-8 s. */
std::string toNfc(std::string_view s);
/** NFD of valid UTF-8 s. */
std::string toNfd(std::string_view s);

/** The Unicode version of the tables. */
const char *tablesVersion();

} // namespace sft::unicode
