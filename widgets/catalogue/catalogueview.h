#pragma once
// Datasets ▸ Catalogue of Open Datasets: a window (not modal) listing the
// open instruction datasets the application knows, with filters, the chosen
// dataset's details (summary in the interface language, where to download
// it, the format and field mapping the importer needs, notes) and "Import a
// downloaded copy…". The view does not import: it hands ImportOptions with
// the entry's format, mapping and source "catalogue:<id>" to whoever listens
// (the main window opens its import dialog preset with them). The entry is
// the one chosen when the file dialog opened, whatever row is current when
// the file is picked.

#include <QFileDialog>
#include <QPointer>
#include <QWidget>

#include "data/catalogue.h"

class CatalogueFilter;
class CatalogueModel;
class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QTableView;
class QTextBrowser;
namespace sft { struct ImportOptions; }

class CatalogueView : public QWidget
{
    Q_OBJECT

public:
    /** Reads the bundled catalogue (:/catalogue/datasets.json); a broken one is reported in the window. */
    explicit CatalogueView(QWidget *parent = nullptr);
    /** A given catalogue (tests). */
    CatalogueView(sft::Catalogue catalogue, QWidget *parent);

    CatalogueModel *model() const { return m_model; }
    CatalogueFilter *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QTextBrowser *details() const { return m_details; }
    QComboBox *languageFilter() const { return m_language; }
    QComboBox *licenceFilter() const { return m_licence; }
    QComboBox *methodFilter() const { return m_method; }
    QComboBox *turnsFilter() const { return m_turns; }
    QPushButton *importButton() const { return m_import; }
    /** The open "Import a downloaded copy" file dialog, if any. */
    QFileDialog *fileDialog() const { return m_fileDialog; }

    /** The entry shown in the details (the current row), or null. */
    const sft::CatalogueEntry *currentEntry() const;
    /** Select the entry with this id (clearing filters that hide it); false when there is none. */
    bool selectEntry(const QString &id);
    /** The options an import of file as the entry entryId (empty: the current entry) would use. */
    sft::ImportOptions importOptions(const QString &file, const QString &entryId = {}) const;
    /**
     * Import file as the entry entryId (empty: the current one; the file dialog passes the entry it was
     * opened for): emits importRequested, or refuses with a message in the window (no entry, no
     * workspace to import into, a Parquet or compressed file) and returns false.
     */
    bool importFile(const QString &file, const QString &entryId = {});
    /**
     * Whether there is a workspace to import into (the main window says). Without one the Import button
     * is disabled and its tooltip says why; true by default.
     */
    void setCanImport(bool can);
    bool canImport() const { return m_canImport; }

public Q_SLOTS:
    /** Open the file dialog, not modal (show()); choosing a file calls importFile(). */
    void chooseFile();

Q_SIGNALS:
    void importRequested(const sft::ImportOptions &options);

protected:
    void changeEvent(QEvent *event) override;

private:
    void build();
    void retranslate();
    void fillFilters();
    void applyFilters();
    void showDetails();
    QString uiLanguage() const;
    const sft::CatalogueEntry *entryById(const QString &id) const;
    void updateImportButton();

    CatalogueModel *m_model = nullptr;
    CatalogueFilter *m_filter = nullptr;
    QLabel *m_languageLabel = nullptr, *m_licenceLabel = nullptr, *m_methodLabel = nullptr, *m_turnsLabel = nullptr;
    QComboBox *m_language = nullptr, *m_licence = nullptr, *m_method = nullptr, *m_turns = nullptr;
    QLabel *m_count = nullptr;
    QSplitter *m_splitter = nullptr;
    QTableView *m_table = nullptr;
    QTextBrowser *m_details = nullptr;
    QPushButton *m_import = nullptr;
    QLabel *m_message = nullptr;
    QPointer<QFileDialog> m_fileDialog;
    QString m_loadError;
    bool m_canImport = true;
};
