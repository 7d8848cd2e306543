// The liveness and the start-up steps of detached runs, shared by the
// Training and Generate run lists.

#include "common/detachedrun.h"

#include <QDir>
#include <QObject>
#include <QTimer>

#include "common/demomodeljob.h"

namespace detachedrun {

bool refreshStatus(DetachedRun &r, QString terminal, const QString &marker)
{
    const bool launchedAlive = sft::runs::isWorkerAlive(r.launchedPid, marker, r.dir);
    // The previous attempt's end: a resumed worker is starting (and has not said so yet), launched
    // here or by a torchrun (launcher.pid) that another window or an earlier session started.
    if ((r.awaitingStart && launchedAlive) || sft::runs::isLauncherStarting(r.dir, marker))
        terminal.clear();
    const bool alive = terminal.isEmpty() && (launchedAlive || sft::runs::liveWorkerPid(r.dir, marker) > 0);
    const sft::RunStatus old = r.status;
    r.status = sft::runs::deriveStatus(terminal, alive);
    if (r.status == sft::RunStatus::Running) {
        if (!r.log->isFollowing())
            r.log->follow(500);
    } else {
        r.log->follow(0);
        r.launchedPid = 0;
        r.awaitingStart = false;
        r.stopping = false;
    }
    return old != r.status;
}

bool createDemoModelThen(QObject *owner, const QString &modelDir, const QString &program, const JobRunner &runner,
                         QPointer<Job> &job, const std::function<void(bool)> &setPreparing,
                         std::function<void()> onCreated, std::function<void()> proceed,
                         std::function<void(const QString &)> onFailed)
{
    return demomodel::createAndStart(
        owner, modelDir, program, runner, job, setPreparing,
        [owner, setPreparing, onCreated = std::move(onCreated), proceed = std::move(proceed)] {
            if (onCreated)
                onCreated();
            // After the job runner has let go of the model job: the next step is a job of its own.
            QTimer::singleShot(0, owner, [setPreparing, proceed] {
                setPreparing(false);
                proceed();
            });
        },
        [setPreparing, onFailed = std::move(onFailed)](const QString &error) {
            setPreparing(false);
            onFailed(error);
        });
}

bool startPreparation(QObject *owner, Job *job, const JobRunner &runner, QPointer<Job> &held, const QString &dir,
                      const std::function<void(bool)> &setPreparing, std::function<void()> onFinished,
                      std::function<void(const QString &)> onFailed, const QString &cancelledText)
{
    // held is a member of owner: the connections end with owner, so the reference stays valid.
    QObject::connect(job, &Job::finished, owner, [&held, onFinished = std::move(onFinished)] {
        held = nullptr;
        onFinished();
    });
    QObject::connect(job, &Job::failed, owner, [&held, onFailed](const QString &error) {
        held = nullptr;
        onFailed(error);
    });
    QObject::connect(job, &Job::cancelled, owner, [&held, onFailed, cancelledText] {
        held = nullptr;
        onFailed(cancelledText);
    });
    held = job;
    setPreparing(true);
    if (!startJob(job, owner, runner)) {
        held = nullptr;
        QDir(dir).removeRecursively();
        setPreparing(false);
        return false;
    }
    return true;
}

} // namespace detachedrun
