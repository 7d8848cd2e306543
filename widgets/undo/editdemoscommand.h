#pragma once
// Undoable edit of an in-context demonstration set (format, separator, header
// and the demonstrations with their order and enabled flags), as a JSON state
// before and after. Edits with the same non-empty merge key in a row (typing
// in one field of one demonstration) merge into one step.

#include <QJsonObject>
#include <QUndoCommand>

#include <functional>

class EditDemosCommand : public QUndoCommand
{
public:
    using Apply = std::function<void(const QJsonObject &)>;

    EditDemosCommand(Apply apply, QJsonObject oldState, QJsonObject newState, const QString &text,
                     QString mergeKey = {}, QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;
    int id() const override { return 42; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    Apply m_apply;
    QJsonObject m_old, m_new;
    QString m_mergeKey;
};
