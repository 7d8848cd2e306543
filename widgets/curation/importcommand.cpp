#include "curation/importcommand.h"

#include <QCoreApplication>

#include "workspace/workspace.h"

ImportCommand::ImportCommand(sft::Workspace *workspace, const sft::ImportResult &result, QUndoCommand *parent)
    : WorkspaceCommand(parent), m_workspace(workspace), m_result(result)
{
    setDataset(result.datasetId, result.datasetName);
    retranslate();
}

QString ImportCommand::describe() const
{
    if (m_result.createdDataset && m_result.records == 0)
        return QCoreApplication::translate("ImportCommand", "Create dataset “%1”").arg(datasetName());
    if (m_result.createdDataset)
        return QCoreApplication::translate("ImportCommand", "Import %n record(s) as dataset “%1”", nullptr,
                                           int(m_result.records))
            .arg(datasetName());
    return inDataset(QCoreApplication::translate("ImportCommand", "Import %n record(s)", nullptr, int(m_result.records)));
}

void ImportCommand::undo()
{
    bool kept = false;
    const bool ok = m_workspace->tryOrReport([&] {
        // The steps after this one are undone already, so the dataset holds the import's records and,
        // beyond them, only records written outside this undo history: those are not the undo's to delete.
        if (m_result.createdDataset)
            kept = !m_workspace->trashDataset(m_result.datasetId, m_result.records);
        else if (m_result.records > 0)
            m_trash = m_workspace->trashRecords(m_result.datasetId, m_result.firstRecordId, m_result.lastRecordId);
    });
    if (kept) {
        const QString text = QCoreApplication::translate(
                                 "ImportCommand",
                                 "“%1” was kept: records were added to it from outside this window (a Generate run or"
                                 " sftbench-cli) since it was created, and undoing its creation would delete them. To"
                                 " remove it, delete it from the Datasets list.")
                                 .arg(datasetName());
        if (m_notice)
            m_notice(text);
        else
            m_workspace->reportError(text);
    }
    if (!ok || kept)
        setObsolete(true);  // dropped from the stack: a redo would have nothing to bring back
}

void ImportCommand::redo()
{
    if (m_done) {
        m_done = false;
        return;
    }
    const bool ok = m_workspace->tryOrReport([this] {
        if (m_result.createdDataset)
            m_workspace->restoreDataset(m_result.datasetId);
        else if (m_trash)
            m_workspace->restoreRecords(m_trash, m_result.datasetId);
        m_trash = 0;
    });
    if (!ok)
        setObsolete(true);
}
