// GenerateRunList, starting and stopping: a new run folder with its seeds,
// the request config and gui.json, then the detached worker with the key in
// its environment only; Stop is SIGTERM, Resume the same worker command
// without --config.

#include "generate/generaterunlist.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QStandardItemModel>
#include <QTimer>

#include "common/demomodeljob.h"
#include "common/detachedrun.h"
#include "core/error.h"
#include "generate/generaterun.h"
#include "generate/generatestats.h"
#include "workspace/exporter.h"
#include "workspace/workspace.h"

using sft::RunStatus;

bool GenerateRunList::start(const StartRequest &request)
{
    if (m_preparing)
        return false;
    if (!m_workspace) {
        Q_EMIT message(tr("Open a workspace first: the kept tasks land in one of its datasets."));
        return false;
    }
    const bool local = request.config.value(QStringLiteral("backend")).toObject().value(QStringLiteral("kind"))
                       == QLatin1String("local");
    if (local && demomodel::needsCreating(request.modelDir, request.demoModelDir)) {
        return detachedrun::createDemoModelThen(
            this, request.modelDir, m_program, m_runner, m_job, [this](bool preparing) { setPreparingState(preparing); },
            {},
            [this, request, generation = m_generation] {
                if (generation == m_generation && m_workspace)
                    startPrepared(request);
            },
            [this](const QString &error) { Q_EMIT message(tr("Cannot create the demo model: %1").arg(error)); });
    }
    return startPrepared(request);
}

bool GenerateRunList::startPrepared(const StartRequest &request)
{
    const QString mode = request.config.value(QStringLiteral("mode")).toString();
    QString dir;
    try {
        dir = sft::runs::createRunDir(runsRoot(), mode == QLatin1String("alpaca") ? QStringLiteral("alpaca")
                                                                                  : QStringLiteral("self-instruct"));
    } catch (const std::exception &e) {
        Q_EMIT message(tr("Cannot create the run folder: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    auto fail = [this, dir](const QString &error) {
        QDir(dir).removeRecursively();
        setPreparingState(false);
        Q_EMIT message(tr("Cannot start the generation: %1").arg(error));
        return false;
    };
    const QString seedPath = QDir(dir).filePath(QStringLiteral("seeds.jsonl"));
    StartRequest req = request;
    if (req.datasetName.isEmpty())
        req.datasetName = QStringLiteral("generated-") + QFileInfo(dir).fileName();
    if (!req.seedDataset) {
        // The worker reads the file (any of the seed formats), checks it and writes it into the run folder
        // as DIR/seeds.jsonl; its config.json then names that copy.
        const QFileInfo seeds(req.seedFile);
        if (!seeds.isFile())
            return fail(tr("no such seed file: %1").arg(req.seedFile));
        req.config.insert(QStringLiteral("seeds"), seeds.absoluteFilePath());
        finishStart(dir, req);
        return true;
    }
    req.config.insert(QStringLiteral("seeds"), QStringLiteral("seeds.jsonl"));
    // A dataset of the workspace: every record that is not rejected, as instruction records.
    const QString wsPath = m_workspace->path();
    const qint64 dataset = req.seedDataset;
    auto *job = new Job(tr("Export the seed tasks"), [wsPath, dataset, seedPath](const sft::ProgressFn &p) {
        sft::ExportOptions o;
        o.datasetId = dataset;
        o.format = sft::DatasetFormat::Jsonl;
        o.path = seedPath;
        o.acceptedOnly = true;
        o.pendingToo = true;
        const sft::ExportResult r = sft::exportDataset(wsPath, o, p);
        if (r.train == 0)
            throw sft::Error("the seed dataset has no records that are not rejected");
        return tr("exported %n seed task(s)", nullptr, int(r.train));
    });
    return detachedrun::startPreparation(
        this, job, m_runner, m_job, dir, [this](bool preparing) { setPreparingState(preparing); },
        [this, dir, req, generation = m_generation] {
            if (generation != m_generation) {
                QDir(dir).removeRecursively();
                return;
            }
            setPreparingState(false);
            finishStart(dir, req);
        },
        fail, tr("cancelled"));
}

void GenerateRunList::finishStart(const QString &dir, const StartRequest &request)
{
    try {
        generation::writeJson(dir, QString::fromLatin1(generation::kRequestFile), request.config);
        QJsonObject side{{QStringLiteral("dataset"), request.datasetName},
                         {QStringLiteral("api_key"), request.keyFromSettings ? QStringLiteral("settings")
                                                                             : QStringLiteral("environment")}};
        if (request.seedDataset) {
            // The form shows it again when the run is selected (config.json only names the exported copy).
            side.insert(QStringLiteral("seed_dataset"), request.seedDataset);
            if (m_workspace)
                if (const auto info = m_workspace->dataset(request.seedDataset))
                    side.insert(QStringLiteral("seed_dataset_name"), info->name);
        }
        generation::writeJson(dir, QString::fromLatin1(generation::kSideFile), side);
    } catch (const std::exception &e) {
        QDir(dir).removeRecursively();
        Q_EMIT message(tr("Cannot start the generation: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    Run *r = addRun(dir);
    selectRun(r->id);
    launch(r, true);
    Q_EMIT runStarted(r->id);
}

void GenerateRunList::launch(Run *r, bool fresh)
{
    const QString dataset = r->side.value(QStringLiteral("dataset")).toString();
    const QStringList args = generation::workerArguments(r->dir, fresh, m_workspace ? m_workspace->path() : QString(),
                                                         dataset);
    const bool keyFromSettings = r->side.value(QStringLiteral("api_key")).toString() == QLatin1String("settings");
    QString error;
    const qint64 pid = sft::runs::launchDetached(m_program, args, r->dir,
                                                 generation::workerEnvironment(runConfig(r->id), keyFromSettings), &error);
    if (!pid) {
        Q_EMIT message(tr("Cannot start the worker: %1").arg(error));
        m_status->setText(tr("Cannot start the worker: %1").arg(error));
        m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
        return;
    }
    r->launchedPid = pid;
    r->awaitingStart = true;
    r->stopping = false;
    Q_EMIT message(fresh ? tr("Started %1.").arg(r->id) : tr("Resumed %1.").arg(r->id));
    refreshStatus(r);
    updateRow(r);
    updateButtons();
    updateLabel();
}

bool GenerateRunList::stop()
{
    Run *r = run(currentRunId());
    if (!r || r->status != RunStatus::Running)
        return false;
    if (!sft::runs::stopWorker(r->dir, r->launchedPid, marker())) {
        refreshStatus(r);
        return false;
    }
    r->stopping = true;
    updateRow(r);
    updateButtons();
    updateLabel();
    Q_EMIT message(tr("Stopping %1…").arg(r->id));
    return true;
}

bool GenerateRunList::resume()
{
    Run *r = run(currentRunId());
    if (!r || !isResumable(r->id))
        return false;
    launch(r, false);
    return r->status == RunStatus::Running;
}
