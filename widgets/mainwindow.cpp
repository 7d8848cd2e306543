#include "mainwindow.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTime>
#include <QTimer>
#include <QUndoStack>

#include "catalogue/catalogueview.h"
#include "context/contextpanel.h"
#include "curation/curationpanel.h"
#include "generate/generatepanel.h"
#include "icl/iclpanel.h"
#include "prompt/promptpanel.h"
#include "quality/qualitypanel.h"
#include "training/trainingpanel.h"
#include "curation/recordeditor.h"
#include "curation/recordtablemodel.h"
#include "curation/datasetlist.h"
#include "curation/recordactions.h"
#include "common/aboutdialog.h"
#include "common/exportdialog.h"
#include "common/importdialog.h"
#include "common/job.h"
#include "common/languagemanager.h"
#include "common/wheelguard.h"
#include "common/settingsdialog.h"
#include "common/workspacecommand.h"
#include "curation/importcommand.h"
#include "workspace/demo.h"
#include "workspace/exporter.h"
#include "workspace/importer.h"
#include "workspace/searchindex.h"
#include "workspace/settings.h"
#include "core/error.h"
#include "workspace/workspace.h"

using sft::AppSettings;

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    WheelGuard::install();  // the wheel scrolls the forms; it changes only the focused field
    m_undo = new QUndoStack(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_curation = new CurationPanel(this);
    m_tabs->addTab(m_curation, QString());
    m_quality = new QualityPanel(this);
    m_quality->setJobRunner([this](Job *job) { return runJob(job); });
    m_tabs->addTab(m_quality, QString());
    // Self-Instruct generation: runs are detached workers, like training runs.
    m_generate = new GeneratePanel(this);
    m_generate->setJobRunner([this](Job *job) { return runJob(job); });
    m_tabs->addTab(m_generate, QString());
    // Prompt learning; the default model is the demo model next to the demo workspace.
    const QString demoModel = sft::demoModelDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                                + QStringLiteral("/demo.sftws"));
    m_prompt = new PromptPanel(this);
    m_prompt->setJobRunner([this](Job *job) { return runJob(job); });
    m_prompt->setDemoModelDir(demoModel);
    m_generate->setDemoModelDir(demoModel);
    m_tabs->addTab(m_prompt, QString());
    m_icl = new IclPanel(this);
    m_icl->setJobRunner([this](Job *job) { return runJob(job); });
    m_icl->setDemoModelDir(demoModel);
    m_tabs->addTab(m_icl, QString());
    // Fine-tuning: runs are detached workers followed through their log files.
    m_training = new TrainingPanel(this);
    m_training->setJobRunner([this](Job *job) { return runJob(job); });
    m_training->setDemoModelDir(demoModel);
    m_tabs->addTab(m_training, QString());
    // Positions and the context window: ALiBi / RoPE pictures and length experiments.
    m_context = new ContextPanel(this);
    m_context->setJobRunner([this](Job *job) { return runJob(job); });
    m_context->setDemoModelDir(demoModel);
    m_tabs->addTab(m_context, QString());
    setCentralWidget(m_tabs);

    m_datasets = new DatasetList(this);
    m_datasetDock = new QDockWidget(this);
    m_datasetDock->setObjectName(QStringLiteral("datasetDock"));
    m_datasetDock->setWidget(m_datasets);
    addDockWidget(Qt::LeftDockWidgetArea, m_datasetDock);
    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);
    m_logDock = new QDockWidget(this);
    m_logDock->setObjectName(QStringLiteral("logDock"));
    m_logDock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    resizeDocks({m_logDock}, {110}, Qt::Vertical);
    resizeDocks({m_datasetDock}, {200}, Qt::Horizontal);

    m_jobLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(220);
    m_cancel = new QPushButton(this);
    statusBar()->addPermanentWidget(m_jobLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    m_progress->hide();
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
    });

    connect(m_datasets, &DatasetList::datasetActivated, m_curation, &CurationPanel::setDataset);
    connect(m_curation, &CurationPanel::datasetChanged, m_datasets, &DatasetList::setCurrentDataset);
    connect(m_curation, &CurationPanel::datasetChanged, m_quality, &QualityPanel::setDataset);
    connect(m_curation, &CurationPanel::datasetChanged, m_prompt, &PromptPanel::setDataset);
    connect(m_curation, &CurationPanel::datasetChanged, m_icl, &IclPanel::setDataset);
    connect(m_curation, &CurationPanel::datasetChanged, m_training, &TrainingPanel::setDataset);
    auto showMessage = [this](const QString &text) {
        statusBar()->showMessage(text, 5000);
        log(text);
    };
    connect(m_prompt, &PromptPanel::message, this, showMessage);
    connect(m_icl, &IclPanel::message, this, showMessage);
    connect(m_training, &TrainingPanel::message, this, showMessage);
    connect(m_generate, &GeneratePanel::message, this, showMessage);
    connect(m_generate, &GeneratePanel::reviewRequested, this, &MainWindow::reviewGenerated);
    connect(m_generate, &GeneratePanel::workspaceWritten, this, &MainWindow::rereadWorkspace);
    connect(m_quality, &QualityPanel::message, this, [this](const QString &text) {
        statusBar()->showMessage(text, 5000);
        log(text);
    });
    connect(m_quality, &QualityPanel::openRecord, this, [this](qint64 id) {
        m_tabs->setCurrentWidget(m_curation);
        if (const int row = m_curation->model()->rowOf(id); row >= 0) {
            m_curation->selectRow(row);
        } else {
            // Hidden by the Curation filters: shown in the editor, with no table row selected, so the
            // Accept / Reject actions cannot act on another record than the one shown.
            m_curation->table()->selectionModel()->clear();
            m_curation->editor()->setRecord(id);
        }
    });
    connect(m_curation, &CurationPanel::message, this, [this](const QString &text) {
        statusBar()->showMessage(text, 5000);
        log(text);
    });
    connect(m_curation, &CurationPanel::importRequested, this, &MainWindow::chooseImport);
    connect(m_curation, &CurationPanel::newDatasetRequested, this, &MainWindow::chooseNewDataset);
    connect(m_undo, &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(m_curation->editor(), &RecordEditor::pendingEditChanged, this, &MainWindow::updateUndoActions);
    connect(m_undo, &QUndoStack::indexChanged, this, &MainWindow::updateUndoActions);
    connect(m_undo, &QUndoStack::canUndoChanged, this, &MainWindow::updateUndoActions);
    connect(m_undo, &QUndoStack::canRedoChanged, this, &MainWindow::updateUndoActions);
    connect(m_undo, &QUndoStack::undoTextChanged, this, &MainWindow::updateUndoActions);
    connect(m_undo, &QUndoStack::redoTextChanged, this, &MainWindow::updateUndoActions);

    createMenus();
    retranslate();
    restoreGeometry(AppSettings::windowGeometry().get());
    restoreState(AppSettings::windowState().get());
}

MainWindow::~MainWindow()
{
    // Panels hold pointers into the workspace: detach them before it closes.
    m_curation->setContext(nullptr, nullptr);
    m_quality->setContext(nullptr, nullptr);
    m_prompt->setContext(nullptr, nullptr);
    m_icl->setContext(nullptr, nullptr);
    m_training->setContext(nullptr, nullptr);
    m_generate->setContext(nullptr, nullptr);
    m_context->setWorkspace(nullptr);
    m_datasets->setContext(nullptr, nullptr);
    m_undo->clear();
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_newAct = m_fileMenu->addAction(QString(), this, &MainWindow::newWorkspace);
    m_openAct = m_fileMenu->addAction(QString(), this, &MainWindow::chooseWorkspace);
    m_openAct->setShortcut(QKeySequence::Open);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_fileMenu->addSeparator();
    m_newDatasetAct = m_curation->recordActions()->newDatasetAction();  // Ctrl+Shift+N; its text is the panel's
    m_fileMenu->addAction(m_newDatasetAct);
    m_importAct = m_fileMenu->addAction(QString(), this, &MainWindow::chooseImport);
    m_importAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_exportAct = m_fileMenu->addAction(QString(), this, &MainWindow::chooseExport);
    m_exportAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_fileMenu->addSeparator();
    m_quitAct = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_quitAct->setShortcut(QKeySequence::Quit);

    m_editMenu = menuBar()->addMenu(QString());
    // Own actions rather than QUndoStack::createUndoAction(): they save pending typing and show the
    // step's dataset first, and their text is rebuilt on a language switch.
    m_undoAct = new QAction(this);
    m_undoAct->setObjectName(QStringLiteral("undoAction"));
    m_undoAct->setShortcuts(QKeySequence::Undo);
    connect(m_undoAct, &QAction::triggered, this, &MainWindow::undo);
    m_redoAct = new QAction(this);
    m_redoAct->setObjectName(QStringLiteral("redoAction"));
    m_redoAct->setShortcuts(QKeySequence::Redo);
    connect(m_redoAct, &QAction::triggered, this, &MainWindow::redo);
    m_editMenu->addAction(m_undoAct);
    m_editMenu->addAction(m_redoAct);
    m_editMenu->addSeparator();
    m_prefsAct = m_editMenu->addAction(QString(), this, [this] { SettingsDialog(this).exec(); });

    m_recordMenu = menuBar()->addMenu(QString());
    m_recordMenu->addActions(m_curation->recordActions()->recordActions());
    m_recordMenu->addSeparator();
    m_recordMenu->addActions(m_curation->annotationActions());
    // New record from another tab (its shortcut works window-wide): the record is shown where it is typed.
    connect(m_curation->recordActions(), &RecordActions::showRequested, this,
            [this] { m_tabs->setCurrentWidget(m_curation); });

    m_datasetsMenu = menuBar()->addMenu(QString());
    m_catalogueAct = m_datasetsMenu->addAction(QString(), this, &MainWindow::showCatalogue);
    m_catalogueAct->setObjectName(QStringLiteral("catalogueAction"));

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_datasetDock->toggleViewAction());
    m_viewMenu->addAction(m_logDock->toggleViewAction());
    m_viewMenu->addAction(m_curation->recordActions()->reloadAction());
    m_languageMenu = m_viewMenu->addMenu(QString());
    auto *group = new QActionGroup(this);
    for (const auto &l : LanguageManager::available()) {
        QAction *a = m_languageMenu->addAction(l.second);
        a->setCheckable(true);
        a->setData(l.first);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [code = l.first] {
            AppSettings::language().set(code);
            LanguageManager::instance()->setLanguage(code);
        });
    }
    connect(m_languageMenu, &QMenu::aboutToShow, this, [this] {
        for (QAction *a : m_languageMenu->actions())
            a->setChecked(a->data().toString() == LanguageManager::instance()->language());
    });

    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAct = m_helpMenu->addAction(QString(), this, &MainWindow::showAbout);
    m_aboutAct->setObjectName(QStringLiteral("aboutAction"));
    m_aboutQtAct = m_helpMenu->addAction(QString(), qApp, &QApplication::aboutQt);
}

AboutDialog *MainWindow::showAbout()
{
    auto *about = new AboutDialog(sft::WorkerProcess::defaultProgram(), this);
    about->setAttribute(Qt::WA_DeleteOnClose);
    about->open();
    return about;
}

void MainWindow::retranslate()
{
    m_tabs->setTabText(0, tr("Curation"));
    m_tabs->setTabText(m_tabs->indexOf(m_quality), tr("Quality"));
    m_tabs->setTabText(m_tabs->indexOf(m_generate), tr("Generate"));
    m_tabs->setTabText(m_tabs->indexOf(m_prompt), tr("Prompt"));
    m_tabs->setTabText(m_tabs->indexOf(m_icl), tr("In-context"));
    m_tabs->setTabText(m_tabs->indexOf(m_training), tr("Training"));
    m_tabs->setTabText(m_tabs->indexOf(m_context), tr("Context"));
    m_datasetDock->setWindowTitle(tr("Datasets"));
    m_logDock->setWindowTitle(tr("Activity"));
    m_cancel->setText(tr("Cancel"));
    m_fileMenu->setTitle(tr("&File"));
    m_newAct->setText(tr("&New workspace…"));
    m_openAct->setText(tr("&Open workspace…"));
    m_recentMenu->setTitle(tr("Open &recent"));
    m_importAct->setText(tr("&Import dataset…"));
    m_exportAct->setText(tr("&Export dataset…"));
    m_quitAct->setText(tr("&Quit"));
    m_editMenu->setTitle(tr("&Edit"));
    // After the panels have taken the language change too (some step names come from texts a panel
    // keeps, e.g. "Load prompt template"): the window gets the event before its children.
    QTimer::singleShot(0, this, [this] {
        retranslateUndoStack(m_undo);
        updateUndoActions();
    });
    m_prefsAct->setText(tr("&Preferences…"));
    m_recordMenu->setTitle(tr("&Record"));
    m_datasetsMenu->setTitle(tr("&Datasets"));
    m_catalogueAct->setText(tr("&Catalogue of Open Datasets…"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAct->setText(tr("&About SFT Workbench"));
    m_aboutQtAct->setText(tr("About &Qt"));
    updateRecentMenu();
    updateTitle();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::updateTitle()
{
    const QString name = m_workspace ? QFileInfo(m_workspace->path()).fileName() : tr("no workspace");
    setWindowTitle(tr("%1 — SFT Workbench").arg(name));
}

void MainWindow::updateUndoActions()
{
    // Typing not saved yet is what Undo takes back first.
    const bool typing = m_curation->editor()->hasPendingEdit();
    m_undoAct->setEnabled(typing || m_undo->canUndo());
    m_undoAct->setText(typing               ? tr("&Undo typing")
                       : m_undo->canUndo() ? tr("&Undo %1").arg(m_undo->undoText())
                                           : tr("&Undo"));
    m_redoAct->setEnabled(m_undo->canRedo());
    m_redoAct->setText(m_undo->canRedo() ? tr("&Redo %1").arg(m_undo->redoText()) : tr("&Redo"));
}

void MainWindow::undo()
{
    undoOrRedo(true);
}

void MainWindow::redo()
{
    undoOrRedo(false);
}

void MainWindow::showDataset(qint64 id)
{
    if (!m_workspace || !id || id == m_curation->datasetId())
        return;
    std::optional<sft::DatasetInfo> info;
    m_workspace->tryOrReport([&] { info = m_workspace->dataset(id); });
    if (!info)
        return;  // not there (yet): an undone deletion or import
    m_curation->setDataset(id);
    statusBar()->showMessage(tr("Showing dataset “%1”, which this step changes").arg(info->name), 5000);
}

void MainWindow::reviewGenerated(const QString &datasetName)
{
    if (!m_workspace)
        return;
    // The worker creates and fills the dataset from its own process.
    rereadWorkspace();
    QList<sft::DatasetInfo> sets;
    m_workspace->tryOrReport([&] { sets = m_workspace->datasets(); });
    const auto it = std::find_if(sets.cbegin(), sets.cend(), [&](const auto &d) { return d.name == datasetName; });
    if (it == sets.cend()) {
        reportError(tr("Review in Curation"),
                    tr("The dataset “%1” does not exist yet: the run has kept no task so far.").arg(datasetName), true);
        return;
    }
    QComboBox *status = m_curation->statusFilter();
    status->setCurrentIndex(std::max(0, status->findData(1 << int(sft::RecordStatus::Pending))));
    m_curation->setDataset(it->id);
    m_tabs->setCurrentWidget(m_curation);
}

void MainWindow::rereadWorkspace()
{
    if (!m_workspace)
        return;
    Q_EMIT m_workspace->datasetsChanged();   // the dataset lists (dock, forms), as after an import
    m_curation->reload();                    // and the records shown, as Reload (F5) does
}

void MainWindow::undoOrRedo(bool undo)
{
    // Typing not saved yet is the newest change: it becomes a step first.
    m_curation->editor()->commitPending();
    const int index = undo ? m_undo->index() - 1 : m_undo->index();
    if (index < 0 || index >= m_undo->count())
        return;
    // The dataset is read before the step runs: a step that fails is dropped from the stack, and
    // another command moves into its place.
    const qint64 dataset = undoCommandDataset(m_undo, index);
    // Only the Curation view follows the step; on another tab the step's text names its dataset,
    // and switching there would move that tab (a Quality preview, a Training form) too.
    const bool follow = m_tabs->currentWidget() == m_curation;
    if (follow)
        showDataset(dataset);
    if (undo)
        m_undo->undo();
    else
        m_undo->redo();
    if (follow)
        showDataset(dataset);  // a dataset that came back (an undone deletion)
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    for (const QString &path : AppSettings::recentWorkspaces().get())
        m_recentMenu->addAction(path, this, [this, path] {
            // A workspace deleted or moved since: reported once, then gone from the menu.
            if (!openExistingWorkspace(path) && !QFileInfo::exists(path)) {
                QStringList recent = AppSettings::recentWorkspaces().get();
                recent.removeAll(path);
                AppSettings::recentWorkspaces().set(recent);
                updateRecentMenu();
            }
        });
    m_recentMenu->setEnabled(!m_recentMenu->isEmpty());
}

void MainWindow::log(const QString &text)
{
    m_log->appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss  ")) + text);
}

bool MainWindow::openWorkspace(const QString &path)
{
    return openWorkspaceFile(path, false);
}

bool MainWindow::openExistingWorkspace(const QString &path)
{
    return openWorkspaceFile(path, true);
}

bool MainWindow::openWorkspaceFile(const QString &path, bool mustExist)
{
    std::unique_ptr<sft::Workspace> ws;
    try {
        ws = sft::Workspace::open(path, mustExist ? sft::Workspace::OpenMode::MustExist : sft::Workspace::OpenMode::Create);
    } catch (const std::exception &e) {
        reportError(tr("Cannot open workspace"), QString::fromUtf8(e.what()));
        return false;
    }
    if (m_indexJob)
        m_indexJob->cancel();
    m_undo->clear();
    if (m_workspace) {
        // No undo step can bring back what is in the trash now.
        try {
            m_workspace->purgeTrash();
        } catch (const sft::Error &e) {
            log(QString::fromUtf8(e.what()));
        }
    }
    m_curation->setContext(nullptr, nullptr);
    m_quality->setContext(nullptr, nullptr);
    m_prompt->setContext(nullptr, nullptr);
    m_icl->setContext(nullptr, nullptr);
    m_training->setContext(nullptr, nullptr);
    m_generate->setContext(nullptr, nullptr);
    m_context->setWorkspace(nullptr);
    m_datasets->setContext(nullptr, nullptr);
    m_workspace = std::move(ws);
    // A read or write that failed inside an undo command or a view's reload (e.g. another program held the
    // write lock past the busy timeout): the change was not made, say so.
    connect(m_workspace.get(), &sft::Workspace::errorOccurred, this, [this](const QString &text) {
        log(text);
        reportError(tr("Workspace error"), text);
    });
    // Left in the trash by a session that did not end normally.
    m_workspace->tryOrReport([this] { m_workspace->purgeTrash(); });
    m_datasets->setContext(m_workspace.get(), m_undo);
    m_quality->setContext(m_workspace.get(), m_undo);  // before curation: it picks the first dataset
    m_prompt->setContext(m_workspace.get(), m_undo);
    m_icl->setContext(m_workspace.get(), m_undo);
    m_training->setContext(m_workspace.get(), m_undo);
    m_generate->setContext(m_workspace.get(), m_undo);
    m_context->setWorkspace(m_workspace.get());
    m_curation->setContext(m_workspace.get(), m_undo);
    if (m_catalogue)
        m_catalogue->setCanImport(true);
    AppSettings::addRecentWorkspace(m_workspace->path());
    updateRecentMenu();
    updateTitle();
    log(tr("Opened %1").arg(m_workspace->path()));
    startIndexing();
    return true;
}

void MainWindow::reportError(const QString &title, const QString &message, bool information)
{
    // open(), not exec(): a window-modal box with no nested event loop, so the
    // caller (and a test driving the window) carries on; deleted when closed.
    auto *box = new QMessageBox(information ? QMessageBox::Information : QMessageBox::Critical, title, message,
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    Q_EMIT errorOccurred(message);
}

bool MainWindow::runJob(Job *job)
{
    if (m_job) {
        reportError(tr("Busy"), tr("Wait for \"%1\" to finish, or cancel it.").arg(m_job->title()), true);
        job->deleteLater();
        return false;
    }
    if (m_indexJob)
        m_indexJob->cancel();  // resumes after this job; indexing commits in chunks
    m_job = job;
    job->setParent(this);
    m_jobLabel->setText(job->title());
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    auto done = [this, job] {
        m_job = nullptr;
        m_progress->hide();
        m_cancel->hide();
        m_jobLabel->clear();
        job->deleteLater();
        startIndexing();
    };
    connect(job, &Job::progressChanged, this, [this](qint64 doneCount, qint64 total) {
        if (total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(1000 * doneCount / std::max<qint64>(1, total)));
        }
    });
    connect(job, &Job::finished, this, [this, job, done](const QString &summary) {
        log(tr("%1: %2").arg(job->title(), summary));
        statusBar()->showMessage(summary, 8000);
        done();
    });
    connect(job, &Job::failed, this, [this, job, done](const QString &message) {
        log(tr("%1 failed: %2").arg(job->title(), message));
        done();
        reportError(tr("%1 failed").arg(job->title()), message);
    });
    connect(job, &Job::cancelled, this, [this, job, done] {
        log(tr("%1 cancelled; nothing was changed.").arg(job->title()));
        done();
    });
    job->start();
    return true;
}

Job *MainWindow::importDataset(const QString &file)
{
    sft::ImportOptions opts;
    opts.file = file;
    return importDataset(opts);
}

Job *MainWindow::importDataset(const sft::ImportOptions &options)
{
    if (!m_workspace)
        return nullptr;
    const QString wsPath = m_workspace->path();
    // The worker fills it; the GUI thread reads it once the job has finished.
    auto result = std::make_shared<sft::ImportResult>();
    auto *job = new Job(tr("Import %1").arg(QFileInfo(options.file).fileName()),
                        [wsPath, options, result](const sft::ProgressFn &p) {
                            *result = sft::importFile(wsPath, options, p);
                            return tr("imported %n record(s) in %1 s", nullptr, int(result->records))
                                .arg(result->parseSeconds + result->insertSeconds, 0, 'f', 2);
                        });
    sft::Workspace *ws = m_workspace.get();
    connect(job, &Job::finished, this, [this, ws, result] {
        if (m_workspace.get() != ws)
            return;  // another workspace was opened meanwhile
        // The import is written already; the step's first redo does nothing.
        auto *command = new ImportCommand(ws, *result);
        command->setNotice([this](const QString &text) {  // the stack, and so the command, is this window's
            statusBar()->showMessage(text, 5000);
            log(text);
        });
        m_undo->push(command);
        Q_EMIT ws->datasetsChanged();
        m_curation->setDataset(result->datasetId);
    });
    return runJob(job) ? job : nullptr;
}

ImportDialog *MainWindow::showImportDialog(const QString &file)
{
    if (!m_workspace)
        return nullptr;
    auto *dialog = new ImportDialog(m_workspace.get(), file, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { importDataset(dialog->options()); });
    dialog->open();
    return dialog;
}

CatalogueView *MainWindow::showCatalogue()
{
    if (!m_catalogue) {
        m_catalogue = new CatalogueView(this);
        connect(m_catalogue, &CatalogueView::importRequested, this, &MainWindow::showCatalogueImport);
    }
    m_catalogue->setCanImport(m_workspace != nullptr);
    m_catalogue->show();
    m_catalogue->raise();
    m_catalogue->activateWindow();
    return m_catalogue;
}

ImportDialog *MainWindow::showCatalogueImport(const sft::ImportOptions &options)
{
    if (!m_workspace) {
        reportError(tr("Import"), tr("Open or create a workspace first: the records are imported into it."), true);
        return nullptr;
    }
    // Over the catalogue window, where the file was chosen; the preview shows how the entry's format and
    // mapping read it, and OpenAssistant files get their choice of paths and language.
    QWidget *over = m_catalogue ? static_cast<QWidget *>(m_catalogue) : this;
    auto *dialog = new ImportDialog(m_workspace.get(), options.file, over);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFormat(options.format);
    dialog->setFieldMapping(options.mapping);
    if (!options.datasetName.isEmpty())
        dialog->setDatasetName(options.datasetName);
    dialog->setSource(options.source);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        // The same undoable import as File ▸ Import; the new dataset is shown in Curation.
        if (importDataset(dialog->options()))
            m_tabs->setCurrentWidget(m_curation);
    });
    dialog->open();
    return dialog;
}

qint64 MainWindow::createDataset(const QString &name)
{
    return m_workspace ? m_curation->recordActions()->createDataset(name) : 0;
}

void MainWindow::chooseNewDataset()
{
    // The name is asked in a dialog that does not block (open()).
    if (m_workspace)
        m_curation->recordActions()->askNewDataset();
}

void MainWindow::startIndexing()
{
    if (!m_workspace || m_job || m_indexJob)
        return;
    const QString wsPath = m_workspace->path();
    m_indexJob = new Job(tr("Search index"), [wsPath](const sft::ProgressFn &p) {
        const qint64 n = sft::updateSearchIndex(wsPath, p);
        return n ? tr("indexed %n record(s) for search", nullptr, int(n)) : QString();
    }, this);
    connect(m_indexJob, &Job::progressChanged, this, [this](qint64 done, qint64 total) {
        if (total > 0)
            statusBar()->showMessage(tr("Indexing for search: %1%").arg(100 * done / total));
    });
    auto finish = [this] {
        m_indexJob->deleteLater();
        m_indexJob = nullptr;
    };
    connect(m_indexJob, &Job::finished, this, [this, finish](const QString &summary) {
        if (!summary.isEmpty()) {
            log(summary);
            statusBar()->showMessage(summary, 4000);
        }
        finish();
    });
    connect(m_indexJob, &Job::failed, this, [this, finish](const QString &message) {
        log(tr("Search index: %1").arg(message));
        finish();
    });
    connect(m_indexJob, &Job::cancelled, this, finish);
    m_indexJob->start();
}

void MainWindow::newWorkspace()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("New workspace"), QString(),
                                                      tr("SFT Workbench workspaces (*.sftws)"));
    if (!path.isEmpty())
        openWorkspace(path.endsWith(QLatin1String(".sftws")) ? path : path + QStringLiteral(".sftws"));
}

void MainWindow::chooseWorkspace()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open workspace"), QString(),
                                                      tr("SFT Workbench workspaces (*.sftws);;All files (*)"));
    if (!path.isEmpty())
        openExistingWorkspace(path);
}

void MainWindow::chooseImport()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Import dataset"), QString(),
        tr("Datasets (*.json *.jsonl *.csv);;Alpaca or ShareGPT JSON (*.json);;JSON Lines (*.jsonl);;CSV (*.csv);;"
           "All files (*)"));
    if (!file.isEmpty())
        showImportDialog(file);
}

void MainWindow::chooseExport()
{
    if (!m_workspace || !m_curation->datasetId())
        return;
    std::optional<sft::DatasetInfo> info;
    m_workspace->tryOrReport([&] { info = m_workspace->dataset(m_curation->datasetId()); });
    ExportDialog dialog(m_workspace.get(), m_curation->datasetId(), info ? info->name : QString(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const sft::ExportOptions opts = dialog.options();
    const QString wsPath = m_workspace->path();
    runJob(new Job(tr("Export"), [wsPath, opts](const sft::ProgressFn &p) {
        const sft::ExportResult r = sft::exportDataset(wsPath, opts, p);
        return tr("wrote %1 and %2 to %3")
            .arg(tr("%n training record(s)", nullptr, int(r.train)), tr("%n validation record(s)", nullptr, int(r.validation)),
                 r.files.join(QStringLiteral(", ")));
    }));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_curation->editor()->commitPending();
    // The session's undo steps end here, and with them what the trash holds for them.
    m_undo->clear();
    if (m_workspace) {
        try {
            m_workspace->purgeTrash();
        } catch (const sft::Error &) {
            // Emptied at the next start instead.
        }
    }
    AppSettings::windowGeometry().set(saveGeometry());
    AppSettings::windowState().set(saveState());
    event->accept();
}
