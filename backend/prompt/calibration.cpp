#include "prompt/calibration.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sft::prompt {

const std::vector<const char *> &contentFreeInputs()
{
    static const std::vector<const char *> inputs = {"N/A", "", "[MASK]"};
    return inputs;
}

ContextualCalibration ContextualCalibration::fromContentFree(const std::vector<std::vector<double>> &contentFreeProbs)
{
    if (contentFreeProbs.empty())
        throw Error("contextual calibration needs at least one content-free input");
    ContextualCalibration c;
    c.m_prior.assign(contentFreeProbs.front().size(), 0.0);
    for (const auto &p : contentFreeProbs) {
        if (p.size() != c.m_prior.size())
            throw Error("content-free probability vectors have different lengths");
        for (std::size_t i = 0; i < p.size(); ++i)
            c.m_prior[i] += p[i];
    }
    double sum = 0;
    for (double &v : c.m_prior)
        sum += v /= double(contentFreeProbs.size());
    // Each input's vector sums to 1, so the mean does too; renormalise against rounding.
    for (double &v : c.m_prior)
        v /= sum;
    return c;
}

ContextualCalibration ContextualCalibration::identity(std::size_t labels)
{
    ContextualCalibration c;
    c.m_prior.assign(labels, labels ? 1.0 / double(labels) : 0.0);
    return c;
}

std::vector<double> ContextualCalibration::apply(const std::vector<double> &probs) const
{
    if (probs.size() != m_prior.size())
        throw Error("calibration has " + std::to_string(m_prior.size()) + " labels, got "
                    + std::to_string(probs.size()) + " probabilities");
    // In log space, so that priors far below 1 (1e-13 is common for an answer the model
    // rules out) divide exactly instead of overflowing; an exact 0 (underflow) is
    // floored at the smallest normal double to keep everything finite.
    constexpr double tiny = std::numeric_limits<double>::min();
    std::vector<double> q(probs.size());
    double top = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < q.size(); ++i) {
        q[i] = std::log(std::max(probs[i], tiny)) - std::log(std::max(m_prior[i], tiny));
        top = std::max(top, q[i]);
    }
    double sum = 0;
    for (double &v : q)
        sum += v = std::exp(v - top);
    for (double &v : q)
        v /= sum;
    return q;
}

} // namespace sft::prompt
