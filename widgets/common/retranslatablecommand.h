#pragma once
// An undo command whose text is built again in the current language after a
// language switch (retranslateUndoStack() in workspacecommand.h walks the
// stack and calls retranslate() on every command that is one).

#include <QString>

#include <functional>

/** The text of an undo step, built when it is shown, so it follows the language. */
using UndoText = std::function<QString()>;

class RetranslatableCommand
{
public:
    virtual ~RetranslatableCommand() = default;
    /** Set the command's text again, in the current language. */
    virtual void retranslate() = 0;
};
