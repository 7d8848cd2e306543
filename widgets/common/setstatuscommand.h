#pragma once
// Undoable status change (accept / reject with a reason / back to pending) of
// one record or of a whole batch, e.g. the records a filter rule rejected.
// When the workspace cannot be read or written the error goes to the
// workspace's errorOccurred and the command makes itself obsolete, so the
// undo stack drops it and stays in step with the data.

#include <functional>

#include "common/workspacecommand.h"
#include "workspace/workspace.h"

class SetStatusCommand : public WorkspaceCommand
{
public:
    /** Same status for every id; reasonArgs as in sft::StatusState::args. */
    SetStatusCommand(sft::Workspace *workspace, const QList<qint64> &ids, sft::RecordStatus status,
                     const QString &reason = {}, const QString &rule = {}, QUndoCommand *parent = nullptr,
                     const QString &reasonArgs = {});
    /** A state per record (results of rules, each with its own reason), with a fixed text. */
    SetStatusCommand(sft::Workspace *workspace, QList<sft::StatusState> states, const QString &text,
                     QUndoCommand *parent = nullptr);
    /** The same with a text built again after a language switch. */
    SetStatusCommand(sft::Workspace *workspace, QList<sft::StatusState> states, std::function<QString()> text,
                     QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;

protected:
    QString describe() const override;

private:
    void readBefore(const QList<qint64> &ids);
    void apply(const QList<sft::StatusState> &states);

    sft::Workspace *m_workspace;
    QList<sft::StatusState> m_before, m_after;
    sft::RecordStatus m_status = sft::RecordStatus::Pending;
    std::function<QString()> m_text;
};
