// The smallest rejecting LCS per pair of lengths, and prefix lengths.

#include "rouge/min_lcs_table.h"

#include <algorithm>

namespace sft::rouge {

MinLcsTable::MinLcsTable(const Threshold &threshold, std::uint32_t maxLength)
    : m_threshold(threshold), m_maxLength(maxLength)
{
    m_tableMax = std::min<std::uint32_t>(maxLength, 1024);
    const std::size_t w = std::size_t(m_tableMax) + 1;
    m_table.resize(w * w);
    for (std::uint32_t m = 0; m <= m_tableMax; ++m)
        for (std::uint32_t n = 0; n <= m_tableMax; ++n)
            m_table[std::size_t(m) * w + n] = std::uint16_t(threshold.minLcs(m, n));
    m_prefixCache.assign(std::size_t(maxLength) + 1, -1);
}

std::uint32_t MinLcsTable::prefixLength(std::uint32_t n) const
{
    if (n == 0)
        return 0;
    if (n < m_prefixCache.size() && m_prefixCache[n] >= 0)
        return std::uint32_t(m_prefixCache[n]);
    // In exact mode the smallest rejecting LCS is non-decreasing in the
    // partner length, so the minimum over partners is at the shortest partner
    // that can reject. Double rounding (RougeScore mode) can break that by
    // one step, so there every partner length is tried.
    const bool exact = m_threshold.compare() == ThresholdCompare::Exact;
    std::uint32_t best = n + 1;
    for (std::uint32_t p = 1; p <= m_maxLength; ++p) {
        const std::uint32_t need = (*this)(n, p);
        if (need <= std::min(n, p)) {
            best = std::min(best, need);
            if (exact)
                break;
        }
    }
    const std::uint32_t result = best <= n ? n - best + 1 : 0;
    if (n < m_prefixCache.size())
        m_prefixCache[n] = result;
    return result;
}

} // namespace sft::rouge
