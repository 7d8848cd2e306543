#pragma once
// An ICL experiment: for every k in a list and every demo order, assemble the
// prompt of each test example (IclPromptBuilder), run answer search on it,
// optionally with contextual calibration (content-free test input, same
// demos), and collect accuracy per (k, order) and its spread per k. ICL is
// sensitive to the choice and order of demos, so the spread is the result,
// not one number.
//
// Demo sets: random = a seeded sample of k demos per k (order 0 as sampled);
// manual = the first k of the given indices; rouge = the k nearest demos of
// each test input by ROUGE-L, least similar first. Order o > 0 is a seeded
// permutation of order 0's list. k = 0 runs once (no demos to order).

#include "rouge/tokenizer.h"
#include "scoring/answer_scorer.h"
#include "scoring/icl_prompt.h"
#include "scoring/metrics.h"
#include "scoring/scoring_data.h"

#include <cstdint>
#include <functional>
#include <optional>
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

/** One test example in one run. */
struct IclExampleResult
{
    std::size_t k = 0;
    std::size_t order = 0;
    std::size_t test = 0;                 ///< index in the test set
    std::vector<std::size_t> demos;       ///< demo indices, in prompt order
    InputScores scores;                   ///< raw scores and probabilities
    std::vector<double> probs;            ///< calibrated probabilities, else scores.probs
    int predicted = 0;
};

/** One (k, order) run over the test set. */
struct IclRunResult
{
    std::size_t k = 0;
    std::size_t order = 0;
    std::vector<std::size_t> demos;       ///< demos of the first test example (the same for all but rouge)
    ClassificationMetrics metrics;
    std::int64_t promptTokensMax = 0;     ///< longest scored text (prompt + answer) in tokens
};

/** Accuracy spread over the orders of one k. */
struct IclKSummary
{
    std::size_t k = 0;
    Spread accuracy;                      ///< over runs with an accuracy
    std::size_t runs = 0;
};

/** Everything an experiment produced. */
struct IclResult
{
    std::vector<IclRunResult> runs;
    std::vector<IclKSummary> perK;
};

/** Callbacks while an experiment runs (each may be empty). */
struct IclCallbacks
{
    std::function<void(const IclExampleResult &)> onExample;
    std::function<void(const IclRunResult &)> onRun;
    std::function<void(const IclKSummary &)> onK;
};

/** The demo indices of test example `test` for (k, order). Throws sft::Error when k is too large. */
std::vector<std::size_t> iclDemos(const IclOptions &options, const std::vector<Example> &demos,
                                  const Example &test, std::size_t k, std::size_t order);

/** Run the experiment. Throws sft::Error. */
IclResult runIcl(const AnswerScorer &scorer, const std::vector<Example> &demos, const std::vector<Example> &tests,
                 const IclOptions &options, const IclCallbacks &callbacks = {});

} // namespace sft::scoring
