#pragma once
// Choosing the next token from a row of logits, with the processors and
// warpers of transformers' generate() applied in its order: repetition
// penalty, then temperature, top-k, top-p. Temperature 0 means greedy.
// Torch-free: works on a std::vector<float> so results are the same on every
// device, and the random stream (std::mt19937_64) is fixed by the seed.

#include <cstdint>
#include <random>
#include <vector>

namespace sft::model {

/** Sampling settings. */
struct SamplingOptions
{
    double temperature = 0.0;       ///< <= 0: greedy (argmax)
    std::int64_t topK = 0;          ///< 0: off
    double topP = 1.0;              ///< 1: off
    double repetitionPenalty = 1.0; ///< 1: off; > 1 discourages tokens already in the sequence
};

/** Seeded next-token chooser. */
class Sampler
{
public:
    Sampler(SamplingOptions options, std::uint64_t seed);

    /**
     * The next token id given logits (modified in place) and the ids seen so
     * far (prompt and generated). Only ids < limit are eligible (limit <= 0: all).
     */
    std::int64_t next(std::vector<float> &logits, const std::vector<std::int64_t> &history, std::int64_t limit = 0);

private:
    SamplingOptions m_options;
    std::mt19937_64 m_rng;
};

} // namespace sft::model
