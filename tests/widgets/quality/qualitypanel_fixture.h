#pragma once
// The fixture the Quality panel's tests share: a fresh copy of the demo
// workspace for every test function and a shown panel on its dataset. The
// demo's near-duplicates are known by construction: "Give three tips for
// keeping a houseplant alive." and its "…alive!" twin (1 and 17), the Chinese
// 18 and its copy 30 (found only by the cjk tokenizer, which the defaults
// choose), plus records only a heuristic rule rejects (31 "picture", 32 "Write
// a program", 33 too short); 35-38 are conversations that pass every rule.
// Sentiment examples share an instruction with different inputs (3-5, 20-22):
// not duplicates, and the defaults must keep them.
//
// A test class derives from QualityPanelFixture (a QObject whose init and
// cleanup slots QTest runs around each test function) and declares its tests
// as private slots.

#include <QComboBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <memory>
#include <vector>

#include "quality/qualitypanel.h"
#include "quality/referencepoolcombo.h"
#include "workspace/demo.h"
#include "workspace/recordfilter.h"
#include "workspace/workspace.h"

/** A row of the results table: the record, the rule id and the reason shown. */
struct QualityRow
{
    qint64 id;
    QString rule, reason;
};

class QualityPanelFixture : public QObject
{
    Q_OBJECT

protected:
    using Row = QualityRow;

    QTemporaryDir m_dir;
    std::unique_ptr<sft::Workspace> m_ws;
    QUndoStack *m_undo = nullptr;
    QualityPanel *m_panel = nullptr;
    QVector<qint64> m_ids;   // m_ids[k] = demo record k (1-based, as in resources/demo)

    QList<QualityRow> tableRows() const
    {
        QList<QualityRow> rows;
        QTableWidget *t = m_panel->resultsTable();
        for (int r = 0; r < t->rowCount(); ++r)
            rows.push_back({t->item(r, QualityPanel::IdColumn)->data(Qt::DisplayRole).toLongLong(),
                            t->item(r, QualityPanel::RuleColumn)->data(Qt::UserRole).toString(),
                            t->item(r, QualityPanel::ReasonColumn)->text()});
        return rows;
    }
    QList<sft::StatusState> allStates() const
    {
        return m_ws->statusStates(QList<qint64>(m_ids.begin() + 1, m_ids.end()));
    }
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
    QTableWidgetItem *checkItem(qint64 id) const
    {
        const int row = rowOf(id);
        return row >= 0 ? m_panel->resultsTable()->item(row, QualityPanel::IdColumn) : nullptr;
    }
    bool isChecked(qint64 id) const { return checkItem(id) && checkItem(id)->checkState() == Qt::Checked; }
    /** A settings change on a previewed panel re-runs the check; wait until that run ends. */
    template<typename F>
    bool changeAndWaitForRerun(F change)
    {
        QSignalSpy ended(m_panel, &QualityPanel::runEnded);
        change();
        if (!m_panel->currentJob())
            return false;  // did not re-run
        return ended.wait(30000) && m_panel->hasPreview() && !m_panel->isStale();
    }
    void selectField(sft::QualityField f)
    {
        m_panel->fieldCombo()->setCurrentIndex(m_panel->fieldCombo()->findData(int(f)));
    }
    void selectTokenizer(int data)
    {
        m_panel->tokenizerCombo()->setCurrentIndex(m_panel->tokenizerCombo()->findData(data));
    }
    /** The pool combo's items as "kind:text". */
    QStringList poolItems() const
    {
        QStringList out;
        for (int i = 0; i < m_panel->poolCombo()->count(); ++i)
            out << QStringLiteral("%1:%2").arg(m_panel->poolCombo()->itemData(i).toInt()).arg(m_panel->poolCombo()->itemText(i));
        return out;
    }
    int poolIndex(int kind) const
    {
        for (int i = 0; i < m_panel->poolCombo()->count(); ++i)
            if (m_panel->poolCombo()->itemData(i).toInt() == kind)
                return i;
        return -1;
    }
    qint64 datasetId() const { return m_ws->datasets().first().id; }
    qint64 addConversation(std::vector<sft::ChatMessage> turns)
    {
        sft::Record r;
        r.turns = std::move(turns);
        r.instruction = r.turns.front().content;
        r.output = r.turns[1].content;
        return m_ws->addRecord(datasetId(), r);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        static int n = 0;
        const QString path = m_dir.filePath(QStringLiteral("q%1.sftws").arg(++n));
        sft::ensureDemoWorkspace(path);
        m_ws = sft::Workspace::open(path);
        sft::RecordFilter all;
        all.datasetId = m_ws->datasets().first().id;
        m_ids = QVector<qint64>{0} + sft::queryRecordIds(m_ws->db(), all);
        QCOMPARE(m_ids.size(), 39);  // 34 single-turn records, then 4 conversations (35-38)
        QCOMPARE(m_ws->record(m_ids[17])->instruction, QStringLiteral("Give three tips for keeping a houseplant alive!"));
        QCOMPARE(m_ws->record(m_ids[30])->instruction, QStringLiteral("给出保持健康的三个建议"));
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
        m_panel = nullptr;
        delete m_undo;
        m_undo = nullptr;
        m_ws.reset();
    }
};
