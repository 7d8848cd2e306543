// The curation panel driven by QTest (offscreen): keyboard annotation with the
// shortcuts shown in the UI, undo / redo of every kind of edit, search and
// status filters, next pending; the editor following the selection (none
// selected: empty, and an annotation says why it does nothing); the empty
// state of a workspace without datasets; dataset names shown as they are;
// columns that fit the table; a tooltip on every choice.

#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSplitter>
#include <QToolButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

#include "common/exportdialog.h"
#include "common/importdialog.h"
#include "common/rejectiontext.h"
#include "curation/curationpanel.h"
#include "curation/recordeditor.h"
#include "curation/recordtablemodel.h"
#include "shared_data.h"
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
        // The shortcut opens the reason dialog without waiting for it; answer it like a user would.
        press(Qt::CTRL | Qt::SHIFT | Qt::Key_Return);
        QInputDialog *dialog = m_panel->rejectDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->comboBoxItems(), RejectionText::presetTexts());
        dialog->setTextValue(QStringLiteral("made-up fact"));
        dialog->accept();
        const auto r = m_ws->record(m_panel->model()->idAt(5));
        QCOMPARE(r->status, RecordStatus::Rejected);
        QCOMPARE(r->reason, QStringLiteral("made-up fact"));
        QCOMPARE(r->reasonArgs, QString());  // typed: stored as typed
        m_undo->undo();
        QCOMPARE(m_ws->record(r->id)->status, RecordStatus::Pending);
        QCOMPARE(m_ws->record(r->id)->reason, QString());
        // A preset is stored with its key, so it can be shown in another language.
        m_panel->selectRow(5);
        press(Qt::CTRL | Qt::SHIFT | Qt::Key_Return);
        dialog->setTextValue(RejectionText::presetTexts().at(2));
        dialog->accept();
        const auto preset = m_ws->record(r->id);
        QCOMPARE(preset->reason, QStringLiteral("near duplicate"));
        QCOMPARE(preset->reasonArgs, QStringLiteral(R"({"preset":"near_duplicate"})"));
        QCOMPARE(RejectionText::render(preset->rule, preset->reasonArgs, preset->reason), QStringLiteral("near duplicate"));
    }

    // Clicking below the last row clears the selection: the editor empties, and Ctrl+Return says
    // why it does nothing instead of doing nothing silently.
    void editorFollowsSelection()
    {
        QTest::keyClicks(m_panel->searchField(), QStringLiteral("haiku"));
        QTRY_COMPARE(m_panel->model()->rowCount(), 1);
        QTRY_COMPARE(currentRow(), 0);
        const qint64 id = m_panel->model()->idAt(0);
        QCOMPARE(m_panel->editor()->recordId(), id);
        QVERIFY(m_panel->editor()->isEnabled());
        QVERIFY(m_panel->editor()->editor(RecordField::Instruction)->toPlainText().contains(QStringLiteral("haiku")));
        QWidget *viewport = m_panel->table()->viewport();
        QTest::mouseClick(viewport, Qt::LeftButton, {}, QPoint(20, viewport->height() - 10));
        QVERIFY(m_panel->selectedRecordIds().isEmpty());
        QCOMPARE(m_panel->editor()->recordId(), qint64(0));
        QVERIFY(!m_panel->editor()->isEnabled());
        QVERIFY(m_panel->editor()->editor(RecordField::Instruction)->toPlainText().isEmpty());
        QSignalSpy messages(m_panel, &CurationPanel::message);
        const auto before = m_ws->record(id)->status;
        press(Qt::CTRL | Qt::Key_Return);
        QCOMPARE(messages.size(), 1);
        QVERIFY2(messages.first().first().toString().contains(QStringLiteral("No record is selected")),
                 qPrintable(messages.first().first().toString()));
        QCOMPARE(m_ws->record(id)->status, before);
        QCOMPARE(m_undo->count(), 0);
        // Selecting again fills the editor.
        QTest::mouseClick(viewport, Qt::LeftButton, {},
                          m_panel->table()->visualRect(m_panel->model()->index(0, RecordTableModel::InstructionColumn)).center());
        QCOMPARE(m_panel->editor()->recordId(), id);
        QVERIFY(m_panel->editor()->isEnabled());
    }

    // A workspace without datasets says how to start; nothing of the previous workspace stays on screen.
    void emptyWorkspaceHasEmptyState()
    {
        QVERIFY(!m_panel->isEmptyStateShown());
        QCOMPARE(m_panel->countLabel()->text(), QStringLiteral("%1 record(s)").arg(m_ws->datasets().first().total));
        auto empty = Workspace::open(m_dir.filePath(QStringLiteral("empty%1.sftws").arg(QDateTime::currentMSecsSinceEpoch())));
        QUndoStack undo;
        m_panel->setContext(empty.get(), &undo);
        QVERIFY(m_panel->isEmptyStateShown());
        QVERIFY(m_panel->countLabel()->text().isEmpty());
        QCOMPARE(m_panel->model()->rowCount(), 0);
        QCOMPARE(m_panel->editor()->recordId(), qint64(0));
        for (QAction *a : m_panel->annotationActions())
            QVERIFY2(!a->isEnabled(), qPrintable(a->text()));
        auto *label = m_panel->emptyState()->findChild<QLabel *>();
        QVERIFY(label);
        QCOMPARE(label->text(), QStringLiteral("Import a file or create a dataset to start."));
        QSignalSpy import(m_panel, &CurationPanel::importRequested);
        m_panel->emptyState()->findChild<QPushButton *>(QStringLiteral("emptyImport"))->click();
        QCOMPARE(import.size(), 1);
        // The first dataset replaces the empty state; an empty dataset has 0 records and nothing to annotate.
        const qint64 d = empty->createDataset(QStringLiteral("first"));
        QVERIFY(!m_panel->isEmptyStateShown());
        QCOMPARE(m_panel->datasetId(), d);
        QTRY_COMPARE(m_panel->countLabel()->text(), QStringLiteral("0 record(s)"));
        QVERIFY(!m_panel->annotationActions().first()->isEnabled());
        // Records arrive: the view shows them and the actions come on.
        Record r;
        r.instruction = "i";
        r.output = "o";
        empty->addRecord(d, r);
        QTRY_COMPARE(m_panel->model()->rowCount(), 1);
        QTRY_VERIFY(m_panel->annotationActions().first()->isEnabled());
        // Its only dataset deleted: the empty state again.
        empty->trashDataset(d);
        QVERIFY(m_panel->isEmptyStateShown());
        QCOMPARE(m_panel->model()->rowCount(), 0);
        QVERIFY(m_panel->countLabel()->text().isEmpty());
        m_panel->setContext(nullptr, nullptr);
    }

    // A name that ends in a number in brackets is shown as it is, not with a count appended.
    void datasetNamesShownAsTheyAre()
    {
        m_ws->createDataset(QStringLiteral("my_alpaca"));
        m_ws->createDataset(QStringLiteral("my_alpaca"));
        QComboBox *combo = m_panel->datasetCombo();
        QStringList names;
        for (int i = 0; i < combo->count(); ++i)
            names << combo->itemText(i);
        QCOMPARE(names, QStringList({QStringLiteral("demo"), QStringLiteral("my_alpaca"), QStringLiteral("my_alpaca (2)")}));
        QCOMPARE(combo->itemData(0, Qt::ToolTipRole).toString(),
                 QStringLiteral("%1 record(s)").arg(m_ws->datasets().first().total));
    }

    // The field keeps no undo history of its own; typing back to where it began leaves no undo step.
    void fieldEditsOnlyOnTheStack()
    {
        m_panel->selectRow(8);
        const qint64 id = m_panel->model()->idAt(8);
        QPlainTextEdit *output = m_panel->editor()->editor(RecordField::Output);
        QVERIFY(!output->isUndoRedoEnabled());
        const QString before = output->toPlainText();
        output->setFocus();
        output->moveCursor(QTextCursor::End);
        QTest::keyClicks(output, QStringLiteral("ab"));
        m_panel->editor()->commitPending();
        QCOMPARE(m_undo->count(), 1);
        QTest::keyClick(output, Qt::Key_Z, Qt::ControlModifier);  // the field's own undo: none
        QCOMPARE(output->toPlainText(), before + QStringLiteral("ab"));
        QTest::keyClick(output, Qt::Key_Backspace);
        QTest::keyClick(output, Qt::Key_Backspace);
        m_panel->editor()->commitPending();
        QCOMPARE(m_ws->record(id)->output, before);
        QCOMPARE(m_undo->count(), 0);  // back where it began: no step left
    }

    void typingAfterAPauseIsANewStep()
    {
        // "foo" is saved; after a pause "bar" is typed: Undo takes "bar" away and leaves "foo".
        m_panel->selectRow(9);
        const qint64 id = m_panel->model()->idAt(9);
        QPlainTextEdit *output = m_panel->editor()->editor(RecordField::Output);
        const QString before = output->toPlainText();
        const int steps = m_undo->count();
        output->setFocus();
        output->moveCursor(QTextCursor::End);
        QTest::keyClicks(output, QStringLiteral("foo"));
        m_panel->editor()->commitPending();
        QTest::qWait(2200);  // longer than a typing burst
        QTest::keyClicks(output, QStringLiteral("bar"));
        m_panel->editor()->commitPending();
        QCOMPARE(m_undo->count(), steps + 2);
        m_undo->undo();
        QCOMPARE(m_ws->record(id)->output, before + QStringLiteral("foo"));
        m_undo->undo();
        QCOMPARE(m_ws->record(id)->output, before);
    }

    // The end of a Generate run re-reads the workspace (the dataset lists, then reload()) while someone
    // types here: the typing is saved, and the record, the focused field and its cursor stay, so typing
    // goes on in the same record (the table, where Delete deletes records, never takes the focus).
    void reloadKeepsTheRecordTheFocusAndTheCursor()
    {
        m_panel->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_panel));
        m_panel->selectRow(3);
        const qint64 id = m_panel->model()->idAt(3);
        QPlainTextEdit *instruction = m_panel->editor()->editor(RecordField::Instruction);
        QVERIFY(instruction->toPlainText().size() > 4);
        instruction->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), instruction);
        QTextCursor cursor = instruction->textCursor();
        cursor.setPosition(4);
        instruction->setTextCursor(cursor);
        QTest::keyClicks(instruction, QStringLiteral("AB"));
        QVERIFY(m_panel->editor()->hasPendingEdit());
        const QString typed = instruction->toPlainText();

        // The worker (another connection, as another process) adds records to the dataset shown.
        {
            auto worker = Workspace::open(m_ws->path(), Workspace::OpenMode::MustExist);
            Record r;
            r.instruction = "Generated.";
            r.source = "self-instruct";
            worker->addRecords(m_panel->datasetId(), {r, r});
        }
        const int rows = m_panel->model()->rowCount();
        Q_EMIT m_ws->datasetsChanged();  // what the main window does at the end of the run
        m_panel->reload();
        QTRY_COMPARE(m_panel->model()->rowCount(), rows + 2);
        QTRY_VERIFY(!m_panel->model()->isLoading());
        QCOMPARE(m_ws->record(id)->instruction, typed);  // saved
        QCOMPARE(QApplication::focusWidget(), instruction);
        QCOMPARE(instruction->textCursor().position(), 6);
        QVERIFY(m_panel->editor()->isEnabled());
        QCOMPARE(m_panel->editor()->recordId(), id);
        QCOMPARE(m_panel->currentRecordId(), id);
        QCOMPARE(m_panel->selectedRecordIds(), QList<qint64>{id});
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("C"));
        m_panel->editor()->commitPending();
        QCOMPARE(m_ws->record(id)->instruction, typed.left(6) + QStringLiteral("C") + typed.mid(6));
    }

    // The table gets the width: every column is inside the view; collapsing the editor widens them.
    void columnsFitTheTable()
    {
        QTableView *table = m_panel->table();
        auto right = [table](int column) { return table->columnViewportPosition(column) + table->columnWidth(column); };
        QVERIFY(right(RecordTableModel::TagsColumn) <= table->viewport()->width());
        QVERIFY(table->columnWidth(RecordTableModel::OutputColumn) >= 120);
        QVERIFY(table->columnWidth(RecordTableModel::InputColumn) >= 60);
        const int output = table->columnWidth(RecordTableModel::OutputColumn);
        QSplitter *split = m_panel->splitter();
        QVERIFY(split->isCollapsible(1));
        QVERIFY(!split->isCollapsible(0));
        split->setSizes({split->width(), 0});
        QTRY_VERIFY(table->columnWidth(RecordTableModel::OutputColumn) > output);
        QVERIFY(right(RecordTableModel::TagsColumn) <= table->viewport()->width());
    }

    // Every field that takes a number or a choice, in the panel and its dialogs, explains itself.
    void tooltipsOnEveryChoice()
    {
        auto check = [](QWidget *root) {
            QList<QWidget *> fields;
            for (auto *w : root->findChildren<QAbstractSpinBox *>())
                fields << w;
            for (auto *w : root->findChildren<QComboBox *>())
                fields << w;
            for (auto *w : root->findChildren<QCheckBox *>())
                fields << w;
            QVERIFY(!fields.isEmpty());
            for (QWidget *w : std::as_const(fields))
                QVERIFY2(!w->toolTip().isEmpty(), qPrintable(QStringLiteral("%1 (%2) in %3 has no tooltip")
                                                                 .arg(w->objectName(), QString::fromLatin1(w->metaObject()->className()),
                                                                      root->objectName())));
        };
        check(m_panel);
        m_panel->selectRow(3);
        m_panel->askRejectReason();
        QVERIFY(m_panel->rejectDialog());
        check(m_panel->rejectDialog());
        m_panel->rejectDialog()->reject();
        ImportDialog import(m_ws.get(), sfttest::fixtureFile(QStringLiteral("alpaca_en_sample.json")));
        check(&import);
        ExportDialog exportDialog(m_panel->datasetId(), QStringLiteral("demo"));
        check(&exportDialog);
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
