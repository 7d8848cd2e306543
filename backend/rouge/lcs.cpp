// Bit-parallel LCS. Bit i of the row vector V is 0 exactly when the DP cell
// L[i+1][j] exceeds L[i][j]; each token of b updates V with one masked
// add (carry across words) and an OR, so LCS = the number of zero bits.

#include "rouge/lcs.h"

#include <algorithm>

namespace sft::rouge {
namespace {

inline int popcount64(std::uint64_t x) { return __builtin_popcountll(x); }

/** Mask of the valid bits of the last word of an m-bit vector. */
inline std::uint64_t lastWordMask(std::size_t m)
{
    const std::size_t r = m % 64;
    return r == 0 ? ~std::uint64_t(0) : (std::uint64_t(1) << r) - 1;
}

} // namespace

void LcsPattern::assign(const std::uint32_t *a, std::size_t m)
{
    for (std::uint32_t t : m_used)
        m_slot[t] = -1;
    m_used.clear();
    m_length = m;
    m_words = (m + 63) / 64;
    m_masks.clear();
    for (std::size_t i = 0; i < m; ++i) {
        const std::uint32_t t = a[i];
        if (t >= m_slot.size())
            m_slot.resize(std::max<std::size_t>(t + 1, m_slot.size() * 2), -1);
        std::int32_t s = m_slot[t];
        if (s < 0) {
            s = std::int32_t(m_used.size());
            m_slot[t] = s;
            m_used.push_back(t);
            m_masks.resize(m_masks.size() + m_words, 0);
        }
        m_masks[std::size_t(s) * m_words + i / 64] |= std::uint64_t(1) << (i % 64);
    }
    m_v.assign(m_words, 0);
}

const std::uint64_t *LcsPattern::matchMasks(std::uint32_t token) const
{
    if (token >= m_slot.size())
        return nullptr;
    const std::int32_t s = m_slot[token];
    return s < 0 ? nullptr : m_masks.data() + std::size_t(s) * m_words;
}

std::uint32_t LcsPattern::lcs(const std::uint32_t *b, std::size_t n) const
{
    if (m_length == 0 || n == 0)
        return 0;
    if (m_words == 1) {
        std::uint64_t v = ~std::uint64_t(0);
        for (std::size_t j = 0; j < n; ++j) {
            const std::uint64_t *pm = matchMasks(b[j]);
            if (!pm)
                continue;
            const std::uint64_t u = v & pm[0];
            v = (v + u) | (v - u);
        }
        return std::uint32_t(popcount64(~v & lastWordMask(m_length)));
    }
    std::fill(m_v.begin(), m_v.end(), ~std::uint64_t(0));
    for (std::size_t j = 0; j < n; ++j) {
        const std::uint64_t *pm = matchMasks(b[j]);
        if (!pm)
            continue;
        std::uint64_t carry = 0;
        for (std::size_t w = 0; w < m_words; ++w) {
            const std::uint64_t v = m_v[w];
            const std::uint64_t u = v & pm[w];
            // v + u + carry with carry out; u is a subset of v, so v - u needs no borrow.
            const std::uint64_t s1 = v + carry;
            const std::uint64_t c1 = s1 < carry;
            const std::uint64_t s2 = s1 + u;
            const std::uint64_t c2 = s2 < u;
            carry = c1 | c2;
            m_v[w] = s2 | (v - u);
        }
    }
    std::uint32_t zeros = 0;
    for (std::size_t w = 0; w + 1 < m_words; ++w)
        zeros += std::uint32_t(popcount64(~m_v[w]));
    zeros += std::uint32_t(popcount64(~m_v[m_words - 1] & lastWordMask(m_length)));
    return zeros;
}

std::uint32_t lcsLength(const std::vector<std::uint32_t> &a, const std::vector<std::uint32_t> &b)
{
    LcsPattern p;
    if (a.size() <= b.size()) {
        p.assign(a);
        return p.lcs(b);
    }
    p.assign(b);
    return p.lcs(a);
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> lcsPairs(const std::vector<std::uint32_t> &a,
                                                              const std::vector<std::uint32_t> &b)
{
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    const std::size_t m = a.size(), n = b.size();
    if (m == 0 || n == 0)
        return out;
    LcsPattern p;
    p.assign(a);
    const std::size_t words = (m + 63) / 64;
    // rows[j] = V after b[0..j): L[i][j] = zero bits among bits 0..i-1.
    std::vector<std::uint64_t> rows((n + 1) * words, ~std::uint64_t(0));
    for (std::size_t j = 0; j < n; ++j) {
        const std::uint64_t *prev = rows.data() + j * words;
        std::uint64_t *cur = rows.data() + (j + 1) * words;
        std::copy(prev, prev + words, cur);
        const std::uint64_t *pm = p.matchMasks(b[j]);
        if (!pm)
            continue;
        std::uint64_t carry = 0;
        for (std::size_t w = 0; w < words; ++w) {
            const std::uint64_t v = prev[w];
            const std::uint64_t u = v & pm[w];
            const std::uint64_t s1 = v + carry;
            const std::uint64_t c1 = s1 < carry;
            const std::uint64_t s2 = s1 + u;
            const std::uint64_t c2 = s2 < u;
            carry = c1 | c2;
            cur[w] = s2 | (v - u);
        }
    }
    auto cell = [&](std::size_t i, std::size_t j) {
        const std::uint64_t *row = rows.data() + j * words;
        std::size_t count = 0;
        std::size_t w = 0;
        for (; (w + 1) * 64 <= i; ++w)
            count += std::size_t(popcount64(~row[w]));
        if (i % 64)
            count += std::size_t(popcount64(~row[w] & ((std::uint64_t(1) << (i % 64)) - 1)));
        return count;
    };
    std::size_t i = m, j = n;
    while (i > 0 && j > 0) {
        if (a[i - 1] == b[j - 1]) {
            out.emplace_back(std::uint32_t(i - 1), std::uint32_t(j - 1));
            --i;
            --j;
        } else if (cell(i, j - 1) > cell(i - 1, j)) {
            --j;
        } else {
            --i;
        }
    }
    std::reverse(out.begin(), out.end());
    return out;
}

} // namespace sft::rouge
