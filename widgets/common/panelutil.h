#pragma once
// Small pieces every panel uses: the bold section title, and escaping text
// for the worker's command line.

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
