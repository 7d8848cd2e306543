// The In-context learning panel driven by QTest (offscreen): prompt assembly
// (header, demonstrations in the demo format, separator, the test input up to
// [Z]), Chinese text, the "≈" token estimate, demo selection (manual, seeded
// random, ROUGE-L nearest), undo / redo of enabling, reordering (also by the
// list model's move, as a drag does), editing and format edits, save / reload
// and JSON export / import of demonstration sets, the worker's JSON lines
// (data/icl_output.jsonl, in the exact format of `sftbench-cli icl`) turned
// into the accuracy-vs-k plot data and the usable-records summary; a run
// through a fake worker that replays those lines and pauses half-way (the
// progress bar shows runs done out of the runs the options plan); every
// number or choice has a tooltip; the exact token count includes the BOS a
// model's tokenizer_config.json adds; and an end-to-end run with the real
// worker when this build has `icl`.

#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QProcess>
#include <QSignalSpy>
#include <QSpinBox>
#include <QComboBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "test_util.h"
#include "widget_test_util.h"
#include "icl/accuracyplot.h"
#include "icl/iclpanel.h"
#include "qcustomplot.h"
#include "workspace/icloutput.h"
#include "workspace/workspace.h"

using namespace sft;
using sfttest::cliPath;
using sfttest::typeText;

namespace {



/**
 * A fake `sftbench-cli` in dir: it copies the file after --test to
 * dir/last-test.jsonl, prints dir/out1.jsonl, and then, when dir/out2.jsonl
 * exists, waits for the file dir/go and prints out2.jsonl.
 */
QString fakeWorker(const QString &dir)
{
    const QString path = QDir(dir).filePath(QStringLiteral("fake-sftbench-cli"));
    return sfttest::writeShellScript(path, QStringLiteral(
                           "d='%1'\n"
                           "while [ $# -gt 0 ]; do\n"
                           "  if [ \"$1\" = --test ]; then cp \"$2\" \"$d/last-test.jsonl\"; fi\n"
                           "  shift\n"
                           "done\n"
                           "cat \"$d/out1.jsonl\"\n"
                           "if [ -f \"$d/out2.jsonl\" ]; then\n"
                           "  n=0\n"
                           "  while [ ! -f \"$d/go\" ] && [ $n -lt 1200 ]; do sleep 0.05; n=$((n+1)); done\n"
                           "  cat \"$d/out2.jsonl\"\n"
                           "fi\n")
                .arg(dir)
                .toUtf8());
}

QList<QByteArray> fixtureLines()
{
    QFile f(QStringLiteral(SFT_TEST_DATA_DIR "/icl_output.jsonl"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> out;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (!line.trimmed().isEmpty())
            out << line;
    return out;
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

/** Token count of text with only tokenizer.json (no config, no special tokens), by the worker. */
int plainTokenCount(const QString &tokenizerJson, const QString &text, const QString &scratch)
{
    const QString input = QDir(scratch).filePath(QStringLiteral("count.jsonl"));
    QFile f(input);
    if (!f.open(QIODevice::WriteOnly))
        return -1;
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("text"), text}}).toJson(QJsonDocument::Compact) + '\n');
    f.close();
    QProcess p;
    p.start(cliPath(), {QStringLiteral("tokenize"), QStringLiteral("--tokenizer"), tokenizerJson,
                        QStringLiteral("--input"), input});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return -1;
    return int(QJsonDocument::fromJson(p.readAllStandardOutput()).array().size());
}

QVector<double> values(QCPGraph *g, bool keys = false)
{
    QVector<double> out;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        out.push_back(keys ? it->key : it->value);
    return out;
}

} // namespace

class TestIclPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    QUndoStack *m_undo = nullptr;
    IclPanel *m_panel = nullptr;
    qint64 m_dataset = 0;
    qint64 m_mixedDataset = 0;  ///< one output is a label, one is not, one is empty

private Q_SLOTS:
    void initTestCase()
    {
        m_ws = Workspace::open(m_dir.filePath(QStringLiteral("i.sftws")));
        m_dataset = m_ws->createDataset(QStringLiteral("情感"));
        for (auto [in, out] : {std::pair{"电影很好看", "正面"}, std::pair{"菜太难吃了", "负面"}, std::pair{"一般般", "中立"}}) {
            Record r;
            r.instruction = in;
            r.output = out;
            m_ws->addRecord(m_dataset, r);
        }
        m_mixedDataset = m_ws->createDataset(QStringLiteral("混合"));
        for (auto [in, out] : {std::pair{"电影很好看", "正面"}, std::pair{"写一首诗", "床前明月光"}, std::pair{"没有输出", ""}}) {
            Record r;
            r.instruction = in;
            r.output = out;
            m_ws->addRecord(m_mixedDataset, r);
        }
    }

    void init()
    {
        m_undo = new QUndoStack;
        m_panel = new IclPanel;
        m_panel->setContext(m_ws.get(), m_undo);
        m_panel->setDataset(m_dataset);
    }
    void cleanup()
    {
        delete m_panel;
        delete m_undo;
    }

    void assembly()
    {
        m_panel->testInputEdit()->setText(QStringLiteral("这个产品怎么样"));
        m_panel->previewKSpin()->setValue(2);
        const QString expected = QStringLiteral("Input: 这部电影太精彩了，演员都很出色。\nOutput: 正面\n\n"
                                                "Input: 服务很差，等了一个小时还没上菜。\nOutput: 负面\n\n"
                                                "Input: 这个产品怎么样\nOutput: ");
        QCOMPARE(m_panel->previewText(), expected);
        QVERIFY2(m_panel->tokenText().startsWith(QStringLiteral("≈")), qPrintable(m_panel->tokenText()));
        QVERIFY(m_panel->tokenText().contains(QString::number(IclPanel::estimateTokens(expected))));
        // Header and separator (typed with an escape).
        typeText(m_panel->headerEdit(), QStringLiteral("判断情感。"));
        m_panel->separatorEdit()->clear();
        typeText(m_panel->separatorEdit(), QStringLiteral("\\n---\\n"));
        m_panel->previewKSpin()->setValue(1);
        QCOMPARE(m_panel->previewText(), QStringLiteral("判断情感。\n---\nInput: 这部电影太精彩了，演员都很出色。\nOutput: 正面\n---\n"
                                                        "Input: 这个产品怎么样\nOutput: "));
        // k = 0: the test input alone; without a typed input, the dataset's first record.
        m_panel->previewKSpin()->setValue(0);
        m_panel->testInputEdit()->clear();
        QCOMPARE(m_panel->previewText(), QStringLiteral("判断情感。\n---\nInput: 电影很好看\nOutput: "));
    }

    void formatErrors_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expected");
        QTest::newRow("ok") << "Q: [X] A: [Z]" << "Format OK.";
        QTest::newRow("no answer") << "Input: [X]" << "needs both [X]";
        QTest::newRow("field") << "[X] [premise] [Z]" << "not [premise]";
        QTest::newRow("two answers") << "[X] [Z] [Z]" << "may appear only once";
    }
    void formatErrors()
    {
        QFETCH(QString, format);
        QFETCH(QString, expected);
        m_panel->formatEdit()->setPlainText(format);
        QVERIFY2(m_panel->formatStatusLabel()->text().contains(expected), qPrintable(m_panel->formatStatusLabel()->text()));
    }

    void estimate_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("tokens");
        QTest::newRow("empty") << "" << 0;
        QTest::newRow("cjk") << "你好世界" << 4;
        QTest::newRow("ascii") << "abcdefgh" << 2;
        QTest::newRow("mixed") << "Output: 正面" << 4;  // 8 other characters -> 2, 2 CJK
    }
    void estimate()
    {
        QFETCH(QString, text);
        QFETCH(int, tokens);
        QCOMPARE(IclPanel::estimateTokens(text), tokens);
    }

    void selection()
    {
        const QString test = QStringLiteral("还行吧，没什么特别的。");
        QCOMPARE(m_panel->selectedDemos(test, 3), (QList<int>{0, 1, 2}));
        m_panel->selectionCombo()->setCurrentIndex(int(IclPanel::Selection::Random));
        m_panel->seedSpin()->setValue(7);
        const QList<int> a = m_panel->selectedDemos(test, 5);
        QCOMPARE(a.size(), 5);
        QCOMPARE(m_panel->selectedDemos(test, 5), a);  // same seed, same order
        QList<int> sorted = a;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(sorted, (QList<int>{0, 1, 2, 3, 4}));
        // ROUGE-L: the identical demonstration is the nearest, placed right before the test input.
        m_panel->selectionCombo()->setCurrentIndex(int(IclPanel::Selection::Rouge));
        QCOMPARE(m_panel->selectedDemos(test, 2).last(), 2);
        QVERIFY(m_panel->previewText().isEmpty() == false);
    }

    void undoRedo()
    {
        m_panel->setDemoEnabled(0, false);
        QCOMPARE(m_undo->count(), 1);
        QCOMPARE(m_panel->selectedDemos(QString(), 1), QList<int>{1});
        m_undo->undo();
        QCOMPARE(m_panel->selectedDemos(QString(), 1), QList<int>{0});
        QCOMPARE(m_panel->demoList()->item(0)->checkState(), Qt::Checked);

        m_panel->moveDemo(0, 2);
        QCOMPARE(m_panel->state()[QStringLiteral("demos")].toArray()[2].toObject()[QStringLiteral("output")].toString(),
                 QStringLiteral("正面"));
        m_undo->undo();
        QCOMPARE(m_panel->state()[QStringLiteral("demos")].toArray()[0].toObject()[QStringLiteral("output")].toString(),
                 QStringLiteral("正面"));

        // A drag moves the row in the list model; the panel records it as one step.
        const int steps = m_undo->index();
        QVERIFY(m_panel->demoList()->model()->moveRow(QModelIndex(), 0, QModelIndex(), 3));
        QTRY_COMPARE(m_undo->index(), steps + 1);
        QCOMPARE(m_panel->state()[QStringLiteral("demos")].toArray()[2].toObject()[QStringLiteral("output")].toString(),
                 QStringLiteral("正面"));
        m_undo->undo();
        QCOMPARE(m_panel->demoList()->item(0)->data(Qt::UserRole + 1).toString(), QStringLiteral("正面"));

        // Typing into a demonstration's output is one step; the list shows it.
        m_panel->demoList()->setCurrentRow(1);
        m_panel->outputEdit()->moveCursor(QTextCursor::End);
        const int before = m_undo->index();
        typeText(m_panel->outputEdit(), QStringLiteral("的"));
        typeText(m_panel->outputEdit(), QStringLiteral("!"));
        QCOMPARE(m_undo->index(), before + 1);
        QVERIFY(m_panel->demoList()->item(1)->text().endsWith(QStringLiteral("负面的!")));
        m_undo->undo();
        QVERIFY(m_panel->demoList()->item(1)->text().endsWith(QStringLiteral("负面")));
        QCOMPARE(m_panel->outputEdit()->toPlainText(), QStringLiteral("负面"));

        m_panel->formatEdit()->setPlainText(QStringLiteral("Q: [X]\nA: [Z]"));
        QVERIFY(m_panel->previewText().contains(QStringLiteral("Q: ")));
        m_undo->undo();
        QCOMPARE(m_panel->formatEdit()->toPlainText(), QStringLiteral("Input: [X]\nOutput: [Z]"));
    }

    void saveReloadExportImport()
    {
        m_panel->addDemo(QStringLiteral("新的例子"), QStringLiteral("中立"));
        m_panel->headerEdit()->setText(QStringLiteral("header"));
        typeText(m_panel->headerEdit(), QStringLiteral("!"));
        m_panel->nameEdit()->setText(QStringLiteral("六个"));
        QVERIFY(m_panel->save());
        const QJsonObject state = m_panel->state();
        QCOMPARE(state[QStringLiteral("demos")].toArray().size(), 6);

        IclPanel other;
        other.setContext(m_ws.get(), m_undo);
        QVERIFY(other.load(QStringLiteral("六个")));
        QCOMPARE(other.state(), state);

        const QString file = m_dir.filePath(QStringLiteral("demos.json"));
        QVERIFY(m_panel->exportTo(file));
        m_panel->setDemoEnabled(5, false);
        QVERIFY(m_panel->importFrom(file));
        QCOMPARE(m_panel->state(), state);
        m_undo->undo();
        QVERIFY(m_panel->state() != state);
        other.setContext(nullptr, nullptr);
    }

    void workerOutput()
    {
        IclOutputParser parser;
        QFile f(QStringLiteral(SFT_TEST_DATA_DIR "/icl_output.jsonl"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        for (const QByteArray &line : f.readAll().split('\n'))
            if (!line.isEmpty())
                QVERIFY2(parser.add(QJsonDocument::fromJson(line).object()), qPrintable(parser.error()));
        const IclResult &r = parser.result();
        QCOMPARE(r.runs.size(), 7);
        QCOMPARE(r.points.size(), 3);
        QVERIFY(r.hasSummary);
        QCOMPARE(r.runs[4].demos, (QVector<int>{2, 0}));
        QCOMPARE(r.runs[4].promptTokensMax, 50);

        m_panel->showResult(r);
        AccuracyPlot *plot = m_panel->accuracyPlot();
        QCOMPARE(values(plot->meanGraph(), true), (QVector<double>{0, 1, 2}));
        QCOMPARE(values(plot->meanGraph()), (QVector<double>{0.4, 0.6, 0.6}));
        QCOMPARE(values(plot->minGraph()), (QVector<double>{0.4, 0.5, 0.4}));
        QCOMPARE(values(plot->maxGraph()), (QVector<double>{0.4, 0.7, 0.8}));
        // Every run's point, so the order sensitivity shows (k = 2: 0.4, 0.6, 0.8).
        QCOMPARE(plot->runsGraph()->dataCount(), 7);
        QVector<double> k2;
        for (auto it = plot->runsGraph()->data()->constBegin(); it != plot->runsGraph()->data()->constEnd(); ++it)
            if (it->key == 2)
                k2.push_back(it->value);
        std::sort(k2.begin(), k2.end());
        QCOMPARE(k2, (QVector<double>{0.4, 0.6, 0.8}));
        QCOMPARE(m_panel->resultsTable()->rowCount(), 3);
        QCOMPARE(m_panel->resultsTable()->item(2, 3)->text(), QStringLiteral("0.800"));
        // The summary's counts: test records read and those with a gold label (every accuracy's base).
        QCOMPARE(r.testCount, 10);
        QCOMPARE(r.testWithGold, 8);
        QVERIFY2(m_panel->summaryLabel()->text().contains(QStringLiteral("8 of 10 test record(s) usable")),
                 qPrintable(m_panel->summaryLabel()->text()));

        // Runs without any gold label have no accuracy: nothing plotted, not a zero.
        IclOutputParser none;
        QVERIFY(none.add(QJsonDocument::fromJson(R"({"k":0,"order":0,"demos":[],"accuracy":null,"macro_f1":null,"prompt_tokens_max":9,"over_max_positions":false})").object()));
        QVERIFY(none.add(QJsonDocument::fromJson(R"({"k":0,"mean":null,"min":null,"max":null,"std":null,"runs":1})").object()));
        QVERIFY(none.add(QJsonDocument::fromJson(R"({"summary":{"test_count":4,"test_with_gold":0}})").object()));
        QVERIFY(!none.result().runs[0].accuracy);
        QVERIFY(!none.result().points[0].measured);
        m_panel->showResult(none.result());
        QCOMPARE(plot->runsGraph()->dataCount(), 0);
        QCOMPARE(plot->meanGraph()->dataCount(), 0);
        QVERIFY2(m_panel->summaryLabel()->text().contains(QStringLiteral("None of the 4 test record(s) has a gold label")),
                 qPrintable(m_panel->summaryLabel()->text()));

        IclOutputParser bad;
        QVERIFY(!bad.add(QJsonObject{{QStringLiteral("k"), 1}}));
        QVERIFY(!bad.add(QJsonObject{{QStringLiteral("x"), 1}}));
    }

    void workerArguments()
    {
        m_panel->setDemoEnabled(1, false);
        const QStringList args = m_panel->workerArguments(QStringLiteral("/d"));
        QCOMPARE(args.first(), QStringLiteral("icl"));
        QCOMPARE(args.at(args.indexOf(QStringLiteral("--format")) + 1), QStringLiteral("Input: [X]\\nOutput: [Z]"));
        QCOMPARE(args.at(args.indexOf(QStringLiteral("--separator")) + 1), QStringLiteral("\\n\\n"));
        QCOMPARE(args.at(args.indexOf(QStringLiteral("--select")) + 1), QStringLiteral("manual"));
        QCOMPARE(args.at(args.indexOf(QStringLiteral("--demo-indices")) + 1), QStringLiteral("0,1,2,3"));
        QCOMPARE(args.at(args.indexOf(QStringLiteral("--k")) + 1), QStringLiteral("0,1,2,4"));
        QJsonArray labels = m_panel->answers()[QStringLiteral("labels")].toArray();
        QCOMPARE(labels.size(), 3);  // 正面, 中立, 负面 (the disabled 负面 demo has a twin)
    }

    void plannedRuns_data()
    {
        QTest::addColumn<QString>("ks");
        QTest::addColumn<int>("orders");
        QTest::addColumn<int>("runs");
        QTest::newRow("default") << "0,1,2,4" << 3 << 10;  // k = 0 runs once
        QTest::newRow("no zero") << "1, 2" << 2 << 4;
        QTest::newRow("zero only") << "0" << 5 << 1;
        QTest::newRow("bad") << "1,x" << 3 << 0;
    }
    void plannedRuns()
    {
        QFETCH(QString, ks);
        QFETCH(int, orders);
        QFETCH(int, runs);
        m_panel->kEdit()->setText(ks);
        m_panel->ordersSpin()->setValue(orders);
        QCOMPARE(m_panel->plannedRuns(), runs);
    }

    void runShowsProgressAndUsableRecords()
    {
        // The worker's lines for k = 0,1,2 with 3 orders (7 runs), paused after the third run.
        QTemporaryDir dir;
        const QList<QByteArray> lines = fixtureLines();
        QCOMPARE(lines.size(), 11);
        QByteArray first, rest;
        for (int i = 0; i < 4; ++i)  // k = 0's run and mean, then two runs of k = 1
            first += lines[i] + '\n';
        for (int i = 4; i < lines.size() - 1; ++i)
            rest += lines[i] + '\n';
        QJsonObject summary = QJsonDocument::fromJson(lines.last()).object();
        QJsonObject s = summary.value(QStringLiteral("summary")).toObject();
        s[QStringLiteral("test_count")] = 3;   // as the worker reads m_mixedDataset
        s[QStringLiteral("test_with_gold")] = 1;
        summary[QStringLiteral("summary")] = s;
        rest += QJsonDocument(summary).toJson(QJsonDocument::Compact) + '\n';
        writeFile(dir.filePath(QStringLiteral("out1.jsonl")), first);
        writeFile(dir.filePath(QStringLiteral("out2.jsonl")), rest);

        m_panel->setWorkerProgram(fakeWorker(dir.path()));
        m_panel->setModelDir(dir.path());
        m_panel->setDataset(m_mixedDataset);
        m_panel->kEdit()->setText(QStringLiteral("0,1,2"));
        m_panel->ordersSpin()->setValue(3);
        QSignalSpy ended(m_panel, &IclPanel::runEnded);
        QVERIFY(m_panel->run());
        QProgressBar *bar = m_panel->progressBar();
        QVERIFY(!bar->isHidden());
        QCOMPARE(bar->maximum(), 7);  // (0) once + (1, 2) x 3 orders
        QTRY_COMPARE(bar->value(), 3);
        QString text = m_panel->summaryLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("Running: 3 of 7 run(s) done.")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("1 of 3 test record(s) usable")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("1 whose output is not one of the labels (“床前明月光”); 1 with an "
                                              "empty output")),
                 qPrintable(text));

        writeFile(dir.filePath(QStringLiteral("go")), "");
        QVERIFY(ended.wait(30000));
        QVERIFY(ended.first().first().toBool());
        QVERIFY(bar->isHidden());
        text = m_panel->summaryLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("7 run(s)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("1 of 3 test record(s) usable (a gold label among the labels)")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("with an empty output")), qPrintable(text));

        // What the worker got: a gold label only where the output is one of the labels.
        QFile test(dir.filePath(QStringLiteral("last-test.jsonl")));
        QVERIFY(test.open(QIODevice::ReadOnly));
        const QList<QByteArray> sent = test.readAll().trimmed().split('\n');
        QCOMPARE(sent.size(), 3);
        QCOMPARE(QJsonDocument::fromJson(sent[0]).object().value(QStringLiteral("label")).toString(), QStringLiteral("正面"));
        QVERIFY(QJsonDocument::fromJson(sent[1]).object().value(QStringLiteral("label")).isNull());
        QVERIFY(QJsonDocument::fromJson(sent[2]).object().value(QStringLiteral("label")).isNull());
    }

    void everyNumberOrChoiceHasATooltip()
    {
        QStringList missing;
        for (QWidget *w : m_panel->findChildren<QWidget *>())
            if ((qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QComboBox *>(w) || qobject_cast<QCheckBox *>(w))
                && w->toolTip().isEmpty())
                missing << (w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className()) : w->objectName());
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1String(", "))));
    }

    void tokenCountIncludesBos()
    {
        // A model folder's tokenizer as the scorer loads it: with a config that adds BOS, one token more.
        const QString plain = m_dir.filePath(QStringLiteral("tok-plain"));
        QProcess init;
        init.start(cliPath(), {QStringLiteral("init-model"), QStringLiteral("--preset"), QStringLiteral("tiny"),
                               QStringLiteral("--out"), plain});
        if (!init.waitForFinished(120000) || init.exitCode() != 0)
            QSKIP("this build has no `sftbench-cli init-model`");
        const QString withBos = m_dir.filePath(QStringLiteral("tok-bos"));
        QDir().mkpath(withBos);
        QVERIFY(QFile::copy(plain + QStringLiteral("/tokenizer.json"), withBos + QStringLiteral("/tokenizer.json")));
        QFile config(plain + QStringLiteral("/tokenizer_config.json"));
        QVERIFY(config.open(QIODevice::ReadOnly));
        QJsonObject c = QJsonDocument::fromJson(config.readAll()).object();
        QCOMPARE(c.value(QStringLiteral("add_bos_token")).toBool(true), false);  // the demo model: no BOS
        c[QStringLiteral("bos_token")] = QStringLiteral("<|endoftext|>");
        c[QStringLiteral("add_bos_token")] = true;
        writeFile(withBos + QStringLiteral("/tokenizer_config.json"), QJsonDocument(c).toJson());

        m_panel->setWorkerProgram(cliPath());
        m_panel->testInputEdit()->setText(QStringLiteral("这个产品怎么样"));
        const int plainCount =
            plainTokenCount(plain + QStringLiteral("/tokenizer.json"), m_panel->previewText(), m_dir.path());
        QVERIFY(plainCount > 0);
        for (const bool bos : {false, true}) {
            QSignalSpy counted(m_panel, &IclPanel::tokensCounted);
            m_panel->setModelDir(bos ? withBos : plain);
            QVERIFY(counted.wait(60000));
            QCOMPARE(counted.last().first().toInt(), plainCount + (bos ? 1 : 0));
            QVERIFY2(m_panel->tokenText().startsWith(QString::number(plainCount + (bos ? 1 : 0)) + QLatin1Char(' ')),
                     qPrintable(m_panel->tokenText()));
        }
    }

    void languageChange()
    {
        // Retranslating keeps the panel's state (a LanguageChange re-sets every text).
        const QString before = m_panel->previewText();
        QEvent event(QEvent::LanguageChange);
        QApplication::sendEvent(m_panel, &event);
        QCOMPARE(m_panel->previewText(), before);
        QVERIFY(m_panel->tokenText().startsWith(QStringLiteral("≈")));
    }

    void endToEnd()
    {
        QProcess probe;
        probe.start(cliPath(), {QStringLiteral("icl"), QStringLiteral("--help")});
        if (!probe.waitForFinished(30000) || probe.exitCode() != 0)
            QSKIP("this build has no `sftbench-cli icl`");
        const QString model = m_dir.filePath(QStringLiteral("demo-model"));
        m_panel->setWorkerProgram(cliPath());
        m_panel->setDemoModelDir(model);
        m_panel->kEdit()->setText(QStringLiteral("0,1,2"));
        m_panel->selectionCombo()->setCurrentIndex(int(IclPanel::Selection::Random));
        QSignalSpy ended(m_panel, &IclPanel::runEnded);
        QVERIFY(m_panel->run());
        QVERIFY(ended.wait(240000));
        QCOMPARE(ended.first().first().toBool(), true);
        const IclResult &r = m_panel->result();
        QCOMPARE(r.points.size(), 3);
        QVERIFY(r.hasSummary);
        QCOMPARE(r.points.last().runs, 3);
        // With the demo model in place the worker counts the preview's tokens exactly.
        QSignalSpy counted(m_panel, &IclPanel::tokensCounted);
        m_panel->testInputEdit()->setText(QStringLiteral("再试一次"));
        QVERIFY(counted.wait(30000));
        QVERIFY(!m_panel->tokenText().startsWith(QStringLiteral("≈")));
        QVERIFY(m_panel->tokenText().contains(QStringLiteral("context window")));
    }
};

QTEST_MAIN(TestIclPanel)
#include "test_iclpanel.moc"
