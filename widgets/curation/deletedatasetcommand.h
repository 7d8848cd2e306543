#pragma once
// Undoable deletion of a dataset: redo moves it to the workspace's trash
// (hidden, its name free), undo brings it back with its records and their
// curation state. Moving is O(1) whatever the size, so there is no size above
// which deleting cannot be undone; the trash is emptied when the workspace is
// closed or another one is opened (the undo stack is cleared then).

#include "common/workspacecommand.h"

namespace sft { class Workspace; }

class DeleteDatasetCommand : public WorkspaceCommand
{
public:
    DeleteDatasetCommand(sft::Workspace *workspace, qint64 datasetId, const QString &name,
                         QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;

protected:
    QString describe() const override;

private:
    sft::Workspace *m_workspace;
};
