// The Quality panel driven by QTest (offscreen) on the demo workspace
// (qualitypanel_fixture.h says which records are near-duplicates and why):
// the preview, its check boxes, Apply as one undo step, undo, the cancel path,
// re-running on a settings change (or Apply off for a large preview), the
// rule parameters reaching the run, opening a record by double-click and the
// tooltips. Conversations and the reference pool: test_qualitypanel_pool.cpp;
// the LCS view and the histogram's threshold line: test_lcscompareview.cpp.

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QThreadPool>
#include <QUndoStack>
#include <QtTest>

#include <functional>

#include "curation/curationpanel.h"
#include "curation/recordtablemodel.h"
#include "mainwindow.h"
#include "quality/lcscompareview.h"
#include "quality/qualitypanel.h"
#include "quality/qualityruletable.h"
#include "quality/referencepoolcombo.h"
#include "quality/similarityhistogram.h"
#include "qualitypanel_fixture.h"

using namespace sft;

namespace {

// What a window system delivers for a double-click: press, release, press, double-click, release.
void doubleClick(QWidget *w, QPoint pos)
{
    QTest::mousePress(w, Qt::LeftButton, Qt::NoModifier, pos);
    QTest::mouseRelease(w, Qt::LeftButton, Qt::NoModifier, pos);
    QTest::mousePress(w, Qt::LeftButton, Qt::NoModifier, pos);
    QMouseEvent dbl(QEvent::MouseButtonDblClick, QPointF(pos), w->mapToGlobal(QPointF(pos)), Qt::LeftButton,
                    Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w, &dbl);
    QTest::mouseRelease(w, Qt::LeftButton, Qt::NoModifier, pos);
}

} // namespace

class TestQualityPanel : public QualityPanelFixture
{
    Q_OBJECT

    /** The rule table's row of a rule id. */
    int ruleRow(const QString &id) const
    {
        QTableWidget *rules = m_panel->ruleTable()->table();
        for (int r = 0; r < rules->rowCount(); ++r)
            if (rules->item(r, 0)->data(QualityRuleTable::RuleIdRole).toString() == id)
                return r;
        return -1;
    }

private Q_SLOTS:
    void previewListsRejections()
    {
        const QList<StatusState> before = allStates();
        QVERIFY(!m_panel->applyButton()->isEnabled());
        QVERIFY(runAndWait());
        // Defaults: instruction + input, the tokenizer chosen from the text (cjk here), threshold 0.7.
        // 22 ("price average, taste average") scores 0.71 against 21 through the shared instruction.
        const QList<Row> expected = {
            {m_ids[17], QStringLiteral("rouge-l"), rougeReason(1, 1)},
            {m_ids[22], QStringLiteral("rouge-l"), rougeReason(0.71, 21)},
            {m_ids[30], QStringLiteral("rouge-l"), rougeReason(1, 18)},
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
        // Every row is checked but 22, probably not a duplicate.
        QCOMPARE(m_panel->checkedIds(), (QList<qint64>{m_ids[17], m_ids[30], m_ids[31], m_ids[32], m_ids[33]}));
        QCOMPARE(m_panel->applyButton()->text(), QStringLiteral("Apply: reject 5 record(s)"));
        // A preview changes nothing.
        QVERIFY(m_panel->applyButton()->isEnabled());
        QCOMPARE(m_undo->count(), 0);
        const QList<StatusState> after = allStates();
        for (int i = 0; i < before.size(); ++i)
            QCOMPARE(after[i].status, before[i].status);
        // Rule survivors go to the histogram: 37 in scope (the 4 conversations pass every rule), 3 rejected by rules.
        QCOMPARE(m_panel->result().bestScores.size(), 34);
        QVERIFY(m_panel->summaryLabel()->text().contains(QLatin1String("37")));

        // A language change re-labels the preview, it does not reset it.
        QEvent change(QEvent::LanguageChange);
        QApplication::sendEvent(m_panel, &change);
        QVERIFY(m_panel->summaryLabel()->text().startsWith(QLatin1String("Preview: 37 record")));  // "records" with the English catalogue
        QCOMPARE(m_panel->resultsTable()->item(0, QualityPanel::RuleColumn)->text(),
                 QStringLiteral("ROUGE-L near-duplicate"));
        QCOMPARE(m_panel->resultsTable()->rowCount(), expected.size());
    }

    void cjkFieldAndThreshold()
    {
        selectTokenizer(int(rouge::TokenizerKind::Cjk));
        selectField(QualityField::Instruction);
        QVERIFY(runAndWait());
        QVERIFY(!m_panel->result().tokenizerChosen);
        QVERIFY(m_panel->tokenizerNoteLabel()->isHidden());  // chosen by hand
        // 21, 22 repeat 20's instruction; 30 is 18 without the full stop (18 is accepted: in scope).
        for (int k : {21, 22, 30})
            QVERIFY2(rowOf(m_ids[k]) >= 0, qPrintable(QString::number(k)));
        QCOMPARE(tableRows()[rowOf(m_ids[30])].reason, rougeReason(1, 18));

        QVERIFY(changeAndWaitForRerun([this] { m_panel->thresholdSpin()->setValue(1.0); }));  // nothing is above 1
        for (const Row &r : tableRows())
            QVERIFY(r.rule != QLatin1String("rouge-l"));
        QVERIFY(changeAndWaitForRerun([this] { m_panel->dedupCheck()->setChecked(false); }));
        QCOMPARE(m_panel->resultsTable()->rowCount(), 3);
        QVERIFY(m_panel->result().bestScores.isEmpty());
    }

    void chineseCopyFoundWithDefaults()
    {
        QCOMPARE(m_panel->tokenizerCombo()->currentData().toInt(), int(QualityPanel::AutoTokenizer));
        QVERIFY(!m_panel->tokenizerNoteLabel()->isHidden());
        QVERIFY(runAndWait());
        QVERIFY(m_panel->result().tokenizerChosen);
        QCOMPARE(m_panel->result().tokenizer, rouge::TokenizerKind::Cjk);
        QVERIFY(rowOf(m_ids[30]) >= 0);
        QCOMPARE(tableRows()[rowOf(m_ids[30])].reason, rougeReason(1, 18));
        QVERIFY(isChecked(m_ids[30]));
        // The panel says which tokenizer and why: 37 records sampled, about half of their tokens Chinese.
        const rouge::ScriptCount &sample = m_panel->result().tokenizerSample;
        QCOMPARE(sample.texts, 37);
        QVERIFY2(sample.cjkShare() > 0.4 && sample.cjkShare() < 0.6, qPrintable(QString::number(sample.cjkShare())));
        QCOMPARE(m_panel->tokenizerNoteLabel()->text(),
                 QStringLiteral("Tokenizer: CJK characters (chosen because %1% of the compared text is Chinese, "
                                "Japanese or Korean)").arg(qRound(sample.cjkShare() * 100)));
        // The LCS view uses the tokenizer the run used.
        m_panel->resultsTable()->selectRow(rowOf(m_ids[30]));
        QCOMPARE(m_panel->compareView()->score(), 1.0);

        // The user can still override the choice: rouge_score's tokenizer does not see the copy.
        QVERIFY(changeAndWaitForRerun([this] { selectTokenizer(int(rouge::TokenizerKind::Rouge)); }));
        QCOMPARE(m_panel->result().tokenizer, rouge::TokenizerKind::Rouge);
        QCOMPARE(rowOf(m_ids[30]), -1);
        QVERIFY(rowOf(m_ids[17]) >= 0);
        QVERIFY(m_panel->tokenizerNoteLabel()->isHidden());
    }

    void sentimentExamplesAreKept()
    {
        const QList<int> sentiment = {3, 4, 5, 20, 21, 22};
        const QList<StatusState> before = allStates();
        QCOMPARE(m_panel->fieldCombo()->currentData().toInt(), int(QualityField::InstructionInput));
        QVERIFY(runAndWait());
        // 22 is listed (0.71 through the shared instruction), marked and unchecked; the others are not listed.
        for (int k : sentiment)
            QVERIFY2(!isChecked(m_ids[k]), qPrintable(QString::number(k)));
        QVERIFY(checkItem(m_ids[22]));
        QVERIFY(m_panel->result().rejections[checkItem(m_ids[22])->data(Qt::UserRole + 1).toInt()]
                    .sameInstructionOtherInput);
        QVERIFY(!m_panel->warningLabel()->isHidden());
        QVERIFY2(m_panel->warningLabel()->text().startsWith(QStringLiteral(
                     "1 of these have the same instruction as their match but a different input — probably not "
                     "duplicates.")),
                 qPrintable(m_panel->warningLabel()->text()));
        m_panel->apply();
        QCOMPARE(m_undo->count(), 1);
        const QList<StatusState> after = allStates();
        for (int k : sentiment)
            QCOMPARE(after[k - 1].status, before[k - 1].status);
        QCOMPARE(m_ws->record(m_ids[30])->status, RecordStatus::Rejected);
        QCOMPARE(m_ws->record(m_ids[17])->status, RecordStatus::Rejected);
    }

    void compareInstructionWarns()
    {
        QVERIFY(runAndWait());
        QVERIFY(changeAndWaitForRerun([this] { selectField(QualityField::Instruction); }));
        // 4, 5 match 3 and 21, 22 match 20 at 1.000: same instruction, different input.
        for (int k : {4, 5, 21, 22}) {
            QVERIFY2(rowOf(m_ids[k]) >= 0, qPrintable(QString::number(k)));
            QVERIFY2(!isChecked(m_ids[k]), qPrintable(QString::number(k)));
        }
        QCOMPARE(m_panel->result().sameInstructionOtherInput, 4);
        QVERIFY(isChecked(m_ids[17]));  // "alive!" vs "alive.": a real near-duplicate
        QVERIFY(!m_panel->warningLabel()->isHidden());
        const QString warning = m_panel->warningLabel()->text();
        QVERIFY2(warning.startsWith(QStringLiteral("4 of these have the same instruction as their match but a "
                                                  "different input — probably not duplicates.")),
                 qPrintable(warning));
        QVERIFY2(warning.contains(QLatin1String("Instruction + input")), qPrintable(warning));
        QVERIFY(!checkItem(m_ids[4])->toolTip().isEmpty());
        // Back to the default: 4, 5 and 21 are no longer listed, no warning about them.
        QVERIFY(changeAndWaitForRerun([this] { selectField(QualityField::InstructionInput); }));
        for (int k : {4, 5, 21})
            QCOMPARE(rowOf(m_ids[k]), -1);
        QCOMPARE(m_panel->result().sameInstructionOtherInput, 1);
    }

    void checkBoxesChooseWhatApplyRejects()
    {
        QVERIFY(runAndWait());
        QCOMPARE(m_panel->checkedIds().size(), 5);
        checkItem(m_ids[17])->setCheckState(Qt::Unchecked);  // a false positive, say
        QCOMPARE(m_panel->applyButton()->text(), QStringLiteral("Apply: reject 4 record(s)"));
        checkItem(m_ids[22])->setCheckState(Qt::Checked);    // the user knows better
        QCOMPARE(m_panel->applyButton()->text(), QStringLiteral("Apply: reject 5 record(s)"));
        // The choices survive a re-run on a settings change.
        QVERIFY(changeAndWaitForRerun([this] { m_panel->thresholdSpin()->setValue(0.69); }));
        QVERIFY(!isChecked(m_ids[17]));
        QVERIFY(isChecked(m_ids[22]));
        QVERIFY(isChecked(m_ids[30]));
        QTest::mouseClick(m_panel->applyButton(), Qt::LeftButton);
        QCOMPARE(m_undo->count(), 1);
        QCOMPARE(m_ws->record(m_ids[17])->status, RecordStatus::Pending);
        QCOMPARE(m_ws->record(m_ids[22])->status, RecordStatus::Rejected);
        QCOMPARE(m_ws->record(m_ids[30])->status, RecordStatus::Rejected);
        QCOMPARE(m_ws->record(m_ids[32])->rule, QStringLiteral("write_program"));

        // Nothing checked: nothing to apply.
        m_undo->undo();
        QVERIFY(runAndWait());
        for (qint64 id : m_panel->checkedIds())
            checkItem(id)->setCheckState(Qt::Unchecked);
        QVERIFY(m_panel->checkedIds().isEmpty());
        QVERIFY(!m_panel->applyButton()->isEnabled());
        QCOMPARE(m_panel->applyButton()->text(), QStringLiteral("Apply: reject 0 record(s)"));
        m_panel->apply();
        QCOMPARE(m_undo->index(), 0);
    }

    void doubleClickOpensRecord()
    {
        QVERIFY(runAndWait());
        QSignalSpy opened(m_panel, &QualityPanel::openRecord);
        QTableWidget *t = m_panel->resultsTable();
        const QRect cell = t->visualItemRect(t->item(rowOf(m_ids[30]), QualityPanel::ReasonColumn));
        doubleClick(t->viewport(), cell.center());
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().toLongLong(), m_ids[30]);
        QVERIFY(isChecked(m_ids[30]));  // opening does not toggle the row
    }

    void applyIsOneUndoStep()
    {
        const QList<StatusState> before = allStates();
        QVERIFY(runAndWait());
        QCOMPARE(m_panel->resultsTable()->rowCount(), 6);
        const int n = int(m_panel->checkedIds().size());
        QCOMPARE(n, 5);  // all but 22
        QTest::mouseClick(m_panel->applyButton(), Qt::LeftButton);
        QCOMPARE(m_undo->count(), 1);
        QVERIFY(!m_panel->applyButton()->isEnabled());
        auto r17 = m_ws->record(m_ids[17]);
        QCOMPARE(r17->status, RecordStatus::Rejected);
        QCOMPARE(r17->rule, QStringLiteral("rouge-l"));
        QCOMPARE(r17->reason, rougeReason(1, 1));
        QCOMPARE(m_ws->record(m_ids[32])->rule, QStringLiteral("write_program"));
        QCOMPARE(m_ws->record(m_ids[30])->status, RecordStatus::Rejected);
        QCOMPARE(m_ws->record(m_ids[18])->status, RecordStatus::Accepted);  // the kept one
        QCOMPARE(m_ws->record(m_ids[22])->status, RecordStatus::Pending);   // unchecked
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
        QCOMPARE(m_ws->record(m_ids[30])->status, RecordStatus::Rejected);
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
        m_ws->setStatus({m_ids[30]}, RecordStatus::Rejected, QStringLiteral("mine"));
        m_panel->apply();
        QCOMPARE(m_ws->record(m_ids[17])->reason, QStringLiteral("by hand"));
        QCOMPARE(m_ws->record(m_ids[34])->reason, QStringLiteral("empty output"));
        QCOMPARE(m_ws->record(m_ids[30])->reason, QStringLiteral("mine"));
        QCOMPARE(m_ws->record(m_ids[31])->rule, QStringLiteral("blacklist_en"));
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

    void largePreviewGoesStale()
    {
        // Above the re-run limit a settings change only turns Apply off.
        m_panel->setAutoRerunLimit(10);
        QVERIFY(runAndWait());
        QVERIFY(m_panel->applyButton()->isEnabled());
        SimilarityHistogram *h = m_panel->histogram();
        h->setThreshold(0.5);
        QTest::mouseClick(h->useButton(), Qt::LeftButton);
        QCOMPARE(m_panel->thresholdSpin()->value(), 0.5);
        QVERIFY(!m_panel->currentJob());
        QVERIFY(m_panel->isStale());
        QVERIFY(!m_panel->applyButton()->isEnabled());
        QVERIFY2(m_panel->summaryLabel()->text().contains(QStringLiteral("Settings changed — run the check again")),
                 qPrintable(m_panel->summaryLabel()->text()));
        m_panel->apply();  // refused
        QCOMPARE(m_undo->count(), 0);
        // Back to the previewed value: the preview holds again.
        m_panel->thresholdSpin()->setValue(0.7);
        QVERIFY(!m_panel->isStale());
        QVERIFY(m_panel->applyButton()->isEnabled());
        // Every other setting counts too.
        auto staleAfter = [this](const std::function<void()> &change, const std::function<void()> &undo) {
            change();
            const bool stale = m_panel->isStale() && !m_panel->applyButton()->isEnabled();
            undo();
            return stale && !m_panel->isStale();
        };
        QVERIFY(staleAfter([this] { selectField(QualityField::Output); },
                           [this] { selectField(QualityField::InstructionInput); }));
        QVERIFY(staleAfter([this] { selectTokenizer(int(rouge::TokenizerKind::Rouge)); },
                           [this] { selectTokenizer(QualityPanel::AutoTokenizer); }));
        QVERIFY(staleAfter([this] { m_panel->stemCheck()->setChecked(true); },
                           [this] { m_panel->stemCheck()->setChecked(false); }));
        QVERIFY(staleAfter([this] { m_panel->dedupCheck()->setChecked(false); },
                           [this] { m_panel->dedupCheck()->setChecked(true); }));
        QVERIFY(staleAfter([this] { selectField(QualityField::Conversation); },
                           [this] { selectField(QualityField::InstructionInput); }));
        m_ws->createDataset(QStringLiteral("pool"));
        QVERIFY(staleAfter([this] { m_panel->poolCombo()->setCurrentIndex(poolIndex(ReferencePoolCombo::PoolDataset)); },
                           [this] { m_panel->poolCombo()->setCurrentIndex(0); }));
        QVERIFY(staleAfter([this] { m_panel->scopeCombo()->setCurrentIndex(m_panel->scopeCombo()->findData(int(QualityScope::All))); },
                           [this] { m_panel->scopeCombo()->setCurrentIndex(m_panel->scopeCombo()->findData(int(QualityScope::PendingAndAccepted))); }));
        QTableWidget *rules = m_panel->ruleTable()->table();
        QTableWidgetItem *rule = rules->item(0, 0);
        QVERIFY(staleAfter([rule] { rule->setCheckState(Qt::Unchecked); }, [rule] { rule->setCheckState(Qt::Checked); }));
        QTableWidgetItem *params = rules->item(ruleRow(QStringLiteral("length")), 1);
        const QString text = params->text();
        QVERIFY(staleAfter([params] { params->setText(QStringLiteral("{\"max_words\": 4}")); },
                           [params, text] { params->setText(text); }));
        // Running the check again takes the new settings.
        m_panel->thresholdSpin()->setValue(0.5);
        QVERIFY(m_panel->isStale());
        QVERIFY(runAndWait());
        QVERIFY(!m_panel->isStale());
        QVERIFY(m_panel->applyButton()->isEnabled());
        QCOMPARE(m_panel->result().rejections.size(), m_panel->resultsTable()->rowCount());
        QVERIFY(m_panel->result().dedupRejected > 3);
    }

    void changeDuringRunReruns()
    {
        QVERIFY(runAndWait());
        // Hold every pool thread so the next run is still going when the setting changes.
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
        m_panel->thresholdSpin()->setValue(0.5);  // the run has 0.7
        gate.release(threads);
        while (ended.size() < 2)
            QVERIFY(ended.wait(30000));
        QVERIFY(!m_panel->currentJob());
        QVERIFY(!m_panel->isStale());
        QVERIFY(m_panel->summaryLabel()->text().contains(QLatin1String("ROUGE-L above 0.50")));
        QVERIFY(m_panel->result().dedupRejected > 3);
    }

    void everyNumberOrChoiceHasATooltip()
    {
        QStringList missing;
        for (QWidget *w : m_panel->findChildren<QWidget *>())
            if ((qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QComboBox *>(w) || qobject_cast<QCheckBox *>(w))
                && w->toolTip().isEmpty())
                missing << w->objectName();
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1String(", "))));
        QVERIFY(m_panel->findChildren<QComboBox *>().size() >= 4);
        QVERIFY(!m_panel->findChildren<QCheckBox *>().isEmpty());
        QVERIFY(!m_panel->findChildren<QAbstractSpinBox *>().isEmpty());
    }

    void ruleParametersReachTheRun()
    {
        // Invalid parameters stop the run with the rule's error (the rule table itself: test_qualityruletable).
        QTableWidget *rules = m_panel->ruleTable()->table();
        const int row = ruleRow(QStringLiteral("length"));
        QSignalSpy messages(m_panel, &QualityPanel::message);
        rules->item(row, 1)->setText(QStringLiteral("{\"max_words\": \"many\"}"));
        QVERIFY(!m_panel->run());
        QVERIFY(!m_panel->currentJob());
        QCOMPARE(messages.size(), 1);
        QVERIFY2(messages.first().first().toString().startsWith(QLatin1String("Instruction length: ")),
                 qPrintable(messages.first().first().toString()));
        QString error;
        m_panel->options(&error);
        QCOMPARE(error, messages.first().first().toString());
        // A valid edit is what the run applies.
        rules->item(row, 1)->setText(QStringLiteral("{\"max_words\": 4}"));
        m_panel->options(&error);
        QVERIFY(error.isEmpty());
        QVERIFY(runAndWait());
        // "Give three tips for keeping a houseplant alive." has 8 words, now too many.
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

    void mainWindowOpensRecordInCuration()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openWorkspace(m_ws->path()));
        QTRY_COMPARE(w.curationPanel()->model()->rowCount(), 38);
        QualityPanel *q = w.qualityPanel();
        auto *tabs = qobject_cast<QTabWidget *>(w.centralWidget());
        tabs->setCurrentWidget(q);
        QSignalSpy ended(q, &QualityPanel::runEnded);
        QVERIFY(q->run());
        QVERIFY(ended.wait(30000));
        QTableWidget *t = q->resultsTable();
        int row = -1;
        for (int r = 0; r < t->rowCount(); ++r)
            if (t->item(r, QualityPanel::IdColumn)->data(Qt::DisplayRole).toLongLong() == m_ids[30])
                row = r;
        QVERIFY(row >= 0);
        doubleClick(t->viewport(), t->visualItemRect(t->item(row, QualityPanel::ReasonColumn)).center());
        QCOMPARE(tabs->currentWidget(), w.curationPanel());
        QCOMPARE(w.curationPanel()->currentRecordId(), m_ids[30]);
    }
};

QTEST_MAIN(TestQualityPanel)
#include "test_qualitypanel.moc"
