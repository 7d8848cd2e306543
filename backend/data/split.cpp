#include "data/split.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sft {

std::uint64_t splitmix64(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::vector<std::int64_t> shuffledIndices(std::int64_t n, std::uint64_t seed)
{
    std::vector<std::int64_t> idx(static_cast<std::size_t>(std::max<std::int64_t>(0, n)));
    std::iota(idx.begin(), idx.end(), 0);
    std::uint64_t state = seed;
    for (std::int64_t i = n - 1; i > 0; --i) {
        const auto j = static_cast<std::int64_t>(splitmix64(state) % static_cast<std::uint64_t>(i + 1));
        std::swap(idx[static_cast<std::size_t>(i)], idx[static_cast<std::size_t>(j)]);
    }
    return idx;
}

Split splitIndices(std::int64_t n, double validationFraction, std::uint64_t seed)
{
    Split s;
    if (n <= 0)
        return s;
    validationFraction = std::clamp(validationFraction, 0.0, 1.0);
    const auto nval = static_cast<std::int64_t>(std::llround(double(n) * validationFraction));
    const std::vector<std::int64_t> idx = shuffledIndices(n, seed);
    s.validation.assign(idx.begin(), idx.begin() + nval);
    s.train.assign(idx.begin() + nval, idx.end());
    std::sort(s.validation.begin(), s.validation.end());
    std::sort(s.train.begin(), s.train.end());
    return s;
}

} // namespace sft
