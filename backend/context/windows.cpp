// Window plans and position buckets of the perplexity measurement (see windows.h).

#include "context/windows.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace sft::context {

std::int64_t WindowPlan::scoredTokens() const
{
    std::int64_t n = 0;
    for (const Window &w : windows)
        n += w.length - w.scoreFrom;
    return n;
}

WindowPlan planWindows(std::int64_t textTokens, std::int64_t length, std::int64_t stride, bool addBos,
                       std::int64_t maxWindows)
{
    if (length < 2)
        throw Error("a window needs at least 2 tokens (got " + std::to_string(length) + ")");
    if (stride < 0)
        throw Error("the stride must be positive (got " + std::to_string(stride) + ")");
    if (maxWindows < 0)
        throw Error("the number of windows must not be negative");
    WindowPlan plan;
    plan.length = length;
    plan.addBos = addBos;
    plan.content = addBos ? length - 1 : length;
    plan.stride = stride == 0 ? plan.content : std::min(stride, plan.content);
    if (textTokens < plan.content)
        throw Error("the text has " + std::to_string(textTokens) + " tokens, fewer than one window of "
                    + std::to_string(length) + " tokens" + (addBos ? " (BOS included)" : "")
                    + "; use a longer text or a shorter length");
    const std::int64_t full = (textTokens - plan.content) / plan.stride + 1;
    // The short window over the rest of the text: from the next start to the end, scoring the
    // tokens after the last full window's end (text index lastEnd, window index lastEnd - begin
    // + offset). Tiled without BOS a rest of one token scores nothing: no window then.
    const std::int64_t offset = addBos ? 1 : 0;
    const std::int64_t lastEnd = (full - 1) * plan.stride + plan.content;
    Window tail;
    tail.begin = full * plan.stride;
    tail.length = textTokens - tail.begin + offset;
    tail.scoreFrom = std::max<std::int64_t>(1, lastEnd - tail.begin + offset);
    const bool hasTail = lastEnd < textTokens && tail.scoreFrom < tail.length;
    std::int64_t count = full + (hasTail ? 1 : 0);
    if (maxWindows > 0)
        count = std::min(count, maxWindows);
    plan.windows.reserve(static_cast<std::size_t>(count));
    for (std::int64_t k = 0; k < count; ++k) {
        if (k == full) {
            plan.windows.push_back(tail);
            break;
        }
        Window w;
        w.begin = k * plan.stride;
        w.length = length;
        // The first window scores all it can; a later one the tokens after the previous window's end.
        w.scoreFrom = k == 0 ? 1 : std::max<std::int64_t>(1, length - plan.stride);
        plan.windows.push_back(w);
    }
    return plan;
}

double eagerAttentionBytes(std::int64_t heads, std::int64_t length)
{
    return 3.0 * 4.0 * static_cast<double>(heads) * static_cast<double>(length) * static_cast<double>(length);
}

std::int64_t positionBucket(std::int64_t length)
{
    return std::max<std::int64_t>(1, (length + 511) / 512);
}

PositionLoss::PositionLoss(std::int64_t length) : m_length(length), m_bucket(positionBucket(length))
{
    const auto n = static_cast<std::size_t>((std::max<std::int64_t>(length, 1) + m_bucket - 1) / m_bucket);
    m_sum.assign(n, 0.0);
    m_count.assign(n, 0);
}

void PositionLoss::add(std::int64_t position, double nll)
{
    if (position < 0 || position >= m_length)
        throw Error("position " + std::to_string(position) + " is outside a window of " + std::to_string(m_length));
    const auto k = static_cast<std::size_t>(position / m_bucket);
    m_sum[k] += nll;
    ++m_count[k];
}

double PositionLoss::mean(std::int64_t bucket) const
{
    const auto k = static_cast<std::size_t>(bucket);
    return m_count[k] > 0 ? m_sum[k] / static_cast<double>(m_count[k]) : std::numeric_limits<double>::quiet_NaN();
}

std::vector<double> PositionLoss::means() const
{
    std::vector<double> out;
    out.reserve(m_sum.size());
    for (std::int64_t k = 0; k < buckets(); ++k)
        out.push_back(mean(k));
    return out;
}

} // namespace sft::context
