// ROUGE-L scores with rouge_score's exact floating-point order of operations.

#include "rouge/score.h"

#include "rouge/lcs.h"

#include <string>
#include <unordered_map>

namespace sft::rouge {

double rougeFmeasure(std::uint32_t lcs, std::uint32_t m, std::uint32_t n)
{
    return rougeFromLcs(lcs, m, n).fmeasure;
}

RougeScore rougeFromLcs(std::uint32_t lcs, std::uint32_t targetTokens, std::uint32_t predictionTokens)
{
    RougeScore s;
    s.lcs = lcs;
    s.targetTokens = targetTokens;
    s.predictionTokens = predictionTokens;
    if (targetTokens == 0 || predictionTokens == 0)
        return s;
    // Same operations, same order as rouge_score (no fused multiply-add: see CMakeLists).
    const double precision = double(lcs) / double(predictionTokens);
    const double recall = double(lcs) / double(targetTokens);
    s.precision = precision;
    s.recall = recall;
    if (s.precision + s.recall > 0) {
        const double num = 2 * s.precision * s.recall;
        s.fmeasure = num / (s.precision + s.recall);
    }
    return s;
}

RougeScore rougeL(const std::vector<std::string> &target, const std::vector<std::string> &prediction)
{
    std::unordered_map<std::string, std::uint32_t> ids;
    auto toIds = [&ids](const std::vector<std::string> &words) {
        std::vector<std::uint32_t> out;
        out.reserve(words.size());
        for (const std::string &w : words)
            out.push_back(ids.emplace(w, std::uint32_t(ids.size())).first->second);
        return out;
    };
    const std::vector<std::uint32_t> a = toIds(target);
    const std::vector<std::uint32_t> b = toIds(prediction);
    return rougeFromLcs(lcsLength(a, b), std::uint32_t(a.size()), std::uint32_t(b.size()));
}

RougeScore rougeL(std::string_view target, std::string_view prediction, const TokenizerOptions &options)
{
    Tokenizer tok(options);
    return rougeL(tok.words(target), tok.words(prediction));
}

} // namespace sft::rouge
