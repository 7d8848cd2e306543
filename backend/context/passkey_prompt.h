#pragma once
// The prompts of the passkey retrieval test (Mohtashami & Jaggi 2023): a
// number of a few digits stated once ("The pass key is K. Remember it. K is
// the pass key.") at a chosen depth inside filler sentences, and the question
// at the end. The filler is ours: a fixed cycle of plain sentences that carry
// no number. The key is the only random part, a function of (seed, length,
// depth, trial), so a rerun asks the same questions. Torch-free: token counts
// come from a callback, so the builder is testable without a model.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sft::context {

/** Tokens of a prompt text, as the model will see it (special tokens included). */
using TokenCounter = std::function<std::int64_t(const std::string &text)>;

/** A built prompt. */
struct PasskeyPrompt
{
    std::string text;
    std::int64_t tokens = 0;       ///< counter(text)
    std::int64_t sentences = 0;    ///< filler sentences
    std::int64_t keySentence = 0;  ///< filler sentences before the key: round(depth · sentences)
};

/** The filler sentences, in the order the prompt cycles through them. */
const std::vector<std::string> &passkeyFiller();

/**
 * The key of one trial: `digits` decimal digits, the first not 0, from a hash of
 * (seed, length, depth, trial) (portable: no standard-library distribution).
 * Throws sft::Error unless 1 ≤ digits ≤ 18.
 */
std::string passkeyKey(std::uint64_t seed, std::int64_t length, double depth, std::int64_t trial, int digits);

/**
 * Tokens of the prompt without filler for key: the least a length must hold. It depends on
 * how the tokenizer splits the key's digits, so a length check must take the keys it will ask.
 */
std::int64_t passkeyMinimumTokens(const std::string &key, const TokenCounter &count);

/** The prompt text with `sentences` filler sentences and the key after round(depth · sentences) of them. */
std::string passkeyPromptText(const std::string &key, double depth, std::int64_t sentences);

/**
 * The longest prompt (most filler sentences) of at most maxTokens tokens. Throws
 * sft::Error when depth is outside [0, 1] or even the prompt without filler is longer.
 */
PasskeyPrompt buildPasskeyPrompt(const std::string &key, double depth, std::int64_t maxTokens,
                                 const TokenCounter &count);

/**
 * Whether an answer counts as correct: its first run of decimal digits is the key, so
 * " 48213", "48213, I think" and "The pass key is 48213." are right and "482130", "4821"
 * or "It is 17, not 48213" are wrong (containing the key is not enough: a longer number
 * that starts with it is another number).
 */
bool passkeyCorrect(const std::string &answer, const std::string &key);

} // namespace sft::context
