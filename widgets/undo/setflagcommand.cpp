#include "setflagcommand.h"

#include <QCoreApplication>

SetFlagCommand::SetFlagCommand(sft::Workspace *workspace, const QList<qint64> &ids, bool flagged, QUndoCommand *parent)
    : QUndoCommand(parent), m_workspace(workspace), m_flagged(flagged)
{
    for (qint64 id : ids) {
        const auto r = workspace->record(id);
        (r && r->flagged ? m_wasFlagged : m_wasNot).push_back(id);
    }
    setText(flagged ? QCoreApplication::translate("SetFlagCommand", "Flag %n records", nullptr, int(ids.size()))
                    : QCoreApplication::translate("SetFlagCommand", "Unflag %n records", nullptr, int(ids.size())));
}

void SetFlagCommand::undo()
{
    if (!m_wasFlagged.isEmpty())
        m_workspace->setFlagged(m_wasFlagged, true);
    if (!m_wasNot.isEmpty())
        m_workspace->setFlagged(m_wasNot, false);
}

void SetFlagCommand::redo()
{
    m_workspace->setFlagged(m_wasFlagged + m_wasNot, m_flagged);
}
