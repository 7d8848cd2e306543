#pragma once
// A quality check of one dataset, the Self-Instruct order: the heuristic rules
// first, then greedy ROUGE-L near-duplicate filtering over the survivors in
// record id order. runQuality() reads the records through its own connection
// (call it from a worker thread), changes nothing and returns what it would
// reject; the GUI previews that and applies it as one undoable status change.
//
// Conversations: the rules check every turn (rouge/filters.h); ROUGE-L
// compares the first user message (the summary fields) or, with
// QualityField::Conversation, the whole conversation. A reference pool
// (another dataset of the workspace, or a dataset file such as the
// Self-Instruct seed tasks) is compared against but never rejected: each
// record is checked against the pool and the records kept before it.

#include <QList>
#include <QString>
#include <QVector>

#include <vector>

#include "core/progress.h"
#include "rouge/compared_text.h"
#include "rouge/filters.h"
#include "rouge/threshold.h"
#include "rouge/tokenizer.h"
#include "rouge/tokenizer_choice.h"
#include "workspace/workspace.h"

namespace sft {

/** Which records of the dataset take part. */
enum class QualityScope { All = 0, Accepted = 1, PendingAndAccepted = 2 };

/**
 * The text ROUGE-L compares (rouge/compared_text.h, shared with sftbench-cli
 * dedup): Instruction, InstructionInput (the first user turn of either shape),
 * Output, or Conversation (the system message and every message). The panel
 * offers these four; Input exists for the command line.
 */
using QualityField = rouge::ComparedField;

/** The rule id stored with a ROUGE-L rejection. */
inline QString rougeRuleId() { return QStringLiteral("rouge-l"); }

/** Everything one run needs (copyable, so a job can carry it to its thread). */
struct QualityOptions
{
    QString workspacePath;
    qint64 datasetId = 0;
    QualityScope scope = QualityScope::PendingAndAccepted;
    /** Instruction + input by default: records that share an instruction (a task with
     *  labelled examples) differ in their input and are not duplicates. */
    QualityField field = QualityField::InstructionInput;
    rouge::TokenizerOptions tokenizer;          ///< kind ignored when autoTokenizer
    /** Pick tokenizer.kind from the compared text (rouge::chooseTokenizer over a sample of the scope). */
    bool autoTokenizer = true;
    rouge::Threshold threshold;                 ///< 0.7 by default
    bool dedup = true;                          ///< run the ROUGE-L filter after the rules
    std::vector<rouge::FilterRule> rules;       ///< the enabled ones run, in this order
    bool exactBestScores = true;                ///< exact best score of every record (histogram)
    unsigned threads = 0;                       ///< dedup worker threads; 0 = all cores
    /**
     * Reference pool for the near-duplicate filter (at most one of the two): a
     * dataset of the same workspace (its records that are not rejected, in id
     * order; not the checked dataset) or a dataset file read with
     * sft::readDataset (format detected: Alpaca JSON, JSONL, seed tasks, ...).
     * Its records are compared in the same field and never rejected.
     */
    qint64 poolDatasetId = 0;
    QString poolFile;
};

/** One record the run would reject. */
struct QualityRejection
{
    qint64 id = 0;
    QString rule;          ///< rougeRuleId() or the heuristic rule's id
    QString reason;        ///< e.g. "ROUGE-L 0.83 with record 123" or the rule's reason
    /**
     * The reason's parameters as JSON. rouge-l: {score, nearest}; against a pool
     * dataset's record also {pool: true}; against a pool file's record
     * {score, pool_file (its file name), pool_record (1-based)}. Rules: FilterVerdict::args.
     */
    QString args;
    double score = -1;     ///< ROUGE-L F against the nearest record; -1 for a heuristic rule
    qint64 nearestId = 0;  ///< the kept record it is nearest to (ROUGE-L only; 0 for a pool file's record)
    bool nearestInPool = false;   ///< the nearest record is a pool record
    qint64 nearestPoolIndex = -1; ///< its 0-based index in the pool (ROUGE-L against a pool record)
    QString nearestText;          ///< a pool record's compared text (the pool file is not read again to show it)
    /** ROUGE-L only: same instruction as nearestId (ignoring surrounding white space) but a
     *  different input — probably two labelled examples of one task, not a duplicate. */
    bool sameInstructionOtherInput = false;
};

/** The outcome of a run; nothing has been written. */
struct QualityResult
{
    qint64 checked = 0;           ///< records in the scope
    qint64 alreadyRejected = 0;   ///< records in the scope that were rejected before (left as they are)
    qint64 ruleRejected = 0;      ///< new rejections by a heuristic rule
    qint64 dedupRejected = 0;     ///< new rejections by ROUGE-L
    qint64 sameInstructionOtherInput = 0;   ///< of those, how many have sameInstructionOtherInput
    rouge::TokenizerKind tokenizer = rouge::TokenizerKind::Rouge;   ///< the tokenizer ROUGE-L used
    bool tokenizerChosen = false;  ///< tokenizer was picked automatically, from tokenizerSample
    rouge::ScriptCount tokenizerSample;     ///< the compared text sampled for the choice (pool included)
    qint64 poolRecords = 0;       ///< records of the reference pool (0 without one)
    QList<QualityRejection> rejections;   ///< new rejections, in record id order
    /** Ids of the records that went into the ROUGE-L filter (rule survivors, id order). */
    QVector<qint64> dedupIds;
    /** Each one's highest ROUGE-L F against the records kept before it (0 when none). */
    QVector<double> bestScores;
    double seconds = 0;

    /** The status change that applies the rejections (status Rejected, reason, rule). */
    QList<StatusState> statusChange() const;
};

/** The compared text of a stored record, conversations included (rouge::comparedText). */
QString qualityText(QualityField field, const RecordData &record);
/** A stored record as the engine's sft::Record (content only: fields, system, turns). */
Record qualityRecord(const RecordData &record);

/**
 * Runs the rules and the ROUGE-L filter on the scope of options.datasetId.
 * Records that were already rejected take part (scope All) but are never
 * rejected again. progress may cancel (sft::Cancelled). Throws sft::Error when
 * the workspace or the pool cannot be read, the pool is the checked dataset,
 * or a rule's parameters are invalid.
 */
QualityResult runQuality(const QualityOptions &options, const ProgressFn &progress = {});

} // namespace sft
