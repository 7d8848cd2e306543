// Passkey prompts (see passkey_prompt.h).

#include "context/passkey_prompt.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>

namespace sft::context {

namespace {

const char kInstruction[] = "A pass key is hidden somewhere in the long text below. Read the text, find the pass key "
                            "and remember it: you will be asked for it at the end.";
const char kQuestion[] = "What is the pass key? The pass key is";

// splitmix64 (Steele, Lea and Flood 2014): a well-mixed 64-bit step, the same on every platform.
std::uint64_t mix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

void checkDepth(double depth)
{
    if (!(depth >= 0.0 && depth <= 1.0))
        throw Error("a passkey depth must be between 0 and 1 (got " + std::to_string(depth) + ")");
}

} // namespace

const std::vector<std::string> &passkeyFiller()
{
    static const std::vector<std::string> sentences = {
        "The river keeps moving past the old mill.",
        "A light wind turns the pages of an open book.",
        "Bread cools slowly on the kitchen shelf.",
        "The clock in the hall ticks at the same steady pace.",
        "Small boats wait in the harbour for the tide.",
        "Snow settles on the roofs of the quiet village.",
        "A cat sleeps in the warm patch of sunlight by the door.",
        "The market opens early and closes before noon.",
        "Leaves gather along the edge of the garden path.",
        "A train passes in the distance and the sound fades away.",
        "The lamp on the desk throws a circle of yellow light.",
        "Clouds drift over the hills and the fields turn grey, then green again.",
    };
    return sentences;
}

std::string passkeyKey(std::uint64_t seed, std::int64_t length, double depth, std::int64_t trial, int digits)
{
    if (digits < 1 || digits > 18)
        throw Error("a pass key has between 1 and 18 digits (got " + std::to_string(digits) + ")");
    std::uint64_t h = mix(seed);
    h = mix(h ^ static_cast<std::uint64_t>(length));
    h = mix(h ^ static_cast<std::uint64_t>(std::llround(depth * 1e6)));
    h = mix(h ^ static_cast<std::uint64_t>(trial));
    std::string key;
    for (int i = 0; i < digits; ++i) {
        h = mix(h);
        key += static_cast<char>('0' + (i == 0 ? 1 + h % 9 : h % 10));
    }
    return key;
}

std::string passkeyPromptText(const std::string &key, double depth, std::int64_t sentences)
{
    checkDepth(depth);
    const auto &filler = passkeyFiller();
    const std::int64_t at = std::llround(depth * static_cast<double>(sentences));
    std::string s = kInstruction;
    s += "\n\n";
    for (std::int64_t i = 0; i <= sentences; ++i) {
        if (i == at)
            s += "The pass key is " + key + ". Remember it. " + key + " is the pass key. ";
        if (i < sentences)
            s += filler[static_cast<std::size_t>(i) % filler.size()] + ' ';
    }
    s.pop_back();   // the space after the last sentence
    s += "\n\n";
    s += kQuestion;
    return s;
}

PasskeyPrompt buildPasskeyPrompt(const std::string &key, double depth, std::int64_t maxTokens,
                                 const TokenCounter &count)
{
    checkDepth(depth);
    auto tokensWith = [&](std::int64_t n) { return count(passkeyPromptText(key, depth, n)); };
    const std::int64_t minimum = passkeyMinimumTokens(key, count);
    if (minimum > maxTokens)
        throw Error("a passkey prompt needs at least " + std::to_string(minimum) + " tokens; a length of "
                    + std::to_string(maxTokens) + " is too short");
    // The largest filler count that fits: double until it does not, then bisect (token counts
    // grow with every sentence, so O(log n) tokenizations of the whole prompt).
    std::int64_t fits = 0, over = 1;
    while (tokensWith(over) <= maxTokens) {
        fits = over;
        over *= 2;
    }
    while (over - fits > 1) {
        const std::int64_t mid = fits + (over - fits) / 2;
        (tokensWith(mid) <= maxTokens ? fits : over) = mid;
    }
    PasskeyPrompt p;
    p.text = passkeyPromptText(key, depth, fits);
    p.tokens = count(p.text);
    p.sentences = fits;
    p.keySentence = std::llround(depth * static_cast<double>(fits));
    return p;
}

bool passkeyCorrect(const std::string &answer, const std::string &key)
{
    const auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    const auto b = std::find_if(answer.begin(), answer.end(), isDigit);
    const auto e = std::find_if_not(b, answer.end(), isDigit);
    return !key.empty() && std::string(b, e) == key;
}

std::int64_t passkeyMinimumTokens(const std::string &key, const TokenCounter &count)
{
    return count(passkeyPromptText(key, 0, 0));
}

} // namespace sft::context
