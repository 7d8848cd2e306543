#include "common/setstatuscommand.h"

#include <QCoreApplication>

#include "common/statustext.h"

SetStatusCommand::SetStatusCommand(sft::Workspace *workspace, const QList<qint64> &ids, sft::RecordStatus status,
                                   const QString &reason, const QString &rule, QUndoCommand *parent,
                                   const QString &reasonArgs)
    : WorkspaceCommand(parent), m_workspace(workspace), m_status(status)
{
    for (qint64 id : ids)
        m_after.push_back({id, status, reason, rule, reasonArgs});
    readBefore(ids);
    retranslate();
}

SetStatusCommand::SetStatusCommand(sft::Workspace *workspace, QList<sft::StatusState> states, const QString &text,
                                   QUndoCommand *parent)
    : SetStatusCommand(workspace, std::move(states), std::function<QString()>([text] { return text; }), parent)
{
}

SetStatusCommand::SetStatusCommand(sft::Workspace *workspace, QList<sft::StatusState> states,
                                   std::function<QString()> text, QUndoCommand *parent)
    : WorkspaceCommand(parent), m_workspace(workspace), m_after(std::move(states)), m_text(std::move(text))
{
    QList<qint64> ids;
    for (const auto &s : m_after)
        ids.push_back(s.id);
    readBefore(ids);
    retranslate();
}

QString SetStatusCommand::describe() const
{
    if (m_text)
        return inDataset(m_text());
    if (m_after.size() == 1)
        return inDataset(QCoreApplication::translate("SetStatusCommand", "Mark record %1 %2")
                             .arg(m_after.first().id)
                             .arg(StatusText::name(m_status)));
    return inDataset(QCoreApplication::translate("SetStatusCommand", "Mark %n records %1", nullptr, int(m_after.size()))
                         .arg(StatusText::name(m_status)));
}

void SetStatusCommand::readBefore(const QList<qint64> &ids)
{
    // Without the states before, undo could not restore them: never apply then.
    if (!m_workspace->tryOrReport([&] { m_before = m_workspace->statusStates(ids); }))
        setObsolete(true);
    else if (!ids.isEmpty())
        setDatasetOfRecord(m_workspace, ids.first());
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
