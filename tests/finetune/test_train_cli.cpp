// `sftbench-cli train` end to end on a tiny model: a run stopped after a step
// and resumed reproduces the uninterrupted run bit for bit (losses, gradient
// norms, final weights; with dropout, packing and gradient accumulation);
// SIGTERM checkpoints and exits 0; a diverging run stops with exit code 3 and
// says why; a bad config names its key; --dry-run only plans; the outputs
// (PEFT adapter, final weights) load back, and a merged LoRA model scores like
// the base model with the adapter; four full-batch steps (full and LoRA) give
// the losses and gradient norms of an independent python3-torch reference;
// --profile-steps times the phases of the steps after the first.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "finetune/trainer.h"
#include "model/language_model.h"
#include "test_util.h"

namespace {

const QString kCli = QStringLiteral(SFT_BINARY_DIR "/app/sftbench-cli");

struct Run
{
    int exitCode = -1;
    QString err;
};

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(kCli, args);
    Run r;
    if (!p.waitForFinished(240000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QList<QJsonObject> events(const QString &runDir, const QString &kind = {})
{
    QList<QJsonObject> out;
    QFile f(runDir + QStringLiteral("/events.jsonl"));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.isEmpty())
            qFatal("events.jsonl has a line that is not a JSON object: %s", line.constData());
        if (kind.isEmpty() || o.value(QStringLiteral("event")).toString() == kind)
            out << o;
    }
    return out;
}

/** step -> the step event; a resumed run's later lines replace the interrupted ones. */
QMap<int, QJsonObject> stepsByNumber(const QString &runDir)
{
    QMap<int, QJsonObject> m;
    for (const QJsonObject &o : events(runDir, QStringLiteral("step")))
        m[o.value(QStringLiteral("step")).toInt()] = o;
    return m;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestTrainCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_model;
    QString m_data;   ///< the demo set's single-turn records: the Alpaca format (the default) and reference_sft.py

    QString makeRun(const QString &name, const QJsonObject &patch)
    {
        QJsonObject cfg{{QStringLiteral("base_model"), m_model},
                        {QStringLiteral("train_data"), m_data},
                        {QStringLiteral("method"), QStringLiteral("lora")},
                        {QStringLiteral("learning_rate"), 5e-3},
                        {QStringLiteral("max_steps"), 10},
                        {QStringLiteral("batch_size"), 2},
                        {QStringLiteral("eval_every"), 4},
                        {QStringLiteral("save_every"), 4}};
        for (auto it = patch.begin(); it != patch.end(); ++it)
            cfg[it.key()] = it.value();
        return sfttest::writeRunConfig(m_tmp.filePath(name), cfg);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(kCli))
            QSKIP("sftbench-cli is not built");
        m_data = m_tmp.filePath(QStringLiteral("single_turn.json"));
        sfttest::writeSingleTurnDemoData(m_data);
        if (QTest::currentTestFailed())
            return;
        m_model = m_tmp.filePath(QStringLiteral("model"));
        const Run r = cli({QStringLiteral("init-model"), QStringLiteral("--out"), m_model,
                           QStringLiteral("--pretrain-steps"), QStringLiteral("10")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void resumeIsBitExact()
    {
        const QJsonObject patch{{QStringLiteral("packing"), true},
                                {QStringLiteral("max_length"), 128},
                                {QStringLiteral("grad_accumulation"), 2},
                                {QStringLiteral("lora"), QJsonObject{{QStringLiteral("r"), 4},
                                                                     {QStringLiteral("dropout"), 0.1},
                                                                     {QStringLiteral("target_modules"),
                                                                      QJsonArray{QStringLiteral("q_proj"), QStringLiteral("v_proj"),
                                                                                 QStringLiteral("down_proj")}}}}};
        const QString a = makeRun(QStringLiteral("uninterrupted"), patch);
        const QString b = makeRun(QStringLiteral("interrupted"), patch);
        Run r = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), a, QStringLiteral("--quiet")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), b, QStringLiteral("--quiet"),
                 QStringLiteral("--stop-after-step"), QStringLiteral("6")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(events(b).last().value(QStringLiteral("event")).toString(), QStringLiteral("stopped"));
        QVERIFY(QFile::exists(b + QStringLiteral("/checkpoints/step-00000006/optimizer.pt")));
        QVERIFY(!QFile::exists(b + QStringLiteral("/worker.pid")));
        r = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), b, QStringLiteral("--quiet"), QStringLiteral("--resume")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto resumed = events(b, QStringLiteral("resumed"));
        QCOMPARE(resumed.size(), 1);
        QCOMPARE(resumed[0].value(QStringLiteral("step")).toInt(), 6);

        const auto sa = stepsByNumber(a), sb = stepsByNumber(b);
        QCOMPARE(sa.size(), 10);
        QCOMPARE(sb.keys(), sa.keys());
        for (int s = 1; s <= 10; ++s)
            for (const char *key : {"loss", "grad_norm", "lr", "target_tokens"})
                QVERIFY2(sa[s].value(QLatin1String(key)).toDouble() == sb[s].value(QLatin1String(key)).toDouble(),
                         qPrintable(QStringLiteral("step %1 %2").arg(s).arg(QLatin1String(key))));
        QVERIFY(sa[10].value(QStringLiteral("loss")).toDouble() != sa[1].value(QStringLiteral("loss")).toDouble());
        const QByteArray wa = readAll(a + QStringLiteral("/final/trainable.safetensors"));
        QVERIFY(!wa.isEmpty());
        QCOMPARE(readAll(b + QStringLiteral("/final/trainable.safetensors")), wa);
        QCOMPARE(readAll(b + QStringLiteral("/adapter/adapter_model.safetensors")),
                 readAll(a + QStringLiteral("/adapter/adapter_model.safetensors")));
        // Only the newest keep_checkpoints (3) are kept: steps 4, 8 and 10 in the uninterrupted run.
        QCOMPARE(QDir(a + QStringLiteral("/checkpoints")).entryList(QDir::Dirs | QDir::NoDotAndDotDot),
                 (QStringList{QStringLiteral("step-00000004"), QStringLiteral("step-00000008"), QStringLiteral("step-00000010")}));
    }

    void sigtermCheckpointsAndStops()
    {
        const QString dir = makeRun(QStringLiteral("sigterm"), {{QStringLiteral("max_steps"), 5000},
                                                                {QStringLiteral("save_every"), 0},
                                                                {QStringLiteral("eval_every"), 0}});
        QProcess p;
        p.start(kCli, {QStringLiteral("train"), QStringLiteral("--run-dir"), dir});
        QVERIFY(p.waitForStarted());
        QByteArray out;
        while (!out.contains("\"event\":\"step\",\"step\":3,") && p.state() == QProcess::Running) {
            p.waitForReadyRead(20000);
            out += p.readAllStandardOutput();
        }
        QVERIFY(QFile::exists(dir + QStringLiteral("/worker.pid")));
        // A second worker on the same run is refused while the first lives.
        const Run second = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), dir, QStringLiteral("--resume")});
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(second.err.contains(QStringLiteral("another worker")), qPrintable(second.err));
        p.terminate();   // SIGTERM
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject last = events(dir).last();
        QCOMPARE(last.value(QStringLiteral("event")).toString(), QStringLiteral("stopped"));
        const int step = last.value(QStringLiteral("step")).toInt();
        QVERIFY(step >= 3 && step < 5000);
        QVERIFY(QFile::exists(dir + QStringLiteral("/checkpoints/step-%1/state.json").arg(step, 8, 10, QLatin1Char('0'))));
        QVERIFY(!QFile::exists(dir + QStringLiteral("/worker.pid")));
        const Run r = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), dir, QStringLiteral("--quiet"),
                           QStringLiteral("--resume"), QStringLiteral("--stop-after-step"), QString::number(step + 2)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(events(dir, QStringLiteral("resumed")).last().value(QStringLiteral("step")).toInt(), step);
        QCOMPARE(stepsByNumber(dir).lastKey(), step + 2);
        // Starting it afresh would mix two runs in one folder: refused.
        const Run fresh = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), dir, QStringLiteral("--quiet")});
        QCOMPARE(fresh.exitCode, 1);
        QVERIFY2(fresh.err.contains(QStringLiteral("--resume")), qPrintable(fresh.err));
    }

    void divergenceStopsWithExitCode3()
    {
        const QString dir = makeRun(QStringLiteral("nan"), {{QStringLiteral("method"), QStringLiteral("full")},
                                                            {QStringLiteral("learning_rate"), 1e5},
                                                            {QStringLiteral("max_grad_norm"), 0},
                                                            {QStringLiteral("max_steps"), 200}});
        const Run r = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), dir, QStringLiteral("--quiet")});
        QCOMPARE(r.exitCode, 3);
        const QJsonObject last = events(dir).last();
        QCOMPARE(last.value(QStringLiteral("event")).toString(), QStringLiteral("failed"));
        const QString reason = last.value(QStringLiteral("reason")).toString();
        QVERIFY2(reason.contains(QStringLiteral("NaN")) || reason.contains(QStringLiteral("infinite")), qPrintable(reason));
        QVERIFY2(reason.contains(QStringLiteral("learning rate")), qPrintable(reason));
    }

    /**
     * --auto-resume starts a fresh run, then continues one that has checkpoints; it refuses a run whose
     * last attempt diverged (--resume still may); --base-model replaces config.json's model folder.
     */
    void autoResumeAndBaseModel()
    {
        const QString dir = makeRun(QStringLiteral("auto"), {{QStringLiteral("base_model"), m_tmp.filePath(QStringLiteral("moved"))},
                                                             {QStringLiteral("max_steps"), 4},
                                                             {QStringLiteral("save_every"), 2}});
        const QStringList base{QStringLiteral("train"), QStringLiteral("--run-dir"), dir, QStringLiteral("--quiet")};
        const Run missing = cli(base + QStringList{QStringLiteral("--auto-resume")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QStringLiteral("base_model")), qPrintable(missing.err));
        const QStringList moved = base + QStringList{QStringLiteral("--base-model"), m_model};
        Run r = cli(moved + QStringList{QStringLiteral("--auto-resume"), QStringLiteral("--stop-after-step"), QStringLiteral("2")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(events(dir, QStringLiteral("stopped")).size(), 1);
        QVERIFY(events(dir, QStringLiteral("resumed")).isEmpty());
        // As if that attempt had diverged: an automatic resume is refused, an explicit one is not.
        {
            QFile f(dir + QStringLiteral("/events.jsonl"));
            QVERIFY(f.open(QIODevice::Append));
            f.write("{\"event\":\"failed\",\"step\":3,\"reason\":\"loss became NaN at step 3 (learning rate 1)\"}\n");
        }
        r = cli(moved + QStringList{QStringLiteral("--auto-resume")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("diverged")), qPrintable(r.err));
        r = cli(moved + QStringList{QStringLiteral("--resume")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(events(dir).last().value(QStringLiteral("event")).toString(), QStringLiteral("finished"));
        QCOMPARE(events(dir, QStringLiteral("resumed")).size(), 1);
        // The trained result names the model folder it really used.
        QVERIFY(readAll(dir + QStringLiteral("/final/train_config.json")).contains(QFileInfo(m_model).absoluteFilePath().toUtf8()));
        r = cli(moved + QStringList{QStringLiteral("--resume"), QStringLiteral("--auto-resume")});
        QCOMPARE(r.exitCode, 1);
        // The data-parallel options' bounds, each refused by name.
        for (const QStringList &bad : {QStringList{QStringLiteral("--collective-timeout"), QStringLiteral("0")},
                                       QStringList{QStringLiteral("--bucket-mb"), QStringLiteral("0")},
                                       QStringList{QStringLiteral("--bucket-mb"), QStringLiteral("4097")}}) {
            r = cli(moved + QStringList{QStringLiteral("--resume")} + bad);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(bad.first()), qPrintable(r.err));
        }
    }

    /**
     * --profile-steps 2 on a 4-step run profiles steps 2 and 3 (step 1 warms up, step 4 is past the count):
     * their phases are non-negative and add up to no more than the step's time, which is the step event's.
     * On the CPU the step events carry no CUDA allocator statistics.
     */
    void profileStepsTimePhases()
    {
        const QString dir = makeRun(QStringLiteral("profile"), {{QStringLiteral("max_steps"), 4},
                                                                {QStringLiteral("eval_every"), 0},
                                                                {QStringLiteral("save_every"), 0}});
        Run r = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), dir, QStringLiteral("--quiet"),
                     QStringLiteral("--profile-steps"), QStringLiteral("2")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto profiles = events(dir, QStringLiteral("profile"));
        QList<int> profiled;
        for (const QJsonObject &e : profiles)
            profiled << e.value(QStringLiteral("step")).toInt();
        QCOMPARE(profiled, (QList<int>{2, 3}));
        const auto steps = stepsByNumber(dir);
        QCOMPARE(steps.size(), 4);
        for (const QJsonObject &e : profiles) {
            double sum = 0;
            for (const char *key : {"data_s", "forward_s", "backward_s", "optimizer_s"}) {
                QVERIFY2(e.value(QLatin1String(key)).isDouble(), key);
                const double v = e.value(QLatin1String(key)).toDouble();
                QVERIFY2(v >= 0, key);
                sum += v;
            }
            // A forward and a backward pass take time, even on the tiny model.
            QVERIFY(e.value(QStringLiteral("forward_s")).toDouble() > 0);
            QVERIFY(e.value(QStringLiteral("backward_s")).toDouble() > 0);
            const double total = e.value(QStringLiteral("total_s")).toDouble();
            QVERIFY2(total > 0 && sum <= total + 1e-6, qPrintable(QStringLiteral("phases %1 s, total %2 s").arg(sum).arg(total)));
            // total_s is the step's own time: the one its tokens per second come from.
            const QJsonObject step = steps.value(e.value(QStringLiteral("step")).toInt());
            const double fromStep = step.value(QStringLiteral("tokens")).toDouble() / step.value(QStringLiteral("tokens_per_s")).toDouble();
            QVERIFY2(std::abs(fromStep - total) <= 1e-6 * total, qPrintable(QStringLiteral("%1 vs %2").arg(fromStep).arg(total)));
        }
        for (const QJsonObject &e : steps) {
            QVERIFY(e.contains(QStringLiteral("memory_bytes")));
            QVERIFY(!e.contains(QStringLiteral("cuda_memory_bytes")));
            QVERIFY(!e.contains(QStringLiteral("cuda_reserved_bytes")));
        }
        // Without the option nothing is profiled; a negative count is refused by name.
        const QString plain = makeRun(QStringLiteral("no-profile"), {{QStringLiteral("max_steps"), 2},
                                                                     {QStringLiteral("eval_every"), 0},
                                                                     {QStringLiteral("save_every"), 0}});
        r = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), plain, QStringLiteral("--quiet")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(events(plain, QStringLiteral("profile")).isEmpty());
        QCOMPARE(stepsByNumber(plain).size(), 2);
        r = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), plain, QStringLiteral("--profile-steps"), QStringLiteral("-1")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("--profile-steps")), qPrintable(r.err));
    }

    void noSaveWritesNoResult()
    {
        // A benchmark run: the same steps, but no checkpoint, no final/ and no adapter/ on disk.
        const QString saved = makeRun(QStringLiteral("saved"), {{QStringLiteral("max_steps"), 2},
                                                                {QStringLiteral("eval_every"), 0},
                                                                {QStringLiteral("save_every"), 0}});
        Run r = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), saved, QStringLiteral("--quiet")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFileInfo::exists(QDir(saved).filePath(QStringLiteral("final"))));
        QVERIFY(QFileInfo::exists(QDir(saved).filePath(QStringLiteral("adapter"))));
        QVERIFY(!QDir(QDir(saved).filePath(QStringLiteral("checkpoints"))).isEmpty(QDir::Dirs | QDir::NoDotAndDotDot));

        const QString bench = makeRun(QStringLiteral("nosave"), {{QStringLiteral("max_steps"), 2},
                                                                 {QStringLiteral("eval_every"), 0},
                                                                 {QStringLiteral("save_every"), 1}});
        r = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), bench, QStringLiteral("--quiet"), QStringLiteral("--no-save")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(stepsByNumber(bench).size(), 2);
        QVERIFY(!QFileInfo::exists(QDir(bench).filePath(QStringLiteral("final"))));
        QVERIFY(!QFileInfo::exists(QDir(bench).filePath(QStringLiteral("adapter"))));
        const QDir checkpoints(QDir(bench).filePath(QStringLiteral("checkpoints")));
        QVERIFY(!checkpoints.exists() || checkpoints.isEmpty(QDir::Dirs | QDir::NoDotAndDotDot));
        QVERIFY(events(bench, QStringLiteral("checkpoint")).isEmpty());
        const auto finished = events(bench, QStringLiteral("finished"));
        QCOMPARE(finished.size(), 1);
        QVERIFY(finished.first().value(QStringLiteral("outputs")).toObject().isEmpty());
    }

    void badConfigNamesTheKey()
    {
        const QString dir = makeRun(QStringLiteral("bad"), {{QStringLiteral("lora"), QJsonObject{{QStringLiteral("rank"), 8}}}});
        const Run r = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), dir, QStringLiteral("--quiet")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("config.json")) && r.err.contains(QStringLiteral("lora.rank")), qPrintable(r.err));
        const QJsonObject last = events(dir).last();
        QCOMPARE(last.value(QStringLiteral("event")).toString(), QStringLiteral("failed"));
        QVERIFY(last.value(QStringLiteral("reason")).toString().contains(QStringLiteral("not a known setting")));
        const Run missing = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), m_tmp.filePath(QStringLiteral("nope"))});
        QCOMPARE(missing.exitCode, 1);
    }

    void dryRunOnlyPlans()
    {
        const QString dir = makeRun(QStringLiteral("dry"), {{QStringLiteral("epochs"), 2}, {QStringLiteral("max_steps"), 0}});
        QProcess p;
        p.start(kCli, {QStringLiteral("train"), QStringLiteral("--run-dir"), dir, QStringLiteral("--dry-run")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        const QJsonObject plan = QJsonDocument::fromJson(lines[0]).object();
        QCOMPARE(plan.value(QStringLiteral("event")).toString(), QStringLiteral("plan"));
        // tiny preset, r 8 on q_proj (128 -> 128) and v_proj (128 -> 64), 4 layers.
        QCOMPARE(plan.value(QStringLiteral("trainable_parameters")).toInt(), 4 * 8 * ((128 + 128) + (128 + 64)));
        const int examples = plan.value(QStringLiteral("train_examples")).toInt();
        QCOMPARE(examples + plan.value(QStringLiteral("eval_examples")).toInt(), 34);
        QCOMPARE(plan.value(QStringLiteral("total_steps")).toInt(), 2 * ((examples + 1) / 2));
        QVERIFY(!QFile::exists(dir + QStringLiteral("/checkpoints")));
        QVERIFY(!QFile::exists(dir + QStringLiteral("/events.jsonl")));   // a dry run leaves the folder alone
    }

    void matchesPythonReference_data()
    {
        QTest::addColumn<QString>("method");
        QTest::newRow("full") << QStringLiteral("full");
        QTest::newRow("lora") << QStringLiteral("lora");
    }
    void matchesPythonReference()
    {
        // Four full-batch steps (warmup 1 with lr 0, then constant) against tests/finetune/reference_sft.py:
        // Alpaca prompt text, prompt masking, EOS, AdamW with decay on matrices only, clipping.
        QFETCH(QString, method);
        const QString dir = makeRun(QStringLiteral("ref-") + method,
                                    {{QStringLiteral("method"), method},
                                     {QStringLiteral("max_steps"), 4},
                                     {QStringLiteral("batch_size"), 64},
                                     {QStringLiteral("eval_fraction"), 0},
                                     {QStringLiteral("warmup_steps"), 1},
                                     {QStringLiteral("schedule"), QStringLiteral("constant")},
                                     {QStringLiteral("learning_rate"), 2e-3},
                                     {QStringLiteral("weight_decay"), 0.1},
                                     {QStringLiteral("max_grad_norm"), 1.0},
                                     {QStringLiteral("save_every"), 1},
                                     {QStringLiteral("keep_checkpoints"), 10},
                                     {QStringLiteral("lora"), QJsonObject{{QStringLiteral("r"), 4},
                                                                          {QStringLiteral("alpha"), 8},
                                                                          {QStringLiteral("target_modules"),
                                                                           QJsonArray{QStringLiteral("q_proj"), QStringLiteral("v_proj"),
                                                                                      QStringLiteral("down_proj")}}}}});
        const Run r = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), dir, QStringLiteral("--quiet")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QStringList args{QStringLiteral(SFT_SOURCE_DIR "/tests/finetune/reference_sft.py"), kCli, m_model, m_data,
                         dir + QStringLiteral("/reference.json"), QStringLiteral("4"), QStringLiteral("0.002"),
                         QStringLiteral("0.1"), QStringLiteral("1.0")};
        if (method == QLatin1String("lora"))
            args << dir + QStringLiteral("/checkpoints/step-00000001/trainable.safetensors") << QStringLiteral("4")
                 << QStringLiteral("8") << QStringLiteral("q_proj,v_proj,down_proj");
        QProcess py;
        py.start(QStringLiteral("/usr/bin/python3"), args);
        if (!py.waitForStarted(10000))
            QSKIP("/usr/bin/python3 is not available");
        QVERIFY(py.waitForFinished(240000));
        const QByteArray err = py.readAllStandardError();
        if (py.exitCode() != 0 && err.contains("No module named 'torch'"))
            QSKIP("/usr/bin/python3 has no torch");
        QVERIFY2(py.exitCode() == 0, err.constData());
        const QJsonObject ref = QJsonDocument::fromJson(readAll(dir + QStringLiteral("/reference.json"))).object();
        const auto steps = stepsByNumber(dir);
        QCOMPARE(steps.size(), 4);
        for (int s = 1; s <= 4; ++s) {
            for (const char *key : {"loss", "grad_norm"}) {
                const double ours = steps[s].value(QLatin1String(key)).toDouble();
                const double theirs = ref.value(QLatin1String(key)).toArray().at(s - 1).toDouble();
                qInfo("step %d %s %.10g, python %.10g", s, key, ours, theirs);
                QVERIFY2(std::abs(ours - theirs) <= 1e-5 * std::abs(theirs),
                         qPrintable(QStringLiteral("step %1 %2: %3 vs python %4").arg(s).arg(QLatin1String(key))
                                        .arg(ours, 0, 'g', 10).arg(theirs, 0, 'g', 10)));
            }
        }
        QVERIFY(steps[4].value(QStringLiteral("loss")).toDouble() != steps[2].value(QStringLiteral("loss")).toDouble());
    }

    void outputsLoadAndMergeMatches()
    {
        const QString dir = makeRun(QStringLiteral("merge"), {{QStringLiteral("learning_rate"), 2e-2}, {QStringLiteral("max_steps"), 6}});
        Run r = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), dir, QStringLiteral("--quiet")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject done = events(dir).last();
        QCOMPARE(done.value(QStringLiteral("event")).toString(), QStringLiteral("finished"));
        QCOMPARE(done.value(QStringLiteral("outputs")).toObject().value(QStringLiteral("adapter")).toString(), QStringLiteral("adapter"));
        QVERIFY(QFile::exists(dir + QStringLiteral("/adapter/adapter_config.json")));
        // best/ holds the result at the lowest eval loss, marked in the eval events.
        int bestStep = 0;
        double bestLoss = 1e300;
        for (const QJsonObject &e : events(dir, QStringLiteral("eval")))
            if (e.value(QStringLiteral("eval_loss")).toDouble() < bestLoss) {
                bestLoss = e.value(QStringLiteral("eval_loss")).toDouble();
                bestStep = e.value(QStringLiteral("step")).toInt();
                QVERIFY(e.value(QStringLiteral("best")).toBool());
            }
        QVERIFY(bestStep > 0);
        const QJsonObject best = QJsonDocument::fromJson(readAll(dir + QStringLiteral("/best/best.json"))).object();
        QCOMPARE(best.value(QStringLiteral("step")).toInt(), bestStep);
        QCOMPARE(done.value(QStringLiteral("outputs")).toObject().value(QStringLiteral("best")).toString(), QStringLiteral("best"));

        const QString merged = m_tmp.filePath(QStringLiteral("merged"));
        r = cli({QStringLiteral("merge"), QStringLiteral("--run-dir"), dir, QStringLiteral("--out"), merged});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(merged + QStringLiteral("/tokenizer.json")));
        sft::model::LoadOptions cpu;
        cpu.device = "cpu";
        auto adapted = sft::finetune::loadRunModel(dir.toStdString(), cpu);
        auto mergedModel = sft::model::LanguageModel::load(merged.toStdString(), cpu);
        auto base = sft::model::LanguageModel::load(m_model.toStdString(), cpu);
        const std::vector<std::int64_t> prompt = {5, 6, 7, 8, 9}, cont = {10, 11, 12};
        const double a = adapted.model->score(prompt, cont).sum, m = mergedModel->score(prompt, cont).sum;
        QVERIFY2(std::abs(a - m) < 1e-4, qPrintable(QStringLiteral("%1 vs %2").arg(a).arg(m)));
        QVERIFY(std::abs(a - base->score(prompt, cont).sum) > 1e-3);   // the adapter did change the model
        auto atBest = sft::finetune::loadRunModel(QString(dir + QStringLiteral("/best")).toStdString(), cpu);
        QVERIFY(std::isfinite(atBest.model->score(prompt, cont).sum));

        // generate --adapter runs with the run's prompt format; adapters cannot be merged.
        QProcess g;
        g.start(kCli, {QStringLiteral("generate"), QStringLiteral("--model"), m_model, QStringLiteral("--adapter"), dir,
                       QStringLiteral("--prompt"), QStringLiteral("Say hello."), QStringLiteral("--max-new-tokens"),
                       QStringLiteral("5"), QStringLiteral("--json")});
        QVERIFY(g.waitForFinished(60000));
        QCOMPARE(g.exitCode(), 0);
        QVERIFY(g.readAllStandardOutput().contains("\"done\":true"));
        const QString adapterRun = makeRun(QStringLiteral("adapter"), {{QStringLiteral("method"), QStringLiteral("adapter")},
                                                                        {QStringLiteral("max_steps"), 2}});
        QCOMPARE(cli({QStringLiteral("train"), QStringLiteral("--run-dir"), adapterRun, QStringLiteral("--quiet")}).exitCode, 0);
        r = cli({QStringLiteral("merge"), QStringLiteral("--run-dir"), adapterRun, QStringLiteral("--out"), merged + QStringLiteral("2")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("cannot be merged")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestTrainCli)
#include "test_train_cli.moc"
