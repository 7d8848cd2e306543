#include "common/workspacecommand.h"

#include <QCoreApplication>
#include <QUndoStack>

#include "core/error.h"
#include "workspace/workspace.h"

void WorkspaceCommand::setDataset(qint64 id, const QString &name)
{
    m_datasetId = id;
    m_datasetName = name;
}

void WorkspaceCommand::setDatasetOfRecord(sft::Workspace *workspace, qint64 recordId)
{
    // Only the text and the dataset switch use this: a failed read is not an error of the edit.
    try {
        if (const auto r = workspace->record(recordId)) {
            const auto d = workspace->dataset(r->datasetId);
            setDataset(r->datasetId, d ? d->name : QString());
        }
    } catch (const sft::Error &) {
    }
}

QString WorkspaceCommand::inDataset(const QString &what) const
{
    if (m_datasetName.isEmpty())
        return what;
    return QCoreApplication::translate("WorkspaceCommand", "%1 in “%2”").arg(what, m_datasetName);
}

void retranslateUndoStack(QUndoStack *stack)
{
    for (int i = 0; i < stack->count(); ++i)
        if (auto *c = dynamic_cast<RetranslatableCommand *>(const_cast<QUndoCommand *>(stack->command(i))))
            c->retranslate();
}

qint64 undoCommandDataset(const QUndoStack *stack, int index)
{
    if (index < 0 || index >= stack->count())
        return 0;
    const auto *c = dynamic_cast<const WorkspaceCommand *>(stack->command(index));
    return c ? c->datasetId() : 0;
}
