#pragma once
// One passkey retrieval trial: build the prompt that fills the length
// (passkey_prompt.h), let a generator answer it, check the answer's first
// number against the key. The generator is the model answering greedily
// (passkeyGreedyGenerator) or, in tests, any function of the prompt's ids.
// Torch-free interface on the engine and the tokenizer.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sft {
class Tokenizer;
}
namespace sft::model {
class LanguageModel;
}

namespace sft::context {

/** A trial's identity: the key is a function of all of it. */
struct PasskeyTrialSpec
{
    std::int64_t length = 0;   ///< prompt tokens at most (special tokens included); the answer's tokens come after
    double depth = 0;          ///< where the key sits: 0 = first, 1 = last among the filler sentences
    std::int64_t trial = 0;
    std::uint64_t seed = 0;
    int digits = 5;
};

/** What a trial asked and answered. */
struct PasskeyTrialResult
{
    std::string key;
    std::string answer;          ///< the generator's text (greedy: the continuation cut at the first newline or period)
    bool correct = false;        ///< passkeyCorrect(answer, key)
    std::int64_t promptTokens = 0;
};

/** The answer to a prompt, given as token ids (special tokens included). */
using PasskeyGenerator = std::function<std::string(const std::vector<std::int64_t> &promptIds)>;

/**
 * Tokens a trial generates at most: enough for the key however the tokenizer splits digits.
 * They follow the prompt, so the model sees up to length + this many positions.
 */
std::int64_t passkeyAnswerTokens(int digits);

/**
 * lm's greedy continuation of a prompt, at most passkeyAnswerTokens(digits) tokens, stopped
 * at the first newline or period, never producing ids the tokenizer does not have.
 */
PasskeyGenerator passkeyGreedyGenerator(model::LanguageModel &lm, const Tokenizer &tokenizer, int digits);

/** Run one trial with generator. Throws sft::Error when the length is too short for the prompt. */
PasskeyTrialResult runPasskeyTrial(const Tokenizer &tokenizer, const PasskeyTrialSpec &spec,
                                   const PasskeyGenerator &generator);

/** Run one trial with lm answering greedily. */
PasskeyTrialResult runPasskeyTrial(model::LanguageModel &lm, const Tokenizer &tokenizer, const PasskeyTrialSpec &spec);

} // namespace sft::context
