#include "catalogue/cataloguemodel.h"

#include <QLocale>

CatalogueModel::CatalogueModel(QObject *parent) : QAbstractTableModel(parent) {}

void CatalogueModel::setCatalogue(sft::Catalogue catalogue)
{
    beginResetModel();
    m_catalogue = std::move(catalogue);
    endResetModel();
}

const sft::CatalogueEntry *CatalogueModel::entry(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= int(m_catalogue.entries.size()))
        return nullptr;
    return &m_catalogue.entries[std::size_t(index.row())];
}

int CatalogueModel::rowOf(const QString &id) const
{
    for (std::size_t i = 0; i < m_catalogue.entries.size(); ++i)
        if (m_catalogue.entries[i].id == id.toStdString())
            return int(i);
    return -1;
}

void CatalogueModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int CatalogueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_catalogue.entries.size());
}

int CatalogueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CatalogueModel::data(const QModelIndex &index, int role) const
{
    const sft::CatalogueEntry *e = entry(index);
    if (!e)
        return {};
    if (role == Qt::UserRole)
        return index.row();
    if (role == SortRole) {
        switch (index.column()) {
        case RecordsColumn: return qlonglong(e->records);
        case TurnsColumn: return e->multiTurn ? 1 : 0;
        default: return data(index, Qt::DisplayRole).toString().toLower();
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == RecordsColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case NameColumn: return QString::fromStdString(e->name);
        case LanguagesColumn: {
            QStringList all;
            for (const std::string &l : e->languages)
                all << languageLabel(l);
            return all.join(QStringLiteral(", "));
        }
        case FormatColumn:
            return e->needsConversion()
                       ? tr("Downloaded as %1; convert it, then import it as %2")
                             .arg(formatLabel(e->downloadFormat), formatLabel(sft::formatName(e->importFormat)))
                       : QVariant();
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn: return QString::fromStdString(e->name);
    case LanguagesColumn: return languagesLabel(*e);
    case RecordsColumn: return recordsLabel(*e);
    case TurnsColumn: return turnsLabel(*e);
    case LicenceColumn: return licenceLabel(e->licence);
    case MethodColumn: return methodLabel(e->method);
    case FormatColumn: return formatLabel(e->downloadFormat);
    default: return {};
    }
}

QVariant CatalogueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Name");
    case LanguagesColumn: return tr("Languages");
    case RecordsColumn: return tr("Records");
    case TurnsColumn: return tr("Turns");
    case LicenceColumn: return tr("Licence");
    case MethodColumn: return tr("Made by");
    case FormatColumn: return tr("Format");
    default: return {};
    }
}

QString CatalogueModel::methodLabel(sft::ConstructionMethod method)
{
    switch (method) {
    case sft::ConstructionMethod::HumanWritten: return tr("Written by people");
    case sft::ConstructionMethod::SelfInstructGenerated: return tr("Self-Instruct generation");
    case sft::ConstructionMethod::DistilledFromChatModel: return tr("Distilled from a chat model");
    case sft::ConstructionMethod::ConvertedNlpTasks: return tr("Converted NLP tasks");
    case sft::ConstructionMethod::Mixed: return tr("Mixed");
    }
    return {};
}

QString CatalogueModel::turnsLabel(const sft::CatalogueEntry &entry)
{
    if (!entry.multiTurn)
        return tr("Single-turn");
    // Null in the catalogue when neither card nor paper gives the figure: said so rather than left blank.
    return entry.averageTurns > 0 ? tr("Multi-turn (%1 on average)").arg(entry.averageTurns, 0, 'f', 1)
                                  : tr("Multi-turn (average not stated)");
}

QString CatalogueModel::formatLabel(const std::string &formatName)
{
    static const std::pair<const char *, const char *> names[] = {
        {"alpaca", QT_TR_NOOP("Alpaca JSON")},
        {"jsonl", QT_TR_NOOP("JSON Lines")},
        {"sharegpt", QT_TR_NOOP("ShareGPT")},
        {"openai", QT_TR_NOOP("OpenAI messages")},
        {"oasst", QT_TR_NOOP("OpenAssistant trees")},
        {"ultrachat", QT_TR_NOOP("UltraChat")},
        {"csv", QT_TR_NOOP("CSV")},
        {"seed", QT_TR_NOOP("Self-Instruct seed tasks")},
        {"parquet", QT_TR_NOOP("Parquet")},
    };
    for (const auto &[name, label] : names)
        if (formatName == name)
            return tr(label);
    return QString::fromStdString(formatName);
}

QString CatalogueModel::licenceLabel(const std::string &licence)
{
    return licence == "NOASSERTION" ? tr("Not stated") : QString::fromStdString(licence);
}

QString CatalogueModel::recordsLabel(const sft::CatalogueEntry &entry)
{
    if (entry.records == 0)
        return tr("not stated");
    const QString n = (entry.approximate ? QStringLiteral("≈") : QString()) + QLocale().toString(qlonglong(entry.records));
    switch (entry.unit) {
    case sft::RecordUnit::Examples: return tr("%1 examples").arg(n);
    case sft::RecordUnit::Conversations: return tr("%1 conversations").arg(n);
    case sft::RecordUnit::Messages: return tr("%1 messages").arg(n);
    case sft::RecordUnit::Tasks: return tr("%1 tasks").arg(n);
    }
    return n;
}

QString CatalogueModel::languageLabel(const std::string &code)
{
    const QString c = QString::fromStdString(code);
    const QLocale locale(c);
    // QLocale falls back to "C" for codes it does not know; only trust an exact match of the language code.
    if (locale.language() == QLocale::C || QLocale::languageToCode(locale.language()) != c)
        return c;
    // Each language in its own name; English and Chinese without the region the default locale adds
    // ("American English", "简体中文").
    const QString name = locale.language() == QLocale::English   ? QStringLiteral("English")
                         : locale.language() == QLocale::Chinese ? QStringLiteral("中文")
                                                                 : locale.nativeLanguageName();
    return name.isEmpty() ? c : QStringLiteral("%1 (%2)").arg(name, c);
}

QString CatalogueModel::languagesLabel(const sft::CatalogueEntry &entry)
{
    if (entry.languages.size() > 3)
        return tr("%n language(s)", nullptr, int(entry.languages.size()));
    QStringList codes;
    for (const std::string &l : entry.languages)
        codes << QString::fromStdString(l);
    return codes.join(QStringLiteral(", "));
}

CatalogueFilter::CatalogueFilter(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(CatalogueModel::SortRole);
}

void CatalogueFilter::setLanguage(const QString &code)
{
    m_language = code;
    invalidateFilter();
}

void CatalogueFilter::setLicence(const QString &licence)
{
    m_licence = licence;
    invalidateFilter();
}

void CatalogueFilter::setMethod(const QString &method)
{
    m_method = method;
    invalidateFilter();
}

void CatalogueFilter::setTurns(Turns turns)
{
    m_turns = turns;
    invalidateFilter();
}

bool CatalogueFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = qobject_cast<const CatalogueModel *>(sourceModel());
    const sft::CatalogueEntry *e = model ? model->entry(model->index(sourceRow, 0, sourceParent)) : nullptr;
    if (!e)
        return false;
    if (!m_language.isEmpty() && !e->hasLanguage(m_language.toStdString()))
        return false;
    if (!m_licence.isEmpty() && e->licence != m_licence.toStdString())
        return false;
    if (!m_method.isEmpty() && sft::methodName(e->method) != m_method.toStdString())
        return false;
    if (m_turns == Turns::Single && e->multiTurn)
        return false;
    if (m_turns == Turns::Multi && !e->multiTurn)
        return false;
    return true;
}
