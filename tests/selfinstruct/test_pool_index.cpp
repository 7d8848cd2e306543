// The incremental pool check: PoolIndex::best() must equal the brute-force
// scan (score, nearest with ties to the lowest index, LCS) at every step of a
// growing pool of near-duplicates, in both tokenizers, and both must equal
// rouge_score's ROUGE-L as sft::rouge::rougeL computes it. The real-data
// checks grow the pool from the 175 seeds through Alpaca's instructions.

#include "selfinstruct/pool_index.h"
#include "selfinstruct/seeds.h"
#include "rouge/score.h"

#include "shared_data.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace sft::selfinstruct;
using sft::rouge::TokenizerKind;
using sft::rouge::TokenizerOptions;

namespace {

/**
 * Near-duplicates over a small vocabulary: base sentences with random word
 * edits, repeats, token-free texts and (for cjk) runs of ideographs.
 */
std::vector<std::string> randomTexts(std::size_t count, std::uint32_t seed, std::size_t vocabSize, bool cjk)
{
    std::mt19937 rng(seed);
    std::vector<std::string> vocab;
    static const char *const ideographs[] = {"写", "一", "首", "诗", "关", "于", "夏", "天", "的", "给", "出",
                                             "同", "义", "词", "翻", "译", "句", "子", "生", "成"};
    for (std::size_t i = 0; i < vocabSize; ++i) {
        if (cjk && i % 2 == 0)
            vocab.push_back(ideographs[i / 2 % std::size(ideographs)]);
        else
            vocab.push_back("w" + std::to_string(i));
    }
    vocab.push_back("Running");   // stems to "run" with the stemmer
    vocab.push_back("runs");
    std::vector<std::vector<std::string>> bases;
    for (int b = 0; b < 40; ++b) {
        std::vector<std::string> s(1 + rng() % 18);
        for (auto &w : s)
            w = vocab[rng() % vocab.size()];
        bases.push_back(s);
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < count; ++i) {
        if (!out.empty() && rng() % 20 == 0) {
            out.push_back(out[rng() % out.size()]);   // an exact repeat
            continue;
        }
        std::vector<std::string> s = bases[rng() % bases.size()];
        const int edits = int(rng() % 5);
        for (int e = 0; e < edits && !s.empty(); ++e) {
            const std::size_t pos = rng() % s.size();
            switch (rng() % 3) {
            case 0: s[pos] = vocab[rng() % vocab.size()]; break;
            case 1: s.erase(s.begin() + std::ptrdiff_t(pos)); break;
            default: s.insert(s.begin() + std::ptrdiff_t(pos), vocab[rng() % vocab.size()]); break;
            }
        }
        std::string text;
        for (const auto &w : s)
            text += w + (cjk && rng() % 2 ? "" : " ");
        if (rng() % 40 == 0)
            text = rng() % 2 ? "" : "?! ...";   // no tokens
        out.push_back(text);
    }
    return out;
}

QString describe(const PoolMatch &m)
{
    return QStringLiteral("score %1 nearest %2 lcs %3 tokens %4")
        .arg(m.score, 0, 'g', 17)
        .arg(m.nearest)
        .arg(m.lcs)
        .arg(m.tokens);
}

bool sameMatch(const PoolMatch &a, const PoolMatch &b)
{
    return a.score == b.score && a.nearest == b.nearest && a.lcs == b.lcs && a.tokens == b.tokens;
}

/** The exact best of text against texts by rouge::rougeL on the strings (the first of equal scores). */
std::pair<double, std::int64_t> directBest(const std::vector<std::string> &pool, const std::string &text,
                                           const TokenizerOptions &options)
{
    double best = 0;
    std::int64_t nearest = -1;
    for (std::size_t i = 0; i < pool.size(); ++i) {
        const double f = sft::rouge::rougeL(pool[i], text, options).fmeasure;
        if (f > best) {
            best = f;
            nearest = std::int64_t(i);
        }
    }
    return {best, nearest};
}

std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string> alpacaInstructions(const std::string &file)
{
    std::vector<std::string> out;
    const nlohmann::json doc = nlohmann::json::parse(readFile(sfttest::sharedPath(file)));
    for (const auto &r : doc)
        out.push_back(r.value("instruction", std::string()));
    return out;
}

} // namespace

class TestPoolIndex : public QObject
{
    Q_OBJECT

private slots:
    void matchesBruteForce_data();
    void matchesBruteForce();
    void matchesRougeL_data();
    void matchesRougeL();
    void emptyPoolAndText();
    void ties();
    void members();
    void realDataSeedsAndAlpaca_data();
    void realDataSeedsAndAlpaca();
};

void TestPoolIndex::matchesBruteForce_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("vocab");
    QTest::addColumn<bool>("cjk");
    QTest::addColumn<bool>("stem");
    QTest::newRow("tiny vocabulary") << 1 << 3000 << 8 << false << false;
    QTest::newRow("small vocabulary") << 2 << 3000 << 40 << false << false;
    QTest::newRow("stemmed") << 3 << 2000 << 30 << false << true;
    QTest::newRow("cjk") << 4 << 3000 << 24 << true << false;
    QTest::newRow("cjk stemmed") << 5 << 1500 << 60 << true << true;
}

void TestPoolIndex::matchesBruteForce()
{
    QFETCH(int, seed);
    QFETCH(int, count);
    QFETCH(int, vocab);
    QFETCH(bool, cjk);
    QFETCH(bool, stem);
    TokenizerOptions options;
    options.kind = cjk ? TokenizerKind::Cjk : TokenizerKind::Rouge;
    options.stem = stem;
    PoolIndex pool(options);
    const std::vector<std::string> texts = randomTexts(std::size_t(count), std::uint32_t(seed), std::size_t(vocab), cjk);
    std::int64_t scored = 0, total = 0, nonZero = 0, perfect = 0;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const PoolMatch fast = pool.best(texts[i]);
        const PoolMatch brute = pool.bestBruteForce(texts[i]);
        if (!sameMatch(fast, brute))
            QFAIL(qPrintable(QStringLiteral("text %1 \"%2\": indexed %3, brute force %4")
                                 .arg(i)
                                 .arg(QString::fromStdString(texts[i]), describe(fast), describe(brute))));
        QVERIFY(fast.scored <= brute.scored);
        scored += fast.scored;
        total += brute.tokens ? pool.size() : 0;
        nonZero += brute.score > 0;
        perfect += brute.score == 1.0;
        QCOMPARE(pool.add(texts[i]), std::int64_t(i));
    }
    // The data exercised what it should: many near and exact duplicates, and pruning.
    QVERIFY(nonZero > count / 2);
    QVERIFY(perfect > count / 50);
    QVERIFY2(scored < total, qPrintable(QStringLiteral("scored %1 of %2").arg(scored).arg(total)));
}

void TestPoolIndex::matchesRougeL_data()
{
    QTest::addColumn<bool>("cjk");
    QTest::newRow("rouge") << false;
    QTest::newRow("cjk") << true;
}

void TestPoolIndex::matchesRougeL()
{
    QFETCH(bool, cjk);
    TokenizerOptions options;
    options.kind = cjk ? TokenizerKind::Cjk : TokenizerKind::Rouge;
    const std::vector<std::string> texts = randomTexts(500, 11, 20, cjk);
    const std::vector<std::string> members(texts.begin(), texts.begin() + 300);
    PoolIndex pool(options);
    for (const std::string &t : members)
        pool.add(t);
    for (std::size_t q = 300; q < texts.size(); ++q) {
        const auto [score, nearest] = directBest(members, texts[q], options);
        const PoolMatch m = pool.best(texts[q]);
        QCOMPARE(m.score, score);   // bit-identical doubles
        QCOMPARE(m.nearest, nearest);
        if (nearest >= 0) {
            const auto direct = sft::rouge::rougeL(members[std::size_t(nearest)], texts[q], options);
            QCOMPARE(m.lcs, direct.lcs);
            QCOMPARE(m.tokens, direct.predictionTokens);
        }
    }
    // A hand-checked value: "write a poem about summer" vs "write a short poem about winter":
    // LCS 4 (write a poem about), 5 and 6 tokens: F = 2·4/11.
    PoolIndex small;
    small.add("Write a short poem about winter.");
    const PoolMatch m = small.best("write a poem about summer");
    QCOMPARE(m.lcs, 4u);
    QCOMPARE(m.tokens, 5u);
    QCOMPARE(m.score, sft::rouge::rougeFmeasure(4, 6, 5));
    QVERIFY(std::abs(m.score - 8.0 / 11.0) < 1e-15);
}

void TestPoolIndex::emptyPoolAndText()
{
    PoolIndex pool;
    PoolMatch m = pool.best("anything at all");
    QCOMPARE(m.score, 0.0);
    QCOMPARE(m.nearest, std::int64_t(-1));
    QCOMPARE(m.tokens, 3u);
    QVERIFY(sameMatch(m, pool.bestBruteForce("anything at all")));

    QCOMPARE(pool.add(""), std::int64_t(0));          // no tokens: a member that never matches
    QCOMPARE(pool.add("?!"), std::int64_t(1));
    QCOMPARE(pool.add("first words here"), std::int64_t(2));
    QCOMPARE(pool.size(), std::int64_t(3));
    for (const char *text : {"", "   ", "?!", "中文"}) {   // the rouge tokenizer drops CJK
        m = pool.best(text);
        QCOMPARE(m.score, 0.0);
        QCOMPARE(m.nearest, std::int64_t(-1));
        QCOMPARE(m.tokens, 0u);
        QCOMPARE(m.scored, std::int64_t(0));
        QVERIFY(sameMatch(m, pool.bestBruteForce(text)));
    }
    // Tokens the pool has never seen share nothing.
    m = pool.best("unseen novel tokens");
    QCOMPARE(m.score, 0.0);
    QCOMPARE(m.nearest, std::int64_t(-1));
    QCOMPARE(m.scored, std::int64_t(0));
    QVERIFY(sameMatch(m, pool.bestBruteForce("unseen novel tokens")));
    m = pool.best("novel words");
    QCOMPARE(m.nearest, std::int64_t(2));
    QCOMPARE(m.lcs, 1u);
    QVERIFY(sameMatch(m, pool.bestBruteForce("novel words")));
}

void TestPoolIndex::ties()
{
    PoolIndex pool;
    pool.add("a b x");        // 0
    pool.add("a b y");        // 1: the same F as 0 against "a b z"
    pool.add("d c a b");      // 2: bound 1.0 for "a b c d" (scored first) but LCS 2
    pool.add("a b q r");      // 3: LCS 2 with "a b c d", same length as 2: a tie with 2
    pool.add("p a b c d");    // 4
    pool.add("a b c d");      // 5: identical to the query below
    pool.add("a b c d");      // 6: a repeat
    PoolMatch m = pool.best("a b z");
    QCOMPARE(m.nearest, std::int64_t(0));
    QVERIFY(sameMatch(m, pool.bestBruteForce("a b z")));
    m = pool.best("a b c d");
    QCOMPARE(m.score, 1.0);
    QCOMPARE(m.nearest, std::int64_t(5));
    QVERIFY(sameMatch(m, pool.bestBruteForce("a b c d")));

    // Two members with the same F: the lower index wins although the other's bound is higher.
    PoolIndex tie;
    tie.add("a b q r");       // 0: LCS 2 with "a b c d", bound 0.5
    tie.add("d c a b");       // 1: bound 1.0, LCS 2: F 0.5, the same as 0
    m = tie.best("a b c d");
    QCOMPARE(m.score, 0.5);
    QCOMPARE(m.lcs, 2u);
    QCOMPARE(m.nearest, std::int64_t(0));
    QCOMPARE(m.scored, std::int64_t(2));
    QVERIFY(sameMatch(m, tie.bestBruteForce("a b c d")));

    // The reverse order: the higher bound is also the lower index, so 1 is never scored.
    PoolIndex order;
    order.add("d c a b");
    order.add("a b q r");
    m = order.best("a b c d");
    QCOMPARE(m.nearest, std::int64_t(0));
    QCOMPARE(m.scored, std::int64_t(1));
    QVERIFY(sameMatch(m, order.bestBruteForce("a b c d")));
}

void TestPoolIndex::members()
{
    PoolIndex pool({TokenizerKind::Cjk, false});
    pool.add("写一首关于夏天的诗");
    pool.add("Give three synonyms.");
    QCOMPARE(pool.text(0), std::string("写一首关于夏天的诗"));
    QCOMPARE(pool.text(1), std::string("Give three synonyms."));
    const PoolMatch m = pool.best("写一首关于冬天的诗");
    QCOMPARE(m.nearest, std::int64_t(0));
    QCOMPARE(m.lcs, 8u);
    QCOMPARE(m.score, sft::rouge::rougeL("写一首关于夏天的诗", "写一首关于冬天的诗", {TokenizerKind::Cjk, false}).fmeasure);
    // Moving keeps the members.
    PoolIndex moved = std::move(pool);
    QCOMPARE(moved.size(), std::int64_t(2));
    QCOMPARE(moved.best("give three synonyms").nearest, std::int64_t(1));
}

void TestPoolIndex::realDataSeedsAndAlpaca_data()
{
    QTest::addColumn<QString>("seeds");
    QTest::addColumn<QString>("alpaca");
    QTest::addColumn<bool>("cjk");
    QTest::newRow("en") << QStringLiteral("seed_tasks.jsonl") << QStringLiteral("alpaca_en_52k.json") << false;
    QTest::newRow("zh") << QStringLiteral("belle/zh_seed_tasks.json") << QStringLiteral("alpaca_zh_52k.json") << true;
}

void TestPoolIndex::realDataSeedsAndAlpaca()
{
    QFETCH(QString, seeds);
    QFETCH(QString, alpaca);
    QFETCH(bool, cjk);
    PoolIndex pool({cjk ? TokenizerKind::Cjk : TokenizerKind::Rouge, false});
    for (const SeedTask &t : loadSeedTasks(sfttest::sharedPath(seeds.toStdString())))
        pool.add(t.instruction);
    QCOMPARE(pool.size(), std::int64_t(175));
    const std::vector<std::string> texts = alpacaInstructions(alpaca.toStdString());
    QCOMPARE(texts.size(), std::size_t(52002));
    int checked = 0, above = 0;
    std::int64_t scored = 0, total = 0;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        if (i % 331 == 0) {
            const PoolMatch fast = pool.best(texts[i]);
            const PoolMatch brute = pool.bestBruteForce(texts[i]);
            if (!sameMatch(fast, brute))
                QFAIL(qPrintable(QStringLiteral("instruction %1: indexed %2, brute force %3")
                                     .arg(i)
                                     .arg(describe(fast), describe(brute))));
            if (fast.nearest >= 0)
                QCOMPARE(fast.score, sft::rouge::rougeL(pool.text(fast.nearest), texts[i],
                                                        {cjk ? TokenizerKind::Cjk : TokenizerKind::Rouge, false})
                                         .fmeasure);
            ++checked;
            above += fast.score > 0.7;
            scored += fast.scored;
            total += brute.scored;
        }
        pool.add(texts[i]);
    }
    QCOMPARE(checked, 158);
    qInfo("%d checks, %d above 0.7; LCS computed for %lld of %lld pool members", checked, above,
          static_cast<long long>(scored), static_cast<long long>(total));
    QVERIFY(scored < total / 10);
}

SFT_REALDATA_GUILESS_MAIN(TestPoolIndex, "seed_tasks.jsonl", "alpaca_en_52k.json", "belle/zh_seed_tasks.json",
                          "alpaca_zh_52k.json")
#include "test_pool_index.moc"
