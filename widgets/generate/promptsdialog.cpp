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

#include "generate/generaterun.h"

namespace {

/** Every template name: the worker's set in its order, then any other name the defaults or edits hold. */
QStringList orderedNames(const QJsonObject &texts)
{
    QStringList names;
    for (const QString &name : generation::templateNames())
        if (texts.contains(name))
            names << name;
    for (auto it = texts.constBegin(); it != texts.constEnd(); ++it)
        if (!names.contains(it.key()))
            names << it.key();
    return names;
}

} // namespace

PromptsDialog::PromptsDialog(const QJsonObject &defaults, const QJsonObject &edits, QWidget *parent)
    : QDialog(parent), m_defaults(defaults), m_texts(defaults)
{
    setObjectName(QStringLiteral("promptsDialog"));
    setWindowTitle(tr("Prompt templates"));
    for (auto it = edits.constBegin(); it != edits.constEnd(); ++it)
        m_texts.insert(it.key(), it.value());
    m_names = new QListWidget(this);
    m_names->setObjectName(QStringLiteral("templateList"));
    fillNames();
    m_description = new QLabel(this);
    m_description->setObjectName(QStringLiteral("templateDescription"));
    m_description->setWordWrap(true);
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
    auto *editorBox = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorBox);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addWidget(m_description);
    editorLayout->addWidget(m_editor, 1);
    auto *split = new QSplitter(this);
    split->addWidget(m_names);
    split->addWidget(editorBox);
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

QString PromptsDialog::description(const QString &name)
{
    if (name == QLatin1String("instructions"))
        return tr("Asks for new instructions with the completions API: the model continues a numbered list "
                  "({instructions}, {next}).");
    if (name == QLatin1String("instructions_chat"))
        return tr("Asks for new instructions with the chat API: the model answers with a numbered list "
                  "({instructions}, {count}, {next}).");
    if (name == QLatin1String("classify"))
        return tr("Asks whether a new task is a classification task ({examples}, {task}).");
    if (name == QLatin1String("input_first"))
        return tr("Asks for a task's instances, input first ({examples}, {task}).");
    if (name == QLatin1String("output_first"))
        return tr("Asks for a classification task's instances, class label first ({examples}, {task}).");
    if (name == QLatin1String("batch"))
        return tr("Alpaca mode: asks for a batch of complete tasks ({examples}, {count}, {next}).");
    return {};
}

void PromptsDialog::fillNames()
{
    m_names->clear();
    for (const QString &name : orderedNames(m_texts)) {
        auto *item = new QListWidgetItem(name, m_names);
        item->setToolTip(description(name));
    }
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
    const QString name = row >= 0 ? m_names->item(row)->text() : QString();
    m_editor->setPlainText(m_texts.value(name).toString());
    m_description->setText(description(name));
}

void PromptsDialog::resetToDefaults()
{
    m_row = -1;  // the editor's text is not stored back
    m_texts = m_defaults;
    const int row = m_names->currentRow();
    fillNames();
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
