#pragma once
// Hand-written matchers for the pre-tokenizer regexes that real tokenizer.json
// files use (GPT-2's ByteLevel regex, the Qwen2/Qwen3 Split regex and the
// Llama-3 Split regex), exact to Oniguruma's leftmost-alternative semantics,
// plus literal-string splitting and the HF split behaviors.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sft::tok {

/** The regexes we know, recognised by their exact pattern text. */
enum class RegexKind {
    Gpt2,     ///< 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
    Qwen2,    ///< (?i:'s|...)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
    Llama3    ///< the Qwen2 pattern with \p{N}{1,3}
};

/** The pattern text of kind (as tokenizer.json writes it). */
const char *regexPattern(RegexKind kind);
/** The kind whose pattern is exactly `pattern`; false when we do not know it. */
bool recognizeRegex(const std::string &pattern, RegexKind &kind);

/** How matches become pieces (HF SplitDelimiterBehavior). */
enum class SplitBehavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

using Span = std::pair<std::size_t, std::size_t>;   ///< [begin, end) byte offsets

/** Byte spans of all regex matches in s (valid UTF-8), left to right. */
void findRegexMatches(RegexKind kind, std::string_view s, std::vector<Span> &matches);
/** Byte spans of all non-overlapping occurrences of literal in s. */
void findLiteralMatches(std::string_view literal, std::string_view s, std::vector<Span> &matches);

/** Turn matches into the non-empty pieces that `behavior` (and `invert`) keep. */
void applySplitBehavior(std::size_t length, const std::vector<Span> &matches, SplitBehavior behavior, bool invert,
                        std::vector<Span> &pieces);

} // namespace sft::tok
