#pragma once
// Making data by hand in the curation panel: New dataset…, New record, Duplicate,
// Delete and Reload, for the panel's tool bar and the window's menus. Each change
// is an undo step and is saved at once. A new record is empty and pending, with
// the source "manual"; it is selected and the instruction field takes the focus,
// so typing starts at once. A new dataset's name is asked in a dialog that is
// opened, not exec'd (no nested event loop; a test answers it).

#include <QList>
#include <QObject>

class CurationPanel;
class QAction;
class QInputDialog;
class QUndoStack;
class RecordsCommand;
namespace sft { class Workspace; }

class RecordActions : public QObject
{
    Q_OBJECT

public:
    explicit RecordActions(CurationPanel *panel);

    void setContext(sft::Workspace *workspace, QUndoStack *undoStack);

    QAction *newDatasetAction() const { return m_newDataset; }
    QAction *newRecordAction() const { return m_newRecord; }
    QAction *duplicateAction() const { return m_duplicate; }
    QAction *deleteAction() const { return m_delete; }
    QAction *reloadAction() const { return m_reload; }
    /** New record, Duplicate, Delete: the Record menu's and the tool bar's. */
    QList<QAction *> recordActions() const { return {m_newRecord, m_duplicate, m_delete}; }

    /** Open the name dialog (does not wait for it); OK creates the dataset. */
    void askNewDataset();
    /** The name dialog (created by the first askNewDataset()). */
    QInputDialog *newDatasetDialog() const { return m_nameDialog; }
    /** Create an empty dataset as an undo step and show it; 0 on failure (reported). */
    qint64 createDataset(const QString &name);
    /** Add an empty pending record to the shown dataset as an undo step, select it, focus its instruction. */
    qint64 newRecord();
    /** Copy the selected records (as new pending records) as one undo step; the first copy is selected. */
    QList<qint64> duplicateSelected();
    /** Delete the selected records as one undo step; the row below takes the selection. */
    void deleteSelected();

    /** Enable the actions for what there is (workspace, dataset, selection). */
    void updateState();
    void retranslate();

Q_SIGNALS:
    void message(const QString &text);
    /** A record was made while the panel is hidden (from the menu on another tab): show the panel. */
    void showRequested();

private:
    QString datasetName(qint64 id) const;
    /** A RecordsCommand (kind: RecordsCommand::Kind) whose undo / redo selects the records it brings back. */
    RecordsCommand *recordsCommand(int kind, qint64 dataset, const QString &name, const QList<qint64> &ids);
    QAction *makeAction(const QKeySequence &key, Qt::ShortcutContext context, void (RecordActions::*slot)());

    CurationPanel *m_panel;
    sft::Workspace *m_workspace = nullptr;
    QUndoStack *m_undo = nullptr;
    QInputDialog *m_nameDialog = nullptr;
    QAction *m_newDataset = nullptr, *m_newRecord = nullptr, *m_duplicate = nullptr, *m_delete = nullptr,
            *m_reload = nullptr;
};
