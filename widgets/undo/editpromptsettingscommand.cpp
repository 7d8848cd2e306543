#include "editpromptsettingscommand.h"

EditPromptSettingsCommand::EditPromptSettingsCommand(Apply apply, QJsonObject oldState, QJsonObject newState,
                                                     const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent), m_apply(std::move(apply)), m_old(std::move(oldState)), m_new(std::move(newState))
{
}

void EditPromptSettingsCommand::undo() { m_apply(m_old); }
void EditPromptSettingsCommand::redo() { m_apply(m_new); }
