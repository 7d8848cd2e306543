#include "generate/generatepanel.h"

#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QVBoxLayout>

#include "generate/generateform.h"
#include "generate/generaterun.h"
#include "generate/generaterunlist.h"
#include "generate/generateview.h"
#include "workspace/workspace.h"

GeneratePanel::GeneratePanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("generatePanel"));
    m_form = new GenerateForm(this);
    m_runs = new GenerateRunList(this);
    m_view = new GenerateView(this);
    auto *right = new QSplitter(Qt::Vertical);
    right->addWidget(m_runs);
    right->addWidget(m_view);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 4);
    right->setSizes({170, 700});
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("generateSplitter"));
    split->addWidget(m_form);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    m_form->setDefaultPrompts([this](const QString &language) {
        const QJsonObject builtin = generation::builtinPrompts(language);
        return builtin.isEmpty() ? m_runs->defaultPrompts(language) : builtin;
    });
    connect(m_form, &GenerateForm::startRequested, this, &GeneratePanel::start);
    connect(m_runs, &GenerateRunList::preparingChanged, m_form, &GenerateForm::setPreparing);
    connect(m_runs, &GenerateRunList::message, this, &GeneratePanel::message);
    connect(m_runs, &GenerateRunList::reviewRequested, this, &GeneratePanel::reviewRequested);
    connect(m_runs, &GenerateRunList::currentRunChanged, this, &GeneratePanel::showRun);
    connect(m_runs, &GenerateRunList::runReset, this, [this](const QString &id) {
        if (id == m_shown)
            showRun(id);
    });
    connect(m_runs, &GenerateRunList::runUpdated, this, [this](const QString &id) {
        if (id != m_shown)
            return;
        m_view->setRunning(m_runs->runStatus(id) == sft::RunStatus::Running);
        m_view->scheduleUpdate();
    });
    // A run started from the form holds the form's settings: selecting another run may replace them now.
    connect(m_runs, &GenerateRunList::runStarted, m_form, &GenerateForm::setLoadedRun);
    connect(m_view, &GenerateView::thresholdChosen, m_form, &GenerateForm::setThreshold);
    // The worker wrote the kept tasks from its own process: whoever shows the workspace reads it again.
    connect(m_runs, &GenerateRunList::runEnded, this, [this](const QString &id) {
        if (id == m_shown)
            m_view->setRunning(false);
        if (m_workspace && !m_runs->runDataset(id).isEmpty())
            Q_EMIT workspaceWritten();
    });

    auto *scroll = m_form->findChild<QScrollArea *>(QStringLiteral("generateFormScroll"));
    const int formWidth = scroll->widget()->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width() + 4;
    const int shown = std::min(formWidth, 440);   // the live view needs the width more than the form
    split->setSizes({shown, std::max(700, 1400 - shown)});
}

GeneratePanel::~GeneratePanel() = default;

void GeneratePanel::setContext(sft::Workspace *workspace, QUndoStack *)
{
    m_workspace = workspace;
    m_form->setWorkspace(workspace);
    m_runs->setWorkspace(workspace);
    showRun(m_runs->currentRunId());
}

void GeneratePanel::setJobRunner(JobRunner runner) { m_runs->setJobRunner(std::move(runner)); }
void GeneratePanel::setDemoModelDir(const QString &dir) { m_form->setDemoModelDir(dir); }
void GeneratePanel::setWorkerProgram(const QString &program) { m_runs->setWorkerProgram(program); }

bool GeneratePanel::start()
{
    if (m_runs->isPreparing())
        return false;
    if (!m_form->formError().isEmpty()) {
        Q_EMIT message(tr("Fix the form first: %1").arg(m_form->formError()));
        return false;
    }
    GenerateRunList::StartRequest request;
    request.config = m_form->config();
    request.seedFile = m_form->seedFile();
    request.seedDataset = m_form->seedDataset();
    request.datasetName = m_form->datasetName();
    request.keyFromSettings = m_form->keyFromSettings();
    request.modelDir = m_form->modelDir();
    request.demoModelDir = m_form->demoModelDir();
    // The key goes to the settings (per endpoint), never into the run folder.
    const QJsonObject backend = request.config.value(QStringLiteral("backend")).toObject();
    if (request.keyFromSettings && backend.value(QStringLiteral("kind")).toString() == QLatin1String("openai"))
        generation::storeApiKey(backend.value(QStringLiteral("base_url")).toString(), m_form->apiKey());
    if (!m_runs->start(request))
        return false;
    m_form->rememberSeedFile();
    return true;
}

void GeneratePanel::showRun(const QString &runId)
{
    m_shown = runId;
    const QJsonObject config = m_runs->runConfig(runId);
    m_view->setRunning(m_runs->runStatus(runId) == sft::RunStatus::Running);
    m_view->setStats(m_runs->stats(runId), config.value(QStringLiteral("threshold")).toDouble(0.7));
    m_form->setSelectedRun(m_runs->runDir(runId), config);
}
