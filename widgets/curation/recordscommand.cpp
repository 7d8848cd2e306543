#include "curation/recordscommand.h"

#include <QCoreApplication>

#include "workspace/workspace.h"

RecordsCommand::RecordsCommand(sft::Workspace *workspace, Kind kind, qint64 datasetId, const QString &datasetName,
                               const QList<qint64> &ids, QUndoCommand *parent)
    : WorkspaceCommand(parent), m_workspace(workspace), m_kind(kind), m_ids(ids), m_written(kind != Delete)
{
    setDataset(datasetId, datasetName);
    retranslate();
}

QString RecordsCommand::describe() const
{
    const int n = int(m_ids.size());
    switch (m_kind) {
    case New:
        return n == 1 ? inDataset(QCoreApplication::translate("RecordsCommand", "New record %1").arg(m_ids.first()))
                      : inDataset(QCoreApplication::translate("RecordsCommand", "New %n record(s)", nullptr, n));
    case Duplicate:
        return inDataset(QCoreApplication::translate("RecordsCommand", "Duplicate %n record(s)", nullptr, n));
    case Delete:
        return inDataset(QCoreApplication::translate("RecordsCommand", "Delete %n record(s)", nullptr, n));
    }
    return {};
}

void RecordsCommand::toTrash()
{
    if (!m_workspace->tryOrReport([this] { m_trash = m_workspace->trashRecords(datasetId(), m_ids); }))
        setObsolete(true);
}

void RecordsCommand::fromTrash()
{
    if (!m_workspace->tryOrReport([this] { m_workspace->restoreRecords(m_trash, datasetId()); })) {
        setObsolete(true);
        return;
    }
    m_trash = 0;
    revealFirst();
}

void RecordsCommand::revealFirst()
{
    if (m_reveal && !m_ids.isEmpty())
        m_reveal(datasetId(), m_ids.first());
}

void RecordsCommand::undo()
{
    if (m_kind == Delete)
        fromTrash();
    else
        toTrash();
}

void RecordsCommand::redo()
{
    if (m_written) {
        m_written = false;
        return;
    }
    if (m_kind == Delete)
        toTrash();
    else
        fromTrash();
}
