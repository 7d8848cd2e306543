// The pool check of the Self-Instruct loop: exact highest ROUGE-L F of a new
// instruction against every pool member, through an inverted index.
//
// For a member of m tokens and a text of n tokens, F = 2·LCS/(m+n), and the
// LCS is at most the multiset overlap of their tokens (and at most m and n),
// so rougeFmeasure(min(overlap, m, n), m, n) bounds F from above: F is
// strictly increasing in the LCS, by 2/(m+n) per step, far above rounding.
// The postings of the text's tokens give every member with a non-zero
// overlap; they are bucketed by their bound and scored (bit-parallel LCS)
// from the highest bucket down, until a bucket's bound is below the best F
// found. A member whose bound equals the best can still win a tie by a lower
// index, so it is scored when its index is lower than the best's.
//
// Most of the work is in the postings of very frequent tokens ("the", "a",
// "of"). They are left out at first as long as a member reached only through
// them could not score over 1/2 (their count S in the text is at most n/3,
// and such a member has F <= 2S/(S+n)); the members found through the other
// tokens are bounded with S added to their overlap. When the best found does
// not beat 2S/(S+n), the skipped tokens' postings are taken one by one (the
// least frequent first) and the new candidates scored, so the result is
// always exact.

#include "selfinstruct/pool_index.h"

#include "core/error.h"
#include "rouge/lcs.h"
#include "rouge/score.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sft::selfinstruct {
namespace {

/** Flag on a member's overlap counter: its LCS was computed in this call. */
constexpr std::uint32_t kScored = 0x80000000u;
constexpr std::uint32_t kCountMask = 0x7FFFFFFFu;
/** Buckets of the bound, [k/kBuckets, (k+1)/kBuckets); the last one holds F = 1. */
constexpr int kBuckets = 64;

/** Per-thread work space over the pool's members; the counters are all zero between calls. */
struct Scratch
{
    std::vector<std::uint32_t> overlap;
    std::vector<std::uint32_t> touched;   ///< members whose counter is not zero
    std::vector<std::uint32_t> order;     ///< touched members grouped by bucket
    std::vector<std::uint8_t> bucket;     ///< bucket of touched[i]
};

Scratch &scratch(std::size_t members)
{
    thread_local Scratch s;
    if (s.overlap.size() < members)
        s.overlap.resize(members, 0);
    return s;
}

/** Zeroes the touched counters when a call ends (also by an exception). */
struct ScratchGuard
{
    Scratch &s;
    ~ScratchGuard()
    {
        for (std::uint32_t m : s.touched)
            s.overlap[m] = 0;
        s.touched.clear();
    }
};

} // namespace

struct PoolIndex::Private
{
    explicit Private(rouge::TokenizerOptions options) : tokenizer(options) {}

    /** One posting: a member that holds the token, and how many times. */
    struct Posting
    {
        std::uint32_t member;
        std::uint32_t count;
    };

    std::uint32_t length(std::uint32_t member) const { return std::uint32_t(starts[member + 1] - starts[member]); }
    const std::uint32_t *tokens(std::uint32_t member) const { return ids.data() + starts[member]; }

    /** Token ids of text; tokens not in the vocabulary become `unknown` (they match nothing in the pool). */
    std::vector<std::uint32_t> lookup(std::string_view text) const
    {
        rouge::Tokenizer tok(tokenizer.options());   // per call: best() may run on several threads
        const std::vector<std::string> words = tok.words(text);
        std::vector<std::uint32_t> out;
        out.reserve(words.size());
        const std::uint32_t unknown = std::uint32_t(vocabulary.size());
        for (const std::string &w : words) {
            const auto it = vocabulary.find(w);
            out.push_back(it == vocabulary.end() ? unknown : it->second);
        }
        return out;
    }

    /** Distinct ids of a sequence with their counts, sorted by id. */
    static std::vector<std::pair<std::uint32_t, std::uint32_t>> counts(std::vector<std::uint32_t> sequence)
    {
        std::sort(sequence.begin(), sequence.end());
        std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
        for (std::uint32_t id : sequence) {
            if (!out.empty() && out.back().first == id)
                ++out.back().second;
            else
                out.emplace_back(id, 1);
        }
        return out;
    }

    rouge::Tokenizer tokenizer;                                   ///< used by add() (keeps its stem cache)
    std::unordered_map<std::string, std::uint32_t> vocabulary;
    std::vector<std::string> texts;
    std::vector<std::uint32_t> ids;                               ///< every member's token ids, one after another
    std::vector<std::size_t> starts{0};                           ///< member i is ids[starts[i], starts[i+1])
    std::vector<std::vector<Posting>> postings;                   ///< per token id, members in increasing order
};

PoolIndex::PoolIndex(rouge::TokenizerOptions tokenizer) : d(std::make_unique<Private>(tokenizer)) {}
PoolIndex::~PoolIndex() = default;
PoolIndex::PoolIndex(PoolIndex &&) noexcept = default;
PoolIndex &PoolIndex::operator=(PoolIndex &&) noexcept = default;

std::int64_t PoolIndex::add(std::string_view text)
{
    if (d->texts.size() >= kCountMask)
        throw Error("the instruction pool is full (2,147,483,647 members)");
    const std::vector<std::string> words = d->tokenizer.words(text);
    std::vector<std::uint32_t> sequence;
    sequence.reserve(words.size());
    for (const std::string &w : words) {
        const auto [it, inserted] = d->vocabulary.emplace(w, std::uint32_t(d->vocabulary.size()));
        if (inserted)
            d->postings.emplace_back();
        sequence.push_back(it->second);
    }
    const auto index = std::uint32_t(d->texts.size());
    for (const auto &[id, count] : Private::counts(sequence))
        d->postings[id].push_back({index, count});
    d->ids.insert(d->ids.end(), sequence.begin(), sequence.end());
    d->starts.push_back(d->ids.size());
    d->texts.emplace_back(text);
    return index;
}

std::int64_t PoolIndex::size() const
{
    return std::int64_t(d->texts.size());
}

const std::string &PoolIndex::text(std::int64_t index) const
{
    return d->texts.at(std::size_t(index));
}

PoolMatch PoolIndex::best(std::string_view text) const
{
    const std::vector<std::uint32_t> query = d->lookup(text);
    const auto n = std::uint32_t(query.size());
    PoolMatch result;
    result.tokens = n;
    if (n == 0 || d->texts.empty())
        return result;
    // Distinct known tokens, the most frequent first.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> tokens;
    const std::uint32_t unknown = std::uint32_t(d->vocabulary.size());
    for (const auto &idCount : Private::counts(query))
        if (idCount.first != unknown)
            tokens.push_back(idCount);
    if (tokens.empty())
        return result;
    std::sort(tokens.begin(), tokens.end(), [this](const auto &a, const auto &b) {
        return d->postings[a.first].size() > d->postings[b.first].size();
    });
    // The frequent tokens (in over 1/64 of the members) skipped at first, while S <= n/3.
    const std::size_t poolSize = d->texts.size();
    std::size_t skipped = 0;
    std::uint32_t skippedCount = 0;
    while (skipped + 1 < tokens.size() && d->postings[tokens[skipped].first].size() * 64 > poolSize
           && 3 * (skippedCount + tokens[skipped].second) <= n) {
        skippedCount += tokens[skipped].second;
        ++skipped;
    }

    Scratch &sc = scratch(poolSize);
    const ScratchGuard guard{sc};
    rouge::LcsPattern pattern;
    pattern.assign(query);
    double bestScore = 0;
    std::int64_t bestIndex = -1;
    std::uint32_t bestLcs = 0;

    auto accumulate = [&](std::size_t t) {
        const auto [id, count] = tokens[t];
        for (const Private::Posting &p : d->postings[id]) {
            if (sc.overlap[p.member] == 0)
                sc.touched.push_back(p.member);
            sc.overlap[p.member] += std::min(count, p.count);
        }
    };
    // The bound of a member given `extra` possible overlap through skipped tokens.
    auto boundLcs = [&](std::uint32_t member, std::uint32_t extra) {
        return std::min({(sc.overlap[member] & kCountMask) + extra, d->length(member), n});
    };
    // Scores the touched members not scored yet, bucketed by bound (a counting sort), from the top.
    auto scan = [&](std::uint32_t extra) {
        std::array<std::uint32_t, kBuckets + 3> offsets{};   // bucket kBuckets + 1: scored already
        sc.bucket.resize(sc.touched.size());
        for (std::size_t i = 0; i < sc.touched.size(); ++i) {
            const std::uint32_t member = sc.touched[i];
            std::uint8_t b = kBuckets + 1;   // already scored: no bucket
            if (!(sc.overlap[member] & kScored)) {
                const double approx = 2.0 * boundLcs(member, extra) / double(d->length(member) + n);
                b = std::uint8_t(std::min(kBuckets, int(approx * kBuckets)));
            }
            sc.bucket[i] = b;
            ++offsets[b + 1];
        }
        for (int b = 0; b <= kBuckets; ++b)
            offsets[std::size_t(b) + 1] += offsets[std::size_t(b)];
        const std::uint32_t inBuckets = offsets[kBuckets + 1];
        sc.order.resize(inBuckets);
        auto fill = offsets;
        for (std::size_t i = 0; i < sc.touched.size(); ++i)
            if (sc.bucket[i] <= kBuckets)
                sc.order[fill[sc.bucket[i]]++] = sc.touched[i];
        for (int b = kBuckets; b >= 0; --b) {
            // Every bound in this bucket is below (b+1)/kBuckets (with room for rounding).
            if (double(b + 1) / kBuckets * (1 + 1e-9) < bestScore)
                break;
            for (std::uint32_t k = offsets[std::size_t(b)]; k < offsets[std::size_t(b) + 1]; ++k) {
                const std::uint32_t member = sc.order[k];
                const std::uint32_t m = d->length(member);
                const double bound = rouge::rougeFmeasure(boundLcs(member, extra), m, n);
                if (bound < bestScore || (bound == bestScore && std::int64_t(member) > bestIndex))
                    continue;   // cannot win, not even a tie with a lower index
                const std::uint32_t lcs = pattern.lcs(d->tokens(member), m);
                sc.overlap[member] |= kScored;
                ++result.scored;
                const double f = rouge::rougeFmeasure(lcs, m, n);
                if (f > bestScore || (f == bestScore && f > 0 && std::int64_t(member) < bestIndex)) {
                    bestScore = f;
                    bestIndex = member;
                    bestLcs = lcs;
                }
            }
        }
    };

    for (std::size_t t = skipped; t < tokens.size(); ++t)
        accumulate(t);
    scan(skippedCount);
    // A member reached only through skipped tokens has LCS <= min(S, m), so F <= 2S/(S+n). While
    // that could reach the best, take the least frequent skipped token's postings and scan again.
    while (skipped > 0 && !(rouge::rougeFmeasure(skippedCount, skippedCount, n) < bestScore)) {
        --skipped;
        skippedCount -= tokens[skipped].second;
        accumulate(skipped);
        scan(skippedCount);
    }
    if (bestScore > 0) {
        result.score = bestScore;
        result.nearest = bestIndex;
        result.lcs = bestLcs;
    }
    return result;
}

PoolMatch PoolIndex::bestBruteForce(std::string_view text) const
{
    const std::vector<std::uint32_t> query = d->lookup(text);
    const auto n = std::uint32_t(query.size());
    PoolMatch result;
    result.tokens = n;
    if (n == 0)
        return result;
    rouge::LcsPattern pattern;
    pattern.assign(query);
    for (std::uint32_t i = 0; i < std::uint32_t(d->texts.size()); ++i) {
        const std::uint32_t m = d->length(i);
        const std::uint32_t lcs = pattern.lcs(d->tokens(i), m);
        ++result.scored;
        const double f = rouge::rougeFmeasure(lcs, m, n);
        if (f > result.score) {
            result.score = f;
            result.nearest = std::int64_t(i);
            result.lcs = lcs;
        }
    }
    return result;
}

} // namespace sft::selfinstruct
