#pragma once
// The base of the undo commands that change a workspace's records or
// datasets. Each knows the dataset it changes, so Edit ▸ Undo can name that
// dataset and show it before undoing, and builds its text from what it
// stores (describe()), so the text follows a language switch
// (retranslateUndoStack()).

#include <QUndoCommand>

#include "common/retranslatablecommand.h"

class QUndoStack;
namespace sft { class Workspace; }

class WorkspaceCommand : public QUndoCommand, public RetranslatableCommand
{
public:
    explicit WorkspaceCommand(QUndoCommand *parent = nullptr) : QUndoCommand(parent) {}

    /** The dataset this command changes (0 when unknown). */
    qint64 datasetId() const { return m_datasetId; }
    QString datasetName() const { return m_datasetName; }
    /** Set the text again, in the current language. */
    void retranslate() override { setText(describe()); }

protected:
    /** The command's text in the current language. */
    virtual QString describe() const = 0;
    void setDataset(qint64 id, const QString &name);
    /** The dataset of a record, read from the workspace; a failed read only leaves it unknown. */
    void setDatasetOfRecord(sft::Workspace *workspace, qint64 recordId);
    /** what, followed by the dataset's name when it is known. */
    QString inDataset(const QString &what) const;

private:
    qint64 m_datasetId = 0;
    QString m_datasetName;
};

/** Re-render the text of every retranslatable command on stack (after a language switch). */
void retranslateUndoStack(QUndoStack *stack);
/** The dataset the command at index of stack changes; 0 when none or unknown. */
qint64 undoCommandDataset(const QUndoStack *stack, int index);
