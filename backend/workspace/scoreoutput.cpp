// Parses sftbench-cli score's JSON lines (see scoreoutput.h for the shapes).

#include "workspace/scoreoutput.h"

#include <QJsonArray>

namespace sft {

namespace {

std::optional<double> optionalNumber(const QJsonValue &v)
{
    if (v.isDouble())
        return v.toDouble();
    return std::nullopt;
}

} // namespace

bool ScoreOutputParser::add(const QJsonObject &record)
{
    if (record.contains(QStringLiteral("calibration"))) {
        const QJsonObject c = record.value(QStringLiteral("calibration")).toObject();
        m_result.calibrationLabels.clear();
        m_result.calibrationPrior.clear();
        for (const QJsonValue &v : c.value(QStringLiteral("labels")).toArray())
            m_result.calibrationLabels.push_back(v.toString());
        for (const QJsonValue &v : c.value(QStringLiteral("prior")).toArray())
            m_result.calibrationPrior.push_back(v.toDouble());
        return true;
    }
    if (record.contains(QStringLiteral("summary"))) {
        const QJsonObject s = record.value(QStringLiteral("summary")).toObject();
        m_result.hasSummary = true;
        m_result.count = s.value(QStringLiteral("count")).toInt();
        m_result.labels.clear();
        for (const QJsonValue &v : s.value(QStringLiteral("labels")).toArray())
            m_result.labels.push_back(v.toString());
        m_result.accuracy = optionalNumber(s.value(QStringLiteral("accuracy")));
        m_result.macroF1 = optionalNumber(s.value(QStringLiteral("macro_f1")));
        m_result.confusion.clear();
        for (const QJsonValue &row : s.value(QStringLiteral("confusion")).toArray()) {
            QVector<int> cells;
            for (const QJsonValue &v : row.toArray())
                cells.push_back(v.toInt());
            if (cells.size() != m_result.labels.size()) {
                m_error = QStringLiteral("summary: a confusion row has %1 cells for %2 labels")
                              .arg(cells.size())
                              .arg(m_result.labels.size());
                return false;
            }
            m_result.confusion.push_back(cells);
        }
        m_result.withGold = 0;
        for (const QVector<int> &row : std::as_const(m_result.confusion))
            for (int c : row)
                m_result.withGold += c;
        m_result.seconds = s.value(QStringLiteral("seconds")).toDouble();
        return true;
    }
    if (record.value(QStringLiteral("index")).isDouble()) {
        ScoredExample e;
        e.index = record.value(QStringLiteral("index")).toInt();
        e.text = record.value(QStringLiteral("text")).toString();
        for (const QJsonValue &v : record.value(QStringLiteral("answers")).toArray()) {
            const QJsonObject a = v.toObject();
            e.answers.push_back({a.value(QStringLiteral("answer")).toString(),
                                 a.value(QStringLiteral("logprob")).toDouble(),
                                 a.value(QStringLiteral("score")).toDouble(),
                                 a.value(QStringLiteral("tokens")).toInt()});
        }
        for (const QJsonValue &v : record.value(QStringLiteral("labels")).toArray()) {
            const QJsonObject l = v.toObject();
            e.labels.push_back(l.value(QStringLiteral("label")).toString());
            e.labelScores.push_back(l.value(QStringLiteral("score")).toDouble());
            e.labelProbs.push_back(l.value(QStringLiteral("prob")).toDouble());
        }
        e.predicted = record.value(QStringLiteral("predicted")).toString();
        if (record.value(QStringLiteral("gold")).isString())
            e.gold = record.value(QStringLiteral("gold")).toString();
        if (record.value(QStringLiteral("correct")).isBool())
            e.correct = record.value(QStringLiteral("correct")).toBool();
        m_result.examples.push_back(e);
        return true;
    }
    m_error = QStringLiteral("unexpected worker record (no \"index\", \"calibration\" or \"summary\")");
    return false;
}

} // namespace sft
