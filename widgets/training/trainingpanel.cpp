#include "training/trainingpanel.h"

#include <QEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include "finetune/train_config.h"
#include "training/configdiffview.h"
#include "training/runlist.h"
#include "training/trainingcharts.h"
#include "training/trainingform.h"
#include "training/tryresult.h"
#include "workspace/trainingrun.h"
#include "workspace/workspace.h"

TrainingPanel::TrainingPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("trainingPanel"));
    m_form = new TrainingForm(this);
    m_runs = new RunList(this);
    m_try = new TryResult(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("trainingTabs"));
    m_tabs->addTab(m_runs->charts(), QString());
    m_tabs->addTab(m_runs->configDiff(), QString());
    m_tabs->addTab(m_try, QString());

    auto *right = new QSplitter(Qt::Vertical);
    right->addWidget(m_runs);
    right->addWidget(m_tabs);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 3);
    right->setSizes({230, 600});
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("trainingSplitter"));
    split->addWidget(m_form);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_form, &TrainingForm::startRequested, this, &TrainingPanel::start);
    connect(m_form, &TrainingForm::clusterRequested, this, &TrainingPanel::prepareForCluster);
    // A prepared run's Start here uses the form's processes.
    connect(m_form, &TrainingForm::changed, m_runs, [this] { m_runs->setLocalProcesses(m_form->processes()); });
    m_runs->setLocalProcesses(m_form->processes());
    connect(m_form, &TrainingForm::modelDirChanged, m_try,
            [this](const QString &dir) { m_try->setFallbackModel(dir, m_form->demoModelDir()); });
    connect(m_runs, &RunList::preparingChanged, m_form, &TrainingForm::setPreparing);
    connect(m_runs, &RunList::demoModelCreated, m_form, &TrainingForm::modelFolderChanged);
    connect(m_runs, &RunList::currentRunChanged, this, &TrainingPanel::showRunInTry);
    connect(m_runs, &RunList::message, this, &TrainingPanel::message);
    connect(m_try, &TryResult::message, this, &TrainingPanel::message);
    m_try->setFallbackModel(m_form->modelDir(), m_form->demoModelDir());
    retranslate();

    // The form as wide as its widest row needs, the runs get the rest.
    auto *scroll = m_form->findChild<QScrollArea *>(QStringLiteral("trainingFormScroll"));
    const int formWidth = scroll->widget()->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width() + 4;
    split->setSizes({formWidth, std::max(600, 1400 - formWidth)});
}

TrainingPanel::~TrainingPanel() = default;

void TrainingPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TrainingPanel::retranslate()
{
    m_tabs->setTabText(0, tr("Charts"));
    m_tabs->setTabText(1, tr("Compare configs"));
    m_tabs->setTabText(2, tr("Try the result"));
}

void TrainingPanel::setContext(sft::Workspace *workspace, QUndoStack *)
{
    m_workspace = workspace;
    m_form->setWorkspace(workspace);
    m_runs->setWorkspace(workspace);
    m_form->setRunsRoot(m_runs->runsRoot());
    showRunInTry(m_runs->currentRunId());
}

void TrainingPanel::setJobRunner(JobRunner runner) { m_runs->setJobRunner(std::move(runner)); }
void TrainingPanel::setDataset(qint64 datasetId) { m_form->setDataset(datasetId); }

void TrainingPanel::setDemoModelDir(const QString &dir)
{
    m_form->setDemoModelDir(dir);
    m_try->setFallbackModel(m_form->modelDir(), m_form->demoModelDir());
}

void TrainingPanel::setWorkerProgram(const QString &program)
{
    m_form->setWorkerProgram(program);
    m_runs->setWorkerProgram(program);
    m_try->setWorkerProgram(program);
}

bool TrainingPanel::start() { return startFromForm(true); }

bool TrainingPanel::prepareForCluster() { return startFromForm(false); }

bool TrainingPanel::startFromForm(bool launch)
{
    if (m_runs->isPreparing())
        return false;
    // A run for a cluster does not need this machine's torchrun: only the config must be valid.
    const QString error = launch ? m_form->formError() : m_form->configError();
    if (!error.isEmpty()) {
        Q_EMIT message(tr("Fix the form first: %1").arg(error));
        return false;
    }
    RunList::StartRequest request;
    request.datasetId = m_form->datasetId();
    request.pendingToo = m_form->pendingToo();
    request.modelDir = m_form->modelDir();
    request.demoModelDir = m_form->demoModelDir();
    request.processes = m_form->processes();
    request.launch = launch;
    return m_runs->start(m_form->config(), request);
}

void TrainingPanel::showRunInTry(const QString &runId)
{
    m_try->setRun(runId, m_runs->runDir(runId), m_runs->runConfig(runId));
}
