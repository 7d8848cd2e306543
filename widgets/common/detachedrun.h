#pragma once
// What the Training and Generate run lists share about a run whose worker is
// started detached and followed through its run folder: the run's liveness
// (the pid it was launched with until the worker writes worker.pid, whether
// its start event is still awaited, whether Stop was asked), the status
// derived from the log's end and the live worker, following the log while it
// runs; and the steps before a launch: the demo model first when it is
// missing, then the preparation job (the data export) with its failure,
// cancellation and a runner that refuses it.

#include <QPointer>
#include <QString>

#include <functional>

#include "common/job.h"
#include "workspace/trainingrun.h"

class QObject;
class QStandardItem;

/** A listed run: its folder, its log follower, its status and the liveness of its worker. */
struct DetachedRun
{
    QString id, dir;
    sft::RunLog *log = nullptr;
    sft::RunStatus status = sft::RunStatus::Interrupted;
    qint64 launchedPid = 0;      ///< until the worker writes worker.pid
    bool loading = false;        ///< the first read of the log: no per-record updates
    bool stopping = false;
    bool awaitingStart = false;  ///< launched; its start event has not come yet
    QStandardItem *item = nullptr;   ///< the row's first cell
};

namespace detachedrun {

/**
 * The run's status from its log's terminal event (empty: none) and whether its worker lives (the
 * launched pid, else worker.pid, else a torchrun's launcher.pid, checked for marker in its command
 * line): while a launched worker or torchrun has not said "start", the previous attempt's end does
 * not count. A running run's log is followed;
 * otherwise following stops and the liveness is reset. True when the status changed.
 */
bool refreshStatus(DetachedRun &run, QString terminal, const QString &marker);

/**
 * Create the demo model (modelDir is the demo model folder and it is missing) in a background job
 * held in job, then: onCreated() (may be empty) at once, and on owner's next turn of the event loop
 * (after the job runner let go of the job) setPreparing(false) and proceed(); when it fails or is
 * cancelled, setPreparing(false) and onFailed(error). False when the runner refused the job.
 */
bool createDemoModelThen(QObject *owner, const QString &modelDir, const QString &program, const JobRunner &runner,
                         QPointer<Job> &job, const std::function<void(bool)> &setPreparing,
                         std::function<void()> onCreated, std::function<void()> proceed,
                         std::function<void(const QString &)> onFailed);

/**
 * Start a run's preparation job (owned by owner's connections, held in held while it runs,
 * setPreparing(true) first). When it ends held is cleared and onFinished() runs; when it fails
 * onFailed(error), when it is cancelled onFailed(cancelledText). When the runner refuses it: held
 * cleared, the run folder dir removed, setPreparing(false), false.
 */
bool startPreparation(QObject *owner, Job *job, const JobRunner &runner, QPointer<Job> &held, const QString &dir,
                      const std::function<void(bool)> &setPreparing, std::function<void()> onFinished,
                      std::function<void(const QString &)> onFailed, const QString &cancelledText);

} // namespace detachedrun
