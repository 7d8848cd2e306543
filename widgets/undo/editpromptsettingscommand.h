#pragma once
// Undoable edit of a prompt's answer space / verbalizer and options (one JSON
// object {"answers": ..., "options": ...} before and after). Every table edit
// or option change is one step.

#include <QJsonObject>
#include <QUndoCommand>

#include <functional>

class EditPromptSettingsCommand : public QUndoCommand
{
public:
    using Apply = std::function<void(const QJsonObject &)>;

    EditPromptSettingsCommand(Apply apply, QJsonObject oldState, QJsonObject newState, const QString &text,
                              QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;

private:
    Apply m_apply;
    QJsonObject m_old, m_new;
};
