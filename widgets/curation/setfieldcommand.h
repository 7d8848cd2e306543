#pragma once
// Undoable edit of one text field of one record. Consecutive edits of the same
// field merge, so undo takes back a whole typing burst, not one character; a
// burst that ends where it began (typed, then deleted) leaves no step.
// A failed write is reported through the workspace's errorOccurred and makes
// the command obsolete, so the undo stack drops it (and never merges it).

#include "common/workspacecommand.h"
#include "workspace/workspace.h"

class SetFieldCommand : public WorkspaceCommand
{
public:
    SetFieldCommand(sft::Workspace *workspace, qint64 recordId, sft::RecordField field, QString oldValue,
                    QString newValue, QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand *other) override;

    qint64 recordId() const { return m_recordId; }

protected:
    QString describe() const override;

private:
    void write(const QString &value);

    sft::Workspace *m_workspace;
    qint64 m_recordId;
    sft::RecordField m_field;
    QString m_old, m_new;
    qint64 m_lastEditMs = 0;  ///< when the newest edit merged into this step was made
};
