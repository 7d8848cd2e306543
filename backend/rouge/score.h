#pragma once
// ROUGE-L of two texts, computed as rouge_score's _score_lcs does:
// P = LCS/len(prediction), R = LCS/len(target), F = 2PR/(P+R) in doubles, in
// that order, so the printed value is bit-identical to rouge_score's; 0 when
// either side has no tokens. F is symmetric in the two texts.

#include "rouge/tokenizer.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace sft::rouge {

struct RougeScore
{
    double precision = 0;
    double recall = 0;
    double fmeasure = 0;
    std::uint32_t lcs = 0;
    std::uint32_t targetTokens = 0;      ///< len(target) (the reference, "a")
    std::uint32_t predictionTokens = 0;  ///< len(prediction) ("b")
};

/** rouge_score's scoring.fmeasure(lcs/n, lcs/m) for target length m, prediction length n. */
double rougeFmeasure(std::uint32_t lcs, std::uint32_t m, std::uint32_t n);

/** Scores from an LCS length and the two token counts. */
RougeScore rougeFromLcs(std::uint32_t lcs, std::uint32_t targetTokens, std::uint32_t predictionTokens);

/** ROUGE-L of two token sequences. */
RougeScore rougeL(const std::vector<std::string> &target, const std::vector<std::string> &prediction);

/** ROUGE-L of two texts: RougeScorer(['rougeL'], use_stemmer).score(target, prediction)['rougeL']. */
RougeScore rougeL(std::string_view target, std::string_view prediction, const TokenizerOptions &options = {});

} // namespace sft::rouge
