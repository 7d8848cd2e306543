#pragma once
// The main window: panels as tabs, Datasets and Activity docks, the File /
// Edit / Record / Datasets / View menus, recent workspaces and the
// background-job bar.

#include <QMainWindow>

#include <memory>

class AboutDialog;
class CatalogueView;
class ContextPanel;
class CurationPanel;
class GeneratePanel;
class IclPanel;
class PromptPanel;
class DatasetList;
class ImportDialog;
class QualityPanel;
class TrainingPanel;
class Job;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QUndoStack;
namespace sft {
class Workspace;
struct ImportOptions;
}

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Open (or create) a workspace file; shows the error and returns false on failure. */
    bool openWorkspace(const QString &path);
    /**
     * Open a workspace file named outside the application (a file manager, the command line): one that
     * is missing is reported ("no such workspace"), never created.
     */
    bool openExistingWorkspace(const QString &path);
    sft::Workspace *workspace() const { return m_workspace.get(); }
    CurationPanel *curationPanel() const { return m_curation; }
    QualityPanel *qualityPanel() const { return m_quality; }
    PromptPanel *promptPanel() const { return m_prompt; }
    IclPanel *iclPanel() const { return m_icl; }
    TrainingPanel *trainingPanel() const { return m_training; }
    GeneratePanel *generatePanel() const { return m_generate; }
    ContextPanel *contextPanel() const { return m_context; }
    QUndoStack *undoStack() const { return m_undo; }
    DatasetList *datasetList() const { return m_datasets; }
    QAction *undoAction() const { return m_undoAct; }
    QAction *redoAction() const { return m_redoAct; }

    /** Import a file in the background with default options (new dataset named after the file). */
    Job *importDataset(const QString &file);
    /** Import in the background; when it is done the import is an undo step and its dataset is shown. */
    Job *importDataset(const sft::ImportOptions &options);
    /** Open the import dialog for file without blocking (open()); Import starts the import. */
    ImportDialog *showImportDialog(const QString &file);
    /**
     * Datasets ▸ Catalogue of Open Datasets: show the catalogue window (created on first use, not modal);
     * its "Import a downloaded copy…" opens showCatalogueImport().
     */
    CatalogueView *showCatalogue();
    /** Help ▸ About: opens the About dialog (window-modal, deleted when closed) and returns it. */
    AboutDialog *showAbout();
    /**
     * The import dialog over the catalogue, not blocking (open()), preset with a catalogue entry's options
     * (file, format, mapping, dataset name, source); Import goes through importDataset(), the same undoable
     * import as File ▸ Import, and shows Curation. Without a workspace the error is shown and null returned.
     */
    ImportDialog *showCatalogueImport(const sft::ImportOptions &options);
    /** Create an empty dataset as an undo step and show it; 0 on failure (reported). */
    qint64 createDataset(const QString &name);
    /**
     * Edit ▸ Undo / Redo: save the typing still waiting in the record editor,
     * show the dataset the step changes, then undo / redo it.
     */
    void undo();
    void redo();
    /** Run a job with the progress bar and cancel button; false when another is running. */
    bool runJob(Job *job);
    Job *currentJob() const { return m_job; }
    void log(const QString &text);

Q_SIGNALS:
    /**
     * An action failed or was refused (workspace that cannot be opened, failed
     * job, job refused while another runs). The message is also shown in a
     * message box that does not block (open(), no nested event loop).
     */
    void errorOccurred(const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createMenus();
    void retranslate();
    void updateRecentMenu();
    void updateTitle();
    void newWorkspace();
    void chooseWorkspace();
    void chooseImport();
    void chooseNewDataset();
    void undoOrRedo(bool undo);
    void updateUndoActions();
    void showDataset(qint64 datasetId);
    /** The Generate tab's "Review in Curation": the dataset named, pending records only. */
    void reviewGenerated(const QString &datasetName);
    /** Another process (the generation worker) wrote into the workspace: the views read it again. */
    void rereadWorkspace();
    void chooseExport();
    void startIndexing();
    bool openWorkspaceFile(const QString &path, bool mustExist);
    void reportError(const QString &title, const QString &message, bool information = false);

    std::unique_ptr<sft::Workspace> m_workspace;
    QUndoStack *m_undo = nullptr;
    QTabWidget *m_tabs = nullptr;
    CurationPanel *m_curation = nullptr;
    QualityPanel *m_quality = nullptr;
    PromptPanel *m_prompt = nullptr;
    IclPanel *m_icl = nullptr;
    TrainingPanel *m_training = nullptr;
    GeneratePanel *m_generate = nullptr;
    ContextPanel *m_context = nullptr;
    DatasetList *m_datasets = nullptr;
    QPlainTextEdit *m_log = nullptr;
    class QDockWidget *m_datasetDock = nullptr, *m_logDock = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_jobLabel = nullptr;
    Job *m_job = nullptr;
    Job *m_indexJob = nullptr;
    QMenu *m_fileMenu = nullptr, *m_recentMenu = nullptr, *m_editMenu = nullptr, *m_recordMenu = nullptr,
          *m_viewMenu = nullptr, *m_languageMenu = nullptr, *m_helpMenu = nullptr, *m_datasetsMenu = nullptr;
    QAction *m_newAct = nullptr, *m_openAct = nullptr, *m_importAct = nullptr, *m_exportAct = nullptr,
            *m_newDatasetAct = nullptr,
            *m_quitAct = nullptr, *m_undoAct = nullptr, *m_redoAct = nullptr, *m_prefsAct = nullptr,
            *m_aboutAct = nullptr, *m_aboutQtAct = nullptr, *m_catalogueAct = nullptr;
    CatalogueView *m_catalogue = nullptr;
};
