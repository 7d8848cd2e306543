// The Quality panel on conversations and against a reference pool, on the
// demo workspace (qualitypanel_fixture.h): the first user turn or the whole
// conversation compared, the rules' turn in the reason and the record shown
// message by message; "Compare against" another dataset of the workspace, or a
// file picked in the non-modal file dialog, whose records are never rejected.

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

#include "quality/lcscompareview.h"
#include "quality/qualitypanel.h"
#include "quality/referencepoolcombo.h"
#include "qualitypanel_fixture.h"

using namespace sft;

class TestQualityPanelPool : public QualityPanelFixture
{
    Q_OBJECT

private Q_SLOTS:
    void firstTurnOrWholeConversation()
    {
        // Two conversations open alike and part ways; a third has a too short second user message.
        const qint64 a = addConversation({{"user", "Plan a three day trip to Rome for me."},
                                          {"assistant", "Day one: the Colosseum and the Forum."},
                                          {"user", "Add a cooking class on day two."},
                                          {"assistant", "Day two: pasta class in Trastevere."}});
        const qint64 b = addConversation({{"user", "Plan a three day trip to Rome for me."},
                                          {"assistant", "Sure, which season do you travel in?"},
                                          {"user", "In December, with two small children."},
                                          {"assistant", "Then start with the Christmas markets at Piazza Navona."}});
        const qint64 c = addConversation({{"user", "Explain how tides work in a few sentences."},
                                          {"assistant", "The moon pulls the oceans."},
                                          {"user", "Why?"},
                                          {"assistant", "Gravity weakens with distance."}});
        QCOMPARE(m_panel->fieldCombo()->itemData(3).toInt(), int(QualityField::Conversation));
        QVERIFY(runAndWait());
        // The default compares the first user turn: b repeats a.
        QVERIFY(rowOf(b) >= 0);
        QCOMPARE(tableRows()[rowOf(b)].reason, QStringLiteral("ROUGE-L 1.00 with record %1").arg(a));
        // The rule names the turn; the record is shown message by message.
        QVERIFY(rowOf(c) >= 0);
        const Row rule = tableRows()[rowOf(c)];
        QCOMPARE(rule.rule, QStringLiteral("length"));
        QVERIFY2(rule.reason.startsWith(QLatin1String("turn 2: instruction has 1 word")), qPrintable(rule.reason));
        QCOMPARE(m_ws->record(c)->turns.size(), 4);
        m_panel->resultsTable()->selectRow(rowOf(c));
        const QString shown = m_panel->compareView()->leftView()->toPlainText();
        QVERIFY2(shown.contains(QLatin1String("Turn 2, user:\nWhy?")), qPrintable(shown));
        QVERIFY(m_panel->compareView()->scoreLabel()->text().contains(QLatin1String("turn 2: ")));

        // The whole conversation: a and b differ after the opening, and the re-run keeps b.
        QVERIFY(changeAndWaitForRerun([this] { selectField(QualityField::Conversation); }));
        QCOMPARE(m_panel->result().tokenizer, rouge::TokenizerKind::Cjk);  // the demo's Chinese records still count
        QCOMPARE(rowOf(b), -1);
        QVERIFY(rowOf(c) >= 0);  // rules do not depend on the field
    }

    void poolDatasetIsNeverRejected()
    {
        // The pool lists the workspace's other datasets, refreshed when one is added.
        QCOMPARE(poolItems(), (QStringList{QStringLiteral("0:Nothing (only earlier records of this dataset)"),
                                          QStringLiteral("3:A file…")}));
        const qint64 seeds = m_ws->createDataset(QStringLiteral("seeds"));
        Record r;
        r.instruction = "Give three tips for keeping a houseplant alive?";
        r.output = "Water, light, patience.";
        const qint64 seed = m_ws->addRecord(seeds, r);
        r.instruction = "Give three tips for keeping a houseplant alive";  // a twin inside the pool
        const qint64 twin = m_ws->addRecord(seeds, r);
        QCOMPARE(poolItems(), (QStringList{QStringLiteral("0:Nothing (only earlier records of this dataset)"),
                                          QStringLiteral("1:seeds"), QStringLiteral("3:A file…")}));
        QCOMPARE(m_panel->poolCombo()->currentIndex(), 0);

        m_panel->poolCombo()->setCurrentIndex(poolIndex(ReferencePoolCombo::PoolDataset));
        QVERIFY(runAndWait());
        QCOMPARE(m_panel->result().poolRecords, 2);
        // 1 and 17 are now both near the pool's first record; the pool's records are not listed.
        for (int k : {1, 17}) {
            QVERIFY2(rowOf(m_ids[k]) >= 0, qPrintable(QString::number(k)));
            QCOMPARE(tableRows()[rowOf(m_ids[k])].reason,
                     QStringLiteral("ROUGE-L 1.00 with record %1 of the reference pool").arg(seed));
        }
        QCOMPARE(rowOf(seed), -1);
        QCOMPARE(rowOf(twin), -1);
        QVERIFY2(m_panel->summaryLabel()->text().contains(QLatin1String("reference pool of 2 record(s)")),
                 qPrintable(m_panel->summaryLabel()->text()));
        // The comparison shows the pool's record.
        m_panel->resultsTable()->selectRow(rowOf(m_ids[1]));
        QCOMPARE(m_panel->compareView()->rightView()->toPlainText(), QStringLiteral("Give three tips for keeping a houseplant alive?"));
        QCOMPARE(m_panel->compareView()->rightTitleLabel()->text(),
                 QStringLiteral("Record %1 of the reference pool (nearest)").arg(seed));
        m_panel->apply();
        QCOMPARE(m_ws->record(m_ids[1])->status, RecordStatus::Rejected);
        QCOMPARE(m_ws->record(seed)->status, RecordStatus::Pending);
        QCOMPARE(m_ws->record(twin)->status, RecordStatus::Pending);

        // Without the pool 1 is kept again and 17 goes as its near-duplicate.
        m_undo->undo();
        m_panel->poolCombo()->setCurrentIndex(0);
        QVERIFY(runAndWait());
        QCOMPARE(m_panel->result().poolRecords, 0);
        QCOMPARE(rowOf(m_ids[1]), -1);
        QCOMPARE(tableRows()[rowOf(m_ids[17])].reason, rougeReason(1, 1));

        // The checked dataset is not offered as its own pool; checking "seeds" offers the demo dataset.
        m_panel->setDataset(seeds);
        QCOMPARE(poolItems().size(), 3);
        QCOMPARE(m_panel->poolCombo()->itemData(1, ReferencePoolCombo::ValueRole).toLongLong(), datasetId());
    }

    void poolFileFromTheDialog()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("seeds.jsonl"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"id": "seed_task_0", "name": "a", "instruction": "Name a colour of the rainbow.", "instances": [{"input": "", "output": "Red"}], "is_classification": false}
{"id": "seed_task_1", "name": "b", "instruction": "Give three tips for keeping a houseplant alive", "instances": [{"input": "", "output": "Water"}], "is_classification": false}
)");
        }
        // "A file…" opens the dialog without blocking; the combo keeps the pool in use meanwhile.
        m_panel->poolCombo()->setCurrentIndex(poolIndex(ReferencePoolCombo::ChooseFile));
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_panel->findChild<QFileDialog *>(QStringLiteral("poolFileDialog"))));
        QVERIFY(dialog->isVisible());
        QCOMPARE(m_panel->poolCombo()->currentIndex(), 0);
        // Cancelled: nothing changes.
        dialog->reject();
        QTRY_VERIFY(!m_panel->findChild<QFileDialog *>(QStringLiteral("poolFileDialog")));
        QCOMPARE(m_panel->poolCombo()->currentIndex(), 0);

        m_panel->poolCombo()->setCurrentIndex(poolIndex(ReferencePoolCombo::ChooseFile));
        QTRY_VERIFY((dialog = m_panel->findChild<QFileDialog *>(QStringLiteral("poolFileDialog"))));
        dialog->selectFile(file);
        static_cast<QDialog *>(dialog)->accept();  // QFileDialog::accept, through the public QDialog slot
        QCOMPARE(m_panel->poolCombo()->currentText(), QStringLiteral("File: seeds.jsonl"));
        QCOMPARE(m_panel->poolCombo()->currentData().toInt(), int(ReferencePoolCombo::PoolFile));
        QVERIFY(runAndWait());
        QCOMPARE(m_panel->result().poolRecords, 2);
        QCOMPARE(tableRows()[rowOf(m_ids[1])].reason,
                 QStringLiteral("ROUGE-L 1.00 with record 2 of the reference pool seeds.jsonl"));
        m_panel->resultsTable()->selectRow(rowOf(m_ids[1]));
        QCOMPARE(m_panel->compareView()->rightTitleLabel()->text(),
                 QStringLiteral("Record 2 of the reference pool seeds.jsonl (nearest)"));
        QCOMPARE(m_panel->compareView()->rightView()->toPlainText(),
                 QStringLiteral("Give three tips for keeping a houseplant alive"));
        QCOMPARE(m_panel->compareView()->score(), 1.0);

        // Another file in place of the first: the one file item names it, and the preview follows.
        const QString other = dir.filePath(QStringLiteral("other.jsonl"));
        {
            QFile f(other);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"instruction": "Name a colour of the rainbow.", "input": "", "output": "Red"})" "\n");
        }
        QVERIFY(changeAndWaitForRerun([this, &other] {
            m_panel->poolCombo()->setCurrentIndex(poolIndex(ReferencePoolCombo::ChooseFile));
            auto *d = m_panel->findChild<QFileDialog *>(QStringLiteral("poolFileDialog"));
            QVERIFY(d);
            d->selectFile(other);
            static_cast<QDialog *>(d)->accept();
        }));
        QCOMPARE(m_panel->poolCombo()->currentText(), QStringLiteral("File: other.jsonl"));
        QCOMPARE(poolItems().size(), 3);  // nothing, the file, "A file…"
        QCOMPARE(m_panel->result().poolRecords, 1);
        QCOMPARE(tableRows()[rowOf(m_ids[17])].reason, rougeReason(1, 1));  // no houseplant in this pool
        QVERIFY(changeAndWaitForRerun([this, &file] { m_panel->poolCombo()->setPoolFile(file); }));
        QCOMPARE(m_panel->result().poolRecords, 2);

        // Applied, the reason is stored with its parameters: shown again from them.
        m_panel->apply();
        const RecordData rec = *m_ws->record(m_ids[1]);
        QCOMPARE(rec.reason, QStringLiteral("ROUGE-L 1.00 with record 2 of the reference pool seeds.jsonl"));
        QVERIFY(rec.reasonArgs.contains(QLatin1String("\"pool_file\":\"seeds.jsonl\"")));

        // A file that went away fails the check with the file named.
        QFile::remove(file);
        QVERIFY(runAndWait());
        QVERIFY2(m_panel->summaryLabel()->text().contains(QLatin1String("seeds.jsonl")),
                 qPrintable(m_panel->summaryLabel()->text()));
    }
};

QTEST_MAIN(TestQualityPanelPool)
#include "test_qualitypanel_pool.moc"
