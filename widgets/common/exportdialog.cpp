#include "common/exportdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSqlQuery>

#include "workspace/settings.h"
#include "workspace/workspace.h"

using sft::AppSettings;
using sft::DatasetFormat;

ExportDialog::ExportDialog(qint64 datasetId, const QString &datasetName, QWidget *parent)
    : ExportDialog(nullptr, datasetId, datasetName, parent)
{
}

ExportDialog::ExportDialog(sft::Workspace *workspace, qint64 datasetId, const QString &datasetName, QWidget *parent)
    : QDialog(parent), m_workspace(workspace), m_datasetId(datasetId)
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export dataset \"%1\"").arg(datasetName));
    m_format = new QComboBox(this);
    m_format->addItem(tr("Alpaca JSON"), QStringLiteral("alpaca"));
    m_format->addItem(tr("JSON Lines"), QStringLiteral("jsonl"));
    m_format->addItem(tr("ShareGPT"), QStringLiteral("sharegpt"));
    m_format->addItem(tr("OpenAI messages (JSON Lines)"), QStringLiteral("openai"));
    m_format->addItem(tr("CSV"), QStringLiteral("csv"));
    m_format->setCurrentIndex(std::max(0, m_format->findData(AppSettings::exportFormat().get())));
    m_acceptedOnly = new QCheckBox(tr("Only accepted records"), this);
    m_acceptedOnly->setChecked(true);
    m_validation = new QDoubleSpinBox(this);
    m_validation->setRange(0.0, 0.9);
    m_validation->setSingleStep(0.05);
    m_validation->setDecimals(2);
    m_validation->setValue(AppSettings::validationFraction().get());
    m_validation->setSpecialValueText(tr("no split"));
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 1 << 30);
    m_seed->setValue(AppSettings::splitSeed().get());
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->setToolTip(tr("The file format written: Alpaca JSON, JSON Lines, ShareGPT conversations, OpenAI "
                            "messages or CSV. Conversations are kept whole by all but CSV"));
    m_acceptedOnly->setToolTip(tr("Export only the records accepted in curation; unchecked, every record of the "
                                  "dataset"));
    m_validation->setToolTip(tr("Share of the records written to a separate validation file (0 = no split)"));
    m_seed->setToolTip(tr("Seed of the random train/validation split: the same seed gives the same split"));
    m_path = new QLineEdit(this);
    m_path->setText(QDir::homePath() + QLatin1Char('/') + datasetName + QStringLiteral(".json"));
    auto *browseButton = new QPushButton(tr("Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Format:"), m_format);
    form->addRow(QString(), m_acceptedOnly);
    form->addRow(tr("Validation share:"), m_validation);
    form->addRow(tr("Split seed:"), m_seed);
    form->addRow(tr("File:"), pathRow);
    form->addRow(QString(), m_hint);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_exportButton = buttons->button(QDialogButtonBox::Ok);
    m_exportButton->setText(tr("Export"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        AppSettings::exportFormat().set(m_format->currentData().toString());
        AppSettings::validationFraction().set(m_validation->value());
        AppSettings::splitSeed().set(m_seed->value());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        const QString format = m_format->currentData().toString();
        const QString ext = format == QLatin1String("jsonl") || format == QLatin1String("openai") ? QStringLiteral("jsonl")
                            : format == QLatin1String("csv")                                     ? QStringLiteral("csv")
                                                                                                 : QStringLiteral("json");
        const QFileInfo info(m_path->text());
        m_path->setText(info.path() + QLatin1Char('/') + info.completeBaseName() + QLatin1Char('.') + ext);
        updateHint();
    });
    connect(m_acceptedOnly, &QCheckBox::toggled, this, &ExportDialog::updateHint);
    connect(m_validation, &QDoubleSpinBox::valueChanged, this, &ExportDialog::updateHint);
    connect(m_path, &QLineEdit::textChanged, this, &ExportDialog::updateHint);
    updateHint();
}

void ExportDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export to"), m_path->text());
    if (!path.isEmpty())
        m_path->setText(path);
}

qint64 ExportDialog::conversations()
{
    if (!m_workspace || !m_datasetId)
        return 0;
    qint64 &n = m_conversations[m_acceptedOnly->isChecked() ? 1 : 0];
    if (n < 0) {
        n = 0;
        QSqlQuery q(m_workspace->db());
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM records WHERE dataset_id = ? AND turns <> ''%1")
                      .arg(m_acceptedOnly->isChecked() ? QStringLiteral(" AND status = %1").arg(int(sft::RecordStatus::Accepted))
                                                       : QString()));
        q.addBindValue(m_datasetId);
        if (q.exec() && q.next())
            n = q.value(0).toLongLong();
    }
    return n;
}

void ExportDialog::updateHint()
{
    m_hint->setStyleSheet(QString());
    m_exportButton->setEnabled(true);
    if (m_format->currentData().toString() == QLatin1String("csv")) {
        if (const qint64 n = conversations(); n > 0) {
            m_hint->setText(tr("CSV has no place for conversations, and %n of the records to export are "
                               "conversations: choose ShareGPT, OpenAI messages or JSON Lines.",
                               nullptr, int(n)));
            m_hint->setStyleSheet(QStringLiteral("color: #b00020;"));
            m_exportButton->setEnabled(false);
            return;
        }
    }
    if (m_validation->value() <= 0.0) {
        m_hint->setText(tr("Writes one file."));
        return;
    }
    const QStringList names = sft::splitFileNames(m_path->text());
    m_hint->setText(tr("Writes %1 and %2.").arg(QFileInfo(names[0]).fileName(), QFileInfo(names[1]).fileName()));
}

sft::ExportOptions ExportDialog::options() const
{
    sft::ExportOptions o;
    o.datasetId = m_datasetId;
    sft::formatFromName(m_format->currentData().toString().toStdString(), o.format);
    o.path = m_path->text();
    o.acceptedOnly = m_acceptedOnly->isChecked();
    o.validationFraction = m_validation->value();
    o.seed = quint64(m_seed->value());
    return o;
}
