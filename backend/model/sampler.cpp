// Repetition penalty, temperature, top-k, top-p and seeded sampling.

#include "model/sampler.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_set>

namespace sft::model {

Sampler::Sampler(SamplingOptions options, std::uint64_t seed) : m_options(options), m_rng(seed)
{
    if (options.topP <= 0 || options.topP > 1)
        throw Error("top-p must be in (0, 1], got " + std::to_string(options.topP));
    if (options.repetitionPenalty <= 0)
        throw Error("repetition penalty must be positive, got " + std::to_string(options.repetitionPenalty));
    if (options.topK < 0)
        throw Error("top-k must be >= 0");
}

std::int64_t Sampler::next(std::vector<float> &logits, const std::vector<std::int64_t> &history, std::int64_t limit)
{
    const float ninf = -std::numeric_limits<float>::infinity();
    const std::size_t n = logits.size();
    if (limit > 0 && static_cast<std::size_t>(limit) < n)
        std::fill(logits.begin() + limit, logits.end(), ninf);

    if (m_options.repetitionPenalty != 1.0) {
        const float p = static_cast<float>(m_options.repetitionPenalty);
        std::unordered_set<std::int64_t> seen(history.begin(), history.end());
        for (auto id : seen) {
            if (id < 0 || static_cast<std::size_t>(id) >= n)
                continue;
            float &l = logits[static_cast<std::size_t>(id)];
            l = l < 0 ? l * p : l / p;
        }
    }

    if (m_options.temperature <= 0)
        return std::max_element(logits.begin(), logits.end()) - logits.begin();

    const float invT = static_cast<float>(1.0 / m_options.temperature);
    for (auto &l : logits)
        l *= invT;

    std::vector<std::int64_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    // Descending by logit; ties by id so the order is deterministic.
    std::stable_sort(order.begin(), order.end(),
                     [&](std::int64_t a, std::int64_t b) { return logits[a] > logits[b]; });
    std::size_t keep = n;
    if (m_options.topK > 0)
        keep = std::min<std::size_t>(keep, static_cast<std::size_t>(m_options.topK));

    const float maxLogit = logits[static_cast<std::size_t>(order[0])];
    std::vector<double> probs(keep);
    double total = 0;
    for (std::size_t i = 0; i < keep; ++i) {
        probs[i] = std::exp(static_cast<double>(logits[static_cast<std::size_t>(order[i])] - maxLogit));
        total += probs[i];
    }
    if (m_options.topP < 1.0) {
        // Keep the smallest prefix whose mass reaches top_p (transformers removes tokens whose
        // ascending cumulative mass is <= 1 - top_p, i.e. keeps this prefix), at least one.
        double cum = 0;
        std::size_t cut = keep;
        for (std::size_t i = 0; i < keep; ++i) {
            cum += probs[i] / total;
            if (cum >= m_options.topP) {
                cut = i + 1;
                break;
            }
        }
        keep = std::max<std::size_t>(1, cut);
        probs.resize(keep);
        total = std::accumulate(probs.begin(), probs.end(), 0.0);
    }
    std::uniform_real_distribution<double> uniform(0.0, total);
    const double r = uniform(m_rng);
    double acc = 0;
    for (std::size_t i = 0; i < keep; ++i) {
        acc += probs[i];
        if (r < acc)
            return order[i];
    }
    return order[keep - 1];
}

} // namespace sft::model
