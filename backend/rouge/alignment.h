#pragma once
// The LCS of two texts as aligned token byte ranges, for showing the common
// subsequence side by side (the GUI highlights aText[aBegin, aEnd) and
// bText[bBegin, bEnd) for every pair).

#include "rouge/score.h"
#include "rouge/tokenizer.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace sft::rouge {

/** One token of the LCS: its index and byte range in each text. */
struct AlignedPair
{
    std::uint32_t aToken = 0, bToken = 0;   ///< token indices in aTokens / bTokens
    std::uint32_t aBegin = 0, aEnd = 0;     ///< bytes in text a
    std::uint32_t bBegin = 0, bEnd = 0;     ///< bytes in text b
};

struct LcsAlignment
{
    std::vector<Token> aTokens;       ///< every token of a, with byte ranges
    std::vector<Token> bTokens;
    std::vector<AlignedPair> pairs;   ///< the LCS, increasing in both texts
    RougeScore score;                 ///< a as target, b as prediction
};

/**
 * Tokenizes both texts and returns one longest common subsequence (the one
 * rouge_score's lcs_ind backtracking picks). Memory is n·ceil(m/64) words
 * for m, n tokens, so even long outputs align quickly.
 */
LcsAlignment alignLcs(std::string_view a, std::string_view b, const TokenizerOptions &options = {});

} // namespace sft::rouge
