#include "curation/setfieldcommand.h"

#include <QCoreApplication>
#include <QDateTime>

namespace {
// Edits of one field closer together than this are one typing burst (the editor saves 0.6 s after the
// last key, so a burst's saves come well within it).
constexpr qint64 kBurstGapMs = 2000;

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
      m_old(std::move(oldValue)), m_new(std::move(newValue)), m_lastEditMs(QDateTime::currentMSecsSinceEpoch())
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
    // One typing burst is one step; typing again after a pause is a new one (so Undo of the new
    // typing leaves the text saved before the pause).
    if (o->m_lastEditMs - m_lastEditMs > kBurstGapMs)
        return false;
    m_new = o->m_new;
    m_lastEditMs = o->m_lastEditMs;
    setObsolete(m_new == m_old);  // back where it began: nothing left to undo
    return true;
}
