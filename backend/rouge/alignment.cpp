// LCS alignment with byte ranges for highlighting.

#include "rouge/alignment.h"

#include "rouge/lcs.h"

#include <string>
#include <unordered_map>

namespace sft::rouge {

LcsAlignment alignLcs(std::string_view a, std::string_view b, const TokenizerOptions &options)
{
    LcsAlignment out;
    Tokenizer tok(options);
    out.aTokens = tok.tokenize(a);
    out.bTokens = tok.tokenize(b);
    std::unordered_map<std::string, std::uint32_t> ids;
    auto toIds = [&ids](const std::vector<Token> &tokens) {
        std::vector<std::uint32_t> v;
        v.reserve(tokens.size());
        for (const Token &t : tokens)
            v.push_back(ids.emplace(t.text, std::uint32_t(ids.size())).first->second);
        return v;
    };
    const std::vector<std::uint32_t> ia = toIds(out.aTokens), ib = toIds(out.bTokens);
    for (const auto &[i, j] : lcsPairs(ia, ib)) {
        AlignedPair p;
        p.aToken = i;
        p.bToken = j;
        p.aBegin = out.aTokens[i].begin;
        p.aEnd = out.aTokens[i].end;
        p.bBegin = out.bTokens[j].begin;
        p.bEnd = out.bTokens[j].end;
        out.pairs.push_back(p);
    }
    out.score = rougeFromLcs(std::uint32_t(out.pairs.size()), std::uint32_t(ia.size()), std::uint32_t(ib.size()));
    return out;
}

} // namespace sft::rouge
