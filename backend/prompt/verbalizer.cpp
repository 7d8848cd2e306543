#include "prompt/verbalizer.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace sft::prompt {

Verbalizer::Verbalizer(std::vector<Label> labels) : m_labels(std::move(labels))
{
    if (m_labels.empty())
        throw Error("a verbalizer needs at least one label");
    std::set<std::string> seen;
    for (const Label &l : m_labels) {
        if (l.name.empty())
            throw Error("a verbalizer label has no name");
        if (l.answers.empty())
            throw Error("label \"" + l.name + "\" has no answers");
        for (const std::string &a : l.answers) {
            if (a.empty())
                throw Error("label \"" + l.name + "\" has an empty answer");
            if (!seen.insert(a).second)
                throw Error("answer \"" + a + "\" is mapped to more than one label");
        }
    }
}

std::vector<std::string> Verbalizer::answers() const
{
    std::vector<std::string> out;
    for (const Label &l : m_labels)
        out.insert(out.end(), l.answers.begin(), l.answers.end());
    return out;
}

int Verbalizer::labelOf(const std::string &answer) const
{
    for (std::size_t i = 0; i < m_labels.size(); ++i)
        if (std::find(m_labels[i].answers.begin(), m_labels[i].answers.end(), answer) != m_labels[i].answers.end())
            return int(i);
    return -1;
}

std::vector<double> Verbalizer::labelScores(const std::vector<double> &answerScores, LabelAggregation aggregation) const
{
    std::size_t k = 0;
    std::vector<double> out;
    for (const Label &l : m_labels) {
        if (k + l.answers.size() > answerScores.size())
            throw Error("got " + std::to_string(answerScores.size()) + " answer scores for "
                        + std::to_string(answers().size()) + " answers");
        const auto first = answerScores.begin() + std::ptrdiff_t(k);
        const auto last = first + std::ptrdiff_t(l.answers.size());
        double s = 0;
        switch (aggregation) {
        case LabelAggregation::Max:
            s = *std::max_element(first, last);
            break;
        case LabelAggregation::Mean:
            for (auto it = first; it != last; ++it)
                s += *it;
            s /= double(l.answers.size());
            break;
        case LabelAggregation::SumProb: {
            const double m = *std::max_element(first, last);
            double sum = 0;
            for (auto it = first; it != last; ++it)
                sum += std::exp(*it - m);
            s = m + std::log(sum);
            break;
        }
        }
        out.push_back(s);
        k += l.answers.size();
    }
    if (k != answerScores.size())
        throw Error("got " + std::to_string(answerScores.size()) + " answer scores for " + std::to_string(k)
                    + " answers");
    return out;
}

std::vector<double> softmax(const std::vector<double> &logScores)
{
    if (logScores.empty())
        return {};
    const double m = *std::max_element(logScores.begin(), logScores.end());
    std::vector<double> p(logScores.size());
    double sum = 0;
    for (std::size_t i = 0; i < p.size(); ++i)
        sum += p[i] = std::exp(logScores[i] - m);
    for (double &v : p)
        v /= sum;
    return p;
}

} // namespace sft::prompt
