// Dealing a micro-batch's rows to the ranks of a data-parallel step (see shard.h).

#include "finetune/shard.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace sft::finetune {

std::vector<Row> shardRows(const std::vector<Row> &rows, int world, int rank)
{
    if (world < 1 || rank < 0 || rank >= world)
        throw std::invalid_argument("shardRows: rank " + std::to_string(rank) + " of world " + std::to_string(world));
    const std::size_t n = rows.size();
    const std::size_t ranks = static_cast<std::size_t>(world);
    const std::size_t room = (n + ranks - 1) / ranks;

    // Longest first, ties by index: a stable sort on length alone keeps the lower index first.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rows[a].length > rows[b].length; });

    // Every rank computes the whole deal and keeps its own part, so all agree without talking.
    std::vector<std::int64_t> tokens(ranks, 0);
    std::vector<std::size_t> count(ranks, 0);
    std::vector<bool> mine(n, false);
    for (const std::size_t i : order) {
        std::size_t best = ranks;
        for (std::size_t r = 0; r < ranks; ++r)
            if (count[r] < room && (best == ranks || tokens[r] < tokens[best]))
                best = r;
        tokens[best] += rows[i].length;
        ++count[best];
        mine[i] = best == static_cast<std::size_t>(rank);
    }

    std::vector<Row> out;
    out.reserve(count[static_cast<std::size_t>(rank)]);
    for (std::size_t i = 0; i < n; ++i)
        if (mine[i])
            out.push_back(rows[i]);
    return out;
}

std::int64_t targetTokens(const std::vector<Row> &rows, const std::vector<SftExample> &examples)
{
    // The count the trainer's batch makes: position i is labelled with token i + 1 when that token is a target.
    std::int64_t n = 0;
    for (const Row &row : rows)
        for (const std::int32_t idx : row.examples) {
            const SftExample &e = examples.at(static_cast<std::size_t>(idx));
            for (std::size_t i = 1; i < e.ids.size() && i < e.targets.size(); ++i)
                n += e.targets[i] ? 1 : 0;
        }
    return n;
}

} // namespace sft::finetune
