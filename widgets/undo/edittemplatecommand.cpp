#include "edittemplatecommand.h"

#include <QCoreApplication>

EditTemplateCommand::EditTemplateCommand(Apply apply, QString oldText, QString newText, QUndoCommand *parent)
    : QUndoCommand(parent), m_apply(std::move(apply)), m_old(std::move(oldText)), m_new(std::move(newText))
{
    setText(QCoreApplication::translate("EditTemplateCommand", "Edit prompt template"));
}

void EditTemplateCommand::undo() { m_apply(m_old); }
void EditTemplateCommand::redo() { m_apply(m_new); }

bool EditTemplateCommand::mergeWith(const QUndoCommand *other)
{
    m_new = static_cast<const EditTemplateCommand *>(other)->m_new;
    return true;
}
