// The greedy dedup engine: its kept sets against the brute-force Python
// reference (rouge_score scoring, Alpaca's greedy loop; fixture from
// gen_rouge_fixtures.py), and the pruned engine against its own no-pruning
// mode on larger sets (kept set, nearest record and LCS of rejected records,
// and every record's exact best score in exact-best mode), plus progress,
// cancellation and empty records. A reference pool (the first poolSize
// records): never rejected, every later record checked against it and the
// records kept so far; the engine with a pool against its brute force and
// against a naive greedy loop written here. The reference cases and the
// larger Alpaca sets read the real files (realData*, see shared_data.h).

#include "rouge/dedup.h"
#include "rouge/score.h"
#include "core/error.h"
#include "rouge_test_util.h"

#include <QtTest>

#include <random>

using namespace sft::rouge;

namespace {

DedupOptions makeOptions(const std::string &tokenizer, const std::string &threshold, const std::string &compare)
{
    DedupOptions o;
    o.tokenizer.kind = tokenizer.rfind("cjk", 0) == 0 ? TokenizerKind::Cjk : TokenizerKind::Rouge;
    o.tokenizer.stem = tokenizer == "stem" || tokenizer == "cjk_stem";
    ThresholdCompare c = ThresholdCompare::Exact;
    compareFromName(compare, c);
    o.threshold = Threshold::fromString(threshold, c);
    return o;
}

/** Synthetic near-duplicates: base sentences with random word edits, shuffled. */
std::vector<std::string> syntheticTexts(std::size_t count, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    std::vector<std::string> vocab;
    for (int i = 0; i < 300; ++i)
        vocab.push_back("w" + std::to_string(i));
    std::vector<std::vector<std::string>> bases;
    for (int b = 0; b < 60; ++b) {
        std::vector<std::string> s(4 + rng() % 20);
        for (auto &w : s)
            w = vocab[rng() % (b % 3 == 0 ? 20 : vocab.size())];   // some bases share a tiny vocabulary
        bases.push_back(s);
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < count; ++i) {
        std::vector<std::string> s = bases[rng() % bases.size()];
        const int edits = int(rng() % 6);
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
            text += w + ' ';
        if (rng() % 50 == 0)
            text = "!!";   // no tokens
        out.push_back(text);
    }
    return out;
}

void compareResults(const DedupResult &pruned, const DedupResult &brute, bool allScores)
{
    QCOMPARE(pruned.records.size(), brute.records.size());
    QCOMPARE(pruned.stats.kept, brute.stats.kept);
    for (std::size_t i = 0; i < brute.records.size(); ++i) {
        const DedupRecord &p = pruned.records[i], &b = brute.records[i];
        if (p.kept != b.kept)
            QFAIL(qPrintable(QStringLiteral("record %1: kept %2 vs brute force %3").arg(i).arg(p.kept).arg(b.kept)));
        QCOMPARE(p.tokens, b.tokens);
        if (!b.kept || allScores) {
            if (p.nearest != b.nearest || p.bestLcs != b.bestLcs)
                QFAIL(qPrintable(QStringLiteral("record %1: nearest %2 (lcs %3) vs brute force %4 (lcs %5)")
                                     .arg(i).arg(p.nearest).arg(p.bestLcs).arg(b.nearest).arg(b.bestLcs)));
            QCOMPARE(p.bestScore, b.bestScore);
        } else {
            // Default mode: a kept record's best is a lower bound of the true best
            // (compared as rationals 2·LCS/(m+n): equal F can round differently).
            if (p.nearest >= 0) {
                QVERIFY(b.nearest >= 0);
                const std::uint64_t sp = p.tokens + pruned.records[std::size_t(p.nearest)].tokens;
                const std::uint64_t sb = b.tokens + brute.records[std::size_t(b.nearest)].tokens;
                QVERIFY(std::uint64_t(p.bestLcs) * sb <= std::uint64_t(b.bestLcs) * sp);
            }
        }
    }
}

} // namespace

class TestDedup : public QObject
{
    Q_OBJECT

private slots:
    void realDataPythonReference_data();
    void realDataPythonReference();
    void prunedEqualsBruteForce_data();
    void prunedEqualsBruteForce();
    void realDataPrunedEqualsBruteForce_data();
    void realDataPrunedEqualsBruteForce();
    void emptyAndPool();
    void poolNeverRejected();
    void poolAgreesWithBruteForce_data();
    void poolAgreesWithBruteForce();
    void realDataSeedPoolAgreesWithBruteForce();
    void tieAtThreshold();
    void progressAndCancel();
    void tokenIds();

private:
    static void addPruneColumns();
    void checkPrunedEqualsBruteForce();
};

void TestDedup::realDataPythonReference_data()
{
    QTest::addColumn<int>("caseIndex");
    const std::string path = rougetest::testData("dedup_reference.json");
    QVERIFY(rougetest::fileExists(path));
    const auto cases = nlohmann::json::parse(rougetest::readFile(path));
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const auto &c = cases[i];
        const std::string name = c["file"].get<std::string>() + " " + std::to_string(c["count"].get<int>()) + " "
            + c["tokenizer"].get<std::string>() + " " + c["threshold"].get<std::string>() + " "
            + c["compare"].get<std::string>();
        QTest::newRow(name.c_str()) << int(i);
    }
}

void TestDedup::realDataPythonReference()
{
    QFETCH(int, caseIndex);
    const auto c = nlohmann::json::parse(rougetest::readFile(rougetest::testData("dedup_reference.json")))[std::size_t(caseIndex)];
    auto texts = rougetest::alpacaField(c["file"].get<std::string>(), c["field"].get<std::string>());
    QVERIFY(!texts.empty());
    texts.resize(c["count"].get<std::size_t>());
    const DedupOptions o = makeOptions(c["tokenizer"].get<std::string>(), c["threshold"].get<std::string>(),
                                       c["compare"].get<std::string>());
    const auto expected = c["kept"].get<std::vector<std::int64_t>>();
    const DedupResult r = greedyDedup(texts, o);
    QCOMPARE(r.keptIndices(), expected);
    DedupOptions brute = o;
    brute.pruning = false;
    QCOMPARE(greedyDedup(texts, brute).keptIndices(), expected);
}

void TestDedup::addPruneColumns()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("tokenizer");
    QTest::addColumn<QString>("threshold");
    QTest::addColumn<QString>("compare");
}

void TestDedup::prunedEqualsBruteForce_data()
{
    addPruneColumns();
    QTest::newRow("synthetic 0.7") << "synthetic" << 3000 << "rouge" << "0.7" << "exact";
    QTest::newRow("synthetic 0.7 rouge_score") << "synthetic" << 3000 << "rouge" << "0.7" << "rouge_score";
    QTest::newRow("synthetic 0.45") << "synthetic" << 3000 << "rouge" << "0.45" << "exact";
    QTest::newRow("synthetic 0.95") << "synthetic" << 3000 << "rouge" << "0.95" << "exact";
}

void TestDedup::prunedEqualsBruteForce() { checkPrunedEqualsBruteForce(); }

void TestDedup::realDataPrunedEqualsBruteForce_data()
{
    addPruneColumns();
    QTest::newRow("alpaca 0.7") << "en:instruction" << 6000 << "rouge" << "0.7" << "exact";
    QTest::newRow("alpaca 0.5 rouge_score") << "en:instruction" << 6000 << "rouge" << "0.5" << "rouge_score";
    QTest::newRow("alpaca 0.3 stem") << "en:instruction" << 4000 << "stem" << "0.3" << "exact";
    QTest::newRow("alpaca 0 threshold") << "en:instruction" << 800 << "rouge" << "0" << "exact";
    QTest::newRow("alpaca outputs 0.4") << "en:output" << 1200 << "rouge" << "0.4" << "exact";
    QTest::newRow("zh cjk 0.5") << "zh:instruction" << 4000 << "cjk" << "0.5" << "exact";
    QTest::newRow("zh outputs cjk 0.6") << "zh:output" << 800 << "cjk" << "0.6" << "rouge_score";
}

void TestDedup::realDataPrunedEqualsBruteForce() { checkPrunedEqualsBruteForce(); }

/** The pruned engine against its own no-pruning mode on the current row's texts. */
void TestDedup::checkPrunedEqualsBruteForce()
{
    QFETCH(QString, source);
    QFETCH(int, count);
    QFETCH(QString, tokenizer);
    QFETCH(QString, threshold);
    QFETCH(QString, compare);
    std::vector<std::string> texts;
    if (source == QLatin1String("synthetic")) {
        texts = syntheticTexts(std::size_t(count), 11);
    } else {
        const QStringList parts = source.split(QLatin1Char(':'));
        const std::string file = parts[0] == QLatin1String("en") ? "alpaca_en_52k.json" : "alpaca_zh_52k.json";
        texts = rougetest::alpacaField(file, parts[1].toStdString());
        QVERIFY(!texts.empty());
        texts.resize(std::size_t(count));
    }
    DedupOptions o = makeOptions(tokenizer.toStdString(), threshold.toStdString(), compare.toStdString());
    DedupOptions brute = o;
    brute.pruning = false;
    const DedupResult b = greedyDedup(texts, brute);
    QVERIFY(b.stats.pairsScored <= b.stats.pairsTotal);

    const DedupResult p = greedyDedup(texts, o);
    compareResults(p, b, false);
    QVERIFY(p.stats.pairsScored <= b.stats.pairsScored);

    o.exactBestScores = true;
    compareResults(greedyDedup(texts, o), b, true);

    o.exactBestScores = false;
    o.threads = 1;
    compareResults(greedyDedup(texts, o), b, false);
}

void TestDedup::emptyAndPool()
{
    const std::vector<std::string> texts = {
        "Give three tips for staying healthy.",   // 0 pool
        "Give three tips for staying healthy!",   // 1 pool: kept although identical
        "...",                                     // 2 no tokens: kept
        "give three tips for staying healthy",    // 3 rejected (F = 1)
        "Name three primary colors.",              // 4 kept
        "",                                        // 5 kept
        "Name the three primary colors",           // 6 rejected by 4: 2·4/(5+4) = 0.89
    };
    DedupOptions o;
    o.poolSize = 2;
    const DedupResult r = greedyDedup(texts, o);
    QCOMPARE(r.keptIndices(), (std::vector<std::int64_t>{0, 1, 2, 4, 5}));
    QCOMPARE(r.records[3].nearest, 0);
    QCOMPARE(r.records[3].bestScore, 1.0);
    QCOMPARE(r.records[2].nearest, -1);
    QCOMPARE(r.records[2].tokens, 0u);
    QCOMPARE(r.stats.emptyRecords, 2);
    // 2·LCS/(m+n) for "name the three primary colors" vs "name three primary colors": 2·4/9.
    QCOMPARE(r.records[6].bestScore, rougeFmeasure(4, 5, 4));
    QCOMPARE(r.records[6].nearest, 4);
    // The pool is never checked: no nearest, no score, tokens counted.
    QCOMPARE(r.records[1].nearest, -1);
    QCOMPARE(r.records[1].bestScore, 0.0);
    QCOMPARE(r.records[1].tokens, 6u);
    QCOMPARE(r.stats.pool, 2);
    QCOMPARE(r.stats.records, 7);
    QCOMPARE(r.stats.kept, 5);
    // Brute force scores each checked record against the records kept before it; the pool's pairs are not scored.
    QCOMPARE(r.stats.pairsTotal, 2 + 3 + 3 + 4 + 5);
}

void TestDedup::poolNeverRejected()
{
    const std::vector<std::string> pool = {
        "Write a poem about the sea.",
        "Write a poem about the sea!",            // a duplicate inside the pool: kept
        "Summarize the following article.",
        "",
    };
    const std::vector<std::string> candidates = {
        "write a poem about the sea",             // 0: rejected by pool 0 (F = 1)
        "Translate the sentence into French.",    // 1: kept
        "Translate this sentence into French.",   // 2: rejected by candidate 1 (kept so far)
        "Summarize the following article briefly.", // 3: rejected by pool 2: 2·4/(4+5) = 0.89
        "Tell me a joke.",                        // 4: kept
    };
    // The pool is the prefix of the records, as the CLI and the workspace's quality check pass it.
    std::vector<std::string> all = pool;
    all.insert(all.end(), candidates.begin(), candidates.end());
    for (bool pruning : {true, false}) {
        DedupOptions o;
        o.pruning = pruning;
        o.poolSize = pool.size();
        const DedupResult r = greedyDedup(all, o);
        QCOMPARE(r.records.size(), pool.size() + candidates.size());
        QCOMPARE(r.stats.pool, 4);
        for (std::size_t i = 0; i < pool.size(); ++i) {
            QVERIFY(r.records[i].kept);
            QCOMPARE(r.records[i].nearest, -1);   // never checked
        }
        QCOMPARE(r.keptIndices(), (std::vector<std::int64_t>{0, 1, 2, 3, 4 + 1, 4 + 4}));
        QCOMPARE(r.records[4 + 0].nearest, 0);
        QCOMPARE(r.records[4 + 0].bestScore, 1.0);
        QCOMPARE(r.records[4 + 2].nearest, 4 + 1);
        QCOMPARE(r.records[4 + 3].nearest, 2);
        QCOMPARE(r.records[4 + 3].bestScore, rougeFmeasure(4, 5, 3 + 1));
        // Without the pool the pool's own twin goes, and the candidates keep what the pool would have rejected.
        QCOMPARE(greedyDedup(all, DedupOptions{}).keptIndices(), (std::vector<std::int64_t>{0, 2, 3, 4 + 1, 4 + 4}));
        QCOMPARE(greedyDedup(candidates, DedupOptions{}).keptIndices(), (std::vector<std::int64_t>{0, 1, 3, 4}));
    }
    // Only a pool: everything kept, progress reaches the end.
    std::vector<std::int64_t> seen;
    DedupOptions onlyPoolOptions;
    onlyPoolOptions.poolSize = pool.size();
    const DedupResult onlyPool = greedyDedup(pool, onlyPoolOptions, [&](std::int64_t done, std::int64_t) {
        seen.push_back(done);
        return true;
    });
    QCOMPARE(onlyPool.stats.kept, 4);
    QCOMPARE(onlyPool.stats.pairsTotal, 0);
    QCOMPARE(seen.back(), 4);
    // A pool larger than the records is all of them.
    DedupOptions big;
    big.poolSize = 1000;
    QCOMPARE(greedyDedup(candidates, big).stats.kept, 5);
}

void TestDedup::poolAgreesWithBruteForce_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("pool");
    QTest::addColumn<QString>("threshold");
    QTest::newRow("small pool 0.7") << 3000 << 175 << "0.7";
    QTest::newRow("pool over a block 0.5") << 3000 << 1500 << "0.5";
    QTest::newRow("pool of a block 0.7") << 3000 << 1024 << "0.7";
    QTest::newRow("most a pool 0.3") << 2000 << 1990 << "0.3";
}

void TestDedup::poolAgreesWithBruteForce()
{
    QFETCH(int, count);
    QFETCH(int, pool);
    QFETCH(QString, threshold);
    const std::vector<std::string> texts = syntheticTexts(std::size_t(count), 23);
    DedupOptions o = makeOptions("rouge", threshold.toStdString(), "exact");
    o.poolSize = std::size_t(pool);
    DedupOptions brute = o;
    brute.pruning = false;
    const DedupResult b = greedyDedup(texts, brute);
    for (int i = 0; i < pool; ++i)
        QVERIFY(b.records[std::size_t(i)].kept);
    QVERIFY(b.stats.kept < count);   // the pool rejects some
    compareResults(greedyDedup(texts, o), b, false);
    o.exactBestScores = true;
    compareResults(greedyDedup(texts, o), b, true);
    o.exactBestScores = false;
    o.threads = 1;
    compareResults(greedyDedup(texts, o), b, false);

    // A naive greedy loop (Self-Instruct's): the pool's texts, then each candidate against the pool and
    // the candidates kept so far, rejected when rouge_score's F is above the threshold.
    const std::size_t naive = std::min<std::size_t>(texts.size(), std::size_t(pool) + 400);
    const Threshold th = Threshold::fromString(threshold.toStdString());
    Tokenizer tokenizer(o.tokenizer);
    std::vector<std::vector<std::string>> kept;
    std::vector<std::int64_t> expected;
    for (std::size_t i = 0; i < naive; ++i) {
        const std::vector<std::string> words = tokenizer.words(texts[i]);
        bool reject = false;
        if (i >= std::size_t(pool))
            for (const auto &k : kept) {
                const RougeScore s = rougeL(k, words);
                if (th.rejects(s.lcs, std::uint32_t(k.size()), std::uint32_t(words.size()))) {
                    reject = true;
                    break;
                }
            }
        if (!reject) {
            kept.push_back(words);
            expected.push_back(std::int64_t(i));
        }
    }
    const std::vector<std::string> head(texts.begin(), texts.begin() + std::ptrdiff_t(naive));
    DedupOptions p = makeOptions("rouge", threshold.toStdString(), "exact");
    p.poolSize = std::size_t(pool);
    QCOMPARE(greedyDedup(head, p).keptIndices(), expected);
}

void TestDedup::realDataSeedPoolAgreesWithBruteForce()
{
    // The 175 Self-Instruct seed instructions as the pool of the first Alpaca instructions.
    std::vector<std::string> seeds;
    for (const auto &task : rougetest::readJsonl(rougetest::sharedData("seed_tasks.jsonl")))
        seeds.push_back(task["instruction"].get<std::string>());
    QCOMPARE(seeds.size(), std::size_t(175));
    // On their own the seeds hold near-duplicates (2 at 0.7); as the pool they are all kept (checked below).
    QCOMPARE(greedyDedup(seeds).stats.kept, 173);
    std::vector<std::string> alpaca = rougetest::alpacaField("alpaca_en_52k.json", "instruction");
    QVERIFY(!alpaca.empty());
    alpaca.resize(3000);
    std::vector<std::string> texts = seeds;   // the pool first, as the CLI's --pool passes it
    texts.insert(texts.end(), alpaca.begin(), alpaca.end());
    for (const char *threshold : {"0.7", "0.5"}) {
        DedupOptions o = makeOptions("rouge", threshold, "exact");
        o.poolSize = seeds.size();
        DedupOptions brute = o;
        brute.pruning = false;
        const DedupResult b = greedyDedup(texts, brute);
        QCOMPARE(b.stats.pool, 175);
        compareResults(greedyDedup(texts, o), b, false);
        o.exactBestScores = true;
        compareResults(greedyDedup(texts, o), b, true);
        // The seeds are all kept, although a few are near-duplicates of each other.
        for (std::size_t i = 0; i < seeds.size(); ++i)
            QVERIFY(b.records[i].kept);
        DedupOptions noPool = brute;
        noPool.poolSize = 0;
        qInfo("threshold %s: %lld of 3000 Alpaca instructions rejected with the seeds as pool, %lld without",
              threshold, (long long)(3000 - (b.stats.kept - 175)),
              (long long)(3000 - greedyDedup(alpaca, noPool).stats.kept));
    }
}

void TestDedup::tieAtThreshold()
{
    // LCS 7, m + n = 20: F = 0.7 exactly. Exact comparison keeps the second
    // record; rouge_score's double (0.7000000000000001 > 0.7) rejects it.
    const std::vector<std::string> texts = {"one two three four five six seven",
                                            "one two three four five six seven a b c d e f"};
    DedupOptions o;
    QCOMPARE(greedyDedup(texts, o).keptIndices(), (std::vector<std::int64_t>{0, 1}));
    // Kept, and the pair was pruned (LCS 7 < the 8 needed): its score is only known with exactBestScores.
    QCOMPARE(greedyDedup(texts, o).records[1].bestLcs, 0u);
    o.exactBestScores = true;
    QCOMPARE(greedyDedup(texts, o).records[1].bestLcs, 7u);
    QCOMPARE(greedyDedup(texts, o).records[1].nearest, 0);
    o.exactBestScores = false;
    o.threshold = Threshold::fromString("0.7", ThresholdCompare::RougeScore);
    QCOMPARE(greedyDedup(texts, o).keptIndices(), (std::vector<std::int64_t>{0}));
    o.pruning = false;
    QCOMPARE(greedyDedup(texts, o).keptIndices(), (std::vector<std::int64_t>{0}));
}

void TestDedup::progressAndCancel()
{
    const std::vector<std::string> texts = syntheticTexts(3000, 5);
    std::vector<std::int64_t> seen;
    DedupOptions o;
    greedyDedup(texts, o, [&](std::int64_t done, std::int64_t total) {
        seen.push_back(done);
        return total == 3000;
    });
    QVERIFY(seen.size() > 2);
    QCOMPARE(seen.front(), 0);
    QCOMPARE(seen.back(), 3000);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    QVERIFY_THROWS_EXCEPTION(sft::Cancelled,
                             greedyDedup(texts, o, [](std::int64_t done, std::int64_t) { return done < 1000; }));
}

void TestDedup::tokenIds()
{
    // Pre-tokenized input: same answer as texts; bad ids are errors.
    const std::vector<std::vector<std::uint32_t>> ids = {{1, 2, 3, 4}, {1, 2, 3, 4}, {4, 3, 2, 1}, {}, {1, 2, 3, 5}};
    const DedupResult r = greedyDedupIds(ids, 6);
    QCOMPARE(r.keptIndices(), (std::vector<std::int64_t>{0, 2, 3}));
    QCOMPARE(r.records[4].nearest, 0);
    QCOMPARE(r.records[4].bestLcs, 3u);
    QVERIFY_THROWS_EXCEPTION(sft::Error, greedyDedupIds(ids, 5));
    // No records at all.
    const DedupResult none = greedyDedup({});
    QCOMPARE(none.records.size(), std::size_t(0));
    QCOMPARE(none.stats.pairsTotal, 0);
}

SFT_REALDATA_GUILESS_MAIN(TestDedup, "alpaca_en_52k.json", "alpaca_zh_52k.json", "seed_tasks.jsonl")
#include "test_dedup.moc"
