#pragma once
// The record editor beside the table: instruction, input, output, tags and
// note of the current record. Typing is saved after a short pause (or when
// focus leaves) as an undoable SetFieldCommand.

#include <QHash>
#include <QWidget>

#include "workspace/workspace.h"

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTimer;
class QUndoStack;

class RecordEditor : public QWidget
{
    Q_OBJECT

public:
    explicit RecordEditor(QWidget *parent = nullptr);

    void setContext(sft::Workspace *workspace, QUndoStack *undoStack);
    /** Show record id (0 clears); pending edits of the previous record are saved first. */
    void setRecord(qint64 id);
    qint64 recordId() const { return m_id; }
    /** Read the shown record again (another program may have changed it); unchanged fields keep their cursor. */
    void refresh();
    /** Save any edit still waiting for its pause. */
    void commitPending();
    /** Whether typing waits to be saved (it becomes an undo step at commitPending()). */
    bool hasPendingEdit() const;

    QPlainTextEdit *editor(sft::RecordField field) const;

Q_SIGNALS:
    /** hasPendingEdit() may have changed. */
    void pendingEditChanged();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void reload();
    void updateStatusLine(const sft::RecordData &r);
    void onRecordsChanged(const QList<qint64> &ids);

    sft::Workspace *m_workspace = nullptr;
    QUndoStack *m_undo = nullptr;
    qint64 m_id = 0;
    QHash<int, QPlainTextEdit *> m_editors;
    QHash<int, QLabel *> m_labels;
    QHash<int, QString> m_saved;
    QLabel *m_status = nullptr;
    QLabel *m_meta = nullptr;
    QTimer *m_saveTimer = nullptr;
    bool m_loading = false;
};
