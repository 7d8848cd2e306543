// Counting CJK tokens over an evenly spaced sample to pick the ROUGE tokenizer.

#include "rouge/tokenizer_choice.h"

namespace sft::rouge {

void ScriptCount::add(std::string_view text)
{
    ++texts;
    // The cjk tokenizer's ASCII words are [a-z0-9]+; its CJK tokens are one
    // (non-ASCII) character each, so the first byte tells them apart.
    Tokenizer tokenizer(TokenizerOptions{TokenizerKind::Cjk, false});
    for (const Token &t : tokenizer.tokenize(text)) {
        ++tokens;
        if (!t.text.empty() && static_cast<unsigned char>(t.text[0]) >= 0x80)
            ++cjkTokens;
    }
}

std::vector<std::size_t> evenSample(std::size_t n, std::size_t maxSample)
{
    std::vector<std::size_t> out;
    if (n == 0 || maxSample == 0)
        return out;
    const std::size_t k = n < maxSample ? n : maxSample;
    out.reserve(k);
    for (std::size_t i = 0; i < k; ++i)
        out.push_back(i * n / k);  // i < k <= maxSample: no overflow for any real n
    return out;
}

TokenizerChoice chooseTokenizer(const std::vector<std::string> &texts, std::size_t maxSample, double threshold)
{
    TokenizerChoice choice;
    for (std::size_t i : evenSample(texts.size(), maxSample))
        choice.sample.add(texts[i]);
    choice.kind = choice.sample.tokens > 0 && choice.sample.cjkShare() >= threshold ? TokenizerKind::Cjk
                                                                                    : TokenizerKind::Rouge;
    return choice;
}

} // namespace sft::rouge
