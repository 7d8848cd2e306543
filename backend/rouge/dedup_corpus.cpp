// Building the ranked element arrays: the k-th occurrence of a token is its
// own element, so multiset overlap becomes plain set intersection, and
// elements are ranked by how many records hold them (rarest first) so that
// the prefixes the index stores are short lists.

#include "rouge/dedup_corpus.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace sft::rouge {

Corpus::Corpus(const std::vector<std::vector<std::uint32_t>> &records, std::uint32_t vocabularySize)
    : m_vocabularySize(vocabularySize)
{
    m_offsets.reserve(records.size() + 1);
    m_offsets.push_back(0);
    std::size_t total = 0;
    for (const auto &r : records) {
        total += r.size();
        m_offsets.push_back(total);
        m_maxLength = std::max<std::uint32_t>(m_maxLength, std::uint32_t(r.size()));
    }
    m_tokens.reserve(total);
    m_elements.reserve(total);

    // Element id: first occurrences reuse the token id; later ones get new ids.
    std::unordered_map<std::uint64_t, std::uint32_t> extra;
    std::vector<std::uint32_t> occurrences(vocabularySize, 0);
    std::vector<std::uint32_t> frequency(vocabularySize, 0);
    for (const auto &r : records) {
        for (std::uint32_t t : r) {
            m_tokens.push_back(t);
            const std::uint32_t k = occurrences[t]++;
            std::uint32_t e = t;
            if (k > 0) {
                const std::uint64_t key = (std::uint64_t(t) << 32) | k;
                auto it = extra.find(key);
                if (it == extra.end()) {
                    it = extra.emplace(key, std::uint32_t(frequency.size())).first;
                    frequency.push_back(0);
                }
                e = it->second;
            }
            ++frequency[e];
            m_elements.push_back(e);
        }
        for (std::uint32_t t : r)
            occurrences[t] = 0;
    }
    m_elementCount = std::uint32_t(frequency.size());
    std::vector<std::uint32_t> order(m_elementCount);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return frequency[a] != frequency[b] ? frequency[a] < frequency[b] : a < b;
    });
    std::vector<std::uint32_t> rank(m_elementCount);
    for (std::uint32_t i = 0; i < m_elementCount; ++i)
        rank[order[i]] = i;
    for (std::size_t i = 0; i + 1 < m_offsets.size(); ++i) {
        auto b = m_elements.begin() + std::ptrdiff_t(m_offsets[i]);
        auto e = m_elements.begin() + std::ptrdiff_t(m_offsets[i + 1]);
        for (auto it = b; it != e; ++it)
            *it = rank[*it];
        std::sort(b, e);
    }
}

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
