#pragma once
// Training runs on disk, as the GUI sees them (the contract is the README's
// "run folder and the worker protocol"): every run is a folder under
// "<workspace folder>/<workspace name>.runs/" holding config.json, the
// exported data, and the events.jsonl the worker appends to. The worker
// (`sftbench-cli train`) is started detached so it outlives the GUI; the GUI
// follows the log file (RunLog), derives the status from the last terminal
// event and worker.pid, and stops a run with SIGTERM. QtCore only.

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include "workspace/exporter.h"
#include "workspace/jsonlinebuffer.h"

class QFileSystemWatcher;
class QTimer;

namespace sft::finetune { struct TrainConfig; }

namespace sft {

/** A run's status, derived as the protocol says. */
enum class RunStatus { Running, Finished, Stopped, Failed, Interrupted };

/** "running", "finished", "stopped", "failed", "interrupted". */
QString runStatusName(RunStatus status);

namespace runs {

/** "<folder of workspacePath>/<base name>.runs" (not created). */
QString runsRoot(const QString &workspacePath);
/** The run folders under root, oldest first (by id, which starts with the time). */
QStringList runDirs(const QString &root);
/** The id a run started now with this method would get before uniquifying: yyyyMMdd-HHmmss-method. */
QString runIdFor(const QDateTime &time, const QString &method);
/**
 * Create root (if needed) and a new, unique run folder in it; returns its absolute path.
 * The id is yyyyMMdd-HHmmss-<method>, made unique with -2, -3 ... Throws sft::Error.
 */
QString createRunDir(const QString &root, const QString &method);

/** Validate config (throws sft::Error naming the field) and write DIR/config.json atomically. */
void writeConfig(const QString &runDir, const finetune::TrainConfig &config);
/** DIR/config.json as an object; empty when missing or unreadable. */
QJsonObject readConfig(const QString &runDir);

/** What exportData wrote. */
struct DataFiles
{
    qint64 train = 0, eval = 0;
    QString trainFile, evalFile;   ///< relative to the run folder; evalFile empty without a held-out split
};
/**
 * Export the accepted records of a dataset (with pendingToo: every record
 * that is not rejected) to DIR/data/train.jsonl and, with evalFraction > 0, a
 * seeded held-out split to DIR/data/eval.jsonl (the workspace exporter's
 * split). Throws sft::Error / sft::Cancelled.
 */
DataFiles exportData(const QString &workspacePath, qint64 datasetId, const QString &runDir, double evalFraction,
                     quint64 seed, const ProgressFn &progress = {}, bool pendingToo = false);

/** `train --run-dir DIR [--resume]`. */
QStringList workerArguments(const QString &runDir, bool resume);
/**
 * Start the worker detached (it outlives the GUI): stdout to the null device
 * (the worker appends events.jsonl itself), stderr to DIR/stderr.log, working
 * directory DIR. A launcher.pid of an earlier torchrun start is removed (this start
 * has no launcher). Returns the pid, or 0 with error set.
 */
qint64 launchWorker(const QString &program, const QString &runDir, bool resume, QString *error = nullptr);
/**
 * The same for any worker command: program with args, detached, in runDir, with
 * env as its whole environment (empty: the GUI's own). Returns the pid, or 0.
 */
qint64 launchDetached(const QString &program, const QStringList &args, const QString &runDir,
                      const QProcessEnvironment &env = {}, QString *error = nullptr);

/**
 * The program's absolute path: an absolute path as it is, a relative path with a folder
 * against the current folder, a bare name looked up on PATH (itself when not found).
 */
QString absoluteProgram(const QString &program);
/** PyTorch's launcher `torchrun` on PATH; empty when it is missing. */
QString findTorchrun();
/**
 * torchrun's arguments for processes ranks of the worker on this machine with the rendezvous
 * on 127.0.0.1:port: sft::distributed::localTorchrunArguments with the worker made absolute.
 */
QStringList torchrunArguments(int processes, int port, const QString &worker, const QString &runDir, bool resume);
/**
 * Threads each of processes ranks on this machine gets: max(1, QThread::idealThreadCount() /
 * processes), so that the ranks do not fight over the cores.
 */
int threadsPerProcess(int processes);
/**
 * The environment torchrun starts the ranks with: the GUI's own plus OMP_NUM_THREADS,
 * OPENBLAS_NUM_THREADS and SFTBENCH_THREADS set to threadsPerProcess(processes).
 */
QProcessEnvironment torchrunEnvironment(int processes);
/**
 * Start processes ranks of the worker on this machine under torchrun, detached like
 * launchWorker (stdout to the null device, stderr appended to DIR/stderr.log, working
 * directory DIR, torchrunEnvironment) on a free local port, and write torchrun's pid to
 * DIR/launcher.pid. torchrun's own command line names the worker and the run folder, so
 * isWorkerAlive accepts its pid; rank 0 writes worker.pid once it runs. Returns torchrun's
 * pid, or 0 with error set (no free port, torchrun could not start).
 */
qint64 launchTorchrun(const QString &torchrun, const QString &worker, const QString &runDir, int processes,
                      bool resume, QString *error = nullptr);
/** DIR/launch.json (how the run was last started; rank 0 writes it); empty when missing or unreadable. */
QJsonObject readLaunch(const QString &runDir);
/**
 * The processes to resume the run with on this machine: launch.json's processes_per_node
 * (else world_size) when its launcher is "torchrun" on one node, else 1.
 */
int resumeProcesses(const QString &runDir);

/** The pid in DIR/worker.pid, 0 when there is none. */
qint64 workerPid(const QString &runDir);
/** The pid in DIR/launcher.pid (torchrun's, written by launchTorchrun), 0 when there is none. */
qint64 launcherPid(const QString &runDir);
/**
 * True when launcher.pid was written after the run's log last changed (or there is no log):
 * the last start was torchrun's and no rank has logged anything since. A stale file (its
 * torchrun gone) still says so; it is ignored for liveness.
 */
bool launcherStartedLast(const QString &runDir);
/**
 * The run's live worker: the pid in worker.pid when it is this run's worker (isWorkerAlive with
 * marker), else the pid in launcher.pid checked the same way (torchrun before rank 0 wrote
 * worker.pid); 0 when neither lives.
 */
qint64 liveWorkerPid(const QString &runDir, const QString &marker = QStringLiteral("sftbench-cli"));
/**
 * A start under way: launcher.pid names a live torchrun of the run and launcherStartedLast()
 * (the log's last terminal event, if any, is an earlier attempt's).
 */
bool isLauncherStarting(const QString &runDir, const QString &marker = QStringLiteral("sftbench-cli"));
/**
 * True when pid is a live process whose command line contains marker and, with
 * runDir, the run's folder name (a recycled pid of another program, or of the
 * worker of another run, does not count). Without /proc, liveness only.
 */
bool isWorkerAlive(qint64 pid, const QString &marker = QStringLiteral("sftbench-cli"), const QString &runDir = {});
/**
 * Send SIGTERM to the run's live worker (the pid in worker.pid, else fallbackPid,
 * e.g. the one launchWorker returned before the worker wrote its pid file, else
 * the torchrun in launcher.pid, which passes it on to its ranks); false when none
 * is running.
 */
bool stopWorker(const QString &runDir, qint64 fallbackPid = 0, const QString &marker = QStringLiteral("sftbench-cli"));

/** Status from the last terminal event ("finished" / "stopped" / "failed" / empty) and worker liveness. */
RunStatus deriveStatus(const QString &terminalEvent, bool workerAlive);
/**
 * The same for a folder: terminalEvent from its log, liveness from liveWorkerPid (a torchrun
 * start under way, isLauncherStarting, makes an earlier attempt's terminal event not count).
 */
RunStatus runStatus(const QString &runDir, const QString &terminalEvent,
                    const QString &marker = QStringLiteral("sftbench-cli"));
/**
 * Stopped, interrupted and failed runs with a checkpoint can be resumed, except
 * a run that diverged (failureReason says the loss or gradient norm became NaN/inf):
 * resuming it would diverge the same way.
 */
bool isResumable(RunStatus status, bool hasCheckpoint, const QString &failureReason = {});

/** The last lines of DIR/stderr.log (at most maxBytes), trimmed. */
QString stderrTail(const QString &runDir, int maxBytes = 2000);

} // namespace runs

/**
 * Follows a run's events.jsonl incrementally: keeps the file offset, reads
 * only new bytes, keeps a partial last line until its newline arrives, and
 * applies the "resumed" rule (steps after the resumed step belong to an
 * interrupted attempt and are dropped). follow() watches the file
 * (QFileSystemWatcher) with a 500 ms poll as fallback, since watchers miss
 * appends on some file systems.
 */
class RunLog : public QObject
{
    Q_OBJECT

public:
    struct Step
    {
        qint64 step = 0;
        double epoch = 0, loss = 0, lr = 0, gradNorm = 0, tokensPerSecond = 0, elapsed = 0, eta = -1;
        qint64 tokens = 0, memoryBytes = 0;
        qint64 gpuMemoryBytes = -1; ///< the CUDA allocator's peak (cuda_memory_bytes); -1 for a CPU run
    };
    struct Eval
    {
        qint64 step = 0;
        double loss = 0;
        qint64 tokens = 0;
    };
    struct Checkpoint
    {
        qint64 step = 0;
        QString path;
    };

    explicit RunLog(const QString &runDir, QObject *parent = nullptr);
    ~RunLog() override;

    QString runDir() const { return m_dir; }
    QString logPath() const;

    /** Read whatever was appended since the last read; returns the number of new records. */
    int poll();
    /** Watch the file and poll every intervalMs (0 stops following). */
    void follow(int intervalMs = 500);
    bool isFollowing() const;

    const QList<Step> &steps() const { return m_steps; }
    const QList<Eval> &evals() const { return m_evals; }
    const QList<Checkpoint> &checkpoints() const { return m_checkpoints; }
    /** The last "plan" event; empty before it. */
    QJsonObject plan() const { return m_plan; }
    /** The last "started" event; empty before it. */
    QJsonObject started() const { return m_started; }
    /** The last terminal event (finished / stopped / failed) not followed by a new start; empty otherwise. */
    QJsonObject terminal() const { return m_terminal; }
    QString terminalEvent() const { return m_terminal.value(QStringLiteral("event")).toString(); }
    /** Records read so far (unknown events included). */
    int recordCount() const { return m_records; }

Q_SIGNALS:
    /** One new record, after the log's own state took it in. */
    void recordReceived(const QJsonObject &record);
    /** The file shrank or was replaced: everything was read again from the start. */
    void reset();

private:
    void apply(const QJsonObject &record);
    void clearState();
    void watchFile();

    QString m_dir;
    qint64 m_offset = 0;
    JsonLineBuffer m_buffer;
    QList<Step> m_steps;
    QList<Eval> m_evals;
    QList<Checkpoint> m_checkpoints;
    QJsonObject m_plan, m_started, m_terminal;
    int m_records = 0;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_timer = nullptr;
};

} // namespace sft
