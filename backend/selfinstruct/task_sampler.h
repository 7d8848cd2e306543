#pragma once
// Which instructions a Self-Instruct request shows the model: as in the paper,
// 6 from the human-written seeds and 2 from the instructions generated (kept)
// so far, all 8 from the seeds until 2 generated ones exist, in shuffled
// order. The choice depends only on the run's seed and the request's id, not
// on which worker thread asks or when, so a run (and its resume) makes the
// same prompts for the same pool.

#include <cstdint>
#include <string>
#include <vector>

namespace sft::selfinstruct {

/** A small portable generator (splitmix64 stream): the same numbers on every platform and library. */
class SeededRandom
{
public:
    explicit SeededRandom(std::uint64_t seed) : m_state(seed) {}
    /** Seeded by a run seed and a stream (a request id); different streams are independent. */
    SeededRandom(std::uint64_t seed, std::uint64_t stream);
    std::uint64_t next();
    /** Uniform in [0, n) for n > 0, without modulo bias. */
    std::uint64_t below(std::uint64_t n);
    /** Uniform in [0, 1). */
    double uniform();
    /** k distinct indices of [0, n) in random order (k clamped to n). */
    std::vector<std::size_t> sample(std::size_t n, std::size_t k);
    template <class T>
    void shuffle(std::vector<T> &v)
    {
        for (std::size_t i = v.size(); i > 1; --i)
            std::swap(v[i - 1], v[static_cast<std::size_t>(below(i))]);
    }

private:
    std::uint64_t m_state;
};

/** The instructions of one prompt and where they came from. */
struct SampledInstructions
{
    std::vector<std::string> instructions;   ///< shuffled
    int fromSeeds = 0;
    int fromGenerated = 0;
};

class TaskSampler
{
public:
    TaskSampler(std::vector<std::string> seeds, std::uint64_t seed, int seedPerPrompt = 6, int generatedPerPrompt = 2);

    /**
     * The instructions for request requestId given the generated instructions
     * kept so far (in the order they were kept).
     */
    SampledInstructions sample(std::uint64_t requestId, const std::vector<std::string> &generated) const;

    int perPrompt() const { return m_seedPerPrompt + m_generatedPerPrompt; }

private:
    std::vector<std::string> m_seeds;
    std::uint64_t m_seed;
    int m_seedPerPrompt;
    int m_generatedPerPrompt;
};

} // namespace sft::selfinstruct
