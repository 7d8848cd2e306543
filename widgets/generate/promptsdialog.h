#pragma once
// The prompt templates of a generation run as plain text: one list entry per
// template (the worker's order, each with what it is for), an editor, and "Reset to defaults". Only templates that differ
// from the defaults are handed back, so a run stays on the worker's built-in
// set for everything the user did not touch.

#include <QDialog>
#include <QJsonObject>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

class PromptsDialog : public QDialog
{
    Q_OBJECT

public:
    /** defaults: name → text of the built-in set (may be empty: not known yet); edits: name → text. */
    PromptsDialog(const QJsonObject &defaults, const QJsonObject &edits, QWidget *parent = nullptr);

    /** The templates whose text differs from the defaults. */
    QJsonObject edits() const;
    void resetToDefaults();

    QListWidget *nameList() const { return m_names; }
    QPlainTextEdit *editor() const { return m_editor; }
    QPushButton *resetButton() const { return m_reset; }

    /** What a template is for and its placeholders; empty for an unknown name. */
    static QString description(const QString &name);

private:
    void fillNames();
    void showTemplate(int row);
    void storeCurrent();

    QJsonObject m_defaults, m_texts;
    int m_row = -1;
    QListWidget *m_names = nullptr;
    QPlainTextEdit *m_editor = nullptr;
    QLabel *m_note = nullptr, *m_description = nullptr;
    QPushButton *m_reset = nullptr;
};
