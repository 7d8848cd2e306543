#include "curation/setfieldcommand.h"

#include <QCoreApplication>

namespace {
QString fieldName(sft::RecordField f)
{
    switch (f) {
    case sft::RecordField::Instruction: return QCoreApplication::translate("SetFieldCommand", "instruction");
    case sft::RecordField::Input: return QCoreApplication::translate("SetFieldCommand", "input");
    case sft::RecordField::Output: return QCoreApplication::translate("SetFieldCommand", "output");
    case sft::RecordField::Note: return QCoreApplication::translate("SetFieldCommand", "note");
    case sft::RecordField::Tags: return QCoreApplication::translate("SetFieldCommand", "tags");
    }
    return {};
}
} // namespace

SetFieldCommand::SetFieldCommand(sft::Workspace *workspace, qint64 recordId, sft::RecordField field, QString oldValue,
                                 QString newValue, QUndoCommand *parent)
    : WorkspaceCommand(parent), m_workspace(workspace), m_recordId(recordId), m_field(field),
      m_old(std::move(oldValue)), m_new(std::move(newValue))
{
    setDatasetOfRecord(workspace, recordId);
    retranslate();
}

QString SetFieldCommand::describe() const
{
    return inDataset(
        QCoreApplication::translate("SetFieldCommand", "Edit %1 of record %2").arg(fieldName(m_field)).arg(m_recordId));
}

void SetFieldCommand::undo() { write(m_old); }
void SetFieldCommand::redo() { write(m_new); }

void SetFieldCommand::write(const QString &value)
{
    if (!m_workspace->tryOrReport([&] { m_workspace->setField(m_recordId, m_field, value); }))
        setObsolete(true);
}

bool SetFieldCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetFieldCommand *>(other);
    // A failed edit is not merged: this command would then claim a value that was never saved.
    if (o->isObsolete() || o->m_recordId != m_recordId || o->m_field != m_field || o->m_workspace != m_workspace)
        return false;
    m_new = o->m_new;
    setObsolete(m_new == m_old);  // back where it began: nothing left to undo
    return true;
}
