#pragma once
// The JSON lines `sftbench-cli icl` prints: one per run (k demonstrations in
// one order), one per k (mean / min / max / std over the orders) and a
// summary. In-context learning is order-sensitive, so every run is kept for
// the plot, not only the means.

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVector>

#include <optional>

namespace sft {

struct IclRun
{
    int k = 0, order = 0;
    QVector<int> demos;
    std::optional<double> accuracy;  ///< none when no test example has a gold label
    int promptTokensMax = 0;
};

struct IclPoint
{
    int k = 0;
    bool measured = true;  ///< false when the worker had no accuracy to average (no gold labels)
    double mean = 0, min = 0, max = 0, std = 0;
    int runs = 0;
};

struct IclResult
{
    QList<IclRun> runs;
    QList<IclPoint> points;  ///< in the order the worker printed them (ascending k)
    bool hasSummary = false;
    QJsonObject summary;
    /** From the summary: test examples read, and those with a gold label (every accuracy's base); -1 = not given. */
    int testCount = -1, testWithGold = -1;
};

class IclOutputParser
{
public:
    /** Take one JSON line; false (and error() set) when it is not a known record. */
    bool add(const QJsonObject &record);
    const IclResult &result() const { return m_result; }
    QString error() const { return m_error; }

private:
    IclResult m_result;
    QString m_error;
};

} // namespace sft
