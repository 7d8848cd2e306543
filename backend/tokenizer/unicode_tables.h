#pragma once
// Declarations of the generated Unicode tables (unicode_tables.cpp, written by
// gen_unicode_tables.py from Python's unicodedata). Only unicode.cpp reads them.

#include <cstddef>
#include <cstdint>

namespace sft::unicode::tables {

struct Range { char32_t first; char32_t last; };
struct CombiningRange { char32_t first; char32_t last; std::uint8_t ccc; };
struct Decomposition { char32_t cp; std::uint16_t offset; std::uint8_t length; };
struct Composition { char32_t first; char32_t second; char32_t composite; };

extern const char *const kUnicodeVersion;
extern const Range kLetters[];
extern const std::size_t kLettersCount;
extern const Range kNumbers[];
extern const std::size_t kNumbersCount;
extern const Range kNfcCheck[];
extern const std::size_t kNfcCheckCount;
extern const Range kWordChars[];
extern const std::size_t kWordCharsCount;
extern const CombiningRange kCombining[];
extern const std::size_t kCombiningCount;
extern const Decomposition kDecompositions[];
extern const std::size_t kDecompositionCount;
extern const char32_t kDecompositionData[];
extern const Composition kCompositions[];
extern const std::size_t kCompositionCount;

} // namespace sft::unicode::tables
