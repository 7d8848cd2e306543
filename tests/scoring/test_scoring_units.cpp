// The model-free parts of answer search and ICL: metrics against values
// computed by hand, the spread over orders, seeded demo selection
// (determinism, ranges), ROUGE-L nearest neighbours on hand-made pools, ICL
// prompt assembly against golden strings (CJK, multi-token answers, named
// slots) and the example / answers readers with their error locations.

#include <QtTest>

#include "core/error.h"
#include "prompt/calibration.h"
#include "scoring/demo_selection.h"
#include "scoring/icl_prompt.h"
#include "scoring/metrics.h"
#include "scoring/scoring_data.h"

#include <cmath>
#include <set>

using namespace sft::scoring;
using sft::prompt::Verbalizer;

Q_DECLARE_METATYPE(std::vector<int>)
Q_DECLARE_METATYPE(std::vector<std::size_t>)

namespace {

Verbalizer sentiment()
{
    return Verbalizer({{"正面", {"太好了", "好"}}, {"中立", {"一般"}}, {"负面", {"不好", "糟糕"}}});
}

Example ex(const std::string &text, int gold, std::map<std::string, std::string> fields = {})
{
    Example e;
    e.text = text;
    e.gold = gold;
    e.fields = std::move(fields);
    return e;
}

} // namespace

class TestScoringUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void metrics_data()
    {
        QTest::addColumn<std::vector<int>>("gold");
        QTest::addColumn<std::vector<int>>("pred");
        QTest::addColumn<int>("labels");
        QTest::addColumn<double>("accuracy");
        QTest::addColumn<double>("macroF1");
        QTest::addColumn<QString>("confusion");
        // 3 labels. gold 0,0,1,1,2,2 pred 0,1,1,1,2,0:
        // label 0: TP 1, gold 2, pred 2 -> F1 = 2/4 = 0.5; label 1: TP 2, gold 2, pred 3 -> 4/5 = 0.8;
        // label 2: TP 1, gold 2, pred 1 -> 2/3. macro = (0.5 + 0.8 + 2/3) / 3.
        QTest::newRow("three labels") << std::vector<int>{0, 0, 1, 1, 2, 2} << std::vector<int>{0, 1, 1, 1, 2, 0} << 3
                                      << 4.0 / 6.0 << (0.5 + 0.8 + 2.0 / 3.0) / 3.0
                                      << QStringLiteral("1 1 0;0 2 0;1 0 1");
        // Label 2 is never gold nor predicted: left out of the macro average (scikit-learn's labels=None).
        QTest::newRow("absent label") << std::vector<int>{0, 1, 1, 0} << std::vector<int>{0, 1, 0, 0} << 3 << 0.75
                                      << (0.8 + 2.0 / 3.0) / 2.0 << QStringLiteral("2 0 0;1 1 0;0 0 0");
        // Examples without a gold label (-1) are left out.
        QTest::newRow("no gold rows") << std::vector<int>{-1, 1, -1, 0} << std::vector<int>{0, 1, 1, 1} << 2 << 0.5
                                      << (0.0 + 2.0 / 3.0) / 2.0 << QStringLiteral("0 1;0 1");
        QTest::newRow("all right") << std::vector<int>{1, 1, 0} << std::vector<int>{1, 1, 0} << 2 << 1.0 << 1.0
                                   << QStringLiteral("1 0;0 2");
    }
    void metrics()
    {
        QFETCH(std::vector<int>, gold);
        QFETCH(std::vector<int>, pred);
        QFETCH(int, labels);
        QFETCH(double, accuracy);
        QFETCH(double, macroF1);
        QFETCH(QString, confusion);
        const ClassificationMetrics m = classificationMetrics(gold, pred, std::size_t(labels));
        QVERIFY(m.accuracy && m.macroF1);
        QVERIFY(std::abs(*m.accuracy - accuracy) < 1e-12);
        QVERIFY2(std::abs(*m.macroF1 - macroF1) < 1e-12, qPrintable(QString::number(*m.macroF1)));
        QStringList rows;
        for (const auto &r : m.confusion) {
            QStringList cells;
            for (std::size_t c : r)
                cells << QString::number(c);
            rows << cells.join(QLatin1Char(' '));
        }
        QCOMPARE(rows.join(QLatin1Char(';')), confusion);
    }

    void metricsEdgeCases()
    {
        const ClassificationMetrics none = classificationMetrics({-1, -1}, {0, 1}, 2);
        QCOMPARE(none.count, std::size_t(0));
        QVERIFY(!none.accuracy && !none.macroF1);
        QVERIFY_THROWS_EXCEPTION(sft::Error, classificationMetrics({0, 3}, {0, 0}, 2));
        QVERIFY_THROWS_EXCEPTION(sft::Error, classificationMetrics({0}, {0, 1}, 2));
    }

    void spreadValues()
    {
        // 0.5, 0.75, 1.0: mean 0.75, population variance (0.0625 + 0 + 0.0625) / 3.
        const Spread s = spread({0.5, 0.75, 1.0});
        QCOMPARE(s.count, std::size_t(3));
        QCOMPARE(s.mean, 0.75);
        QCOMPARE(s.min, 0.5);
        QCOMPARE(s.max, 1.0);
        QVERIFY(std::abs(s.std - std::sqrt(0.125 / 3.0)) < 1e-15);
        QCOMPARE(spread({}).count, std::size_t(0));
    }

    void calibrationWithTinyPriors()
    {
        // Priors far below 1 divide exactly: q = normalise(p / p_cf) by hand.
        const auto c = sft::prompt::ContextualCalibration::fromContentFree({{1.0 - 3e-13, 1e-13, 2e-13}});
        const std::vector<double> p = {0.5, 0.5 - 4e-13, 4e-13};
        const double r0 = p[0] / c.prior()[0], r1 = p[1] / c.prior()[1], r2 = p[2] / c.prior()[2];
        const auto q = c.apply(p);
        QVERIFY(std::abs(q[1] - r1 / (r0 + r1 + r2)) < 1e-12);
        QVERIFY(std::abs(q[2] - r2 / (r0 + r1 + r2)) < 1e-12);
        // A prior of exactly 0 stays finite.
        const auto z = sft::prompt::ContextualCalibration::fromContentFree({{1.0, 0.0}}).apply({0.5, 0.5});
        QVERIFY(std::isfinite(z[0]) && std::isfinite(z[1]) && z[1] > 0.99);
    }

    void randomSelectionIsSeeded()
    {
        const auto a = randomDemos(20, 5, 42), b = randomDemos(20, 5, 42), c = randomDemos(20, 5, 43);
        QCOMPARE(a, b);
        QVERIFY(a != c);
        QCOMPARE(std::set<std::size_t>(a.begin(), a.end()).size(), std::size_t(5));
        for (std::size_t i : a)
            QVERIFY(i < 20);
        const auto all = randomDemos(6, 6, 7);
        QCOMPARE(std::set<std::size_t>(all.begin(), all.end()).size(), std::size_t(6));
        QVERIFY_THROWS_EXCEPTION(sft::Error, randomDemos(3, 4, 0));
        // Permutations: same seed same order, a permutation of the input, different seeds differ somewhere.
        const std::vector<std::size_t> items = {3, 1, 4, 15, 9, 2, 6};
        const auto p1 = permuted(items, 5), p2 = permuted(items, 5);
        QCOMPARE(p1, p2);
        QCOMPARE(std::multiset<std::size_t>(p1.begin(), p1.end()), std::multiset<std::size_t>(items.begin(), items.end()));
        bool differs = false;
        for (std::uint64_t s = 6; s < 12 && !differs; ++s)
            differs = permuted(items, s) != p1;
        QVERIFY(differs);
        QVERIFY(deriveSeed(1, 2, 3) != deriveSeed(1, 3, 2));
        // Every index reachable: a fair sampler picks each of 10 items within 500 draws of 1.
        std::set<std::size_t> seen;
        for (std::uint64_t s = 0; s < 500; ++s)
            seen.insert(randomDemos(10, 1, s).front());
        QCOMPARE(seen.size(), std::size_t(10));
    }

    void manualAndIndexLists()
    {
        QCOMPARE(parseIndexList("0,3, 5", "k"), (std::vector<std::size_t>{0, 3, 5}));
        QCOMPARE(parseIndexList("7", "k"), (std::vector<std::size_t>{7}));
        QVERIFY_THROWS_EXCEPTION(sft::Error, parseIndexList("1,,2", "k"));
        QVERIFY_THROWS_EXCEPTION(sft::Error, parseIndexList("-1", "k"));
        QVERIFY_THROWS_EXCEPTION(sft::Error, parseIndexList("", "k"));
        QCOMPARE(manualDemos({2, 0}, 3), (std::vector<std::size_t>{2, 0}));
        try {
            manualDemos({3}, 3);
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QCOMPARE(QString::fromStdString(e.where().field), QStringLiteral("demo-indices"));
        }
    }

    void rougeNeighbours_data()
    {
        QTest::addColumn<QStringList>("pool");
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("k");
        QTest::addColumn<std::vector<std::size_t>>("expected");
        // ROUGE-L F by hand (cjk tokenizer: one token per ideograph):
        // query 今天天气很好 (6 chars). 今天天气不错: LCS 4 -> F 4/6; 天气很好: LCS 4, P 1, R 4/6 -> F 0.8;
        // 我很难过: LCS 1 (很) -> F 2*(1/4)(1/6)/(1/4+1/6) = 0.2; 电影好看: LCS 1 (好) -> 0.2.
        QTest::newRow("cjk") << QStringList{QStringLiteral("今天天气不错"), QStringLiteral("我很难过"),
                                            QStringLiteral("天气很好"), QStringLiteral("电影好看")}
                             << QStringLiteral("今天天气很好") << 2 << std::vector<std::size_t>{0, 2};
        // Ties (F 0.2 for items 1 and 3) go to the lower index; order is least to most similar.
        QTest::newRow("cjk ties") << QStringList{QStringLiteral("今天天气不错"), QStringLiteral("我很难过"),
                                                 QStringLiteral("天气很好"), QStringLiteral("电影好看")}
                                  << QStringLiteral("今天天气很好") << 3 << std::vector<std::size_t>{1, 0, 2};
        QTest::newRow("english") << QStringList{QStringLiteral("the movie was great"),
                                                QStringLiteral("a terrible plot"), QStringLiteral("great acting overall"),
                                                QStringLiteral("the movie was terrible")}
                                 << QStringLiteral("the movie was great fun") << 1 << std::vector<std::size_t>{0};
        QTest::newRow("k0") << QStringList{QStringLiteral("a")} << QStringLiteral("a") << 0 << std::vector<std::size_t>{};
    }
    void rougeNeighbours()
    {
        QFETCH(QStringList, pool);
        QFETCH(QString, query);
        QFETCH(int, k);
        QFETCH(std::vector<std::size_t>, expected);
        std::vector<std::string> p;
        for (const QString &s : pool)
            p.push_back(s.toStdString());
        QCOMPARE(sft::scoring::rougeNeighbours(p, query.toStdString(), std::size_t(k)), expected);
    }

    void iclPrompt_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("separator");
        QTest::addColumn<int>("demos");
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("suffix");
        QTest::newRow("default k2") << QString() << QStringLiteral("Input: [X]\nOutput: [Z]") << QStringLiteral("\n\n") << 2
                                    << QStringLiteral("Input: 这部电影太棒了\nOutput: 太好了\n\nInput: 剧情很无聊\nOutput: 不好\n\n"
                                                      "Input: 服务一般般\nOutput: ")
                                    << QString();
        QTest::newRow("k0 no header") << QString() << QStringLiteral("Input: [X]\nOutput: [Z]") << QStringLiteral("\n\n") << 0
                                      << QStringLiteral("Input: 服务一般般\nOutput: ") << QString();
        QTest::newRow("header k1") << QStringLiteral("判断情感。") << QStringLiteral("[X] 我感到 [Z]。") << QStringLiteral("\n")
                                   << 1 << QStringLiteral("判断情感。\n这部电影太棒了 我感到 太好了。\n服务一般般 我感到 ")
                                   << QStringLiteral("。");
        QTest::newRow("header k0") << QStringLiteral("Classify.") << QStringLiteral("Q: [X] A: [Z]") << QStringLiteral(" | ") << 0
                                   << QStringLiteral("Classify. | Q: 服务一般般 A: ") << QString();
        QTest::newRow("named slot") << QString() << QStringLiteral("[topic]: [X] => [Z]") << QStringLiteral("\n") << 2
                                    << QStringLiteral("电影: 这部电影太棒了 => 太好了\n电影: 剧情很无聊 => 不好\n餐厅: 服务一般般 => ")
                                    << QString();
    }
    void iclPrompt()
    {
        QFETCH(QString, header);
        QFETCH(QString, format);
        QFETCH(QString, separator);
        QFETCH(int, demos);
        QFETCH(QString, prefix);
        QFETCH(QString, suffix);
        const Verbalizer v = sentiment();
        const std::vector<Example> pool = {ex("这部电影太棒了", 0, {{"topic", "电影"}}),
                                           ex("剧情很无聊", 2, {{"topic", "电影"}})};
        const Example test = ex("服务一般般", 1, {{"topic", "餐厅"}});
        const IclPromptBuilder b({header.toStdString(), format.toStdString(), separator.toStdString()}, v);
        std::vector<const Example *> shown;
        for (int i = 0; i < demos; ++i)
            shown.push_back(&pool[std::size_t(i)]);
        const auto f = b.build(shown, test);
        QCOMPARE(QString::fromStdString(f.prefix), prefix);
        QCOMPARE(QString::fromStdString(f.suffix), suffix);
    }

    void iclPromptDemoAnswers()
    {
        const Verbalizer v({{"positive", {"great movie", "good"}}, {"negative", {"bad"}}});
        const IclPromptBuilder b({}, v);
        Example withOutput = ex("x", -1);
        withOutput.output = "free text answer";
        QCOMPARE(b.demoAnswer(ex("x", 0)), std::string("great movie")); // multi-token: the first answer
        QCOMPARE(b.demoAnswer(withOutput), std::string("free text answer"));
        QVERIFY_THROWS_EXCEPTION(sft::Error, b.demoAnswer(ex("x", -1)));
        // Content-free prompt: the demos stay, the test input becomes N/A.
        const Example demo = ex("fun", 0);
        const auto cf = b.buildContentFree({&demo}, "N/A");
        QCOMPARE(cf.prefix, std::string("Input: fun\nOutput: great movie\n\nInput: N/A\nOutput: "));
        QVERIFY_THROWS_EXCEPTION(sft::Error, IclPromptBuilder({"", "Input: [X]", "\n"}, v));
    }

    void readers()
    {
        const Verbalizer v = parseVerbalizer(
            R"({"labels": [{"name": "正面", "answers": ["太好了", "好"]}, {"name": "Negative", "answers": ["糟糕"]}]})",
            "answers.json");
        QCOMPARE(v.labels().size(), std::size_t(2));
        const auto rows = parseExamples("{\"text\": \"a\", \"label\": \"正面\", \"topic\": \"t\"}\n\n"
                                        "{\"text\": \"b\", \"label\": \"糟糕\"}\n"
                                        "{\"text\": \"c\", \"label\": \" negative \", \"n\": 3}\n"
                                        "{\"text\": \"d\"}\n",
                                        "in.jsonl", v);
        QCOMPARE(rows.size(), std::size_t(4));
        QCOMPARE(rows[0].gold, 0);
        QCOMPARE(rows[0].fields.at("topic"), std::string("t"));
        QCOMPARE(rows[1].gold, 1); // an answer maps to its label
        QCOMPARE(rows[1].line, std::int64_t(3));
        QCOMPARE(rows[2].gold, 1); // case-insensitive, trimmed name
        QCOMPARE(rows[2].fields.at("n"), std::string("3"));
        QCOMPARE(rows[3].gold, -1);
        // Alpaca records: text = instruction + "\n" + input, gold from output.
        const auto alpaca = parseExamples(
            R"([{"instruction": "判断情感", "input": "很好看", "output": "正面"}, {"instruction": "i", "input": "", "output": "Negative"}])",
            "a.json", v);
        QCOMPARE(alpaca[0].text, std::string("判断情感\n很好看"));
        QCOMPARE(alpaca[0].gold, 0);
        QCOMPARE(alpaca[1].text, std::string("i"));
        QCOMPARE(alpaca[1].gold, 1);
    }

    void readerErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bad json line") << QStringLiteral("{\"text\": \"a\"}\n{oops\n") << QStringLiteral("in.jsonl:2:2: record 2: invalid JSON: syntax error");
        QTest::newRow("number overflow") << QStringLiteral("{\"text\": \"a\"}\n{\"text\": 1e999}\n")
                                         << QStringLiteral("in.jsonl:2: record 2: invalid JSON: number overflow");
        QTest::newRow("unknown label") << QStringLiteral("{\"text\": \"a\"}\n{\"text\": \"b\", \"label\": \"x\"}")
                                       << QStringLiteral("in.jsonl:2: record 2, field \"label\"");
        QTest::newRow("missing text") << QStringLiteral("{\"label\": \"好\"}") << QStringLiteral("in.jsonl:1: record 1, field \"text\"");
        QTest::newRow("text not string") << QStringLiteral("{\"text\": [1]}") << QStringLiteral("field \"text\"");
        QTest::newRow("not object") << QStringLiteral("[1]") << QStringLiteral("in.jsonl: record 1");
    }
    void readerErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        try {
            parseExamples(text.toStdString(), "in.jsonl", sentiment());
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        }
    }

    void verbalizerErrors()
    {
        QVERIFY_THROWS_EXCEPTION(sft::Error, parseVerbalizer("{\"labels\": 3}", "a.json"));
        QVERIFY_THROWS_EXCEPTION(sft::Error, parseVerbalizer("{\"labels\": [{\"name\": \"x\", \"answers\": [1]}]}", "a.json"));
        try {
            parseVerbalizer("{\"labels\": [{\"name\": \"x\", \"answers\": [\"a\"]}, {\"name\": \"y\", \"answers\": [\"a\"]}]}",
                            "a.json");
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("a.json")), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestScoringUnits)
#include "test_scoring_units.moc"
