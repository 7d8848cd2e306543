#pragma once
// The configurable stages of a tokenizer.json around the model: normalizer,
// pre-tokenizer, post-processor and decoder, parsed from their JSON (types
// we do not implement are refused by name) and applied as HF applies them.

#include "tokenizer/json_fields.h"
#include "tokenizer/pretokenizer.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sft::tok {

/** One normalizer (a Sequence is flattened into a list of these). */
struct NormalizerStep
{
    enum class Kind { Nfc, Nfd, Prepend, Replace, Strip };
    Kind kind = Kind{};
    std::string text;          ///< Prepend: prefix; Replace: pattern
    std::string content;       ///< Replace: replacement
    bool left = false, right = false;   ///< Strip
};

/** One pre-tokenizer (a Sequence is flattened). */
struct PreTokenizerStep
{
    enum class Kind { SplitRegex, SplitLiteral, ByteLevel, Metaspace };
    enum class Prepend { Always, First, Never };
    Kind kind = Kind{};
    RegexKind regex = RegexKind::Gpt2;
    std::string literal;
    SplitBehavior behavior = SplitBehavior::Isolated;
    bool invert = false;
    bool addPrefixSpace = false;    ///< ByteLevel
    bool useRegex = false;          ///< ByteLevel
    std::string replacement;        ///< Metaspace
    Prepend prepend = Prepend::Always;
    bool split = true;              ///< Metaspace
};

/** One decoder (a Sequence is flattened). */
struct DecoderStep
{
    enum class Kind { ByteLevel, Replace, ByteFallback, Fuse, Strip, Metaspace };
    Kind kind = Kind{};
    std::string pattern, content;   ///< Replace; Strip: content
    std::size_t start = 0, stop = 0;   ///< Strip
    std::string replacement;        ///< Metaspace
    bool prependFirst = true;       ///< Metaspace: strip the first token's leading space
};

/** One post-processor piece (Sequence flattened): what add_special_tokens adds. */
struct PostStep
{
    /** Items in order: an empty list stands for the sequence A, else the special ids to add. */
    std::vector<std::vector<std::int32_t>> items;
};

std::vector<NormalizerStep> parseNormalizer(const JsonField &f);
std::vector<PreTokenizerStep> parsePreTokenizer(const JsonField &f);
std::vector<DecoderStep> parseDecoder(const JsonField &f);
/** tokenId resolves a token string of a post-processor to its id (-1 when unknown). */
std::vector<PostStep> parsePostProcessor(const JsonField &f, const std::function<std::int32_t(const std::string &)> &tokenId);

/** [begin, end) of s (valid UTF-8) without its leading (left) and trailing (right) Unicode whitespace. */
std::pair<std::size_t, std::size_t> stripBounds(const std::string &s, bool left, bool right);
/** Apply the normalizers to s (valid UTF-8). */
std::string normalize(const std::vector<NormalizerStep> &steps, std::string_view s);
/** Decode a token list to text as the decoders say (none: tokens joined by spaces). */
std::string decodeTokens(const std::vector<DecoderStep> &steps, std::vector<std::string> tokens);
/**
 * Add the post-processor's special ids around ids (add_special_tokens=true).
 * With offsets (one per id, into a text of textEnd bytes), the added ids get
 * empty ranges: at the text's start for those before it, at its end after it.
 */
void postProcess(const std::vector<PostStep> &steps, std::vector<std::int32_t> &ids, std::vector<Span> *offsets = nullptr,
                 std::size_t textEnd = 0);

/** UTF-8 from bytes, each maximal invalid subsequence replaced by U+FFFD (Rust from_utf8_lossy). */
std::string utf8Lossy(std::string_view bytes);

} // namespace sft::tok
