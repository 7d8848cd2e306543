#include "generate/generatestats.h"

#include <QJsonArray>

#include <algorithm>

#include "generate/generaterun.h"

namespace {

qint64 integer(const QJsonObject &o, const char *key) { return qint64(o.value(QLatin1String(key)).toDouble()); }

} // namespace

void GenerateStats::clear() { *this = GenerateStats(); }

void GenerateStats::apply(const QJsonObject &e)
{
    const QString event = e.value(QStringLiteral("event")).toString();
    if (event == QLatin1String("candidate")) {
        GeneratedTask t;
        t.id = integer(e, "id");
        t.instruction = e.value(QStringLiteral("instruction")).toString();
        t.kept = e.value(QStringLiteral("kept")).toBool();
        t.rule = e.value(QStringLiteral("rule")).toString();
        t.reason = e.value(QStringLiteral("reason")).toString();
        t.reasonArgs = e.value(QStringLiteral("reason_args")).toObject();
        const QJsonValue rouge = e.value(QStringLiteral("rouge_best"));
        t.rougeBest = rouge.isDouble() ? rouge.toDouble() : -1;
        t.nearest = e.value(QStringLiteral("nearest")).toString();
        t.classification = e.value(QStringLiteral("is_classification")).toBool();
        for (const QJsonValue &v : e.value(QStringLiteral("instances")).toArray()) {
            const QJsonObject i = v.toObject();
            t.instances.append({i.value(QStringLiteral("input")).toString(), i.value(QStringLiteral("output")).toString()});
        }
        for (const QJsonValue &v : e.value(QStringLiteral("dropped_instances")).toArray()) {
            const QJsonObject d = v.toObject();
            t.dropped.append({d.value(QStringLiteral("input")).toString(), d.value(QStringLiteral("output")).toString(),
                              d.value(QStringLiteral("rule")).toString(), d.value(QStringLiteral("reason")).toString(),
                              d.value(QStringLiteral("reason_args")).toObject()});
        }
        if (e.contains(QStringLiteral("request")))
            t.request = integer(e, "request");
        const auto it = m_index.constFind(t.id);
        if (it != m_index.constEnd()) {
            addTask(m_tasks[*it], -1);
            m_tasks[*it] = t;
            ++m_replacements;
        } else {
            m_index.insert(t.id, int(m_tasks.size()));
            m_tasks.append(t);
        }
        addTask(t, +1);
    } else if (event == QLatin1String("request")) {
        ++m_requests;
        if (!e.value(QStringLiteral("ok")).toBool(true)) {
            ++m_failed;
            m_lastRequestError = e.value(QStringLiteral("error")).toString();
        }
        m_promptTokens += integer(e, "prompt_tokens");
        m_completionTokens += integer(e, "completion_tokens");
        // Requests for new instructions say how many they proposed and how many passed the early checks.
        if (e.contains(QStringLiteral("fresh")) && integer(e, "fresh") == 0)
            ++m_emptyRequests;
    } else if (event == QLatin1String("retry")) {
        ++m_retries;
        m_lastRequestError = e.value(QStringLiteral("message")).toString();
    } else if (event == QLatin1String("progress")) {
        m_progress = e;
        if (e.contains(QStringLiteral("pool")))
            m_pool = integer(e, "pool");
        if (e.contains(QStringLiteral("pending")))
            m_pending = integer(e, "pending");
    } else if (event == QLatin1String("loading") || event == QLatin1String("start")) {
        // A worker (re)started on the run ("loading" comes first, before its model loads): the previous
        // session's end no longer holds.
        m_terminal.clear();
        m_doneReason.clear();
        m_error.clear();
        if (event == QLatin1String("loading"))
            return;
        m_start = e;
        if (e.contains(QStringLiteral("pool")))
            m_pool = integer(e, "pool");
        if (e.contains(QStringLiteral("seeds")))
            m_seeds = integer(e, "seeds");
        if (e.contains(QStringLiteral("pending")))
            m_pending = integer(e, "pending");
    } else if (event == QLatin1String("done")) {
        m_terminal = event;
        m_doneReason = e.value(QStringLiteral("reason")).toString();
        m_doneRequests = std::max(m_doneRequests, integer(e, "requests"));
    } else if (event == QLatin1String("warning")) {
        const QString message = e.value(QStringLiteral("message")).toString();
        if (!message.isEmpty() && !m_warnings.contains(message))
            m_warnings.append(message);
    } else if (event == QLatin1String("error")) {
        m_terminal = event;
        m_error = e.value(QStringLiteral("message")).toString();
    }
}

void GenerateStats::addTask(const GeneratedTask &t, int sign)
{
    if (t.kept) {
        m_kept += sign;
        if (t.classification)
            m_classification += sign;
        const QString verb = generation::leadingVerb(t.instruction);
        if (!verb.isEmpty() && (m_verbs[verb] += sign) <= 0)
            m_verbs.remove(verb);
    } else if ((m_rules[t.rule] += sign) <= 0) {
        m_rules.remove(t.rule);
    }
}

// The worker's progress event is the authority on requests and tokens (it
// also counts what a resumed run did before); request events fill in until
// the first one arrives.
qint64 GenerateStats::requests() const
{
    const qint64 counted = std::max(m_requests, m_doneRequests);
    return m_progress.isEmpty() ? counted : std::max(counted, integer(m_progress, "requests"));
}

qint64 GenerateStats::promptTokens() const
{
    return m_progress.isEmpty() ? m_promptTokens : std::max(m_promptTokens, integer(m_progress, "prompt_tokens"));
}

qint64 GenerateStats::completionTokens() const
{
    return m_progress.isEmpty() ? m_completionTokens
                                : std::max(m_completionTokens, integer(m_progress, "completion_tokens"));
}

QMap<QString, int> GenerateStats::rejectedByRule() const { return m_rules; }

QVector<double> GenerateStats::rougeScores() const
{
    QVector<double> out;
    out.reserve(m_tasks.size());
    for (const GeneratedTask &t : m_tasks)
        if (t.rougeBest >= 0)
            out.append(t.rougeBest);
    return out;
}

QList<QPair<QString, int>> GenerateStats::topVerbs(int n) const
{
    QList<QPair<QString, int>> all;
    all.reserve(m_verbs.size());
    for (auto it = m_verbs.constBegin(); it != m_verbs.constEnd(); ++it)
        all.append({it.key(), it.value()});
    std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (all.size() > n)
        all.resize(n);
    return all;
}
