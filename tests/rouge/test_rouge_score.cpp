// ROUGE-L scores and tokens against the rouge_score-following Python reference
// (gen_rouge_fixtures.py): every pair of the committed fixture in the default,
// stemmed, cjk and cjk+stem modes must give the bit-identical F and the same
// LCS; tokens must match token for token. A live run scores fresh pairs from
// the real Alpaca files (realData*, see shared_data.h; skipped without
// /usr/bin/python3 + nltk). Also: bit-parallel LCS vs the
// textbook DP, alignments, and the threshold comparisons.

#include "rouge/alignment.h"
#include "rouge/lcs.h"
#include "rouge/score.h"
#include "rouge/threshold.h"
#include "rouge/tokenizer.h"
#include "core/error.h"
#include "rouge_test_util.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <random>

using namespace sft::rouge;

namespace {

TokenizerOptions modeOptions(const std::string &mode)
{
    TokenizerOptions o;
    o.kind = mode.rfind("cjk", 0) == 0 ? TokenizerKind::Cjk : TokenizerKind::Rouge;
    o.stem = mode == "stem" || mode == "cjk_stem";
    return o;
}

/** Textbook O(mn) LCS table, an independent check of the bit-parallel one. */
std::uint32_t dpLcs(const std::vector<std::uint32_t> &a, const std::vector<std::uint32_t> &b)
{
    std::vector<std::vector<std::uint32_t>> t(a.size() + 1, std::vector<std::uint32_t>(b.size() + 1, 0));
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j)
            t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
    return t[a.size()][b.size()];
}

bool sameDouble(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

} // namespace

class TestRougeScore : public QObject
{
    Q_OBJECT

private slots:
    void fixturePairs_data();
    void fixturePairs();
    void fixtureTokens();
    void tokenRanges();
    void realDataLivePairs();
    void bitParallelLcs_data();
    void bitParallelLcs();
    void alignment();
    void threshold_data();
    void threshold();
    void thresholdParsing();
};

void TestRougeScore::fixturePairs_data()
{
    QTest::addColumn<QString>("mode");
    for (const char *m : {"rouge", "stem", "cjk", "cjk_stem"})
        QTest::newRow(m) << QString::fromLatin1(m);
}

void TestRougeScore::fixturePairs()
{
    QFETCH(QString, mode);
    const std::string m = mode.toStdString();
    const auto rows = rougetest::readJsonl(rougetest::testData("rouge_pairs.jsonl"));
    QVERIFY(rows.size() > 4000);
    Tokenizer tok(modeOptions(m));
    int nonZero = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto &r = rows[i];
        const RougeScore s = rougeL(tok.words(r["a"].get<std::string>()), tok.words(r["b"].get<std::string>()));
        const double expected = r[m].get<double>();
        const auto expectedLcs = r[m + "_lcs"].get<std::uint32_t>();
        if (s.lcs != expectedLcs || !sameDouble(s.fmeasure, expected))
            QFAIL(qPrintable(QStringLiteral("row %1: F %2 (lcs %3), rouge_score %4 (lcs %5)")
                                 .arg(i).arg(s.fmeasure, 0, 'g', 17).arg(s.lcs).arg(expected, 0, 'g', 17)
                                 .arg(expectedLcs)));
        nonZero += expected > 0;
    }
    QVERIFY(nonZero > 1000);
}

void TestRougeScore::fixtureTokens()
{
    const auto rows = rougetest::readJsonl(rougetest::testData("rouge_tokens.jsonl"));
    QVERIFY(rows.size() > 400);
    for (const char *m : {"rouge", "stem", "cjk", "cjk_stem"}) {
        Tokenizer tok(modeOptions(m));
        for (const auto &r : rows) {
            const auto expected = r[m].get<std::vector<std::string>>();
            const auto got = tok.words(r["text"].get<std::string>());
            if (got != expected)
                QFAIL(qPrintable(QStringLiteral("%1 tokens of \"%2\": %3 vs %4")
                                     .arg(QLatin1String(m), QString::fromStdString(r["text"].get<std::string>()),
                                          QString::fromStdString(nlohmann::json(got).dump()),
                                          QString::fromStdString(nlohmann::json(expected).dump()))));
        }
    }
}

void TestRougeScore::tokenRanges()
{
    // Byte ranges point at the source characters, including the ones that
    // lowercase into ASCII (Kelvin sign: 3 bytes, 'İ': 2 bytes).
    const std::string text = "Hello, \u212Aelvin İx 中文 ok";
    TokenizerOptions o;
    o.kind = TokenizerKind::Cjk;
    const std::vector<Token> t = Tokenizer(o).tokenize(text);
    const std::vector<std::string> texts{"hello", "kelvin", "i", "x", "中", "文", "ok"};
    QCOMPARE(t.size(), texts.size());
    for (std::size_t i = 0; i < t.size(); ++i)
        QCOMPARE(QString::fromStdString(t[i].text), QString::fromStdString(texts[i]));
    QCOMPARE(text.substr(t[0].begin, t[0].end - t[0].begin), std::string("Hello"));
    QCOMPARE(text.substr(t[1].begin, t[1].end - t[1].begin), std::string("\u212Aelvin"));
    QCOMPARE(text.substr(t[2].begin, t[2].end - t[2].begin), std::string("İ"));
    QCOMPARE(text.substr(t[4].begin, t[4].end - t[4].begin), std::string("中"));
}

void TestRougeScore::realDataLivePairs()
{
    const auto instr = rougetest::alpacaField("alpaca_en_52k.json", "instruction");
    const auto outputs = rougetest::alpacaField("alpaca_en_52k.json", "output");
    const auto zh = rougetest::alpacaField("alpaca_zh_52k.json", "instruction");
    QVERIFY(!instr.empty() && !zh.empty());
    if (!rougetest::pythonWithNltk())
        QSKIP("/usr/bin/python3 with nltk not available");
    // Fresh pairs every run of a given seed: not the fixture's.
    std::mt19937 rng(7);
    std::vector<std::pair<std::string, std::string>> pairs;
    for (int i = 0; i < 2000; ++i)
        pairs.emplace_back(instr[rng() % instr.size()], instr[rng() % instr.size()]);
    for (int i = 0; i < 300; ++i)
        pairs.emplace_back(outputs[rng() % outputs.size()].substr(0, 2000), outputs[rng() % outputs.size()].substr(0, 2000));
    for (int i = 0; i < 700; ++i)
        pairs.emplace_back(zh[rng() % zh.size()], zh[rng() % zh.size()]);
    QTemporaryDir dir;
    const std::string in = dir.filePath(QStringLiteral("pairs.jsonl")).toStdString();
    const std::string out = dir.filePath(QStringLiteral("scores.jsonl")).toStdString();
    {
        std::ofstream f(in);
        for (const auto &[a, b] : pairs)
            f << nlohmann::json{{"a", a}, {"b", b}}.dump() << '\n';
    }
    QCOMPARE(rougetest::runGenerator({QStringLiteral("scores"), QString::fromStdString(in), QString::fromStdString(out)}), 0);
    const auto expected = rougetest::readJsonl(out);
    QCOMPARE(expected.size(), pairs.size());
    for (const char *m : {"rouge", "stem", "cjk"}) {
        Tokenizer tok(modeOptions(m));
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            const double f = rougeL(tok.words(pairs[i].first), tok.words(pairs[i].second)).fmeasure;
            if (!sameDouble(f, expected[i][m].get<double>()))
                QFAIL(qPrintable(QStringLiteral("%1 pair %2: %3 vs %4").arg(QLatin1String(m)).arg(i)
                                     .arg(f, 0, 'g', 17).arg(expected[i][m].get<double>(), 0, 'g', 17)));
        }
    }
}

void TestRougeScore::bitParallelLcs_data()
{
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("alphabet");
    QTest::newRow("short") << 10 << 12 << 5;
    QTest::newRow("64") << 64 << 64 << 4;
    QTest::newRow("65") << 65 << 40 << 3;
    QTest::newRow("long-rare") << 300 << 250 << 50;
    QTest::newRow("long-dense") << 200 << 333 << 2;
    QTest::newRow("128x1") << 128 << 1 << 2;
    QTest::newRow("1x128") << 1 << 128 << 2;
}

void TestRougeScore::bitParallelLcs()
{
    QFETCH(int, m);
    QFETCH(int, n);
    QFETCH(int, alphabet);
    std::mt19937 rng(std::uint32_t(m * 1000 + n));
    LcsPattern pattern;
    for (int trial = 0; trial < 50; ++trial) {
        std::vector<std::uint32_t> a(static_cast<std::size_t>(m)), b(static_cast<std::size_t>(n));
        for (auto &x : a)
            x = rng() % std::uint32_t(alphabet) * 7;   // sparse ids
        for (auto &x : b)
            x = rng() % std::uint32_t(alphabet + 2) * 7;
        pattern.assign(a);                            // reuse: earlier patterns must be cleared
        QCOMPARE(pattern.lcs(b), dpLcs(a, b));
        QCOMPARE(lcsLength(b, a), dpLcs(a, b));
        const auto pairs = lcsPairs(a, b);
        QCOMPARE(std::uint32_t(pairs.size()), dpLcs(a, b));
        for (std::size_t k = 0; k < pairs.size(); ++k) {
            QCOMPARE(a[pairs[k].first], b[pairs[k].second]);
            if (k > 0)
                QVERIFY(pairs[k].first > pairs[k - 1].first && pairs[k].second > pairs[k - 1].second);
        }
    }
}

void TestRougeScore::alignment()
{
    const std::string a = "The quick brown fox jumps over the lazy dog";
    const std::string b = "The quick brown dog jumps on the log.";
    const LcsAlignment al = alignLcs(a, b);
    // rouge_score's lcs_ind(ref, can) picks the indices 0 1 2 4 6 of ref here.
    std::vector<std::uint32_t> aIdx;
    for (const AlignedPair &p : al.pairs) {
        aIdx.push_back(p.aToken);
        QCOMPARE(a.substr(p.aBegin, p.aEnd - p.aBegin).size(), b.substr(p.bBegin, p.bEnd - p.bBegin).size());
    }
    QCOMPARE(aIdx, (std::vector<std::uint32_t>{0, 1, 2, 4, 6}));
    QCOMPARE(al.score.lcs, 5u);
    QCOMPARE(al.pairs[3].aBegin, 20u);   // "jumps"
    QCOMPARE(al.pairs[3].bBegin, 20u);
    QVERIFY(sameDouble(al.score.fmeasure, rougeL(a, b).fmeasure));

    // Against the fixture: alignment length = rouge_score's LCS, tokens equal.
    const auto rows = rougetest::readJsonl(rougetest::testData("rouge_pairs.jsonl"));
    for (std::size_t i = 0; i < rows.size(); i += 7) {
        const std::string ta = rows[i]["a"].get<std::string>(), tb = rows[i]["b"].get<std::string>();
        const LcsAlignment x = alignLcs(ta, tb);
        QCOMPARE(x.pairs.size(), std::size_t(rows[i]["rouge_lcs"].get<std::uint32_t>()));
        for (const AlignedPair &p : x.pairs)
            QCOMPARE(x.aTokens[p.aToken].text, x.bTokens[p.bToken].text);
    }
}

void TestRougeScore::threshold_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("compare");
    QTest::addColumn<uint>("lcs");
    QTest::addColumn<uint>("m");
    QTest::addColumn<uint>("n");
    QTest::addColumn<bool>("rejects");
    // F(7, 7, 13) is exactly 0.7; rouge_score's double gives 0.7000000000000001.
    QTest::newRow("tie exact keeps") << "0.7" << "exact" << 7u << 7u << 13u << false;
    QTest::newRow("tie rouge_score rejects") << "0.7" << "rouge_score" << 7u << 7u << 13u << true;
    QTest::newRow("tie 10/10 exact") << "0.7" << "exact" << 7u << 10u << 10u << false;
    QTest::newRow("above") << "0.7" << "exact" << 8u << 10u << 10u << true;
    QTest::newRow("below") << "0.7" << "rouge_score" << 6u << 10u << 10u << false;
    QTest::newRow("empty side") << "0" << "exact" << 0u << 0u << 5u << false;
    QTest::newRow("zero threshold") << "0" << "exact" << 1u << 50u << 50u << true;
    QTest::newRow("one never") << "1" << "exact" << 5u << 5u << 5u << false;
    QTest::newRow("0.8 tie rouge_score") << "0.8" << "rouge_score" << 4u << 5u << 5u << true;
    QTest::newRow("0.8 tie exact") << "0.8" << "exact" << 4u << 5u << 5u << false;
}

void TestRougeScore::threshold()
{
    QFETCH(QString, text);
    QFETCH(QString, compare);
    QFETCH(uint, lcs);
    QFETCH(uint, m);
    QFETCH(uint, n);
    QFETCH(bool, rejects);
    ThresholdCompare c;
    QVERIFY(compareFromName(compare.toStdString(), c));
    const Threshold t = Threshold::fromString(text.toStdString(), c);
    QCOMPARE(t.rejects(lcs, m, n), rejects);
    // minLcs is the boundary of rejects for every LCS.
    for (std::uint32_t mm = 1; mm < 40; ++mm)
        for (std::uint32_t nn = 1; nn < 40; ++nn) {
            const std::uint32_t need = t.minLcs(mm, nn);
            for (std::uint32_t l = 0; l <= std::min(mm, nn); ++l)
                QCOMPARE(t.rejects(l, mm, nn), l >= need);
        }
}

void TestRougeScore::thresholdParsing()
{
    QCOMPARE(Threshold::fromString("0.7").numerator(), 7ull);
    QCOMPARE(Threshold::fromString("0.70").denominator(), 10ull);
    QCOMPARE(Threshold::fromString(".25").denominator(), 4ull);
    QCOMPARE(Threshold::fromDouble(0.7).numerator(), 7ull);
    QCOMPARE(Threshold::fromDouble(0.7).denominator(), 10ull);
    for (const char *badText : {"", "x", "1.5", "-0.1", "0.7.1", "0,7", "2", "0.1234567890123456789"})
        QVERIFY_THROWS_EXCEPTION(sft::Error, Threshold::fromString(badText));
}

SFT_REALDATA_GUILESS_MAIN(TestRougeScore, "alpaca_en_52k.json", "alpaca_zh_52k.json")
#include "test_rouge_score.moc"
