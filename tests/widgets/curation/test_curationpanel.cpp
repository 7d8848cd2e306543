// The curation panel driven by QTest (offscreen): keyboard annotation with the
// shortcuts shown in the UI, undo / redo of every kind of edit, search and
// status filters, next pending.

#include <QApplication>
#include <QComboBox>
#include <QInputDialog>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

#include "curation/curationpanel.h"
#include "curation/recordeditor.h"
#include "curation/recordtablemodel.h"
#include "workspace/demo.h"
#include "workspace/workspace.h"

using namespace sft;

class TestCurationPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    QUndoStack *m_undo = nullptr;
    CurationPanel *m_panel = nullptr;

    RecordStatus statusOfRow(int row) { return m_ws->record(m_panel->model()->idAt(row))->status; }
    int currentRow() { return m_panel->table()->currentIndex().row(); }
    void press(QKeyCombination key) { QTest::keyClick(m_panel->table(), key.key(), key.keyboardModifiers()); }

private Q_SLOTS:
    void init()
    {
        const QString path = m_dir.filePath(QStringLiteral("p%1.sftws").arg(QDateTime::currentMSecsSinceEpoch()));
        ensureDemoWorkspace(path);
        m_ws = Workspace::open(path);
        m_undo = new QUndoStack;
        m_panel = new CurationPanel;
        m_panel->resize(1200, 700);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel));
        m_panel->setContext(m_ws.get(), m_undo);
        QTRY_COMPARE(m_panel->model()->rowCount(), int(m_ws->datasets().first().total));
        QTRY_COMPARE(currentRow(), 0);
        m_panel->table()->setFocus();
    }
    void cleanup()
    {
        delete m_panel;
        delete m_undo;
        m_ws.reset();
    }

    void acceptWithKeyboardAndUndo()
    {
        m_panel->selectRow(4);
        QCOMPARE(statusOfRow(4), RecordStatus::Pending);
        press(Qt::CTRL | Qt::Key_Return);
        QCOMPARE(statusOfRow(4), RecordStatus::Accepted);
        QCOMPARE(currentRow(), 5);  // moved on
        QCOMPARE(m_panel->model()->data(m_panel->model()->index(4, RecordTableModel::StatusColumn)).toString(),
                 QStringLiteral("accepted"));
        m_undo->undo();
        QCOMPARE(statusOfRow(4), RecordStatus::Pending);
        m_undo->redo();
        QCOMPARE(statusOfRow(4), RecordStatus::Accepted);
    }

    void rejectAsksForReason()
    {
        m_panel->selectRow(5);
        // The shortcut opens the reason dialog; answer it like a user would.
        QTimer::singleShot(0, this, [] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->setTextValue(QStringLiteral("made-up fact"));
            dialog->accept();
        });
        press(Qt::CTRL | Qt::SHIFT | Qt::Key_Return);
        const auto r = m_ws->record(m_panel->model()->idAt(5));
        QCOMPARE(r->status, RecordStatus::Rejected);
        QCOMPARE(r->reason, QStringLiteral("made-up fact"));
        m_undo->undo();
        QCOMPARE(m_ws->record(r->id)->status, RecordStatus::Pending);
        QCOMPARE(m_ws->record(r->id)->reason, QString());
    }

    void batchRejectIsOneUndoStep()
    {
        m_panel->selectRow(6);
        m_panel->table()->selectionModel()->select(
            QItemSelection(m_panel->model()->index(6, 0), m_panel->model()->index(9, RecordTableModel::ColumnCount - 1)),
            QItemSelectionModel::Select);
        QCOMPARE(m_panel->selectedRecordIds().size(), 4);
        m_panel->rejectSelected(QStringLiteral("batch"));
        for (int row = 6; row <= 9; ++row)
            QCOMPARE(statusOfRow(row), RecordStatus::Rejected);
        m_undo->undo();
        for (int row = 6; row <= 9; ++row)
            QCOMPARE(statusOfRow(row), RecordStatus::Pending);
    }

    void editFieldIsUndoable()
    {
        m_panel->selectRow(7);
        const qint64 id = m_panel->model()->idAt(7);
        QPlainTextEdit *output = m_panel->editor()->editor(RecordField::Output);
        const QString before = output->toPlainText();
        output->setFocus();
        output->moveCursor(QTextCursor::End);
        QTest::keyClicks(output, QStringLiteral(" Extra words."));
        m_panel->editor()->commitPending();
        QCOMPARE(m_ws->record(id)->output, before + QStringLiteral(" Extra words."));
        QCOMPARE(m_undo->count(), 1);  // the typing burst merged into one command
        m_undo->undo();
        QCOMPARE(m_ws->record(id)->output, before);
        QCOMPARE(output->toPlainText(), before);  // the editor shows the undone text
        m_undo->redo();
        QCOMPARE(output->toPlainText(), before + QStringLiteral(" Extra words."));
    }

    void navigationAndFlag()
    {
        m_panel->selectRow(2);
        press(Qt::ALT | Qt::Key_Down);
        QCOMPARE(currentRow(), 3);
        press(Qt::ALT | Qt::Key_Up);
        QCOMPARE(currentRow(), 2);
        // Rows 0-3 of the demo are accepted: next pending is row 4.
        m_panel->selectRow(0);
        press(Qt::CTRL | Qt::Key_J);
        QCOMPARE(currentRow(), 4);
        const qint64 id = m_panel->model()->idAt(4);
        press(Qt::CTRL | Qt::Key_M);
        QVERIFY(m_ws->record(id)->flagged);
        press(Qt::CTRL | Qt::Key_M);
        QVERIFY(!m_ws->record(id)->flagged);
        m_undo->undo();
        QVERIFY(m_ws->record(id)->flagged);
    }

    void searchAndStatusFilter()
    {
        QTest::keyClicks(m_panel->searchField(), QStringLiteral("haiku"));
        QTRY_COMPARE(m_panel->model()->rowCount(), 1);
        QVERIFY(m_ws->record(m_panel->model()->idAt(0))->instruction.contains(QStringLiteral("haiku")));
        m_panel->searchField()->setText(QStringLiteral("情感"));
        QTRY_COMPARE(m_panel->model()->rowCount(), 3);
        m_panel->searchField()->clear();
        const auto info = m_ws->datasets().first();
        QTRY_COMPARE(m_panel->model()->rowCount(), int(info.total));
        QComboBox *status = m_panel->statusFilter();
        status->setCurrentIndex(status->findData(1 << int(RecordStatus::Rejected)));
        QTRY_COMPARE(m_panel->model()->rowCount(), int(info.rejected));
        for (int r = 0; r < m_panel->model()->rowCount(); ++r)
            QCOMPARE(statusOfRow(r), RecordStatus::Rejected);
    }

    void sortByColumn()
    {
        m_panel->table()->sortByColumn(RecordTableModel::StatusColumn, Qt::DescendingOrder);
        QTRY_COMPARE(statusOfRow(0), RecordStatus::Rejected);
        m_panel->table()->sortByColumn(RecordTableModel::IdColumn, Qt::AscendingOrder);
        QTRY_VERIFY(m_panel->model()->idAt(0) < m_panel->model()->idAt(1));
    }
};

QTEST_MAIN(TestCurationPanel)
#include "test_curationpanel.moc"
