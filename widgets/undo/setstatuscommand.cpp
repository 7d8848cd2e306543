#include "setstatuscommand.h"

#include <QCoreApplication>

#include "statustext.h"

SetStatusCommand::SetStatusCommand(sft::Workspace *workspace, const QList<qint64> &ids, sft::RecordStatus status,
                                   const QString &reason, const QString &rule, QUndoCommand *parent)
    : QUndoCommand(parent), m_workspace(workspace), m_before(workspace->statusStates(ids))
{
    for (qint64 id : ids)
        m_after.push_back({id, status, reason, rule});
    if (ids.size() == 1)
        setText(QCoreApplication::translate("SetStatusCommand", "Mark record %1 %2").arg(ids.first()).arg(StatusText::name(status)));
    else
        setText(QCoreApplication::translate("SetStatusCommand", "Mark %n records %1", nullptr, int(ids.size())).arg(StatusText::name(status)));
}

SetStatusCommand::SetStatusCommand(sft::Workspace *workspace, QList<sft::StatusState> states, const QString &text,
                                   QUndoCommand *parent)
    : QUndoCommand(text, parent), m_workspace(workspace), m_after(std::move(states))
{
    QList<qint64> ids;
    for (const auto &s : m_after)
        ids.push_back(s.id);
    m_before = workspace->statusStates(ids);
}

void SetStatusCommand::undo() { m_workspace->restoreStatus(m_before); }
void SetStatusCommand::redo() { m_workspace->restoreStatus(m_after); }
