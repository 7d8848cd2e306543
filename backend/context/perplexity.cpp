// Perplexity over windows (see perplexity.h): one forward pass per window,
// the log-probabilities of the scored tokens only.

#include "context/perplexity.h"

#include "core/error.h"
#include "model/language_model.h"

#include <chrono>
#include <cmath>
#include <string>

namespace sft::context {

PerplexityResult measurePerplexity(model::LanguageModel &lm, const std::vector<std::int64_t> &text,
                                   const PerplexityOptions &options, const ProgressFn &progress)
{
    const auto t0 = std::chrono::steady_clock::now();
    if (options.addBos && options.bosId < 0)
        throw Error("--add-bos: the tokenizer has no beginning-of-sequence token");
    const std::int64_t vocab = lm.config().vocabSize;
    if (options.addBos && options.bosId >= vocab)
        throw Error("the beginning-of-sequence token " + std::to_string(options.bosId)
                    + " is outside the model's vocabulary (size " + std::to_string(vocab) + ")");
    for (std::int64_t id : text)
        if (id < 0 || id >= vocab)
            throw Error("token id " + std::to_string(id) + " is outside the model's vocabulary (size "
                        + std::to_string(vocab) + ")");
    const WindowPlan plan = planWindows(static_cast<std::int64_t>(text.size()), options.length, options.stride,
                                        options.addBos, options.maxWindows);
    PositionLoss positions(plan.length);
    double sum = 0;
    std::int64_t scored = 0;
    const auto windows = static_cast<std::int64_t>(plan.windows.size());
    std::vector<std::int64_t> ids;
    for (std::int64_t k = 0; k < windows; ++k) {
        if (options.shouldStop && options.shouldStop())
            throw Cancelled();
        const Window &w = plan.windows[static_cast<std::size_t>(k)];
        ids.clear();
        if (plan.addBos)
            ids.push_back(options.bosId);
        const auto first = text.begin() + w.begin;
        ids.insert(ids.end(), first, first + w.content(plan.addBos));
        const model::ContinuationScore s = lm.scoreWindow(ids, w.scoreFrom);
        for (std::size_t i = 0; i < s.tokenLogprobs.size(); ++i) {
            const double nll = -s.tokenLogprobs[i];
            positions.add(w.scoreFrom + static_cast<std::int64_t>(i), nll);
            sum += nll;
        }
        scored += static_cast<std::int64_t>(s.tokenLogprobs.size());
        reportProgress(progress, k + 1, windows);
    }
    PerplexityResult r;
    r.length = plan.length;
    r.windows = windows;
    r.tokens = scored;
    r.nll = scored > 0 ? sum / static_cast<double>(scored) : 0.0;
    r.perplexity = std::exp(r.nll);
    r.positionBucket = positions.bucket();
    r.positionLoss = positions.means();
    for (std::int64_t b = 0; b < positions.buckets(); ++b)
        r.positionCount.push_back(positions.count(b));
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

} // namespace sft::context
