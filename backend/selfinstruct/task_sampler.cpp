// Seeded sampling of the instructions shown per request.

#include "selfinstruct/task_sampler.h"

#include <numeric>

namespace sft::selfinstruct {

namespace {

std::uint64_t mix(std::uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

} // namespace

SeededRandom::SeededRandom(std::uint64_t seed, std::uint64_t stream)
    : m_state(mix(seed + 0x9e3779b97f4a7c15ULL) ^ mix(stream * 0xd1342543de82ef95ULL + 1))
{
}

std::uint64_t SeededRandom::next()
{
    m_state += 0x9e3779b97f4a7c15ULL;
    return mix(m_state);
}

std::uint64_t SeededRandom::below(std::uint64_t n)
{
    if (n <= 1)
        return 0;
    const std::uint64_t limit = ~std::uint64_t(0) - (~std::uint64_t(0) % n);
    std::uint64_t x;
    do
        x = next();
    while (x >= limit);
    return x % n;
}

double SeededRandom::uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }

std::vector<std::size_t> SeededRandom::sample(std::size_t n, std::size_t k)
{
    if (k > n)
        k = n;
    // Partial Fisher-Yates over the index range.
    std::vector<std::size_t> idx(n);
    std::iota(idx.begin(), idx.end(), std::size_t(0));
    for (std::size_t i = 0; i < k; ++i)
        std::swap(idx[i], idx[i + static_cast<std::size_t>(below(n - i))]);
    idx.resize(k);
    return idx;
}

TaskSampler::TaskSampler(std::vector<std::string> seeds, std::uint64_t seed, int seedPerPrompt, int generatedPerPrompt)
    : m_seeds(std::move(seeds)), m_seed(seed), m_seedPerPrompt(seedPerPrompt), m_generatedPerPrompt(generatedPerPrompt)
{
}

SampledInstructions TaskSampler::sample(std::uint64_t requestId, const std::vector<std::string> &generated) const
{
    SeededRandom rng(m_seed, requestId);
    SampledInstructions out;
    const int total = perPrompt();
    // Generated ones only once there are enough of them, as the paper's prompts show.
    const int fromGen = int(generated.size()) >= m_generatedPerPrompt ? m_generatedPerPrompt : 0;
    for (std::size_t i : rng.sample(generated.size(), std::size_t(fromGen)))
        out.instructions.push_back(generated[i]);
    out.fromGenerated = int(out.instructions.size());
    for (std::size_t i : rng.sample(m_seeds.size(), std::size_t(total - out.fromGenerated)))
        out.instructions.push_back(m_seeds[i]);
    out.fromSeeds = int(out.instructions.size()) - out.fromGenerated;
    rng.shuffle(out.instructions);
    return out;
}

} // namespace sft::selfinstruct
