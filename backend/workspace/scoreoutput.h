#pragma once
// The JSON lines `sftbench-cli score` prints, collected into one result: an
// optional calibration line, one line per scored input, and a summary last.
// Kept apart from the process so tests feed recorded lines without a worker.

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace sft {

/** One scored input. */
struct ScoredExample
{
    struct Answer
    {
        QString answer;
        double logprob = 0, score = 0;
        int tokens = 0;
    };
    int index = 0;
    QString text;
    QList<Answer> answers;
    QStringList labels;        ///< in the order of the worker's "labels"
    QVector<double> labelScores, labelProbs;
    QString predicted;
    std::optional<QString> gold;
    std::optional<bool> correct;
};

/** Everything one score run reported. */
struct ScoreResult
{
    QStringList calibrationLabels;
    QVector<double> calibrationPrior;
    QList<ScoredExample> examples;
    bool hasSummary = false;
    int count = 0;                    ///< inputs scored
    /**
     * Inputs with a gold label: the base of accuracy, macro-F1 and the
     * confusion matrix (its total; the worker counts only these in it).
     */
    int withGold = 0;
    QStringList labels;
    std::optional<double> accuracy, macroF1;
    QVector<QVector<int>> confusion;  ///< [gold][predicted], in the order of labels
    double seconds = 0;
};

/** Feeds worker records one by one; malformed ones become errors, not crashes. */
class ScoreOutputParser
{
public:
    /** Take one JSON line; false (and error() set) when it is not a known record. */
    bool add(const QJsonObject &record);
    const ScoreResult &result() const { return m_result; }
    QString error() const { return m_error; }

private:
    ScoreResult m_result;
    QString m_error;
};

} // namespace sft
