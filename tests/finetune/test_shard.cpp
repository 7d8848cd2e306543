// How a data-parallel step deals a micro-batch's rows to the ranks: checked by
// brute force over many row counts, world sizes and lengths (every row to
// exactly one rank, at most ceil(n / world) rows each, token loads within the
// longest row of each other, the same deal every time, each rank's rows in
// their original order), one deal worked out by hand, and the target-token
// count against a hand count on packed rows.

#include <QtTest>

#include "finetune/shard.h"

#include <algorithm>
#include <random>
#include <stdexcept>

using namespace sft::finetune;

namespace {

/** Rows 0..n-1, row i made of example i alone, so a row is known by its example. */
std::vector<Row> rowsOfLengths(const std::vector<std::int64_t> &lengths)
{
    std::vector<Row> rows;
    for (std::size_t i = 0; i < lengths.size(); ++i)
        rows.push_back(Row{{static_cast<std::int32_t>(i)}, lengths[i]});
    return rows;
}

std::vector<int> rowIds(const std::vector<Row> &rows)
{
    std::vector<int> ids;
    for (const Row &r : rows)
        ids.push_back(r.examples.front());
    return ids;
}

SftExample example(std::vector<std::int32_t> ids, std::vector<std::uint8_t> targets)
{
    SftExample e;
    e.ids = std::move(ids);
    e.targets = std::move(targets);
    return e;
}

} // namespace

class TestShard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void partitionProperties()
    {
        std::mt19937 rng(20240917);
        int deals = 0;
        for (int n = 0; n <= 17; ++n) {
            for (int world = 1; world <= 8; ++world) {
                for (int trial = 0; trial < 12; ++trial) {
                    // Equal lengths, small ones with many ties, and widely spread ones (packed rows).
                    const int maxLength = trial % 3 == 0 ? 1 : trial % 3 == 1 ? 4 : 512;
                    std::uniform_int_distribution<int> len(trial % 3 == 0 ? 1 : 0, maxLength);
                    std::vector<std::int64_t> lengths;
                    for (int i = 0; i < n; ++i)
                        lengths.push_back(len(rng));
                    const std::vector<Row> rows = rowsOfLengths(lengths);
                    const std::int64_t longest = lengths.empty() ? 0 : *std::max_element(lengths.begin(), lengths.end());
                    const std::size_t cap = static_cast<std::size_t>((n + world - 1) / world);

                    std::vector<int> owner(static_cast<std::size_t>(n), -1);
                    std::int64_t most = 0, least = -1;
                    for (int rank = 0; rank < world; ++rank) {
                        const std::vector<Row> part = shardRows(rows, world, rank);
                        const QString where = QStringLiteral("n %1 world %2 trial %3 rank %4").arg(n).arg(world).arg(trial).arg(rank);
                        QVERIFY2(part.size() <= cap, qPrintable(where));
                        QVERIFY2(rowIds(shardRows(rows, world, rank)) == rowIds(part), qPrintable(where));
                        const std::vector<int> ids = rowIds(part);
                        QVERIFY2(std::is_sorted(ids.begin(), ids.end()), qPrintable(where));
                        std::int64_t tokens = 0;
                        for (const Row &r : part) {
                            const auto id = static_cast<std::size_t>(r.examples.front());
                            QVERIFY2(owner[id] == -1, qPrintable(where + QStringLiteral(": row dealt twice")));
                            owner[id] = rank;
                            QCOMPARE(r.length, lengths[id]);   // rows come back whole
                            tokens += r.length;
                        }
                        most = std::max(most, tokens);
                        least = least < 0 ? tokens : std::min(least, tokens);
                    }
                    const QString where = QStringLiteral("n %1 world %2 trial %3").arg(n).arg(world).arg(trial);
                    QVERIFY2(std::count(owner.begin(), owner.end(), -1) == 0, qPrintable(where + QStringLiteral(": row lost")));
                    QVERIFY2(most - least <= longest,
                             qPrintable(where + QStringLiteral(": loads %1..%2, longest %3").arg(least).arg(most).arg(longest)));
                    if (world == 1)
                        QVERIFY(rowIds(shardRows(rows, 1, 0)) == rowIds(rows));
                    ++deals;
                }
            }
        }
        QCOMPARE(deals, 18 * 8 * 12);
    }

    void fewerRowsThanRanks()
    {
        const std::vector<Row> rows = rowsOfLengths({7, 3});
        QCOMPARE(rowIds(shardRows(rows, 4, 0)), std::vector<int>{0});
        QCOMPARE(rowIds(shardRows(rows, 4, 1)), std::vector<int>{1});
        QVERIFY(shardRows(rows, 4, 2).empty());
        QVERIFY(shardRows(rows, 4, 3).empty());
        QVERIFY(shardRows({}, 3, 1).empty());
    }

    void dealByHand()
    {
        // Longest first, ties by index: rows 1 (9), 3 (9), 0 (5), 4 (4), 2 (2); at most 3 rows each.
        // 1 -> rank 0 (both empty, lower rank); 3 -> rank 1; 0 -> rank 0 (9 = 9, lower rank): 14;
        // 4 -> rank 1: 13; 2 -> rank 1 (13 < 14): 15. Each rank's rows in their original order.
        const std::vector<Row> rows = rowsOfLengths({5, 9, 2, 9, 4});
        QCOMPARE(rowIds(shardRows(rows, 2, 0)), (std::vector<int>{0, 1}));
        QCOMPARE(rowIds(shardRows(rows, 2, 1)), (std::vector<int>{2, 3, 4}));
        // Room runs out: a long row and four short ones on 2 ranks of at most 3 rows.
        const std::vector<Row> skewed = rowsOfLengths({1, 100, 1, 1, 1});
        // 1 -> rank 0: 100; 0, 2, 3 -> rank 1 (1, 2, 3 < 100), now full; 4 -> rank 0, the only room left.
        QCOMPARE(rowIds(shardRows(skewed, 2, 0)), (std::vector<int>{1, 4}));
        QCOMPARE(rowIds(shardRows(skewed, 2, 1)), (std::vector<int>{0, 2, 3}));
    }

    void badArguments()
    {
        const std::vector<Row> rows = rowsOfLengths({1, 2});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, shardRows(rows, 0, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, shardRows(rows, 2, 2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, shardRows(rows, 2, -1));
    }

    void targetTokensByHand()
    {
        // Position i predicts token i + 1, so an example's first token never counts, whatever its flag.
        const std::vector<SftExample> examples = {
            example({1, 2, 3, 4}, {0, 0, 1, 1}),          // tokens 2, 3: 2
            example({5, 6, 7}, {1, 1, 1}),                // tokens 1, 2 (not 0): 2
            example({8}, {1}),                            // nothing to predict: 0
            example({9, 10, 11, 12, 13}, {0, 1, 0, 1, 0}) // tokens 1, 3: 2
        };
        const Row packed{{0, 1}, 7}, packedShort{{2, 3}, 6}, single{{3}, 5};
        QCOMPARE(targetTokens({packed}, examples), std::int64_t(4));
        QCOMPARE(targetTokens({packedShort}, examples), std::int64_t(2));
        QCOMPARE(targetTokens({single}, examples), std::int64_t(2));
        QCOMPARE(targetTokens({packed, packedShort, single}, examples), std::int64_t(8));
        QCOMPARE(targetTokens({}, examples), std::int64_t(0));

        // The ranks' counts add up to the micro-batch's, however it is dealt.
        const std::vector<Row> rows = {packed, packedShort, single};
        for (int world = 1; world <= 4; ++world) {
            std::int64_t sum = 0;
            for (int rank = 0; rank < world; ++rank)
                sum += targetTokens(shardRows(rows, world, rank), examples);
            QCOMPARE(sum, std::int64_t(8));
        }
    }
};

QTEST_GUILESS_MAIN(TestShard)
#include "test_shard.moc"
