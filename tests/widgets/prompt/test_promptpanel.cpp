// The Prompt design panel driven by QTest (offscreen): template syntax errors
// shown as they are typed, the live preview of f_fill(x, z) on a Chinese
// record with [Z] highlighted, undo / redo of template, verbalizer and option
// edits on the window's undo stack, save / reload through the workspace,
// JSON export / import, the worker's JSON lines (data/score_output.jsonl,
// written in the exact format of `sftbench-cli score`) turned into summary,
// confusion heatmap, per-example bars and answer scores; runs through a fake
// worker that replays those lines: the summary says what accuracy covers and
// what was left out and why, the examples show record IDs, the comparison
// table keeps each run's options; every number or choice has a tooltip; and
// one end-to-end run with the real worker on the untrained demo model when
// this build has `score`.

#include <QApplication>
#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextBrowser>
#include <QUndoStack>
#include <QtTest>

#include "test_util.h"
#include "widget_test_util.h"
#include "prompt/confusionheatmap.h"
#include "prompt/promptpanel.h"
#include "qcustomplot.h"
#include "workspace/demo.h"
#include "workspace/scoreoutput.h"
#include "workspace/workspace.h"

using namespace sft;
using sfttest::cliPath;
using sfttest::typeText;

namespace {



/** The text of the preview that has the highlight background. */
QString highlighted(QTextBrowser *browser)
{
    QString out;
    for (QTextBlock b = browser->document()->begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it)
            if (it.fragment().charFormat().background().color() == QColor(0xff, 0xe0, 0x8a))
                out += it.fragment().text();
    return out;
}

/**
 * A fake `sftbench-cli` in dir: it copies the file after --input to
 * dir/last-input.jsonl and prints the file output (recorded worker lines).
 */
QString fakeWorker(const QString &dir, const QString &output)
{
    const QString path = QDir(dir).filePath(QStringLiteral("fake-sftbench-cli"));
    return sfttest::writeShellScript(path, QStringLiteral(
                           "while [ $# -gt 0 ]; do\n"
                           "  if [ \"$1\" = --input ]; then cp \"$2\" '%1/last-input.jsonl'; fi\n"
                           "  shift\n"
                           "done\n"
                           "cat '%2'\n")
                .arg(dir, output)
                .toUtf8());
}

QList<QJsonObject> readLines(const QString &path)
{
    QList<QJsonObject> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (!line.trimmed().isEmpty())
            out.push_back(QJsonDocument::fromJson(line).object());
    return out;
}

} // namespace

class TestPromptPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    QUndoStack *m_undo = nullptr;
    PromptPanel *m_panel = nullptr;
    qint64 m_dataset = 0;
    /** Records that match data/score_output.jsonl's inputs, with a text-less one; mixed outputs. */
    qint64 m_runDataset = 0;
    QList<qint64> m_scoredIds;  ///< the IDs of the records the worker gets, in input order

    /** Run the panel on m_runDataset with a fake worker that prints data/score_output.jsonl. */
    bool fakeRun()
    {
        m_panel->setWorkerProgram(fakeWorker(m_dir.path(), QStringLiteral(SFT_TEST_DATA_DIR "/score_output.jsonl")));
        m_panel->setModelDir(m_dir.path());
        m_panel->setDataset(m_runDataset);
        QSignalSpy ended(m_panel, &PromptPanel::runEnded);
        if (!m_panel->run() || !ended.wait(30000))
            return false;
        return ended.first().first().toBool();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_ws = Workspace::open(m_dir.filePath(QStringLiteral("p.sftws")));
        m_dataset = m_ws->createDataset(QStringLiteral("情感"));
        auto add = [&](const char *instruction, const char *input, const char *output) {
            Record r;
            r.instruction = instruction;
            r.input = input;
            r.output = output;
            m_ws->addRecord(m_dataset, r);
        };
        add("这部电影怎么样？", "剧情紧凑", "正面");
        add("服务如何？", "", "负面");
        add("还行吗", "", "中立");

        // The inputs of data/score_output.jsonl, plus a record without text, which is not scored.
        m_runDataset = m_ws->createDataset(QStringLiteral("混合"));
        auto addRun = [&](const char *instruction, const char *output) {
            Record r;
            r.instruction = instruction;
            r.output = output;
            return m_ws->addRecord(m_runDataset, r);
        };
        m_scoredIds << addRun("这部电影太精彩了", "正面") << addRun("服务很差", "负面") << addRun("还行吧", " 中立 ")
                    << addRun("Write a poem.", "Roses are red") << addRun("没有输出的记录", "");
        addRun("", "正面");
    }

    void init()
    {
        m_undo = new QUndoStack;
        m_panel = new PromptPanel;
        m_panel->setContext(m_ws.get(), m_undo);
        m_panel->setDataset(m_dataset);
        m_panel->resize(1200, 800);
    }
    void cleanup()
    {
        delete m_panel;
        delete m_undo;
    }

    void syntaxErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("error");
        QTest::newRow("ok") << "[X] 我感到[Z]。" << "Template OK." << false;
        QTest::newRow("two answers") << "[X] [Z] [Z]" << "may appear only once" << true;
        QTest::newRow("no answer") << "[X] 我感到" << "needs the answer slot [Z]" << true;
        QTest::newRow("unclosed") << "[X 我感到[Z]" << "Column 1: \"[X\" is not closed" << true;
        QTest::newRow("unknown slot") << "[X] [premise] [Z]" << "Unknown slot [premise]" << true;
        QTest::newRow("no input") << "总之[Z]" << "No input slot [X]" << false;
        QTest::newRow("escaped brackets") << "[[X]] [X] [Z]" << "Template OK." << false;
    }
    void syntaxErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QFETCH(bool, error);
        m_panel->templateEdit()->setPlainText(text);
        QVERIFY2(m_panel->templateStatusLabel()->text().contains(expected),
                 qPrintable(m_panel->templateStatusLabel()->text()));
        QCOMPARE(!m_panel->templateError().isEmpty(), error);
        if (error)
            QVERIFY(!m_panel->run());  // a broken template never reaches the worker
    }

    void previewCjk()
    {
        m_panel->templateEdit()->setPlainText(QStringLiteral("评论：[X]\n感觉[Z]。"));
        const QString text = m_panel->previewText();
        QVERIFY2(text.startsWith(QStringLiteral("评论：这部电影怎么样？\n剧情紧凑\n感觉太好了。")), qPrintable(text));
        auto *browser = m_panel->findChild<QTextBrowser *>(QStringLiteral("previewBrowser"));
        QCOMPARE(highlighted(browser), QStringLiteral("太好了"));
        // Named slots take record fields; another record by the spin box.
        m_panel->templateEdit()->setPlainText(QStringLiteral("[instruction]|[output] => [Z]"));
        m_panel->previewRecordSpin()->setValue(2);
        QVERIFY2(m_panel->previewText().startsWith(QStringLiteral("服务如何？|负面 => 太好了")), qPrintable(m_panel->previewText()));
        // The first answer is z: edit the verbalizer and the preview follows.
        m_panel->verbalizerTable()->item(0, 1)->setText(QStringLiteral("棒 / 好"));
        QCOMPARE(highlighted(browser), QStringLiteral("棒"));
    }

    void undoRedo()
    {
        const QString original = m_panel->templateText();
        m_panel->templateEdit()->setFocus();
        m_panel->templateEdit()->moveCursor(QTextCursor::End);
        typeText(m_panel->templateEdit(), QStringLiteral("真的"));
        QCOMPARE(m_panel->templateText(), original + QStringLiteral("真的"));
        QCOMPARE(m_undo->count(), 1);  // a typing burst is one step
        m_undo->undo();
        QCOMPARE(m_panel->templateText(), original);
        QCOMPARE(m_panel->templateEdit()->toPlainText(), original);
        m_undo->redo();
        QCOMPARE(m_panel->templateEdit()->toPlainText(), original + QStringLiteral("真的"));

        // Verbalizer: one cell edit = one step.
        m_panel->verbalizerTable()->item(2, 1)->setText(QStringLiteral("不好 / 糟糕 / 差"));
        QCOMPARE(m_undo->count(), 2);
        auto answersOf = [&](int label) {
            QStringList out;
            for (const QJsonValue &v : m_panel->answers()[QStringLiteral("labels")].toArray()[label]
                                           .toObject()[QStringLiteral("answers")].toArray())
                out << v.toString();
            return out;
        };
        QCOMPARE(answersOf(2), (QStringList{QStringLiteral("不好"), QStringLiteral("糟糕"), QStringLiteral("差")}));
        m_undo->undo();
        QCOMPARE(answersOf(2), (QStringList{QStringLiteral("不好"), QStringLiteral("糟糕")}));
        QCOMPARE(m_panel->verbalizerTable()->item(2, 1)->text(), QStringLiteral("不好 / 糟糕"));
        m_undo->redo();
        QCOMPARE(answersOf(2).size(), 3);

        // A duplicate answer is reported, not accepted silently.
        m_panel->verbalizerTable()->item(1, 1)->setText(QStringLiteral("好"));
        QVERIFY2(m_panel->verbalizerStatusLabel()->text().contains(QStringLiteral("好")),
                 qPrintable(m_panel->verbalizerStatusLabel()->text()));
        QVERIFY(!m_panel->verbalizerError().isEmpty());
        m_undo->undo();
        QVERIFY(m_panel->verbalizerError().isEmpty());

        // Options.
        auto *calibrate = m_panel->findChild<QCheckBox *>(QStringLiteral("calibrateCheck"));
        calibrate->setChecked(true);
        QVERIFY(m_panel->options()[QStringLiteral("calibrate")].toBool());
        QVERIFY(m_panel->workerArguments(QStringLiteral("/tmp")).contains(QStringLiteral("--calibrate")));
        m_undo->undo();
        QVERIFY(!calibrate->isChecked());
        QVERIFY(!m_panel->workerArguments(QStringLiteral("/tmp")).contains(QStringLiteral("--calibrate")));
    }

    void workerArguments()
    {
        m_panel->templateEdit()->setPlainText(QStringLiteral("[X]\n总之[Z]\\"));
        const QStringList args = m_panel->workerArguments(QStringLiteral("/d"));
        QCOMPARE(args.first(), QStringLiteral("score"));
        QCOMPARE(args.at(args.indexOf(QStringLiteral("--template")) + 1), QStringLiteral("[X]\\n总之[Z]\\\\"));
        QCOMPARE(args.at(args.indexOf(QStringLiteral("--answers")) + 1), QStringLiteral("/d/answers.json"));
        QCOMPARE(args.at(args.indexOf(QStringLiteral("--normalize")) + 1), QStringLiteral("sum"));
        QCOMPARE(args.at(args.indexOf(QStringLiteral("--aggregate")) + 1), QStringLiteral("max"));
    }

    void saveAndReload()
    {
        m_panel->templateEdit()->setPlainText(QStringLiteral("[X] 总之[Z]"));
        m_panel->verbalizerTable()->item(1, 1)->setText(QStringLiteral("一般 / 还行"));
        m_panel->nameEdit()->setText(QStringLiteral("总之"));
        QVERIFY(m_panel->save());
        const QJsonObject answers = m_panel->answers();

        PromptPanel other;
        other.setContext(m_ws.get(), m_undo);
        QVERIFY(other.savedCombo()->findText(QStringLiteral("总之")) >= 0);
        const int before = m_undo->count();
        QVERIFY(other.load(QStringLiteral("总之")));
        QCOMPARE(other.templateText(), QStringLiteral("[X] 总之[Z]"));
        QCOMPARE(other.answers(), answers);
        QCOMPARE(m_undo->count(), before + 1);  // loading is one undo step
        m_undo->undo();
        QVERIFY(other.templateText() != QStringLiteral("[X] 总之[Z]"));
        other.setContext(nullptr, nullptr);
    }

    void exportImport()
    {
        m_panel->templateEdit()->setPlainText(QStringLiteral("Review: [X]\nIt was [Z]."));
        m_panel->verbalizerTable()->item(0, 0)->setText(QStringLiteral("positive"));
        m_panel->nameEdit()->setText(QStringLiteral("english"));
        const QString file = m_dir.filePath(QStringLiteral("t.json"));
        QVERIFY(m_panel->exportTo(file));
        const QJsonObject answers = m_panel->answers();
        m_panel->templateEdit()->setPlainText(QStringLiteral("[X] [Z]"));
        m_panel->verbalizerTable()->item(0, 0)->setText(QStringLiteral("pos"));
        QVERIFY(m_panel->importFrom(file));
        QCOMPARE(m_panel->templateText(), QStringLiteral("Review: [X]\nIt was [Z]."));
        QCOMPARE(m_panel->answers(), answers);
        m_undo->undo();  // the import is one step
        QCOMPARE(m_panel->templateText(), QStringLiteral("[X] [Z]"));

        QFile bad(m_dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(R"({"kind": "sftbench-demo-set", "name": "x"})");
        bad.close();
        QSignalSpy messages(m_panel, &PromptPanel::message);
        QVERIFY(!m_panel->importFrom(bad.fileName()));
        QCOMPARE(messages.size(), 1);
        QVERIFY(messages.first().first().toString().contains(QStringLiteral("sftbench-prompt-template")));
    }

    void workerOutput()
    {
        ScoreOutputParser parser;
        for (const QJsonObject &o : readLines(QStringLiteral(SFT_TEST_DATA_DIR "/score_output.jsonl")))
            QVERIFY2(parser.add(o), qPrintable(parser.error()));
        const ScoreResult &r = parser.result();
        QCOMPARE(r.calibrationLabels.size(), 3);
        QCOMPARE(r.calibrationPrior, (QVector<double>{0.5, 0.3, 0.2}));
        QCOMPARE(r.examples.size(), 5);
        QCOMPARE(r.examples[1].predicted, QStringLiteral("正面"));
        QCOMPARE(r.examples[1].gold.value_or(QString()), QStringLiteral("负面"));
        QCOMPARE(r.examples[1].correct, std::optional<bool>(false));
        QVERIFY(!r.examples[3].gold && !r.examples[3].correct);
        QCOMPARE(r.examples[0].answers.size(), 5);
        QCOMPARE(r.examples[0].answers[0].tokens, 3);
        QVERIFY(r.hasSummary);
        QCOMPARE(r.count, 5);
        QCOMPARE(r.withGold, 3);  // the confusion's total: accuracy's base
        QCOMPARE(*r.accuracy, 2.0 / 3.0);
        QCOMPARE(r.confusion, (QVector<QVector<int>>{{1, 0, 0}, {0, 1, 0}, {1, 0, 0}}));

        m_panel->showResult(r);
        QVERIFY2(m_panel->summaryLabel()->text().contains(QStringLiteral("0.667")), qPrintable(m_panel->summaryLabel()->text()));
        QVERIFY(m_panel->summaryLabel()->text().contains(QStringLiteral("0.556")));
        // The base of the numbers, and what was scored without counting in them.
        const QString summary = m_panel->summaryLabel()->text();
        QVERIFY2(summary.contains(QStringLiteral("over the 3 record(s) with a gold label")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("5 record(s) scored")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("2 record(s) without a gold label")), qPrintable(summary));
        // Heatmap: counts in the colour map's own cells and written in them (gold row 2 -> predicted 0).
        ConfusionHeatmap *h = m_panel->heatmap();
        QCOMPARE(h->cellValue(2, 0), 1.0);
        QCOMPARE(h->cellValue(0, 2), 0.0);
        QCOMPARE(h->cellValue(1, 1), 1.0);
        QCOMPARE(h->cellText(2, 0), QStringLiteral("1"));
        QCOMPARE(h->cellText(0, 1), QStringLiteral("0"));
        QCOMPARE(h->plot()->itemCount(), 9);
        // Examples and the selected example's bars (a bar per label).
        QCOMPARE(m_panel->examplesTable()->rowCount(), 5);
        // Lines not from a run of this panel: no record ID to show, and not the worker's 0-based index.
        QCOMPARE(m_panel->examplesTable()->item(0, 0)->text(), QStringLiteral("—"));
        m_panel->examplesTable()->setCurrentCell(2, 0);
        QCPBarsDataContainer &bars = *m_panel->scoreBars()->data();
        QCOMPARE(bars.size(), 3);
        QCOMPARE((bars.constBegin() + 1)->value, 0.85);

        // Malformed lines are errors, not crashes.
        ScoreOutputParser bad;
        QVERIFY(!bad.add(QJsonDocument::fromJson(R"({"summary": {"labels": ["a", "b"], "confusion": [[1]]}})").object()));
        QVERIFY(bad.error().contains(QStringLiteral("confusion")));
        QVERIFY(!bad.add(QJsonObject{{QStringLiteral("hello"), 1}}));
    }

    void answerScores()
    {
        ScoreOutputParser parser;
        for (const QJsonObject &o : readLines(QStringLiteral(SFT_TEST_DATA_DIR "/score_output.jsonl")))
            QVERIFY2(parser.add(o), qPrintable(parser.error()));
        m_panel->showResult(parser.result());
        // Example 0: 好 (-1.5) beats 太好了 (-2.1) for 正面; each label's answers under it, best first.
        m_panel->examplesTable()->setCurrentCell(0, 0);
        QTableWidget *t = m_panel->answersTable();
        QCOMPARE(t->rowCount(), 5);
        auto row = [&](int r) {
            QStringList cells;
            for (int c = 0; c < 3; ++c)
                cells << t->item(r, c)->text();
            return cells.join(QLatin1Char('|'));
        };
        QCOMPARE(row(0), QStringLiteral("正面|好|-1.500"));
        QCOMPARE(row(1), QStringLiteral("正面|太好了|-2.100"));
        QCOMPARE(row(2), QStringLiteral("中立|一般|-3.000"));
        QCOMPARE(row(3), QStringLiteral("负面|不好|-4.000"));
        QCOMPARE(row(4), QStringLiteral("负面|糟糕|-5.000"));
        QVERIFY(t->item(0, 1)->font().bold());   // the answer that won 正面
        QVERIFY(!t->item(1, 1)->font().bold());
        QVERIFY(!t->item(2, 1)->font().bold());  // a label's only answer is not singled out
        QCOMPARE(t->item(0, 4)->text(), QStringLiteral("1"));  // tokens
        // Another example: the table follows the selection.
        m_panel->examplesTable()->setCurrentCell(3, 0);
        QCOMPARE(row(3), QStringLiteral("负面|不好|-4.000"));
        QCOMPARE(row(4), QStringLiteral("负面|糟糕|-4.500"));
    }

    void runSummarySaysWhatWasScored()
    {
        QVERIFY(fakeRun());
        // What the worker got: the text-less record left out, gold labels only where the output is one.
        const QList<QJsonObject> sent = readLines(m_dir.filePath(QStringLiteral("last-input.jsonl")));
        QCOMPARE(sent.size(), 5);
        QStringList labels;
        for (int i = 0; i < sent.size(); ++i) {
            QCOMPARE(sent[i].value(QStringLiteral("id")).toInteger(), m_scoredIds[i]);
            labels << (sent[i].value(QStringLiteral("label")).isNull() ? QStringLiteral("null")
                                                                         : sent[i].value(QStringLiteral("label")).toString());
        }
        QCOMPARE(labels, (QStringList{QStringLiteral("正面"), QStringLiteral("负面"), QStringLiteral("中立"),
                                      QStringLiteral("null"), QStringLiteral("null")}));

        const QString summary = m_panel->summaryLabel()->text();
        for (const QString &part :
             {QStringLiteral("Accuracy 0.667 · macro-F1 0.556 over the 3 record(s) with a gold label."),
              QStringLiteral("5 record(s) scored in 1.3 s."),
              QStringLiteral("2 record(s) without a gold label, scored but not in accuracy or macro-F1: 1 whose "
                             "output is not one of the labels or answers (“Roses are red”); 1 with an empty output."),
              QStringLiteral("1 record(s) skipped (not scored): no text for [X]"),
              QStringLiteral("6 record(s) read (all, at most 200).")})
            QVERIFY2(summary.contains(part), qPrintable(summary + QStringLiteral("\n--- missing: ") + part));

        // The examples show the record IDs, not the worker's 0-based index.
        QCOMPARE(m_panel->examplesTable()->rowCount(), 5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(m_panel->examplesTable()->item(i, 0)->data(Qt::DisplayRole).toLongLong(), m_scoredIds[i]);
        QVERIFY(m_scoredIds.first() != 0 && m_scoredIds.first() != 1);  // an index would not match by chance

        // A language change keeps the full summary (it is rebuilt from the run, not from the worker's lines alone).
        QEvent event(QEvent::LanguageChange);
        QApplication::sendEvent(m_panel, &event);
        QCOMPARE(m_panel->summaryLabel()->text(), summary);
    }

    void compareKeepsOptions()
    {
        QVERIFY(fakeRun());
        m_panel->templateEdit()->setPlainText(QStringLiteral("[X] 总之[Z]"));
        m_panel->findChild<QCheckBox *>(QStringLiteral("calibrateCheck"))->setChecked(true);
        m_panel->findChild<QComboBox *>(QStringLiteral("normalizeCombo"))->setCurrentIndex(1);
        m_panel->findChild<QComboBox *>(QStringLiteral("aggregateCombo"))->setCurrentIndex(1);
        QVERIFY(fakeRun());
        // Options changed after a run do not rewrite its row.
        m_panel->findChild<QCheckBox *>(QStringLiteral("calibrateCheck"))->setChecked(false);

        QTableWidget *t = m_panel->compareTable();
        QCOMPARE(t->rowCount(), 2);
        QCOMPARE(t->columnCount(), 7);
        auto rowOf = [&](const QString &templ) {
            for (int r = 0; r < t->rowCount(); ++r)
                if (t->item(r, 0)->text() == templ)
                    return r;
            return -1;
        };
        const int first = rowOf(QStringLiteral("[X] 我感到[Z]。")), second = rowOf(QStringLiteral("[X] 总之[Z]"));
        QVERIFY(first >= 0 && second >= 0);
        QCOMPARE(t->item(first, 1)->text(), QStringLiteral("off"));
        QCOMPARE(t->item(first, 2)->data(Qt::UserRole).toString(), QStringLiteral("sum"));
        QCOMPARE(t->item(first, 3)->data(Qt::UserRole).toString(), QStringLiteral("max"));
        QCOMPARE(t->item(second, 1)->text(), QStringLiteral("on"));
        QCOMPARE(t->item(second, 2)->data(Qt::UserRole).toString(), QStringLiteral("mean"));
        QCOMPARE(t->item(second, 2)->text(), QStringLiteral("mean per token"));
        QCOMPARE(t->item(second, 3)->data(Qt::UserRole).toString(), QStringLiteral("sumprob"));
        QCOMPARE(t->item(second, 4)->text(), QStringLiteral("3 / 5 (all)"));
        QCOMPARE(t->item(second, 5)->data(Qt::DisplayRole).toDouble(), 0.667);
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

    void languageChange()
    {
        // Retranslating keeps the panel's state (a LanguageChange re-sets every text).
        const QString before = m_panel->previewText();
        QEvent event(QEvent::LanguageChange);
        QApplication::sendEvent(m_panel, &event);
        QCOMPARE(m_panel->previewText(), before);
        QCOMPARE(m_panel->runButton()->text(), QStringLiteral("Run"));
    }

    void endToEnd()
    {
        QProcess probe;
        probe.start(cliPath(), {QStringLiteral("score"), QStringLiteral("--help")});
        if (!probe.waitForFinished(30000) || probe.exitCode() != 0)
            QSKIP("this build has no `sftbench-cli score`");
        const QString model = m_dir.filePath(QStringLiteral("demo-model"));
        m_panel->setWorkerProgram(cliPath());
        m_panel->setDemoModelDir(model);
        QCOMPARE(m_panel->modelDir(), model);
        QVERIFY(m_panel->modelNoteLabel()->text().contains(QStringLiteral("demo model")));
        m_panel->templateEdit()->setPlainText(QStringLiteral("[X] 感觉[Z]"));
        QSignalSpy ended(m_panel, &PromptPanel::runEnded);
        QVERIFY(m_panel->run());  // creates the demo model first, then scores
        QVERIFY(ended.wait(240000));
        QCOMPARE(ended.first().first().toBool(), true);
        const ScoreResult &r = m_panel->result();
        QCOMPARE(r.examples.size(), 3);
        QVERIFY(r.hasSummary);
        int total = 0;
        for (const auto &row : r.confusion)
            for (int c : row)
                total += c;
        QCOMPARE(total, 3);  // every record's output is a label
        QCOMPARE(r.withGold, 3);
        QVERIFY2(m_panel->summaryLabel()->text().contains(QStringLiteral("over the 3 record(s) with a gold label")),
                 qPrintable(m_panel->summaryLabel()->text()));
        // The real worker's index maps to the records' IDs (1, 2, 3 here), not 0, 1, 2.
        for (int i = 0; i < 3; ++i)
            QCOMPARE(m_panel->examplesTable()->item(i, 0)->data(Qt::DisplayRole).toLongLong(), qint64(i + 1));
        QCOMPARE(m_panel->compareTable()->rowCount(), 1);
        QVERIFY(QFileInfo::exists(model + QStringLiteral("/config.json")));
    }
};

QTEST_MAIN(TestPromptPanel)
#include "test_promptpanel.moc"
