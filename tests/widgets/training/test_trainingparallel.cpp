// Data-parallel runs in the Training panel, driven by QTest (offscreen) with a
// FAKE worker (tests/widgets/data/fake-sftbench-cli.sh) and a FAKE torchrun
// (data/fake-torchrun.sh, first on PATH): it records its arguments and its
// environment, can wait for a gate file before its worker runs, writes
// launch.json as rank 0 would and runs the fake worker. Checked: the form's
// "Processes on this machine" in the estimate, the command preview, its field
// error without torchrun and "Defaults"; Start with several processes launches
// torchrun with the worker's arguments and the thread variables, the run is
// followed, stopped and resumed with the process count launch.json records;
// launcher.pid keeps a starting run alive for another window (Stop reaches
// torchrun through it); a missing torchrun blocks Start and resumes with one
// process; "Run on a cluster…" prepares a run that starts from the list; the
// "Export launch script" dialog's defaults, model folder, live previews, field
// errors and saved files.

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>

#include <nlohmann/json.hpp>

#include "distributed/launch_script.h"
#include "finetune/train_config.h"
#include "test_util.h"
#include "training/launchscriptdialog.h"
#include "training/runlist.h"
#include "training/trainingform.h"
#include "training/trainingpanel.h"
#include "training_testutil.h"
#include "widget_test_util.h"
#include "workspace/demo.h"
#include "workspace/qtstrings.h"
#include "workspace/trainingrun.h"
#include "workspace/workspace.h"

using namespace sft;
using sfttest::kTinyLlamaConfig;
using sfttest::readFile;
using sfttest::writeFile;

namespace {

void copyExecutable(const QString &from, const QString &to)
{
    writeFile(to, readFile(from));
    QVERIFY(readFile(to).startsWith("#!/bin/sh"));
    QFile::setPermissions(to, QFile::permissions(to) | QFileDevice::ExeOwner);
}

/** An environment variable for a test, restored (or unset) when it goes. */
struct EnvGuard
{
    const char *name;
    bool had;
    QByteArray saved;
    EnvGuard(const char *n, const QString &value) : name(n), had(qEnvironmentVariableIsSet(n)), saved(qgetenv(n))
    {
        qputenv(name, value.toUtf8());
    }
    ~EnvGuard()
    {
        if (had)
            qputenv(name, saved);
        else
            qunsetenv(name);
    }
};

/** PATH for a test, restored when it goes. */
struct PathGuard : EnvGuard
{
    explicit PathGuard(const QString &path) : EnvGuard("PATH", path) {}
};

/** The environment `env` wrote, as name -> value. */
QHash<QString, QString> envOf(const QByteArray &text)
{
    QHash<QString, QString> env;
    for (const QString &line : QString::fromUtf8(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        env.insert(line.section(QLatin1Char('='), 0, 0), line.section(QLatin1Char('='), 1));
    return env;
}

/** A stopped run written by hand: one step, its checkpoint, launch.json of a torchrun start with 2 processes. */
void writeStoppedTorchrunRun(const QString &dir)
{
    writeFile(QDir(dir).filePath(QStringLiteral("config.json")), "{\"method\":\"lora\",\"device\":\"cpu\"}");
    writeFile(QDir(dir).filePath(QStringLiteral("events.jsonl")),
              "{\"event\":\"started\",\"pid\":1}\n{\"event\":\"step\",\"step\":1,\"loss\":3}\n"
              "{\"event\":\"checkpoint\",\"step\":1,\"path\":\"checkpoints/step-00000001\"}\n"
              "{\"event\":\"stopped\",\"step\":1}\n");
    writeFile(QDir(dir).filePath(QStringLiteral("launch.json")),
              "{\"world_size\":2,\"nodes\":1,\"processes_per_node\":2,\"launcher\":\"torchrun\"}\n");
    writeFile(QDir(dir).filePath(QStringLiteral("last_step")), "1\n");   // where the fake worker resumes
}

} // namespace

class TestTrainingParallel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    QString m_worker, m_model, m_bin, m_torchrunArgs;
    QList<qint64> m_pids;   // fake launchers and workers to make sure of at the end

    TrainingPanel *newPanel() { return sfttest::newTrainingPanel(m_worker, m_model, m_ws.get()); }

    /** PATH with the fake torchrun first, then the system's (the fakes need sh, cat, sleep). */
    QString fakePath() const { return m_bin + QStringLiteral(":/usr/bin:/bin"); }
    /** PATH without any torchrun (the system may have one): only the tools the fake worker uses. */
    QString toolsPath() const { return m_dir.filePath(QStringLiteral("tools")); }

    QString statusCell(TrainingPanel *panel, const QString &id) const
    {
        RunList *list = panel->runList();
        const QModelIndex row = list->runModel()->match(list->runModel()->index(0, RunList::NameColumn), Qt::DisplayRole,
                                                        id, 1, Qt::MatchExactly).value(0);
        return row.isValid() ? list->runModel()->index(row.row(), RunList::StatusColumn).data().toString() : QString();
    }

    QStringList torchrunArgs() const
    {
        return QString::fromUtf8(readFile(m_torchrunArgs)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

    /** The port torchrun was given (--master_port), 0 when none. */
    static int portOf(const QStringList &args)
    {
        const int i = args.indexOf(QStringLiteral("--master_port"));
        return i >= 0 && i + 1 < args.size() ? args[i + 1].toInt() : 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ws = Workspace::open(ensureDemoWorkspace(m_dir.filePath(QStringLiteral("demo.sftws"))));
        m_bin = m_dir.filePath(QStringLiteral("bin"));
        m_worker = QDir(m_bin).filePath(QStringLiteral("fake-sftbench-cli.sh"));
        copyExecutable(QStringLiteral(SFT_TEST_DATA_DIR "/fake-sftbench-cli.sh"), m_worker);
        copyExecutable(QStringLiteral(SFT_TEST_DATA_DIR "/fake-torchrun.sh"), QDir(m_bin).filePath(QStringLiteral("torchrun")));
        m_torchrunArgs = m_dir.filePath(QStringLiteral("torchrun-args.txt"));
        qputenv("FAKE_TORCHRUN_ARGS", m_torchrunArgs.toUtf8());
        m_model = m_dir.filePath(QStringLiteral("tiny-model"));
        writeFile(QDir(m_model).filePath(QStringLiteral("config.json")), kTinyLlamaConfig);
        QDir().mkpath(toolsPath());
        for (const char *tool : {"cat", "sleep", "rm", "mv", "env"}) {
            const QString found = QStandardPaths::findExecutable(QLatin1String(tool));
            QVERIFY2(!found.isEmpty(), tool);
            QVERIFY(QFile::link(found, QDir(toolsPath()).filePath(QLatin1String(tool))));
        }
    }

    void cleanupTestCase()
    {
        // No fake launcher or worker outlives the test, even after a failed check.
        for (const QString &dir : runs::runDirs(runs::runsRoot(m_ws->path())))
            m_pids << runs::workerPid(dir) << runs::launcherPid(dir);
        for (qint64 pid : std::as_const(m_pids))
            if (runs::isWorkerAlive(pid))
                ::kill(pid_t(pid), SIGKILL);
    }

    void formShowsTheShareOfEachProcess()
    {
        PathGuard path(fakePath());
        std::unique_ptr<TrainingPanel> panel(newPanel());
        TrainingForm *form = panel->form();
        QCOMPARE(form->processes(), 1);
        QCOMPARE(form->processesSpin()->minimum(), 1);
        QCOMPARE(form->processesSpin()->maximum(), 64);
        QVERIFY(form->processesSpin()->toolTip().contains(QLatin1String("torchrun")));
        QVERIFY(!form->estimateLabel()->text().contains(QStringLiteral("processes ×")));
        const QString single = form->commandEdit()->text();
        QVERIFY2(single.startsWith(m_worker + QStringLiteral(" train --run-dir ")), qPrintable(single));

        form->batchSizeSpin()->setValue(4);
        form->setProcesses(2);
        QCOMPARE(form->processesSpin()->value(), 2);
        const QString estimate = form->estimateLabel()->text();
        QVERIFY2(estimate.contains(QStringLiteral("2 processes × 2 rows per micro-batch")), qPrintable(estimate));
        QVERIFY2(estimate.contains(QStringLiteral("global batch 4 × 1 accumulation = 4 rows per step): the same "
                                                  "result as 1 process")),
                 qPrintable(estimate));
        QVERIFY(estimate.contains(QLatin1String("Memory estimate per process")));
        // The total on this machine: the per-process figure times the processes.
        const QRegularExpression total(QStringLiteral("Memory estimate per process: ([0-9.]+) (\\S+) .*× 2 processes = "
                                                      "([0-9.]+) (\\S+) on this machine"));
        const QRegularExpressionMatch m = total.match(estimate);
        QVERIFY2(m.hasMatch(), qPrintable(estimate));
        if (m.captured(2) == m.captured(4))
            QVERIFY2(qAbs(m.captured(3).toDouble() - 2 * m.captured(1).toDouble()) <= 0.151, qPrintable(estimate));
        if (QThread::idealThreadCount() >= 2)
            QVERIFY(form->estimateLabel()->styleSheet().isEmpty());   // nothing to warn about
        QVERIFY(form->formError().isEmpty());
        form->setProcesses(3);
        QVERIFY(form->estimateLabel()->text().contains(QStringLiteral("3 processes × 2 rows per micro-batch")));
        form->setProcesses(8);   // more processes than rows: said, in amber
        QVERIFY(form->estimateLabel()->text().contains(QLatin1String("some processes get no rows")));
        QVERIFY(form->estimateLabel()->styleSheet().contains(QLatin1String("#8a5a00")));
        // More processes than cores on the CPU: said too.
        const int cores = QThread::idealThreadCount();
        form->batchSizeSpin()->setValue(64);
        form->setProcesses(std::min(64, cores + 1));
        QVERIFY2(form->estimateLabel()->text().contains(QStringLiteral("processes for %1 CPU cores").arg(cores)),
                 qPrintable(form->estimateLabel()->text()));
        QVERIFY(form->estimateLabel()->styleSheet().contains(QLatin1String("#8a5a00")));
        form->setProcesses(1);
        QVERIFY(!form->estimateLabel()->text().contains(QLatin1String("CPU cores")));
        form->batchSizeSpin()->setValue(4);
        form->setProcesses(2);

        // The preview is the torchrun command Start runs (torchrun's usual port standing for the free one).
        const QString command = form->commandEdit()->text();
        const QString torchrun = QDir(m_bin).filePath(QStringLiteral("torchrun"));
        QVERIFY2(command.startsWith(torchrun + QStringLiteral(" --nproc_per_node 2 ")), qPrintable(command));
        QVERIFY2(command.contains(QStringLiteral(" --no_python ") + m_worker + QStringLiteral(" train --run-dir ")
                                  + runs::runsRoot(m_ws->path()) + QLatin1Char('/')),
                 qPrintable(command));
        QVERIFY(command.contains(QLatin1String("--master_port 29500")));
        QVERIFY(command.endsWith(QLatin1String(" --quiet")));
        // The process count is not part of the run's config.
        QCOMPARE(QString::fromStdString(form->config().toJson().dump()).contains(QLatin1String("process")), false);

        // Without torchrun on PATH several processes are a form error: the field marked, Start off,
        // the reason said; a run for a cluster does not need this machine's torchrun.
        QVERIFY(form->startButton()->isEnabled());
        QVERIFY(form->clusterButton()->isEnabled());
        PathGuard none(toolsPath());
        form->setProcesses(3);
        QVERIFY(form->estimateLabel()->text().contains(QLatin1String("torchrun was not found on PATH")));
        QVERIFY(form->commandEdit()->text().startsWith(QLatin1String("torchrun --nproc_per_node 3 ")));
        QVERIFY2(form->formError().startsWith(QLatin1String("processes: PyTorch's torchrun was not found on PATH")),
                 qPrintable(form->formError()));
        QCOMPARE(form->formErrorLabel()->text(), form->formError());
        QVERIFY(form->formErrorLabel()->isVisibleTo(form));
        QVERIFY(form->processesSpin()->styleSheet().contains(QLatin1String("#b00020")));
        QVERIFY(!form->startButton()->isEnabled());
        QVERIFY(form->configError().isEmpty());
        QVERIFY(form->clusterButton()->isEnabled());
        QSignalSpy said(panel.get(), &TrainingPanel::message);
        QVERIFY(!panel->start());
        QCOMPARE(said.size(), 1);
        QVERIFY(said.at(0).at(0).toString().contains(form->formError()));
        form->setProcesses(1);
        QVERIFY(form->formError().isEmpty());
        QVERIFY(form->processesSpin()->styleSheet().isEmpty());
        QVERIFY(form->startButton()->isEnabled());

        // The row sits with the device's, and the cluster button beside it; Defaults sets one process.
        QCOMPARE(form->clusterButton()->parentWidget(), form->processesSpin()->parentWidget());
        QVERIFY(form->processesSpin()->toolTip().contains(QLatin1String("Run on a cluster")));
        form->setProcesses(5);
        form->findChild<QPushButton *>(QStringLiteral("defaultsButton"))->click();
        QCOMPARE(form->processes(), 1);
    }

    void startStopResumeUnderTorchrun()
    {
        PathGuard path(fakePath());
        std::unique_ptr<TrainingPanel> panel(newPanel());
        panel->form()->setProcesses(2);
        QSignalSpy started(panel->runList(), &RunList::runStarted);
        QSignalSpy messages(panel->runList(), &RunList::message);
        QFile::remove(m_torchrunArgs);
        QVERIFY(panel->start());
        QTRY_COMPARE(started.size(), 1);
        const QString id = started.at(0).at(0).toString();
        const QString dir = panel->runList()->runDir(id);

        // torchrun got the worker's command: 2 processes, a free port, the absolute worker, the run folder.
        QTRY_VERIFY(torchrunArgs().contains(QStringLiteral("--quiet")));   // written whole (renamed into place)
        const QStringList args = torchrunArgs();
        const int port = portOf(args);
        QVERIFY2(port > 0 && port <= 65535, qPrintable(args.join(QLatin1Char(' '))));
        QCOMPARE(args, runs::torchrunArguments(2, port, m_worker, dir, false));
        // The GUI's environment plus the threads each of the 2 processes gets of this machine's cores.
        const QHash<QString, QString> env = envOf(readFile(m_torchrunArgs + QStringLiteral(".env")));
        const QString threads = QString::number(std::max(1, QThread::idealThreadCount() / 2));
        QCOMPARE(runs::threadsPerProcess(2), threads.toInt());
        QCOMPARE(env.value(QStringLiteral("OMP_NUM_THREADS")), threads);
        QCOMPARE(env.value(QStringLiteral("OPENBLAS_NUM_THREADS")), threads);
        QCOMPARE(env.value(QStringLiteral("SFTBENCH_THREADS")), threads);
        QCOMPARE(env.value(QStringLiteral("FAKE_TORCHRUN_ARGS")), m_torchrunArgs);
        QCOMPARE(env.value(QStringLiteral("PATH")), fakePath());
        // torchrun's pid is in launcher.pid from the start.
        const qint64 launcher = runs::launcherPid(dir);
        m_pids << launcher;
        QVERIFY(runs::isWorkerAlive(launcher, QStringLiteral("sftbench-cli"), dir));
        QCOMPARE(args.mid(0, 2), (QStringList{QStringLiteral("--nproc_per_node"), QStringLiteral("2")}));
        QCOMPARE(args.mid(args.indexOf(QStringLiteral("--no_python"))),
                 (QStringList{QStringLiteral("--no_python"), m_worker, QStringLiteral("train"), QStringLiteral("--run-dir"),
                              dir, QStringLiteral("--quiet")}));
        QVERIFY(messages.contains(QVariantList{QStringLiteral("Started %1 with 2 processes.").arg(id)}));

        // The run is followed as any other: the worker under torchrun writes its events.
        QTRY_COMPARE(QString::fromUtf8(readFile(QDir(dir).filePath(QStringLiteral("args.txt"))).trimmed()),
                     QStringLiteral("train --run-dir %1 --quiet").arg(dir));
        m_pids << runs::workerPid(dir);
        QCOMPARE(int(panel->runList()->runStatus(id)), int(RunStatus::Running));
        QTRY_VERIFY(panel->runList()->runLog(id)->steps().size() >= 5);

        // Stop: SIGTERM to rank 0 (worker.pid); the launcher ends with its worker.
        QVERIFY(panel->runList()->stop());
        QTRY_COMPARE(int(panel->runList()->runStatus(id)), int(RunStatus::Stopped));
        const qint64 stoppedAt = panel->runList()->runLog(id)->steps().last().step;

        // Resume uses launch.json's process count, not the form's.
        panel->form()->setProcesses(1);
        QFile::remove(m_torchrunArgs);
        QVERIFY(panel->runList()->resume());
        QTRY_VERIFY(torchrunArgs().contains(QStringLiteral("--quiet")));
        const QStringList resumed = torchrunArgs();
        QCOMPARE(resumed, runs::torchrunArguments(2, portOf(resumed), m_worker, dir, true));
        QVERIFY(resumed.contains(QStringLiteral("--resume")));
        QTRY_VERIFY(panel->runList()->runLog(id)->steps().size() > stoppedAt + 3);
        m_pids << runs::workerPid(dir);
        QVERIFY(panel->runList()->stop());
        QTRY_COMPARE(int(panel->runList()->runStatus(id)), int(RunStatus::Stopped));

        const qint64 secondStop = panel->runList()->runLog(id)->steps().last().step;

        // A run last started alone resumes alone, with the worker itself.
        writeFile(QDir(dir).filePath(QStringLiteral("launch.json")),
                  "{\"world_size\":1,\"nodes\":1,\"processes_per_node\":1,\"launcher\":\"none\"}\n");
        QFile::remove(m_torchrunArgs);
        QVERIFY(panel->runList()->resume());
        QTRY_COMPARE(QString::fromUtf8(readFile(QDir(dir).filePath(QStringLiteral("args.txt"))).trimmed()),
                     QStringLiteral("train --run-dir %1 --resume").arg(dir));
        QVERIFY(!QFileInfo::exists(m_torchrunArgs));
        QVERIFY(!QFileInfo::exists(QDir(dir).filePath(QStringLiteral("launcher.pid"))));   // no launcher this time
        m_pids << runs::workerPid(dir);
        QTRY_VERIFY(panel->runList()->runLog(id)->steps().size() > secondStop + 3);
        QVERIFY(panel->runList()->stop());
        QTRY_COMPARE(int(panel->runList()->runStatus(id)), int(RunStatus::Stopped));
    }

    void resumeProcessesFromLaunchJson()
    {
        const QString dir = m_dir.filePath(QStringLiteral("launch-json"));
        QDir().mkpath(dir);
        QCOMPARE(runs::resumeProcesses(dir), 1);   // none written
        const QString file = QDir(dir).filePath(QStringLiteral("launch.json"));
        writeFile(file, "{\"world_size\":3,\"nodes\":1,\"processes_per_node\":3,\"launcher\":\"torchrun\"}");
        QCOMPARE(runs::resumeProcesses(dir), 3);
        writeFile(file, "{\"world_size\":4,\"nodes\":1,\"launcher\":\"torchrun\"}");
        QCOMPARE(runs::resumeProcesses(dir), 4);
        // Several machines or another launcher: resumed here as one process.
        writeFile(file, "{\"world_size\":4,\"nodes\":2,\"processes_per_node\":2,\"launcher\":\"torchrun\"}");
        QCOMPARE(runs::resumeProcesses(dir), 1);
        writeFile(file, "{\"world_size\":2,\"nodes\":1,\"processes_per_node\":2,\"launcher\":\"slurm\"}");
        QCOMPARE(runs::resumeProcesses(dir), 1);
        writeFile(file, "not json");
        QCOMPARE(runs::resumeProcesses(dir), 1);
    }

    void missingTorchrunStartsNothingAndResumesAlone()
    {
        const QString root = runs::runsRoot(m_ws->path());
        const QStringList before = runs::runDirs(root);
        std::unique_ptr<TrainingPanel> panel(newPanel());
        PathGuard none(toolsPath());
        QSignalSpy messages(panel->runList(), &RunList::message);
        QSignalSpy started(panel->runList(), &RunList::runStarted);
        // The list refuses a start it cannot make, at once: before any folder or job.
        RunList::StartRequest request;
        request.datasetId = panel->form()->datasetId();
        request.modelDir = m_model;
        request.processes = 2;
        QVERIFY(!panel->runList()->start(panel->form()->config(), request));
        QCOMPARE(messages.size(), 1);
        const QString text = messages.at(0).at(0).toString();
        QCOMPARE(text, QStringLiteral("PyTorch's torchrun was not found on PATH; install PyTorch (Debian: python3-torch) "
                                      "or set processes to 1"));
        QCOMPARE(text, RunList::torchrunMissingText());
        QVERIFY(!panel->runList()->isPreparing());
        QCOMPARE(runs::runDirs(root), before);   // no run folder was made
        QCOMPARE(started.size(), 0);

        // A torchrun run resumed without torchrun: one process (the result does not depend on it), said.
        const QString id = QStringLiteral("20250102-100000-lora");
        const QString dir = QDir(root).filePath(id);
        writeStoppedTorchrunRun(dir);
        panel->runList()->rescan();
        panel->runList()->selectRun(id);
        QVERIFY(panel->runList()->resumeButton()->isEnabled());
        messages.clear();
        QVERIFY(panel->runList()->resume());
        QVERIFY2(messages.contains(QVariantList{QStringLiteral("torchrun was not found: resuming with one process")}),
                 qPrintable(messages.value(0).value(0).toString()));
        QVERIFY(messages.contains(QVariantList{QStringLiteral("Resumed %1.").arg(id)}));
        QTRY_COMPARE(QString::fromUtf8(readFile(QDir(dir).filePath(QStringLiteral("args.txt"))).trimmed()),
                     QStringLiteral("train --run-dir %1 --resume").arg(dir));
        m_pids << runs::workerPid(dir);
        QCOMPARE(int(panel->runList()->runStatus(id)), int(RunStatus::Running));
        QTRY_VERIFY(panel->runList()->runLog(id)->steps().size() >= 3);
        QVERIFY(panel->runList()->stop());
        QTRY_COMPARE(int(panel->runList()->runStatus(id)), int(RunStatus::Stopped));
        QDir(dir).removeRecursively();
    }

    void launcherKeepsAStartingRunAlive()
    {
        // torchrun waits at the gate: rank 0 has not written worker.pid, only launcher.pid says who runs.
        PathGuard path(fakePath());
        const QString gate = m_dir.filePath(QStringLiteral("gate"));
        QFile::remove(gate);
        EnvGuard gated("FAKE_TORCHRUN_GATE", gate);
        std::unique_ptr<TrainingPanel> panel(newPanel());
        panel->form()->setProcesses(2);
        QSignalSpy started(panel->runList(), &RunList::runStarted);
        QSignalSpy messages(panel->runList(), &RunList::message);
        QVERIFY(panel->start());
        QTRY_COMPARE(started.size(), 1);
        const QString id = started.at(0).at(0).toString();
        const QString dir = panel->runList()->runDir(id);
        const qint64 launcher = runs::launcherPid(dir);
        m_pids << launcher;
        QVERIFY(runs::isWorkerAlive(launcher, QStringLiteral("sftbench-cli"), dir));
        QTRY_VERIFY(runs::stderrTail(dir).contains(QLatin1String("fake torchrun: waiting")));
        QVERIFY(!QFileInfo::exists(QDir(dir).filePath(QStringLiteral("worker.pid"))));
        QCOMPARE(int(runs::runStatus(dir, {})), int(RunStatus::Running));
        QCOMPARE(runs::liveWorkerPid(dir), launcher);

        // The GUI started again meanwhile: the run is running, not interrupted, and cannot be started twice.
        std::unique_ptr<TrainingPanel> again(newPanel());
        RunList *list = again->runList();
        QCOMPARE(int(list->runStatus(id)), int(RunStatus::Running));
        list->selectRun(id);
        QVERIFY(!list->resumeButton()->isEnabled());
        QVERIFY(list->stopButton()->isEnabled());
        QCOMPARE(statusCell(again.get(), id), QStringLiteral("running"));

        // Stop reaches torchrun through launcher.pid; both windows then say it ended before its worker started.
        QVERIFY(list->stop());
        QTRY_VERIFY(!runs::isWorkerAlive(launcher, QStringLiteral("sftbench-cli"), dir));
        QTRY_COMPARE(int(list->runStatus(id)), int(RunStatus::Interrupted));
        QTRY_COMPARE(int(panel->runList()->runStatus(id)), int(RunStatus::Interrupted));
        QCOMPARE(runs::liveWorkerPid(dir), qint64(0));   // the stale file is ignored
        QVERIFY(!list->isPrepared(id));
        QTRY_VERIFY2(list->runStatusLabel()->text().contains(QLatin1String("torchrun exited before the worker started")),
                     qPrintable(list->runStatusLabel()->text()));
        QVERIFY(list->runStatusLabel()->text().contains(QLatin1String("fake torchrun: waiting")));   // stderr.log's tail
        QVERIFY(messages.contains(QVariantList{QStringLiteral("Run %1: torchrun exited before the worker started; the "
                                                              "run's status shows its output.").arg(id)}));

        // A resume under way after a GUI restart: the last attempt's "stopped" does not count while torchrun starts.
        const QString resumedId = QStringLiteral("20250104-100000-lora");
        const QString resumedDir = QDir(runs::runsRoot(m_ws->path())).filePath(resumedId);
        writeStoppedTorchrunRun(resumedDir);
        std::unique_ptr<TrainingPanel> third(newPanel());
        third->runList()->selectRun(resumedId);
        QCOMPARE(int(third->runList()->runStatus(resumedId)), int(RunStatus::Stopped));
        QVERIFY(third->runList()->resume());
        m_pids << runs::launcherPid(resumedDir);
        QCOMPARE(int(third->runList()->runStatus(resumedId)), int(RunStatus::Running));
        std::unique_ptr<TrainingPanel> fourth(newPanel());
        QCOMPARE(int(fourth->runList()->runStatus(resumedId)), int(RunStatus::Running));
        fourth->runList()->selectRun(resumedId);
        QVERIFY(!fourth->runList()->resumeButton()->isEnabled());
        writeFile(gate, "open\n");   // the ranks start
        QTRY_VERIFY(runs::workerPid(resumedDir) > 0);
        m_pids << runs::workerPid(resumedDir);
        QTRY_VERIFY(fourth->runList()->runLog(resumedId)->steps().size() >= 3);
        QCOMPARE(int(fourth->runList()->runStatus(resumedId)), int(RunStatus::Running));
        QVERIFY(fourth->runList()->stop());
        QTRY_COMPARE(int(fourth->runList()->runStatus(resumedId)), int(RunStatus::Stopped));
        QTRY_COMPARE(int(third->runList()->runStatus(resumedId)), int(RunStatus::Stopped));
        QFile::remove(gate);
        QDir(resumedDir).removeRecursively();
    }

    void preparedRunStartsHere()
    {
        PathGuard path(fakePath());
        std::unique_ptr<TrainingPanel> panel(newPanel());
        RunList *list = panel->runList();
        panel->form()->setProcesses(2);
        QSignalSpy prepared(list, &RunList::runPrepared);
        QSignalSpy started(list, &RunList::runStarted);
        QFile::remove(m_torchrunArgs);
        QVERIFY(panel->form()->clusterButton()->isEnabled());
        panel->form()->clusterButton()->click();
        QTRY_COMPARE(prepared.size(), 1);
        const QString id = prepared.at(0).at(0).toString();
        const QString dir = list->runDir(id);
        QCOMPARE(list->currentRunId(), id);

        // Prepared as Start prepares, nothing launched.
        const QDir run(dir);
        QVERIFY(QFileInfo::exists(run.filePath(QStringLiteral("config.json"))));
        QVERIFY(QFileInfo::exists(run.filePath(QStringLiteral("data/train.jsonl"))));
        for (const char *name : {"events.jsonl", "worker.pid", "launcher.pid", "stderr.log"})
            QVERIFY2(!QFileInfo::exists(run.filePath(QLatin1String(name))), name);
        QVERIFY(!QFileInfo::exists(m_torchrunArgs));
        QCOMPARE(started.size(), 0);
        QVERIFY(list->isPrepared(id));
        QCOMPARE(statusCell(panel.get(), id), QStringLiteral("prepared"));
        QTRY_VERIFY2(list->runStatusLabel()->text().startsWith(QLatin1String("prepared")),
                     qPrintable(list->runStatusLabel()->text()));
        QVERIFY(!list->runStatusLabel()->text().contains(QLatin1String("interrupted")));

        // Its Export launch script dialog is open, with the model folder config.json names.
        auto *dialog = list->findChild<LaunchScriptDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        const QString model = runs::readConfig(dir).value(QStringLiteral("base_model")).toString();
        QCOMPARE(model, QDir::cleanPath(QFileInfo(m_model).absoluteFilePath()));
        QCOMPARE(dialog->modelFolderEdit()->text(), model);
        QCOMPARE(dialog->runDirEdit()->text(), dir);
        QVERIFY(dialog->torchrunPreview()->toPlainText().contains(QStringLiteral(" --base-model '%1'").arg(model)));
        dialog->close();

        // Listed again (a GUI restart) it is still prepared, not interrupted.
        {
            std::unique_ptr<TrainingPanel> again(newPanel());
            QVERIFY(again->runList()->isPrepared(id));
            QCOMPARE(statusCell(again.get(), id), QStringLiteral("prepared"));
        }

        // Start here: a fresh start (no --resume) with the form's processes.
        QVERIFY(list->resumeButton()->isEnabled());
        QCOMPARE(list->resumeButton()->text(), QStringLiteral("Start here"));
        list->resumeButton()->click();
        QTRY_VERIFY(torchrunArgs().contains(QStringLiteral("--quiet")));
        const QStringList args = torchrunArgs();
        QCOMPARE(args, runs::torchrunArguments(2, portOf(args), m_worker, dir, false));
        m_pids << runs::launcherPid(dir);
        QTRY_COMPARE(QString::fromUtf8(readFile(run.filePath(QStringLiteral("args.txt"))).trimmed()),
                     QStringLiteral("train --run-dir %1 --quiet").arg(dir));
        m_pids << runs::workerPid(dir);
        QCOMPARE(int(list->runStatus(id)), int(RunStatus::Running));
        QVERIFY(!list->isPrepared(id));
        QCOMPARE(list->resumeButton()->text(), QStringLiteral("Resume"));
        QVERIFY(!list->resumeButton()->isEnabled());
        QTRY_VERIFY(list->runLog(id)->steps().size() >= 3);
        QVERIFY(list->stop());
        QTRY_COMPARE(int(list->runStatus(id)), int(RunStatus::Stopped));
    }

    void exportLaunchScript()
    {
        const QString root = runs::runsRoot(m_ws->path());
        const QString id = QStringLiteral("20250103-100000-lora");
        const QString dir = QDir(root).filePath(id);
        writeFile(QDir(dir).filePath(QStringLiteral("config.json")),
                  "{\"method\":\"lora\",\"device\":\"auto\",\"base_model\":\"/home/me/models/tiny\"}");
        writeFile(QDir(dir).filePath(QStringLiteral("events.jsonl")), "{\"event\":\"started\",\"pid\":1}\n");
        writeFile(QDir(dir).filePath(QStringLiteral("launch.json")),
                  "{\"world_size\":4,\"nodes\":2,\"processes_per_node\":2,\"launcher\":\"torchrun\","
                  "\"backend\":\"nccl\"}\n");
        std::unique_ptr<TrainingPanel> panel(newPanel());
        RunList *list = panel->runList();
        list->selectRun(id);
        QVERIFY(list->exportScriptAction()->isEnabled());
        QVERIFY(!list->exportScriptAction()->text().isEmpty());
        QPointer<LaunchScriptDialog> dialog = list->showLaunchScriptDialog(id);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());

        // Defaults: the run's last start, one GPU per process (device auto, but it ran on NCCL), this
        // worker, this run folder, config.json's model folder.
        QCOMPARE(dialog->nodesSpin()->value(), 2);
        QCOMPARE(dialog->processesSpin()->value(), 2);
        QCOMPARE(dialog->gpusSpin()->value(), 2);
        QCOMPARE(dialog->workerEdit()->text(), m_worker);
        QCOMPARE(dialog->runDirEdit()->text(), dir);
        QCOMPARE(dialog->modelFolderEdit()->text(), QStringLiteral("/home/me/models/tiny"));
        bool noteSaysPaths = false;   // the note names what every node needs
        for (QLabel *label : dialog->findChildren<QLabel *>())
            noteSaysPaths |= label->text().contains(QLatin1String("The model, the worker and the run folder must be at "
                                                                  "these paths on every node"));
        QVERIFY(noteSaysPaths);
        QCOMPARE(dialog->saveFolder(), dir);
        QVERIFY(dialog->errorText().isEmpty());
        QVERIFY(!dialog->errorLabel()->isVisibleTo(dialog));
        QVERIFY(dialog->torchrunPreview()->isReadOnly());
        QVERIFY(dialog->slurmPreview()->isReadOnly());
        QCOMPARE(dialog->torchrunPreview()->font().family(), QFontDatabase::systemFont(QFontDatabase::FixedFont).family());

        // GPUs per node follows processes per node until it is edited.
        dialog->processesSpin()->setValue(4);
        QCOMPARE(dialog->gpusSpin()->value(), 4);
        dialog->gpusSpin()->setValue(1);
        dialog->processesSpin()->setValue(3);
        QCOMPARE(dialog->gpusSpin()->value(), 1);

        // The previews are the scripts of the fields, live.
        dialog->masterAddrEdit()->setText(QStringLiteral("gpu-a01"));
        dialog->portSpin()->setValue(29611);
        dialog->partitionEdit()->setText(QStringLiteral("gpu"));
        dialog->timeLimitEdit()->setText(QStringLiteral("2-00:00:00"));
        dialog->jobNameEdit()->setText(QStringLiteral("sft-lora"));
        dialog->timeoutSpin()->setValue(600);
        dialog->modelFolderEdit()->setText(QStringLiteral("/shared/models/tiny"));
        const distributed::ClusterLaunch launch = dialog->launch();
        QCOMPARE(launch.nodes, 2);
        QCOMPARE(launch.processesPerNode, 3);
        QCOMPARE(launch.gpusPerNode, 1);
        QCOMPARE(launch.masterAddr, std::string("gpu-a01"));
        QCOMPARE(launch.masterPort, 29611);
        QCOMPARE(launch.partition, std::string("gpu"));
        QCOMPARE(launch.timeLimit, std::string("2-00:00:00"));
        QCOMPARE(launch.jobName, std::string("sft-lora"));
        QCOMPARE(launch.collectiveTimeoutSeconds, 600);
        QCOMPARE(launch.runDir, ss(dir));
        QCOMPARE(launch.worker, ss(m_worker));
        QCOMPARE(launch.baseModel, std::string("/shared/models/tiny"));
        const QString torchrun = dialog->torchrunPreview()->toPlainText();
        const QString slurm = dialog->slurmPreview()->toPlainText();
        QVERIFY2(torchrun.contains(QLatin1String(" --base-model '/shared/models/tiny'")), qPrintable(torchrun));
        QVERIFY2(slurm.contains(QLatin1String(" --base-model '/shared/models/tiny'")), qPrintable(slurm));
        QCOMPARE(torchrun, qs(distributed::torchrunScript(launch)));
        QCOMPARE(slurm, qs(distributed::slurmScript(launch)));
        QVERIFY2(torchrun.contains(QLatin1String("gpu-a01")) && torchrun.contains(QLatin1String("29611")), qPrintable(torchrun));
        QVERIFY2(slurm.contains(QLatin1String("#SBATCH")) && slurm.contains(QLatin1String("gpu")), qPrintable(slurm));
        QVERIFY(slurm.contains(QLatin1String("600")));

        // A bad value: said for its field next to the fields (the validator's text as a detail), the field
        // marked, no script, no saving.
        dialog->workerEdit()->setText(QStringLiteral("bin/sftbench-cli"));
        QCOMPARE(dialog->errorField(), QStringLiteral("worker"));
        QCOMPARE(dialog->errorText(), QStringLiteral("Worker: must be an absolute path, or a bare name found on PATH."));
        QVERIFY2(dialog->errorDetail().contains(QLatin1String("relative path")), qPrintable(dialog->errorDetail()));
        QVERIFY(dialog->errorLabel()->isVisibleTo(dialog));
        QCOMPARE(dialog->errorLabel()->text(), dialog->errorText());
        QCOMPARE(dialog->invalidWidget(), static_cast<QWidget *>(dialog->workerEdit()));
        QVERIFY(dialog->workerEdit()->styleSheet().contains(QLatin1String("#b00020")));
        QVERIFY(dialog->workerEdit()->toolTip().startsWith(dialog->errorText()));
        QVERIFY(dialog->workerEdit()->toolTip().contains(dialog->errorDetail()));
        QVERIFY(!dialog->saveButton()->isEnabled());
        QVERIFY(dialog->torchrunPreview()->toPlainText().isEmpty());
        QString error;
        QVERIFY(!dialog->saveTo(m_dir.filePath(QStringLiteral("never")), &error));
        QCOMPARE(error, dialog->errorText());
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("never"))));
        dialog->workerEdit()->setText(m_worker);
        QVERIFY(dialog->errorText().isEmpty());
        QVERIFY(!dialog->invalidWidget());
        QVERIFY(dialog->workerEdit()->styleSheet().isEmpty());
        QVERIFY(!dialog->workerEdit()->toolTip().contains(QLatin1String("relative path")));
        dialog->runDirEdit()->setText(QString());
        QCOMPARE(dialog->errorField(), QStringLiteral("run_dir"));
        QCOMPARE(dialog->errorText(), QStringLiteral("Run folder: must be an absolute path, without backslashes."));
        QCOMPARE(dialog->invalidWidget(), static_cast<QWidget *>(dialog->runDirEdit()));
        // The model folder: an absolute path on the cluster, always stated.
        dialog->runDirEdit()->setText(dir);
        dialog->modelFolderEdit()->setText(QStringLiteral("models/tiny"));
        QCOMPARE(dialog->errorField(), QStringLiteral("base_model"));
        QCOMPARE(dialog->errorText(),
                 QStringLiteral("Model folder: must be an absolute path (the model's folder on the cluster)."));
        QVERIFY2(dialog->errorDetail().contains(QLatin1String("not an absolute path")), qPrintable(dialog->errorDetail()));
        QCOMPARE(dialog->invalidWidget(), static_cast<QWidget *>(dialog->modelFolderEdit()));
        QVERIFY(dialog->slurmPreview()->toPlainText().isEmpty());
        dialog->modelFolderEdit()->setText(QString());
        QCOMPARE(dialog->errorField(), QStringLiteral("base_model"));
        QVERIFY(!dialog->saveButton()->isEnabled());
        dialog->modelFolderEdit()->setText(QStringLiteral("/shared/models/tiny"));
        dialog->runDirEdit()->setText(QStringLiteral("/shared/runs/") + id);
        QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
        QVERIFY(dialog->saveButton()->isEnabled());

        // Save: both scripts, the torchrun one executable.
        const QString out = m_dir.filePath(QStringLiteral("scripts/out"));
        QVERIFY2(dialog->saveTo(out, &error), qPrintable(error));
        const QString sh = QDir(out).filePath(QStringLiteral("launch-torchrun.sh"));
        const QString sbatch = QDir(out).filePath(QStringLiteral("launch-slurm.sbatch"));
        QCOMPARE(QString::fromUtf8(readFile(sh)), dialog->torchrunPreview()->toPlainText());
        QCOMPARE(QString::fromUtf8(readFile(sbatch)), dialog->slurmPreview()->toPlainText());
        QVERIFY(QString::fromUtf8(readFile(sh)).contains(QLatin1String("/shared/runs/") + id));
        using P = QFileDevice;
        const P::Permissions mode755 = P::ReadOwner | P::WriteOwner | P::ExeOwner | P::ReadGroup | P::ExeGroup
                                       | P::ReadOther | P::ExeOther;
        const P::Permissions unixBits = mode755 | P::WriteGroup | P::WriteOther;
        QCOMPARE(QFile::permissions(sh) & unixBits, mode755);
        QCOMPARE(QFile::permissions(sbatch) & unixBits, P::ReadOwner | P::WriteOwner | P::ReadGroup | P::ReadOther);
        QVERIFY(dialog->savedLabel()->text().contains(QLatin1String("launch-torchrun.sh")));

        // A CPU run asks for no GPUs; nor does "auto" without a sign of CUDA; "cuda:1" does.
        dialog->close();
        QTRY_VERIFY(!dialog);   // deleted on close
        writeFile(QDir(dir).filePath(QStringLiteral("launch.json")),
                  "{\"world_size\":4,\"nodes\":2,\"processes_per_node\":2,\"launcher\":\"torchrun\","
                  "\"backend\":\"gloo\"}\n");
        for (const char *device : {"cpu", "auto", "cuda:1"}) {
            writeFile(QDir(dir).filePath(QStringLiteral("config.json")),
                      QByteArray("{\"method\":\"lora\",\"base_model\":\"/m\",\"device\":\"") + device + "\"}");
            const bool cuda = QByteArray(device).startsWith("cuda");
            LaunchScriptDialog other;
            other.setRun(dir, runs::readConfig(dir), m_worker);
            QCOMPARE(other.gpusSpin()->value(), cuda ? 2 : 0);
            other.processesSpin()->setValue(4);
            QCOMPARE(other.gpusSpin()->value(), cuda ? 4 : 0);
            QCOMPARE(other.slurmPreview()->toPlainText().contains(QLatin1String("--gpus-per-node")), cuda);
        }
        QDir(dir).removeRecursively();
    }
};

QTEST_MAIN(TestTrainingParallel)
#include "test_trainingparallel.moc"
