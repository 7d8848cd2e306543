// RunList, starting runs: Start prepares a run (the demo model if needed, the
// data export in a background Job, config.json) and starts its worker detached;
// "Run on a cluster" prepares it the same way and starts nothing, for the
// launch scripts; Stop, Resume and Start here (a prepared run). A run with
// several processes on this machine starts PyTorch's launcher, torchrun, which
// starts the worker once per rank and hosts their rendezvous. It is started
// detached like the single worker and its pid goes to launcher.pid; its command
// line names the worker and the run folder, so the run's liveness check accepts
// it until rank 0 writes worker.pid.

#include "training/runlist.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>

#include <memory>

#include "common/demomodeljob.h"
#include "finetune/train_config.h"
#include "workspace/qtstrings.h"
#include "workspace/trainingrun.h"
#include "workspace/workspace.h"

using sft::RunStatus;

QString RunList::torchrunMissingText()
{
    return tr("PyTorch's torchrun was not found on PATH; install PyTorch (Debian: python3-torch) or set processes to 1");
}

qint64 RunList::launchProcesses(const QString &runDir, bool resume, int processes, QString *error)
{
    const QString torchrun = sft::runs::findTorchrun();
    if (torchrun.isEmpty()) {
        *error = torchrunMissingText();
        return 0;
    }
    return sft::runs::launchTorchrun(torchrun, m_program, runDir, processes, resume, error);
}

void RunList::setLocalProcesses(int processes) { m_localProcesses = std::max(1, processes); }

bool RunList::isPrepared(const QString &id) const
{
    const Run *r = run(id);
    return r && isPrepared(r);
}

bool RunList::isPrepared(const Run *r) const
{
    // Every launch leaves stderr.log (the worker's or torchrun's stderr goes there) or launcher.pid.
    if (r->status != RunStatus::Interrupted || r->launchedPid || r->log->recordCount() > 0)
        return false;
    const QDir dir(r->dir);
    return QFileInfo::exists(dir.filePath(QStringLiteral("config.json")))
           && !QFileInfo::exists(dir.filePath(QStringLiteral("events.jsonl")))
           && !QFileInfo::exists(dir.filePath(QStringLiteral("stderr.log")))
           && !QFileInfo::exists(dir.filePath(QStringLiteral("launcher.pid")));
}

bool RunList::canResume(const Run *r) const
{
    if (isRunBusy(r->id))
        return false;   // a merge or a GGUF export is reading its weights
    return isPrepared(r)
           || sft::runs::isResumable(r->status, !r->log->checkpoints().isEmpty(),
                                     r->log->terminal().value(QStringLiteral("reason")).toString());
}

bool RunList::endedBeforeStart(const Run *r) const
{
    if (r->status == RunStatus::Running || isPrepared(r))
        return false;
    // Seen here, or on disk: a torchrun start after which no rank logged, a launch that logged nothing.
    return r->endedBeforeStart || sft::runs::launcherStartedLast(r->dir)
           || !QFileInfo::exists(QDir(r->dir).filePath(QStringLiteral("events.jsonl")));
}

QString RunList::endMessage(const Run *r) const
{
    if (!endedBeforeStart(r))
        return tr("Run %1: %2").arg(r->id, statusText(r->status));
    return sft::runs::launcherStartedLast(r->dir)
               ? tr("Run %1: torchrun exited before the worker started; the run's status shows its output.").arg(r->id)
               : tr("Run %1: the worker exited before it started; the run's status shows its output.").arg(r->id);
}

// ---- start ----

bool RunList::start(const sft::finetune::TrainConfig &config, const StartRequest &request)
{
    if (m_preparing)
        return false;
    if (!m_workspace || !request.datasetId) {
        Q_EMIT message(tr("Choose a dataset to train on."));
        return false;
    }
    if (request.modelDir.isEmpty()) {
        Q_EMIT message(tr("Choose a model folder."));
        return false;
    }
    if (request.launch && request.processes > 1 && sft::runs::findTorchrun().isEmpty()) {
        Q_EMIT message(torchrunMissingText());   // before any folder is made: nothing starts
        return false;
    }
    if (demomodel::needsCreating(request.modelDir, request.demoModelDir)) {
        return detachedrun::createDemoModelThen(
            this, request.modelDir, m_program, m_runner, m_job, [this](bool preparing) { setPreparingState(preparing); },
            [this] { Q_EMIT demoModelCreated(); },
            [this, config, request, generation = m_generation] {
                if (generation == m_generation && m_workspace)
                    startPrepared(config, request);
            },
            [this](const QString &error) { Q_EMIT message(tr("Cannot create the demo model: %1").arg(error)); });
    }
    return startPrepared(config, request);
}

void RunList::setPreparingState(bool preparing)
{
    if (m_preparing == preparing)
        return;
    m_preparing = preparing;
    Q_EMIT preparingChanged(preparing);
}

bool RunList::startPrepared(const sft::finetune::TrainConfig &config, const StartRequest &request)
{
    sft::finetune::TrainConfig cfg = config;
    QString dir;
    try {
        dir = sft::runs::createRunDir(runsRoot(), QString::fromLatin1(sft::finetune::methodName(cfg.method)));
    } catch (const std::exception &e) {
        Q_EMIT message(tr("Cannot create the run folder: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    const QString wsPath = m_workspace->path();
    const qint64 dataset = request.datasetId;
    const double fraction = cfg.evalFraction;
    const quint64 seed = cfg.seed;
    const bool pendingToo = request.pendingToo;
    const int processes = request.processes;
    const bool launchNow = request.launch;
    auto files = std::make_shared<sft::runs::DataFiles>();
    auto *job = new Job(tr("Export the training data"), [wsPath, dataset, dir, fraction, seed, files, pendingToo](const sft::ProgressFn &p) {
        *files = sft::runs::exportData(wsPath, dataset, dir, fraction, seed, p, pendingToo);
        return tr("exported %n training record(s)", nullptr, int(files->train));
    });
    auto fail = [this, dir](const QString &error) {
        QDir(dir).removeRecursively();
        setPreparingState(false);
        Q_EMIT message(tr("Cannot start the run: %1").arg(error));
    };
    return detachedrun::startPreparation(
        this, job, m_runner, m_job, dir, [this](bool preparing) { setPreparingState(preparing); },
        [this, dir, files, cfg, fail, processes, launchNow, generation = m_generation]() mutable {
            if (generation != m_generation) {
                QDir(dir).removeRecursively();  // the workspace was switched meanwhile: this run never starts
                return;
            }
            cfg.trainData = sft::ss(files->trainFile);
            cfg.evalData = sft::ss(files->evalFile);
            if (files->evalFile.isEmpty())
                cfg.evalFraction = 0;  // too few records for a held-out split: no evaluation
            try {
                sft::runs::writeConfig(dir, cfg);
            } catch (const std::exception &e) {
                fail(QString::fromUtf8(e.what()));
                return;
            }
            setPreparingState(false);
            Run *r = addRun(dir);
            selectRun(r->id);
            if (!launchNow) {
                // For a cluster: the scripts come next; nothing runs here until Start here.
                updateButtons();
                updateRunLabels();
                Q_EMIT message(tr("Prepared %1: export its launch script for a cluster, or Start here.").arg(r->id));
                showLaunchScriptDialog(r->id);
                Q_EMIT runPrepared(r->id);
                return;
            }
            launch(r, false, processes);
            Q_EMIT runStarted(r->id);
        },
        fail, tr("cancelled"));
}

void RunList::launch(Run *r, bool resume, int processes)
{
    QString error;
    const qint64 pid = processes > 1 ? launchProcesses(r->dir, resume, processes, &error)
                                     : sft::runs::launchWorker(m_program, r->dir, resume, &error);
    if (!pid) {
        Q_EMIT message(tr("Cannot start the worker: %1").arg(error));
        m_runStatus->setText(tr("Cannot start the worker: %1").arg(error));
        m_runStatus->setStyleSheet(QStringLiteral("color: #b00020;"));
        Q_EMIT runEnded(r->id, sft::runStatusName(r->status));
        return;
    }
    r->launchedPid = pid;
    r->awaitingStart = true;
    r->stopping = false;
    r->endedBeforeStart = false;
    if (processes > 1)
        Q_EMIT message((resume ? tr("Resumed %1 with %n processes.", nullptr, processes)
                               : tr("Started %1 with %n processes.", nullptr, processes))
                           .arg(r->id));
    else
        Q_EMIT message(resume ? tr("Resumed %1.").arg(r->id) : tr("Started %1.").arg(r->id));
    const RunStatus before = r->status;
    refreshStatus(r);
    updateRow(r);
    updateCharts();
    updateButtons();
    updateRunLabels();
    if (r->status != RunStatus::Running) {
        // The worker is gone already (it failed at once): the run ended without running.
        if (r->status == before)
            Q_EMIT message(endMessage(r));
        Q_EMIT runEnded(r->id, sft::runStatusName(r->status));
    }
}

// ---- stop, resume ----

bool RunList::stop()
{
    Run *r = run(currentRunId());
    if (!r || r->status != RunStatus::Running)
        return false;
    if (!sft::runs::stopWorker(r->dir, r->launchedPid, markerFor(m_program))) {
        refreshStatus(r);
        return false;
    }
    r->stopping = true;
    updateRow(r);
    updateButtons();
    updateRunLabels();
    Q_EMIT message(tr("Stopping %1: the worker saves a checkpoint and exits.").arg(r->id));
    return true;
}

bool RunList::resume()
{
    Run *r = run(currentRunId());
    if (!r || !canResume(r))
        return false;
    const bool prepared = isPrepared(r);
    int processes = prepared ? m_localProcesses : sft::runs::resumeProcesses(r->dir);
    if (processes > 1 && sft::runs::findTorchrun().isEmpty()) {
        // The result does not depend on the count: one process gets there too, only slower.
        processes = 1;
        Q_EMIT message(prepared ? tr("torchrun was not found: starting with one process")
                                : tr("torchrun was not found: resuming with one process"));
    }
    launch(r, !prepared, processes);
    return r->status == RunStatus::Running;
}
