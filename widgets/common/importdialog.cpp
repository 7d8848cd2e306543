#include "common/importdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "data/conversation.h"
#include "workspace/qtstrings.h"
#include "workspace/workspace.h"

using sft::DatasetFormat;

namespace {

const DatasetFormat kFormats[] = {DatasetFormat::AlpacaJson, DatasetFormat::ShareGpt,  DatasetFormat::OpenAiMessages,
                                  DatasetFormat::Oasst,      DatasetFormat::UltraChat, DatasetFormat::Jsonl,
                                  DatasetFormat::Csv,        DatasetFormat::SeedTasks};

enum PreviewColumn { InstructionColumn, InputColumn, OutputColumn, SystemColumn, TurnsColumn, PreviewColumns };

// The formats whose fields can be named otherwise (FieldMapping).
bool mappable(DatasetFormat f)
{
    return f == DatasetFormat::AlpacaJson || f == DatasetFormat::Jsonl || f == DatasetFormat::Csv;
}

// One line of a cell; the whole text (up to a limit) is in the tooltip.
QTableWidgetItem *cell(const std::string &text)
{
    const QString full = sft::qs(text);
    QString line = full.left(300);
    line.replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
    auto *item = new QTableWidgetItem(line);
    item->setToolTip(full.left(2000));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

// The names datasets commonly give each field, most likely first (what a guess tries when the usual
// name is missing).
const QStringList &aliases(int target)
{
    static const QStringList names[] = {
        {QStringLiteral("instruction"), QStringLiteral("prompt"), QStringLiteral("question"), QStringLiteral("query"),
         QStringLiteral("inputs")},
        {QStringLiteral("input"), QStringLiteral("context")},
        {QStringLiteral("output"), QStringLiteral("response"), QStringLiteral("answer"), QStringLiteral("completion"),
         QStringLiteral("targets"), QStringLiteral("target")},
        {QStringLiteral("system"), QStringLiteral("system_prompt")},
        {},
    };
    return names[target];
}

const char *const kUsualNames[] = {"instruction", "input", "output", "system", ""};

} // namespace

ImportDialog::ImportDialog(sft::Workspace *workspace, const QString &file, QWidget *parent)
    : QDialog(parent), m_workspace(workspace), m_file(file)
{
    setObjectName(QStringLiteral("importDialog"));
    m_detected = sft::detectFormat(sft::ss(file));
    if (m_workspace) {
        QList<sft::DatasetInfo> sets;
        m_workspace->tryOrReport([&] { sets = m_workspace->datasets(); });
        for (const auto &d : std::as_const(sets))
            m_datasets.push_back({d.id, d.name});
    }

    m_fileLabel = new QLabel(this);
    m_fileName = new QLabel(QFileInfo(file).fileName(), this);
    m_fileName->setToolTip(QFileInfo(file).absoluteFilePath());
    m_fileName->setTextFormat(Qt::PlainText);
    m_formatLabel = new QLabel(this);
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("importFormat"));
    for (DatasetFormat f : kFormats)
        m_format->addItem(QString(), int(f));
    m_format->setCurrentIndex(std::max(0, m_format->findData(int(m_detected))));
    m_formatLabel->setBuddy(m_format);
    m_sourceTitle = new QLabel(this);
    m_sourceValue = new QLabel(this);
    m_sourceValue->setObjectName(QStringLiteral("importSource"));
    m_sourceValue->setTextFormat(Qt::PlainText);
    m_sourceValue->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Field mapping: shown on demand, and by itself when the usual names do not read the file.
    m_mappingButton = new QToolButton(this);
    m_mappingButton->setObjectName(QStringLiteral("importMappingButton"));
    m_mappingButton->setCheckable(true);
    m_mappingButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_mappingButton->setArrowType(Qt::RightArrow);
    m_mappingButton->setAutoRaise(true);
    m_mappingSummary = new QLabel(this);
    m_mappingSummary->setObjectName(QStringLiteral("importMappingSummary"));
    m_mappingSummary->setTextFormat(Qt::PlainText);
    m_mappingBox = new QWidget(this);
    m_mappingBox->setObjectName(QStringLiteral("importMapping"));
    m_fieldsFound = new QLabel(m_mappingBox);
    m_fieldsFound->setObjectName(QStringLiteral("importFieldsFound"));
    m_fieldsFound->setWordWrap(true);
    m_fieldsFound->setTextFormat(Qt::PlainText);
    m_mappingNote = new QLabel(m_mappingBox);
    m_mappingNote->setObjectName(QStringLiteral("importMappingNote"));
    m_mappingNote->setWordWrap(true);
    m_mappingNote->setTextFormat(Qt::PlainText);
    auto *grid = new QGridLayout;
    for (int t = 0; t < TargetCount; ++t) {
        m_mappingLabels[t] = new QLabel(m_mappingBox);
        m_mapping[t] = new QComboBox(m_mappingBox);
        m_mapping[t]->setObjectName(QStringLiteral("importMap_%1").arg(QLatin1String(t == Messages ? "messages" : kUsualNames[t])));
        m_mapping[t]->setMinimumContentsLength(12);
        m_mapping[t]->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        m_mappingLabels[t]->setBuddy(m_mapping[t]);
        grid->addWidget(m_mappingLabels[t], t / 2, (t % 2) * 2);
        grid->addWidget(m_mapping[t], t / 2, (t % 2) * 2 + 1);
        connect(m_mapping[t], &QComboBox::currentIndexChanged, this, [this] {
            if (m_updating)
                return;
            m_guessed = false;
            updatePreview();
            retranslateMapping();  // the summary and the note
        });
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    auto *mappingLayout = new QVBoxLayout(m_mappingBox);
    mappingLayout->setContentsMargins(18, 0, 0, 0);
    mappingLayout->addWidget(m_fieldsFound);
    mappingLayout->addLayout(grid);
    mappingLayout->addWidget(m_mappingNote);
    m_mappingBox->hide();
    connect(m_mappingButton, &QToolButton::toggled, this, [this](bool on) {
        m_mappingButton->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        m_mappingBox->setVisible(on && mappable(format()));
    });
    auto *mappingRow = new QHBoxLayout;
    mappingRow->addWidget(m_mappingButton);
    mappingRow->addWidget(m_mappingSummary, 1);

    // OpenAssistant: which paths of each message tree, and which language (rows of the form, shown for it).
    m_oasstPathsLabel = new QLabel(this);
    m_oasstPaths = new QComboBox(this);
    m_oasstPaths->setObjectName(QStringLiteral("importOasstPaths"));
    m_oasstPaths->addItem(QString(), int(sft::OasstPaths::Best));
    m_oasstPaths->addItem(QString(), int(sft::OasstPaths::All));
    m_oasstPathsLabel->setBuddy(m_oasstPaths);
    m_languageLabel = new QLabel(this);
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("importLanguage"));
    m_language->setEditable(true);
    m_language->setInsertPolicy(QComboBox::NoInsert);
    m_language->addItem(QString());
    m_languageLabel->setBuddy(m_language);
    connect(m_oasstPaths, &QComboBox::currentIndexChanged, this, &ImportDialog::updatePreview);
    connect(m_language, &QComboBox::currentTextChanged, this, &ImportDialog::updatePreview);

    m_previewTitle = new QLabel(this);
    m_preview = new QTableWidget(0, PreviewColumns, this);
    m_preview->setObjectName(QStringLiteral("importPreview"));
    m_preview->verticalHeader()->hide();
    m_preview->setWordWrap(false);
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->setColumnWidth(InstructionColumn, 260);
    m_preview->setColumnWidth(InputColumn, 120);
    m_preview->setColumnWidth(OutputColumn, 240);
    m_preview->setColumnWidth(SystemColumn, 120);
    m_preview->setColumnWidth(TurnsColumn, 50);
    m_preview->horizontalHeader()->setSectionResizeMode(OutputColumn, QHeaderView::Stretch);
    m_preview->setMinimumHeight(180);
    m_previewLabel = new QLabel(this);
    m_previewLabel->setObjectName(QStringLiteral("importPreviewStatus"));
    m_previewLabel->setWordWrap(true);
    m_previewLabel->setTextFormat(Qt::PlainText);
    m_previewLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_targetTitle = new QLabel(this);
    m_newDataset = new QRadioButton(this);
    m_newDataset->setObjectName(QStringLiteral("importNewDataset"));
    m_name = new QLineEdit(QFileInfo(file).completeBaseName(), this);
    m_name->setObjectName(QStringLiteral("importName"));
    m_nameHint = new QLabel(this);
    m_nameHint->setObjectName(QStringLiteral("importNameHint"));
    m_nameHint->setWordWrap(true);
    m_nameHint->setTextFormat(Qt::PlainText);
    m_append = new QRadioButton(this);
    m_append->setObjectName(QStringLiteral("importAppend"));
    m_dataset = new QComboBox(this);
    m_dataset->setObjectName(QStringLiteral("importDataset"));
    for (const auto &d : std::as_const(m_datasets))
        m_dataset->addItem(d.second, d.first);
    // The dataset named like the file is the one a re-import would add to.
    m_dataset->setCurrentIndex(std::max(0, m_dataset->findText(m_name->text())));
    m_append->setEnabled(!m_datasets.isEmpty());
    m_newDataset->setChecked(true);

    m_form = new QFormLayout;
    m_form->addRow(m_fileLabel, m_fileName);
    m_form->addRow(m_sourceTitle, m_sourceValue);
    m_form->setRowVisible(m_sourceValue, false);
    m_form->addRow(m_formatLabel, m_format);
    m_form->addRow(m_oasstPathsLabel, m_oasstPaths);
    m_form->addRow(m_languageLabel, m_language);
    auto *target = new QGridLayout;
    target->addWidget(m_newDataset, 0, 0);
    target->addWidget(m_name, 0, 1);
    target->addWidget(m_nameHint, 1, 1);
    target->addWidget(m_append, 2, 0);
    target->addWidget(m_dataset, 2, 1);
    target->setColumnStretch(1, 1);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addLayout(mappingRow);
    layout->addWidget(m_mappingBox);
    layout->addWidget(m_previewTitle);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_previewLabel);
    layout->addSpacing(6);
    layout->addWidget(m_targetTitle);
    layout->addLayout(target);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportDialog::onFormatChanged);
    connect(m_name, &QLineEdit::textChanged, this, &ImportDialog::updateTarget);
    connect(m_newDataset, &QRadioButton::toggled, this, &ImportDialog::updateTarget);
    connect(m_dataset, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_append->isChecked())
            m_append->setChecked(true);
        updateTarget();
    });
    retranslate();
    onFormatChanged();
    resize(820, 620);
}

QPushButton *ImportDialog::importButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

DatasetFormat ImportDialog::format() const
{
    return static_cast<DatasetFormat>(m_format->currentData().toInt());
}

sft::FieldMapping ImportDialog::mapping() const
{
    sft::FieldMapping m;
    if (!mappable(format()))
        return m;
    m.instruction = sft::ss(m_mapping[Instruction]->currentData().toString());
    m.input = sft::ss(m_mapping[Input]->currentData().toString());
    m.output = sft::ss(m_mapping[Output]->currentData().toString());
    m.system = sft::ss(m_mapping[System]->currentData().toString());
    m.messages = sft::ss(m_mapping[Messages]->currentData().toString());
    return m;
}

sft::ImportOptions ImportDialog::options() const
{
    sft::ImportOptions o;
    o.file = m_file;
    o.format = format();
    o.mapping = mapping();
    if (o.format == DatasetFormat::Oasst) {
        o.oasstPaths = static_cast<sft::OasstPaths>(m_oasstPaths->currentData().toInt());
        const QString language = m_language->currentText().trimmed();
        o.language = language == m_language->itemText(0) ? QString() : language;
    }
    o.source = m_source;
    if (m_append->isChecked())
        o.datasetId = m_dataset->currentData().toLongLong();
    else
        o.datasetName = m_name->text().trimmed();
    return o;
}

bool ImportDialog::setMapping(Target target, const QString &sourceField)
{
    const int index = sourceField.isEmpty() ? 0 : m_mapping[target]->findData(sourceField);
    if (index < 0)
        return false;
    m_mapping[target]->setCurrentIndex(index);
    return true;
}

void ImportDialog::setFormat(DatasetFormat format)
{
    const int index = m_format->findData(int(format == DatasetFormat::Auto ? m_detected : format));
    if (index >= 0)
        m_format->setCurrentIndex(index);  // onFormatChanged() reads the file's fields again
}

void ImportDialog::setFieldMapping(const sft::FieldMapping &mapping)
{
    if (!mappable(format()))
        return;
    const std::string *fields[TargetCount] = {&mapping.instruction, &mapping.input, &mapping.output, &mapping.system,
                                              &mapping.messages};
    m_updating = true;
    for (int t = 0; t < TargetCount; ++t) {
        const QString name = sft::qs(*fields[t]);
        QComboBox *combo = m_mapping[t];
        int index = name.isEmpty() ? 0 : combo->findData(name);
        if (index < 0) {
            combo->addItem(name, name);
            index = combo->count() - 1;
        }
        combo->setCurrentIndex(index);
    }
    m_updating = false;
    m_guessed = false;
    if (!mapping.empty())
        m_mappingButton->setChecked(true);  // show what will be read
    updatePreview();
    retranslateMapping();
}

void ImportDialog::setDatasetName(const QString &name)
{
    m_newDataset->setChecked(true);
    m_name->setText(name);
}

void ImportDialog::setSource(const QString &source)
{
    m_source = source;
    m_sourceValue->setText(source);
    m_form->setRowVisible(m_sourceValue, !source.isEmpty());
}

QString ImportDialog::formatText(DatasetFormat format) const
{
    switch (format) {
    case DatasetFormat::AlpacaJson: return tr("Alpaca JSON (an array of instruction, input, output)");
    case DatasetFormat::ShareGpt: return tr("ShareGPT (conversations of from / value messages)");
    case DatasetFormat::OpenAiMessages: return tr("OpenAI messages (JSON Lines of role / content messages)");
    case DatasetFormat::Oasst: return tr("OpenAssistant message trees (oasst1 / oasst2 export)");
    case DatasetFormat::UltraChat: return tr("UltraChat (JSON Lines of user and assistant texts in turn)");
    case DatasetFormat::Jsonl: return tr("JSON Lines (one record per line)");
    case DatasetFormat::Csv: return tr("CSV (a header row naming instruction, input, output)");
    case DatasetFormat::SeedTasks: return tr("Self-Instruct seed tasks (JSON Lines)");
    case DatasetFormat::Auto: break;
    }
    return {};
}

void ImportDialog::fillMappingCombos()
{
    m_updating = true;
    for (int t = 0; t < TargetCount; ++t) {
        QComboBox *combo = m_mapping[t];
        const QString current = combo->currentData().toString();
        combo->clear();
        combo->addItem(QString(), QString());
        for (const QString &f : t == Messages ? m_fields.listFields : m_fields.fields)
            combo->addItem(f, f);
        combo->setCurrentIndex(std::max(0, combo->findData(current)));
    }
    const bool lists = !m_fields.listFields.isEmpty();
    m_mappingLabels[Messages]->setVisible(lists);
    m_mapping[Messages]->setVisible(lists);
    m_updating = false;
    retranslateMapping();
}

bool ImportDialog::guessMapping()
{
    bool any = false;
    m_updating = true;
    for (int t = 0; t < Messages; ++t) {
        if (m_fields.fields.contains(QLatin1String(kUsualNames[t])))
            continue;
        for (const QString &name : aliases(t)) {
            // A field another target reads already is not guessed again (FLAN's "inputs" is not also the input).
            bool taken = false;
            for (int o = 0; o < Messages; ++o)
                taken |= m_mapping[o]->currentData().toString() == name
                         || (o != t && name == QLatin1String(kUsualNames[o]));
            if (!taken && m_fields.fields.contains(name)) {
                m_mapping[t]->setCurrentIndex(m_mapping[t]->findData(name));
                any = true;
                break;
            }
        }
    }
    m_updating = false;
    return any;
}

void ImportDialog::onFormatChanged()
{
    const DatasetFormat f = format();
    m_fields = scanSourceFields(m_file, f);
    fillMappingCombos();
    {
        const QSignalBlocker block(m_language);
        const QString language = m_language->currentText();
        while (m_language->count() > 1)
            m_language->removeItem(1);
        m_language->addItems(m_fields.languages);
        m_language->setEditText(language);
    }
    m_mappingButton->setVisible(mappable(f));
    m_mappingSummary->setVisible(mappable(f));
    m_mappingBox->setVisible(mappable(f) && m_mappingButton->isChecked());
    m_form->setRowVisible(m_oasstPaths, f == DatasetFormat::Oasst);
    m_form->setRowVisible(m_language, f == DatasetFormat::Oasst);
    m_guessed = false;
    updatePreview();
    if (!previewOk() && mappable(f) && mapping().empty()) {
        // Other field names (Dolly's, FLAN's, ...): try the common ones, and keep them only when they read the file.
        if (guessMapping()) {
            updatePreview();
            m_guessed = previewOk();
            if (!m_guessed) {
                m_updating = true;
                for (int t = 0; t < Messages; ++t)
                    m_mapping[t]->setCurrentIndex(0);
                m_updating = false;
                updatePreview();
            }
        }
        if (!m_fields.fields.isEmpty())
            m_mappingButton->setChecked(true);  // show where to choose them
    }
    retranslateMapping();
}

void ImportDialog::updatePreview()
{
    if (m_updating)
        return;
    const sft::ImportOptions o = options();
    const sft::ImportPreview p = sft::previewFile(m_file, o.readOptions());
    m_previewError = p.error;
    m_previewRows = int(p.records.size());
    m_previewWhole = p.wholeFile;
    m_preview->setRowCount(0);
    m_preview->setRowCount(m_previewRows);
    bool system = false;
    for (int r = 0; r < m_previewRows; ++r) {
        const sft::Record &rec = p.records[std::size_t(r)];
        m_preview->setItem(r, InstructionColumn, cell(rec.instruction));
        m_preview->setItem(r, InputColumn, cell(rec.input));
        m_preview->setItem(r, OutputColumn, cell(rec.output));
        m_preview->setItem(r, SystemColumn, cell(rec.system));
        auto *turns = new QTableWidgetItem(QString::number(sft::turnCount(rec)));
        turns->setTextAlignment(Qt::AlignCenter);
        turns->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        m_preview->setItem(r, TurnsColumn, turns);
        system |= !rec.system.empty();
    }
    m_preview->setColumnHidden(SystemColumn, !system);
    retranslate();
    updateTarget();
}

void ImportDialog::updateTarget()
{
    const QString name = m_name->text().trimmed();
    bool taken = false;
    for (const auto &d : std::as_const(m_datasets))
        taken |= d.second == name;
    m_name->setEnabled(m_newDataset->isChecked());
    if (!m_newDataset->isChecked()) {
        m_nameHint->clear();
    } else if (name.isEmpty()) {
        m_nameHint->setText(tr("Give the new dataset a name."));
    } else if (taken) {
        QString unique = name;
        if (m_workspace)
            m_workspace->tryOrReport([&] { unique = m_workspace->uniqueDatasetName(name); });
        m_nameHint->setText(tr("A dataset named “%1” exists already: the new one will be named “%2”. To add the "
                               "records to “%1” instead, choose “Add to the existing dataset”.")
                                .arg(name, unique));
    } else {
        m_nameHint->clear();
    }
    m_nameHint->setVisible(!m_nameHint->text().isEmpty());
    importButton()->setEnabled(m_previewError.isEmpty() && (m_append->isChecked() || !name.isEmpty()));
}

void ImportDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        retranslateMapping();
    }
    QDialog::changeEvent(event);
}

void ImportDialog::retranslateMapping()
{
    m_mappingButton->setText(tr("Field &mapping…"));
    m_mappingButton->setToolTip(tr("Which field of the file fills each part of a record, for files whose fields "
                                   "have other names (Dolly's context and response, FLAN's inputs and targets)"));
    const char *labels[] = {QT_TR_NOOP("Instruction:"), QT_TR_NOOP("Input:"), QT_TR_NOOP("Output:"),
                            QT_TR_NOOP("System message:"), QT_TR_NOOP("Message list:")};
    const char *tips[] = {
        QT_TR_NOOP("The field holding the instruction (or the question)"),
        QT_TR_NOOP("The field holding the optional input (context) the instruction is about; may be absent"),
        QT_TR_NOOP("The field holding the answer the model should learn to give"),
        QT_TR_NOOP("The field holding a system message; may be absent"),
        QT_TR_NOOP("A field holding a list of role / content messages: each record is then a conversation"),
    };
    QStringList summary;
    for (int t = 0; t < TargetCount; ++t) {
        m_mappingLabels[t]->setText(tr(labels[t]));
        m_mapping[t]->setToolTip(tr(tips[t]));
        m_mapping[t]->setItemText(0, t == Messages ? tr("none") : tr("“%1” (the usual name)").arg(QLatin1String(kUsualNames[t])));
        const QString source = m_mapping[t]->currentData().toString();
        if (!source.isEmpty())
            summary << tr("%1 ← %2").arg(t == Messages ? QStringLiteral("messages") : QLatin1String(kUsualNames[t]), source);
    }
    // A message list replaces the three fields.
    const bool messages = !m_mapping[Messages]->currentData().toString().isEmpty();
    for (int t : {Instruction, Input, Output})
        m_mapping[t]->setEnabled(!messages);
    m_mappingSummary->setText(summary.isEmpty() ? tr("the usual field names") : summary.join(QStringLiteral(" · ")));
    m_fieldsFound->setText(m_fields.fields.isEmpty()
                               ? tr("No fields found in the first records of the file.")
                               : tr("Fields in the first records of the file: %1").arg(m_fields.fields.join(QStringLiteral(", "))));
    m_mappingNote->setText(m_guessed ? tr("Guessed from the field names: check the preview below.") : QString());
    m_mappingNote->setVisible(m_guessed);
    m_oasstPathsLabel->setText(tr("&Conversations:"));
    m_oasstPaths->setItemText(0, tr("Best-ranked path of each message tree"));
    m_oasstPaths->setItemText(1, tr("Every path that ends with an assistant reply"));
    m_oasstPaths->setToolTip(tr("An OpenAssistant tree holds several replies per message, ranked by people: keep "
                                "only the best-ranked conversation of each tree, or every one of them"));
    m_languageLabel->setText(tr("&Language:"));
    {
        const QSignalBlocker block(m_language);
        const QString text = m_language->currentText();
        const bool all = m_language->currentIndex() == 0 && (text.isEmpty() || text == m_language->itemText(0));
        m_language->setItemText(0, tr("All languages"));
        if (all && text != m_language->itemText(0))
            m_language->setEditText(m_language->itemText(0));
    }
    m_language->setToolTip(tr("Only the trees in this language (a code such as en, zh, es, de); the codes listed "
                              "are those of the file's first records"));
}

void ImportDialog::retranslate()
{
    setWindowTitle(tr("Import %1").arg(QFileInfo(m_file).fileName()));
    m_fileLabel->setText(tr("File:"));
    m_sourceTitle->setText(tr("Source of the records:"));
    m_sourceValue->setToolTip(tr("Stored as every imported record's source: the catalogue entry the file is a copy of"));
    m_formatLabel->setText(tr("&Format:"));
    for (int i = 0; i < m_format->count(); ++i) {
        const auto f = static_cast<DatasetFormat>(m_format->itemData(i).toInt());
        m_format->setItemText(i, f == m_detected ? tr("%1 — detected").arg(formatText(f)) : formatText(f));
    }
    m_format->setToolTip(tr("How the file is read. The detected format is chosen; pick another if the preview "
                            "does not show your records."));
    m_previewTitle->setText(tr("Preview"));
    m_preview->setHorizontalHeaderLabels({tr("Instruction"), tr("Input"), tr("Output"), tr("System"), tr("Turns")});
    const bool mapped = !mapping().empty();
    if (!m_previewError.isEmpty() && mapped)
        m_previewLabel->setText(tr("The field mapping does not fit this file: %1").arg(m_previewError));
    else if (!m_previewError.isEmpty() && mappable(format()))
        m_previewLabel->setText(tr("This file cannot be read as this format: %1. If its fields have other names, "
                                   "choose them under Field mapping.")
                                    .arg(m_previewError));
    else if (!m_previewError.isEmpty())
        m_previewLabel->setText(tr("This file cannot be read as this format: %1").arg(m_previewError));
    else if (m_previewWhole)
        m_previewLabel->setText(tr("The file holds %n record(s).", nullptr, m_previewRows));
    else
        m_previewLabel->setText(tr("The first %n record(s) of the file, as they will be imported.", nullptr,
                                   m_previewRows));
    m_previewLabel->setStyleSheet(m_previewError.isEmpty() ? QString() : QStringLiteral("color: #b00020;"));
    m_targetTitle->setText(tr("Import into"));
    m_newDataset->setText(tr("&New dataset named"));
    m_newDataset->setToolTip(tr("Create a dataset for these records"));
    m_name->setToolTip(tr("The new dataset's name; the file's name unless you change it"));
    m_append->setText(tr("&Add to the existing dataset"));
    m_append->setToolTip(m_datasets.isEmpty() ? tr("The workspace has no dataset yet")
                                              : tr("Append these records to a dataset you already have"));
    m_dataset->setToolTip(tr("The dataset the records are added to"));
    importButton()->setText(tr("&Import"));
    updateTarget();
}
