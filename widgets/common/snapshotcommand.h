#pragma once
// Generic undo: one command that holds a value before and after an edit and
// a setter that applies either (the prompt template, the verbalizer and
// scoring options, the in-context demonstration set). Edits with the same
// non-empty merge key in a row — typing in one field — merge into one step;
// a merge that comes back to the old value drops the step.
//
// pushOrApply() is how a panel makes an edit: onto its undo stack when it has
// one, or applied at once without (a panel used alone, in a test).

#include <QCoreApplication>
#include <QUndoCommand>
#include <QUndoStack>

#include <functional>
#include <utility>

#include "common/retranslatablecommand.h"

/** Merge ids of the commands that merge (QUndoCommand::id()); one list so two never collide. */
enum UndoMergeId {
    UndoNoMerge = -1,
    UndoMergeTemplate = 40,
    UndoMergePromptSettings = 41,
    UndoMergeDemos = 42,
};

template <typename T>
class SnapshotCommand : public QUndoCommand, public RetranslatableCommand
{
public:
    using Apply = std::function<void(const T &)>;

    /** text builds the step's name (again after a language switch). */
    SnapshotCommand(UndoMergeId mergeId, Apply apply, T oldValue, T newValue, UndoText text, QString mergeKey = {},
                    QUndoCommand *parent = nullptr)
        : QUndoCommand(parent), m_mergeId(mergeId), m_apply(std::move(apply)), m_old(std::move(oldValue)),
          m_new(std::move(newValue)), m_mergeKey(std::move(mergeKey)), m_text(std::move(text))
    {
        retranslate();
    }

    void retranslate() override { setText(m_text ? m_text() : QString()); }

    void undo() override { m_apply(m_old); }
    void redo() override { m_apply(m_new); }
    int id() const override { return m_mergeKey.isEmpty() ? int(UndoNoMerge) : int(m_mergeId); }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *o = static_cast<const SnapshotCommand *>(other);
        if (o->m_mergeKey != m_mergeKey)
            return false;
        m_new = o->m_new;
        setObsolete(m_new == m_old);
        return true;
    }

    const T &oldValue() const { return m_old; }
    const T &newValue() const { return m_new; }

private:
    UndoMergeId m_mergeId;
    Apply m_apply;
    T m_old, m_new;
    QString m_mergeKey;
    UndoText m_text;
};

/** Push cmd onto stack, or without a stack apply it (redo) and delete it. */
inline void pushOrApply(QUndoStack *stack, QUndoCommand *cmd)
{
    if (stack) {
        stack->push(cmd);
        return;
    }
    cmd->redo();
    delete cmd;
}
