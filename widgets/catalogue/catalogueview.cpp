#include "catalogue/catalogueview.h"

#include <QComboBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "catalogue/cataloguemodel.h"
#include "common/languagemanager.h"
#include "core/error.h"
#include "workspace/importer.h"

namespace {

const QString kResource = QStringLiteral(":/catalogue/datasets.json");

QString esc(const std::string &s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

QString link(const std::string &url)
{
    return QStringLiteral("<a href=\"%1\">%1</a>").arg(esc(url));
}

/** Put back the item whose data is value, or the first. */
void restore(QComboBox *box, const QVariant &value)
{
    const int i = box->findData(value);
    box->setCurrentIndex(i < 0 ? 0 : i);
}

} // namespace

CatalogueView::CatalogueView(QWidget *parent) : QWidget(parent)
{
    sft::Catalogue catalogue;
    QFile file(kResource);
    if (!file.open(QIODevice::ReadOnly)) {
        m_loadError = tr("The dataset catalogue is missing from this build (%1).").arg(kResource);
    } else {
        try {
            catalogue = sft::parseCatalogue(file.readAll().toStdString(), kResource.toStdString());
        } catch (const sft::Error &e) {
            m_loadError = QString::fromUtf8(e.what());
        }
    }
    build();
    m_model->setCatalogue(std::move(catalogue));
    retranslate();
}

CatalogueView::CatalogueView(sft::Catalogue catalogue, QWidget *parent) : QWidget(parent)
{
    build();
    m_model->setCatalogue(std::move(catalogue));
    retranslate();
}

void CatalogueView::build()
{
    setObjectName(QStringLiteral("catalogueView"));
    setWindowFlag(Qt::Window);  // its own window beside the main one, never modal
    m_model = new CatalogueModel(this);
    m_filter = new CatalogueFilter(this);
    m_filter->setSourceModel(m_model);

    auto *filters = new QHBoxLayout;
    auto addFilter = [&](QLabel *&label, QComboBox *&box, const char *name) {
        label = new QLabel(this);
        box = new QComboBox(this);
        box->setObjectName(QLatin1String(name));
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        label->setBuddy(box);
        filters->addWidget(label);
        filters->addWidget(box);
        connect(box, &QComboBox::currentIndexChanged, this, &CatalogueView::applyFilters);
    };
    addFilter(m_languageLabel, m_language, "languageFilter");
    addFilter(m_licenceLabel, m_licence, "licenceFilter");
    addFilter(m_methodLabel, m_method, "methodFilter");
    addFilter(m_turnsLabel, m_turns, "turnsFilter");
    filters->addStretch(1);
    m_count = new QLabel(this);
    filters->addWidget(m_count);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("catalogueTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CatalogueModel::NameColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    // Names are long: a fixed, resizable column (full name in the tooltip) keeps the other columns in view.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(CatalogueModel::NameColumn, QHeaderView::Interactive);
    m_table->horizontalHeader()->resizeSection(CatalogueModel::NameColumn, 230);
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CatalogueView::showDetails);
    connect(m_table, &QTableView::doubleClicked, this, &CatalogueView::chooseFile);

    m_details = new QTextBrowser(this);
    m_details->setObjectName(QStringLiteral("catalogueDetails"));
    m_details->setOpenExternalLinks(true);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_details, 1);
    m_message = new QLabel(right);
    m_message->setObjectName(QStringLiteral("catalogueMessage"));
    m_message->setWordWrap(true);
    rightLayout->addWidget(m_message);
    m_import = new QPushButton(right);
    m_import->setObjectName(QStringLiteral("importCopy"));
    m_import->setEnabled(false);
    connect(m_import, &QPushButton::clicked, this, &CatalogueView::chooseFile);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_import);
    rightLayout->addLayout(buttons);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 5);
    m_splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_splitter, 1);
    resize(1400, 800);
    m_splitter->setSizes({1000, 400});
}

void CatalogueView::fillFilters()
{
    // Kept across a language switch: the items' data are codes, not labels.
    const QVariant language = m_language->currentData(), licence = m_licence->currentData(),
                   method = m_method->currentData(), turns = m_turns->currentData();
    for (QComboBox *box : {m_language, m_licence, m_method, m_turns}) {
        box->blockSignals(true);
        box->clear();
    }
    m_language->addItem(tr("All languages"), QString());
    for (const std::string &code : m_model->catalogue().languages())
        m_language->addItem(CatalogueModel::languageLabel(code), QString::fromStdString(code));
    m_licence->addItem(tr("All licences"), QString());
    for (const std::string &l : m_model->catalogue().licences())
        m_licence->addItem(CatalogueModel::licenceLabel(l), QString::fromStdString(l));
    m_method->addItem(tr("All methods"), QString());
    for (auto m : {sft::ConstructionMethod::HumanWritten, sft::ConstructionMethod::SelfInstructGenerated,
                   sft::ConstructionMethod::DistilledFromChatModel, sft::ConstructionMethod::ConvertedNlpTasks,
                   sft::ConstructionMethod::Mixed})
        m_method->addItem(CatalogueModel::methodLabel(m), QString::fromLatin1(sft::methodName(m)));
    m_turns->addItem(tr("Single- and multi-turn"), int(CatalogueFilter::Turns::Any));
    m_turns->addItem(tr("Single-turn"), int(CatalogueFilter::Turns::Single));
    m_turns->addItem(tr("Multi-turn"), int(CatalogueFilter::Turns::Multi));
    restore(m_language, language);
    restore(m_licence, licence);
    restore(m_method, method);
    restore(m_turns, turns);
    for (QComboBox *box : {m_language, m_licence, m_method, m_turns})
        box->blockSignals(false);
    applyFilters();
}

void CatalogueView::applyFilters()
{
    m_filter->setLanguage(m_language->currentData().toString());
    m_filter->setLicence(m_licence->currentData().toString());
    m_filter->setMethod(m_method->currentData().toString());
    m_filter->setTurns(CatalogueFilter::Turns(m_turns->currentData().toInt()));
    m_count->setText(tr("%1 of %2 datasets").arg(m_filter->rowCount()).arg(m_model->rowCount()));
    // The details follow the selection; a filtered-out entry leaves the pane empty.
    if (!m_table->selectionModel()->currentIndex().isValid() && m_filter->rowCount() > 0)
        m_table->selectRow(0);
    showDetails();
}

const sft::CatalogueEntry *CatalogueView::currentEntry() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? m_model->entry(m_filter->mapToSource(current)) : nullptr;
}

bool CatalogueView::selectEntry(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return false;
    QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {  // hidden by a filter: show everything
        for (QComboBox *box : {m_language, m_licence, m_method, m_turns})
            box->setCurrentIndex(0);
        index = m_filter->mapFromSource(m_model->index(row, 0));
    }
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
    return true;
}

QString CatalogueView::uiLanguage() const
{
    const QString language = LanguageManager::instance()->language();
    return language.isEmpty() ? QLocale().name() : language;
}

const sft::CatalogueEntry *CatalogueView::entryById(const QString &id) const
{
    const int row = m_model->rowOf(id);
    return row < 0 ? nullptr : m_model->entry(m_model->index(row, 0));
}

void CatalogueView::setCanImport(bool can)
{
    m_canImport = can;
    updateImportButton();
}

void CatalogueView::updateImportButton()
{
    m_import->setEnabled(m_canImport && currentEntry() != nullptr);
    m_import->setToolTip(m_canImport ? tr("Import a file you downloaded from the address shown, with this dataset's "
                                          "format and field mapping, into a new dataset")
                                     : tr("Open or create a workspace first (File menu): the records are imported "
                                          "into it"));
}

void CatalogueView::showDetails()
{
    const sft::CatalogueEntry *e = currentEntry();
    updateImportButton();
    if (!m_loadError.isEmpty()) {
        m_details->setPlainText(m_loadError);
        return;
    }
    if (!e) {
        m_details->setHtml(QStringLiteral("<p>%1</p>").arg(tr("Choose a dataset to see where to get it and how it imports.")));
        return;
    }
    const std::string lang = uiLanguage().toStdString();
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p><table cellspacing=\"4\">").arg(esc(e->name), esc(e->summary.in(lang)));
    auto row = [&html](const QString &label, const QString &value) {
        html += QStringLiteral("<tr><td valign=\"top\"><b>%1</b></td><td>%2</td></tr>").arg(label.toHtmlEscaped(), value);
    };
    QStringList languages;
    for (const std::string &l : e->languages)
        languages << CatalogueModel::languageLabel(l).toHtmlEscaped();
    row(tr("Languages"), languages.join(QStringLiteral(", ")));
    row(tr("Records"), CatalogueModel::recordsLabel(*e).toHtmlEscaped());
    row(tr("Turns"), CatalogueModel::turnsLabel(*e).toHtmlEscaped());
    row(tr("Licence"), CatalogueModel::licenceLabel(e->licence).toHtmlEscaped());
    row(tr("Made by"), CatalogueModel::methodLabel(e->method).toHtmlEscaped());
    row(tr("Download"), link(e->url));
    row(tr("File"), esc(e->file));
    row(tr("Downloaded as"), CatalogueModel::formatLabel(e->downloadFormat).toHtmlEscaped());
    QString importAs = CatalogueModel::formatLabel(sft::formatName(e->importFormat)).toHtmlEscaped();
    if (e->needsConversion())
        importAs += QStringLiteral(" <i>%1</i>").arg(tr("(convert the download first, see the note)").toHtmlEscaped());
    row(tr("Imports as"), importAs);
    row(tr("Field mapping"), e->mappingSpec.empty() ? tr("the format's own field names").toHtmlEscaped()
                                                    : QStringLiteral("<code>%1</code>").arg(esc(e->mappingSpec)));
    row(tr("Source of imported records"), QStringLiteral("<code>%1</code>").arg(esc(e->source())));
    if (!e->note.in(lang).empty())
        row(tr("Note"), esc(e->note.in(lang)));
    QStringList checked;
    for (const std::string &url : e->checked)
        checked << link(url);
    row(tr("Checked against"), checked.join(QStringLiteral("<br>")));
    html += QStringLiteral("</table>");
    m_details->setHtml(html);
}

sft::ImportOptions CatalogueView::importOptions(const QString &file, const QString &entryId) const
{
    sft::ImportOptions options;
    options.file = file;
    if (const sft::CatalogueEntry *e = entryId.isEmpty() ? currentEntry() : entryById(entryId)) {
        options.format = e->importFormat;
        options.mapping = e->mapping;
        options.source = QString::fromStdString(e->source());
        options.datasetName = QString::fromStdString(e->name);
    }
    return options;
}

void CatalogueView::chooseFile()
{
    const sft::CatalogueEntry *e = currentEntry();
    if (!e) {
        m_message->setText(tr("Choose a dataset first."));
        return;
    }
    if (!m_canImport) {
        m_message->setText(tr("Open or create a workspace first (File menu): the records are imported into it."));
        return;
    }
    if (m_fileDialog)
        m_fileDialog->close();
    auto *dialog = new QFileDialog(this, tr("Import a downloaded copy of %1").arg(QString::fromStdString(e->name)));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({tr("Datasets (*.json *.jsonl *.csv)"), tr("All files (*)")});
    // The entry is the one the dialog was opened for: another row may be current when the file is picked.
    const QString entryId = QString::fromStdString(e->id);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, entryId](const QString &file) { importFile(file, entryId); });
    m_fileDialog = dialog;
    // Not modal: the catalogue (its download links, notes) stays usable while a file is chosen.
    dialog->setModal(false);
    dialog->show();
}

bool CatalogueView::importFile(const QString &file, const QString &entryId)
{
    const sft::CatalogueEntry *e = entryId.isEmpty() ? currentEntry() : entryById(entryId);
    if (!e) {
        m_message->setText(tr("Choose a dataset first."));
        return false;
    }
    if (!m_canImport) {
        m_message->setText(tr("Open or create a workspace first (File menu): the records are imported into it."));
        return false;
    }
    const QString suffix = QFileInfo(file).suffix().toLower();
    if (suffix == QLatin1String("parquet")) {
        m_message->setText(tr("%1 is a Parquet file, which cannot be imported: convert it to JSONL first (see the note).")
                               .arg(QFileInfo(file).fileName()));
        return false;
    }
    if (suffix == QLatin1String("gz") || suffix == QLatin1String("zip")) {
        m_message->setText(tr("%1 is compressed: decompress it first, then import the file inside.")
                               .arg(QFileInfo(file).fileName()));
        return false;
    }
    m_message->setText(tr("%1 as %2: check the preview, then import.")
                           .arg(QFileInfo(file).fileName(), QString::fromStdString(e->name)));
    Q_EMIT importRequested(importOptions(file, QString::fromStdString(e->id)));
    return true;
}

void CatalogueView::retranslate()
{
    setWindowTitle(tr("Catalogue of open instruction datasets"));
    m_languageLabel->setText(tr("&Language:"));
    m_licenceLabel->setText(tr("Li&cence:"));
    m_methodLabel->setText(tr("&Made by:"));
    m_turnsLabel->setText(tr("&Turns:"));
    m_import->setText(tr("&Import a downloaded copy…"));
    m_model->retranslate();
    fillFilters();  // also refreshes the count and the details
}

void CatalogueView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
