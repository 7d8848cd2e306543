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

} // namespace sft::rouge
