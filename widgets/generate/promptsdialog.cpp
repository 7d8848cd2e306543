#include "generate/promptsdialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

PromptsDialog::PromptsDialog(const QJsonObject &defaults, const QJsonObject &edits, QWidget *parent)
    : QDialog(parent), m_defaults(defaults), m_texts(defaults)
{
    setObjectName(QStringLiteral("promptsDialog"));
    setWindowTitle(tr("Prompt templates"));
    for (auto it = edits.constBegin(); it != edits.constEnd(); ++it)
        m_texts.insert(it.key(), it.value());
    m_names = new QListWidget(this);
    m_names->setObjectName(QStringLiteral("templateList"));
    for (auto it = m_texts.constBegin(); it != m_texts.constEnd(); ++it)
        m_names->addItem(it.key());
    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(QStringLiteral("templateEditor"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setText(m_defaults.isEmpty()
                        ? tr("The worker's built-in templates for this language are not known yet: they are "
                             "listed here once a run with the built-in templates has started (its config.json "
                             "holds them).")
                        : tr("Edited templates are saved with the run; the others stay the built-in ones."));
    auto *split = new QSplitter(this);
    split->addWidget(m_names);
    split->addWidget(m_editor);
    split->setStretchFactor(1, 1);
    split->setSizes({180, 520});
    m_reset = new QPushButton(tr("Reset to defaults"), this);
    m_reset->setObjectName(QStringLiteral("resetTemplatesButton"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->addButton(m_reset, QDialogButtonBox::ResetRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    resize(760, 520);

    connect(m_names, &QListWidget::currentRowChanged, this, &PromptsDialog::showTemplate);
    connect(m_reset, &QPushButton::clicked, this, &PromptsDialog::resetToDefaults);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (m_names->count() > 0)
        m_names->setCurrentRow(0);
    m_editor->setEnabled(m_names->count() > 0);
}

void PromptsDialog::storeCurrent()
{
    if (m_row >= 0 && m_row < m_names->count())
        m_texts.insert(m_names->item(m_row)->text(), m_editor->toPlainText());
}

void PromptsDialog::showTemplate(int row)
{
    storeCurrent();
    m_row = row;
    m_editor->setPlainText(row >= 0 ? m_texts.value(m_names->item(row)->text()).toString() : QString());
}

void PromptsDialog::resetToDefaults()
{
    m_row = -1;  // the editor's text is not stored back
    m_texts = m_defaults;
    const int row = m_names->currentRow();
    m_names->clear();
    for (auto it = m_texts.constBegin(); it != m_texts.constEnd(); ++it)
        m_names->addItem(it.key());
    m_names->setCurrentRow(std::min(std::max(row, 0), m_names->count() - 1));
    if (m_names->count() == 0)
        m_editor->clear();
}

QJsonObject PromptsDialog::edits() const
{
    QJsonObject texts = m_texts;
    if (m_row >= 0 && m_row < m_names->count())
        texts.insert(m_names->item(m_row)->text(), m_editor->toPlainText());
    QJsonObject out;
    for (auto it = texts.constBegin(); it != texts.constEnd(); ++it)
        if (it.value() != m_defaults.value(it.key()))
            out.insert(it.key(), it.value());
    return out;
}
