#pragma once
// The curation panel: a lazy table over one dataset with full-text search and
// filters, the record editor beside it, and keyboard annotation (accept,
// reject with a reason, flag, next / previous, next pending). Every change
// goes through the undo stack.

#include <QWidget>

#include "workspace/recordfilter.h"

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;
class QToolButton;
class QUndoStack;
class RecordEditor;
class RecordTableModel;

class CurationPanel : public QWidget
{
    Q_OBJECT

public:
    explicit CurationPanel(QWidget *parent = nullptr);

    void setContext(sft::Workspace *workspace, QUndoStack *undoStack);
    void setDataset(qint64 datasetId);
    qint64 datasetId() const { return m_datasetId; }
    qint64 currentRecordId() const;
    /** Ids of the selected rows, in row order (the current one when none is selected). */
    QList<qint64> selectedRecordIds() const;

    /** Annotation actions, for the main window's Record menu. */
    QList<QAction *> annotationActions() const;

    RecordTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    RecordEditor *editor() const { return m_editor; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *statusFilter() const { return m_status; }

    void acceptSelected();
    void rejectSelected(const QString &reason);
    void resetSelected();
    void toggleFlagSelected();
    void selectRow(int row);
    void goNext();
    void goPrevious();
    void goNextPending();

Q_SIGNALS:
    void datasetChanged(qint64 datasetId);
    void recordsLoaded(int rows);
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void reloadDatasets();
    void reloadFacets();
    void applyFilter();
    void askRejectReason();
    void onCurrentRowChanged();
    void onLoaded(int rows, qint64 ms);
    QAction *makeAction(const QKeySequence &key, void (CurationPanel::*slot)());

    sft::Workspace *m_workspace = nullptr;
    QUndoStack *m_undo = nullptr;
    qint64 m_datasetId = 0;
    qint64 m_restoreId = 0;
    RecordTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    RecordEditor *m_editor = nullptr;
    QComboBox *m_dataset = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_tag = nullptr;
    QComboBox *m_rule = nullptr;
    QCheckBox *m_flagged = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_datasetLabel = nullptr;
    QTimer *m_searchTimer = nullptr;
    QAction *m_accept = nullptr, *m_reject = nullptr, *m_reset = nullptr, *m_flag = nullptr;
    QAction *m_next = nullptr, *m_prev = nullptr, *m_nextPending = nullptr;
    QList<QToolButton *> m_buttons;
};
