#include "workspace/trainingrun.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QJsonDocument>
#include <QProcess>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <limits>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "distributed/launch_script.h"
#include "finetune/run_folder.h"
#include "finetune/train_config.h"
#include "workspace/qtstrings.h"

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#include <sys/types.h>
#endif

namespace sft {

QString runStatusName(RunStatus status)
{
    switch (status) {
    case RunStatus::Running: return QStringLiteral("running");
    case RunStatus::Finished: return QStringLiteral("finished");
    case RunStatus::Stopped: return QStringLiteral("stopped");
    case RunStatus::Failed: return QStringLiteral("failed");
    case RunStatus::Interrupted: return QStringLiteral("interrupted");
    }
    return {};
}

namespace runs {

namespace {

const QString kConfig = QStringLiteral("config.json");
const QString kEvents = QStringLiteral("events.jsonl");
const QString kStderr = QStringLiteral("stderr.log");
const QString kLaunch = QStringLiteral("launch.json");
const QString kLauncherPid = QStringLiteral("launcher.pid");

void replaceFile(const QString &from, const QString &to)
{
    QFile::remove(to);
    if (!QFile::rename(from, to))
        throw Error("cannot rename " + ss(from) + " to " + ss(to));
}

} // namespace

QString runsRoot(const QString &workspacePath)
{
    const QFileInfo info(workspacePath);
    return info.absoluteDir().filePath(info.completeBaseName() + QStringLiteral(".runs"));
}

QStringList runDirs(const QString &root)
{
    QStringList out;
    const QDir dir(root);
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (QFileInfo::exists(dir.filePath(name + QLatin1Char('/') + kConfig))
            || QFileInfo::exists(dir.filePath(name + QLatin1Char('/') + kEvents)))
            out << dir.filePath(name);
    return out;
}

QString runIdFor(const QDateTime &time, const QString &method)
{
    return time.toString(QStringLiteral("yyyyMMdd-HHmmss-")) + method;
}

QString createRunDir(const QString &root, const QString &method)
{
    QDir dir(root);
    if (!dir.mkpath(QStringLiteral(".")))
        throw Error("cannot create the runs folder " + ss(root));
    const QString base = runIdFor(QDateTime::currentDateTime(), method);
    // mkdir fails when the folder exists, so two GUIs cannot get the same id.
    for (int n = 1; n < 10000; ++n) {
        const QString id = n == 1 ? base : base + QStringLiteral("-%1").arg(n);
        if (!dir.exists(id) && dir.mkdir(id))
            return QDir(dir.absoluteFilePath(id)).absolutePath();
    }
    throw Error("cannot create a run folder in " + ss(root));
}

void writeConfig(const QString &runDir, const finetune::TrainConfig &config)
{
    const QString path = QDir(runDir).filePath(kConfig);
    config.validate(ss(path));
    const std::string text = config.toJson().dump(2) + '\n';
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.data(), qint64(text.size())) != qint64(text.size()) || !f.commit())
        throw Error("cannot write " + ss(path) + ": " + ss(f.errorString()));
}

QJsonObject readConfig(const QString &runDir)
{
    QFile f(QDir(runDir).filePath(kConfig));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

DataFiles exportData(const QString &workspacePath, qint64 datasetId, const QString &runDir, double evalFraction,
                     quint64 seed, const ProgressFn &progress, bool pendingToo)
{
    const QDir data(QDir(runDir).filePath(QStringLiteral("data")));
    if (!data.mkpath(QStringLiteral(".")))
        throw Error("cannot create " + ss(data.path()));
    ExportOptions o;
    o.datasetId = datasetId;
    o.format = DatasetFormat::Jsonl;
    o.path = data.filePath(QStringLiteral("train.jsonl"));
    o.acceptedOnly = true;
    o.pendingToo = pendingToo;
    o.validationFraction = std::max(0.0, evalFraction);
    o.seed = seed;
    const ExportResult r = exportDataset(workspacePath, o, progress);
    DataFiles out;
    out.train = r.train;
    out.eval = r.validation;
    out.trainFile = QStringLiteral("data/train.jsonl");
    if (o.validationFraction > 0) {
        const QStringList names = splitFileNames(o.path);
        replaceFile(names[0], o.path);
        if (r.validation > 0) {
            replaceFile(names[1], data.filePath(QStringLiteral("eval.jsonl")));
            out.evalFile = QStringLiteral("data/eval.jsonl");
        } else {
            QFile::remove(names[1]);
        }
    }
    if (out.train == 0)
        throw Error("the dataset has no accepted records for training (accept some in the Curation tab)");
    return out;
}

QStringList workerArguments(const QString &runDir, bool resume)
{
    QStringList args{QStringLiteral("train"), QStringLiteral("--run-dir"), runDir};
    if (resume)
        args << QStringLiteral("--resume");
    return args;
}

qint64 launchWorker(const QString &program, const QString &runDir, bool resume, QString *error)
{
    QFile::remove(QDir(runDir).filePath(kLauncherPid));   // this start has no launcher
    return launchDetached(program, workerArguments(runDir, resume), runDir, {}, error);
}

qint64 launchDetached(const QString &program, const QStringList &args, const QString &runDir,
                      const QProcessEnvironment &env, QString *error)
{
    QProcess p;
    p.setProgram(program);
    p.setArguments(args);
    if (!env.isEmpty())
        p.setProcessEnvironment(env);
    p.setWorkingDirectory(runDir);
    p.setStandardInputFile(QProcess::nullDevice());
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setStandardErrorFile(QDir(runDir).filePath(kStderr), QIODevice::Append);
    qint64 pid = 0;
    if (!p.startDetached(&pid) || pid <= 0) {
        if (error)
            *error = QCoreApplication::translate("sft::runs", "cannot start %1: %2").arg(program, p.errorString());
        return 0;
    }
    return pid;
}

QString absoluteProgram(const QString &program)
{
    const QFileInfo info(program);
    if (info.isAbsolute())
        return QDir::cleanPath(program);
    if (program.contains(QLatin1Char('/')))
        return QDir::cleanPath(info.absoluteFilePath());
    const QString found = QStandardPaths::findExecutable(program);
    return found.isEmpty() ? program : found;
}

QString findTorchrun() { return QStandardPaths::findExecutable(QStringLiteral("torchrun")); }

QStringList torchrunArguments(int processes, int port, const QString &worker, const QString &runDir, bool resume)
{
    QStringList args;
    for (const std::string &a :
         distributed::localTorchrunArguments(processes, port, ss(absoluteProgram(worker)), ss(runDir), resume))
        args << qs(a);
    return args;
}

int threadsPerProcess(int processes)
{
    return std::max(1, QThread::idealThreadCount() / std::max(1, processes));
}

QProcessEnvironment torchrunEnvironment(int processes)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString threads = QString::number(threadsPerProcess(processes));
    for (const char *name : {"OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "SFTBENCH_THREADS"})
        env.insert(QLatin1String(name), threads);
    return env;
}

qint64 launchTorchrun(const QString &torchrun, const QString &worker, const QString &runDir, int processes,
                      bool resume, QString *error)
{
    const int port = distributed::freeLocalPort();
    if (port <= 0) {
        if (error)
            *error = QCoreApplication::translate("sft::runs", "no free TCP port on this machine for the processes "
                                                              "to meet on");
        return 0;
    }
    const qint64 pid = launchDetached(torchrun, torchrunArguments(processes, port, worker, runDir, resume), runDir,
                                      torchrunEnvironment(processes), error);
    if (pid > 0) {
        // Rank 0 writes worker.pid only once it runs (seconds later): until then this file says who
        // is starting the run, to a rescan, another window or the GUI started again.
        const QByteArray text = QByteArray::number(pid) + '\n';
        QSaveFile f(QDir(runDir).filePath(kLauncherPid));
        if (f.open(QIODevice::WriteOnly) && f.write(text) == text.size())
            f.commit();
    }
    return pid;
}

QJsonObject readLaunch(const QString &runDir)
{
    QFile f(QDir(runDir).filePath(kLaunch));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

int resumeProcesses(const QString &runDir)
{
    const QJsonObject launch = readLaunch(runDir);
    if (launch.value(QStringLiteral("launcher")).toString() != QLatin1String("torchrun")
        || launch.value(QStringLiteral("nodes")).toInt(1) != 1)
        return 1;
    const int perNode = launch.value(QStringLiteral("processes_per_node")).toInt(0);
    return std::max(1, perNode > 0 ? perNode : launch.value(QStringLiteral("world_size")).toInt(1));
}

qint64 workerPid(const QString &runDir)
{
    return finetune::workerPid(ss(runDir));
}

qint64 launcherPid(const QString &runDir)
{
    QFile f(QDir(runDir).filePath(kLauncherPid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    bool ok = false;
    const qint64 pid = f.readLine(32).trimmed().toLongLong(&ok);
    return ok && pid > 0 ? pid : 0;
}

bool launcherStartedLast(const QString &runDir)
{
    const QDir dir(runDir);
    const QFileInfo launcher(dir.filePath(kLauncherPid));
    if (!launcher.exists())
        return false;
    const QFileInfo log(dir.filePath(kEvents));
    return !log.exists() || launcher.lastModified() > log.lastModified();
}

qint64 liveWorkerPid(const QString &runDir, const QString &marker)
{
    const qint64 worker = workerPid(runDir);
    if (isWorkerAlive(worker, marker, runDir))
        return worker;
    const qint64 launcher = launcherPid(runDir);
    return isWorkerAlive(launcher, marker, runDir) ? launcher : 0;
}

bool isLauncherStarting(const QString &runDir, const QString &marker)
{
    return launcherStartedLast(runDir) && isWorkerAlive(launcherPid(runDir), marker, runDir);
}

bool isWorkerAlive(qint64 pid, const QString &marker, const QString &runDir)
{
    return pid > 0 && pid <= std::numeric_limits<long>::max()
           && finetune::isWorkerProcess(long(pid), ss(marker), ss(runDir));
}

bool stopWorker(const QString &runDir, qint64 fallbackPid, const QString &marker)
{
#ifdef Q_OS_UNIX
    qint64 pid = workerPid(runDir);
    if (!isWorkerAlive(pid, marker, runDir))
        pid = fallbackPid;
    if (!isWorkerAlive(pid, marker, runDir))
        pid = launcherPid(runDir);   // torchrun before rank 0 wrote worker.pid
    if (!isWorkerAlive(pid, marker, runDir))
        return false;
    return ::kill(pid_t(pid), SIGTERM) == 0;
#else
    Q_UNUSED(runDir);
    Q_UNUSED(fallbackPid);
    Q_UNUSED(marker);
    return false;
#endif
}

RunStatus deriveStatus(const QString &terminalEvent, bool workerAlive)
{
    if (terminalEvent == QLatin1String("finished"))
        return RunStatus::Finished;
    if (terminalEvent == QLatin1String("stopped"))
        return RunStatus::Stopped;
    if (terminalEvent == QLatin1String("failed"))
        return RunStatus::Failed;
    return workerAlive ? RunStatus::Running : RunStatus::Interrupted;
}

RunStatus runStatus(const QString &runDir, const QString &terminalEvent, const QString &marker)
{
    if (!terminalEvent.isEmpty() && !isLauncherStarting(runDir, marker))
        return deriveStatus(terminalEvent, false);
    return deriveStatus(QString(), liveWorkerPid(runDir, marker) > 0);
}

bool isResumable(RunStatus status, bool hasCheckpoint, const QString &failureReason)
{
    if (!hasCheckpoint)
        return false;   // stopped before its first step: there is nothing to continue
    if (status == RunStatus::Failed)
        return !finetune::isDivergenceReason(ss(failureReason));   // NaN/inf: it would diverge again
    return status == RunStatus::Stopped || status == RunStatus::Interrupted;
}

QString stderrTail(const QString &runDir, int maxBytes)
{
    QFile f(QDir(runDir).filePath(kStderr));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    if (f.size() > maxBytes)
        f.seek(f.size() - maxBytes);
    return QString::fromUtf8(f.readAll()).trimmed();
}

} // namespace runs

// ---- RunLog ----

RunLog::RunLog(const QString &runDir, QObject *parent) : QObject(parent), m_dir(runDir) {}

RunLog::~RunLog() = default;

QString RunLog::logPath() const { return QDir(m_dir).filePath(QStringLiteral("events.jsonl")); }

void RunLog::clearState()
{
    m_offset = 0;
    m_buffer = JsonLineBuffer();
    m_steps.clear();
    m_evals.clear();
    m_checkpoints.clear();
    m_plan = m_started = m_terminal = QJsonObject();
    m_records = 0;
}

int RunLog::poll()
{
    QFile f(logPath());
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const qint64 size = f.size();
    if (size < m_offset) {
        clearState();
        Q_EMIT reset();
    }
    if (size == m_offset || !f.seek(m_offset))
        return 0;
    int added = 0;
    constexpr qint64 kChunk = 4 << 20;
    while (m_offset < size) {
        const QByteArray chunk = f.read(std::min(kChunk, size - m_offset));
        if (chunk.isEmpty())
            break;
        m_offset += chunk.size();
        for (const JsonLineBuffer::Line &line : m_buffer.feed(chunk)) {
            if (!line.isJson)
                continue;
            apply(line.object);
            ++m_records;
            ++added;
            Q_EMIT recordReceived(line.object);
        }
    }
    return added;
}

void RunLog::apply(const QJsonObject &r)
{
    const QString event = r.value(QStringLiteral("event")).toString();
    auto num = [&r](const char *key, double fallback = 0) { return r.value(QLatin1String(key)).toDouble(fallback); };
    auto integer = [&r](const char *key) { return qint64(r.value(QLatin1String(key)).toDouble()); };
    if (event == QLatin1String("step")) {
        Step s;
        s.step = integer("step");
        s.epoch = num("epoch");
        s.loss = num("loss", qQNaN());
        s.lr = num("lr", qQNaN());
        s.gradNorm = num("grad_norm", qQNaN());
        s.tokensPerSecond = num("tokens_per_s", qQNaN());
        s.tokens = integer("tokens");
        s.memoryBytes = integer("memory_bytes");
        if (r.contains(QLatin1String("cuda_memory_bytes")))
            s.gpuMemoryBytes = integer("cuda_memory_bytes");
        s.elapsed = num("elapsed_s");
        s.eta = num("eta_s", -1);
        m_steps.push_back(s);
    } else if (event == QLatin1String("eval")) {
        m_evals.push_back({integer("step"), num("eval_loss", qQNaN()), integer("eval_tokens")});
    } else if (event == QLatin1String("checkpoint")) {
        m_checkpoints.push_back({integer("step"), r.value(QStringLiteral("path")).toString()});
    } else if (event == QLatin1String("resumed")) {
        // Steps logged after the checkpoint belong to the interrupted attempt.
        const qint64 step = integer("step");
        m_steps.removeIf([step](const Step &s) { return s.step > step; });
        m_evals.removeIf([step](const Eval &e) { return e.step > step; });
        m_checkpoints.removeIf([step](const Checkpoint &c) { return c.step > step; });
    } else if (event == QLatin1String("plan")) {
        m_plan = r;
    } else if (event == QLatin1String("started")) {
        m_started = r;
        m_terminal = QJsonObject();
    } else if (event == QLatin1String("finished") || event == QLatin1String("stopped")
               || event == QLatin1String("failed")) {
        m_terminal = r;
    }
}

void RunLog::follow(int intervalMs)
{
    if (intervalMs <= 0) {
        // Stopped, not deleted: follow(0) may be called from inside poll(), from their signals.
        if (m_timer)
            m_timer->stop();
        if (m_watcher) {
            const QStringList paths = m_watcher->files() + m_watcher->directories();
            if (!paths.isEmpty())
                m_watcher->removePaths(paths);
        }
        return;
    }
    if (!m_timer) {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, [this] { poll(); });
    }
    m_timer->start(intervalMs);
    if (!m_watcher) {
        m_watcher = new QFileSystemWatcher(this);
        connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this] {
            poll();
            watchFile();  // a replaced file drops out of the watch list
        });
        connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
            watchFile();
            poll();
        });
    }
    if (QFileInfo::exists(m_dir) && !m_watcher->directories().contains(m_dir))
        m_watcher->addPath(m_dir);
    watchFile();
    poll();
}

void RunLog::watchFile()
{
    if (m_watcher && m_timer && m_timer->isActive() && QFileInfo::exists(logPath())
        && !m_watcher->files().contains(logPath()))
        m_watcher->addPath(logPath());
}

bool RunLog::isFollowing() const { return m_timer && m_timer->isActive(); }

} // namespace sft
