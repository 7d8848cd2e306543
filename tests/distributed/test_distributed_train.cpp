// `sftbench-cli train` as two Gloo ranks on a tiny model against one process
// on a copy of the same run folder: LoRA and full fine-tuning (batch 4,
// accumulation 2, packing, eval, checkpoints) give the same losses, gradient
// norms, eval losses and final weights within float rounding, with gradient
// all-reduce overlapped with backward or not, started by hand (RANK /
// WORLD_SIZE / MASTER_ADDR ... in the environment) or through Debian's
// torchrun; only rank 0 writes in the run folder. A rank that dies fails the
// run with a reason that says to resume, and resuming with two ranks or with
// one gives the uninterrupted result; a Stop that only one rank saw stops both
// after the same step with a checkpoint, and resuming finishes the same.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "distributed/launch_script.h"
#include "safetensors/file.h"
#include "test_util.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

using sfttest::readFile;

namespace {

constexpr int kSteps = 6;
constexpr double kTolerance = 1e-5;

QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(readFile(path)).object();
}

/** Every event of the run, in order. */
QList<QJsonObject> allEvents(const QString &runDir)
{
    QList<QJsonObject> out;
    for (const QByteArray &line : readFile(runDir + QStringLiteral("/events.jsonl")).split('\n'))
        if (!line.trimmed().isEmpty())
            out << QJsonDocument::fromJson(line).object();
    return out;
}

/** step -> the event of that kind; a resumed run's later lines replace the interrupted ones. */
QMap<int, QJsonObject> byStep(const QString &runDir, const QString &kind)
{
    QMap<int, QJsonObject> m;
    for (const QJsonObject &o : sfttest::runEvents(runDir, kind))
        m[o.value(QStringLiteral("step")).toInt()] = o;
    return m;
}

/** The run folder's files, relative, sorted. */
QStringList filesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << QDir(dir).relativeFilePath(it.next());
    out.sort();
    return out;
}

bool copyTree(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    for (const QString &rel : filesUnder(from)) {
        QDir().mkpath(QFileInfo(to + QLatin1Char('/') + rel).absolutePath());
        if (!QFile::copy(from + QLatin1Char('/') + rel, to + QLatin1Char('/') + rel))
            return false;
    }
    return true;
}

bool relClose(double a, double b)
{
    return std::abs(a - b) <= kTolerance * std::max(std::abs(b), 1e-12);
}

/** Empty when every tensor of two safetensors files agrees within kTolerance (of the reference's largest value). */
QString compareWeights(const QString &refPath, const QString &gotPath)
{
    using namespace sft::safetensors;
    try {
        const File ref = File::open(refPath.toStdString());
        const File got = File::open(gotPath.toStdString());
        if (ref.header().tensors.size() != got.header().tensors.size() || ref.header().tensors.empty())
            return QStringLiteral("%1 tensors vs %2").arg(got.header().tensors.size()).arg(ref.header().tensors.size());
        for (const TensorInfo &r : ref.header().tensors) {
            const QString name = QString::fromStdString(r.name);
            const TensorInfo *g = got.find(r.name);
            if (!g)
                return name + QStringLiteral(" is missing");
            if (r.dtype != DType::F32 || g->dtype != DType::F32 || r.shape != g->shape)
                return name + QStringLiteral(": not two F32 tensors of one shape");
            const auto *a = reinterpret_cast<const float *>(got.data(*g));
            const auto *b = reinterpret_cast<const float *>(ref.data(r));
            double diff = 0, scale = 0;
            for (std::int64_t i = 0; i < r.numel(); ++i) {
                float x, y;
                std::memcpy(&x, a + i, sizeof x);
                std::memcpy(&y, b + i, sizeof y);
                diff = std::max(diff, std::abs(double(x) - double(y)));
                scale = std::max(scale, std::abs(double(y)));
            }
            if (!(diff <= kTolerance * std::max(scale, 1e-12)))
                return QStringLiteral("%1: max |a - b| %2, max |b| %3").arg(name).arg(diff).arg(scale);
        }
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

/** Empty when the run in got has the reference's steps, evaluations and final weights. */
QString compareRuns(const QString &ref, const QString &got, const QString &finalFile)
{
    const auto a = byStep(ref, QStringLiteral("step")), b = byStep(got, QStringLiteral("step"));
    if (a.size() != kSteps || b.keys() != a.keys())
        return QStringLiteral("steps %1 vs %2").arg(b.size()).arg(a.size());
    for (int s : a.keys()) {
        for (const char *key : {"loss", "grad_norm"}) {
            const double x = b[s].value(QLatin1String(key)).toDouble(), y = a[s].value(QLatin1String(key)).toDouble();
            if (!relClose(x, y))
                return QStringLiteral("step %1 %2: %3 vs %4").arg(s).arg(QLatin1String(key)).arg(x, 0, 'g', 12).arg(y, 0, 'g', 12);
        }
        for (const char *key : {"lr", "target_tokens"})
            if (b[s].value(QLatin1String(key)).toDouble() != a[s].value(QLatin1String(key)).toDouble())
                return QStringLiteral("step %1 %2 differs").arg(s).arg(QLatin1String(key));
    }
    const auto ea = byStep(ref, QStringLiteral("eval")), eb = byStep(got, QStringLiteral("eval"));
    if (ea.isEmpty() || eb.keys() != ea.keys())
        return QStringLiteral("evaluations at %1 steps vs %2").arg(eb.size()).arg(ea.size());
    for (int s : ea.keys()) {
        const double x = eb[s].value(QStringLiteral("eval_loss")).toDouble(), y = ea[s].value(QStringLiteral("eval_loss")).toDouble();
        if (!relClose(x, y))
            return QStringLiteral("step %1 eval_loss: %2 vs %3").arg(s).arg(x, 0, 'g', 12).arg(y, 0, 'g', 12);
        if (eb[s].value(QStringLiteral("eval_tokens")).toInt() != ea[s].value(QStringLiteral("eval_tokens")).toInt())
            return QStringLiteral("step %1 eval_tokens differ").arg(s);
    }
    return compareWeights(ref + QStringLiteral("/final/") + finalFile, got + QStringLiteral("/final/") + finalFile);
}

/** This environment without a launcher's or the test hooks' variables, one thread per process. */
QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys())
        if (key.startsWith(QLatin1String("TORCHELASTIC_")) || key.startsWith(QLatin1String("SLURM_"))
            || key.startsWith(QLatin1String("SFTBENCH_TEST_")))
            env.remove(key);
    for (const char *key : {"RANK", "WORLD_SIZE", "LOCAL_RANK", "LOCAL_WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT",
                            "GROUP_RANK", "ROLE_RANK", "ROLE_WORLD_SIZE", "GROUP_WORLD_SIZE"})
        env.remove(QLatin1String(key));
    env.insert(QStringLiteral("OMP_NUM_THREADS"), QStringLiteral("1"));
    env.insert(QStringLiteral("OPENBLAS_NUM_THREADS"), QStringLiteral("1"));
    return env;
}

/** What one process did; its output went to files (no pipe can fill while the others wait). */
struct Proc
{
    QString label;
    bool finished = false;
    bool crashed = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

struct Spec
{
    QString program;
    QStringList args;
    QProcessEnvironment env;
};

/** One line per process: how it ended and the end of its stderr. */
QString describe(const QList<Proc> &procs)
{
    QString s;
    for (const Proc &p : procs)
        s += QStringLiteral("\n[%1] %2, stderr: %3").arg(p.label,
                                                       !p.finished ? QStringLiteral("still running at the bound")
                                                       : p.crashed ? QStringLiteral("crashed")
                                                                   : QStringLiteral("exit %1").arg(p.exitCode),
                                                       QString::fromUtf8(p.err.right(1500)));
    return s;
}

} // namespace

class TestDistributedTrain : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_model;
    QString m_data;
    QString m_refLora, m_refFull;    ///< one process, the whole run
    qint64 m_loraBytesPerStep = 0;
    int m_logs = 0;

    /**
     * AdamW's epsilon is 1e-2 here: with the default 1e-8 every element moves by about the learning
     * rate whatever its gradient's size, so an element whose gradient nearly cancels moves by the
     * learning rate times its relative rounding noise; then one process with batch 2 x 4 instead
     * of 4 x 2 (the same sum, added in another order) already ends ~5e-4 apart on a LoRA tensor.
     * With a large epsilon the update follows the gradient, and 1e-5 measures the all-reduce.
     */
    QString makeRun(const QString &name, const QString &method)
    {
        const QJsonObject cfg{{QStringLiteral("base_model"), m_model},
                              {QStringLiteral("train_data"), m_data},
                              {QStringLiteral("method"), method},
                              {QStringLiteral("learning_rate"), method == QLatin1String("lora") ? 2e-2 : 1e-2},
                              {QStringLiteral("adam_epsilon"), 1e-2},
                              {QStringLiteral("warmup_steps"), 0},
                              {QStringLiteral("max_steps"), kSteps},
                              {QStringLiteral("batch_size"), 4},
                              {QStringLiteral("grad_accumulation"), 2},
                              {QStringLiteral("packing"), true},
                              {QStringLiteral("max_length"), 128},
                              {QStringLiteral("eval_fraction"), 0.3},
                              {QStringLiteral("eval_every"), 2},
                              {QStringLiteral("save_every"), 2},
                              {QStringLiteral("device"), QStringLiteral("cpu")},
                              {QStringLiteral("precision"), QStringLiteral("fp32")},
                              {QStringLiteral("lora"), QJsonObject{{QStringLiteral("r"), 4},
                                                                   {QStringLiteral("dropout"), 0.0},
                                                                   {QStringLiteral("target_modules"),
                                                                    QJsonArray{QStringLiteral("q_proj"), QStringLiteral("v_proj"),
                                                                               QStringLiteral("down_proj")}}}}};
        return sfttest::writeRunConfig(m_tmp.filePath(name), cfg);
    }

    /** Start every process at once, wait for all (boundMs in all; a generous bound, not a speed check). */
    QList<Proc> runAll(const QString &label, const QList<Spec> &specs, int boundMs = 180000)
    {
        const QString logs = m_tmp.filePath(QStringLiteral("logs"));
        QDir().mkpath(logs);
        const int id = ++m_logs;
        const auto logBase = [&](int i) { return logs + QStringLiteral("/%1-%2-%3").arg(id).arg(label).arg(i); };
        std::vector<std::unique_ptr<QProcess>> procs;
        QList<Proc> out;
        for (int i = 0; i < specs.size(); ++i) {
            Proc r;
            r.label = QStringLiteral("%1 #%2").arg(label).arg(i);
            const QString base = logBase(i);
            auto p = std::make_unique<QProcess>();
            p->setProcessEnvironment(specs[i].env);
            p->setStandardOutputFile(base + QStringLiteral(".out"));
            p->setStandardErrorFile(base + QStringLiteral(".err"));
            p->start(specs[i].program, specs[i].args);
            procs.push_back(std::move(p));
            out << r;
        }
        QDeadlineTimer deadline(boundMs);
        for (std::size_t i = 0; i < procs.size(); ++i) {
            QProcess &p = *procs[i];
            Proc &r = out[int(i)];
            r.finished = p.waitForFinished(int(std::max<qint64>(1, deadline.remainingTime())));
            if (!r.finished) {
                p.terminate();   // torchrun passes SIGTERM on to its workers
                if (!p.waitForFinished(10000)) {
                    p.kill();
                    p.waitForFinished(5000);
                }
            }
            r.crashed = p.exitStatus() == QProcess::CrashExit;
            r.exitCode = p.exitCode();
            r.out = readFile(logBase(int(i)) + QStringLiteral(".out"));
            r.err = readFile(logBase(int(i)) + QStringLiteral(".err"));
        }
        return out;
    }

    /** One process: `train --run-dir dir args`. */
    Proc runSingle(const QString &dir, const QStringList &args = {})
    {
        return runAll(QStringLiteral("single"), {Spec{sfttest::cliPath(),
                                                      QStringList{QStringLiteral("train"), QStringLiteral("--run-dir"), dir} + args,
                                                      cleanEnvironment()}})
            .first();
    }

    /** Two ranks started by hand: the launcher's variables set in each one's environment. */
    /** Both ranks get args; rank 1 also rank1Args (to make the ranks disagree). */
    QList<Proc> runTwoRanks(const QString &dir, const QStringList &args = {}, const QMap<QString, QString> &extraEnv = {},
                            const QStringList &rank1Args = {})
    {
        const int port = sft::distributed::freeLocalPort();
        if (port <= 0)
            qFatal("no free port on 127.0.0.1");
        QList<Spec> specs;
        for (int rank = 0; rank < 2; ++rank) {
            QProcessEnvironment env = cleanEnvironment();
            env.insert(QStringLiteral("RANK"), QString::number(rank));
            env.insert(QStringLiteral("LOCAL_RANK"), QString::number(rank));
            env.insert(QStringLiteral("WORLD_SIZE"), QStringLiteral("2"));
            env.insert(QStringLiteral("LOCAL_WORLD_SIZE"), QStringLiteral("2"));
            env.insert(QStringLiteral("MASTER_ADDR"), QStringLiteral("127.0.0.1"));
            env.insert(QStringLiteral("MASTER_PORT"), QString::number(port));
            for (auto it = extraEnv.begin(); it != extraEnv.end(); ++it)
                env.insert(it.key(), it.value());
            specs << Spec{sfttest::cliPath(),
                          QStringList{QStringLiteral("train"), QStringLiteral("--run-dir"), dir, QStringLiteral("--collective-timeout"),
                                      QStringLiteral("120")} + args + (rank == 1 ? rank1Args : QStringList()),
                          env};
        }
        return runAll(QStringLiteral("rank"), specs);
    }

    /**
     * The checks every finished two-rank run passes: one set of events (rank 0's), the plan and
     * step events of a world of 2 on Gloo, launch.json, the same files as the one-process run.
     * Returns the plan event.
     */
    QJsonObject checkTwoRankRun(const QString &dir, const QString &ref, const QString &launcher)
    {
        const auto started = sfttest::runEvents(dir, QStringLiteral("started"));
        const auto plans = sfttest::runEvents(dir, QStringLiteral("plan"));
        const auto steps = sfttest::runEvents(dir, QStringLiteral("step"));
        const auto finished = sfttest::runEvents(dir, QStringLiteral("finished"));
        [&] {
            QCOMPARE(started.size(), 1);
            QCOMPARE(started[0].value(QStringLiteral("world_size")).toInt(), 2);
            QCOMPARE(started[0].value(QStringLiteral("launcher")).toString(), launcher);
            QCOMPARE(plans.size(), 1);
            QCOMPARE(finished.size(), 1);
            QCOMPARE(steps.size(), kSteps);
            const QJsonObject &plan = plans[0];
            QCOMPARE(plan.value(QStringLiteral("world_size")).toInt(), 2);
            QCOMPARE(plan.value(QStringLiteral("global_batch_rows")).toInt(), 8);
            QCOMPARE(plan.value(QStringLiteral("rows_per_rank")).toInt(), 4);
            QCOMPARE(plan.value(QStringLiteral("backend")).toString(), QStringLiteral("gloo"));
            QVERIFY(plan.value(QStringLiteral("gradient_buckets")).toInt() >= 1);
            const double perStep = plan.value(QStringLiteral("allreduce_bytes_per_step")).toDouble();
            QVERIFY(perStep > 0);
            for (const QJsonObject &s : steps)
                QVERIFY2(s.value(QStringLiteral("allreduce_bytes")).toDouble() >= perStep,
                         qPrintable(QStringLiteral("step %1 all-reduced %2 bytes, the plan says %3 a step")
                                        .arg(s.value(QStringLiteral("step")).toInt())
                                        .arg(s.value(QStringLiteral("allreduce_bytes")).toDouble())
                                        .arg(perStep)));
            const QJsonObject launch = readJson(dir + QStringLiteral("/launch.json"));
            QCOMPARE(launch.value(QStringLiteral("world_size")).toInt(), 2);
            QCOMPARE(launch.value(QStringLiteral("nodes")).toInt(), 1);
            QCOMPARE(launch.value(QStringLiteral("processes_per_node")).toInt(), 2);
            QCOMPARE(launch.value(QStringLiteral("launcher")).toString(), launcher);
            QCOMPARE(launch.value(QStringLiteral("backend")).toString(), QStringLiteral("gloo"));
            QCOMPARE(launch.value(QStringLiteral("master_addr")).toString(), QStringLiteral("127.0.0.1"));
            QVERIFY(launch.value(QStringLiteral("master_port")).toInt() > 0);
            QCOMPARE(launch.value(QStringLiteral("attempts")).toArray().size(), 1);
            // Rank 1 wrote nothing of its own: the same files as the one-process run.
            QCOMPARE(filesUnder(dir), filesUnder(ref));
        }();
        return plans.value(0);
    }

    /** The reference run of one process: world 1, no collectives. */
    void checkSingleRun(const QString &dir)
    {
        const auto plans = sfttest::runEvents(dir, QStringLiteral("plan"));
        QCOMPARE(plans.size(), 1);
        QCOMPARE(plans[0].value(QStringLiteral("world_size")).toInt(), 1);
        QCOMPARE(plans[0].value(QStringLiteral("backend")).toString(), QStringLiteral("none"));
        QCOMPARE(plans[0].value(QStringLiteral("gradient_buckets")).toInt(), 0);
        QCOMPARE(plans[0].value(QStringLiteral("allreduce_bytes_per_step")).toInt(), 0);
        QCOMPARE(plans[0].value(QStringLiteral("global_batch_rows")).toInt(), 8);
        for (const QJsonObject &s : sfttest::runEvents(dir, QStringLiteral("step")))
            QCOMPARE(s.value(QStringLiteral("allreduce_bytes")).toInt(), 0);
        const QJsonObject launch = readJson(dir + QStringLiteral("/launch.json"));
        QCOMPARE(launch.value(QStringLiteral("world_size")).toInt(), 1);
        QCOMPARE(launch.value(QStringLiteral("launcher")).toString(), QStringLiteral("none"));
        const auto steps = byStep(dir, QStringLiteral("step"));
        QCOMPARE(steps.size(), kSteps);
        // It does train: the loss moves.
        QVERIFY(steps[kSteps].value(QStringLiteral("loss")).toDouble() != steps[1].value(QStringLiteral("loss")).toDouble());
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(sfttest::cliPath()))
            QSKIP("sftbench-cli is not built");
        m_data = m_tmp.filePath(QStringLiteral("single_turn.json"));
        sfttest::writeSingleTurnDemoData(m_data);
        if (QTest::currentTestFailed())
            return;
        m_model = m_tmp.filePath(QStringLiteral("model"));
        const auto init = sfttest::runCli({QStringLiteral("init-model"), QStringLiteral("--preset"), QStringLiteral("tiny"),
                                           QStringLiteral("--out"), m_model, QStringLiteral("--seed"), QStringLiteral("3")});
        if (init.exitCode != 0 && init.err.contains(QLatin1String("no tokenizer library")))
            QSKIP("this build has no tokenizer, so no demo model to train");
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));

        // The references: each method's whole run in one process.
        m_refLora = makeRun(QStringLiteral("ref-lora"), QStringLiteral("lora"));
        m_refFull = makeRun(QStringLiteral("ref-full"), QStringLiteral("full"));
        for (const QString &dir : {m_refLora, m_refFull}) {
            const Proc p = runSingle(dir, {QStringLiteral("--quiet")});
            QVERIFY2(p.finished && !p.crashed && p.exitCode == 0, qPrintable(describe({p})));
            checkSingleRun(dir);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void loraTwoRanksMatchOneProcess()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("lora-2"));
        QDir().mkpath(dir);
        QVERIFY(QFile::copy(m_refLora + QStringLiteral("/config.json"), dir + QStringLiteral("/config.json")));
        const auto procs = runTwoRanks(dir);
        for (const Proc &p : procs)
            QVERIFY2(p.finished && !p.crashed && p.exitCode == 0, qPrintable(describe(procs)));
        // Rank 0 prints the events, rank 1 nothing.
        QVERIFY(procs[0].out.contains("\"event\":\"finished\""));
        QVERIFY2(procs[1].out.isEmpty(), procs[1].out.left(500).constData());
        const QJsonObject plan = checkTwoRankRun(dir, m_refLora, QStringLiteral("environment"));
        if (QTest::currentTestFailed())
            return;
        m_loraBytesPerStep = qint64(plan.value(QStringLiteral("allreduce_bytes_per_step")).toDouble());
        const QString diff = compareRuns(m_refLora, dir, QStringLiteral("trainable.safetensors"));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    /** Ranks started with options that change the sequence of collectives refuse to train, both of them, saying why. */
    void ranksWithDifferentOptionsRefuse()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("disagree"));
        QDir().mkpath(dir);
        QVERIFY(QFile::copy(m_refLora + QStringLiteral("/config.json"), dir + QStringLiteral("/config.json")));
        const auto procs = runTwoRanks(dir, {QStringLiteral("--quiet")}, {}, {QStringLiteral("--no-overlap")});
        for (const Proc &p : procs)
            QVERIFY2(p.finished && !p.crashed && p.exitCode == 1, qPrintable(describe(procs)));
        const QList<QJsonObject> failed = sfttest::runEvents(dir, QStringLiteral("failed"));
        QCOMPARE(failed.size(), 1);
        const QString reason = failed.first().value(QStringLiteral("reason")).toString();
        QVERIFY2(reason.contains(QStringLiteral("disagree")) && reason.contains(QStringLiteral("--no-overlap")),
                 qPrintable(reason));
        QVERIFY(sfttest::runEvents(dir, QStringLiteral("step")).isEmpty());
    }

    void fullTwoRanksMatchOneProcess_data()
    {
        QTest::addColumn<bool>("overlap");
        QTest::addColumn<bool>("checkpointing");
        QTest::newRow("overlapped with backward") << true << false;
        QTest::newRow("--no-overlap") << false << false;
        // The hooks fire inside the recomputing (nested) backward pass of each layer; the one-process
        // reference trains without checkpointing, which gives the same numbers.
        QTest::newRow("gradient checkpointing") << true << true;
    }
    void fullTwoRanksMatchOneProcess()
    {
        // 1 MB buckets: the tiny model's weights make several.
        QFETCH(bool, overlap);
        QFETCH(bool, checkpointing);
        const QString dir = m_tmp.filePath(QStringLiteral("full-2-%1-%2").arg(int(overlap)).arg(int(checkpointing)));
        QDir().mkpath(dir);
        QFile ref(m_refFull + QStringLiteral("/config.json"));
        QVERIFY(ref.open(QIODevice::ReadOnly));
        QJsonObject cfg = QJsonDocument::fromJson(ref.readAll()).object();
        cfg[QStringLiteral("gradient_checkpointing")] = checkpointing;
        QFile out(dir + QStringLiteral("/config.json"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(cfg).toJson());
        out.close();
        QStringList args{QStringLiteral("--quiet"), QStringLiteral("--bucket-mb"), QStringLiteral("1")};
        if (!overlap)
            args << QStringLiteral("--no-overlap");
        const auto procs = runTwoRanks(dir, args);
        for (const Proc &p : procs)
            QVERIFY2(p.finished && !p.crashed && p.exitCode == 0, qPrintable(describe(procs)));
        const QJsonObject plan = checkTwoRankRun(dir, m_refFull, QStringLiteral("environment"));
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(plan.value(QStringLiteral("gradient_buckets")).toInt() > 1,
                 qPrintable(QString::number(plan.value(QStringLiteral("gradient_buckets")).toInt())));
        const qint64 fullBytes = qint64(plan.value(QStringLiteral("allreduce_bytes_per_step")).toDouble());
        if (m_loraBytesPerStep > 0)
            QVERIFY2(m_loraBytesPerStep * 10 < fullBytes, qPrintable(QStringLiteral("LoRA %1 bytes a step, full %2")
                                                                         .arg(m_loraBytesPerStep).arg(fullBytes)));
        const QString diff = compareRuns(m_refFull, dir, QStringLiteral("model.safetensors"));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void torchrunMatchesOneProcess()
    {
        QString torchrun = QStandardPaths::findExecutable(QStringLiteral("torchrun"));
        if (torchrun.isEmpty() && QFile::exists(QStringLiteral("/usr/bin/torchrun")))
            torchrun = QStringLiteral("/usr/bin/torchrun");
        if (torchrun.isEmpty())
            QSKIP("torchrunMatchesOneProcess: torchrun is not installed (Debian: python3-torch)");
        const QString dir = m_tmp.filePath(QStringLiteral("lora-torchrun"));
        QDir().mkpath(dir);
        QVERIFY(QFile::copy(m_refLora + QStringLiteral("/config.json"), dir + QStringLiteral("/config.json")));
        const int port = sft::distributed::freeLocalPort();
        QVERIFY(port > 0);
        const QList<Proc> procs =
            runAll(QStringLiteral("torchrun"),
                   {Spec{torchrun,
                         {QStringLiteral("--nproc_per_node"), QStringLiteral("2"), QStringLiteral("--nnodes"), QStringLiteral("1"),
                          QStringLiteral("--master_addr"), QStringLiteral("127.0.0.1"), QStringLiteral("--master_port"),
                          QString::number(port), QStringLiteral("--redirects"), QStringLiteral("2"), QStringLiteral("--tee"),
                          QStringLiteral("2"), QStringLiteral("--no_python"), sfttest::cliPath(), QStringLiteral("train"),
                          QStringLiteral("--run-dir"), dir, QStringLiteral("--collective-timeout"), QStringLiteral("120")},
                         cleanEnvironment()}});
        QVERIFY2(procs[0].finished && !procs[0].crashed && procs[0].exitCode == 0, qPrintable(describe(procs)));
        checkTwoRankRun(dir, m_refLora, QStringLiteral("torchrun"));
        if (QTest::currentTestFailed())
            return;
        const QJsonArray parent = readJson(dir + QStringLiteral("/launch.json")).value(QStringLiteral("launcher_command")).toArray();
        QVERIFY(!parent.isEmpty());
        QVERIFY2(parent.contains(QStringLiteral("--nproc_per_node")), QJsonDocument(parent).toJson().constData());
        const QString diff = compareRuns(m_refLora, dir, QStringLiteral("trainable.safetensors"));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void deadRankFailsAndResumes()
    {
        // Rank 1 is killed at the start of step 3 (the last checkpoint is step 2); rank 0's next
        // collective fails, it says so and exits non-zero.
        const QString dir = m_tmp.filePath(QStringLiteral("dies"));
        QDir().mkpath(dir);
        QVERIFY(QFile::copy(m_refLora + QStringLiteral("/config.json"), dir + QStringLiteral("/config.json")));
        const auto procs = runTwoRanks(dir, {QStringLiteral("--quiet")},
                                       {{QStringLiteral("SFTBENCH_TEST_DIE_AT_STEP"), QStringLiteral("3")},
                                        {QStringLiteral("SFTBENCH_TEST_DIE_RANK"), QStringLiteral("1")}});
        QVERIFY2(procs[0].finished && procs[1].finished, qPrintable(describe(procs)));
        QVERIFY2(procs[1].crashed, qPrintable(describe(procs)));
        QVERIFY2(!procs[0].crashed && procs[0].exitCode != 0, qPrintable(describe(procs)));
        const QList<QJsonObject> events = allEvents(dir);
        QVERIFY(!events.isEmpty());
        const QJsonObject last = events.last();
        QCOMPARE(last.value(QStringLiteral("event")).toString(), QStringLiteral("failed"));
        const QString reason = last.value(QStringLiteral("reason")).toString();
        QVERIFY2(reason.contains(QLatin1String("rank")) && reason.contains(QLatin1String("resum")), qPrintable(reason));
        QCOMPARE(byStep(dir, QStringLiteral("step")).keys(), (QList<int>{1, 2}));
        QVERIFY(QFile::exists(dir + QStringLiteral("/checkpoints/step-00000002/state.json")));
        QVERIFY(!QFile::exists(dir + QStringLiteral("/checkpoints/step-00000003")));
        QVERIFY(!QFile::exists(dir + QStringLiteral("/final")));
        const QString alone = m_tmp.filePath(QStringLiteral("dies-resumed-alone"));
        QVERIFY(copyTree(dir, alone));

        // Resumed with two ranks: the uninterrupted result.
        const auto resumed = runTwoRanks(dir, {QStringLiteral("--quiet"), QStringLiteral("--resume")});
        for (const Proc &p : resumed)
            QVERIFY2(p.finished && !p.crashed && p.exitCode == 0, qPrintable(describe(resumed)));
        const auto r = sfttest::runEvents(dir, QStringLiteral("resumed"));
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].value(QStringLiteral("step")).toInt(), 2);
        QCOMPARE(sfttest::runEvents(dir, QStringLiteral("started")).size(), 2);   // one per start, rank 0's
        const QJsonArray attempts = readJson(dir + QStringLiteral("/launch.json")).value(QStringLiteral("attempts")).toArray();
        QCOMPARE(attempts.size(), 2);
        QVERIFY(attempts[1].toObject().value(QStringLiteral("resume")).toBool());
        QString diff = compareRuns(m_refLora, dir, QStringLiteral("trainable.safetensors"));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));

        // The same interrupted state resumed by one process (another world size): the same result.
        const Proc one = runSingle(alone, {QStringLiteral("--quiet"), QStringLiteral("--resume")});
        QVERIFY2(one.finished && !one.crashed && one.exitCode == 0, qPrintable(describe({one})));
        QCOMPARE(sfttest::runEvents(alone, QStringLiteral("resumed")).value(0).value(QStringLiteral("step")).toInt(), 2);
        const QJsonObject launch = readJson(alone + QStringLiteral("/launch.json"));
        QCOMPARE(launch.value(QStringLiteral("world_size")).toInt(), 1);
        QCOMPARE(launch.value(QStringLiteral("attempts")).toArray().last().toObject().value(QStringLiteral("world_size")).toInt(), 1);
        diff = compareRuns(m_refLora, alone, QStringLiteral("trainable.safetensors"));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void stopSeenByOneRankStopsBoth()
    {
        // Rank 1 alone gets SIGTERM at the start of step 3: the flag travels with the step's
        // statistics, both ranks stop after step 3, rank 0 checkpoints (step 3 is no regular
        // checkpoint with save_every 2) and says so once.
        const QString dir = m_tmp.filePath(QStringLiteral("stops"));
        QDir().mkpath(dir);
        QVERIFY(QFile::copy(m_refLora + QStringLiteral("/config.json"), dir + QStringLiteral("/config.json")));
        const auto procs = runTwoRanks(dir, {QStringLiteral("--quiet")},
                                       {{QStringLiteral("SFTBENCH_TEST_SIGNAL_AT_STEP"), QStringLiteral("3")},
                                        {QStringLiteral("SFTBENCH_TEST_SIGNAL_RANK"), QStringLiteral("1")}});
        for (const Proc &p : procs)
            QVERIFY2(p.finished && !p.crashed && p.exitCode == 0, qPrintable(describe(procs)));
        const auto stopped = sfttest::runEvents(dir, QStringLiteral("stopped"));
        QCOMPARE(stopped.size(), 1);
        QCOMPARE(allEvents(dir).last().value(QStringLiteral("event")).toString(), QStringLiteral("stopped"));
        const int step = stopped[0].value(QStringLiteral("step")).toInt();
        QCOMPARE(step, 3);
        QCOMPARE(byStep(dir, QStringLiteral("step")).lastKey(), step);
        QVERIFY(QFile::exists(dir + QStringLiteral("/checkpoints/step-%1/state.json").arg(step, 8, 10, QLatin1Char('0'))));
        QVERIFY(!QFile::exists(dir + QStringLiteral("/final")));
        QVERIFY(!QFile::exists(dir + QStringLiteral("/worker.pid")));

        const auto resumed = runTwoRanks(dir, {QStringLiteral("--quiet"), QStringLiteral("--resume")});
        for (const Proc &p : resumed)
            QVERIFY2(p.finished && !p.crashed && p.exitCode == 0, qPrintable(describe(resumed)));
        QCOMPARE(sfttest::runEvents(dir, QStringLiteral("resumed")).value(0).value(QStringLiteral("step")).toInt(), step);
        const QString diff = compareRuns(m_refLora, dir, QStringLiteral("trainable.safetensors"));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }
};

QTEST_GUILESS_MAIN(TestDistributedTrain)
#include "test_distributed_train.moc"
