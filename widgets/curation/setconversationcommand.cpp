#include "curation/setconversationcommand.h"

#include <QCoreApplication>
#include <QDateTime>

namespace {

// Edits of one message closer together than this are one typing burst (as SetFieldCommand's).
constexpr qint64 kBurstGapMs = 2000;

} // namespace

SetConversationCommand::SetConversationCommand(sft::Workspace *workspace, qint64 recordId, Kind kind, int turn,
                                               sft::RecordContent oldContent, sft::RecordContent newContent,
                                               QUndoCommand *parent)
    : WorkspaceCommand(parent), m_workspace(workspace), m_recordId(recordId), m_kind(kind), m_turn(turn),
      m_old(std::move(oldContent)), m_new(std::move(newContent)), m_lastEditMs(QDateTime::currentMSecsSinceEpoch())
{
    if (kind == AddTurn || kind == ChangeRole) {
        // A message missing from the new messages is an empty reply (a single-turn record leaves it out).
        const QList<sft::ChatTurn> messages = m_new.messages();
        m_role = turn >= 0 && turn < messages.size() ? messages[turn].role : sft::ChatTurn::kAssistant;
    }
    setDatasetOfRecord(workspace, recordId);
    retranslate();
}

QString SetConversationCommand::describe() const
{
    const int n = m_turn + 1;
    const qint64 id = m_recordId;
    const bool user = m_role == sft::ChatTurn::kUser;
    QString what;
    switch (m_kind) {
    case EditTurn:
        what = QCoreApplication::translate("SetConversationCommand", "Edit message %1 of record %2").arg(n).arg(id);
        break;
    case EditSystem:
        what = QCoreApplication::translate("SetConversationCommand", "Edit the system message of record %1").arg(id);
        break;
    case AddTurn:
        what = user ? QCoreApplication::translate("SetConversationCommand", "Add a user message to record %1").arg(id)
                    : QCoreApplication::translate("SetConversationCommand", "Add an assistant message to record %1").arg(id);
        break;
    case RemoveTurn:
        what = QCoreApplication::translate("SetConversationCommand", "Remove message %1 of record %2").arg(n).arg(id);
        break;
    case MoveTurnUp:
        what = QCoreApplication::translate("SetConversationCommand", "Move message %1 of record %2 up").arg(n).arg(id);
        break;
    case MoveTurnDown:
        what = QCoreApplication::translate("SetConversationCommand", "Move message %1 of record %2 down").arg(n).arg(id);
        break;
    case ChangeRole:
        what = user ? QCoreApplication::translate("SetConversationCommand", "Make message %1 of record %2 a user message")
                          .arg(n)
                          .arg(id)
                    : QCoreApplication::translate("SetConversationCommand",
                                                  "Make message %1 of record %2 an assistant message")
                          .arg(n)
                          .arg(id);
        break;
    }
    return inDataset(what);
}

void SetConversationCommand::undo() { write(m_old); }
void SetConversationCommand::redo() { write(m_new); }

void SetConversationCommand::write(const sft::RecordContent &content)
{
    if (!m_workspace->tryOrReport([&] { m_workspace->setContent(m_recordId, content); }))
        setObsolete(true);
}

bool SetConversationCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetConversationCommand *>(other);
    // Only typing merges, and only into the same message of the same record; a failed edit never does.
    if (o->isObsolete() || o->m_workspace != m_workspace || o->m_recordId != m_recordId || o->m_kind != m_kind
        || (m_kind != EditTurn && m_kind != EditSystem) || o->m_turn != m_turn)
        return false;
    if (o->m_lastEditMs - m_lastEditMs > kBurstGapMs)
        return false;
    m_new = o->m_new;
    m_lastEditMs = o->m_lastEditMs;
    setObsolete(m_new == m_old);
    return true;
}
