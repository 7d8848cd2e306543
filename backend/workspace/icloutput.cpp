// Parses sftbench-cli icl's JSON lines (see icloutput.h).

#include "workspace/icloutput.h"

#include <QJsonArray>

namespace sft {

bool IclOutputParser::add(const QJsonObject &record)
{
    if (record.contains(QStringLiteral("summary"))) {
        m_result.hasSummary = true;
        m_result.summary = record.value(QStringLiteral("summary")).toObject();
        m_result.testCount = m_result.summary.value(QStringLiteral("test_count")).toInt(-1);
        m_result.testWithGold = m_result.summary.value(QStringLiteral("test_with_gold")).toInt(-1);
        return true;
    }
    if (!record.value(QStringLiteral("k")).isDouble()) {
        m_error = QStringLiteral("unexpected worker record (no \"k\" or \"summary\")");
        return false;
    }
    const int k = record.value(QStringLiteral("k")).toInt();
    if (record.contains(QStringLiteral("order"))) {
        IclRun r;
        r.k = k;
        r.order = record.value(QStringLiteral("order")).toInt();
        for (const QJsonValue &v : record.value(QStringLiteral("demos")).toArray())
            r.demos.push_back(v.toInt());
        if (record.value(QStringLiteral("accuracy")).isDouble())
            r.accuracy = record.value(QStringLiteral("accuracy")).toDouble();
        r.promptTokensMax = record.value(QStringLiteral("prompt_tokens_max")).toInt();
        m_result.runs.push_back(r);
        return true;
    }
    if (record.contains(QStringLiteral("mean"))) {
        IclPoint p;
        p.k = k;
        p.measured = record.value(QStringLiteral("mean")).isDouble();
        p.mean = record.value(QStringLiteral("mean")).toDouble();
        p.min = record.value(QStringLiteral("min")).toDouble(p.mean);
        p.max = record.value(QStringLiteral("max")).toDouble(p.mean);
        p.std = record.value(QStringLiteral("std")).toDouble();
        p.runs = record.value(QStringLiteral("runs")).toInt();
        m_result.points.push_back(p);
        return true;
    }
    m_error = QStringLiteral("a record with \"k\" but neither \"order\" nor \"mean\"");
    return false;
}

} // namespace sft
