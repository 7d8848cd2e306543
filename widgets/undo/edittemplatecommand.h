#pragma once
// Undoable edit of a prompt template's text. A typing burst merges into one
// step. The panel applies the text through a callback, so the command does
// not depend on the panel's widgets.

#include <QUndoCommand>

#include <functional>

class EditTemplateCommand : public QUndoCommand
{
public:
    using Apply = std::function<void(const QString &)>;

    EditTemplateCommand(Apply apply, QString oldText, QString newText, QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;
    int id() const override { return 40; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    Apply m_apply;
    QString m_old, m_new;
};
