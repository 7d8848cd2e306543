#pragma once
// Longest common subsequence of token-id sequences, bit-parallel
// (Allison–Dix / Hyyrö 2004, the scheme rapidfuzz's LCSseq uses): one pass
// over the second sequence with ceil(m/64) machine words per step, where m is
// the length of the first (the "pattern"). A pattern is built once and then
// compared against many sequences, which is what the dedup engine does.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace sft::rouge {

/**
 * Bit masks of a pattern sequence a: for each distinct token, where it occurs.
 * Token ids index a dense table, so ids should be small (a vocabulary's ids).
 * Reusable: assign() clears the previous pattern in O(distinct tokens).
 * Not thread-safe; one per thread.
 */
class LcsPattern
{
public:
    /** Sets the pattern to a[0..m). */
    void assign(const std::uint32_t *a, std::size_t m);
    void assign(const std::vector<std::uint32_t> &a) { assign(a.data(), a.size()); }

    std::size_t size() const { return m_length; }

    /** LCS length of the pattern and b[0..n). */
    std::uint32_t lcs(const std::uint32_t *b, std::size_t n) const;
    std::uint32_t lcs(const std::vector<std::uint32_t> &b) const { return lcs(b.data(), b.size()); }

    /** ceil(size()/64) words where token occurs in the pattern, or nullptr when it does not. */
    const std::uint64_t *matchMasks(std::uint32_t token) const;

private:

    std::size_t m_length = 0;
    std::size_t m_words = 0;
    std::vector<std::int32_t> m_slot;        ///< token id -> slot, -1 when absent
    std::vector<std::uint32_t> m_used;       ///< token ids with a slot (to clear)
    std::vector<std::uint64_t> m_masks;      ///< slot * m_words + word
    mutable std::vector<std::uint64_t> m_v;  ///< work row
};

/** LCS length of two id sequences (builds a pattern for the shorter). */
std::uint32_t lcsLength(const std::vector<std::uint32_t> &a, const std::vector<std::uint32_t> &b);

/**
 * One longest common subsequence as index pairs (i in a, j in b), increasing.
 * The choice among equal-length ones follows rouge_score's _backtrack_norec
 * (walk back from the end; on a mismatch move left in b when that cell is
 * strictly larger, else up in a). Uses n * ceil(m/64) words of memory.
 */
std::vector<std::pair<std::uint32_t, std::uint32_t>> lcsPairs(const std::vector<std::uint32_t> &a,
                                                              const std::vector<std::uint32_t> &b);

} // namespace sft::rouge
