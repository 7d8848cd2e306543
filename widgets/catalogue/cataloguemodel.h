#pragma once
// The dataset catalogue as a table (one row per dataset), and the filter the
// Catalogue window puts in front of it: language, licence, construction
// method and single- / multi-turn. Labels of the catalogue's enumerations go
// through tr() here, so every view of an entry says them the same way.

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include "data/catalogue.h"

class CatalogueModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, LanguagesColumn, RecordsColumn, TurnsColumn, LicenceColumn, MethodColumn, FormatColumn,
                  ColumnCount };
    /** Qt::UserRole on any column: the entry's index in catalogue().entries; SortRole: the value to sort by. */
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit CatalogueModel(QObject *parent = nullptr);

    void setCatalogue(sft::Catalogue catalogue);
    const sft::Catalogue &catalogue() const { return m_catalogue; }
    const sft::CatalogueEntry *entry(const QModelIndex &index) const;
    /** Row of the entry with this id, -1 when none. */
    int rowOf(const QString &id) const;
    /** The labels were re-translated: views redraw every cell and header. */
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString methodLabel(sft::ConstructionMethod method);
    /** "Single-turn", "Multi-turn (3.8 on average)", "Multi-turn (average not stated)". */
    static QString turnsLabel(const sft::CatalogueEntry &entry);
    static QString formatLabel(const std::string &formatName);
    static QString licenceLabel(const std::string &licence);
    /** "15,011 examples", "≈52,000 examples", "not stated". */
    static QString recordsLabel(const sft::CatalogueEntry &entry);
    /** "English (en)", "中文 (zh)"; the code alone when Qt has no name for it. */
    static QString languageLabel(const std::string &code);
    static QString languagesLabel(const sft::CatalogueEntry &entry);

private:
    sft::Catalogue m_catalogue;
};

class CatalogueFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum class Turns { Any, Single, Multi };

    explicit CatalogueFilter(QObject *parent = nullptr);

    /** Empty = any. */
    void setLanguage(const QString &code);
    void setLicence(const QString &licence);
    /** methodName() text; empty = any. */
    void setMethod(const QString &method);
    void setTurns(Turns turns);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_language, m_licence, m_method;
    Turns m_turns = Turns::Any;
};
