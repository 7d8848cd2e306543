// The record undo commands when the workspace cannot be written (another
// program holds its write lock past the busy timeout): the error is reported
// through Workspace::errorOccurred, the data is unchanged, and the undo stack
// drops the failed command instead of claiming a change that did not happen.

#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "write_lock.h"
#include "common/setstatuscommand.h"
#include "curation/curationpanel.h"
#include "curation/recordeditor.h"
#include "curation/recordtablemodel.h"
#include "curation/setfieldcommand.h"
#include "curation/setflagcommand.h"
#include "mainwindow.h"
#include "workspace/connection.h"
#include "workspace/demo.h"
#include "workspace/workspace.h"

using namespace sft;

using sfttest::WriteLock;

namespace {


} // namespace

class TestUndoWriteFailures : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<QSignalSpy> m_errors;
    QUndoStack m_undo;
    QList<qint64> m_ids;

    RecordData rec(qint64 id) { return *m_ws->record(id); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // the main window's settings stay out of the user's
    }

    void init()
    {
        m_ws = Workspace::open(m_dir.filePath(QStringLiteral("u%1.sftws").arg(++m_n)));
        const qint64 d = m_ws->createDataset(QStringLiteral("set"));
        m_ids.clear();
        for (int i = 0; i < 4; ++i) {
            Record r;
            r.instruction = "instruction " + std::to_string(i);
            r.output = "output " + std::to_string(i);
            m_ids << m_ws->addRecord(d, r);
        }
        // The lock below is never released by its holder during a write: fail fast.
        QSqlQuery(m_ws->db()).exec(QStringLiteral("PRAGMA busy_timeout = 20"));
        m_errors = std::make_unique<QSignalSpy>(m_ws.get(), &Workspace::errorOccurred);
        m_undo.clear();
    }
    void cleanup()
    {
        m_undo.clear();
        m_errors.reset();
        m_ws.reset();
    }

    void statusPushFails()
    {
        m_undo.push(new SetStatusCommand(m_ws.get(), {m_ids[0]}, RecordStatus::Rejected, QStringLiteral("bad")));
        QCOMPARE(m_undo.count(), 1);
        WriteLock lock(m_ws->path());
        m_undo.push(new SetStatusCommand(m_ws.get(), m_ids, RecordStatus::Accepted));
        QCOMPARE(m_errors->count(), 1);
        QVERIFY2(m_errors->first().first().toString().contains(QStringLiteral("locked")),
                 qPrintable(m_errors->first().first().toString()));
        QCOMPARE(m_undo.count(), 1);
        QCOMPARE(m_undo.index(), 1);
        lock.release();
        QCOMPARE(rec(m_ids[0]).status, RecordStatus::Rejected);
        for (int i = 1; i < 4; ++i)
            QCOMPARE(rec(m_ids[i]).status, RecordStatus::Pending);
        m_undo.undo();  // the stack still undoes what it holds
        QCOMPARE(rec(m_ids[0]).status, RecordStatus::Pending);
    }

    void statusUndoAndRedoFail()
    {
        m_undo.push(new SetStatusCommand(m_ws.get(), m_ids, RecordStatus::Accepted));
        {
            WriteLock lock(m_ws->path());
            m_undo.undo();
        }
        QCOMPARE(m_errors->count(), 1);
        // The command could not be undone: it is gone, the data keeps the change.
        QCOMPARE(m_undo.count(), 0);
        QCOMPARE(m_undo.index(), 0);
        QCOMPARE(rec(m_ids[2]).status, RecordStatus::Accepted);

        m_undo.push(new SetStatusCommand(m_ws.get(), m_ids, RecordStatus::Rejected));
        m_undo.undo();
        QCOMPARE(rec(m_ids[2]).status, RecordStatus::Accepted);
        QCOMPARE(m_undo.count(), 1);
        {
            WriteLock lock(m_ws->path());
            m_undo.redo();
        }
        QCOMPARE(m_errors->count(), 2);
        QCOMPARE(m_undo.count(), 0);
        QCOMPARE(m_undo.index(), 0);
        QCOMPARE(rec(m_ids[2]).status, RecordStatus::Accepted);
    }

    void statusReadFailsBeforeWriting()
    {
        // The states to restore cannot be read: the change is not made at all.
        {
            ScopedConnection other(m_ws->path());
            QVERIFY(QSqlQuery(other.db()).exec(QStringLiteral("ALTER TABLE records RENAME COLUMN status TO state")));
        }
        m_undo.push(new SetStatusCommand(m_ws.get(), m_ids, RecordStatus::Accepted));
        QCOMPARE(m_errors->count(), 1);
        QCOMPARE(m_undo.count(), 0);
        QSqlQuery q(m_ws->db());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM records WHERE state = 0")) && q.next());
        QCOMPARE(q.value(0).toInt(), 4);
    }

    void flagPushAndUndoFail()
    {
        m_undo.push(new SetFlagCommand(m_ws.get(), {m_ids[1]}, true));
        QVERIFY(rec(m_ids[1]).flagged);
        {
            WriteLock lock(m_ws->path());
            m_undo.push(new SetFlagCommand(m_ws.get(), m_ids, true));
        }
        QCOMPARE(m_errors->count(), 1);
        QCOMPARE(m_undo.count(), 1);
        QCOMPARE(m_undo.index(), 1);
        QVERIFY(!rec(m_ids[0]).flagged);
        QVERIFY(rec(m_ids[1]).flagged);

        {
            WriteLock lock(m_ws->path());
            m_undo.undo();
        }
        QCOMPARE(m_errors->count(), 2);
        QCOMPARE(m_undo.count(), 0);
        QVERIFY(rec(m_ids[1]).flagged);
    }

    void fieldEditFailsAndIsNotMerged()
    {
        m_undo.push(new SetFieldCommand(m_ws.get(), m_ids[0], RecordField::Output, QStringLiteral("output 0"),
                                        QStringLiteral("first edit")));
        {
            WriteLock lock(m_ws->path());
            // Same record and field: it would merge into the first if it were not dropped.
            m_undo.push(new SetFieldCommand(m_ws.get(), m_ids[0], RecordField::Output, QStringLiteral("first edit"),
                                            QStringLiteral("lost edit")));
        }
        QCOMPARE(m_errors->count(), 1);
        QCOMPARE(m_undo.count(), 1);
        QCOMPARE(m_undo.index(), 1);
        QCOMPARE(rec(m_ids[0]).output, QStringLiteral("first edit"));
        m_undo.undo();
        QCOMPARE(rec(m_ids[0]).output, QStringLiteral("output 0"));
        m_undo.redo();
        QCOMPARE(rec(m_ids[0]).output, QStringLiteral("first edit"));  // not the edit that failed
    }

    void editorKeepsUnsavedTextAndRetries()
    {
        RecordEditor editor;
        editor.setContext(m_ws.get(), &m_undo);
        editor.setRecord(m_ids[3]);
        editor.editor(RecordField::Note)->setPlainText(QStringLiteral("typed while locked"));
        {
            WriteLock lock(m_ws->path());
            editor.commitPending();
        }
        QCOMPARE(m_errors->count(), 1);
        QCOMPARE(m_undo.count(), 0);
        QCOMPARE(rec(m_ids[3]).note, QString());
        QCOMPARE(editor.editor(RecordField::Note)->toPlainText(), QStringLiteral("typed while locked"));
        editor.commitPending();  // the next commit saves it
        QCOMPARE(m_errors->count(), 1);
        QCOMPARE(m_undo.count(), 1);
        QCOMPARE(rec(m_ids[3]).note, QStringLiteral("typed while locked"));
        m_undo.undo();
        QCOMPARE(rec(m_ids[3]).note, QString());
    }

    void panelStaysOnRecordWhenAcceptFails()
    {
        CurationPanel panel;
        panel.setContext(m_ws.get(), &m_undo);
        QTRY_COMPARE(panel.model()->rowCount(), 4);
        panel.selectRow(1);
        {
            WriteLock lock(m_ws->path());
            panel.acceptSelected();
        }
        QCOMPARE(m_errors->count(), 1);
        QCOMPARE(m_undo.count(), 0);
        QCOMPARE(panel.table()->currentIndex().row(), 1);  // not moved on to the next record
        QCOMPARE(rec(m_ids[1]).status, RecordStatus::Pending);
        panel.acceptSelected();
        QCOMPARE(rec(m_ids[1]).status, RecordStatus::Accepted);
        QCOMPARE(panel.table()->currentIndex().row(), 2);
    }

    void mainWindowShowsTheError()
    {
        m_errors.reset();
        const QString path = m_ws->path();
        m_ws.reset();
        MainWindow w;
        QVERIFY(w.openWorkspace(path));
        QSqlQuery(w.workspace()->db()).exec(QStringLiteral("PRAGMA busy_timeout = 20"));
        QSignalSpy shown(&w, &MainWindow::errorOccurred);
        {
            WriteLock lock(path);
            w.undoStack()->push(new SetStatusCommand(w.workspace(), m_ids, RecordStatus::Accepted));
        }
        QCOMPARE(shown.count(), 1);
        QVERIFY2(shown.first().first().toString().contains(QStringLiteral("locked")),
                 qPrintable(shown.first().first().toString()));
        QCOMPARE(w.undoStack()->count(), 0);
        // Shown without blocking: the box is open and the test goes on.
        const auto boxes = w.findChildren<QMessageBox *>();
        QCOMPARE(boxes.size(), 1);
        QVERIFY(boxes.first()->text().contains(QStringLiteral("locked")));
    }
};

QTEST_MAIN(TestUndoWriteFailures)
#include "test_undo_write_failures.moc"
