// The Training panel driven by QTest (offscreen) with a FAKE worker: a shell
// script written by the test that speaks the run protocol
// (notes/train-protocol.md) — it writes worker.pid, appends started / plan /
// step / eval events to events.jsonl, and on SIGTERM writes a checkpoint and
// "stopped" and exits. Checked: the live estimate against hand-computed LoRA
// parameter counts; field errors next to the form; the command line; Start
// writes config.json matching the form and the exported data; curves receive
// points; a new panel on the same workspace restores the run and keeps
// following; Stop and Resume (no duplicated steps); runs written by hand with
// a failed / interrupted status; "Try the result" streams the worker's JSON.

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <csignal>

#include <nlohmann/json.hpp>

#include "finetune/train_config.h"
#include "trainingcharts.h"
#include "trainingpanel.h"
#include "workspace/demo.h"
#include "workspace/qtstrings.h"
#include "workspace/trainingrun.h"
#include "workspace/workspace.h"

using namespace sft;

namespace {

// A tiny LLaMA config.json: hidden 64, 2 layers, 4 heads (head_dim 16), KV heads 2.
const char kModelConfig[] =
    "{\"model_type\":\"llama\",\"vocab_size\":1000,\"hidden_size\":64,\"intermediate_size\":128,"
    "\"num_hidden_layers\":2,\"num_attention_heads\":4,\"num_key_value_heads\":2,"
    "\"max_position_embeddings\":256,\"rms_norm_eps\":1e-6,\"torch_dtype\":\"float32\"}";

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

/** The real worker: this build's, or another one named by SFTBENCH_CLI. */
QString cliPath() { return qEnvironmentVariable("SFTBENCH_CLI", QStringLiteral(SFT_BINARY_DIR "/app/sftbench-cli")); }

/** Whether the worker of this build has `train` (builds without LibTorch have no engine). */
bool workerCanTrain()
{
    QProcess probe;
    probe.start(cliPath(), {QStringLiteral("train"), QStringLiteral("--help")});
    return probe.waitForFinished(30000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestTrainingPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    QString m_worker, m_model;
    QList<qint64> m_pids;   // fake workers to make sure of at the end

    TrainingPanel *newPanel()
    {
        auto *panel = new TrainingPanel;
        panel->setWorkerProgram(m_worker);
        panel->setModelDir(m_model);
        panel->setContext(m_ws.get(), nullptr);
        panel->resize(1300, 850);
        return panel;
    }

    qint64 trainable(TrainingPanel *panel)
    {
        const QRegularExpression re(QStringLiteral("Trainable parameters: ([0-9,]+) of"));
        const auto m = re.match(panel->estimateLabel()->text());
        return m.hasMatch() ? m.captured(1).remove(QLatin1Char(',')).toLongLong() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ws = Workspace::open(ensureDemoWorkspace(m_dir.filePath(QStringLiteral("demo.sftws"))));
        m_worker = m_dir.filePath(QStringLiteral("bin/fake-sftbench-cli.sh"));
        writeFile(m_worker, readFile(QStringLiteral(SFT_TEST_DATA_DIR "/fake-sftbench-cli.sh")));
        QVERIFY(readFile(m_worker).startsWith("#!/bin/sh"));
        QFile::setPermissions(m_worker, QFile::permissions(m_worker) | QFileDevice::ExeOwner);
        m_model = m_dir.filePath(QStringLiteral("tiny-model"));
        writeFile(QDir(m_model).filePath(QStringLiteral("config.json")), kModelConfig);
        qputenv("FAKE_GENERATE_ARGS", m_dir.filePath(QStringLiteral("generate-args.txt")).toUtf8());
    }

    void cleanupTestCase()
    {
        // No fake worker outlives the test, even after a failed check.
        for (const QString &dir : runs::runDirs(runs::runsRoot(m_ws->path())))
            m_pids << runs::workerPid(dir);
        for (qint64 pid : std::as_const(m_pids))
            if (runs::isWorkerAlive(pid))
                ::kill(pid_t(pid), SIGKILL);
    }

    void estimateFollowsTheForm()
    {
        std::unique_ptr<TrainingPanel> panel(newPanel());
        QVERIFY2(panel->formError().isEmpty(), qPrintable(panel->formError()));
        QCOMPARE(panel->datasetCombo()->count(), 1);
        QVERIFY(panel->datasetCombo()->currentText().contains(QLatin1String("accepted")));
        // LoRA on q_proj (64 -> 64) and v_proj (64 -> 2 KV heads x 16 = 32): r·(in+out) per layer, 2 layers.
        panel->loraRankSpin()->setValue(8);
        QCOMPARE(trainable(panel.get()), qint64(8 * ((64 + 64) + (64 + 32)) * 2));
        panel->loraRankSpin()->setValue(16);
        QCOMPARE(trainable(panel.get()), qint64(16 * ((64 + 64) + (64 + 32)) * 2));
        QVERIFY(panel->estimateLabel()->text().contains(QLatin1String("Memory estimate")));
        QVERIFY(panel->estimateLabel()->text().contains(QLatin1String("Context budget: 256 tokens")));
        QVERIFY(!panel->estimateLabel()->toolTip().isEmpty());  // the formula
        // Prefix tuning: the context budget shrinks by the virtual tokens.
        panel->methodCombo()->setCurrentIndex(panel->methodCombo()->findData(QStringLiteral("prefix")));
        panel->prefixTokensSpin()->setValue(40);
        QVERIFY2(panel->estimateLabel()->text().contains(QLatin1String("Context budget: 216 tokens")),
                 qPrintable(panel->estimateLabel()->text()));
        // A missing model is said instead of numbers.
        panel->setModelDir(m_dir.filePath(QStringLiteral("nowhere")));
        QVERIFY(panel->estimateLabel()->text().contains(QLatin1String("No config.json")));
        QCOMPARE(trainable(panel.get()), qint64(-1));
    }

    void fieldErrors()
    {
        std::unique_ptr<TrainingPanel> panel(newPanel());
        QVERIFY(panel->startButton()->isEnabled());
        panel->learningRateEdit()->setText(QStringLiteral("0"));
        QVERIFY2(panel->formErrorLabel()->text().startsWith(QLatin1String("learning_rate: ")),
                 qPrintable(panel->formErrorLabel()->text()));
        QVERIFY(!panel->startButton()->isEnabled());
        QVERIFY(!panel->start());
        panel->learningRateEdit()->setText(QStringLiteral("2e-4"));
        QVERIFY(panel->formError().isEmpty());
        QCOMPARE(panel->config().learningRate, 2e-4);
        // Every LoRA target unchecked.
        for (QCheckBox *c : panel->findChildren<QCheckBox *>())
            if (c->objectName().startsWith(QLatin1String("target_")))
                c->setChecked(false);
        QVERIFY2(panel->formError().startsWith(QLatin1String("lora.target_modules: ")), qPrintable(panel->formError()));
        panel->resetToDefaults();
        QVERIFY(panel->formError().isEmpty());
        finetune::TrainConfig expected;   // the protocol's defaults for a model other than the demo one
        expected.baseModel = ss(QDir(m_model).absolutePath());
        expected.trainData = "data/train.jsonl";
        expected.evalData = "data/eval.jsonl";
        QCOMPARE(QString::fromStdString(panel->config().toJson().dump()), QString::fromStdString(expected.toJson().dump()));
    }

    void commandLine()
    {
        std::unique_ptr<TrainingPanel> panel(newPanel());
        const QString root = runs::runsRoot(m_ws->path());
        const QRegularExpression re(QLatin1Char('^') + QRegularExpression::escape(m_worker + QStringLiteral(" train --run-dir ") + root)
                                    + QStringLiteral("/\\d{8}-\\d{6}-adapter$"));
        panel->methodCombo()->setCurrentIndex(panel->methodCombo()->findData(QStringLiteral("adapter")));
        QVERIFY2(re.match(panel->commandEdit()->text()).hasMatch(), qPrintable(panel->commandEdit()->text()));
        QCOMPARE(TrainingPanel::shellQuote(QStringLiteral("/a b/it's")), QStringLiteral("'/a b/it'\\''s'"));
        QCOMPARE(TrainingPanel::shellQuote(QStringLiteral("line\nbreak")), QStringLiteral("'line\\nbreak'"));
        QCOMPARE(TrainingPanel::shellQuote(QStringLiteral("--run-dir")), QStringLiteral("--run-dir"));
    }

    void startRestoreStopResume()
    {
        auto *panel = newPanel();
        panel->nameEdit()->setText(QStringLiteral("smoke 冒烟"));
        panel->loraRankSpin()->setValue(4);
        panel->learningRateEdit()->setText(QStringLiteral("2e-3"));
        panel->heldOutSpin()->setValue(0.2);
        const finetune::TrainConfig form = panel->config();
        QSignalSpy started(panel, &TrainingPanel::runStarted);
        QVERIFY(panel->start());
        QTRY_COMPARE(started.size(), 1);
        const QString id = started.at(0).at(0).toString();
        const QString dir = panel->runDir(id);
        QCOMPARE(QFileInfo(dir).path(), runs::runsRoot(m_ws->path()));
        QCOMPARE(panel->currentRunId(), id);

        // config.json is the form, with the exported data.
        finetune::TrainConfig written = finetune::TrainConfig::fromFile(ss(QDir(dir).filePath(QStringLiteral("config.json"))));
        QCOMPARE(written.name, std::string("smoke 冒烟"));
        QCOMPARE(written.lora.rank, 4);
        QCOMPARE(written.learningRate, 2e-3);
        QCOMPARE(QString::fromStdString(written.baseModel), QDir(m_model).absolutePath());
        QCOMPARE(written.trainData, std::string("data/train.jsonl"));
        QCOMPARE(written.evalData, std::string("data/eval.jsonl"));
        QCOMPARE(QString::fromStdString(written.toJson().dump()), QString::fromStdString(form.toJson().dump()));
        const int trainLines = int(readFile(QDir(dir).filePath(QStringLiteral("data/train.jsonl"))).trimmed().split('\n').size());
        const int evalLines = int(readFile(QDir(dir).filePath(QStringLiteral("data/eval.jsonl"))).trimmed().split('\n').size());
        QCOMPARE(qint64(trainLines + evalLines), m_ws->datasets().first().accepted);

        // The worker runs with the protocol's arguments and the curves fill.
        QTRY_COMPARE(QString::fromUtf8(readFile(QDir(dir).filePath(QStringLiteral("args.txt"))).trimmed()),
                     QStringLiteral("train --run-dir %1").arg(dir));
        m_pids << runs::workerPid(dir);
        QCOMPARE(int(panel->runStatus(id)), int(RunStatus::Running));
        QTRY_VERIFY(panel->charts()->pointCount(id, TrainingCharts::Metric::Loss) >= 5);
        QTRY_VERIFY(panel->charts()->pointCount(id, TrainingCharts::Metric::EvalLoss) >= 1);
        QTRY_VERIFY2(panel->runStatusLabel()->text().contains(QStringLiteral("1,530 tokens/s · ETA 0:31")),
                     qPrintable(panel->runStatusLabel()->text()));
        QVERIFY(panel->runStatusLabel()->text().contains(QLatin1String("/ 1,000")));
        QVERIFY2(panel->planLabel()->text().startsWith(QLatin1String("Trainable 12,288 of 1.2M (1.02%)")),
                 qPrintable(panel->planLabel()->text()));
        QVERIFY(panel->stopButton()->isEnabled());
        QVERIFY(!panel->resumeButton()->isEnabled());

        // The window closes; the worker goes on. A new panel reattaches and keeps following.
        delete panel;
        QTest::qWait(300);
        auto *again = newPanel();
        QVERIFY(again->runIds().contains(id));
        QCOMPARE(again->currentRunId(), id);
        QCOMPARE(int(again->runStatus(id)), int(RunStatus::Running));
        const int restored = again->charts()->pointCount(id, TrainingCharts::Metric::Loss);
        QVERIFY(restored >= 10);
        QCOMPARE(restored, int(again->runLog(id)->steps().size()));
        QTRY_VERIFY(again->charts()->pointCount(id, TrainingCharts::Metric::Loss) > restored + 3);

        // Stop: SIGTERM, the worker checkpoints and writes "stopped".
        QSignalSpy ended(again, &TrainingPanel::runEnded);
        QVERIFY(again->stop());
        QTRY_COMPARE(int(again->runStatus(id)), int(RunStatus::Stopped));
        QCOMPARE(ended.size(), 1);
        QCOMPARE(ended.at(0).at(1).toString(), QStringLiteral("stopped"));
        QVERIFY(readFile(QDir(dir).filePath(QStringLiteral("events.jsonl"))).contains("\"event\":\"stopped\""));
        QVERIFY(again->resumeButton()->isEnabled());
        QVERIFY(!again->stopButton()->isEnabled());
        const qint64 stoppedAt = again->runLog(id)->steps().last().step;

        // Resume: the same curve goes on, without duplicated steps.
        QVERIFY(again->resume());
        QCOMPARE(int(again->runStatus(id)), int(RunStatus::Running));
        QTest::qWait(1200);  // the worker is still loading: its log still ends with "stopped"
        QCOMPARE(int(again->runStatus(id)), int(RunStatus::Running));
        QVERIFY(!again->resumeButton()->isEnabled());
        QTRY_VERIFY(again->runLog(id)->steps().size() > stoppedAt + 3);
        QTRY_VERIFY(QString::fromUtf8(readFile(QDir(dir).filePath(QStringLiteral("args.txt")))).contains(QLatin1String("--resume")));
        m_pids << runs::workerPid(dir);
        const auto &steps = again->runLog(id)->steps();
        for (int i = 0; i < steps.size(); ++i)
            QCOMPARE(steps[i].step, qint64(i + 1));
        QVERIFY(again->stop());
        QTRY_COMPARE(int(again->runStatus(id)), int(RunStatus::Stopped));
        QCOMPARE(again->charts()->pointCount(id, TrainingCharts::Metric::Loss), int(again->runLog(id)->steps().size()));
        delete again;
    }

    void handWrittenRuns()
    {
        const QString root = runs::runsRoot(m_ws->path());
        const QString failed = QDir(root).filePath(QStringLiteral("20250101-120000-lora"));
        writeFile(QDir(failed).filePath(QStringLiteral("config.json")), "{\"name\":\"bad lr\",\"method\":\"lora\",\"learning_rate\":2}");
        writeFile(QDir(failed).filePath(QStringLiteral("events.jsonl")),
                  "{\"event\":\"started\",\"pid\":1}\n{\"event\":\"step\",\"step\":1,\"loss\":9.5}\n"
                  "{\"event\":\"failed\",\"step\":2,\"reason\":\"loss became nan at step 2 (learning rate 2): lower the learning rate\"}\n");
        const QString interrupted = QDir(root).filePath(QStringLiteral("20250101-130000-prefix"));
        writeFile(QDir(interrupted).filePath(QStringLiteral("config.json")),
                  "{\"method\":\"prefix\",\"prefix\":{\"num_virtual_tokens\":8}}");
        writeFile(QDir(interrupted).filePath(QStringLiteral("events.jsonl")),
                  "{\"event\":\"started\",\"pid\":1}\n{\"event\":\"step\",\"step\":1,\"loss\":3}\n"
                  "{\"event\":\"checkpoint\",\"step\":1,\"path\":\"checkpoints/step-00000001\"}\n{\"event\":\"step\",\"step\":2,\"loss\":2.5}\n");
        writeFile(QDir(interrupted).filePath(QStringLiteral("worker.pid")),
                  QByteArray::number(QCoreApplication::applicationPid()) + "\n");  // alive, but not a worker
        writeFile(QDir(interrupted).filePath(QStringLiteral("stderr.log")), "error: out of memory\n");

        std::unique_ptr<TrainingPanel> panel(newPanel());
        QCOMPARE(int(panel->runStatus(QStringLiteral("20250101-120000-lora"))), int(RunStatus::Failed));
        QCOMPARE(int(panel->runStatus(QStringLiteral("20250101-130000-prefix"))), int(RunStatus::Interrupted));
        panel->selectRun(QStringLiteral("20250101-120000-lora"));
        QVERIFY(panel->runStatusLabel()->text().contains(QLatin1String("loss became nan at step 2")));
        QVERIFY(panel->runStatusLabel()->styleSheet().contains(QLatin1String("#b00020")));
        QVERIFY(!panel->resumeButton()->isEnabled());
        QCOMPARE(panel->charts()->pointCount(QStringLiteral("20250101-120000-lora"), TrainingCharts::Metric::Loss), 1);
        const QModelIndex row = panel->runModel()->match(panel->runModel()->index(0, 0), Qt::DisplayRole,
                                                         QStringLiteral("bad lr"), 1, Qt::MatchExactly).value(0);
        QVERIFY(row.isValid());
        QCOMPARE(panel->runModel()->index(row.row(), TrainingPanel::StatusColumn).data().toString(), QStringLiteral("failed"));
        panel->selectRun(QStringLiteral("20250101-130000-prefix"));
        QVERIFY(panel->resumeButton()->isEnabled());   // a checkpoint exists
        QVERIFY(panel->runStatusLabel()->text().contains(QLatin1String("out of memory")));
        // Overlay: the checked run stays drawn when another is selected.
        panel->setRunChecked(QStringLiteral("20250101-120000-lora"), true);
        QVERIFY(panel->charts()->runs().contains(QStringLiteral("20250101-120000-lora")));
        QVERIFY(panel->charts()->runs().contains(QStringLiteral("20250101-130000-prefix")));
        panel->setRunChecked(QStringLiteral("20250101-120000-lora"), false);
        QVERIFY(!panel->charts()->runs().contains(QStringLiteral("20250101-120000-lora")));
        QDir(failed).removeRecursively();
        QDir(interrupted).removeRecursively();
    }

    void tryTheResult()
    {
        std::unique_ptr<TrainingPanel> panel(newPanel());
        QVERIFY(!panel->runIds().isEmpty());
        const QString id = panel->runIds().first();
        panel->selectRun(id);
        panel->tryPromptEdit()->setPlainText(QStringLiteral("Say hello"));
        QSignalSpy done(panel.get(), &TrainingPanel::generateEnded);
        QVERIFY(panel->generate());
        QTRY_COMPARE(done.size(), 1);
        QVERIFY(done.at(0).at(0).toBool());
        QVERIFY2(panel->tryOutputEdit()->toPlainText().startsWith(QLatin1String("Hello world")),
                 qPrintable(panel->tryOutputEdit()->toPlainText()));
        const QString args = QString::fromUtf8(readFile(m_dir.filePath(QStringLiteral("generate-args.txt")))).trimmed();
        QCOMPARE(args, QStringLiteral("generate --model %1 --adapter %2 --prompt Say hello --max-new-tokens 64 --json")
                           .arg(QDir(m_model).absolutePath(), panel->runDir(id)));
        panel->withAdapterCheck()->setChecked(false);
        const QStringList base = panel->generateArguments();
        QVERIFY(!base.contains(QStringLiteral("--adapter")));
        QCOMPARE(base.mid(base.indexOf(QStringLiteral("--prompt-format")), 2),
                 (QStringList{QStringLiteral("--prompt-format"), QStringLiteral("alpaca")}));
    }

    void realWorkerEndToEnd()
    {
        if (!workerCanTrain())
            QSKIP("this build has no `sftbench-cli train`");
        const QString model = m_dir.filePath(QStringLiteral("demo-model"));
        ensureDemoModel(model, cliPath());
        std::unique_ptr<TrainingPanel> panel(new TrainingPanel);
        panel->setWorkerProgram(cliPath());
        panel->setDemoModelDir(model);  // the demo model, with the demo defaults
        panel->setContext(m_ws.get(), nullptr);
        QCOMPARE(panel->epochsSpin()->value(), 20);
        QCOMPARE(panel->config().learningRate, 5e-3);
        QCOMPARE(panel->config().lora.targetModules.size(), std::size_t(7));
        QCOMPARE(panel->recordsCombo()->currentIndex(), 1);   // the demo trains on every record not rejected
        panel->epochsSpin()->setValue(4);                      // keep the test short
        const qint64 estimated = trainable(panel.get());
        QVERIFY2(estimated > 0, qPrintable(panel->estimateLabel()->text()));
        QSignalSpy started(panel.get(), &TrainingPanel::runStarted);
        QSignalSpy ended(panel.get(), &TrainingPanel::runEnded);
        QVERIFY(panel->start());
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 60000);
        const QString id = started.at(0).at(0).toString();
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 180000);
        QCOMPARE(ended.at(0).at(0).toString(), id);
        QVERIFY2(ended.at(0).at(1).toString() == QLatin1String("finished"),
                 qPrintable(sft::runs::stderrTail(panel->runDir(id))));
        const RunLog *log = panel->runLog(id);
        const QJsonObject plan = log->plan();
        // The worker's plan and the form's estimate come from the same code.
        QCOMPARE(qint64(plan.value(QStringLiteral("trainable_parameters")).toDouble()), estimated);
        const int total = plan.value(QStringLiteral("total_steps")).toInt();
        QVERIFY(total > 0);
        QCOMPARE(int(log->steps().size()), total);
        QCOMPARE(panel->charts()->pointCount(id, TrainingCharts::Metric::Loss), total);
        QVERIFY(panel->charts()->pointCount(id, TrainingCharts::Metric::EvalLoss) >= 1);
        QVERIFY2(log->steps().last().loss < log->steps().first().loss, "the loss did not fall");
        QVERIFY(QFileInfo::exists(QDir(panel->runDir(id)).filePath(QStringLiteral("adapter/adapter_config.json"))));
        QCOMPARE(panel->runModel()->index(panel->runModel()->match(panel->runModel()->index(0, 0), Qt::DisplayRole, id).value(0).row(),
                                          TrainingPanel::StatusColumn).data().toString(),
                 QStringLiteral("finished"));
        // Try the result: generation with the run's adapter streams text.
        panel->selectRun(id);
        panel->tryPromptEdit()->setPlainText(QStringLiteral("Give three tips for keeping a houseplant alive."));
        QSignalSpy generated(panel.get(), &TrainingPanel::generateEnded);
        QVERIFY(panel->generate());
        QTRY_COMPARE_WITH_TIMEOUT(generated.size(), 1, 60000);
        QVERIFY2(generated.at(0).at(0).toBool(), qPrintable(panel->tryOutputEdit()->toPlainText()));
        QVERIFY(!panel->tryOutputEdit()->toPlainText().trimmed().isEmpty());
        // Merge the LoRA run into a model folder, then delete the run.
        QVERIFY(panel->canMerge(id));
        QSignalSpy merged(panel.get(), &TrainingPanel::mergeEnded);
        const QString out = m_dir.filePath(QStringLiteral("merged-model"));
        QVERIFY(panel->mergeRun(id, out));
        QTRY_COMPARE_WITH_TIMEOUT(merged.size(), 1, 60000);
        QVERIFY2(merged.at(0).at(0).toBool(), qPrintable(merged.at(0).at(1).toString()));
        QVERIFY(QFileInfo::exists(QDir(out).filePath(QStringLiteral("model.safetensors"))));
        QVERIFY(QFileInfo::exists(QDir(out).filePath(QStringLiteral("tokenizer.json"))));
        const QString dir = panel->runDir(id);
        const int rows = panel->runModel()->rowCount();
        QVERIFY(panel->deleteRun(id));
        QVERIFY(!QFileInfo::exists(dir));
        QCOMPARE(panel->runModel()->rowCount(), rows - 1);
        QVERIFY(!panel->runLog(id));
        QCOMPARE(panel->charts()->pointCount(id, TrainingCharts::Metric::Loss), 0);
    }

    void realWorkerOutlivesThePanelAndResumes()
    {
        // The acceptance path with the real worker: start, close the panel (the worker keeps
        // going), reopen (curves restored, still followed), stop (checkpoint), resume (one curve).
        if (!workerCanTrain())
            QSKIP("this build has no `sftbench-cli train`");
        const QString model = m_dir.filePath(QStringLiteral("demo-model"));
        ensureDemoModel(model, cliPath());
        QString id;
        {
            std::unique_ptr<TrainingPanel> panel(new TrainingPanel);
            panel->setWorkerProgram(cliPath());
            panel->setDemoModelDir(model);
            panel->setContext(m_ws.get(), nullptr);
            panel->epochsSpin()->setValue(200);   // long enough to outlive the first panel
            QSignalSpy started(panel.get(), &TrainingPanel::runStarted);
            QVERIFY(panel->start());
            QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 60000);
            id = started.at(0).at(0).toString();
            QTRY_VERIFY_WITH_TIMEOUT(panel->runLog(id) && panel->runLog(id)->steps().size() >= 3, 60000);
        } // the panel is gone; the detached worker is not
        std::unique_ptr<TrainingPanel> panel(new TrainingPanel);
        panel->setWorkerProgram(cliPath());
        panel->setDemoModelDir(model);
        panel->setContext(m_ws.get(), nullptr);
        QVERIFY(panel->runLog(id));
        QCOMPARE(panel->runStatus(id), sft::RunStatus::Running);
        QVERIFY(!panel->deleteRun(id));   // not while it runs
        const int restored = int(panel->runLog(id)->steps().size());
        QVERIFY(restored >= 3);
        QTRY_VERIFY_WITH_TIMEOUT(panel->charts()->pointCount(id, TrainingCharts::Metric::Loss) > restored + 3, 60000);
        panel->selectRun(id);
        QVERIFY(panel->stop());
        QTRY_COMPARE_WITH_TIMEOUT(panel->runStatus(id), sft::RunStatus::Stopped, 60000);
        const qint64 stoppedAt = panel->runLog(id)->steps().last().step;
        QVERIFY(!panel->runLog(id)->checkpoints().isEmpty());
        QCOMPARE(panel->runLog(id)->checkpoints().last().step, stoppedAt);
        panel->selectRun(id);
        QVERIFY(panel->resume());
        QTRY_VERIFY_WITH_TIMEOUT(panel->runLog(id)->steps().size() > stoppedAt + 3, 60000);
        QVERIFY(panel->stop());
        QTRY_COMPARE_WITH_TIMEOUT(panel->runStatus(id), sft::RunStatus::Stopped, 60000);
        // One continuous curve: steps 1..n, each once, in the log and in the chart.
        const auto &steps = panel->runLog(id)->steps();
        for (int i = 0; i < steps.size(); ++i)
            QCOMPARE(steps[i].step, qint64(i + 1));
        QCOMPARE(panel->charts()->pointCount(id, TrainingCharts::Metric::Loss), int(steps.size()));
    }
};

QTEST_MAIN(TestTrainingPanel)
#include "test_trainingpanel.moc"
