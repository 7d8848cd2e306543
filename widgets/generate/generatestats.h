#pragma once
// What a generation run's event log adds up to: the counters (requests,
// tokens, candidates, kept, rejected by rule, classification tasks), every
// decided candidate with its instances, the leading verbs of the kept ones and
// the run's end. Fed one event at a time (the run list follows events.jsonl);
// no widgets, so the tests check it directly. A candidate seen again after a
// resume (same id) replaces the earlier one instead of counting twice.

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

struct GeneratedTask
{
    qint64 id = 0;
    QString instruction;
    bool kept = false;
    QString rule, reason;
    QJsonObject reasonArgs;
    double rougeBest = -1;   ///< -1: not scored (rejected before the ROUGE-L check)
    QString nearest;
    bool classification = false;
    QList<QPair<QString, QString>> instances;   ///< (input, output)
    /** A kept task's instances the filters dropped: input, output and why. */
    struct Dropped
    {
        QString input, output, rule, reason;
        QJsonObject reasonArgs;
    };
    QList<Dropped> dropped;
    qint64 request = -1;     ///< the request that proposed it; -1 when not said
};

class GenerateStats
{
public:
    void clear();
    /** Take in one event of the protocol; unknown events are ignored. */
    void apply(const QJsonObject &event);

    qint64 requests() const;
    qint64 failedRequests() const { return m_failed; }
    qint64 retries() const { return m_retries; }
    qint64 promptTokens() const;
    qint64 completionTokens() const;
    /** The pool's size (seeds + kept) as last reported; -1 before the worker said. */
    qint64 pool() const { return m_pool; }
    qint64 seeds() const { return m_seeds; }
    /** Proposed tasks waiting for their classification or instances, as last reported; -1 before the worker said. */
    qint64 pending() const { return m_pending; }
    /** Requests for new instructions that brought none that passed the early checks (the "model stops" count). */
    qint64 emptyRequests() const { return m_emptyRequests; }

    int candidates() const { return int(m_tasks.size()); }
    int kept() const { return m_kept; }
    int rejected() const { return candidates() - m_kept; }
    /** Rejected candidates by rule ("" counts as "other"), rule → count. */
    QMap<QString, int> rejectedByRule() const;
    /** Kept classification tasks. */
    int classificationKept() const { return m_classification; }

    const QList<GeneratedTask> &tasks() const { return m_tasks; }
    /** Bumped when a task already listed was replaced (views reload instead of appending). */
    int replacements() const { return m_replacements; }
    /** Every scored candidate's highest ROUGE-L against the pool, in arrival order. */
    QVector<double> rougeScores() const;
    /** The n most frequent leading verbs of kept instructions, most frequent first (ties by name). */
    QList<QPair<QString, int>> topVerbs(int n) const;

    /** "done", "error" or "" (running, or the worker went away): the last one not followed by a new start. */
    QString terminalEvent() const { return m_terminal; }
    /** The done event's reason ("target", "max_requests", "max_tokens", "exhausted", "stopped"). */
    QString doneReason() const { return m_doneReason; }
    QString errorMessage() const { return m_error; }
    /** The last failed request's or retry's message. */
    QString lastRequestError() const { return m_lastRequestError; }
    QJsonObject startEvent() const { return m_start; }
    /** The worker's warnings (e.g. no seed marked as classification), as it wrote them. */
    QStringList warnings() const { return m_warnings; }
    bool hasProgress() const { return !m_progress.isEmpty(); }

private:
    void addTask(const GeneratedTask &task, int sign);

    QList<GeneratedTask> m_tasks;
    QHash<qint64, int> m_index;
    QHash<QString, int> m_verbs;
    QMap<QString, int> m_rules;
    int m_kept = 0, m_classification = 0, m_replacements = 0;
    qint64 m_requests = 0, m_failed = 0, m_retries = 0, m_promptTokens = 0, m_completionTokens = 0;
    qint64 m_pool = -1, m_seeds = -1, m_pending = -1, m_emptyRequests = 0, m_doneRequests = 0;
    QJsonObject m_progress, m_start;
    QString m_terminal, m_doneReason, m_error, m_lastRequestError;
    QStringList m_warnings;
};
