// The Training panel driven by QTest (offscreen) with a FAKE worker: a shell
// script written by the test that speaks the run protocol
// (README, "The run folder and the worker protocol") — it writes worker.pid, appends started / plan /
// step / eval events to events.jsonl, and on SIGTERM writes a checkpoint and
// "stopped" and exits. Checked: the live estimate against hand-computed LoRA
// parameter counts; field errors next to the form; the command line; Start
// writes config.json matching the form and the exported data; curves receive
// points; a new panel on the same workspace restores the run and keeps
// following; Stop and Resume (no duplicated steps); runs written by hand with
// a failed / interrupted status; "Try the result" streams the worker's JSON.

#include <QAbstractSpinBox>
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

#include "test_util.h"
#include "training_testutil.h"
#include "widget_test_util.h"
#include "finetune/train_config.h"
#include "training/trainingcharts.h"
#include "training/runlist.h"
#include "training/trainingform.h"
#include "training/trainingpanel.h"
#include "training/trainingtext.h"
#include "training/tryresult.h"
#include "workspace/demo.h"
#include "workspace/qtstrings.h"
#include "workspace/trainingrun.h"
#include "workspace/workspace.h"

using namespace sft;
using sfttest::cliPath;
using sfttest::kTinyLlamaConfig;
using sfttest::readFile;
using sfttest::writeFile;

namespace {

/** The real worker: this build's, or another one named by SFTBENCH_CLI. */

/** Whether the worker of this build has `train` (builds without LibTorch have no engine). */
bool workerCanTrain()
{
    QProcess probe;
    probe.start(cliPath(), {QStringLiteral("train"), QStringLiteral("--help")});
    return probe.waitForFinished(30000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
}

} // namespace

class TestTrainingPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    QString m_worker, m_model;
    QList<qint64> m_pids;   // fake workers to make sure of at the end

    TrainingPanel *newPanel() { return sfttest::newTrainingPanel(m_worker, m_model, m_ws.get()); }

    qint64 trainable(TrainingPanel *panel)
    {
        const QRegularExpression re(QStringLiteral("Trainable parameters: ([0-9,]+) of"));
        const auto m = re.match(panel->form()->estimateLabel()->text());
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
        writeFile(QDir(m_model).filePath(QStringLiteral("config.json")), kTinyLlamaConfig);
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
        QVERIFY2(panel->form()->formError().isEmpty(), qPrintable(panel->form()->formError()));
        QCOMPARE(panel->form()->datasetCombo()->count(), 1);
        QVERIFY(panel->form()->datasetCombo()->currentText().contains(QLatin1String("accepted")));
        // LoRA on q_proj (64 -> 64) and v_proj (64 -> 2 KV heads x 16 = 32): r·(in+out) per layer, 2 layers.
        panel->form()->loraRankSpin()->setValue(8);
        QCOMPARE(trainable(panel.get()), qint64(8 * ((64 + 64) + (64 + 32)) * 2));
        panel->form()->loraRankSpin()->setValue(16);
        QCOMPARE(trainable(panel.get()), qint64(16 * ((64 + 64) + (64 + 32)) * 2));
        QVERIFY(panel->form()->estimateLabel()->text().contains(QLatin1String("Memory estimate")));
        QVERIFY(panel->form()->estimateLabel()->text().contains(QLatin1String("Context budget: 256 tokens")));
        QVERIFY(!panel->form()->estimateLabel()->toolTip().isEmpty());  // the formula
        // Prefix tuning: the context budget shrinks by the virtual tokens.
        panel->form()->methodCombo()->setCurrentIndex(panel->form()->methodCombo()->findData(QStringLiteral("prefix")));
        panel->form()->prefixTokensSpin()->setValue(40);
        QVERIFY2(panel->form()->estimateLabel()->text().contains(QLatin1String("Context budget: 216 tokens")),
                 qPrintable(panel->form()->estimateLabel()->text()));
        // A missing model is said instead of numbers.
        panel->form()->setModelDir(m_dir.filePath(QStringLiteral("nowhere")));
        QVERIFY(panel->form()->estimateLabel()->text().contains(QLatin1String("No config.json")));
        QCOMPARE(trainable(panel.get()), qint64(-1));
    }

    void loraTargetsFollowTheModel()
    {
        // A BLOOM model: its own projection names, PEFT's default (query_key_value), its shapes.
        const QString bloom = m_dir.filePath(QStringLiteral("tiny-bloom"));
        writeFile(QDir(bloom).filePath(QStringLiteral("config.json")),
                  "{\"model_type\":\"bloom\",\"vocab_size\":1000,\"hidden_size\":64,\"n_layer\":2,\"n_head\":4}");
        std::unique_ptr<TrainingPanel> panel(newPanel());
        auto shown = [&] {
            QStringList names;
            for (QCheckBox *c : panel->findChildren<QCheckBox *>())
                if (c->objectName().startsWith(QLatin1String("target_")) && !c->isHidden())
                    names << c->property("module").toString();
            names.sort();
            return names;
        };
        QCOMPARE(shown().size(), 7);
        panel->form()->setModelDir(bloom);
        QCOMPARE(shown(), (QStringList{QStringLiteral("dense"), QStringLiteral("dense_4h_to_h"), QStringLiteral("dense_h_to_4h"),
                                       QStringLiteral("query_key_value")}));
        QCOMPARE(panel->form()->config().lora.targetModules, std::vector<std::string>{"query_key_value"});
        QVERIFY2(panel->form()->formError().isEmpty(), qPrintable(panel->form()->formError()));
        // A config naming no targets means the model's default: shown checked, written out.
        finetune::TrainConfig c = panel->form()->config();
        c.lora.targetModules = {"dense"};
        panel->form()->setConfig(c);
        QCOMPARE(panel->form()->config().lora.targetModules, std::vector<std::string>{"dense"});
        c.lora.targetModules.clear();
        panel->form()->setConfig(c);
        QCOMPARE(panel->form()->config().lora.targetModules, std::vector<std::string>{"query_key_value"});
        panel->form()->loraRankSpin()->setValue(8);
        QCOMPARE(trainable(panel.get()), qint64(8 * (64 + 3 * 64) * 2));   // query_key_value: 64 -> 3·64
        // Back to the LLaMA model: its names and the choice made for it.
        panel->form()->setModelDir(m_model);
        QCOMPARE(shown().size(), 7);
        QCOMPARE(panel->form()->config().lora.targetModules, (std::vector<std::string>{"q_proj", "v_proj"}));
    }

    void modelFolderWithoutConfigBlocksStart()
    {
        std::unique_ptr<TrainingPanel> panel(newPanel());
        QVERIFY(panel->form()->startButton()->isEnabled());
        const QString later = m_dir.filePath(QStringLiteral("model-written-later"));
        QDir().mkpath(later);
        panel->form()->setModelDir(later);
        QVERIFY2(panel->form()->formError().startsWith(QLatin1String("base_model: ")), qPrintable(panel->form()->formError()));
        QVERIFY(!panel->form()->startButton()->isEnabled());
        const qsizetype runsBefore = panel->runList()->runIds().size();
        QVERIFY(!panel->start());
        QCOMPARE(panel->runList()->runIds().size(), runsBefore);  // no failed run left in the list
        // Another tab (or the CLI) writes the model: the form notices by itself, within about a second.
        writeFile(QDir(later).filePath(QStringLiteral("config.json")), kTinyLlamaConfig);
        QTRY_VERIFY_WITH_TIMEOUT(panel->form()->formError().isEmpty(), 5000);
        QVERIFY(panel->form()->startButton()->isEnabled());
        QVERIFY(trainable(panel.get()) > 0);
    }

    void everyNumberOrChoiceHasATooltip()
    {
        std::unique_ptr<TrainingPanel> panel(newPanel());
        QStringList missing;
        for (QWidget *w : panel->form()->findChildren<QWidget *>())
            if ((qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QComboBox *>(w) || qobject_cast<QCheckBox *>(w))
                && w->toolTip().isEmpty())
                missing << w->objectName();
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1String(", "))));
    }

    void fieldErrors()
    {
        std::unique_ptr<TrainingPanel> panel(newPanel());
        QVERIFY(panel->form()->startButton()->isEnabled());
        panel->form()->learningRateEdit()->setText(QStringLiteral("0"));
        QVERIFY2(panel->form()->formErrorLabel()->text().startsWith(QLatin1String("learning_rate: ")),
                 qPrintable(panel->form()->formErrorLabel()->text()));
        QVERIFY(!panel->form()->startButton()->isEnabled());
        QVERIFY(!panel->start());
        panel->form()->learningRateEdit()->setText(QStringLiteral("2e-4"));
        QVERIFY(panel->form()->formError().isEmpty());
        QCOMPARE(panel->form()->config().learningRate, 2e-4);
        // Every LoRA target unchecked.
        for (QCheckBox *c : panel->findChildren<QCheckBox *>())
            if (c->objectName().startsWith(QLatin1String("target_")))
                c->setChecked(false);
        QVERIFY2(panel->form()->formError().startsWith(QLatin1String("lora.target_modules: ")), qPrintable(panel->form()->formError()));
        panel->form()->resetToDefaults();
        QVERIFY(panel->form()->formError().isEmpty());
        finetune::TrainConfig expected;   // the protocol's defaults for a model other than the demo one
        expected.baseModel = ss(QDir(m_model).absolutePath());
        expected.trainData = "data/train.jsonl";
        expected.evalData = "data/eval.jsonl";
        expected.lora.targetModules = {"q_proj", "v_proj"};   // the model's default, written out by the form
        QCOMPARE(QString::fromStdString(panel->form()->config().toJson().dump()), QString::fromStdString(expected.toJson().dump()));
    }

    void conversationOptions()
    {
        std::unique_ptr<TrainingPanel> panel(newPanel());
        auto *format = panel->form()->findChild<QComboBox *>(QStringLiteral("promptFormatCombo"));
        auto *overflow = panel->form()->findChild<QComboBox *>(QStringLiteral("overflowCombo"));
        QVERIFY(format && overflow);
        QCOMPARE(format->itemText(format->findData(QStringLiteral("chat"))), QStringLiteral("The model's own chat template"));
        QCOMPARE(overflow->count(), 2);
        QCOMPARE(overflow->itemText(0), QStringLiteral("Drop whole turns from the end"));
        QCOMPARE(overflow->itemText(1), QStringLiteral("Split into several examples"));
        QCOMPARE(panel->form()->config().conversationOverflow, std::string("truncate"));
        overflow->setCurrentIndex(overflow->findData(QStringLiteral("split")));
        QCOMPARE(panel->form()->config().conversationOverflow, std::string("split"));
        // A config with "split" comes back into the form (a run's settings are restored).
        finetune::TrainConfig c = panel->form()->config();
        overflow->setCurrentIndex(0);
        panel->form()->setConfig(c);
        QCOMPARE(overflow->currentData().toString(), QStringLiteral("split"));
        QVERIFY(panel->form()->formError().isEmpty());
        // "chat" with a model that has no chat template of its own blocks Start, naming the field.
        format->setCurrentIndex(format->findData(QStringLiteral("chat")));
        QVERIFY2(panel->form()->formError().startsWith(QLatin1String("prompt_format: ")), qPrintable(panel->form()->formError()));
        QVERIFY(!panel->form()->startButton()->isEnabled());
        format->setCurrentIndex(format->findData(QStringLiteral("chatml")));
        QVERIFY(panel->form()->formError().isEmpty());
    }

    void commandLine()
    {
        std::unique_ptr<TrainingPanel> panel(newPanel());
        const QString root = runs::runsRoot(m_ws->path());
        const QRegularExpression re(QLatin1Char('^') + QRegularExpression::escape(m_worker + QStringLiteral(" train --run-dir ") + root)
                                    + QStringLiteral("/\\d{8}-\\d{6}-adapter$"));
        panel->form()->methodCombo()->setCurrentIndex(panel->form()->methodCombo()->findData(QStringLiteral("adapter")));
        QVERIFY2(re.match(panel->form()->commandEdit()->text()).hasMatch(), qPrintable(panel->form()->commandEdit()->text()));
        QCOMPARE(trainingtext::shellQuote(QStringLiteral("/a b/it's")), QStringLiteral("'/a b/it'\\''s'"));
        QCOMPARE(trainingtext::shellQuote(QStringLiteral("line\nbreak")), QStringLiteral("'line\\nbreak'"));
        QCOMPARE(trainingtext::shellQuote(QStringLiteral("--run-dir")), QStringLiteral("--run-dir"));
    }

    void startRestoreStopResume()
    {
        auto *panel = newPanel();
        panel->form()->nameEdit()->setText(QStringLiteral("smoke 冒烟"));
        panel->form()->loraRankSpin()->setValue(4);
        panel->form()->learningRateEdit()->setText(QStringLiteral("2e-3"));
        panel->form()->heldOutSpin()->setValue(0.2);
        const finetune::TrainConfig form = panel->form()->config();
        QSignalSpy started(panel->runList(), &RunList::runStarted);
        QVERIFY(panel->start());
        QTRY_COMPARE(started.size(), 1);
        const QString id = started.at(0).at(0).toString();
        const QString dir = panel->runList()->runDir(id);
        QCOMPARE(QFileInfo(dir).path(), runs::runsRoot(m_ws->path()));
        QCOMPARE(panel->runList()->currentRunId(), id);

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
        QCOMPARE(int(panel->runList()->runStatus(id)), int(RunStatus::Running));
        QTRY_VERIFY(panel->runList()->charts()->pointCount(id, TrainingCharts::Metric::Loss) >= 5);
        QTRY_VERIFY(panel->runList()->charts()->pointCount(id, TrainingCharts::Metric::EvalLoss) >= 1);
        QTRY_VERIFY2(panel->runList()->runStatusLabel()->text().contains(QStringLiteral("1,530 tokens/s · ETA 0:31")),
                     qPrintable(panel->runList()->runStatusLabel()->text()));
        QVERIFY(panel->runList()->runStatusLabel()->text().contains(QLatin1String("/ 1,000")));
        // A GPU run's step names the CUDA allocator's peak: that, not the process's RSS, is shown.
        QVERIFY2(panel->runList()->runStatusLabel()->text().contains(QLatin1String("peak GPU memory 2.0 GiB")),
                 qPrintable(panel->runList()->runStatusLabel()->text()));
        QVERIFY2(panel->runList()->planLabel()->text().startsWith(QLatin1String("Trainable 12,288 of 1.2M (1.02%)")),
                 qPrintable(panel->runList()->planLabel()->text()));
        QVERIFY(panel->runList()->stopButton()->isEnabled());
        QVERIFY(!panel->runList()->resumeButton()->isEnabled());

        // The window closes; the worker goes on. A new panel reattaches and keeps following.
        delete panel;
        QTest::qWait(300);
        auto *again = newPanel();
        QVERIFY(again->runList()->runIds().contains(id));
        QCOMPARE(again->runList()->currentRunId(), id);
        QCOMPARE(int(again->runList()->runStatus(id)), int(RunStatus::Running));
        const int restored = again->runList()->charts()->pointCount(id, TrainingCharts::Metric::Loss);
        QVERIFY(restored >= 10);
        QCOMPARE(restored, int(again->runList()->runLog(id)->steps().size()));
        QTRY_VERIFY(again->runList()->charts()->pointCount(id, TrainingCharts::Metric::Loss) > restored + 3);

        // Stop: SIGTERM, the worker checkpoints and writes "stopped".
        QSignalSpy ended(again->runList(), &RunList::runEnded);
        QVERIFY(again->runList()->stop());
        QTRY_COMPARE(int(again->runList()->runStatus(id)), int(RunStatus::Stopped));
        QCOMPARE(ended.size(), 1);
        QCOMPARE(ended.at(0).at(1).toString(), QStringLiteral("stopped"));
        QVERIFY(readFile(QDir(dir).filePath(QStringLiteral("events.jsonl"))).contains("\"event\":\"stopped\""));
        QVERIFY(again->runList()->resumeButton()->isEnabled());
        QVERIFY(!again->runList()->stopButton()->isEnabled());
        const qint64 stoppedAt = again->runList()->runLog(id)->steps().last().step;

        // Resume: the same curve goes on, without duplicated steps.
        QVERIFY(again->runList()->resume());
        QCOMPARE(int(again->runList()->runStatus(id)), int(RunStatus::Running));
        QTest::qWait(1200);  // the worker is still loading: its log still ends with "stopped"
        QCOMPARE(int(again->runList()->runStatus(id)), int(RunStatus::Running));
        QVERIFY(!again->runList()->resumeButton()->isEnabled());
        QTRY_VERIFY(again->runList()->runLog(id)->steps().size() > stoppedAt + 3);
        QTRY_VERIFY(QString::fromUtf8(readFile(QDir(dir).filePath(QStringLiteral("args.txt")))).contains(QLatin1String("--resume")));
        m_pids << runs::workerPid(dir);
        const auto &steps = again->runList()->runLog(id)->steps();
        for (int i = 0; i < steps.size(); ++i)
            QCOMPARE(steps[i].step, qint64(i + 1));
        QVERIFY(again->runList()->stop());
        QTRY_COMPARE(int(again->runList()->runStatus(id)), int(RunStatus::Stopped));
        QCOMPARE(again->runList()->charts()->pointCount(id, TrainingCharts::Metric::Loss), int(again->runList()->runLog(id)->steps().size()));
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
        QCOMPARE(int(panel->runList()->runStatus(QStringLiteral("20250101-120000-lora"))), int(RunStatus::Failed));
        QCOMPARE(int(panel->runList()->runStatus(QStringLiteral("20250101-130000-prefix"))), int(RunStatus::Interrupted));
        panel->runList()->selectRun(QStringLiteral("20250101-120000-lora"));
        QVERIFY(panel->runList()->runStatusLabel()->text().contains(QLatin1String("loss became nan at step 2")));
        QVERIFY(panel->runList()->runStatusLabel()->styleSheet().contains(QLatin1String("#b00020")));
        QVERIFY(!panel->runList()->resumeButton()->isEnabled());
        QCOMPARE(panel->runList()->charts()->pointCount(QStringLiteral("20250101-120000-lora"), TrainingCharts::Metric::Loss), 1);
        const QModelIndex row = panel->runList()->runModel()->match(panel->runList()->runModel()->index(0, 0), Qt::DisplayRole,
                                                         QStringLiteral("bad lr"), 1, Qt::MatchExactly).value(0);
        QVERIFY(row.isValid());
        QCOMPARE(panel->runList()->runModel()->index(row.row(), RunList::StatusColumn).data().toString(), QStringLiteral("failed"));
        panel->runList()->selectRun(QStringLiteral("20250101-130000-prefix"));
        QVERIFY(panel->runList()->resumeButton()->isEnabled());   // a checkpoint exists
        QVERIFY(panel->runList()->runStatusLabel()->text().contains(QLatin1String("out of memory")));
        // Overlay: the checked run stays drawn when another is selected.
        panel->runList()->setRunChecked(QStringLiteral("20250101-120000-lora"), true);
        QVERIFY(panel->runList()->charts()->runs().contains(QStringLiteral("20250101-120000-lora")));
        QVERIFY(panel->runList()->charts()->runs().contains(QStringLiteral("20250101-130000-prefix")));
        panel->runList()->setRunChecked(QStringLiteral("20250101-120000-lora"), false);
        QVERIFY(!panel->runList()->charts()->runs().contains(QStringLiteral("20250101-120000-lora")));
        QDir(failed).removeRecursively();
        QDir(interrupted).removeRecursively();
    }

    void tryTheResult()
    {
        std::unique_ptr<TrainingPanel> panel(newPanel());
        QVERIFY(!panel->runList()->runIds().isEmpty());
        const QString id = panel->runList()->runIds().first();
        const QString dir = panel->runList()->runDir(id);
        // A checkpoint and a best/ result on disk: the picker offers them, newest checkpoint first.
        QDir().mkpath(QDir(dir).filePath(QStringLiteral("checkpoints/step-00000004")));
        QDir().mkpath(QDir(dir).filePath(QStringLiteral("checkpoints/step-00000008")));
        writeFile(QDir(dir).filePath(QStringLiteral("best/train_config.json")), "{}");
        writeFile(QDir(dir).filePath(QStringLiteral("best/best.json")), R"({"step": 8, "eval_loss": 1.25})");
        panel->runList()->selectRun(id);
        TryResult *tryResult = panel->tryResult();
        tryResult->refreshResults();
        QStringList items;
        for (int i = 0; i < tryResult->resultCombo()->count(); ++i)
            items << tryResult->resultCombo()->itemText(i);
        QCOMPARE(items, (QStringList{QStringLiteral("latest (final, else the newest checkpoint)"),
                                     QStringLiteral("best (step 8, eval loss 1.2500)"),
                                     QStringLiteral("checkpoint, step 8"), QStringLiteral("checkpoint, step 4")}));

        // Base and trained, side by side, from one Generate.
        QFile::remove(m_dir.filePath(QStringLiteral("generate-args.txt")));
        tryResult->tryPromptEdit()->setPlainText(QStringLiteral("Say hello"));
        QVERIFY(tryResult->compareCheck()->isChecked());
        QSignalSpy done(tryResult, &TryResult::generateEnded);
        QVERIFY(tryResult->generate());
        QTRY_COMPARE(done.size(), 1);
        QVERIFY(done.at(0).at(0).toBool());
        QVERIFY2(tryResult->tryOutputEdit()->toPlainText().startsWith(QLatin1String("Hello world")),
                 qPrintable(tryResult->tryOutputEdit()->toPlainText()));
        QVERIFY2(tryResult->baseOutputEdit()->toPlainText().startsWith(QLatin1String("base says hi")),
                 qPrintable(tryResult->baseOutputEdit()->toPlainText()));
        const QStringList calls = QString::fromUtf8(readFile(m_dir.filePath(QStringLiteral("generate-args.txt"))))
                                      .trimmed().split(QLatin1Char('\n'));
        QCOMPARE(calls.size(), 2);
        QCOMPARE(calls[0], QStringLiteral("generate --model %1 --prompt-format alpaca --prompt Say hello --max-new-tokens 64 --json")
                               .arg(QDir(m_model).absolutePath()));
        QCOMPARE(calls[1], QStringLiteral("generate --model %1 --adapter %2 --prompt Say hello --max-new-tokens 64 --json")
                               .arg(QDir(m_model).absolutePath(), dir));

        // A chosen checkpoint is exactly what --adapter gets.
        tryResult->resultCombo()->setCurrentIndex(3);
        const QStringList args = tryResult->generateArguments();
        QCOMPARE(args.value(args.indexOf(QStringLiteral("--adapter")) + 1),
                 QDir(dir).filePath(QStringLiteral("checkpoints/step-00000004")));

        // Output of blanks only is said, not left as an empty-looking pane.
        tryResult->compareCheck()->setChecked(false);
        tryResult->tryPromptEdit()->setPlainText(QStringLiteral("SPACES"));
        QVERIFY(tryResult->generate());
        QTRY_COMPARE(done.size(), 2);
        QVERIFY2(tryResult->tryOutputEdit()->toPlainText().contains(QLatin1String("only whitespace (2 token(s)")),
                 qPrintable(tryResult->tryOutputEdit()->toPlainText()));
        QVERIFY(tryResult->baseOutputEdit()->toPlainText().isEmpty());  // not asked for
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
        QCOMPARE(panel->form()->epochsSpin()->value(), 20);
        QCOMPARE(panel->form()->config().learningRate, 5e-3);
        QCOMPARE(panel->form()->config().lora.targetModules.size(), std::size_t(7));
        QCOMPARE(panel->form()->recordsCombo()->currentIndex(), 1);   // the demo trains on every record not rejected
        QCOMPARE(panel->form()->config().promptFormat, std::string("chat"));   // its conversations need a chat template
        panel->form()->epochsSpin()->setValue(4);                      // keep the test short
        const qint64 estimated = trainable(panel.get());
        QVERIFY2(estimated > 0, qPrintable(panel->form()->estimateLabel()->text()));
        QSignalSpy started(panel->runList(), &RunList::runStarted);
        QSignalSpy ended(panel->runList(), &RunList::runEnded);
        QVERIFY(panel->start());
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 60000);
        const QString id = started.at(0).at(0).toString();
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 180000);
        QCOMPARE(ended.at(0).at(0).toString(), id);
        QVERIFY2(ended.at(0).at(1).toString() == QLatin1String("finished"),
                 qPrintable(sft::runs::stderrTail(panel->runList()->runDir(id))));
        const RunLog *log = panel->runList()->runLog(id);
        const QJsonObject plan = log->plan();
        // The worker's plan and the form's estimate come from the same code.
        QCOMPARE(qint64(plan.value(QStringLiteral("trainable_parameters")).toDouble()), estimated);
        const int total = plan.value(QStringLiteral("total_steps")).toInt();
        QVERIFY(total > 0);
        QCOMPARE(int(log->steps().size()), total);
        QCOMPARE(panel->runList()->charts()->pointCount(id, TrainingCharts::Metric::Loss), total);
        QVERIFY(panel->runList()->charts()->pointCount(id, TrainingCharts::Metric::EvalLoss) >= 1);
        // The held-out loss (the same records each time; a step's loss depends on its batch) falls.
        QVERIFY(log->evals().size() >= 2);
        QVERIFY2(log->evals().last().loss < log->evals().first().loss, "the eval loss did not fall");
        QVERIFY(QFileInfo::exists(QDir(panel->runList()->runDir(id)).filePath(QStringLiteral("adapter/adapter_config.json"))));
        QCOMPARE(panel->runList()->runModel()->index(panel->runList()->runModel()->match(panel->runList()->runModel()->index(0, 0), Qt::DisplayRole, id).value(0).row(),
                                          RunList::StatusColumn).data().toString(),
                 QStringLiteral("finished"));
        // Try the result: generation with the run's adapter streams text.
        panel->runList()->selectRun(id);
        panel->tryResult()->tryPromptEdit()->setPlainText(QStringLiteral("Give three tips for keeping a houseplant alive."));
        QSignalSpy generated(panel->tryResult(), &TryResult::generateEnded);
        QVERIFY(panel->tryResult()->generate());
        QTRY_COMPARE_WITH_TIMEOUT(generated.size(), 1, 60000);
        QVERIFY2(generated.at(0).at(0).toBool(), qPrintable(panel->tryResult()->tryOutputEdit()->toPlainText()));
        QVERIFY(!panel->tryResult()->tryOutputEdit()->toPlainText().trimmed().isEmpty());
        // Merge the LoRA run into a model folder, then delete the run.
        QVERIFY(panel->runList()->canMerge(id));
        QSignalSpy merged(panel->runList(), &RunList::mergeEnded);
        const QString out = m_dir.filePath(QStringLiteral("merged-model"));
        QVERIFY(panel->runList()->mergeRun(id, out));
        QTRY_COMPARE_WITH_TIMEOUT(merged.size(), 1, 60000);
        QVERIFY2(merged.at(0).at(0).toBool(), qPrintable(merged.at(0).at(1).toString()));
        QVERIFY(QFileInfo::exists(QDir(out).filePath(QStringLiteral("model.safetensors"))));
        QVERIFY(QFileInfo::exists(QDir(out).filePath(QStringLiteral("tokenizer.json"))));
        const QString dir = panel->runList()->runDir(id);
        const int rows = panel->runList()->runModel()->rowCount();
        QVERIFY(panel->runList()->deleteRun(id));
        QVERIFY(!QFileInfo::exists(dir));
        QCOMPARE(panel->runList()->runModel()->rowCount(), rows - 1);
        QVERIFY(!panel->runList()->runLog(id));
        QCOMPARE(panel->runList()->charts()->pointCount(id, TrainingCharts::Metric::Loss), 0);
    }

    void realWorkerOutlivesThePanelAndResumes()
    {
        // The issue's acceptance path with the real worker: start, close the panel (the worker keeps
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
            panel->form()->epochsSpin()->setValue(200);   // long enough to outlive the first panel
            QSignalSpy started(panel->runList(), &RunList::runStarted);
            QVERIFY(panel->start());
            QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 60000);
            id = started.at(0).at(0).toString();
            QTRY_VERIFY_WITH_TIMEOUT(panel->runList()->runLog(id) && panel->runList()->runLog(id)->steps().size() >= 3, 60000);
        } // the panel is gone; the detached worker is not
        std::unique_ptr<TrainingPanel> panel(new TrainingPanel);
        panel->setWorkerProgram(cliPath());
        panel->setDemoModelDir(model);
        panel->setContext(m_ws.get(), nullptr);
        QVERIFY(panel->runList()->runLog(id));
        QCOMPARE(panel->runList()->runStatus(id), sft::RunStatus::Running);
        QVERIFY(!panel->runList()->deleteRun(id));   // not while it runs
        const int restored = int(panel->runList()->runLog(id)->steps().size());
        QVERIFY(restored >= 3);
        QTRY_VERIFY_WITH_TIMEOUT(panel->runList()->charts()->pointCount(id, TrainingCharts::Metric::Loss) > restored + 3, 60000);
        panel->runList()->selectRun(id);
        QVERIFY(panel->runList()->stop());
        QTRY_COMPARE_WITH_TIMEOUT(panel->runList()->runStatus(id), sft::RunStatus::Stopped, 60000);
        const qint64 stoppedAt = panel->runList()->runLog(id)->steps().last().step;
        QVERIFY(!panel->runList()->runLog(id)->checkpoints().isEmpty());
        QCOMPARE(panel->runList()->runLog(id)->checkpoints().last().step, stoppedAt);
        panel->runList()->selectRun(id);
        QVERIFY(panel->runList()->resume());
        QTRY_VERIFY_WITH_TIMEOUT(panel->runList()->runLog(id)->steps().size() > stoppedAt + 3, 60000);
        QVERIFY(panel->runList()->stop());
        QTRY_COMPARE_WITH_TIMEOUT(panel->runList()->runStatus(id), sft::RunStatus::Stopped, 60000);
        // One continuous curve: steps 1..n, each once, in the log and in the chart.
        const auto &steps = panel->runList()->runLog(id)->steps();
        for (int i = 0; i < steps.size(); ++i)
            QCOMPARE(steps[i].step, qint64(i + 1));
        QCOMPARE(panel->runList()->charts()->pointCount(id, TrainingCharts::Metric::Loss), int(steps.size()));
    }
};

QTEST_MAIN(TestTrainingPanel)
#include "test_trainingpanel.moc"
