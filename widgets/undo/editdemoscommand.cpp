#include "editdemoscommand.h"

EditDemosCommand::EditDemosCommand(Apply apply, QJsonObject oldState, QJsonObject newState, const QString &text,
                                   QString mergeKey, QUndoCommand *parent)
    : QUndoCommand(text, parent), m_apply(std::move(apply)), m_old(std::move(oldState)), m_new(std::move(newState)),
      m_mergeKey(std::move(mergeKey))
{
}

void EditDemosCommand::undo() { m_apply(m_old); }
void EditDemosCommand::redo() { m_apply(m_new); }

bool EditDemosCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const EditDemosCommand *>(other);
    if (m_mergeKey.isEmpty() || o->m_mergeKey != m_mergeKey)
        return false;
    m_new = o->m_new;
    return true;
}
