// A passkey trial on the engine (see passkey.h).

#include "context/passkey.h"

#include "context/passkey_prompt.h"
#include "model/language_model.h"
#include "tokenizer/tokenizer.h"

namespace sft::context {

std::int64_t passkeyAnswerTokens(int digits)
{
    return 2 * static_cast<std::int64_t>(digits) + 4;
}

PasskeyGenerator passkeyGreedyGenerator(model::LanguageModel &lm, const Tokenizer &tokenizer, int digits)
{
    return [&lm, &tokenizer, digits](const std::vector<std::int64_t> &ids) {
        model::GenerationOptions o;
        o.maxNewTokens = passkeyAnswerTokens(digits);
        o.sampling.temperature = 0;   // greedy
        o.stop = {"\n", "."};
        if (tokenizer.vocabSize() < static_cast<std::size_t>(lm.config().vocabSize))
            o.vocabLimit = static_cast<std::int64_t>(tokenizer.vocabSize());
        o.decode = [&tokenizer](const std::vector<std::int64_t> &t) {
            return tokenizer.decode(std::vector<std::int32_t>(t.begin(), t.end()));
        };
        return lm.generate(ids, o).text;
    };
}

PasskeyTrialResult runPasskeyTrial(const Tokenizer &tokenizer, const PasskeyTrialSpec &spec,
                                   const PasskeyGenerator &generator)
{
    PasskeyTrialResult r;
    r.key = passkeyKey(spec.seed, spec.length, spec.depth, spec.trial, spec.digits);
    const PasskeyPrompt prompt = buildPasskeyPrompt(r.key, spec.depth, spec.length, [&](const std::string &text) {
        return static_cast<std::int64_t>(tokenizer.encode(text, true).size());
    });
    std::vector<std::int64_t> ids;
    {
        const std::vector<std::int32_t> encoded = tokenizer.encode(prompt.text, true);
        ids.assign(encoded.begin(), encoded.end());
    }
    r.promptTokens = static_cast<std::int64_t>(ids.size());
    r.answer = generator(ids);
    r.correct = passkeyCorrect(r.answer, r.key);
    return r;
}

PasskeyTrialResult runPasskeyTrial(model::LanguageModel &lm, const Tokenizer &tokenizer, const PasskeyTrialSpec &spec)
{
    return runPasskeyTrial(tokenizer, spec, passkeyGreedyGenerator(lm, tokenizer, spec.digits));
}

} // namespace sft::context
