// The Quality panel driven by QTest (offscreen) on the demo workspace, whose
// near-duplicates are known by construction: three identical "Classify the
// sentiment…" instructions (demo records 3-5), "Give three tips for keeping a
// houseplant alive." and its "…alive!" twin (1 and 17), plus records only a
// heuristic rule rejects (31 "picture", 32 "Write a program", 33 too short).
// Checks the preview, Apply as one undo step, undo, the cancel path, the LCS
// highlighting (char formats, UTF-16 positions of CJK and emoji text) and the
// draggable threshold line of the histogram.

#include <QApplication>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QThreadPool>
#include <QUndoStack>
#include <QtTest>

#include "curation/curationpanel.h"
#include "quality/lcscompareview.h"
#include "mainwindow.h"
#include "qcustomplot.h"
#include "quality/qualitypanel.h"
#include "quality/similarityhistogram.h"
#include "workspace/demo.h"
#include "workspace/recordfilter.h"
#include "workspace/workspace.h"

using namespace sft;

namespace {

struct Row
{
    qint64 id;
    QString rule, reason;
};

} // namespace

class TestQualityPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    QUndoStack *m_undo = nullptr;
    QualityPanel *m_panel = nullptr;
    QVector<qint64> m_ids;   // m_ids[k] = demo record k (1-based, as in resources/demo)

    QList<Row> tableRows() const
    {
        QList<Row> rows;
        QTableWidget *t = m_panel->resultsTable();
        for (int r = 0; r < t->rowCount(); ++r)
            rows.push_back({t->item(r, QualityPanel::IdColumn)->data(Qt::DisplayRole).toLongLong(),
                            t->item(r, QualityPanel::RuleColumn)->data(Qt::UserRole).toString(),
                            t->item(r, QualityPanel::ReasonColumn)->text()});
        return rows;
    }
    QList<StatusState> allStates() const { return m_ws->statusStates(QList<qint64>(m_ids.begin() + 1, m_ids.end())); }
    bool runAndWait()
    {
        QSignalSpy ended(m_panel, &QualityPanel::runEnded);
        if (!m_panel->run())
            return false;
        return ended.wait(30000);
    }
    int rowOf(qint64 id) const
    {
        for (int r = 0; r < m_panel->resultsTable()->rowCount(); ++r)
            if (m_panel->resultsTable()->item(r, QualityPanel::IdColumn)->data(Qt::DisplayRole).toLongLong() == id)
                return r;
        return -1;
    }
    QString rougeReason(double score, int nearest) const
    {
        return QStringLiteral("ROUGE-L %1 with record %2").arg(score, 0, 'f', 2).arg(m_ids[nearest]);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        static int n = 0;
        const QString path = m_dir.filePath(QStringLiteral("q%1.sftws").arg(++n));
        ensureDemoWorkspace(path);
        m_ws = Workspace::open(path);
        RecordFilter all;
        all.datasetId = m_ws->datasets().first().id;
        m_ids = QVector<qint64>{0} + queryRecordIds(m_ws->db(), all);
        QCOMPARE(m_ids.size(), 35);
        QCOMPARE(m_ws->record(m_ids[17])->instruction, QStringLiteral("Give three tips for keeping a houseplant alive!"));
        m_undo = new QUndoStack;
        m_panel = new QualityPanel;
        m_panel->resize(1300, 800);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel));
        m_panel->setContext(m_ws.get(), m_undo);
        m_panel->setDataset(all.datasetId);
    }
    void cleanup()
    {
        delete m_panel;
        delete m_undo;
        m_ws.reset();
    }

    void previewListsRejections()
    {
        const QList<StatusState> before = allStates();
        QVERIFY(!m_panel->applyButton()->isEnabled());
        QVERIFY(runAndWait());
        const QList<Row> expected = {
            {m_ids[4], QStringLiteral("rouge-l"), rougeReason(1, 3)},
            {m_ids[5], QStringLiteral("rouge-l"), rougeReason(1, 3)},
            {m_ids[17], QStringLiteral("rouge-l"), rougeReason(1, 1)},
            {m_ids[31], QStringLiteral("blacklist_en"), QString()},
            {m_ids[32], QStringLiteral("write_program"), QString()},
            {m_ids[33], QStringLiteral("length"), QString()},
        };
        QList<Row> rows = tableRows();
        QCOMPARE(rows.size(), expected.size());
        for (int i = 0; i < rows.size(); ++i) {
            QCOMPARE(rows[i].id, expected[i].id);
            QCOMPARE(rows[i].rule, expected[i].rule);
            if (!expected[i].reason.isEmpty())
                QCOMPARE(rows[i].reason, expected[i].reason);
        }
        QVERIFY2(rows[3].reason.contains(QLatin1String("picture")), qPrintable(rows[3].reason));
        QVERIFY2(rows[5].reason.contains(QLatin1Char('3')), qPrintable(rows[5].reason));  // 3 words
        QCOMPARE(m_panel->resultsTable()->item(0, QualityPanel::ScoreColumn)->text(), QStringLiteral("1.000"));
        QVERIFY(m_panel->resultsTable()->item(3, QualityPanel::ScoreColumn)->text().isEmpty());
        // A preview changes nothing.
        QVERIFY(m_panel->applyButton()->isEnabled());
        QCOMPARE(m_undo->count(), 0);
        const QList<StatusState> after = allStates();
        for (int i = 0; i < before.size(); ++i)
            QCOMPARE(after[i].status, before[i].status);
        // Rule survivors go to the histogram: 33 in scope, 3 rejected by rules.
        QCOMPARE(m_panel->result().bestScores.size(), 30);
        QVERIFY(m_panel->summaryLabel()->text().contains(QLatin1String("33")));

        // A language change re-labels the preview, it does not reset it.
        QEvent change(QEvent::LanguageChange);
        QApplication::sendEvent(m_panel, &change);
        QVERIFY(m_panel->summaryLabel()->text().startsWith(QLatin1String("Preview: 33 records checked")));
        QCOMPARE(m_panel->resultsTable()->item(0, QualityPanel::RuleColumn)->text(),
                 QStringLiteral("ROUGE-L near-duplicate"));
        QCOMPARE(m_panel->resultsTable()->rowCount(), expected.size());
    }

    void cjkFieldAndThreshold()
    {
        m_panel->tokenizerCombo()->setCurrentIndex(m_panel->tokenizerCombo()->findData(int(rouge::TokenizerKind::Cjk)));
        QVERIFY(runAndWait());
        // 21, 22 repeat 20; 30 is 18 without the full stop (18 is accepted: in scope).
        for (int k : {21, 22, 30})
            QVERIFY2(rowOf(m_ids[k]) >= 0, qPrintable(QString::number(k)));
        QCOMPARE(tableRows()[rowOf(m_ids[30])].reason, rougeReason(1, 18));

        m_panel->thresholdSpin()->setValue(1.0);  // nothing is above 1
        QVERIFY(runAndWait());
        for (const Row &r : tableRows())
            QVERIFY(r.rule != QLatin1String("rouge-l"));
        m_panel->dedupCheck()->setChecked(false);
        QVERIFY(runAndWait());
        QCOMPARE(m_panel->resultsTable()->rowCount(), 3);
        QVERIFY(m_panel->result().bestScores.isEmpty());
    }

    void applyIsOneUndoStep()
    {
        const QList<StatusState> before = allStates();
        QVERIFY(runAndWait());
        const int n = m_panel->resultsTable()->rowCount();
        QCOMPARE(n, 6);
        QTest::mouseClick(m_panel->applyButton(), Qt::LeftButton);
        QCOMPARE(m_undo->count(), 1);
        QVERIFY(!m_panel->applyButton()->isEnabled());
        auto r17 = m_ws->record(m_ids[17]);
        QCOMPARE(r17->status, RecordStatus::Rejected);
        QCOMPARE(r17->rule, QStringLiteral("rouge-l"));
        QCOMPARE(r17->reason, rougeReason(1, 1));
        QCOMPARE(m_ws->record(m_ids[32])->rule, QStringLiteral("write_program"));
        QCOMPARE(m_ws->record(m_ids[4])->status, RecordStatus::Rejected);  // was accepted
        QCOMPARE(m_ws->record(m_ids[3])->status, RecordStatus::Accepted);  // the kept one
        int rejected = 0;
        for (const StatusState &s : allStates())
            rejected += s.status == RecordStatus::Rejected;
        QCOMPARE(rejected, 1 + n);  // the demo's own rejection (34) + the applied ones

        m_undo->undo();
        const QList<StatusState> undone = allStates();
        QCOMPARE(undone.size(), before.size());
        for (int i = 0; i < before.size(); ++i) {
            QCOMPARE(undone[i].status, before[i].status);
            QCOMPARE(undone[i].reason, before[i].reason);
            QCOMPARE(undone[i].rule, before[i].rule);
        }
        m_undo->redo();
        QCOMPARE(m_ws->record(m_ids[5])->status, RecordStatus::Rejected);
    }

    void alreadyRejectedStayUntouched()
    {
        m_ws->setStatus({m_ids[17]}, RecordStatus::Rejected, QStringLiteral("by hand"));
        m_panel->scopeCombo()->setCurrentIndex(m_panel->scopeCombo()->findData(int(QualityScope::All)));
        QVERIFY(runAndWait());
        QCOMPARE(rowOf(m_ids[17]), -1);
        QCOMPARE(rowOf(m_ids[34]), -1);  // empty output, rejected by the demo already
        QCOMPARE(m_panel->result().alreadyRejected, 2);
        // Rejected by hand after the preview: Apply leaves it alone too.
        m_ws->setStatus({m_ids[4]}, RecordStatus::Rejected, QStringLiteral("mine"));
        m_panel->apply();
        QCOMPARE(m_ws->record(m_ids[17])->reason, QStringLiteral("by hand"));
        QCOMPARE(m_ws->record(m_ids[34])->reason, QStringLiteral("empty output"));
        QCOMPARE(m_ws->record(m_ids[4])->reason, QStringLiteral("mine"));
        QCOMPARE(m_ws->record(m_ids[5])->rule, QStringLiteral("rouge-l"));
    }

    void cancelChangesNothing()
    {
        const QList<StatusState> before = allStates();
        // Hold every pool thread so the job cannot finish before the cancel.
        QThreadPool *pool = QThreadPool::globalInstance();
        const int threads = pool->maxThreadCount();
        QSemaphore gate, started;
        for (int i = 0; i < threads; ++i)
            pool->start([&gate, &started] {
                started.release();
                gate.acquire();
            });
        started.acquire(threads);
        QSignalSpy ended(m_panel, &QualityPanel::runEnded);
        QVERIFY(m_panel->run());
        QVERIFY(m_panel->currentJob());
        QCOMPARE(m_panel->runButton()->text(), QStringLiteral("Cancel check"));
        QTest::mouseClick(m_panel->runButton(), Qt::LeftButton);  // cancels
        gate.release(threads);
        QVERIFY(ended.wait(30000));
        QVERIFY(!m_panel->currentJob());
        QVERIFY(!m_panel->hasPreview());
        QCOMPARE(m_panel->resultsTable()->rowCount(), 0);
        QVERIFY(!m_panel->applyButton()->isEnabled());
        QVERIFY(m_panel->summaryLabel()->text().contains(QLatin1String("cancelled")));
        QCOMPARE(m_undo->count(), 0);
        const QList<StatusState> after = allStates();
        for (int i = 0; i < before.size(); ++i)
            QCOMPARE(after[i].status, before[i].status);
        QCOMPARE(m_panel->runButton()->text(), QStringLiteral("Run check"));
        QVERIFY(runAndWait());  // and a new run works
        QCOMPARE(m_panel->resultsTable()->rowCount(), 6);
    }

    void lcsViewHighlightsTokens()
    {
        QVERIFY(runAndWait());
        m_panel->resultsTable()->selectRow(rowOf(m_ids[17]));
        LcsCompareView *view = m_panel->compareView();
        QCOMPARE(view->score(), 1.0);
        QCOMPARE(view->leftView()->toPlainText(), QStringLiteral("Give three tips for keeping a houseplant alive!"));
        QCOMPARE(view->rightView()->toPlainText(), QStringLiteral("Give three tips for keeping a houseplant alive."));
        const QStringList words = QStringLiteral("Give three tips for keeping a houseplant alive").split(QLatin1Char(' '));
        QCOMPARE(LcsCompareView::highlightedRuns(view->leftView()), words);
        QCOMPARE(LcsCompareView::highlightedRuns(view->rightView()), words);
        // The format is a visible background, and the '!' has none.
        QTextCursor c(view->leftView()->document());
        c.setPosition(2);
        QVERIFY(c.charFormat().background().style() != Qt::NoBrush);
        c.setPosition(view->leftView()->toPlainText().size());
        QVERIFY(!c.charFormat().boolProperty(LcsCompareView::LcsTokenProperty));

        // A rule's rejection shows the record and its reason.
        m_panel->resultsTable()->selectRow(rowOf(m_ids[32]));
        QVERIFY(view->leftView()->toPlainText().startsWith(QLatin1String("Write a program")));
        QVERIFY(view->rightView()->toPlainText().isEmpty());
        QVERIFY(LcsCompareView::highlightedRuns(view->leftView()).isEmpty());
    }

    void lcsViewUtf16Positions()
    {
        // Emoji (4 UTF-8 bytes, 2 UTF-16 units) and CJK (3 bytes, 1 unit) before the tokens.
        LcsCompareView view;
        rouge::TokenizerOptions cjk;
        cjk.kind = rouge::TokenizerKind::Cjk;
        view.setPair(1, QStringLiteral("😀给出保持健康的三个建议 now"), 2, QStringLiteral("请给出三个建议 now 😀"), cjk);
        QCOMPARE(LcsCompareView::highlightedRuns(view.leftView()),
                 (QStringList{QStringLiteral("给出"), QStringLiteral("三个建议"), QStringLiteral("now")}));
        QCOMPARE(LcsCompareView::highlightedRuns(view.rightView()),
                 (QStringList{QStringLiteral("给出三个建议"), QStringLiteral("now")}));
        QCOMPARE(view.score(), 2.0 * 7 / (12 + 8));
        QCOMPARE(LcsCompareView::utf16Positions(QByteArray("a\xC3\xA9\xF0\x9F\x98\x80" "b")),
                 (QVector<int>{0, 1, 1, 2, 2, 2, 2, 4, 5}));
        QCOMPARE(LcsCompareView::utf16Positions(QByteArray("\xFF" "a")), (QVector<int>{0, 1, 2}));
    }

    void thresholdLineDragUpdatesLabel()
    {
        QVERIFY(runAndWait());
        SimilarityHistogram *h = m_panel->histogram();
        QCOMPARE(h->threshold(), 0.7);
        QVERIFY2(h->countLabel()->text().contains(QLatin1String("3 of 30")), qPrintable(h->countLabel()->text()));
        QVERIFY(h->countLabel()->text().contains(QLatin1String("Preview")));

        QCustomPlot *plot = h->plot();
        plot->replot();
        const int y = plot->axisRect()->rect().center().y();
        QSignalSpy dragged(h, &SimilarityHistogram::thresholdDragged);
        auto send = [plot, y](QEvent::Type type, int x, Qt::MouseButtons buttons) {
            QMouseEvent e(type, QPointF(x, y), plot->mapToGlobal(QPointF(x, y)),
                          type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons, Qt::NoModifier);
            QApplication::sendEvent(plot, &e);
        };
        send(QEvent::MouseButtonPress, h->linePixel(), Qt::LeftButton);
        send(QEvent::MouseMove, h->pixelFor(0.3), Qt::LeftButton);
        send(QEvent::MouseMove, h->pixelFor(0.1), Qt::LeftButton);
        send(QEvent::MouseButtonRelease, h->pixelFor(0.1), Qt::NoButton);
        QVERIFY(!dragged.isEmpty());
        QVERIFY2(std::abs(h->threshold() - 0.1) <= 0.011, qPrintable(QString::number(h->threshold())));
        int above = 0;
        for (double s : m_panel->result().bestScores)
            above += s > h->threshold();
        QVERIFY(above > 3);
        QVERIFY2(h->countLabel()->text().contains(QStringLiteral("%1 of 30").arg(above)),
                 qPrintable(h->countLabel()->text()));
        // Only a preview: the spin box changes when the user asks.
        QCOMPARE(m_panel->thresholdSpin()->value(), 0.7);
        QTest::mouseClick(h->useButton(), Qt::LeftButton);
        QCOMPARE(m_panel->thresholdSpin()->value(), h->threshold());

        h->setThreshold(0.99);
        QVERIFY(h->countLabel()->text().contains(QLatin1String("3 of 30")));
    }

    void invalidRuleParameters_data()
    {
        QTest::addColumn<QString>("params");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QStringLiteral("{\"max_words\": ") << QStringLiteral("not valid JSON");
        QTest::newRow("wrong type") << QStringLiteral("{\"max_words\": \"many\"}") << QStringLiteral("max_words");
        QTest::newRow("unknown") << QStringLiteral("{\"maxwords\": 3}") << QStringLiteral("maxwords");
    }
    void invalidRuleParameters()
    {
        QFETCH(QString, params);
        QFETCH(QString, expected);
        QTableWidget *rules = m_panel->rulesTable();
        int row = -1;
        for (int r = 0; r < rules->rowCount(); ++r)
            if (rules->item(r, 0)->data(Qt::UserRole).toString() == QLatin1String("length"))
                row = r;
        QVERIFY(row >= 0);
        rules->item(row, 1)->setText(params);
        QVERIFY(m_panel->ruleErrorLabel()->isVisible());
        const QString error = m_panel->ruleErrorLabel()->text();
        QVERIFY2(error.startsWith(QLatin1String("Instruction length: ")), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(!m_panel->run());
        rules->item(row, 1)->setText(QStringLiteral("{\"max_words\": 4}"));
        QVERIFY(!m_panel->ruleErrorLabel()->isVisible());
        QVERIFY(runAndWait());
        // "Give three tips for keeping a houseplant alive." has 8 words now too many
        QVERIFY(rowOf(m_ids[1]) >= 0);
        QCOMPARE(tableRows()[rowOf(m_ids[1])].rule, QStringLiteral("length"));
    }

    void mainWindowRunsItAsAJob()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openWorkspace(m_ws->path()));
        QualityPanel *q = w.qualityPanel();
        auto *tabs = qobject_cast<QTabWidget *>(w.centralWidget());
        QVERIFY(tabs);
        QCOMPARE(tabs->tabText(tabs->indexOf(q)), QStringLiteral("Quality"));
        QCOMPARE(q->datasetId(), w.curationPanel()->datasetId());
        QSignalSpy ended(q, &QualityPanel::runEnded);
        QVERIFY(q->run());
        QVERIFY(ended.wait(30000));
        QCOMPARE(q->resultsTable()->rowCount(), 6);
        q->apply();
        QCOMPARE(w.undoStack()->count(), 1);
        w.undoStack()->undo();
        QCOMPARE(w.workspace()->record(m_ids[17])->status, RecordStatus::Pending);
    }
};

QTEST_MAIN(TestQualityPanel)
#include "test_qualitypanel.moc"
