#pragma once
// Undo of an import (and of creating an empty dataset, an import of nothing).
// The records are in the workspace before the command is pushed, so the first
// redo does nothing. Undo moves them to the workspace's trash: the whole new
// dataset, or the appended records only (which leaves the dataset as it was
// before); redo brings them back. Moving is one UPDATE, whatever the size.
// A created dataset that holds records added since by another program (a
// Generate run, sftbench-cli add) is not taken back: the undo is refused, the
// step dropped, and the notice says how to delete the dataset instead.

#include <functional>

#include "common/workspacecommand.h"
#include "workspace/importer.h"

namespace sft { class Workspace; }

class ImportCommand : public WorkspaceCommand
{
public:
    ImportCommand(sft::Workspace *workspace, const sft::ImportResult &result, QUndoCommand *parent = nullptr);

    /** Where a refused undo is explained (the window's message area); without one it is reported as an error. */
    void setNotice(std::function<void(const QString &)> notice) { m_notice = std::move(notice); }

    void undo() override;
    void redo() override;

protected:
    QString describe() const override;

private:
    sft::Workspace *m_workspace;
    sft::ImportResult m_result;
    std::function<void(const QString &)> m_notice;
    qint64 m_trash = 0;  // the trash entry holding appended records while undone
    bool m_done = true;  // the import itself was the first redo
};
