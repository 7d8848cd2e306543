#pragma once
// Classification metrics of answer search and ICL runs: accuracy, macro-F1
// and the confusion matrix over the verbalizer's labels, plus the spread
// (mean / min / max / std) of accuracies over ICL demo orders.

#include <cstddef>
#include <optional>
#include <vector>

namespace sft::scoring {

/** Metrics over the examples that have a gold label. */
struct ClassificationMetrics
{
    std::size_t count = 0;                          ///< examples with a gold label
    std::optional<double> accuracy;                 ///< empty when count == 0
    /**
     * Mean F1 over the labels that occur as gold or predicted (scikit-learn's
     * f1_score(average="macro") with labels=None; F1 = 0 where P + R = 0).
     */
    std::optional<double> macroF1;
    std::vector<std::vector<std::size_t>> confusion; ///< [gold][predicted], labels x labels
};

/**
 * Metrics from gold and predicted label indices (same length). A gold of -1
 * means "no gold label": the example is left out. Throws sft::Error on an
 * index outside [0, labels).
 */
ClassificationMetrics classificationMetrics(const std::vector<int> &gold, const std::vector<int> &predicted,
                                            std::size_t labels);

/** Spread of a set of values (population standard deviation, as over all orders run). */
struct Spread
{
    double mean = 0;
    double min = 0;
    double max = 0;
    double std = 0;
    std::size_t count = 0;
};

/** Spread of values; all zero when empty. */
Spread spread(const std::vector<double> &values);

} // namespace sft::scoring
