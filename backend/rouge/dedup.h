#pragma once
// Greedy ROUGE-L near-duplicate filtering, the Self-Instruct / Alpaca rule
// made exact and fast. Records are taken in input order; a record is rejected
// when its ROUGE-L F against any record kept before it is above the
// threshold, otherwise it is kept. Records without tokens are always kept.
// A reference pool (Self-Instruct's seed tasks, another dataset) is a prefix
// of the records that is kept unconditionally: its records are never checked,
// only compared against, so each later record is checked against the pool and
// the records kept so far. The pool is loaded into the index before the first
// block of candidates.
//
// The result is exactly the one of comparing every pair, but most pairs never
// reach an LCS: a kept record is indexed under the prefix (rarest tokens
// first, a token's k-th occurrence being its own element) that any
// near-duplicate must share (AllPairs/PPJoin prefix filtering for the bound
// LCS <= multiset overlap), then candidates pass a length bound
// (F <= 2·min(m,n)/(m+n)) and the exact overlap bound before a bit-parallel
// LCS. Records are processed in blocks: against the kept records of earlier
// blocks in parallel (std::thread), then within the block in order.

#include "core/progress.h"
#include "rouge/threshold.h"
#include "rouge/tokenizer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sft::rouge {

struct DedupOptions
{
    TokenizerOptions tokenizer;
    Threshold threshold;           ///< default 0.7, exact comparison
    /**
     * Also compute, for every record, its exact highest F against all earlier
     * kept records (for a similarity histogram). Without it a kept record's
     * bestScore is only the best among the pairs that were actually scored
     * (pruned pairs are known to be <= threshold, not their value); it costs
     * more because low similarities cannot be pruned as hard.
     */
    bool exactBestScores = false;
    /** false = brute force: LCS of every pair against every earlier kept record (reference/bench). */
    bool pruning = true;
    /**
     * The first `poolSize` records are the reference pool (e.g. seed tasks):
     * kept unconditionally, never checked (their nearest stays -1 and their
     * bestScore 0), and compared against by every later record.
     */
    std::size_t poolSize = 0;
    /** Worker threads; 0 = std::thread::hardware_concurrency(). */
    unsigned threads = 0;
};

/** Per record outcome. */
struct DedupRecord
{
    bool kept = true;
    /**
     * The earlier kept record with the highest F (ties: the lowest index), -1
     * when none scored above 0. For a rejected record this is the exact
     * maximum over all earlier kept records (>= the one that caused
     * rejection); for a kept one see DedupOptions::exactBestScores.
     */
    std::int64_t nearest = -1;
    double bestScore = 0;          ///< rouge_score's F against `nearest` (0 when none)
    std::uint32_t bestLcs = 0;     ///< LCS length against `nearest`
    std::uint32_t tokens = 0;      ///< token count of this record
};

/** Counts over all records, the pool included (records, kept); pool says how many of them it holds. */
struct DedupStats
{
    std::int64_t records = 0;
    std::int64_t pool = 0;          ///< pool records (the first ones; kept, never checked)
    std::int64_t kept = 0;
    std::int64_t emptyRecords = 0;  ///< records with no tokens (kept)
    std::int64_t pairsTotal = 0;    ///< sum over checked records of the kept records before it: what brute force scores
    std::int64_t pairsScored = 0;   ///< pairs whose LCS was computed
    std::int64_t candidates = 0;    ///< pairs found through the prefix index
    std::int64_t lengthPruned = 0;  ///< candidates dropped by the length bound
    std::int64_t overlapPruned = 0; ///< candidates dropped by the token-overlap bound
    std::int64_t vocabulary = 0;    ///< distinct tokens
    double tokenizeSeconds = 0;
    double seconds = 0;             ///< whole call, tokenizing included
};

struct DedupResult
{
    std::vector<DedupRecord> records;
    DedupStats stats;

    /** 0-based indices of the kept records, increasing. */
    std::vector<std::int64_t> keptIndices() const;
};

/**
 * Runs the greedy filter over texts. progress(done, total) is called from
 * the calling thread between blocks of records; returning false cancels
 * (throws sft::Cancelled). Throws sft::Error when a text is over 4 GiB.
 */
DedupResult greedyDedup(const std::vector<std::string> &texts, const DedupOptions &options = {},
                        const ProgressFn &progress = {});

/** The same over pre-tokenized records (token ids < vocabularySize). */
DedupResult greedyDedupIds(const std::vector<std::vector<std::uint32_t>> &records, std::uint32_t vocabularySize,
                           const DedupOptions &options = {}, const ProgressFn &progress = {});

} // namespace sft::rouge
