#pragma once
// Perplexity of a model over a long tokenized text at one context length:
// the windows of windows.h run through LanguageModel::scoreWindow (the
// log-probabilities computed on the model's device in chunks of rows, so the
// logits of a long window never exist whole), the mean negative
// log-likelihood of the scored tokens, its exponential, and the mean loss per
// position bucket (how the loss changes along the window: the picture that
// shows whether a model uses, or breaks down on, positions beyond the length
// it was trained at). Torch-free interface on the engine.

#include "context/windows.h"
#include "core/progress.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace sft::model {
class LanguageModel;
}

namespace sft::context {

/** What to measure. */
struct PerplexityOptions
{
    std::int64_t length = 0;      ///< tokens per window (BOS included)
    std::int64_t stride = 0;      ///< 0: non-overlapping windows; else HF's strided evaluation
    std::int64_t maxWindows = 0;  ///< 0: every window the text holds
    bool addBos = false;          ///< start every window with bosId
    std::int64_t bosId = -1;
    /**
     * Asked before every window (the first included): true stops the measurement there
     * (sft::Cancelled), so a stop requested while the model loaded runs no window at all.
     */
    std::function<bool()> shouldStop;
};

/** The measurement at one length. */
struct PerplexityResult
{
    std::int64_t length = 0;
    std::int64_t windows = 0;
    std::int64_t tokens = 0;      ///< scored tokens
    double nll = 0;               ///< mean negative log-likelihood (nats per token)
    double perplexity = 0;        ///< exp(nll)
    std::int64_t positionBucket = 1;
    std::vector<double> positionLoss;          ///< mean NLL per bucket (NaN: no scored token there)
    std::vector<std::int64_t> positionCount;   ///< scored tokens per bucket
    double seconds = 0;
};

/**
 * Perplexity of lm over text (token ids) at options.length. progress gets (windows done,
 * windows) after each window; when it returns false, or options.shouldStop returns true
 * before a window, the measurement stops there and sft::Cancelled is thrown. Throws
 * sft::Error for a text shorter than one window, a missing BOS id with addBos, or an id
 * (BOS included) outside the model's vocabulary.
 */
PerplexityResult measurePerplexity(model::LanguageModel &lm, const std::vector<std::int64_t> &text,
                                   const PerplexityOptions &options, const ProgressFn &progress = {});

} // namespace sft::context
