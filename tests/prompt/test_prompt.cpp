// Prompt-learning pieces: template rendering against golden cases
// (data/templates.json: CJK, multi-token answers, named slots, literal
// brackets, errors), verbalizer aggregation and contextual calibration
// against values computed by hand.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

#include "core/error.h"
#include "prompt/calibration.h"
#include "prompt/template.h"
#include "prompt/verbalizer.h"

using namespace sft::prompt;

class TestPrompt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void render_data()
    {
        QTest::addColumn<QJsonObject>("row");
        QFile f(QStringLiteral(SFT_TEST_DATA_DIR "/templates.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray rows = QJsonDocument::fromJson(f.readAll()).array();
        QVERIFY(rows.size() >= 10);
        for (const auto &r : rows)
            QTest::newRow(r.toObject().value(QStringLiteral("name")).toString().toUtf8().constData()) << r.toObject();
    }
    void render()
    {
        QFETCH(QJsonObject, row);
        auto str = [&](const char *key) { return row.value(QLatin1String(key)).toString().toStdString(); };
        std::map<std::string, std::string> fields;
        const QJsonObject f = row.value(QStringLiteral("fields")).toObject();
        for (auto it = f.begin(); it != f.end(); ++it)
            fields[it.key().toStdString()] = it.value().toString().toStdString();
        try {
            const Template t = Template::parse(str("template"));
            const Template::Filled filled = t.fill(str("input"), str("answer"), fields);
            QVERIFY2(!row.contains(QStringLiteral("error")), "expected an error");
            QCOMPARE(QString::fromStdString(filled.prefix), row.value(QStringLiteral("prefix")).toString());
            QCOMPARE(QString::fromStdString(filled.suffix), row.value(QStringLiteral("suffix")).toString());
            if (t.hasAnswerSlot())
                QCOMPARE(filled.text(), filled.prefix + str("answer") + filled.suffix);
        } catch (const sft::Error &e) {
            QVERIFY2(row.contains(QStringLiteral("error")), e.what());
            QVERIFY2(QString::fromUtf8(e.what()).contains(row.value(QStringLiteral("error")).toString()), e.what());
        }
    }

    void templateSlots()
    {
        const Template t = Template::parse("[premise] [X] [Z] [premise] [hyp]");
        QVERIFY(t.hasInputSlot());
        QVERIFY(t.hasAnswerSlot());
        QCOMPARE(t.fieldSlots(), (std::vector<std::string>{"premise", "hyp"}));
    }

    void verbalizer()
    {
        const Verbalizer v({{"正面", {"太好了", "好"}}, {"中立", {"一般"}}, {"负面", {"不好", "糟糕"}}});
        QCOMPARE(v.answers(), (std::vector<std::string>{"太好了", "好", "一般", "不好", "糟糕"}));
        QCOMPARE(v.labelOf("糟糕"), 2);
        QCOMPARE(v.labelOf("meh"), -1);
        const std::vector<double> scores{-1.0, -2.0, -0.5, -3.0, -4.0};
        QCOMPARE(v.labelScores(scores, LabelAggregation::Max), (std::vector<double>{-1.0, -0.5, -3.0}));
        QCOMPARE(v.labelScores(scores, LabelAggregation::Mean), (std::vector<double>{-1.5, -0.5, -3.5}));
        const auto sum = v.labelScores(scores, LabelAggregation::SumProb);
        // log(e^-1 + e^-2) = -0.686738..., log(e^-3 + e^-4) = -2.686738...
        QVERIFY(std::abs(sum[0] - (-0.6867383124818)) < 1e-12);
        QCOMPARE(sum[1], -0.5);
        QVERIFY(std::abs(sum[2] - (-2.6867383124818)) < 1e-12);
        QVERIFY_THROWS_EXCEPTION(sft::Error, v.labelScores({-1.0, -2.0}));
    }

    void verbalizerErrors()
    {
        QVERIFY_THROWS_EXCEPTION(sft::Error, Verbalizer(std::vector<Verbalizer::Label>{}));
        using Labels = std::vector<Verbalizer::Label>;
        QVERIFY_THROWS_EXCEPTION(sft::Error, Verbalizer(Labels{{"a", {}}}));
        QVERIFY_THROWS_EXCEPTION(sft::Error, Verbalizer(Labels{{"", {"x"}}}));
        QVERIFY_THROWS_EXCEPTION(sft::Error, Verbalizer(Labels{{"a", {"x"}}, {"b", {"x"}}}));
    }

    void softmaxSums()
    {
        const auto p = softmax({std::log(1.0), std::log(3.0)});
        QVERIFY(std::abs(p[0] - 0.25) < 1e-15);
        QVERIFY(std::abs(p[1] - 0.75) < 1e-15);
        // Large magnitudes do not overflow.
        const auto q = softmax({-1000.0, -1001.0});
        QVERIFY(std::abs(q[0] + q[1] - 1.0) < 1e-15);
    }

    void calibration()
    {
        // p_cf = mean of the content-free vectors = (0.6, 0.2, 0.2).
        const auto c = ContextualCalibration::fromContentFree({{0.7, 0.2, 0.1}, {0.5, 0.3, 0.2}, {0.6, 0.1, 0.3}});
        QVERIFY(std::abs(c.prior()[0] - 0.6) < 1e-15);
        QVERIFY(std::abs(c.prior()[1] - 0.2) < 1e-15);
        // p = (0.5, 0.3, 0.2): p / p_cf = (5/6, 3/2, 1), sum 10/3 -> (0.25, 0.45, 0.30).
        const auto q = c.apply({0.5, 0.3, 0.2});
        QVERIFY(std::abs(q[0] - 0.25) < 1e-12);
        QVERIFY(std::abs(q[1] - 0.45) < 1e-12);
        QVERIFY(std::abs(q[2] - 0.30) < 1e-12);
        // The uncalibrated argmax (label 0) flips to label 1.
        QVERIFY(q[1] > q[0]);
        // Identity calibration leaves probabilities alone.
        const auto id = ContextualCalibration::identity(3).apply({0.5, 0.3, 0.2});
        QVERIFY(std::abs(id[0] - 0.5) < 1e-15);
        QVERIFY_THROWS_EXCEPTION(sft::Error, c.apply({0.5, 0.5}));
        QVERIFY_THROWS_EXCEPTION(sft::Error, ContextualCalibration::fromContentFree({}));
        QCOMPARE(contentFreeInputs().size(), std::size_t(3));
    }
};

QTEST_GUILESS_MAIN(TestPrompt)
#include "test_prompt.moc"
