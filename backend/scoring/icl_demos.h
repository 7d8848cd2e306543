#pragma once
// Which demonstrations an ICL prompt shows, as a function of the experiment's
// settings, the demo pool, the test example, k and the order: the one place
// that decides it, shared by the worker's experiment loop (runIcl) and the
// GUI's prompt preview, so the preview shows exactly the demos a run uses.
//
// Demo sets: random = a seeded sample of k demos per k (the same for every
// test example); manual = the first k of the given indices; rouge = the k
// nearest demos of each test input by ROUGE-L, least similar first (so they
// differ per test example). Order o > 0 is a seeded permutation of order 0's
// list. k = 0 has no demos.

#include "rouge/tokenizer.h"
#include "scoring/icl_prompt.h"
#include "scoring/scoring_data.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sft::scoring {

enum class DemoSelection { Random, Rouge, Manual };

/** "random" | "rouge" | "manual"; false when unknown. */
bool demoSelectionFromName(const std::string &name, DemoSelection &out);

/** Settings of an ICL experiment. */
struct IclOptions
{
    IclFormat format;
    std::vector<std::size_t> ks = {0, 1, 2, 4};
    std::size_t orders = 1;                    ///< demo orders per k (seeded permutations)
    DemoSelection selection = DemoSelection::Random;
    std::vector<std::size_t> manualIndices;    ///< for Manual
    std::uint64_t seed = 0;
    bool calibrate = false;
    rouge::TokenizerOptions rougeTokenizer = {rouge::TokenizerKind::Cjk, false};
};

/** Whether the demos of a (k, order) depend on the test example (rouge) or not (random, manual). */
bool demosVaryPerTest(DemoSelection selection);

/**
 * The demo indices (into demos) of test example `test` for (k, order), in
 * prompt order. Throws sft::Error when k is larger than the pool (or the
 * manual list).
 */
std::vector<std::size_t> iclDemos(const IclOptions &options, const std::vector<Example> &demos,
                                  const Example &test, std::size_t k, std::size_t order);

} // namespace sft::scoring
