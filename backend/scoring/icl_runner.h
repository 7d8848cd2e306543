#pragma once
// An ICL experiment: for every k in a list and every demo order, assemble the
// prompt of each test example (IclPromptBuilder), run answer search on it,
// optionally with contextual calibration (content-free test input, same
// demos), and collect accuracy per (k, order) and its spread per k. ICL is
// sensitive to the choice and order of demos, so the spread is the result,
// not one number.
//
// Which demos each prompt shows is iclDemos (icl_demos.h), which the GUI's
// preview calls too. k = 0 runs once (no demos to order).

#include "scoring/answer_scorer.h"
#include "scoring/icl_demos.h"
#include "scoring/icl_prompt.h"
#include "scoring/metrics.h"
#include "scoring/scoring_data.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace sft::scoring {

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

/** Run the experiment. Throws sft::Error. */
IclResult runIcl(const AnswerScorer &scorer, const std::vector<Example> &demos, const std::vector<Example> &tests,
                 const IclOptions &options, const IclCallbacks &callbacks = {});

} // namespace sft::scoring
