#pragma once
// The Datasets dock: every dataset of the workspace with its size and how
// many records wait for review (the other counts in the tooltip), narrow
// enough for the dock; choosing one shows it in the curation panel; rename and
// delete (undoable) by context menu, delete also by the Delete key.

#include <QWidget>

class QTreeWidget;
class QUndoStack;
namespace sft { class Workspace; }

class DatasetList : public QWidget
{
    Q_OBJECT

public:
    enum Column { NameColumn, RecordsColumn, PendingColumn, ColumnCount };

    explicit DatasetList(QWidget *parent = nullptr);
    /** undoStack may be null: deleting is then immediate (still through the trash, emptied on close). */
    void setContext(sft::Workspace *workspace, QUndoStack *undoStack);
    void setCurrentDataset(qint64 id);
    /** Delete a dataset as an undo step. */
    void deleteDataset(qint64 id);
    QTreeWidget *tree() const { return m_tree; }

Q_SIGNALS:
    void datasetActivated(qint64 id);

protected:
    void changeEvent(QEvent *event) override;

private:
    void reload();
    void showMenu(const QPoint &pos);
    void retranslate();

    sft::Workspace *m_workspace = nullptr;
    QUndoStack *m_undo = nullptr;
    QTreeWidget *m_tree = nullptr;
    qint64 m_current = 0;
};
