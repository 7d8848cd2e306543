// The In-context learning panel driven by QTest (offscreen): prompt assembly
// (header, demonstrations in the demo format, separator, the test input up to
// [Z]), Chinese text, the "≈" token estimate, demo selection (manual, seeded
// random, ROUGE-L nearest), undo / redo of enabling, reordering (also by the
// list model's move, as a drag does), editing and format edits, save / reload
// and JSON export / import of demonstration sets, the worker's JSON lines
// (data/icl_output.jsonl, in the exact format of `sftbench-cli icl`) turned
// into the accuracy-vs-k plot data, and an end-to-end run with the real
// worker when this build has `icl`.

#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QSpinBox>
#include <QComboBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "icl/accuracyplot.h"
#include "icl/iclpanel.h"
#include "qcustomplot.h"
#include "workspace/icloutput.h"
#include "workspace/workspace.h"

using namespace sft;

namespace {

/** Types text into a widget one key event per character (QTest::keyClicks takes Latin-1 only). */
void typeText(QWidget *w, const QString &text)
{
    for (const QChar c : text) {
        QTest::sendKeyEvent(QTest::Press, w, Qt::Key_unknown, QString(c), Qt::NoModifier);
        QTest::sendKeyEvent(QTest::Release, w, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

/** The worker under test: this build's, or another one named by SFTBENCH_CLI. */
QString cliPath() { return qEnvironmentVariable("SFTBENCH_CLI", QStringLiteral(SFT_BINARY_DIR "/app/sftbench-cli")); }

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
