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

/** Put round(n * validationFraction) indices into validation, chosen by seed. */
Split splitIndices(std::int64_t n, double validationFraction, std::uint64_t seed);

} // namespace sft
