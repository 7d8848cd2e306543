// Classification metrics and the spread of ICL accuracies.

#include "scoring/metrics.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace sft::scoring {

ClassificationMetrics classificationMetrics(const std::vector<int> &gold, const std::vector<int> &predicted,
                                            std::size_t labels)
{
    if (gold.size() != predicted.size())
        throw Error("metrics: " + std::to_string(gold.size()) + " gold labels but " + std::to_string(predicted.size())
                    + " predictions");
    ClassificationMetrics m;
    m.confusion.assign(labels, std::vector<std::size_t>(labels, 0));
    auto check = [&](int v, const char *what) {
        if (v < 0 || std::size_t(v) >= labels)
            throw Error(std::string("metrics: ") + what + " label index " + std::to_string(v) + " is outside [0, "
                        + std::to_string(labels) + ")");
    };
    std::size_t correct = 0;
    for (std::size_t i = 0; i < gold.size(); ++i) {
        if (gold[i] < 0)
            continue;
        check(gold[i], "gold");
        check(predicted[i], "predicted");
        ++m.confusion[std::size_t(gold[i])][std::size_t(predicted[i])];
        ++m.count;
        correct += gold[i] == predicted[i];
    }
    if (m.count == 0)
        return m;
    m.accuracy = double(correct) / double(m.count);
    double f1Sum = 0;
    std::size_t present = 0;
    for (std::size_t l = 0; l < labels; ++l) {
        std::size_t goldCount = 0, predCount = 0;
        for (std::size_t j = 0; j < labels; ++j) {
            goldCount += m.confusion[l][j];
            predCount += m.confusion[j][l];
        }
        if (goldCount == 0 && predCount == 0)
            continue;
        ++present;
        const double tp = double(m.confusion[l][l]);
        const double denom = double(goldCount + predCount);
        f1Sum += denom > 0 ? 2 * tp / denom : 0.0; // 2PR/(P+R) = 2TP/(gold+pred)
    }
    m.macroF1 = present ? f1Sum / double(present) : 0.0;
    return m;
}

Spread spread(const std::vector<double> &values)
{
    Spread s;
    s.count = values.size();
    if (values.empty())
        return s;
    s.min = *std::min_element(values.begin(), values.end());
    s.max = *std::max_element(values.begin(), values.end());
    for (double v : values)
        s.mean += v;
    s.mean /= double(values.size());
    double var = 0;
    for (double v : values)
        var += (v - s.mean) * (v - s.mean);
    s.std = std::sqrt(var / double(values.size()));
    return s;
}

} // namespace sft::scoring
