// Demo selection: seeded sampling and permutations, manual lists, ROUGE-L kNN.

#include "scoring/demo_selection.h"

#include "core/error.h"
#include "rouge/score.h"

#include <algorithm>
#include <numeric>

namespace sft::scoring {

std::uint64_t SplitMix64::next()
{
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::size_t SplitMix64::below(std::size_t n)
{
    // Rejection sampling: no modulo bias.
    const std::uint64_t limit = ~std::uint64_t(0) - (~std::uint64_t(0) % n);
    std::uint64_t v;
    do
        v = next();
    while (v >= limit);
    return std::size_t(v % n);
}

std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t a, std::uint64_t b)
{
    SplitMix64 g(seed ^ (a * 0x9e3779b97f4a7c15ULL) ^ (b * 0xc2b2ae3d27d4eb4fULL));
    return g.next();
}

std::vector<std::size_t> randomDemos(std::size_t n, std::size_t k, std::uint64_t seed)
{
    if (k > n)
        throw Error("cannot pick " + std::to_string(k) + " demonstrations from " + std::to_string(n));
    std::vector<std::size_t> idx(n);
    std::iota(idx.begin(), idx.end(), std::size_t(0));
    SplitMix64 g(seed);
    for (std::size_t i = 0; i < k; ++i)
        std::swap(idx[i], idx[i + g.below(n - i)]);
    idx.resize(k);
    return idx;
}

std::vector<std::size_t> permuted(std::vector<std::size_t> items, std::uint64_t seed)
{
    SplitMix64 g(seed);
    for (std::size_t i = items.size(); i > 1; --i)
        std::swap(items[i - 1], items[g.below(i)]);
    return items;
}

std::vector<std::size_t> manualDemos(const std::vector<std::size_t> &indices, std::size_t n)
{
    for (std::size_t i : indices)
        if (i >= n)
            throw Error("demo index " + std::to_string(i) + " is out of range (the demo file has " + std::to_string(n)
                        + " examples)", {{}, 0, 0, -1, "demo-indices"});
    return indices;
}

std::vector<std::size_t> parseIndexList(const std::string &text, const std::string &option)
{
    std::vector<std::size_t> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t comma = std::min(text.find(',', pos), text.size());
        std::string item = text.substr(pos, comma - pos);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (item.empty() || item.find_first_not_of("0123456789") != std::string::npos || item.size() > 9)
            throw Error("expected a comma-separated list of non-negative integers, got \"" + text + "\"",
                        {{}, 0, 0, -1, option});
        out.push_back(std::size_t(std::stoul(item)));
        pos = comma + 1;
    }
    return out;
}

std::vector<std::size_t> rougeNeighbours(const std::vector<std::string> &pool, const std::string &query,
                                         std::size_t k, const rouge::TokenizerOptions &options)
{
    if (k > pool.size())
        throw Error("cannot pick " + std::to_string(k) + " neighbours from " + std::to_string(pool.size())
                    + " demonstrations");
    rouge::Tokenizer tok(options);
    const std::vector<std::string> q = tok.words(query);
    std::vector<std::pair<double, std::size_t>> scored;
    for (std::size_t i = 0; i < pool.size(); ++i)
        scored.emplace_back(rouge::rougeL(q, tok.words(pool[i])).fmeasure, i);
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < k; ++i)
        out.push_back(scored[i].second);
    std::reverse(out.begin(), out.end());
    return out;
}

} // namespace sft::scoring
