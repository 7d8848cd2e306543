#pragma once
// Undo of records made or removed by hand: a new record, copies of records,
// or a deletion of any selection. The records never leave the workspace while
// an undo may bring them back: they move to the trash (workspace.h) and back,
// so they return with their ids, fields, status and flags. A new record or a
// copy is written before the command is pushed (the first redo does nothing);
// a deletion happens at the first redo. When an undo or redo brings records
// back (an undone deletion, a redone new record or copy), the reveal callback
// gets the first of them, so the view selects what came back rather than the
// row that took its place.

#include <QList>

#include <functional>

#include "common/workspacecommand.h"

namespace sft { class Workspace; }

class RecordsCommand : public WorkspaceCommand
{
public:
    enum Kind {
        New,        ///< records made by hand (written already)
        Duplicate,  ///< copies of records (written already)
        Delete,     ///< records to delete (by redo)
    };

    RecordsCommand(sft::Workspace *workspace, Kind kind, qint64 datasetId, const QString &datasetName,
                   const QList<qint64> &ids, QUndoCommand *parent = nullptr);

    /** Called with the dataset and the first record when an undo or a later redo brings the records back. */
    void setReveal(std::function<void(qint64 datasetId, qint64 recordId)> reveal) { m_reveal = std::move(reveal); }

    void undo() override;
    void redo() override;

    Kind kind() const { return m_kind; }
    const QList<qint64> &recordIds() const { return m_ids; }

protected:
    QString describe() const override;

private:
    void toTrash();
    void fromTrash();
    void revealFirst();

    sft::Workspace *m_workspace;
    Kind m_kind;
    QList<qint64> m_ids;
    std::function<void(qint64, qint64)> m_reveal;
    qint64 m_trash = 0;          // the trash entry holding the records while they are away
    bool m_written = false;      // New / Duplicate: the records were written before the first redo
};
