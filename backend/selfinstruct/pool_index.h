#pragma once
// The Self-Instruct similarity check made incremental: a pool of instructions
// (the seeds, then every kept one) and, for a new instruction, its exact
// highest ROUGE-L F against every instruction in the pool, without comparing
// it to all of them. Instructions are tokenized once (rouge or cjk tokenizer);
// an inverted index gives the pool members that share a token with the new
// one, each with its multiset overlap, which bounds the LCS from above
// (F <= 2·overlap/(m+n)); candidates are scored in decreasing order of that
// bound and the scan stops when the bound cannot beat the best found. Members
// that share no token score 0. The brute-force switch (LCS against every
// member) is kept as the test oracle and the benchmark's baseline.

#include "rouge/tokenizer.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace sft::selfinstruct {

/** The best match of a text against the pool. */
struct PoolMatch
{
    double score = 0;            ///< rouge_score's ROUGE-L F (0 when the pool is empty or nothing is shared)
    std::int64_t nearest = -1;   ///< pool index of the best member (ties: the lowest index), -1 when score is 0
    std::uint32_t lcs = 0;       ///< LCS length against nearest
    std::uint32_t tokens = 0;    ///< token count of the text
    std::int64_t scored = 0;     ///< members whose LCS was computed (for the benchmark)
};

class PoolIndex
{
public:
    explicit PoolIndex(rouge::TokenizerOptions tokenizer = {});
    ~PoolIndex();
    PoolIndex(PoolIndex &&) noexcept;
    PoolIndex &operator=(PoolIndex &&) noexcept;

    /** Adds text; returns its index (0, 1, ...). */
    std::int64_t add(std::string_view text);
    std::int64_t size() const;
    const std::string &text(std::int64_t index) const;

    /** Exact highest F of text against every member. Not thread-safe with add(). */
    PoolMatch best(std::string_view text) const;
    /** The same by comparing with every member (the oracle). */
    PoolMatch bestBruteForce(std::string_view text) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sft::selfinstruct
