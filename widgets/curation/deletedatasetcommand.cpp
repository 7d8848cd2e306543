#include "curation/deletedatasetcommand.h"

#include <QCoreApplication>

#include "workspace/workspace.h"

DeleteDatasetCommand::DeleteDatasetCommand(sft::Workspace *workspace, qint64 datasetId, const QString &name,
                                           QUndoCommand *parent)
    : WorkspaceCommand(parent), m_workspace(workspace)
{
    setDataset(datasetId, name);
    retranslate();
}

QString DeleteDatasetCommand::describe() const
{
    return QCoreApplication::translate("DeleteDatasetCommand", "Delete dataset “%1”").arg(datasetName());
}

void DeleteDatasetCommand::undo()
{
    if (!m_workspace->tryOrReport([this] { m_workspace->restoreDataset(datasetId()); }))
        setObsolete(true);
}

void DeleteDatasetCommand::redo()
{
    if (!m_workspace->tryOrReport([this] { m_workspace->trashDataset(datasetId()); }))
        setObsolete(true);
}
