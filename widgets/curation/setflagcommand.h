#pragma once
// Undoable flag / unflag of records ("look at this again later"). A failed
// read or write is reported through the workspace's errorOccurred and makes
// the command obsolete, so the undo stack drops it.

#include "common/workspacecommand.h"
#include "workspace/workspace.h"

class SetFlagCommand : public WorkspaceCommand
{
public:
    SetFlagCommand(sft::Workspace *workspace, const QList<qint64> &ids, bool flagged, QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;

protected:
    QString describe() const override;

private:
    sft::Workspace *m_workspace;
    QList<qint64> m_wasFlagged, m_wasNot;
    bool m_flagged;
};
