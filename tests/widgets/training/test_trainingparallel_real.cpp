// Data-parallel runs in the Training panel end to end, driven by QTest
// (offscreen) with the REAL worker (this build's sftbench-cli) under the REAL
// PyTorch launcher torchrun: two CPU processes (Gloo) fine-tune a tiny model
// made by `sftbench-cli init-model` with LoRA on the demo workspace's records.
// Checked: a short run finishes with the events, launch.json, charts and run
// row a two-process run must leave; a longer run is stopped from the run list
// (both ranks exit, the stop lands on a checkpoint), resumed with two processes
// again (launch.json's second attempt is a resume) and stopped again. Skipped
// by name when torchrun is not installed (Debian: python3-torch).

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <csignal>

#include "test_util.h"
#include "finetune/train_config.h"
#include "training/runlist.h"
#include "training/trainingcharts.h"
#include "training/trainingform.h"
#include "training/trainingpanel.h"
#include "training_testutil.h"
#include "workspace/demo.h"
#include "workspace/trainingrun.h"
#include "workspace/workspace.h"

using namespace sft;
using sfttest::cliPath;
using sfttest::readFile;
using sfttest::runEvents;

namespace {

const char kSkipNoTorchrun[] =
    "test_trainingparallel_real: torchrun is not on PATH (Debian: python3-torch; scripts/setup-debian.sh installs it)";

QJsonObject readJson(const QString &path) { return QJsonDocument::fromJson(readFile(path)).object(); }

/** The arguments of process pid (from /proc; empty when it is gone). */
QStringList commandLine(const QString &pid)
{
    QStringList args;
    for (const QByteArray &a : readFile(QStringLiteral("/proc/%1/cmdline").arg(pid)).split('\0'))
        if (!a.isEmpty())
            args << QString::fromLocal8Bit(a);
    return args;
}

/** The live processes (pid, arguments) whose command line names runDir: torchrun and its ranks. */
QList<QPair<qint64, QStringList>> processesOf(const QString &runDir)
{
    QList<QPair<qint64, QStringList>> out;
    const QString self = QString::number(QCoreApplication::applicationPid());
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool number = false;
        pid.toLongLong(&number);
        if (!number || pid == self)
            continue;
        const QStringList args = commandLine(pid);
        // A zombie (exited, not yet reaped) has an empty command line: only running processes count.
        if (args.join(QLatin1Char(' ')).contains(runDir))
            out.append({pid.toLongLong(), args});
    }
    return out;
}

/** The worker ranks among processesOf(runDir): processes whose program is sftbench-cli itself. */
int workerRanks(const QString &runDir)
{
    int n = 0;
    for (const auto &p : processesOf(runDir))
        if (!p.second.isEmpty() && p.second.first().endsWith(QLatin1String("sftbench-cli")))
            ++n;
    return n;
}

QString describe(const QString &runDir)
{
    return QStringLiteral("events.jsonl:\n%1\nstderr.log:\n%2")
        .arg(QString::fromUtf8(readFile(QDir(runDir).filePath(QStringLiteral("events.jsonl")))),
             runs::stderrTail(runDir, 6000));
}

/** The text of the run's row (named by its id, the run having no name) in column. */
QString rowText(RunList *list, const QString &id, int column)
{
    QStandardItemModel *model = list->runModel();
    const QModelIndexList found = model->match(model->index(0, RunList::NameColumn), Qt::DisplayRole, id, 1, Qt::MatchExactly);
    return found.isEmpty() ? QString() : model->index(found.first().row(), column).data().toString();
}

} // namespace

class TestTrainingParallelReal : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    QString m_model;

    /** A panel with the real worker and the tiny model, set for a LoRA run of 2 processes on the CPU. */
    std::unique_ptr<TrainingPanel> newPanel(qint64 maxSteps, qint64 saveEvery)
    {
        std::unique_ptr<TrainingPanel> panel(sfttest::newTrainingPanel(cliPath(), m_model, m_ws.get()));
        finetune::TrainConfig c = panel->form()->config();
        c.method = finetune::Method::Lora;
        c.promptFormat = "chat";   // the demo records hold conversations; init-model writes a chat template
        c.maxSteps = maxSteps;
        c.batchSize = 4;
        c.gradAccumulation = 1;
        c.saveEvery = saveEvery;
        c.evalEvery = 2;
        c.evalFraction = 0.2;
        c.device = "cpu";          // Gloo, whatever accelerator the machine has
        panel->form()->setConfig(c);
        panel->form()->recordsCombo()->setCurrentIndex(1);   // every record not rejected
        panel->form()->setProcesses(2);
        return panel;
    }

    /** Start the panel's run; *id is its id (empty, with the test failed, when it did not start). */
    void startRun(TrainingPanel *panel, QString *id)
    {
        QSignalSpy started(panel->runList(), &RunList::runStarted);
        QSignalSpy messages(panel->runList(), &RunList::message);
        QVERIFY2(panel->form()->formError().isEmpty(), qPrintable(panel->form()->formError()));
        QVERIFY(panel->start());
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 120000);
        *id = started.at(0).at(0).toString();
        QVERIFY2(messages.contains(QVariantList{QStringLiteral("Started %1 with 2 processes.").arg(*id)}),
                 qPrintable(messages.isEmpty() ? QString() : messages.last().at(0).toString()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ws = Workspace::open(ensureDemoWorkspace(m_dir.filePath(QStringLiteral("demo.sftws"))));
        m_model = m_dir.filePath(QStringLiteral("tiny-model"));
        const sfttest::CliRun made = sfttest::runCli({QStringLiteral("init-model"), QStringLiteral("--out"), m_model}, 120000);
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        QVERIFY(QFileInfo::exists(QDir(m_model).filePath(QStringLiteral("config.json"))));
    }

    void init()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("torchrun")).isEmpty())
            QSKIP(kSkipNoTorchrun);
    }

    void cleanupTestCase()
    {
        // No launcher or rank outlives the test, even after a failed check.
        if (!m_ws)
            return;
        for (const QString &dir : runs::runDirs(runs::runsRoot(m_ws->path())))
            for (const auto &p : processesOf(dir))
                ::kill(pid_t(p.first), SIGKILL);
    }

    void twoProcessesFinish()
    {
        std::unique_ptr<TrainingPanel> panel = newPanel(4, 2);
        RunList *list = panel->runList();
        QString id;
        startRun(panel.get(), &id);
        if (QTest::currentTestFailed())
            return;
        const QString dir = list->runDir(id);
        // Generous: two ranks share this machine's cores; this bounds a hang, it does not time the run.
        QTRY_VERIFY2_WITH_TIMEOUT(list->runStatus(id) != RunStatus::Running, qPrintable(describe(dir)), 240000);
        QVERIFY2(list->runStatus(id) == RunStatus::Finished, qPrintable(describe(dir)));

        const QList<QJsonObject> started = runEvents(dir, QStringLiteral("started"));
        QCOMPARE(started.size(), 1);
        QCOMPARE(started[0].value(QStringLiteral("world_size")).toInt(), 2);
        QCOMPARE(started[0].value(QStringLiteral("launcher")).toString(), QStringLiteral("torchrun"));
        QCOMPARE(started[0].value(QStringLiteral("resume")).toBool(), false);
        const QList<QJsonObject> plan = runEvents(dir, QStringLiteral("plan"));
        QCOMPARE(plan.size(), 1);
        QCOMPARE(plan[0].value(QStringLiteral("world_size")).toInt(), 2);
        QCOMPARE(plan[0].value(QStringLiteral("backend")).toString(), QStringLiteral("gloo"));
        QCOMPARE(plan[0].value(QStringLiteral("total_steps")).toInt(), 4);
        QCOMPARE(plan[0].value(QStringLiteral("global_batch_rows")).toInt(), 4);
        QCOMPARE(plan[0].value(QStringLiteral("rows_per_rank")).toInt(), 2);
        const QList<QJsonObject> steps = runEvents(dir, QStringLiteral("step"));
        QCOMPARE(steps.size(), 4);
        for (int i = 0; i < steps.size(); ++i) {
            QCOMPARE(steps[i].value(QStringLiteral("step")).toInt(), i + 1);
            QVERIFY(std::isfinite(steps[i].value(QStringLiteral("loss")).toDouble()));
            QVERIFY(steps[i].value(QStringLiteral("allreduce_bytes")).toDouble() > 0);   // the ranks talked
        }
        QVERIFY(!runEvents(dir, QStringLiteral("eval")).isEmpty());
        QCOMPARE(runEvents(dir, QStringLiteral("finished")).size(), 1);
        QVERIFY(runEvents(dir, QStringLiteral("failed")).isEmpty());
        QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("adapter/adapter_config.json"))));

        // launch.json: rank 0's record of a 2-process torchrun start on this machine.
        const QJsonObject launch = readJson(QDir(dir).filePath(QStringLiteral("launch.json")));
        QCOMPARE(launch.value(QStringLiteral("world_size")).toInt(), 2);
        QCOMPARE(launch.value(QStringLiteral("launcher")).toString(), QStringLiteral("torchrun"));
        QCOMPARE(launch.value(QStringLiteral("processes_per_node")).toInt(), 2);
        QCOMPARE(launch.value(QStringLiteral("nodes")).toInt(), 1);
        QStringList launcher;
        for (const QJsonValue &v : launch.value(QStringLiteral("launcher_command")).toArray())
            launcher << v.toString();
        const int n = launcher.indexOf(QStringLiteral("--nproc_per_node"));
        QVERIFY2(n >= 0 && n + 1 < launcher.size() && launcher[n + 1] == QLatin1String("2"),
                 qPrintable(launcher.join(QLatin1Char(' '))));
        QVERIFY2(launcher.contains(dir), qPrintable(launcher.join(QLatin1Char(' '))));
        QCOMPARE(launch.value(QStringLiteral("attempts")).toArray().size(), 1);
        QCOMPARE(runs::resumeProcesses(dir), 2);

        // The panel shows the whole run: every step in the chart, the last step and loss in the row.
        const RunLog *log = list->runLog(id);
        QVERIFY(log);
        QCOMPARE(int(log->steps().size()), 4);
        QCOMPARE(list->charts()->pointCount(id, TrainingCharts::Metric::Loss), 4);
        QVERIFY(list->charts()->pointCount(id, TrainingCharts::Metric::EvalLoss) >= 1);
        const double lastLoss = steps.last().value(QStringLiteral("loss")).toDouble();
        QCOMPARE(log->steps().last().loss, lastLoss);
        QCOMPARE(rowText(list, id, RunList::StatusColumn), QStringLiteral("finished"));
        QCOMPARE(rowText(list, id, RunList::StepColumn), QStringLiteral("4 / 4"));
        QCOMPARE(rowText(list, id, RunList::LossColumn), QString::number(lastLoss, 'f', 4));

        // Everything exited and cleaned up; no rank complained.
        QTRY_VERIFY2_WITH_TIMEOUT(processesOf(dir).isEmpty(), qPrintable(describe(dir)), 60000);
        QVERIFY(!QFileInfo::exists(QDir(dir).filePath(QStringLiteral("worker.pid"))));
        const QString err = QString::fromUtf8(readFile(QDir(dir).filePath(QStringLiteral("stderr.log"))));
        QVERIFY2(!err.contains(QLatin1String("error"), Qt::CaseInsensitive), qPrintable(err));
    }

    void twoProcessesStopAndResume()
    {
        std::unique_ptr<TrainingPanel> panel = newPanel(5000, 5);
        RunList *list = panel->runList();
        QString id;
        startRun(panel.get(), &id);
        if (QTest::currentTestFailed())
            return;
        const QString dir = list->runDir(id);
        QTRY_VERIFY2_WITH_TIMEOUT(list->runLog(id) && !list->runLog(id)->checkpoints().isEmpty(), qPrintable(describe(dir)),
                                  240000);
        QCOMPARE(list->runStatus(id), RunStatus::Running);
        QCOMPARE(workerRanks(dir), 2);

        // Stop from the run list: SIGTERM to rank 0; both ranks stop after the same step and exit.
        list->selectRun(id);
        QVERIFY(list->stop());
        QTRY_VERIFY2_WITH_TIMEOUT(list->runStatus(id) == RunStatus::Stopped, qPrintable(describe(dir)), 120000);
        QTRY_VERIFY2_WITH_TIMEOUT(processesOf(dir).isEmpty(), qPrintable(describe(dir)), 60000);
        QVERIFY(!QFileInfo::exists(QDir(dir).filePath(QStringLiteral("worker.pid"))));
        const QList<QJsonObject> stopped = runEvents(dir, QStringLiteral("stopped"));
        QCOMPARE(stopped.size(), 1);
        const int stoppedAt = stopped[0].value(QStringLiteral("step")).toInt();
        QVERIFY(stoppedAt > 0);
        QVERIFY(runEvents(dir, QStringLiteral("failed")).isEmpty());
        bool checkpointed = false;
        for (const QJsonObject &c : runEvents(dir, QStringLiteral("checkpoint")))
            checkpointed = checkpointed || c.value(QStringLiteral("step")).toInt() == stoppedAt;
        QVERIFY2(checkpointed, qPrintable(describe(dir)));
        QVERIFY(QFileInfo::exists(QDir(dir).filePath(stopped[0].value(QStringLiteral("checkpoint")).toString())));
        QCOMPARE(list->runLog(id)->steps().last().step, qint64(stoppedAt));

        // Resume: two processes again under torchrun (launch.json says so), from that checkpoint.
        list->selectRun(id);
        QVERIFY(list->resumeButton()->isEnabled());
        QVERIFY(list->resume());
        QTRY_VERIFY2_WITH_TIMEOUT(runEvents(dir, QStringLiteral("started")).size() == 2, qPrintable(describe(dir)), 120000);
        const QJsonObject again = runEvents(dir, QStringLiteral("started")).last();
        QCOMPARE(again.value(QStringLiteral("resume")).toBool(), true);
        QCOMPARE(again.value(QStringLiteral("world_size")).toInt(), 2);
        QCOMPARE(again.value(QStringLiteral("launcher")).toString(), QStringLiteral("torchrun"));
        // Rank 0 rewrites launch.json right after its "started" event.
        auto attemptsNow = [&dir] {
            return readJson(QDir(dir).filePath(QStringLiteral("launch.json"))).value(QStringLiteral("attempts")).toArray();
        };
        QTRY_VERIFY2_WITH_TIMEOUT(attemptsNow().size() == 2, qPrintable(describe(dir)), 60000);
        const QJsonArray attempts = attemptsNow();
        QCOMPARE(attempts[0].toObject().value(QStringLiteral("resume")).toBool(), false);
        QCOMPARE(attempts[1].toObject().value(QStringLiteral("resume")).toBool(), true);
        QCOMPARE(attempts[1].toObject().value(QStringLiteral("world_size")).toInt(), 2);
        QTRY_VERIFY2_WITH_TIMEOUT(!runEvents(dir, QStringLiteral("resumed")).isEmpty(), qPrintable(describe(dir)), 120000);
        QCOMPARE(runEvents(dir, QStringLiteral("resumed")).first().value(QStringLiteral("step")).toInt(), stoppedAt);
        QTRY_VERIFY2_WITH_TIMEOUT(list->runLog(id)->steps().last().step > stoppedAt, qPrintable(describe(dir)), 120000);
        QCOMPARE(list->runStatus(id), RunStatus::Running);
        QCOMPARE(workerRanks(dir), 2);

        // Stop again: the curve goes on from the checkpoint, each step once.
        QVERIFY(list->stop());
        QTRY_VERIFY2_WITH_TIMEOUT(list->runStatus(id) == RunStatus::Stopped, qPrintable(describe(dir)), 120000);
        QTRY_VERIFY2_WITH_TIMEOUT(processesOf(dir).isEmpty(), qPrintable(describe(dir)), 60000);
        QCOMPARE(runEvents(dir, QStringLiteral("stopped")).size(), 2);
        const auto &steps = list->runLog(id)->steps();
        for (int i = 0; i < steps.size(); ++i)
            QCOMPARE(steps[i].step, qint64(i + 1));
        const QString err = QString::fromUtf8(readFile(QDir(dir).filePath(QStringLiteral("stderr.log"))));
        QVERIFY2(!err.contains(QLatin1String("error"), Qt::CaseInsensitive), qPrintable(err));
    }
};

QTEST_MAIN(TestTrainingParallelReal)
#include "test_trainingparallel_real.moc"
