// The greedy near-duplicate engine. Layout of the work per block of records:
//   phase A (parallel): each record probes the index of records kept before
//                       the block; a hit above the threshold rejects it.
//   phase B (in order): each record then probes the records kept earlier in
//                       the same block (the tails of the posting lists), its
//                       verdict is final, and a kept record joins the index.
// Both phases run the same exact filters, so the kept set equals brute force.
// A reference pool (the first DedupOptions::poolSize records) goes into the
// index before the first block; its records are never probed.

#include "rouge/dedup.h"

#include "core/error.h"
#include "rouge/dedup_corpus.h"
#include "rouge/lcs.h"
#include "rouge/min_lcs_table.h"
#include "rouge/score.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace sft::rouge {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

/** The best pair found so far for one record: F = 2·lcs/sum, ties to the lowest index. */
struct Best
{
    std::uint32_t lcs = 0;
    std::uint32_t sum = 1;       ///< m + n
    std::int64_t index = -1;

    bool improvedBy(std::uint32_t l, std::uint32_t s, std::int64_t idx) const
    {
        if (l == 0)
            return false;
        const std::uint64_t lhs = std::uint64_t(l) * sum, rhs = std::uint64_t(lcs) * s;
        return lhs > rhs || (lhs == rhs && (index < 0 || idx < index));
    }
    /** Could a pair with LCS <= bound (and sum s, index idx) improve on this? */
    bool reachableBy(std::uint32_t bound, std::uint32_t s, std::int64_t idx) const
    {
        return improvedBy(bound, s, idx);
    }
    void merge(const Best &o)
    {
        if (o.index >= 0 && improvedBy(o.lcs, o.sum, o.index))
            *this = o;
    }
};

/** What one probe found. */
struct ProbeResult
{
    Best best;
    bool rejected = false;
};

struct Counters
{
    std::int64_t scored = 0, candidates = 0, lengthPruned = 0, overlapPruned = 0;
    void add(const Counters &o)
    {
        scored += o.scored;
        candidates += o.candidates;
        lengthPruned += o.lengthPruned;
        overlapPruned += o.overlapPruned;
    }
};

/** Per-thread scratch space (cache-line aligned: threads write their counters often). */
struct alignas(64) Worker
{
    LcsPattern pattern;
    std::int64_t patternOf = -1;
    /** Per record: probe stamp and prefix overlap (valid when stamped; -1 = pruned), side by side for the cache. */
    struct Slot
    {
        std::uint32_t stamp = 0;
        std::int32_t overlap = 0;
        std::uint32_t lastX = 0;   ///< positions of the last prefix match in x and y
        std::uint32_t lastY = 0;
    };
    std::vector<Slot> slots;
    std::uint32_t current = 0;
    std::vector<std::uint32_t> candidates;    ///< stamped candidates of the current probe, in discovery order
    Counters counters;

    void newStamp()
    {
        if (++current == 0) {
            std::fill(slots.begin(), slots.end(), Slot{});
            current = 1;
        }
    }
};

class Engine
{
public:
    Engine(const Corpus &corpus, const DedupOptions &options)
        : m_corpus(corpus), m_options(options), m_minLcs(options.threshold, corpus.maxLength())
    {
        m_prefix.resize(corpus.size());
        for (std::size_t i = 0; i < corpus.size(); ++i)
            m_prefix[i] = m_minLcs.prefixLength(corpus.length(i));
        m_postings.resize(corpus.elementCount());
        if (options.exactBestScores)
            m_fullPostings.resize(corpus.elementCount());
    }

    /** Probe x against kept records with index in [lo, hi), continuing from an earlier result r. */
    ProbeResult probe(Worker &w, std::uint32_t x, std::uint32_t lo, std::uint32_t hi, bool fromBack,
                      ProbeResult r = {})
    {
        const std::uint32_t m = m_corpus.length(x);
        if (m == 0)
            return r;
        if (!m_options.pruning) {
            bruteForce(w, x, lo, hi, r);
            return r;
        }
        const std::uint32_t *ex = m_corpus.elements(x);
        prefixProbe(w, x, lo, hi, fromBack, r);
        if (m_options.exactBestScores && !r.rejected) {
            // Exact best below the threshold: all shared elements, stopping once
            // an unseen record (sharing only x's remaining elements) cannot win.
            w.newStamp();
            for (std::uint32_t k = 0; k < m; ++k) {
                const std::uint32_t rest = m - k;
                if (r.best.index >= 0 && std::uint64_t(rest) * r.best.sum < std::uint64_t(r.best.lcs) * (m + rest))
                    break;
                scanForBest(w, x, k, m_fullPostings[ex[k]], lo, hi, fromBack, r);
            }
        }
        return r;
    }

    void insert(std::uint32_t y)
    {
        const std::uint32_t *ey = m_corpus.elements(y);
        for (std::uint32_t k = 0; k < m_prefix[y]; ++k)
            m_postings[ey[k]].push_back(Posting{y, k, m_corpus.length(y)});
        if (m_options.exactBestScores)
            for (std::uint32_t k = 0; k < m_corpus.length(y); ++k)
                m_fullPostings[ey[k]].push_back(Posting{y, k, m_corpus.length(y)});
        m_kept.push_back(y);
    }

    const std::vector<std::uint32_t> &kept() const { return m_kept; }

private:
    struct Posting
    {
        std::uint32_t record;
        std::uint32_t position;   ///< of the element in the record's ranked elements
        std::uint32_t length;     ///< the record's token count (saves a lookup per visit)
    };

    /**
     * PPJoin: walk x's prefix; every kept record met in a posting list gets
     * its prefix overlap counted, and is dropped as soon as the length bound
     * or the positional bound (overlap so far + 1 + the shorter of the two
     * remaining suffixes) falls below the LCS a near-duplicate needs. The
     * survivors are verified with the full overlap and then the LCS.
     */
    void prefixProbe(Worker &w, std::uint32_t x, std::uint32_t lo, std::uint32_t hi, bool fromBack,
                     ProbeResult &r)
    {
        w.newStamp();
        w.candidates.clear();
        const std::uint32_t m = m_corpus.length(x);
        const std::uint32_t *ex = m_corpus.elements(x);
        auto visit = [&](std::uint32_t k, const Posting &p) {
            const std::uint32_t n = p.length;
            const std::uint32_t need = m_minLcs(m, n);
            if (need > std::min(m, n)) {   // length bound: no stamp needed
                ++w.counters.lengthPruned;
                return;
            }
            const std::uint32_t y = p.record;
            Worker::Slot &slot = w.slots[y];
            std::int32_t &acc = slot.overlap;
            if (slot.stamp != w.current) {
                slot.stamp = w.current;
                ++w.counters.candidates;
                acc = 0;
                w.candidates.push_back(y);
            } else if (acc < 0) {
                return;
            }
            const std::uint32_t bound = std::uint32_t(acc) + 1 + std::min(m - k - 1, n - p.position - 1);
            if (bound < need) {
                acc = -1;
                ++w.counters.overlapPruned;
                return;
            }
            ++acc;
            slot.lastX = k;
            slot.lastY = p.position;
        };
        for (std::uint32_t k = 0; k < m_prefix[x]; ++k) {
            const std::vector<Posting> &list = m_postings[ex[k]];
            if (fromBack) {
                for (auto it = list.rbegin(); it != list.rend() && it->record >= lo; ++it)
                    if (it->record < hi)
                        visit(k, *it);
            } else {
                for (const Posting &p : list) {
                    if (p.record >= hi)
                        break;
                    if (p.record >= lo)
                        visit(k, p);
                }
            }
        }
        for (std::uint32_t y : w.candidates) {
            const Worker::Slot &slot = w.slots[y];
            if (slot.overlap < 0)
                continue;
            const std::uint32_t n = m_corpus.length(y);
            if (r.rejected && !r.best.reachableBy(std::min(m, n), m + n, y)) {
                ++w.counters.lengthPruned;
                continue;
            }
            const std::uint32_t need = m_minLcs(m, n);
            // Every shared element ranked below the last prefix match was counted
            // (both prefixes cover it), so merge only the suffixes after it.
            const std::uint32_t ov = std::uint32_t(slot.overlap)
                + overlapFrom(x, slot.lastX + 1, y, slot.lastY + 1, need - std::min(need, std::uint32_t(slot.overlap)));
            if (ov < need || (r.rejected && !r.best.reachableBy(ov, m + n, y))) {
                ++w.counters.overlapPruned;
                continue;
            }
            score(w, x, y, r);
        }
    }

    /** Exact-best search: the kept records in [lo, hi) of the posting list of x's k-th element. */
    void scanForBest(Worker &w, std::uint32_t x, std::uint32_t k, const std::vector<Posting> &list,
                     std::uint32_t lo, std::uint32_t hi, bool fromBack, ProbeResult &r)
    {
        if (fromBack) {
            for (auto it = list.rbegin(); it != list.rend() && it->record >= lo; ++it)
                if (it->record < hi)
                    considerForBest(w, x, k, *it, r);
        } else {
            for (const Posting &p : list) {
                if (p.record >= hi)
                    break;
                if (p.record >= lo)
                    considerForBest(w, x, k, p, r);
            }
        }
    }

    /**
     * Bounds against the best so far, then LCS. Elements are visited in rank
     * order, so the first visit of y is at its first shared element: x's k-th
     * and y's p.position-th; every other shared element comes after both.
     * The length and positional bounds need no per-record state: the best
     * only grows, and a later visit's positional bound plus the elements
     * before it never exceeds the first visit's, so a record they drop stays
     * dropped without being stamped.
     */
    void considerForBest(Worker &w, std::uint32_t x, std::uint32_t k, const Posting &p, ProbeResult &r)
    {
        const std::uint32_t y = p.record;
        const std::uint32_t m = m_corpus.length(x), n = p.length;
        if (!r.best.reachableBy(std::min(m, n), m + n, y)) {
            ++w.counters.lengthPruned;
            return;
        }
        if (!r.best.reachableBy(1 + std::min(m - k - 1, n - p.position - 1), m + n, y)) {
            ++w.counters.overlapPruned;
            return;
        }
        if (w.slots[y].stamp == w.current)
            return;
        w.slots[y].stamp = w.current;
        ++w.counters.candidates;
        if (!r.best.reachableBy(1 + overlapFrom(x, k + 1, y, p.position + 1, 0), m + n, y)) {
            ++w.counters.overlapPruned;
            return;
        }
        score(w, x, y, r);
    }

    void score(Worker &w, std::uint32_t x, std::uint32_t y, ProbeResult &r)
    {
        if (w.patternOf != std::int64_t(x)) {
            w.pattern.assign(m_corpus.tokens(x), m_corpus.length(x));
            w.patternOf = x;
        }
        const std::uint32_t m = m_corpus.length(x), n = m_corpus.length(y);
        const std::uint32_t l = w.pattern.lcs(m_corpus.tokens(y), n);
        ++w.counters.scored;
        if (r.best.improvedBy(l, m + n, y))
            r.best = Best{l, m + n, y};
        if (!r.rejected && m_options.threshold.rejects(l, m, n))
            r.rejected = true;
    }

    /** Overlap of x's elements from i and y's from j; stops early once `need` is out of reach. */
    std::uint32_t overlapFrom(std::uint32_t x, std::uint32_t i, std::uint32_t y, std::uint32_t j,
                              std::uint32_t need) const
    {
        const std::uint32_t *a = m_corpus.elements(x), *b = m_corpus.elements(y);
        const std::uint32_t m = m_corpus.length(x), n = m_corpus.length(y);
        std::uint32_t ov = 0;
        while (i < m && j < n) {
            if (ov + std::min(m - i, n - j) < need)
                return ov;
            if (a[i] == b[j]) {
                ++ov;
                ++i;
                ++j;
            } else if (a[i] < b[j]) {
                ++i;
            } else {
                ++j;
            }
        }
        return ov;
    }

    void bruteForce(Worker &w, std::uint32_t x, std::uint32_t lo, std::uint32_t hi, ProbeResult &r)
    {
        auto first = std::lower_bound(m_kept.begin(), m_kept.end(), lo);
        for (auto it = first; it != m_kept.end() && *it < hi; ++it) {
            ++w.counters.candidates;
            if (m_corpus.length(*it) > 0)
                score(w, x, *it, r);
        }
    }

    const Corpus &m_corpus;
    const DedupOptions &m_options;
    MinLcsTable m_minLcs;
    std::vector<std::uint32_t> m_prefix;
    std::vector<std::vector<Posting>> m_postings;
    std::vector<std::vector<Posting>> m_fullPostings;
    std::vector<std::uint32_t> m_kept;
};

/** Runs fn(i) for i in [begin, end) on `threads` threads (the caller is one of them). */
template<typename Fn>
void parallelFor(unsigned threads, std::uint32_t begin, std::uint32_t end, Fn &&fn)
{
    if (end <= begin)
        return;
    if (threads <= 1 || end - begin < 32) {
        for (std::uint32_t i = begin; i < end; ++i)
            fn(0u, i);
        return;
    }
    std::atomic<std::uint32_t> next{begin};
    std::exception_ptr error;
    std::mutex errorMutex;
    auto run = [&](unsigned t) {
        try {
            for (;;) {
                const std::uint32_t i0 = next.fetch_add(8);
                if (i0 >= end)
                    break;
                const std::uint32_t i1 = std::min(end, i0 + 8);
                for (std::uint32_t i = i0; i < i1; ++i)
                    fn(t, i);
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(errorMutex);
            if (!error)
                error = std::current_exception();
            next = end;
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(run, t);
    run(0);
    for (std::thread &th : pool)
        th.join();
    if (error)
        std::rethrow_exception(error);
}

DedupResult runDedup(const Corpus &corpus, const DedupOptions &options, const ProgressFn &progress,
                     Clock::time_point t0, double tokenizeSeconds)
{
    const std::uint32_t n = std::uint32_t(corpus.size());
    DedupResult result;
    result.records.resize(n);
    DedupStats &st = result.stats;
    st.records = n;
    st.vocabulary = std::int64_t(corpus.vocabularySize());
    st.tokenizeSeconds = tokenizeSeconds;

    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = std::min(threads, 64u);
    std::vector<Worker> workers(threads);
    for (Worker &w : workers)
        w.slots.assign(n, Worker::Slot{});

    Engine engine(corpus, options);
    std::vector<ProbeResult> partial;
    const std::uint32_t blockSize = 1024;
    reportProgress(progress, 0, n);
    // The pool: kept and indexed as it is, never probed.
    const auto pool = std::uint32_t(std::min<std::size_t>(options.poolSize, n));
    st.pool = pool;
    for (std::uint32_t i = 0; i < pool; ++i) {
        DedupRecord &rec = result.records[i];
        rec.tokens = corpus.length(i);
        if (rec.tokens == 0)
            ++st.emptyRecords;
        ++st.kept;
        engine.insert(i);
    }
    for (std::uint32_t s = pool; s < n; s += blockSize) {
        const std::uint32_t e = std::min(n, s + blockSize);
        partial.assign(e - s, ProbeResult{});
        // Phase A: against records kept before the block (the pool included), in parallel.
        if (!engine.kept().empty()) {
            parallelFor(threads, s, e, [&](unsigned t, std::uint32_t i) {
                partial[i - s] = engine.probe(workers[t], i, 0, s, false);
            });
        }
        // Phase B: in order, against records kept earlier in this block.
        for (std::uint32_t i = s; i < e; ++i) {
            DedupRecord &rec = result.records[i];
            rec.tokens = corpus.length(i);
            st.pairsTotal += std::int64_t(engine.kept().size());
            const ProbeResult r = engine.probe(workers[0], i, s, i, true, partial[i - s]);
            rec.kept = !r.rejected;
            rec.nearest = r.best.index;
            if (r.best.index >= 0) {
                rec.bestLcs = r.best.lcs;
                rec.bestScore = rougeFmeasure(r.best.lcs, rec.tokens, corpus.length(std::uint32_t(r.best.index)));
            }
            if (rec.tokens == 0)
                ++st.emptyRecords;
            if (rec.kept) {
                ++st.kept;
                engine.insert(i);
            }
        }
        reportProgress(progress, e, n);
    }
    if (pool == n && n > 0)
        reportProgress(progress, n, n);  // only a pool: no block reported the end
    Counters total;
    for (const Worker &w : workers)
        total.add(w.counters);
    st.pairsScored = total.scored;
    st.candidates = total.candidates;
    st.lengthPruned = total.lengthPruned;
    st.overlapPruned = total.overlapPruned;
    st.seconds = secondsSince(t0);
    return result;
}

} // namespace

std::vector<std::int64_t> DedupResult::keptIndices() const
{
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < records.size(); ++i)
        if (records[i].kept)
            out.push_back(std::int64_t(i));
    return out;
}

DedupResult greedyDedup(const std::vector<std::string> &texts, const DedupOptions &options,
                        const ProgressFn &progress)
{
    const auto t0 = Clock::now();
    if (texts.size() >= std::size_t(UINT32_MAX))
        throw Error("dedup: too many records");
    Tokenizer tokenizer(options.tokenizer);
    std::unordered_map<std::string, std::uint32_t> vocabulary;
    std::vector<std::vector<std::uint32_t>> ids(texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
        if (texts[i].size() >= std::size_t(UINT32_MAX))
            throw Error("dedup: text over 4 GiB", Error::Location{{}, 0, 0, std::int64_t(i), {}});
        for (const std::string &w : tokenizer.words(texts[i]))
            ids[i].push_back(vocabulary.emplace(w, std::uint32_t(vocabulary.size())).first->second);
    }
    const double tokenizeSeconds = secondsSince(t0);
    const Corpus corpus(ids, std::uint32_t(vocabulary.size()));
    return runDedup(corpus, options, progress, t0, tokenizeSeconds);
}

DedupResult greedyDedupIds(const std::vector<std::vector<std::uint32_t>> &records, std::uint32_t vocabularySize,
                           const DedupOptions &options, const ProgressFn &progress)
{
    const auto t0 = Clock::now();
    if (records.size() >= std::size_t(UINT32_MAX))
        throw Error("dedup: too many records");
    for (std::size_t i = 0; i < records.size(); ++i)
        for (std::uint32_t t : records[i])
            if (t >= vocabularySize)
                throw Error("dedup: token id " + std::to_string(t) + " out of range",
                            Error::Location{{}, 0, 0, std::int64_t(i), {}});
    const Corpus corpus(records, vocabularySize);
    return runDedup(corpus, options, progress, t0, 0.0);
}

} // namespace sft::rouge
