#include "curation/setflagcommand.h"

#include <QCoreApplication>

SetFlagCommand::SetFlagCommand(sft::Workspace *workspace, const QList<qint64> &ids, bool flagged, QUndoCommand *parent)
    : WorkspaceCommand(parent), m_workspace(workspace), m_flagged(flagged)
{
    const bool read = workspace->tryOrReport([&] {
        for (qint64 id : ids) {
            const auto r = workspace->record(id);
            (r && r->flagged ? m_wasFlagged : m_wasNot).push_back(id);
        }
    });
    if (!read)
        setObsolete(true);  // undo could not restore what it does not know
    else if (!ids.isEmpty())
        setDatasetOfRecord(workspace, ids.first());
    retranslate();
}

QString SetFlagCommand::describe() const
{
    const int n = int(m_wasFlagged.size() + m_wasNot.size());
    return inDataset(m_flagged ? QCoreApplication::translate("SetFlagCommand", "Flag %n records", nullptr, n)
                               : QCoreApplication::translate("SetFlagCommand", "Unflag %n records", nullptr, n));
}

void SetFlagCommand::undo()
{
    if (!m_workspace->tryOrReport([this] { m_workspace->restoreFlags(m_wasFlagged, m_wasNot); }))
        setObsolete(true);
}

void SetFlagCommand::redo()
{
    if (isObsolete())
        return;  // called directly (no undo stack) after a failed read: change nothing
    if (!m_workspace->tryOrReport([this] { m_workspace->setFlagged(m_wasFlagged + m_wasNot, m_flagged); }))
        setObsolete(true);
}
