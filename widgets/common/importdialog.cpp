#include "common/importdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "workspace/qtstrings.h"
#include "workspace/workspace.h"

using sft::DatasetFormat;

namespace {

const DatasetFormat kFormats[] = {DatasetFormat::AlpacaJson, DatasetFormat::ShareGpt, DatasetFormat::Jsonl,
                                  DatasetFormat::Csv, DatasetFormat::SeedTasks};

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

    m_previewTitle = new QLabel(this);
    m_preview = new QTableWidget(0, 3, this);
    m_preview->setObjectName(QStringLiteral("importPreview"));
    m_preview->verticalHeader()->hide();
    m_preview->setWordWrap(false);
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->horizontalHeader()->setStretchLastSection(true);
    m_preview->setColumnWidth(0, 260);
    m_preview->setColumnWidth(1, 140);
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

    auto *form = new QFormLayout;
    form->addRow(m_fileLabel, m_fileName);
    form->addRow(m_formatLabel, m_format);
    auto *target = new QGridLayout;
    target->addWidget(m_newDataset, 0, 0);
    target->addWidget(m_name, 0, 1);
    target->addWidget(m_nameHint, 1, 1);
    target->addWidget(m_append, 2, 0);
    target->addWidget(m_dataset, 2, 1);
    target->setColumnStretch(1, 1);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_previewTitle);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_previewLabel);
    layout->addSpacing(6);
    layout->addWidget(m_targetTitle);
    layout->addLayout(target);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportDialog::updatePreview);
    connect(m_name, &QLineEdit::textChanged, this, &ImportDialog::updateTarget);
    connect(m_newDataset, &QRadioButton::toggled, this, &ImportDialog::updateTarget);
    connect(m_dataset, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_append->isChecked())
            m_append->setChecked(true);
        updateTarget();
    });
    retranslate();
    updatePreview();
    resize(760, 560);
}

QPushButton *ImportDialog::importButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

sft::ImportOptions ImportDialog::options() const
{
    sft::ImportOptions o;
    o.file = m_file;
    o.format = static_cast<DatasetFormat>(m_format->currentData().toInt());
    if (m_append->isChecked())
        o.datasetId = m_dataset->currentData().toLongLong();
    else
        o.datasetName = m_name->text().trimmed();
    return o;
}

QString ImportDialog::formatText(DatasetFormat format) const
{
    switch (format) {
    case DatasetFormat::AlpacaJson: return tr("Alpaca JSON (an array of instruction, input, output)");
    case DatasetFormat::ShareGpt: return tr("ShareGPT or OpenAI messages JSON");
    case DatasetFormat::Jsonl: return tr("JSON Lines (one record per line)");
    case DatasetFormat::Csv: return tr("CSV (a header row naming instruction, input, output)");
    case DatasetFormat::SeedTasks: return tr("Self-Instruct seed tasks (JSON Lines)");
    case DatasetFormat::Auto: break;
    }
    return {};
}

void ImportDialog::updatePreview()
{
    const auto format = static_cast<DatasetFormat>(m_format->currentData().toInt());
    const sft::ImportPreview p = sft::previewFile(m_file, format);
    m_previewError = p.error;
    m_previewRows = int(p.records.size());
    m_previewWhole = p.wholeFile;
    m_preview->setRowCount(0);
    m_preview->setRowCount(m_previewRows);
    for (int r = 0; r < m_previewRows; ++r) {
        const sft::Record &rec = p.records[std::size_t(r)];
        m_preview->setItem(r, 0, cell(rec.instruction));
        m_preview->setItem(r, 1, cell(rec.input));
        m_preview->setItem(r, 2, cell(rec.output));
    }
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
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void ImportDialog::retranslate()
{
    setWindowTitle(tr("Import %1").arg(QFileInfo(m_file).fileName()));
    m_fileLabel->setText(tr("File:"));
    m_formatLabel->setText(tr("&Format:"));
    for (int i = 0; i < m_format->count(); ++i) {
        const auto f = static_cast<DatasetFormat>(m_format->itemData(i).toInt());
        m_format->setItemText(i, f == m_detected ? tr("%1 — detected").arg(formatText(f)) : formatText(f));
    }
    m_format->setToolTip(tr("How the file is read. The detected format is chosen; pick another if the preview "
                            "does not show your records."));
    m_previewTitle->setText(tr("Preview"));
    m_preview->setHorizontalHeaderLabels({tr("Instruction"), tr("Input"), tr("Output")});
    if (!m_previewError.isEmpty())
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
