#pragma once
// Internal to the dedup engine: Threshold::minLcs(m, n) tabulated for the
// lengths that occur, and from it the prefix length each record is indexed
// and probed under (AllPairs/PPJoin prefix filtering).

#include "rouge/threshold.h"

#include <cstdint>
#include <vector>

namespace sft::rouge {

/** Threshold::minLcs(m, n), tabulated for small lengths, and prefix lengths. */
class MinLcsTable
{
public:
    MinLcsTable(const Threshold &threshold, std::uint32_t maxLength);

    std::uint32_t operator()(std::uint32_t m, std::uint32_t n) const
    {
        if (m <= m_tableMax && n <= m_tableMax)
            return m_table[std::size_t(m) * (m_tableMax + 1) + n];
        return m_threshold.minLcs(m, n);
    }

    /**
     * How many of its first elements a record of length n must share with any
     * near-duplicate: n - (smallest rejecting LCS over all partner lengths) + 1,
     * 0 when no partner can reject it.
     */
    std::uint32_t prefixLength(std::uint32_t n) const;

private:
    Threshold m_threshold;
    std::uint32_t m_tableMax = 0;
    std::uint32_t m_maxLength = 0;
    std::vector<std::uint16_t> m_table;
    mutable std::vector<std::int64_t> m_prefixCache;
};

} // namespace sft::rouge
