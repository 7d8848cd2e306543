#pragma once
// Deterministic train/validation split: the same seed gives the same split on
// every platform (own Fisher–Yates over a fixed-width generator; std::shuffle's
// algorithm is implementation-defined).

#include <cstdint>
#include <vector>

namespace sft {

struct Split
{
    std::vector<std::int64_t> train;       ///< indices into the input, ascending
    std::vector<std::int64_t> validation;  ///< indices into the input, ascending
};

/** splitmix64 (Steele et al.): advances state, returns the next well-mixed value; identical on every platform. */
std::uint64_t splitmix64(std::uint64_t &state);

/** A permutation of 0..n-1: Fisher-Yates driven by splitmix64(seed), the same on every platform. */
std::vector<std::int64_t> shuffledIndices(std::int64_t n, std::uint64_t seed);

/** Put round(n * validationFraction) indices into validation, chosen by seed. */
Split splitIndices(std::int64_t n, double validationFraction, std::uint64_t seed);

} // namespace sft
