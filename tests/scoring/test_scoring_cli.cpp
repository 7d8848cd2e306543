// sftbench-cli score / icl as the GUI runs them: every output line parses as
// JSON and carries the documented keys; predictions, accuracy, confusion and
// the per-k spread agree with the per-example and per-run lines; bad input
// fails with the file, line and field.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

namespace {

struct Run
{
    int exitCode = -1;
    QList<QJsonObject> lines;
    QString err;
};

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(SFT_BINARY_DIR "/app/sftbench-cli"), args);
    Run r;
    if (!p.waitForFinished(240000))
        return r;
    r.exitCode = p.exitCode();
    r.err = QString::fromUtf8(p.readAllStandardError());
    const bool jsonLines = args.value(0) != QLatin1String("init-model"); // init-model prints a sentence
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        if (line.trimmed().isEmpty() || !jsonLines)
            continue;
        QJsonParseError e;
        const QJsonDocument d = QJsonDocument::fromJson(line, &e);
        if (e.error != QJsonParseError::NoError || !d.isObject())
            qFatal("not a JSON object line: %s", line.constData());
        r.lines << d.object();
    }
    return r;
}

void write(const QString &path, const QByteArray &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

bool hasKeys(const QJsonObject &o, const QStringList &keys)
{
    for (const QString &k : keys)
        if (!o.contains(k))
            return false;
    return true;
}

} // namespace

class TestScoringCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString path(const QString &name) const { return m_tmp.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(QStringLiteral(SFT_BINARY_DIR "/app/sftbench-cli")))
            QSKIP("sftbench-cli is not built");
        const Run init = cli({QStringLiteral("init-model"), QStringLiteral("--preset"), QStringLiteral("tiny"),
                              QStringLiteral("--out"), path(QStringLiteral("tiny"))});
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));
        write(path(QStringLiteral("answers.json")),
              R"({"labels": [{"name": "正面", "answers": ["太好了", "好"]}, {"name": "负面", "answers": ["不好", "糟糕"]}]})");
        write(path(QStringLiteral("input.jsonl")),
              "{\"text\": \"这部电影太好看了\", \"label\": \"正面\"}\n"
              "{\"text\": \"剧情拖沓无聊\", \"label\": \"负面\"}\n"
              "{\"text\": \"演员很用心\", \"label\": \"好\"}\n"
              "{\"text\": \"没有标签的一条\"}\n");
        write(path(QStringLiteral("demos.jsonl")),
              "{\"text\": \"很精彩\", \"label\": \"正面\"}\n{\"text\": \"浪费时间\", \"label\": \"负面\"}\n"
              "{\"text\": \"值得一看\", \"label\": \"正面\"}\n");
        write(path(QStringLiteral("bad.jsonl")), "{\"text\": \"a\", \"label\": \"正面\"}\n{\"text\": \"b\", \"label\": \"中立\"}\n");
    }

    void score_data()
    {
        QTest::addColumn<bool>("calibrate");
        QTest::newRow("raw") << false;
        QTest::newRow("calibrated") << true;
    }
    void score()
    {
        QFETCH(bool, calibrate);
        QStringList args = {QStringLiteral("score"), QStringLiteral("--model"), path(QStringLiteral("tiny")),
                            QStringLiteral("--template"), QStringLiteral("[X]\\n我感到[Z]。"),
                            QStringLiteral("--answers"), path(QStringLiteral("answers.json")),
                            QStringLiteral("--input"), path(QStringLiteral("input.jsonl")),
                            QStringLiteral("--normalize"), QStringLiteral("mean")};
        if (calibrate)
            args << QStringLiteral("--calibrate");
        const Run r = cli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.lines.size(), 4 + 1 + (calibrate ? 1 : 0));
        int at = 0;
        if (calibrate) {
            const QJsonObject c = r.lines[at++].value(QStringLiteral("calibration")).toObject();
            QCOMPARE(c.value(QStringLiteral("labels")).toArray().size(), 2);
            const QJsonArray prior = c.value(QStringLiteral("prior")).toArray();
            QCOMPARE(prior.size(), 2);
            QVERIFY(std::abs(prior[0].toDouble() + prior[1].toDouble() - 1.0) < 1e-9);
        }
        int withGold = 0, correct = 0;
        for (int i = 0; i < 4; ++i) {
            const QJsonObject o = r.lines[at++];
            QVERIFY(hasKeys(o, {QStringLiteral("index"), QStringLiteral("text"), QStringLiteral("answers"),
                                QStringLiteral("labels"), QStringLiteral("predicted"), QStringLiteral("gold"),
                                QStringLiteral("correct")}));
            QCOMPARE(o.value(QStringLiteral("index")).toInt(), i);
            const QJsonArray answers = o.value(QStringLiteral("answers")).toArray();
            QCOMPARE(answers.size(), 4);
            for (const auto &a : answers) {
                const QJsonObject ao = a.toObject();
                QVERIFY(hasKeys(ao, {QStringLiteral("answer"), QStringLiteral("logprob"), QStringLiteral("tokens"),
                                     QStringLiteral("score")}));
                QVERIFY(ao.value(QStringLiteral("logprob")).toDouble() < 0);
                // --normalize mean: score = logprob / tokens.
                QVERIFY(std::abs(ao.value(QStringLiteral("score")).toDouble()
                                 - ao.value(QStringLiteral("logprob")).toDouble() / ao.value(QStringLiteral("tokens")).toDouble())
                        < 1e-9);
            }
            const QJsonArray labels = o.value(QStringLiteral("labels")).toArray();
            QCOMPARE(labels.size(), 2);
            double best = -1, sum = 0;
            QString bestLabel;
            for (const auto &l : labels) {
                const QJsonObject lo = l.toObject();
                QVERIFY(hasKeys(lo, {QStringLiteral("label"), QStringLiteral("score"), QStringLiteral("prob")}));
                QCOMPARE(lo.contains(QStringLiteral("raw_prob")), calibrate);
                const double p = lo.value(QStringLiteral("prob")).toDouble();
                sum += p;
                if (p > best) {
                    best = p;
                    bestLabel = lo.value(QStringLiteral("label")).toString();
                }
            }
            QVERIFY(std::abs(sum - 1.0) < 1e-9);
            QCOMPARE(o.value(QStringLiteral("predicted")).toString(), bestLabel);
            if (i == 3) {
                QVERIFY(o.value(QStringLiteral("gold")).isNull());
                QVERIFY(o.value(QStringLiteral("correct")).isNull());
            } else {
                const QString gold = o.value(QStringLiteral("gold")).toString();
                QCOMPARE(gold, i == 1 ? QStringLiteral("负面") : QStringLiteral("正面")); // "好" maps to 正面
                QCOMPARE(o.value(QStringLiteral("correct")).toBool(), gold == bestLabel);
                ++withGold;
                correct += gold == bestLabel;
            }
        }
        const QJsonObject s = r.lines[at].value(QStringLiteral("summary")).toObject();
        QVERIFY(hasKeys(s, {QStringLiteral("count"), QStringLiteral("labels"), QStringLiteral("accuracy"),
                            QStringLiteral("macro_f1"), QStringLiteral("confusion"), QStringLiteral("seconds")}));
        QCOMPARE(s.value(QStringLiteral("count")).toInt(), 4);
        QCOMPARE(s.value(QStringLiteral("accuracy")).toDouble(), double(correct) / withGold);
        int total = 0;
        for (const auto &row : s.value(QStringLiteral("confusion")).toArray())
            for (const auto &cell : row.toArray())
                total += cell.toInt();
        QCOMPARE(total, withGold);
    }

    void icl()
    {
        const Run r = cli({QStringLiteral("icl"), QStringLiteral("--model"), path(QStringLiteral("tiny")),
                           QStringLiteral("--demos"), path(QStringLiteral("demos.jsonl")), QStringLiteral("--test"),
                           path(QStringLiteral("input.jsonl")), QStringLiteral("--answers"),
                           path(QStringLiteral("answers.json")), QStringLiteral("--k"), QStringLiteral("0,1,2"),
                           QStringLiteral("--orders"), QStringLiteral("2"), QStringLiteral("--seed"), QStringLiteral("3"),
                           QStringLiteral("--details"), QStringLiteral("--calibrate")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QList<QJsonObject> runs, perK, details;
        QJsonObject summary;
        for (const QJsonObject &o : r.lines) {
            if (o.contains(QStringLiteral("summary")))
                summary = o.value(QStringLiteral("summary")).toObject();
            else if (o.contains(QStringLiteral("index")))
                details << o;
            else if (o.contains(QStringLiteral("mean")))
                perK << o;
            else
                runs << o;
        }
        QCOMPARE(runs.size(), 1 + 2 + 2);
        QCOMPARE(perK.size(), 3);
        QCOMPARE(details.size(), runs.size() * 4);
        for (const QJsonObject &d : details)
            QVERIFY(hasKeys(d, {QStringLiteral("k"), QStringLiteral("order"), QStringLiteral("labels"),
                                QStringLiteral("predicted"), QStringLiteral("answers")}));
        for (const QJsonObject &run : runs) {
            QVERIFY(hasKeys(run, {QStringLiteral("k"), QStringLiteral("order"), QStringLiteral("demos"),
                                  QStringLiteral("accuracy"), QStringLiteral("prompt_tokens_max")}));
            QCOMPARE(run.value(QStringLiteral("demos")).toArray().size(), run.value(QStringLiteral("k")).toInt());
            // The run's accuracy from its detail lines (3 of 4 test lines have a gold label).
            int correct = 0;
            for (const QJsonObject &d : details)
                if (d.value(QStringLiteral("k")) == run.value(QStringLiteral("k"))
                    && d.value(QStringLiteral("order")) == run.value(QStringLiteral("order")))
                    correct += d.value(QStringLiteral("correct")).toBool();
            QCOMPARE(run.value(QStringLiteral("accuracy")).toDouble(), correct / 3.0);
        }
        for (const QJsonObject &k : perK) {
            QVERIFY(hasKeys(k, {QStringLiteral("k"), QStringLiteral("mean"), QStringLiteral("min"), QStringLiteral("max"),
                                QStringLiteral("std"), QStringLiteral("runs")}));
            std::vector<double> acc;
            for (const QJsonObject &run : runs)
                if (run.value(QStringLiteral("k")) == k.value(QStringLiteral("k")))
                    acc.push_back(run.value(QStringLiteral("accuracy")).toDouble());
            QCOMPARE(k.value(QStringLiteral("runs")).toInt(), int(acc.size()));
            double mean = 0;
            for (double a : acc)
                mean += a / double(acc.size());
            QVERIFY(std::abs(k.value(QStringLiteral("mean")).toDouble() - mean) < 1e-12);
            QCOMPARE(k.value(QStringLiteral("min")).toDouble(), *std::min_element(acc.begin(), acc.end()));
            QCOMPARE(k.value(QStringLiteral("max")).toDouble(), *std::max_element(acc.begin(), acc.end()));
        }
        QVERIFY(summary.contains(QStringLiteral("seconds")));
        QCOMPARE(summary.value(QStringLiteral("test_count")).toInt(), 4);
        QCOMPARE(summary.value(QStringLiteral("test_with_gold")).toInt(), 3);  // every accuracy's base
    }

    void iclSelection_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QList<QList<int>>>("demos"); // per test example, order 0
        // ROUGE-L (cjk) by hand against the demos 很精彩 / 浪费时间 / 值得一看: 这部电影太好看了 shares
        // only 看 with 值得一看 (2); 剧情拖沓无聊 shares nothing (tie -> 0); 演员很用心 shares 很 with
        // 很精彩 (0); 没有标签的一条 shares 一 with 值得一看 (2).
        QTest::newRow("rouge k1") << QStringList{QStringLiteral("--select"), QStringLiteral("rouge"), QStringLiteral("--k"),
                                                 QStringLiteral("1")}
                                  << QList<QList<int>>{{2}, {0}, {0}, {2}};
        QTest::newRow("manual") << QStringList{QStringLiteral("--select"), QStringLiteral("manual"),
                                               QStringLiteral("--demo-indices"), QStringLiteral("2,0")}
                                << QList<QList<int>>{{2, 0}, {2, 0}, {2, 0}, {2, 0}};
    }
    void iclSelection()
    {
        QFETCH(QStringList, extra);
        QFETCH(QList<QList<int>>, demos);
        const Run r = cli(QStringList{QStringLiteral("icl"), QStringLiteral("--model"), path(QStringLiteral("tiny")),
                                      QStringLiteral("--demos"), path(QStringLiteral("demos.jsonl")), QStringLiteral("--test"),
                                      path(QStringLiteral("input.jsonl")), QStringLiteral("--answers"),
                                      path(QStringLiteral("answers.json")), QStringLiteral("--details"),
                                      QStringLiteral("--orders"), QStringLiteral("2")}
                          + extra);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        int seen = 0;
        for (const QJsonObject &o : r.lines) {
            if (!o.contains(QStringLiteral("index")))
                continue;
            const int i = o.value(QStringLiteral("index")).toInt();
            QList<int> got;
            for (const auto &d : o.value(QStringLiteral("demos")).toArray())
                got << d.toInt();
            if (o.value(QStringLiteral("order")).toInt() == 0) {
                QCOMPARE(got, demos[i]);
            } else { // another order of the same demos
                std::sort(got.begin(), got.end());
                QList<int> want = demos[i];
                std::sort(want.begin(), want.end());
                QCOMPARE(got, want);
            }
            ++seen;
        }
        QCOMPARE(seen, 2 * 4);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown gold label")
            << QStringList{QStringLiteral("score"), QStringLiteral("--model"), path(QStringLiteral("tiny")),
                           QStringLiteral("--template"), QStringLiteral("[X] [Z]"), QStringLiteral("--answers"),
                           path(QStringLiteral("answers.json")), QStringLiteral("--input"), path(QStringLiteral("bad.jsonl"))}
            << QStringLiteral("bad.jsonl:2: record 2, field \"label\"");
        QTest::newRow("no answer slot")
            << QStringList{QStringLiteral("score"), QStringLiteral("--model"), path(QStringLiteral("tiny")),
                           QStringLiteral("--template"), QStringLiteral("[X] only"), QStringLiteral("--answers"),
                           path(QStringLiteral("answers.json")), QStringLiteral("--input"), path(QStringLiteral("input.jsonl"))}
            << QStringLiteral("field \"template\"");
        QTest::newRow("k too large")
            << QStringList{QStringLiteral("icl"), QStringLiteral("--model"), path(QStringLiteral("tiny")),
                           QStringLiteral("--demos"), path(QStringLiteral("demos.jsonl")), QStringLiteral("--test"),
                           path(QStringLiteral("input.jsonl")), QStringLiteral("--answers"),
                           path(QStringLiteral("answers.json")), QStringLiteral("--k"), QStringLiteral("4")}
            << QStringLiteral("field \"k\"");
        QTest::newRow("bad select")
            << QStringList{QStringLiteral("icl"), QStringLiteral("--select"), QStringLiteral("best")}
            << QStringLiteral("field \"select\"");
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestScoringCli)
#include "test_scoring_cli.moc"
