// Making data by hand in the curation panel, driven by QTest (offscreen) with
// the shortcuts the tool bar shows: Ctrl+N makes an empty pending record, selects
// it and puts the cursor in its instruction, and typing is saved; Ctrl+D copies,
// Delete (in the table, not in a text field) deletes; each is one undo step that
// brings the records back with their ids, fields and status. A new dataset's
// name dialog is answered like a user would (it is opened, not exec'd). The
// Datasets dock's counts follow; actions are off when there is nothing to act
// on; a record added by sftbench-cli shows after Reload (F5).

#include <QApplication>
#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolBar>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>

#include "curation/curationpanel.h"
#include "curation/datasetlist.h"
#include "curation/recordactions.h"
#include "curation/recordeditor.h"
#include "curation/recordtablemodel.h"
#include "test_util.h"
#include "widget_test_util.h"
#include "workspace/demo.h"
#include "workspace/workspace.h"

using namespace sft;

class TestRecordActions : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    QUndoStack *m_undo = nullptr;
    CurationPanel *m_panel = nullptr;
    qint64 m_demo = 0;

    RecordActions *actions() { return m_panel->recordActions(); }
    int currentRow() { return m_panel->table()->currentIndex().row(); }
    QPlainTextEdit *field(RecordField f) { return m_panel->editor()->editor(f); }
    qint64 total() { return m_ws->dataset(m_demo)->total; }
    void press(QWidget *w, QKeyCombination key) { QTest::keyClick(w, key.key(), key.keyboardModifiers()); }
    QString cell(int row, int column)
    {
        return m_panel->model()->data(m_panel->model()->index(row, column)).toString();
    }
    // The row is selected, current, and inside the table's viewport.
    bool shownAndSelected(qint64 id)
    {
        const int row = m_panel->model()->rowOf(id);
        if (row < 0 || currentRow() != row || m_panel->selectedRecordIds() != QList<qint64>{id})
            return false;
        const QRect rect = m_panel->table()->visualRect(m_panel->model()->index(row, 0));
        return m_panel->table()->viewport()->rect().contains(rect);
    }

private Q_SLOTS:
    void init()
    {
        const QString path = m_dir.filePath(QStringLiteral("r%1.sftws").arg(QDateTime::currentMSecsSinceEpoch()));
        ensureDemoWorkspace(path);
        m_ws = Workspace::open(path);
        m_demo = m_ws->datasets().first().id;
        m_undo = new QUndoStack;
        m_panel = new CurationPanel;
        m_panel->resize(1200, 700);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowActive(m_panel));
        m_panel->setContext(m_ws.get(), m_undo);
        QTRY_COMPARE(m_panel->model()->rowCount(), int(total()));
        QTRY_COMPARE(currentRow(), 0);
        m_panel->table()->setFocus();
    }
    void cleanup()
    {
        delete m_panel;
        delete m_undo;
        m_ws.reset();
    }

    void newRecordFromTheKeyboard()
    {
        const qint64 before = total();
        press(m_panel->table(), Qt::CTRL | Qt::Key_N);
        QCOMPARE(total(), before + 1);
        QCOMPARE(m_undo->count(), 1);
        // The newest record of the dataset is the new one: empty, pending, made by hand.
        QTRY_COMPARE(m_panel->model()->rowCount(), int(before + 1));
        const qint64 created = m_panel->model()->idAt(m_panel->model()->rowCount() - 1);
        const auto r = m_ws->record(created);
        QVERIFY(r);
        QVERIFY(r->instruction.isEmpty() && r->input.isEmpty() && r->output.isEmpty());
        QCOMPARE(r->status, RecordStatus::Pending);
        QCOMPARE(r->source, QStringLiteral("manual"));
        QCOMPARE(m_undo->undoText(), QStringLiteral("New record %1 in “demo”").arg(created));
        // Selected, scrolled to, in the editor, and the cursor is in its instruction.
        QTRY_VERIFY(shownAndSelected(created));
        QCOMPARE(m_panel->editor()->recordId(), created);
        QTRY_COMPARE(QApplication::focusWidget(), field(RecordField::Instruction));
        QVERIFY(!field(RecordField::Instruction)->placeholderText().isEmpty());

        // Typing goes into the new record, is saved, and shows in the table.
        sfttest::typeText(QApplication::focusWidget(), QStringLiteral("写一首关于秋天的俳句。"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);  // leaving the field saves it
        QCOMPARE(QApplication::focusWidget(), field(RecordField::Input));
        QCOMPARE(m_ws->record(created)->instruction, QStringLiteral("写一首关于秋天的俳句。"));
        const int row = m_panel->model()->rowOf(created);
        QTRY_COMPARE(cell(row, RecordTableModel::InstructionColumn), QStringLiteral("写一首关于秋天的俳句。"));
        QCOMPARE(m_undo->count(), 2);

        // Undo the typing, then the record: it is gone from the dataset and the table.
        m_undo->undo();
        QCOMPARE(m_ws->record(created)->instruction, QString());
        m_undo->undo();
        QCOMPARE(total(), before);
        QVERIFY(m_ws->record(created)->datasetId != m_demo);  // in the trash, for redo
        QTRY_COMPARE(m_panel->model()->rowCount(), int(before));
        QCOMPARE(m_panel->model()->rowOf(created), -1);
        // Redo both: the same record (same id) with its text.
        m_undo->redo();
        m_undo->redo();
        QCOMPARE(total(), before + 1);
        QCOMPARE(m_ws->record(created)->datasetId, m_demo);
        QCOMPARE(m_ws->record(created)->instruction, QStringLiteral("写一首关于秋天的俳句。"));
        QTRY_COMPARE(m_panel->model()->rowCount(), int(before + 1));
        QVERIFY(m_panel->model()->rowOf(created) >= 0);
    }

    // Ctrl+N while typing in another record: the typing is saved first, as its own step.
    void newRecordWhileTyping()
    {
        m_panel->selectRow(6);
        const qint64 edited = m_panel->model()->idAt(6);
        QPlainTextEdit *note = field(RecordField::Note);
        note->setFocus();
        QTest::keyClicks(note, QStringLiteral("check"));
        QVERIFY(m_panel->editor()->hasPendingEdit());
        press(note, Qt::CTRL | Qt::Key_N);
        QCOMPARE(m_ws->record(edited)->note, QStringLiteral("check"));
        QCOMPARE(m_undo->count(), 2);
        QVERIFY(m_undo->undoText().startsWith(QStringLiteral("New record")));
        QTRY_COMPARE(QApplication::focusWidget(), field(RecordField::Instruction));
        QVERIFY(m_panel->editor()->recordId() != edited);
    }

    // The new record would be hidden by the search and the status filter: they are cleared to show it.
    void newRecordClearsFiltersThatHideIt()
    {
        m_panel->statusFilter()->setCurrentIndex(m_panel->statusFilter()->findData(1 << int(RecordStatus::Accepted)));
        m_panel->searchField()->setText(QStringLiteral("haiku"));
        QTRY_COMPARE(m_panel->model()->rowCount(), 0);
        QSignalSpy messages(m_panel, &CurationPanel::message);
        const qint64 id = actions()->newRecord();
        QVERIFY(id > 0);
        QTRY_VERIFY(shownAndSelected(id));
        QVERIFY(m_panel->searchField()->text().isEmpty());
        QCOMPARE(m_panel->statusFilter()->currentIndex(), 0);
        QCOMPARE(m_panel->model()->rowCount(), int(total()));
        QVERIFY(!messages.isEmpty());
        QVERIFY2(messages.last().first().toString().contains(QStringLiteral("filters")),
                 qPrintable(messages.last().first().toString()));
    }

    void duplicateAndUndo()
    {
        m_panel->selectRow(2);  // accepted in the demo
        const qint64 original = m_panel->model()->idAt(2);
        m_ws->setFlagged({original}, true);
        m_ws->setField(original, RecordField::Tags, QStringLiteral("math, easy"));
        const auto source = m_ws->record(original);
        QCOMPARE(source->status, RecordStatus::Accepted);
        const qint64 before = total();
        press(m_panel->table(), Qt::CTRL | Qt::Key_D);
        QCOMPARE(total(), before + 1);
        QCOMPARE(m_undo->undoText(), QStringLiteral("Duplicate 1 record(s) in “demo”"));
        QTRY_COMPARE(m_panel->model()->rowCount(), int(before + 1));
        const qint64 copy = m_panel->model()->idAt(m_panel->model()->rowCount() - 1);
        QVERIFY(copy != original);
        const auto c = m_ws->record(copy);
        QCOMPARE(c->instruction, source->instruction);
        QCOMPARE(c->input, source->input);
        QCOMPARE(c->output, source->output);
        QCOMPARE(c->tags, source->tags);
        QCOMPARE(c->status, RecordStatus::Pending);  // a copy is reviewed again
        QVERIFY(!c->flagged);
        QCOMPARE(c->source, QStringLiteral("manual"));
        // The copy is selected and its instruction takes the focus (a copy is made to be changed).
        QTRY_VERIFY(shownAndSelected(copy));
        QTRY_COMPARE(QApplication::focusWidget(), field(RecordField::Instruction));
        m_undo->undo();
        QCOMPARE(total(), before);
        QTRY_COMPARE(m_panel->model()->rowOf(copy), -1);
        m_undo->redo();
        QCOMPARE(m_ws->record(copy)->datasetId, m_demo);
        QTRY_VERIFY(m_panel->model()->rowOf(copy) >= 0);
        QCOMPARE(m_ws->record(original)->status, RecordStatus::Accepted);  // the original untouched

        // Several rows: one step, copies in the selection's order.
        m_panel->selectRow(4);
        m_panel->table()->selectionModel()->select(
            QItemSelection(m_panel->model()->index(4, 0), m_panel->model()->index(6, RecordTableModel::ColumnCount - 1)),
            QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const QList<qint64> three = m_panel->selectedRecordIds();
        QCOMPARE(three.size(), 3);
        const QList<qint64> copies = actions()->duplicateSelected();
        QCOMPARE(copies.size(), 3);
        QCOMPARE(m_undo->undoText(), QStringLiteral("Duplicate 3 record(s) in “demo”"));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(m_ws->record(copies[i])->instruction, m_ws->record(three[i])->instruction);
        m_undo->undo();
        for (qint64 id : copies)
            QVERIFY(m_ws->record(id)->datasetId != m_demo);
    }

    void deleteWithTheKeyAndUndo()
    {
        // Rows 5-7, one of them rejected with a rule, flagged and annotated.
        m_panel->selectRow(5);
        m_panel->table()->selectionModel()->select(
            QItemSelection(m_panel->model()->index(5, 0), m_panel->model()->index(7, RecordTableModel::ColumnCount - 1)),
            QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const QList<qint64> ids = m_panel->selectedRecordIds();
        QCOMPARE(ids.size(), 3);
        const qint64 below = m_panel->model()->idAt(8);
        m_ws->setStatus({ids[1]}, RecordStatus::Rejected, QStringLiteral("too long"), QStringLiteral("length"),
                        QStringLiteral(R"({"field":"output"})"));
        m_ws->setFlagged({ids[1]}, true);
        m_ws->setField(ids[1], RecordField::Note, QStringLiteral("a note"));
        const auto kept = m_ws->record(ids[1]);
        const qint64 before = total();
        const qint64 rejected = m_ws->dataset(m_demo)->rejected;

        // Delete while typing in a field deletes text, not records.
        QPlainTextEdit *instruction = field(RecordField::Instruction);
        instruction->setFocus();
        instruction->moveCursor(QTextCursor::Start);
        QTest::keyClick(instruction, Qt::Key_Delete);
        QCOMPARE(total(), before);
        m_panel->editor()->commitPending();
        m_undo->clear();  // (the one-character edit)

        m_panel->table()->setFocus();
        QTest::keyClick(m_panel->table(), Qt::Key_Delete);
        QCOMPARE(total(), before - 3);
        QCOMPARE(m_ws->dataset(m_demo)->rejected, rejected - 1);
        QCOMPARE(m_undo->undoText(), QStringLiteral("Delete 3 record(s) in “demo”"));
        QTRY_COMPARE(m_panel->model()->rowCount(), int(before - 3));
        // The record below the deleted ones takes the selection (not the first row).
        QTRY_COMPARE(m_panel->selectedRecordIds(), QList<qint64>{below});
        QCOMPARE(currentRow(), 5);

        m_undo->undo();
        QCOMPARE(total(), before);
        QCOMPARE(m_ws->dataset(m_demo)->rejected, rejected);
        const auto back = m_ws->record(ids[1]);
        QCOMPARE(back->datasetId, m_demo);
        QCOMPARE(back->status, RecordStatus::Rejected);
        QCOMPARE(back->reason, kept->reason);
        QCOMPARE(back->rule, QStringLiteral("length"));
        QCOMPARE(back->reasonArgs, kept->reasonArgs);
        QVERIFY(back->flagged);
        QCOMPARE(back->note, QStringLiteral("a note"));
        QCOMPARE(back->instruction, kept->instruction);
        QTRY_COMPARE(m_panel->model()->rowCount(), int(before));
        for (qint64 id : ids)
            QVERIFY(m_panel->model()->rowOf(id) >= 0);
        m_undo->redo();
        QCOMPARE(total(), before - 3);
        QTRY_COMPARE(m_panel->model()->rowOf(ids[0]), -1);
    }

    void newDatasetUndoRedo()
    {
        QSignalSpy datasetChanged(m_panel, &CurationPanel::datasetChanged);
        // The shortcut opens the name dialog without waiting for it; answer it like a user would.
        press(m_panel->table(), Qt::CTRL | Qt::SHIFT | Qt::Key_N);
        QInputDialog *dialog = actions()->newDatasetDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->textValue(), QStringLiteral("dataset"));  // a free name is suggested
        dialog->setTextValue(QStringLiteral("  hand-made  "));
        dialog->accept();
        QCOMPARE(m_ws->datasets().size(), 2);
        const DatasetInfo made = m_ws->datasets().last();
        QCOMPARE(made.name, QStringLiteral("hand-made"));
        QCOMPARE(made.total, 0);
        QCOMPARE(m_panel->datasetId(), made.id);
        QCOMPARE(m_panel->datasetCombo()->currentText(), QStringLiteral("hand-made"));
        QCOMPARE(m_undo->undoText(), QStringLiteral("Create dataset “hand-made”"));
        QTRY_COMPARE(m_panel->countLabel()->text(), QStringLiteral("0 record(s)"));
        QVERIFY(actions()->newRecordAction()->isEnabled());
        QVERIFY(!actions()->deleteAction()->isEnabled());  // nothing to delete in it

        // The first record of the new dataset, by keyboard, once the panel's window is active again (a window
        // manager gives it back when the dialog closes; the offscreen platform does not).
        m_panel->activateWindow();
        QTRY_COMPARE(QApplication::activeWindow(), m_panel);
        press(m_panel->table(), Qt::CTRL | Qt::Key_N);
        QCOMPARE(m_ws->dataset(made.id)->total, 1);
        QTRY_COMPARE(m_panel->model()->rowCount(), 1);
        QTRY_COMPARE(QApplication::focusWidget(), field(RecordField::Instruction));
        QCOMPARE(m_ws->dataset(made.id)->total, 1);

        m_undo->undo();  // the record
        m_undo->undo();  // the dataset
        QVERIFY(!m_ws->dataset(made.id));
        QCOMPARE(m_ws->datasets().size(), 1);
        QCOMPARE(m_panel->datasetId(), m_demo);  // shown instead
        m_undo->redo();
        QVERIFY(m_ws->dataset(made.id));
        QCOMPARE(m_ws->dataset(made.id)->name, QStringLiteral("hand-made"));
        m_undo->redo();
        QCOMPARE(m_ws->dataset(made.id)->total, 1);

        // An empty name creates nothing and says why.
        QSignalSpy messages(m_panel, &CurationPanel::message);
        actions()->askNewDataset();
        QCOMPARE(dialog->textValue(), QStringLiteral("dataset"));
        dialog->setTextValue(QStringLiteral("   "));
        dialog->accept();
        QCOMPARE(m_ws->datasets().size(), 2);
        QCOMPARE(messages.size(), 1);
        // Cancel creates nothing either.
        actions()->askNewDataset();
        dialog->reject();
        QCOMPARE(m_ws->datasets().size(), 2);
    }

    // Undo of a dataset's creation after another program (a Generate run, sftbench-cli add) wrote records
    // into it: the dataset and those records stay, the step is dropped, and a message says how to delete
    // the dataset instead. What this window made in it is still undone and redone.
    void undoCreateKeepsRecordsAddedOutside()
    {
        const qint64 gen = actions()->createDataset(QStringLiteral("gen"));
        QVERIFY(gen > 0);
        const qint64 mine = actions()->newRecord();
        QVERIFY(mine > 0);
        qint64 outside = 0;
        {
            auto cli = Workspace::open(m_ws->path(), Workspace::OpenMode::MustExist);
            Record r;
            r.instruction = "Written by the worker.";
            r.source = "self-instruct";
            outside = cli->addRecord(gen, r);
        }
        press(m_panel->table(), Qt::Key_F5);
        QTRY_COMPARE(m_panel->model()->rowCount(), 2);
        QCOMPARE(m_undo->count(), 2);

        QSignalSpy messages(m_panel, &CurationPanel::message);
        m_undo->undo();  // the record made here
        QCOMPARE(m_ws->dataset(gen)->total, 1);
        m_undo->undo();  // the creation: refused
        QVERIFY(m_ws->dataset(gen));
        QCOMPARE(m_ws->dataset(gen)->name, QStringLiteral("gen"));
        QCOMPARE(m_ws->record(outside)->datasetId, gen);
        QCOMPARE(m_undo->count(), 1);  // the step is gone; the new record waits to be redone
        QCOMPARE(m_undo->index(), 0);
        QVERIFY(!messages.isEmpty());
        const QString text = messages.last().first().toString();
        QVERIFY2(text.contains(QStringLiteral("“gen”")) && text.contains(QStringLiteral("Datasets list")), qPrintable(text));
        QCOMPARE(m_panel->datasetId(), gen);
        m_undo->redo();  // the record made here comes back into the dataset that stayed
        QCOMPARE(m_ws->record(mine)->datasetId, gen);
        m_undo->undo();
        // Quitting empties the trash: the records written outside are not in it.
        m_ws->purgeTrash();
        QCOMPARE(m_ws->record(outside)->datasetId, gen);
        QCOMPARE(m_ws->dataset(gen)->total, 1);
    }

    // The records an undo or a redo brings back are selected, not the row that took their place: a second
    // Delete after Undo takes the same record again.
    void undoAndRedoSelectWhatCameBack()
    {
        m_panel->selectRow(5);
        const qint64 gone = m_panel->model()->idAt(5), below = m_panel->model()->idAt(6);
        m_panel->table()->setFocus();
        QTest::keyClick(m_panel->table(), Qt::Key_Delete);
        QTRY_COMPARE(m_panel->selectedRecordIds(), QList<qint64>{below});
        m_undo->undo();
        QTRY_VERIFY(shownAndSelected(gone));
        QCOMPARE(m_panel->editor()->recordId(), gone);
        QTest::keyClick(m_panel->table(), Qt::Key_Delete);
        QVERIFY(m_ws->record(gone)->datasetId != m_demo);
        QCOMPARE(m_ws->record(below)->datasetId, m_demo);
        QTRY_COMPARE(m_panel->selectedRecordIds(), QList<qint64>{below});

        // Several rows: the first of them.
        m_panel->selectRow(2);
        m_panel->table()->selectionModel()->select(
            QItemSelection(m_panel->model()->index(2, 0), m_panel->model()->index(3, RecordTableModel::ColumnCount - 1)),
            QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const QList<qint64> two = m_panel->selectedRecordIds();
        QCOMPARE(two.size(), 2);
        actions()->deleteSelected();
        QTRY_COMPARE(m_panel->model()->rowOf(two.first()), -1);
        m_undo->undo();
        QTRY_VERIFY(shownAndSelected(two.first()));

        // A redone new record and a redone copy, wherever the selection went meanwhile.
        const qint64 made = actions()->newRecord();
        QTRY_VERIFY(shownAndSelected(made));
        m_undo->undo();
        QTRY_COMPARE(m_panel->model()->rowOf(made), -1);
        m_panel->selectRow(0);
        m_undo->redo();
        QTRY_VERIFY(shownAndSelected(made));
        m_panel->selectRow(1);
        const QList<qint64> copies = actions()->duplicateSelected();
        QCOMPARE(copies.size(), 1);
        QTRY_VERIFY(shownAndSelected(copies.first()));
        m_undo->undo();
        QTRY_COMPARE(m_panel->model()->rowOf(copies.first()), -1);
        m_panel->selectRow(0);
        m_undo->redo();
        QTRY_VERIFY(shownAndSelected(copies.first()));
    }

    // Ctrl+N from another tab (the panel hidden) adds to the dataset Curation shows and says which.
    void newRecordFromAnotherTabNamesTheDataset()
    {
        QSignalSpy showRequested(actions(), &RecordActions::showRequested);
        QSignalSpy messages(m_panel, &CurationPanel::message);
        m_panel->hide();
        const qint64 id = actions()->newRecord();
        QVERIFY(id > 0);
        QCOMPARE(showRequested.size(), 1);
        QVERIFY(!messages.isEmpty());
        const QString text = messages.last().first().toString();
        QVERIFY2(text.contains(QStringLiteral("“demo”")) && text.contains(QString::number(id)), qPrintable(text));
        // In Curation the dataset is in view: nothing to say.
        m_panel->show();
        messages.clear();
        QVERIFY(actions()->newRecord() > 0);
        QCOMPARE(showRequested.size(), 1);
        QVERIFY(messages.isEmpty());
    }

    void datasetListCountsFollow()
    {
        DatasetList list;
        list.setContext(m_ws.get(), m_undo);
        auto count = [&list](int column) { return list.tree()->topLevelItem(0)->text(column).toInt(); };
        const int records = count(DatasetList::RecordsColumn), pending = count(DatasetList::PendingColumn);
        actions()->newRecord();
        QCOMPARE(count(DatasetList::RecordsColumn), records + 1);
        QCOMPARE(count(DatasetList::PendingColumn), pending + 1);
        QTRY_VERIFY(m_panel->model()->rowCount() == records + 1);
        QCOMPARE(m_panel->datasetCombo()->itemData(0, Qt::ToolTipRole).toString(),
                 QStringLiteral("%1 record(s)").arg(records + 1));
        m_panel->selectRow(0);  // accepted
        actions()->deleteSelected();
        QCOMPARE(count(DatasetList::RecordsColumn), records);
        QCOMPARE(count(DatasetList::PendingColumn), pending + 1);
        m_undo->undo();
        m_undo->undo();
        QCOMPARE(count(DatasetList::RecordsColumn), records);
        QCOMPARE(count(DatasetList::PendingColumn), pending);
        list.setContext(nullptr, nullptr);
    }

    void actionsFollowWhatThereIs()
    {
        // A selection: all on; every action says what it does and its shortcut.
        QVERIFY(!m_panel->selectedRecordIds().isEmpty());
        const QList<QAction *> all = {actions()->newDatasetAction(), actions()->newRecordAction(),
                                      actions()->duplicateAction(), actions()->deleteAction(), actions()->reloadAction()};
        for (QAction *a : all) {
            QVERIFY2(a->isEnabled(), qPrintable(a->text()));
            QVERIFY2(a->toolTip().contains(a->shortcut().toString(QKeySequence::NativeText)), qPrintable(a->toolTip()));
        }
        // The record buttons are on the panel, beside the dataset, each shown whole (not folded into a menu).
        auto *bar = m_panel->findChild<QToolBar *>(QStringLiteral("recordBar"));
        QVERIFY(bar);
        for (QAction *a : actions()->recordActions()) {
            QVERIFY(bar->actions().contains(a));
            QWidget *button = bar->widgetForAction(a);
            QVERIFY(button && button->isVisible());
        }
        // No selection: Duplicate and Delete off.
        m_panel->table()->selectionModel()->clearSelection();
        QVERIFY(!actions()->duplicateAction()->isEnabled());
        QVERIFY(!actions()->deleteAction()->isEnabled());
        QVERIFY(actions()->newRecordAction()->isEnabled());

        // A workspace without datasets: only New dataset; Ctrl+N does nothing.
        auto empty = Workspace::open(m_dir.filePath(QStringLiteral("e%1.sftws").arg(QDateTime::currentMSecsSinceEpoch())));
        QUndoStack undo;
        m_panel->setContext(empty.get(), &undo);
        QVERIFY(actions()->newDatasetAction()->isEnabled());
        QVERIFY(!actions()->newRecordAction()->isEnabled());
        QVERIFY(!actions()->duplicateAction()->isEnabled());
        QVERIFY(!actions()->deleteAction()->isEnabled());
        QCOMPARE(actions()->newRecord(), qint64(0));
        press(m_panel, Qt::CTRL | Qt::Key_N);
        QCOMPARE(undo.count(), 0);
        // Its first dataset, made here: New record comes on.
        QVERIFY(actions()->createDataset(QStringLiteral("first")) > 0);
        QVERIFY(actions()->newRecordAction()->isEnabled());
        QCOMPARE(undo.count(), 1);
        // No workspace: nothing.
        m_panel->setContext(nullptr, nullptr);
        for (QAction *a : all)
            QVERIFY2(!a->isEnabled(), qPrintable(a->text()));
    }

    // sftbench-cli add writes from another process while the panel has the workspace open; Reload (F5)
    // shows the record.
    void cliRecordShowsAfterReload()
    {
        const int rows = m_panel->model()->rowCount();
        QProcess cli;
        cli.start(sfttest::cliPath(), {QStringLiteral("add"), QStringLiteral("--workspace"), m_ws->path(),
                                       QStringLiteral("--dataset"), QStringLiteral("demo"), QStringLiteral("--instruction"),
                                       QStringLiteral("Added from a script.")});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const qint64 id = QString::fromUtf8(cli.readAllStandardOutput()).trimmed().toLongLong();
        QVERIFY(id > 0);
        QCOMPARE(m_panel->model()->rowOf(id), -1);
        press(m_panel->table(), Qt::Key_F5);
        QTRY_COMPARE(m_panel->model()->rowCount(), rows + 1);
        const int row = m_panel->model()->rowOf(id);
        QVERIFY(row >= 0);
        QCOMPARE(cell(row, RecordTableModel::InstructionColumn), QStringLiteral("Added from a script."));
        QCOMPARE(m_panel->datasetCombo()->itemData(0, Qt::ToolTipRole).toString(), QStringLiteral("%1 record(s)").arg(rows + 1));
    }
};

QTEST_MAIN(TestRecordActions)
#include "test_recordactions.moc"
