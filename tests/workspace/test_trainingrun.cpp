// Training runs on disk (backend/workspace/trainingrun.h) against the run
// protocol (README, "The run folder and the worker protocol"): RunLog reads a hand-written
// events.jsonl incrementally (a partial last line completed by a later
// append), applies the "resumed" rule, and starts over when the file is
// replaced; the status of a run is derived from its last terminal event and
// worker.pid (a live process whose command line names sftbench-cli, never a
// recycled pid of another program); run ids are unique; config.json is
// written from a TrainConfig and read back; the data export and the worker
// launch follow the protocol's layout.

#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "finetune/train_config.h"
#include "workspace/demo.h"
#include "workspace/qtstrings.h"
#include "workspace/trainingrun.h"
#include "workspace/workspace.h"

using namespace sft;

namespace {

void append(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::Append));
    QCOMPARE(f.write(bytes), bytes.size());
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

QByteArray stepLine(int step, double loss)
{
    return QByteArray("{\"event\":\"step\",\"step\":") + QByteArray::number(step) + ",\"epoch\":0.5,\"loss\":"
           + QByteArray::number(loss) + ",\"lr\":0.0002,\"grad_norm\":0.8,\"tokens\":512,\"tokens_per_s\":1500.5,"
                                        "\"memory_bytes\":1000,\"elapsed_s\":1.5,\"eta_s\":30,\"time\":\"2026-11-25T16:00:00Z\"}\n";
}

/** A process that lives for a while; its command line names sftbench-cli when named so. */
struct Sleeper
{
    QProcess process;
    QTemporaryDir dir;
    /** A process named name whose command line also holds runId (as a worker's --run-dir does). */
    bool start(const QString &name, const QString &runId = {})
    {
        const QString folder = runId.isEmpty() ? dir.path() : dir.filePath(runId);
        if (!QDir().mkpath(folder))
            return false;
        const QString link = QDir(folder).filePath(name);
        if (!QFile::link(QStringLiteral("/bin/sleep"), link))
            return false;
        process.start(link, {QStringLiteral("30")});
        return process.waitForStarted();
    }
    ~Sleeper()
    {
        process.kill();
        process.waitForFinished();
    }
};

} // namespace

class TestTrainingRun : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

private Q_SLOTS:
    void runsRoot()
    {
        QCOMPARE(runs::runsRoot(QStringLiteral("/data/work/my.project.sftws")),
                 QStringLiteral("/data/work/my.project.runs"));
        QCOMPARE(runs::runsRoot(QStringLiteral("/w/demo.sftws")), QStringLiteral("/w/demo.runs"));
    }

    void createRunDirIsUnique()
    {
        const QString root = m_tmp.filePath(QStringLiteral("unique.runs"));
        QStringList dirs;
        for (int i = 0; i < 4; ++i)
            dirs << runs::createRunDir(root, QStringLiteral("lora"));
        QCOMPARE(QSet<QString>(dirs.begin(), dirs.end()).size(), 4);
        const QRegularExpression re(QStringLiteral("^\\d{8}-\\d{6}-lora(-\\d+)?$"));
        for (const QString &d : dirs) {
            QVERIFY(QFileInfo(d).isDir());
            QVERIFY2(re.match(QFileInfo(d).fileName()).hasMatch(), qPrintable(d));
            QVERIFY(QFileInfo(d).isAbsolute());
        }
        // Same second: -2, -3 ... (unless the clock ticked between two calls).
        const QString base = QFileInfo(dirs[0]).fileName();
        if (QFileInfo(dirs[1]).fileName().startsWith(base))
            QCOMPARE(QFileInfo(dirs[1]).fileName(), base + QStringLiteral("-2"));
        // A folder without config.json or events.jsonl is not a run yet.
        QVERIFY(runs::runDirs(root).isEmpty());
        writeFile(QDir(dirs[2]).filePath(QStringLiteral("config.json")), "{}");
        QCOMPARE(runs::runDirs(root), QStringList{dirs[2]});
    }

    void runLogIncremental()
    {
        const QString dir = runs::createRunDir(m_tmp.filePath(QStringLiteral("log.runs")), QStringLiteral("lora"));
        const QString events = QDir(dir).filePath(QStringLiteral("events.jsonl"));
        RunLog log(dir);
        QCOMPARE(log.poll(), 0);  // no file yet
        QSignalSpy spy(&log, &RunLog::recordReceived);
        const QByteArray step2 = stepLine(2, 2.25);
        writeFile(events, "{\"event\":\"started\",\"pid\":1,\"resume\":false,\"config\":{}}\n"
                          "{\"event\":\"plan\",\"method\":\"lora\",\"trainable_parameters\":12288,\"total_parameters\":1200000,"
                          "\"share\":0.0102,\"total_steps\":300}\n"
                          + stepLine(1, 2.5) + step2.left(20));
        QCOMPARE(log.poll(), 3);
        QCOMPARE(spy.size(), 3);
        QCOMPARE(log.steps().size(), 1);
        QCOMPARE(log.plan().value(QStringLiteral("total_steps")).toInt(), 300);
        QCOMPARE(log.steps()[0].loss, 2.5);
        QCOMPARE(log.steps()[0].tokensPerSecond, 1500.5);
        QCOMPARE(log.steps()[0].eta, 30.0);
        QCOMPARE(log.steps()[0].memoryBytes, qint64(1000));
        QCOMPARE(log.steps()[0].gpuMemoryBytes, qint64(-1)); // a CPU run's step names no GPU memory
        // The rest of the partial line arrives later, with an eval and an unknown event.
        append(events, step2.mid(20) + "{\"event\":\"eval\",\"step\":2,\"eval_loss\":2.4,\"eval_tokens\":99}\n"
                                      "{\"event\":\"something_new\",\"x\":1}\n");
        QCOMPARE(log.poll(), 3);
        QCOMPARE(spy.size(), 6);
        QCOMPARE(spy.at(3).at(0).toJsonObject().value(QStringLiteral("step")).toInt(), 2);
        QCOMPARE(log.steps().size(), 2);
        QCOMPARE(log.steps()[1].loss, 2.25);
        QCOMPARE(log.steps()[1].gpuMemoryBytes, qint64(-1));
        // A CUDA run's step carries the allocator's peak.
        append(events, "{\"event\":\"step\",\"step\":3,\"loss\":2.0,\"memory_bytes\":3000,\"cuda_memory_bytes\":123456789}\n");
        QCOMPARE(log.poll(), 1);
        QCOMPARE(log.steps()[2].gpuMemoryBytes, qint64(123456789));
        QCOMPARE(log.steps()[2].memoryBytes, qint64(3000));
        QCOMPARE(log.evals().size(), 1);
        QCOMPARE(log.evals()[0].loss, 2.4);
        QCOMPARE(log.poll(), 0);  // nothing new
        QVERIFY(log.terminalEvent().isEmpty());
        append(events, "{\"event\":\"finished\",\"step\":3,\"outputs\":{\"adapter\":\"adapter\",\"final\":\"final\"}}\n");
        QCOMPARE(log.poll(), 1);
        QCOMPARE(log.terminalEvent(), QStringLiteral("finished"));
    }

    void resumedDropsTheInterruptedTail()
    {
        const QString dir = runs::createRunDir(m_tmp.filePath(QStringLiteral("resume.runs")), QStringLiteral("lora"));
        const QString events = QDir(dir).filePath(QStringLiteral("events.jsonl"));
        QByteArray text = "{\"event\":\"started\",\"pid\":1,\"resume\":false}\n";
        for (int s = 1; s <= 7; ++s)
            text += stepLine(s, 3.0 - 0.1 * s);
        text += "{\"event\":\"eval\",\"step\":4,\"eval_loss\":2.6}\n";
        text += "{\"event\":\"checkpoint\",\"step\":5,\"path\":\"checkpoints/step-00000005\"}\n";
        text += "{\"event\":\"eval\",\"step\":6,\"eval_loss\":2.5}\n";
        // killed here (no terminal event); then resumed from step 5
        text += "{\"event\":\"started\",\"pid\":2,\"resume\":true}\n"
                "{\"event\":\"resumed\",\"step\":5,\"checkpoint\":\"checkpoints/step-00000005\"}\n";
        text += stepLine(6, 1.0) + stepLine(7, 0.9);
        writeFile(events, text);
        RunLog log(dir);
        log.poll();
        QList<qint64> steps;
        for (const auto &s : log.steps())
            steps << s.step;
        QCOMPARE(steps, (QList<qint64>{1, 2, 3, 4, 5, 6, 7}));
        QCOMPARE(log.steps()[5].loss, 1.0);   // the new attempt's step 6, not the old one's
        QCOMPARE(log.evals().size(), 1);       // eval at 6 dropped
        QCOMPARE(log.checkpoints().size(), 1);
        QCOMPARE(log.checkpoints()[0].step, 5);
        QVERIFY(log.started().value(QStringLiteral("resume")).toBool());
    }

    void stoppedThenResumedIsNotTerminal()
    {
        const QString dir = runs::createRunDir(m_tmp.filePath(QStringLiteral("term.runs")), QStringLiteral("lora"));
        const QString events = QDir(dir).filePath(QStringLiteral("events.jsonl"));
        writeFile(events, "{\"event\":\"started\",\"pid\":1}\n" + stepLine(1, 2) +
                              "{\"event\":\"stopped\",\"step\":1,\"checkpoint\":\"checkpoints/step-00000001\"}\n");
        RunLog log(dir);
        log.poll();
        QCOMPARE(log.terminalEvent(), QStringLiteral("stopped"));
        append(events, "{\"event\":\"started\",\"pid\":2,\"resume\":true}\n");
        log.poll();
        QVERIFY(log.terminalEvent().isEmpty());
        append(events, "{\"event\":\"failed\",\"step\":1,\"reason\":\"loss became nan\"}\n");
        log.poll();
        QCOMPARE(log.terminalEvent(), QStringLiteral("failed"));
        QCOMPARE(log.terminal().value(QStringLiteral("reason")).toString(), QStringLiteral("loss became nan"));
    }

    void replacedFileIsReadAgain()
    {
        const QString dir = runs::createRunDir(m_tmp.filePath(QStringLiteral("reset.runs")), QStringLiteral("lora"));
        const QString events = QDir(dir).filePath(QStringLiteral("events.jsonl"));
        writeFile(events, stepLine(1, 2) + stepLine(2, 1.5) + stepLine(3, 1.2));
        RunLog log(dir);
        QSignalSpy reset(&log, &RunLog::reset);
        QCOMPARE(log.poll(), 3);
        writeFile(events, stepLine(1, 9));
        QCOMPARE(log.poll(), 1);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(log.steps().size(), 1);
        QCOMPARE(log.steps()[0].loss, 9.0);
    }

    void followSeesAppends()
    {
        const QString dir = runs::createRunDir(m_tmp.filePath(QStringLiteral("follow.runs")), QStringLiteral("lora"));
        const QString events = QDir(dir).filePath(QStringLiteral("events.jsonl"));
        RunLog log(dir);
        log.follow(100);
        QVERIFY(log.isFollowing());
        writeFile(events, stepLine(1, 2));
        QTRY_COMPARE(log.steps().size(), 1);
        append(events, stepLine(2, 1));
        QTRY_COMPARE(log.steps().size(), 2);
        log.follow(0);
        QVERIFY(!log.isFollowing());
        append(events, stepLine(3, 1));
        QTest::qWait(300);
        QCOMPARE(log.steps().size(), 2);
    }

    void deriveStatus_data()
    {
        QTest::addColumn<QString>("terminal");
        QTest::addColumn<bool>("alive");
        QTest::addColumn<int>("expected");
        QTest::newRow("finished") << "finished" << false << int(RunStatus::Finished);
        QTest::newRow("stopped") << "stopped" << false << int(RunStatus::Stopped);
        QTest::newRow("failed") << "failed" << false << int(RunStatus::Failed);
        QTest::newRow("finished, pid still there") << "finished" << true << int(RunStatus::Finished);
        QTest::newRow("running") << "" << true << int(RunStatus::Running);
        QTest::newRow("interrupted") << "" << false << int(RunStatus::Interrupted);
    }
    void deriveStatus()
    {
        QFETCH(QString, terminal);
        QFETCH(bool, alive);
        QFETCH(int, expected);
        QCOMPARE(int(runs::deriveStatus(terminal, alive)), expected);
    }

    void statusFromWorkerPid()
    {
        const QString dir = runs::createRunDir(m_tmp.filePath(QStringLiteral("pid.runs")), QStringLiteral("lora"));
        const QString pidFile = QDir(dir).filePath(QStringLiteral("worker.pid"));
        // No pid file: interrupted.
        QCOMPARE(int(runs::runStatus(dir, {})), int(RunStatus::Interrupted));
        // A dead pid.
        QProcess done;
        done.start(QStringLiteral("/bin/true"), {});
        QVERIFY(done.waitForStarted());
        const qint64 deadPid = done.processId();
        QVERIFY(done.waitForFinished());
        QVERIFY(!runs::isWorkerAlive(deadPid, {}));
        writeFile(pidFile, QByteArray::number(deadPid) + "\n");
        QCOMPARE(int(runs::runStatus(dir, {})), int(RunStatus::Interrupted));
        // A live process that is not a worker (a recycled pid): this test itself.
        writeFile(pidFile, QByteArray::number(QCoreApplication::applicationPid()) + "\n");
        QVERIFY(!runs::isWorkerAlive(QCoreApplication::applicationPid()));
        QCOMPARE(int(runs::runStatus(dir, {})), int(RunStatus::Interrupted));
        // The worker of another run (its command line names another run folder) does not count.
        Sleeper other;
        QVERIFY(other.start(QStringLiteral("sftbench-cli"), QStringLiteral("20990101-000000-lora")));
        writeFile(pidFile, QByteArray::number(other.process.processId()) + "\n");
        QCOMPARE(int(runs::runStatus(dir, {})), int(RunStatus::Interrupted));
        QVERIFY(!runs::stopWorker(dir));
        // A live process whose command line names sftbench-cli and this run.
        Sleeper worker;
        QVERIFY(worker.start(QStringLiteral("sftbench-cli"), QFileInfo(dir).fileName()));
        writeFile(pidFile, QByteArray::number(worker.process.processId()) + "\n");
        QCOMPARE(runs::workerPid(dir), worker.process.processId());
        QVERIFY(runs::isWorkerAlive(worker.process.processId()));
        QCOMPARE(int(runs::runStatus(dir, {})), int(RunStatus::Running));
        // A terminal event wins over a pid file left behind.
        QCOMPARE(int(runs::runStatus(dir, QStringLiteral("stopped"))), int(RunStatus::Stopped));
        // SIGTERM reaches it.
        QVERIFY(runs::stopWorker(dir));
        QVERIFY(worker.process.waitForFinished(5000));
        QCOMPARE(worker.process.exitStatus(), QProcess::CrashExit);  // sleep dies of SIGTERM
        QVERIFY(!runs::stopWorker(dir));
        QCOMPARE(int(runs::runStatus(dir, {})), int(RunStatus::Interrupted));
        // Garbage in the pid file.
        writeFile(pidFile, "not a pid\n");
        QCOMPARE(runs::workerPid(dir), 0);
    }

    void resumable()
    {
        QVERIFY(runs::isResumable(RunStatus::Stopped, true));
        QVERIFY(!runs::isResumable(RunStatus::Stopped, false));   // stopped before its first checkpoint
        QVERIFY(runs::isResumable(RunStatus::Failed, true, QStringLiteral("CUDA out of memory")));
        QVERIFY(!runs::isResumable(RunStatus::Failed, true, QStringLiteral("loss became NaN at step 5 (...)")));
        QVERIFY(!runs::isResumable(RunStatus::Failed, false, QStringLiteral("disk full")));
        QVERIFY(runs::isResumable(RunStatus::Interrupted, true));
        QVERIFY(!runs::isResumable(RunStatus::Interrupted, false));
        QVERIFY(!runs::isResumable(RunStatus::Finished, true));
        QVERIFY(!runs::isResumable(RunStatus::Running, true));
    }

    void configRoundTrip()
    {
        const QString dir = runs::createRunDir(m_tmp.filePath(QStringLiteral("config.runs")), QStringLiteral("prefix"));
        finetune::TrainConfig c;
        c.name = "prefix 冒烟";
        c.baseModel = "/models/tiny";
        c.trainData = "data/train.jsonl";
        c.evalData = "data/eval.jsonl";
        c.method = finetune::Method::Prefix;
        c.prefix.numVirtualTokens = 24;
        c.prefix.projection = true;
        c.lora.targetModules = {"q_proj", "k_proj", "v_proj", "o_proj"};
        c.learningRate = 2e-3;
        c.epochs = 30;
        c.evalEvery = 10;
        c.saveEvery = 20;
        runs::writeConfig(dir, c);
        const QJsonObject json = runs::readConfig(dir);
        QCOMPARE(json.value(QStringLiteral("method")).toString(), QStringLiteral("prefix"));
        QCOMPARE(json.value(QStringLiteral("name")).toString(), QStringLiteral("prefix 冒烟"));
        QCOMPARE(json.value(QStringLiteral("learning_rate")).toDouble(), 2e-3);
        QCOMPARE(json.value(QStringLiteral("prefix")).toObject().value(QStringLiteral("num_virtual_tokens")).toInt(), 24);
        const auto back = finetune::TrainConfig::fromFile(ss(QDir(dir).filePath(QStringLiteral("config.json"))));
        QCOMPARE(back.toJson(), c.toJson());
        QCOMPARE(back.prefix.numVirtualTokens, 24);
        QCOMPARE(back.evalEvery, 10);
        // An invalid config is refused with its field, and nothing is written.
        const QString bad = runs::createRunDir(m_tmp.filePath(QStringLiteral("config.runs")), QStringLiteral("lora"));
        c.lora.rank = 0;
        c.method = finetune::Method::Lora;
        try {
            runs::writeConfig(bad, c);
            QFAIL("no error for lora rank 0");
        } catch (const Error &e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("r")), e.what());
            QVERIFY(!e.where().field.empty());
        }
        QVERIFY(!QFileInfo::exists(QDir(bad).filePath(QStringLiteral("config.json"))));
    }

    void exportData()
    {
        const QString wsPath = ensureDemoWorkspace(m_tmp.filePath(QStringLiteral("demo.sftws")));
        auto ws = Workspace::open(wsPath);
        const qint64 datasetId = ws->datasets().first().id;
        const qint64 accepted = ws->datasets().first().accepted;
        QVERIFY(accepted >= 4);
        const QString dir = runs::createRunDir(runs::runsRoot(wsPath), QStringLiteral("lora"));
        QVERIFY(dir.startsWith(m_tmp.filePath(QStringLiteral("demo.runs/"))));
        const auto files = runs::exportData(wsPath, datasetId, dir, 0.25, 42);
        QCOMPARE(files.trainFile, QStringLiteral("data/train.jsonl"));
        QCOMPARE(files.evalFile, QStringLiteral("data/eval.jsonl"));
        QCOMPARE(files.train + files.eval, accepted);
        QVERIFY(files.eval >= 1);
        QFile train(QDir(dir).filePath(files.trainFile));
        QVERIFY(train.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = train.readAll().trimmed().split('\n');
        QCOMPARE(qint64(lines.size()), files.train);
        const QJsonObject first = QJsonDocument::fromJson(lines.first()).object();
        QVERIFY(first.contains(QStringLiteral("instruction")));
        QVERIFY(first.contains(QStringLiteral("output")));
        QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("data/eval.jsonl"))));
        QCOMPARE(QDir(QDir(dir).filePath(QStringLiteral("data"))).entryList(QDir::Files).size(), 2);
        // The same seed gives the same split.
        const QString dir2 = runs::createRunDir(runs::runsRoot(wsPath), QStringLiteral("lora"));
        runs::exportData(wsPath, datasetId, dir2, 0.25, 42);
        QFile a(QDir(dir).filePath(QStringLiteral("data/eval.jsonl"))), b(QDir(dir2).filePath(QStringLiteral("data/eval.jsonl")));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
        // No split: one file.
        const QString dir3 = runs::createRunDir(runs::runsRoot(wsPath), QStringLiteral("lora"));
        const auto whole = runs::exportData(wsPath, datasetId, dir3, 0.0, 42);
        QCOMPARE(whole.train, accepted);
        QVERIFY(whole.evalFile.isEmpty());
        QVERIFY(!QFileInfo::exists(QDir(dir3).filePath(QStringLiteral("data/eval.jsonl"))));
        // Everything but the rejected records.
        const qint64 rejected = ws->datasets().first().rejected;
        const qint64 total = ws->datasets().first().total;
        QVERIFY(total - rejected > accepted);
        const QString dir4 = runs::createRunDir(runs::runsRoot(wsPath), QStringLiteral("lora"));
        QCOMPARE(runs::exportData(wsPath, datasetId, dir4, 0.0, 42, {}, true).train, total - rejected);
        // A dataset without accepted records is refused.
        const qint64 empty = ws->createDataset(QStringLiteral("empty"));
        QVERIFY_THROWS_EXCEPTION(Error, runs::exportData(wsPath, empty, dir3, 0.0, 42));
    }

    void launchDetached()
    {
        // A stand-in worker: records its arguments and working folder, writes to both streams.
        const QString dir = runs::createRunDir(m_tmp.filePath(QStringLiteral("launch.runs")), QStringLiteral("lora"));
        const QString script = m_tmp.filePath(QStringLiteral("fake-sftbench-cli.sh"));
        writeFile(script, "#!/bin/sh\necho \"$@\" > args.txt\npwd > pwd.txt\necho out\necho oops >&2\n");
        QFile::setPermissions(script, QFile::permissions(script) | QFileDevice::ExeOwner);
        QString error;
        const qint64 pid = runs::launchWorker(script, dir, true, &error);
        QVERIFY2(pid > 0, qPrintable(error));
        const QString args = QDir(dir).filePath(QStringLiteral("args.txt"));
        QTRY_VERIFY(QFileInfo(args).size() > 0);
        QFile a(args);
        QVERIFY(a.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(a.readAll().trimmed()), QStringLiteral("train --run-dir %1 --resume").arg(dir));
        QTRY_COMPARE(runs::stderrTail(dir), QStringLiteral("oops"));
        QTRY_VERIFY(QFileInfo(QDir(dir).filePath(QStringLiteral("pwd.txt"))).size() > 0);  // ran in DIR
        QCOMPARE(runs::workerArguments(dir, false), (QStringList{QStringLiteral("train"), QStringLiteral("--run-dir"), dir}));
        QCOMPARE(runs::launchWorker(m_tmp.filePath(QStringLiteral("missing")), dir, false, &error), 0);
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTrainingRun)
#include "test_trainingrun.moc"
