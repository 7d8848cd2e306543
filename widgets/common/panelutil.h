#pragma once
// Small pieces every panel uses: the bold section title, escaping text for
// the worker's command line, and handing Ctrl+Z to the window's undo.

#include <QEvent>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QString>

/** A bold section title. */
inline QLabel *titleLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

/** sftbench-cli reads \\n, \\t and \\\\ in text options as escapes. */
inline QString cliEscape(QString s)
{
    return s.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('\n'), QStringLiteral("\\n"))
        .replace(QLatin1Char('\t'), QStringLiteral("\\t"));
}

/**
 * For an event filter on text fields whose edits are undo commands: Ctrl+Z / Ctrl+Shift+Z is not the
 * field's (it keeps no history), so the window's Edit ▸ Undo / Redo shortcut takes it. True when the
 * event was such a shortcut override (the filter then returns true).
 */
inline bool leaveUndoToWindow(QEvent *event)
{
    if (event->type() != QEvent::ShortcutOverride)
        return false;
    const auto *key = static_cast<QKeyEvent *>(event);
    if (!key->matches(QKeySequence::Undo) && !key->matches(QKeySequence::Redo))
        return false;
    event->ignore();
    return true;
}
