#pragma once
// The curation panel: a lazy table over one dataset with full-text search and
// filters, the record editor beside it (in a splitter; it can be collapsed to
// give the table the width), and keyboard annotation (accept, reject with a
// reason, flag, next / previous, next pending), and records made by hand (new,
// duplicate, delete; recordactions.h). Every change goes through the undo
// stack. The editor shows the selected record and nothing when no row is
// selected; an annotation with nothing selected says so. A workspace without
// datasets shows how to start instead of an empty table.

#include <QWidget>

#include "workspace/recordfilter.h"

class QAction;
class QCheckBox;
class QComboBox;
class QInputDialog;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolBar;
class QUndoStack;
class RecordActions;
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
    /** Ids of the selected rows, in row order; empty when no row is selected. */
    QList<qint64> selectedRecordIds() const;

    /** Annotation actions, for the main window's Record menu. */
    QList<QAction *> annotationActions() const;
    /** New dataset, New record, Duplicate, Delete, Reload. */
    RecordActions *recordActions() const { return m_records; }

    RecordTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    RecordEditor *editor() const { return m_editor; }
    QSplitter *splitter() const { return m_split; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *statusFilter() const { return m_status; }
    /** Any length, single-turn, multi-turn, 3+ turns (RecordFilter::minTurns / maxTurns). */
    QComboBox *turnsFilter() const { return m_turns; }
    QComboBox *datasetCombo() const { return m_dataset; }
    QLabel *countLabel() const { return m_count; }
    /** Shown instead of the table while the workspace has no dataset. */
    QWidget *emptyState() const { return m_empty; }
    bool isEmptyStateShown() const;
    /** The Reject dialog (created by the first reject; open, not exec). */
    QInputDialog *rejectDialog() const { return m_rejectDialog; }

    void acceptSelected();
    /** Reject the selection; reasonArgs as in sft::StatusState::args. */
    void rejectSelected(const QString &reason, const QString &reasonArgs = {});
    void resetSelected();
    void toggleFlagSelected();
    void selectRow(int row);
    void goNext();
    void goPrevious();
    void goNextPending();
    /** Open the Reject dialog for the selection (does not wait for it). */
    void askRejectReason();
    /**
     * Select record id once the table has it (it is being reloaded after a change), scrolled into view,
     * and with focusInstruction give the editor's instruction field the focus. When the filters hide
     * the record they are cleared, and a message says so.
     */
    void revealRecord(qint64 id, bool focusInstruction);
    /** Read the datasets and the records again (another program may have changed the file). */
    void reload();

Q_SIGNALS:
    void datasetChanged(qint64 datasetId);
    void recordsLoaded(int rows);
    void message(const QString &text);
    /** The empty state's buttons: the main window imports or creates a dataset. */
    void importRequested();
    void newDatasetRequested();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void reloadDatasets();
    void reloadFacets();
    void applyFilter();
    void syncEditor();
    void updateState();
    void updateCount();
    void fitColumns();
    bool refuseWithoutSelection(const QList<qint64> &ids);
    bool finishReveal();
    void clearFilters();
    void onLoaded(int rows, qint64 ms);
    QAction *makeAction(const QKeySequence &key, void (CurationPanel::*slot)());

    sft::Workspace *m_workspace = nullptr;
    QUndoStack *m_undo = nullptr;
    qint64 m_datasetId = 0;
    qint64 m_datasetTotal = -1;  // the current dataset's size when last listed
    qint64 m_restoreId = 0;
    int m_restoreRow = -1;       // after a change of the dataset's records: the row to keep when the record went
    qint64 m_revealId = 0;       // revealRecord() waiting for a load
    bool m_revealFocus = false, m_revealCleared = false;
    int m_rows = -1;             // rows of the last load; -1 while loading or with no dataset
    qint64 m_queryMs = 0;
    bool m_fitting = false, m_userSizedColumns = false;
    RecordTableModel *m_model = nullptr;
    QStackedWidget *m_pages = nullptr;
    QWidget *m_empty = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QPushButton *m_emptyImport = nullptr, *m_emptyNew = nullptr;
    QToolBar *m_toolbar = nullptr;
    QSplitter *m_split = nullptr;
    QTableView *m_table = nullptr;
    RecordEditor *m_editor = nullptr;
    QComboBox *m_dataset = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_tag = nullptr;
    QComboBox *m_turns = nullptr;
    QComboBox *m_rule = nullptr;
    QCheckBox *m_flagged = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_datasetLabel = nullptr;
    QTimer *m_searchTimer = nullptr;
    QInputDialog *m_rejectDialog = nullptr;
    RecordActions *m_records = nullptr;
    QAction *m_accept = nullptr, *m_reject = nullptr, *m_reset = nullptr, *m_flag = nullptr;
    QAction *m_next = nullptr, *m_prev = nullptr, *m_nextPending = nullptr;
};
