#pragma once
// Answer mapping: a verbalizer maps answers z (several per label, each maybe
// several tokens) to labels, e.g. 太好了 / 好 -> 正面, 一般 -> 中立,
// 不好 / 糟糕 -> 负面. Answer search scores every answer; the verbalizer turns
// those scores into one score and probability per label.

#include <string>
#include <vector>

namespace sft::prompt {

/** How the answers of one label combine. */
enum class LabelAggregation {
    Max,        ///< the best answer's score (the usual choice)
    SumProb,    ///< log of the summed probabilities of the answers
    Mean,       ///< mean of the answers' scores
};

class Verbalizer
{
public:
    struct Label
    {
        std::string name;
        std::vector<std::string> answers;
    };

    /** Throws sft::Error on an empty label, a label without answers, or an answer used twice. */
    explicit Verbalizer(std::vector<Label> labels);

    const std::vector<Label> &labels() const { return m_labels; }
    /** Every answer, label by label, in order: the answer space Z. */
    std::vector<std::string> answers() const;
    /** Index of the label an answer maps to, or -1. */
    int labelOf(const std::string &answer) const;

    /**
     * Per-label scores from per-answer scores (log-probabilities, in the
     * order of answers()).
     */
    std::vector<double> labelScores(const std::vector<double> &answerScores,
                                    LabelAggregation aggregation = LabelAggregation::Max) const;

private:
    std::vector<Label> m_labels;
};

/** softmax over log-scores: probabilities that sum to 1. */
std::vector<double> softmax(const std::vector<double> &logScores);

} // namespace sft::prompt
