// The quality check behind the Quality panel: read the scope through a
// worker-thread connection, run the heuristic rules, then the greedy ROUGE-L
// filter over the survivors, and describe every new rejection.

#include "workspace/qualityrun.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlQuery>

#include <nlohmann/json.hpp>

#include <cmath>
#include <string_view>

#include "core/error.h"
#include "data/formats.h"
#include "rouge/dedup.h"
#include "workspace/connection.h"
#include "workspace/qtstrings.h"
#include "workspace/schema.h"
#include "workspace/writetransaction.h"

namespace sft {

namespace {

/** A record of the scope or of a pool dataset: its id (0 for a pool file's) and content. */
struct ScopeRecord
{
    qint64 id = 0;
    RecordStatus status = RecordStatus::Pending;
    Record record;   ///< instruction, input, output, system, turns
};

QString statusCondition(QualityScope scope)
{
    switch (scope) {
    case QualityScope::All:
        return QString();
    case QualityScope::Accepted:
        return QStringLiteral(" AND status = %1").arg(int(RecordStatus::Accepted));
    case QualityScope::PendingAndAccepted:
        return QStringLiteral(" AND status IN (%1, %2)").arg(int(RecordStatus::Pending)).arg(int(RecordStatus::Accepted));
    }
    return QString();
}

std::vector<ScopeRecord> readRecords(const QString &workspacePath, qint64 datasetId, const QString &condition)
{
    ScopedConnection conn(workspacePath);
    QSqlQuery q(conn.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, status, instruction, input, output, system, turns FROM records"
                             " WHERE dataset_id = ?")
              + condition + QStringLiteral(" ORDER BY id"));
    q.bindValue(0, datasetId);
    execOrThrow(conn.db(), q, "cannot read the records");
    std::vector<ScopeRecord> out;
    while (q.next()) {
        ScopeRecord r;
        r.id = q.value(0).toLongLong();
        r.status = static_cast<RecordStatus>(q.value(1).toInt());
        r.record.instruction = ss(q.value(2).toString());
        r.record.input = ss(q.value(3).toString());
        r.record.output = ss(q.value(4).toString());
        r.record.system = ss(q.value(5).toString());
        r.record.turns = schema::turnsFromJson(q.value(6).toString());
        out.push_back(std::move(r));
    }
    return out;
}

/** True when the dataset exists and is not in the trash. */
bool liveDataset(const QString &workspacePath, qint64 datasetId)
{
    ScopedConnection conn(workspacePath);
    QSqlQuery q(conn.db());
    q.prepare(QStringLiteral("SELECT trashed_name IS NULL FROM datasets WHERE id = ?"));
    q.bindValue(0, datasetId);
    execOrThrow(conn.db(), q, "cannot read the datasets");
    return q.next() && q.value(0).toBool();
}

/** The reference pool's records: a dataset's that are not rejected, or a file's (ids 0). */
std::vector<ScopeRecord> readPool(const QualityOptions &o)
{
    if (o.poolDatasetId != 0 && !o.poolFile.isEmpty())
        throw Error("the reference pool is either a dataset or a file, not both");
    if (o.poolDatasetId != 0) {
        if (o.poolDatasetId == o.datasetId)
            throw Error("the reference pool cannot be the dataset being checked");
        if (!liveDataset(o.workspacePath, o.poolDatasetId))
            throw Error("the reference pool's dataset no longer exists");
        return readRecords(o.workspacePath, o.poolDatasetId,
                           QStringLiteral(" AND status != %1").arg(int(RecordStatus::Rejected)));
    }
    std::vector<ScopeRecord> out;
    if (o.poolFile.isEmpty())
        return out;
    for (Record &r : readDataset(ss(o.poolFile))) {
        ScopeRecord s;
        s.record = std::move(r);
        out.push_back(std::move(s));
    }
    return out;
}

std::string_view trimmed(std::string_view s)
{
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    while (!s.empty() && space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && space(s.back()))
        s.remove_suffix(1);
    return s;
}

// Two decimals, unless that would print a rejected score as not above the
// threshold (0.7027 as "0.70" next to a threshold of 0.7).
QString formatScore(double score, double threshold)
{
    int decimals = 2;
    while (decimals < 6 && std::round(score * std::pow(10.0, decimals)) / std::pow(10.0, decimals) <= threshold)
        ++decimals;
    return QString::number(score, 'f', decimals);
}

QString jsonText(const nlohmann::json &j)
{
    return qs(j.dump());
}

} // namespace

QList<StatusState> QualityResult::statusChange() const
{
    QList<StatusState> out;
    out.reserve(rejections.size());
    for (const QualityRejection &r : rejections)
        out.push_back({r.id, RecordStatus::Rejected, r.reason, r.rule, r.args});
    return out;
}

Record qualityRecord(const RecordData &d)
{
    Record r;
    r.instruction = ss(d.instruction);
    r.input = ss(d.input);
    r.output = ss(d.output);
    r.system = ss(d.system);
    for (const ChatTurn &t : d.turns)
        r.turns.push_back(ChatMessage{ss(t.role), ss(t.content)});
    return r;
}

QString qualityText(QualityField field, const RecordData &record)
{
    return qs(rouge::comparedText(qualityRecord(record), field));
}

QualityResult runQuality(const QualityOptions &o, const ProgressFn &progress)
{
    QElapsedTimer timer;
    timer.start();
    // Compile the rules before reading anything: bad parameters fail fast.
    std::vector<rouge::FilterRule> enabled;
    for (const rouge::FilterRule &r : o.rules)
        if (r.enabled)
            enabled.push_back(r);
    const rouge::RecordFilter filter(enabled);

    const std::vector<ScopeRecord> records = readRecords(o.workspacePath, o.datasetId, statusCondition(o.scope));
    // The pool matters only to the near-duplicate filter.
    const std::vector<ScopeRecord> pool = o.dedup ? readPool(o) : std::vector<ScopeRecord>();
    const auto n = std::int64_t(records.size());
    QualityResult result;
    result.checked = n;
    result.poolRecords = std::int64_t(pool.size());
    reportProgress(progress, 0, 2 * n);

    // 1. Heuristic rules, every record in the scope (a conversation turn by turn).
    std::vector<rouge::FilterVerdict> verdicts;
    if (!enabled.empty()) {
        std::vector<std::vector<rouge::FilterTurn>> turns;
        turns.reserve(records.size());
        for (const ScopeRecord &r : records)
            turns.push_back(rouge::recordTurns(r.record));
        verdicts = filter.checkAll(turns, [&progress, n](std::int64_t done, std::int64_t) {
            return !progress || progress(done, 2 * n);
        });
    } else {
        verdicts.resize(records.size());
    }
    reportProgress(progress, n, 2 * n);

    // The compared texts: the pool's, then the survivors' in id order.
    std::vector<std::size_t> survivors;
    for (std::size_t i = 0; i < records.size(); ++i)
        if (!verdicts[i].rejected)
            survivors.push_back(i);
    std::vector<std::string> compared;
    if (o.dedup) {
        compared.reserve(pool.size() + survivors.size());
        for (const ScopeRecord &p : pool)
            compared.push_back(rouge::comparedText(p.record, o.field));
        for (std::size_t i : survivors)
            compared.push_back(rouge::comparedText(records[i].record, o.field));
    }

    // The tokenizer: chosen from the compared text of the whole scope and the pool (a sample),
    // so the choice does not depend on which records the rules removed.
    rouge::TokenizerOptions tokenizer = o.tokenizer;
    if (o.autoTokenizer) {
        std::vector<std::string> sample;
        const std::size_t total = pool.size() + records.size();
        for (std::size_t i : rouge::evenSample(total, rouge::tokenizerSampleSize))
            sample.push_back(i < pool.size() ? rouge::comparedText(pool[i].record, o.field)
                                             : rouge::comparedText(records[i - pool.size()].record, o.field));
        const rouge::TokenizerChoice choice = rouge::chooseTokenizer(sample);
        tokenizer.kind = choice.kind;
        result.tokenizerChosen = true;
        result.tokenizerSample = choice.sample;
    }
    result.tokenizer = tokenizer.kind;

    // 2. ROUGE-L over the survivors, in id order, after the pool.
    rouge::DedupResult dedup;
    const std::size_t poolSize = pool.size();
    if (o.dedup && !survivors.empty()) {
        rouge::DedupOptions d;
        d.tokenizer = tokenizer;
        d.threshold = o.threshold;
        d.exactBestScores = o.exactBestScores;
        d.threads = o.threads;
        d.poolSize = poolSize;
        dedup = rouge::greedyDedup(compared, d, [&progress, n](std::int64_t done, std::int64_t total) {
            return !progress || progress(n + (total > 0 ? done * n / total : n), 2 * n);
        });
        result.dedupIds.reserve(qsizetype(survivors.size()));
        result.bestScores.reserve(qsizetype(survivors.size()));
        for (std::size_t k = 0; k < survivors.size(); ++k) {
            result.dedupIds.push_back(records[survivors[k]].id);
            result.bestScores.push_back(dedup.records[poolSize + k].bestScore);
        }
    }

    // 3. Describe the new rejections in id order; earlier rejections stay as they are.
    std::vector<std::int64_t> dedupIndex(records.size(), -1);
    for (std::size_t k = 0; k < survivors.size(); ++k)
        dedupIndex[survivors[k]] = std::int64_t(poolSize + k);
    const QString poolFileName = QFileInfo(o.poolFile).fileName();
    for (std::size_t i = 0; i < records.size(); ++i) {
        const ScopeRecord &r = records[i];
        if (r.status == RecordStatus::Rejected) {
            ++result.alreadyRejected;
            continue;
        }
        QualityRejection rej;
        rej.id = r.id;
        if (verdicts[i].rejected) {
            rej.rule = qs(verdicts[i].rule);
            rej.reason = qs(verdicts[i].reason);
            rej.args = jsonText(verdicts[i].args);
            ++result.ruleRejected;
        } else if (dedupIndex[i] >= 0 && !dedup.records.empty() && !dedup.records[std::size_t(dedupIndex[i])].kept) {
            const rouge::DedupRecord &d = dedup.records[std::size_t(dedupIndex[i])];
            rej.rule = rougeRuleId();
            rej.score = d.bestScore;
            const QString score = formatScore(d.bestScore, o.threshold.value());
            const ScopeRecord *nearest = nullptr;
            if (d.nearest >= 0 && std::size_t(d.nearest) < poolSize) {
                nearest = &pool[std::size_t(d.nearest)];
                rej.nearestInPool = true;
                rej.nearestPoolIndex = d.nearest;
                rej.nearestText = qs(compared[std::size_t(d.nearest)]);
            } else if (d.nearest >= 0) {
                nearest = &records[survivors[std::size_t(d.nearest) - poolSize]];
            }
            rej.nearestId = nearest ? nearest->id : 0;
            rej.sameInstructionOtherInput = nearest && trimmed(r.record.instruction) == trimmed(nearest->record.instruction)
                                            && trimmed(r.record.input) != trimmed(nearest->record.input);
            result.sameInstructionOtherInput += rej.sameInstructionOtherInput;
            if (rej.nearestInPool && !o.poolFile.isEmpty()) {
                const qint64 number = rej.nearestPoolIndex + 1;
                rej.reason = QStringLiteral("ROUGE-L %1 with record %2 of the reference pool %3")
                                 .arg(score).arg(number).arg(poolFileName);
                rej.args = jsonText({{"score", ss(score)}, {"pool_file", ss(poolFileName)}, {"pool_record", number}});
            } else if (rej.nearestInPool) {
                rej.reason = QStringLiteral("ROUGE-L %1 with record %2 of the reference pool").arg(score).arg(rej.nearestId);
                rej.args = jsonText({{"score", ss(score)}, {"nearest", rej.nearestId}, {"pool", true}});
            } else {
                rej.reason = QStringLiteral("ROUGE-L %1 with record %2").arg(score).arg(rej.nearestId);
                rej.args = jsonText({{"score", ss(score)}, {"nearest", rej.nearestId}});
            }
            ++result.dedupRejected;
        } else {
            continue;
        }
        result.rejections.push_back(rej);
    }
    reportProgress(progress, 2 * n, 2 * n);
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    return result;
}

} // namespace sft
