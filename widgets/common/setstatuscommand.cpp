#include "common/setstatuscommand.h"

#include <QCoreApplication>

#include "common/statustext.h"

SetStatusCommand::SetStatusCommand(sft::Workspace *workspace, const QList<qint64> &ids, sft::RecordStatus status,
                                   const QString &reason, const QString &rule, QUndoCommand *parent)
    : QUndoCommand(parent), m_workspace(workspace)
{
    for (qint64 id : ids)
        m_after.push_back({id, status, reason, rule});
    readBefore(ids);
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
    readBefore(ids);
}

void SetStatusCommand::readBefore(const QList<qint64> &ids)
{
    // Without the states before, undo could not restore them: never apply then.
    if (!m_workspace->tryOrReport([&] { m_before = m_workspace->statusStates(ids); }))
        setObsolete(true);
}

void SetStatusCommand::undo() { apply(m_before); }
void SetStatusCommand::redo() { apply(m_after); }

void SetStatusCommand::apply(const QList<sft::StatusState> &states)
{
    if (isObsolete())
        return;  // called directly (no undo stack) after a failed read: change nothing
    if (!m_workspace->tryOrReport([&] { m_workspace->restoreStatus(states); }))
        setObsolete(true);
}
