// The quality check behind the Quality panel: read the scope through a
// worker-thread connection, run the heuristic rules, then the greedy ROUGE-L
// filter over the survivors, and describe every new rejection.

#include "workspace/qualityrun.h"

#include <QElapsedTimer>
#include <QSqlQuery>

#include <cmath>
#include <string_view>

#include "core/error.h"
#include "rouge/dedup.h"
#include "workspace/connection.h"
#include "workspace/qtstrings.h"
#include "workspace/writetransaction.h"

namespace sft {

namespace {

struct ScopeRecord
{
    qint64 id = 0;
    RecordStatus status = RecordStatus::Pending;
    std::string instruction, input, output;
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

std::vector<ScopeRecord> readScope(const QualityOptions &o)
{
    ScopedConnection conn(o.workspacePath);
    QSqlQuery q(conn.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, status, instruction, input, output FROM records WHERE dataset_id = ?")
              + statusCondition(o.scope) + QStringLiteral(" ORDER BY id"));
    q.bindValue(0, o.datasetId);
    execOrThrow(conn.db(), q, "cannot read the records");
    std::vector<ScopeRecord> out;
    while (q.next()) {
        ScopeRecord r;
        r.id = q.value(0).toLongLong();
        r.status = static_cast<RecordStatus>(q.value(1).toInt());
        r.instruction = ss(q.value(2).toString());
        r.input = ss(q.value(3).toString());
        r.output = ss(q.value(4).toString());
        out.push_back(std::move(r));
    }
    return out;
}

std::string comparedText(QualityField field, const ScopeRecord &r)
{
    switch (field) {
    case QualityField::Instruction:
        return r.instruction;
    case QualityField::InstructionInput:
        return r.input.empty() ? r.instruction : r.instruction + '\n' + r.input;
    case QualityField::Output:
        return r.output;
    }
    return r.instruction;
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

} // namespace

QList<StatusState> QualityResult::statusChange() const
{
    QList<StatusState> out;
    out.reserve(rejections.size());
    for (const QualityRejection &r : rejections)
        out.push_back({r.id, RecordStatus::Rejected, r.reason, r.rule, r.args});
    return out;
}

QString qualityText(QualityField field, const QString &instruction, const QString &input, const QString &output)
{
    switch (field) {
    case QualityField::Instruction:
        return instruction;
    case QualityField::InstructionInput:
        return input.isEmpty() ? instruction : instruction + QLatin1Char('\n') + input;
    case QualityField::Output:
        return output;
    }
    return instruction;
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

    const std::vector<ScopeRecord> records = readScope(o);
    const auto n = std::int64_t(records.size());
    QualityResult result;
    result.checked = n;
    reportProgress(progress, 0, 2 * n);

    // 1. Heuristic rules, every record in the scope.
    std::vector<rouge::FilterText> texts;
    texts.reserve(records.size());
    for (const ScopeRecord &r : records)
        texts.push_back({r.instruction, r.input, r.output});
    std::vector<rouge::FilterVerdict> verdicts;
    if (!enabled.empty()) {
        verdicts = filter.checkAll(texts, [&progress, n](std::int64_t done, std::int64_t) {
            return !progress || progress(done, 2 * n);
        });
    } else {
        verdicts.resize(records.size());
    }
    reportProgress(progress, n, 2 * n);

    // The tokenizer: chosen from the compared text of the whole scope (a sample), so the choice
    // does not depend on which records the rules removed.
    rouge::TokenizerOptions tokenizer = o.tokenizer;
    if (o.autoTokenizer) {
        std::vector<std::string> sample;
        for (std::size_t i : rouge::evenSample(records.size(), rouge::tokenizerSampleSize))
            sample.push_back(comparedText(o.field, records[i]));
        const rouge::TokenizerChoice choice = rouge::chooseTokenizer(sample);
        tokenizer.kind = choice.kind;
        result.tokenizerChosen = true;
        result.tokenizerSample = choice.sample;
    }
    result.tokenizer = tokenizer.kind;

    // 2. ROUGE-L over the survivors, in id order.
    std::vector<std::size_t> survivors;
    for (std::size_t i = 0; i < records.size(); ++i)
        if (!verdicts[i].rejected)
            survivors.push_back(i);
    rouge::DedupResult dedup;
    if (o.dedup && !survivors.empty()) {
        std::vector<std::string> compared;
        compared.reserve(survivors.size());
        for (std::size_t i : survivors)
            compared.push_back(comparedText(o.field, records[i]));
        rouge::DedupOptions d;
        d.tokenizer = tokenizer;
        d.threshold = o.threshold;
        d.exactBestScores = o.exactBestScores;
        d.threads = o.threads;
        dedup = rouge::greedyDedup(compared, d, [&progress, n](std::int64_t done, std::int64_t total) {
            return !progress || progress(n + (total > 0 ? done * n / total : n), 2 * n);
        });
        result.dedupIds.reserve(qsizetype(survivors.size()));
        result.bestScores.reserve(qsizetype(survivors.size()));
        for (std::size_t k = 0; k < survivors.size(); ++k) {
            result.dedupIds.push_back(records[survivors[k]].id);
            result.bestScores.push_back(dedup.records[k].bestScore);
        }
    }

    // 3. Describe the new rejections in id order; earlier rejections stay as they are.
    std::vector<int> dedupIndex(records.size(), -1);
    for (std::size_t k = 0; k < survivors.size(); ++k)
        dedupIndex[survivors[k]] = int(k);
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
            rej.args = qs(verdicts[i].args.dump());
            ++result.ruleRejected;
        } else if (dedupIndex[i] >= 0 && !dedup.records.empty() && !dedup.records[std::size_t(dedupIndex[i])].kept) {
            const rouge::DedupRecord &d = dedup.records[std::size_t(dedupIndex[i])];
            rej.rule = rougeRuleId();
            rej.score = d.bestScore;
            const ScopeRecord *nearest = d.nearest >= 0 ? &records[survivors[std::size_t(d.nearest)]] : nullptr;
            rej.nearestId = nearest ? nearest->id : 0;
            rej.sameInstructionOtherInput = nearest && trimmed(r.instruction) == trimmed(nearest->instruction)
                                            && trimmed(r.input) != trimmed(nearest->input);
            result.sameInstructionOtherInput += rej.sameInstructionOtherInput;
            rej.reason = QStringLiteral("ROUGE-L %1 with record %2")
                             .arg(formatScore(d.bestScore, o.threshold.value()))
                             .arg(rej.nearestId);
            rej.args = QStringLiteral("{\"score\":\"%1\",\"nearest\":%2}")
                           .arg(formatScore(d.bestScore, o.threshold.value()))
                           .arg(rej.nearestId);
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
