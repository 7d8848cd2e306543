#pragma once
// Which ROUGE tokenizer suits a set of texts. rouge_score's tokenizer drops
// every non-ASCII character, so Chinese, Japanese and Korean text has no
// tokens and all its pairs score 0: its near-duplicates are never found. The
// cjk tokenizer gives text without CJK characters exactly the rouge
// tokenizer's tokens, so choosing it costs the other records nothing; it is
// chosen when CJK characters make up a noticeable share of the tokens of an
// evenly spaced sample. Below that share CJK text is incidental (a name, a
// quoted word) and rouge_score's own tokenizer, comparable bit for bit with
// published filters, is kept.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rouge/tokenizer.h"

namespace sft::rouge {

/** Token counts of some texts under the cjk tokenizer. */
struct ScriptCount
{
    std::int64_t texts = 0;       ///< texts counted
    std::int64_t tokens = 0;      ///< all tokens (ASCII words and CJK characters)
    std::int64_t cjkTokens = 0;   ///< tokens that are one CJK character

    /** Counts one text. */
    void add(std::string_view text);
    /** cjkTokens / tokens; 0 without tokens. */
    double cjkShare() const { return tokens > 0 ? double(cjkTokens) / double(tokens) : 0.0; }
};

/** The automatic choice and what it was based on. */
struct TokenizerChoice
{
    TokenizerKind kind = TokenizerKind::Rouge;
    ScriptCount sample;
};

/** From this share of CJK tokens on, chooseTokenizer() picks cjk. */
constexpr double cjkShareThreshold = 0.02;
/** At most this many texts are counted by default. */
constexpr std::size_t tokenizerSampleSize = 2000;

/**
 * The indices of an evenly spaced sample of at most maxSample out of n
 * (all of 0..n-1 when n <= maxSample), ascending, first index 0.
 */
std::vector<std::size_t> evenSample(std::size_t n, std::size_t maxSample);

/**
 * Counts an evenly spaced sample of texts and picks cjk when the share of
 * CJK tokens is at least threshold, rouge otherwise (also when there are no
 * tokens at all).
 */
TokenizerChoice chooseTokenizer(const std::vector<std::string> &texts, std::size_t maxSample = tokenizerSampleSize,
                                double threshold = cjkShareThreshold);

} // namespace sft::rouge
