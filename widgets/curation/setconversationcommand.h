#pragma once
// Undoable edit of a record's content from the conversation editor: its
// system message or its user / assistant messages. The command holds the
// record's whole content before and after (sft::RecordContent, its shape
// picked by the workspace's rules), and undo and redo each write one of them
// with Workspace::setContent: one write, one recordsChanged, so undo restores
// the record exactly (a conversation that became single-turn again, a
// single-turn record's input kept apart from its instruction).
// Typing in one message (or in the system message) merges like
// SetFieldCommand: one typing burst is one step. Adding, removing or moving a
// message and changing its role are one step each. A failed write is reported
// through the workspace's errorOccurred and makes the command obsolete.

#include <QString>

#include "common/workspacecommand.h"
#include "workspace/workspace.h"

class SetConversationCommand : public WorkspaceCommand
{
public:
    /** What the step does (its text; only EditTurn and EditSystem merge). */
    enum Kind { EditTurn, EditSystem, AddTurn, RemoveTurn, MoveTurnUp, MoveTurnDown, ChangeRole };

    /** turn: the message the step is about (0-based; for MoveTurn* the one moved, before the move). */
    SetConversationCommand(sft::Workspace *workspace, qint64 recordId, Kind kind, int turn,
                           sft::RecordContent oldContent, sft::RecordContent newContent,
                           QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;
    int id() const override { return 2; }
    bool mergeWith(const QUndoCommand *other) override;

    qint64 recordId() const { return m_recordId; }
    Kind kind() const { return m_kind; }
    const sft::RecordContent &oldContent() const { return m_old; }
    const sft::RecordContent &newContent() const { return m_new; }

protected:
    QString describe() const override;

private:
    void write(const sft::RecordContent &content);

    sft::Workspace *m_workspace;
    qint64 m_recordId;
    Kind m_kind;
    int m_turn;
    QString m_role;  ///< AddTurn: the new message's role; ChangeRole: the role it got
    sft::RecordContent m_old, m_new;
    qint64 m_lastEditMs = 0;
};
