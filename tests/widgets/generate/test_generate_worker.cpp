// The Generate tab in the main window driven by QTest (offscreen) with the
// REAL worker, `sftbench-cli self-instruct`, against a scripted
// OpenAI-compatible endpoint (tests/selfinstruct/scripted_endpoint.h, an
// httplib server in this process). The form is filled for the endpoint with
// an API key kept in the settings and a dataset of the workspace as seeds;
// Start, progress in the live view, Stop (the worker exits), Resume, the
// target, then "Review in Curation". Checked on the way: every request
// carried "Authorization: Bearer <key>" and the key is in no file of the run;
// the worker's own rules and fields reach the view (no_instances, dropped
// duplicate instances, pending); the seeds were normalised to seeds.jsonl;
// the kept tasks landed as pending records with source
// "self-instruct:<run>#<id>", one per kept instance, and the Curation tab
// reads them once the run ended.
//
// The endpoint holds the third and later requests for new instructions until
// the test releases them, so the run cannot reach its target before Stop: no
// timing is asserted, the QTRY_ waits only have generous caps.

#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <csignal>
#include <random>
#include <set>
#include <thread>

#include "scripted_endpoint.h"
#include "test_util.h"

#include "curation/curationpanel.h"
#include "curation/recordtablemodel.h"
#include "generate/generateform.h"
#include "generate/generatepanel.h"
#include "generate/generaterun.h"
#include "generate/generaterunlist.h"
#include "generate/generatestats.h"
#include "generate/generateview.h"
#include "generate/promptsdialog.h"
#include "generate/tasktablemodel.h"
#include "mainwindow.h"
#include "workspace/demo.h"
#include "workspace/trainingrun.h"
#include "workspace/workspace.h"

using namespace sft;
using sfttest::ScriptedReply;
using sfttest::ScriptedRequest;
using sfttest::ScriptedServer;

namespace {

const char kKey[] = "sk-worker-secret-4242";
constexpr int kTarget = 14;

/** A new instruction unlike the others (distinct words, numbered). */
std::string invent(std::uint64_t n)
{
    static const char *words[] = {"river", "market", "engine", "garden", "theory", "castle", "budget", "signal", "harbor",
                                  "forest", "ladder", "planet", "recipe", "ticket", "violin", "winter", "museum", "circuit"};
    std::mt19937 rng(unsigned(1000 + n));
    std::string s = "Describe";
    for (int i = 0; i < 7; ++i)
        s += std::string(" ") + (i % 3 == 1 ? "the" : words[rng() % 18]);
    return s + " " + std::to_string(n) + ".";
}

/** The number an invented instruction ends with; -1 for another text. */
long inventedNumber(const std::string &task)
{
    const std::size_t dot = task.rfind('.');
    const std::size_t space = task.rfind(' ', dot);
    if (dot == std::string::npos || space == std::string::npos)
        return -1;
    try {
        return std::stol(task.substr(space + 1, dot - space - 1));
    } catch (const std::exception &) {
        return -1;
    }
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestGenerateWorker : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_wsPath;

private Q_SLOTS:
    void initTestCase()
    {
        ::signal(SIGPIPE, SIG_IGN);
        if (!QFile::exists(sfttest::cliPath()))
            QSKIP("sftbench-cli is not built");
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        m_wsPath = ensureDemoWorkspace(m_dir.filePath(QStringLiteral("demo.sftws")));
        qunsetenv("SFTBENCH_API_KEY");   // the key reaches the worker from the settings only
    }

    void startStopResumeReview()
    {
        std::atomic<bool> hold{true}, stopping{false};
        std::atomic<int> instructionRequests{0};
        std::atomic<std::uint64_t> counter{0};
        ScriptedServer server([&](const ScriptedRequest &r) {
            ScriptedReply rep;
            rep.delayMs = 5;
            if (r.kind == "instructions") {
                if (instructionRequests++ >= 2) {
                    // Held until Resume (then answered) or Stop (then empty: the worker is dropping it anyway).
                    while (hold && !stopping)
                        std::this_thread::sleep_for(std::chrono::milliseconds(10));
                    if (hold)
                        return rep;
                }
                for (int i = 0; i < 4; ++i)
                    rep.text += (i ? "\n" + std::to_string(9 + i) + ". " : std::string(" ")) + invent(counter++);
            } else if (r.kind == "classify") {
                rep.text = " No";
            } else if (inventedNumber(r.task) % 5 == 3) {
                rep.text = "I am not sure what to say here.";   // no_instances
            } else {
                // The third example repeats the first: the worker drops it (duplicate_instance).
                rep.text = "Example 1\nInput: an input for " + r.task + "\nOutput: an answer\nExample 2\nInput: <noinput>\n"
                           "Output: another answer for " + r.task + "\nExample 3\nInput: an input for " + r.task +
                           "\nOutput: an answer\n";
            }
            return rep;
        });

        MainWindow window;
        QVERIFY(window.openWorkspace(m_wsPath));
        window.resize(1400, 900);
        Workspace *ws = window.workspace();
        GeneratePanel *panel = window.generatePanel();
        panel->setWorkerProgram(sfttest::cliPath());
        auto *tabs = window.findChild<QTabWidget *>();
        QVERIFY(tabs);
        tabs->setCurrentWidget(panel);

        // The form: an OpenAI-compatible endpoint, the key kept in the settings, a dataset as seeds.
        GenerateForm *form = panel->form();
        form->backendCombo()->setCurrentIndex(form->backendCombo()->findData(QStringLiteral("openai")));
        form->baseUrlEdit()->setText(QString::fromStdString(server.baseUrl()));
        form->modelNameCombo()->setCurrentText(QStringLiteral("scripted"));
        form->keyModeCombo()->setCurrentIndex(form->keyModeCombo()->findData(QStringLiteral("settings")));
        form->apiKeyEdit()->setText(QString::fromLatin1(kKey));
        form->concurrencySpin()->setValue(2);
        form->targetSpin()->setValue(kTarget);
        QVERIFY(form->seedCombo()->count() > 1);
        form->seedCombo()->setCurrentIndex(1);
        const qint64 seedDataset = form->seedDataset();
        QVERIFY(seedDataset > 0);
        form->datasetNameEdit()->setText(QStringLiteral("from the worker"));
        QVERIFY2(form->formError().isEmpty(), qPrintable(form->formError()));
        QVERIFY(form->startButton()->isEnabled());

        // Start: the seeds are exported, then the worker runs; progress shows in the live view.
        form->startButton()->click();
        GenerateRunList *runs = panel->runList();
        QTRY_VERIFY_WITH_TIMEOUT(!runs->isPreparing() && !runs->currentRunId().isEmpty(), 60000);
        const QString id = runs->currentRunId();
        const QString dir = runs->runDir(id);
        QTRY_VERIFY_WITH_TIMEOUT(runs->stats(id)->kept() >= 2, 60000);
        QCOMPARE(runs->runStatus(id), RunStatus::Running);
        GenerateView *view = panel->view();
        QTRY_VERIFY_WITH_TIMEOUT(view->counterLabel(QStringLiteral("kept"))->text().toInt() >= 2, 30000);
        QVERIFY(view->counterLabel(QStringLiteral("requests"))->text().toInt() >= 3);
        QVERIFY(view->counterLabel(QStringLiteral("pool"))->text() != QStringLiteral("—"));
        QVERIFY(view->counterLabel(QStringLiteral("pending"))->text() != QStringLiteral("—"));
        // The worker normalised nothing here (a dataset is exported as JSON lines) but names the copy.
        QCOMPARE(runs->runConfig(id).value(QStringLiteral("seeds")).toString(), QStringLiteral("seeds.jsonl"));
        QVERIFY(QFileInfo(QDir(dir).filePath(QStringLiteral("seeds.jsonl"))).size() > 0);

        // Stop: the worker writes "done" (stopped) and exits.
        const qint64 pid = runs::workerPid(dir);
        QVERIFY(pid > 0);
        QVERIFY(runs->stopButton()->isEnabled());
        stopping = true;
        runs->stopButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(runs->runStatus(id), RunStatus::Stopped, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!runs::isWorkerAlive(pid), 30000);
        QVERIFY(!QFile::exists(QDir(dir).filePath(QStringLiteral("worker.pid"))));
        QCOMPARE(runs->stats(id)->doneReason(), QStringLiteral("stopped"));
        const int keptAtStop = runs->stats(id)->kept();
        QVERIFY2(keptAtStop < kTarget, qPrintable(QString::number(keptAtStop)));
        QVERIFY(runs->resumeButton()->isEnabled());
        QVERIFY(runs->statusLabel()->text().contains(QLatin1String("stopped")));

        // Resume: the same folder; the held requests are answered now and the run reaches its target.
        hold = false;
        stopping = false;
        runs->resumeButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(runs->runStatus(id), RunStatus::Finished, 120000);
        const GenerateStats *stats = runs->stats(id);
        QCOMPARE(stats->doneReason(), QStringLiteral("target"));
        QCOMPARE(stats->kept(), kTarget);
        QVERIFY(runs->statusLabel()->text().contains(QLatin1String("reached the target")));
        QVERIFY(!runs::isWorkerAlive(runs::workerPid(dir)));

        // Every request carried the key from the settings; no file of the run holds it.
        const std::vector<ScriptedRequest> requests = server.requests();
        QVERIFY(!requests.empty());
        for (const ScriptedRequest &r : requests)
            QCOMPARE(QString::fromStdString(r.authorization), QStringLiteral("Bearer ") + QString::fromLatin1(kKey));
        QDirIterator files(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int scanned = 0;
        while (files.hasNext()) {
            const QString path = files.next();
            QVERIFY2(!readFile(path).contains(kKey), qPrintable(path));
            ++scanned;
        }
        QVERIFY(scanned >= 6);   // config, seeds, events, requests, candidates, landed, gui.json...
        QVERIFY(!readFile(m_wsPath).contains(kKey));

        // The worker's own rules and fields reach the view.
        view->updateNow();
        QCOMPARE(view->counterLabel(QStringLiteral("kept"))->text(), QString::number(kTarget));
        // The run ended: nothing is in progress; the tooltip still tells the tasks left undecided at the target.
        QCOMPARE(view->counterLabel(QStringLiteral("pending"))->text(), QStringLiteral("—"));
        QVERIFY(view->counterLabel(QStringLiteral("pending"))->toolTip().contains(QLatin1String("while the run is running")));
        QVERIFY(stats->rejectedByRule().value(QStringLiteral("no_instances")) > 0);
        QAbstractItemModel *tasks = view->taskTable()->model();
        int noInstances = -1, keptRow = -1;
        for (int row = 0; row < tasks->rowCount(); ++row) {
            const GeneratedTask *t = view->taskModel()->task(row);
            if (t->rule == QLatin1String("no_instances") && noInstances < 0)
                noInstances = row;
            if (t->kept && keptRow < 0)
                keptRow = row;
        }
        QVERIFY(noInstances >= 0 && keptRow >= 0);
        QCOMPARE(tasks->index(noInstances, TaskTableModel::ReasonColumn).data().toString(),
                 QStringLiteral("no instance could be read from the model's answer"));
        QCOMPARE(tasks->index(keptRow, TaskTableModel::InstancesColumn).data().toString(), QStringLiteral("2 (+1 dropped)"));
        view->taskTable()->setCurrentIndex(tasks->index(keptRow, 0));
        QCOMPARE(view->instanceTable()->rowCount(), 3);
        QCOMPARE(view->instanceTable()->item(2, 2)->text(), QStringLiteral("repeats an earlier instance"));

        // The kept tasks landed: one pending record per kept instance, source "self-instruct:<run>#<id>".
        QMap<QString, int> expected;
        for (const GeneratedTask &t : stats->tasks())
            if (t.kept)
                expected.insert(QStringLiteral("self-instruct:%1#%2").arg(id).arg(t.id), int(t.instances.size()));
        QCOMPARE(expected.size(), kTarget);
        int instances = 0;
        for (int n : std::as_const(expected))
            instances += n;
        QCOMPARE(runs->landedCount(id), kTarget);
        QList<DatasetInfo> sets;
        sets = ws->datasets();
        const auto target = std::find_if(sets.cbegin(), sets.cend(),
                                         [](const DatasetInfo &d) { return d.name == QLatin1String("from the worker"); });
        QVERIFY(target != sets.cend());
        QCOMPARE(target->total, qint64(instances));
        QCOMPARE(target->pending, qint64(instances));
        QMap<QString, int> landed;
        QSqlQuery q(ws->db());
        q.prepare(QStringLiteral("SELECT source FROM records WHERE dataset_id = ?"));
        q.addBindValue(target->id);
        QVERIFY(q.exec());
        while (q.next())
            ++landed[q.value(0).toString()];
        QCOMPARE(landed, expected);
        // The run ended: the main window read the workspace again, so the new dataset is listed.
        QTRY_VERIFY(window.curationPanel()->datasetCombo()->findData(target->id) >= 0);

        // The GUI again: selecting the finished run fills a fresh form with its settings, so that a new run
        // with the same settings is one click; what the form describes is what the worker ran.
        {
            GeneratePanel again;
            again.setWorkerProgram(sfttest::cliPath());
            again.setContext(ws, nullptr);
            again.runList()->selectRun(id);
            GenerateForm *f = again.form();
            QCOMPARE(f->loadedRun(), id);
            QCOMPARE(f->seedDataset(), seedDataset);
            QCOMPARE(f->datasetNameEdit()->text(), QStringLiteral("from the worker"));
            QCOMPARE(f->apiKeyEdit()->text(), QString::fromLatin1(kKey));   // from the settings, not the run
            QVERIFY2(f->formError().isEmpty(), qPrintable(f->formError()));
            const QJsonObject worker = runs->runConfig(id);
            auto text = [](const QJsonValue &v) { return QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact); };
            const QJsonObject mine = f->config();
            for (auto it = mine.constBegin(); it != mine.constEnd(); ++it) {
                if (it.key() == QLatin1String("seeds"))
                    continue;
                if (it.value().isObject()) {
                    const QJsonObject part = it.value().toObject(), theirs = worker.value(it.key()).toObject();
                    for (auto p = part.constBegin(); p != part.constEnd(); ++p)
                        QVERIFY2(text(p.value()) == text(theirs.value(p.key())), qPrintable(it.key() + QLatin1Char('.') + p.key()));
                } else {
                    QVERIFY2(text(it.value()) == text(worker.value(it.key())), qPrintable(it.key()));
                }
            }
            QCOMPARE(mine.value(QStringLiteral("target")).toInt(), kTarget);
            QVERIFY(!mine.contains(QStringLiteral("prompts")));   // the built-in set, as the run had it
            again.view()->updateNow();
            QCOMPARE(again.view()->counterLabel(QStringLiteral("pending"))->text(), QStringLiteral("—"));
        }

        // Review in Curation: the target dataset, pending records only, as many as the kept instances.
        QVERIFY(runs->reviewButton()->isEnabled());
        runs->reviewButton()->click();
        QCOMPARE(tabs->currentWidget(), window.curationPanel());
        QCOMPARE(window.curationPanel()->datasetId(), target->id);
        QCOMPARE(window.curationPanel()->statusFilter()->currentData().toInt(), 1 << int(RecordStatus::Pending));
        QTRY_COMPARE_WITH_TIMEOUT(window.curationPanel()->model()->rowCount(), instances, 30000);
    }

    void chatTemplateEditReachesTheWorker()
    {
        // The chat API's template, edited in the templates dialog, is the one the worker uses and saves.
        std::atomic<std::uint64_t> counter{5000};
        ScriptedServer server([&](const ScriptedRequest &r) {
            ScriptedReply rep;
            if (r.kind == "instructions") {
                for (int i = 0; i < 4; ++i)
                    rep.text += std::to_string(i + 1) + ". " + invent(counter++) + "\n";
            } else if (r.kind == "classify") {
                rep.text = "No";
            } else {
                rep.text = "Example 1\nInput: an input for " + r.task + "\nOutput: an answer\n";
            }
            return rep;
        });
        const std::unique_ptr<Workspace> ws = Workspace::open(m_wsPath);
        GeneratePanel panel;
        panel.setWorkerProgram(sfttest::cliPath());
        panel.setContext(ws.get(), nullptr);
        GenerateForm *form = panel.form();
        form->backendCombo()->setCurrentIndex(form->backendCombo()->findData(QStringLiteral("openai")));
        form->baseUrlEdit()->setText(QString::fromStdString(server.baseUrl()));
        form->modelNameCombo()->setCurrentText(QStringLiteral("scripted"));
        form->apiCombo()->setCurrentIndex(form->apiCombo()->findData(QStringLiteral("chat")));
        form->keyModeCombo()->setCurrentIndex(form->keyModeCombo()->findData(QStringLiteral("settings")));
        form->apiKeyEdit()->setText(QString::fromLatin1(kKey));
        form->languageCombo()->setCurrentIndex(form->languageCombo()->findData(QStringLiteral("en")));
        form->modeCombo()->setCurrentIndex(form->modeCombo()->findData(QStringLiteral("self_instruct")));
        form->targetSpin()->setValue(3);
        form->seedCombo()->setCurrentIndex(1);
        form->datasetNameEdit()->setText(QStringLiteral("chat template"));
        const QString chatDefault = generation::builtinPrompts(QStringLiteral("en")).value(QStringLiteral("instructions_chat")).toString();
        QVERIFY(!chatDefault.isEmpty());
        const QString edited = chatDefault + QStringLiteral("\nMention a city in every task.");
        form->openPromptsDialog();
        auto *dialog = form->findChild<PromptsDialog *>();
        QVERIFY(dialog);
        const auto items = dialog->nameList()->findItems(QStringLiteral("instructions_chat"), Qt::MatchExactly);
        QCOMPARE(items.size(), 1);
        dialog->nameList()->setCurrentItem(items.first());
        dialog->editor()->setPlainText(edited);
        dialog->accept();
        QCOMPARE(form->promptEdits(), (QJsonObject{{QStringLiteral("instructions_chat"), edited}}));
        QVERIFY2(form->formError().isEmpty(), qPrintable(form->formError()));

        QVERIFY(panel.start());
        GenerateRunList *runs = panel.runList();
        QTRY_VERIFY_WITH_TIMEOUT(!runs->isPreparing() && !runs->currentRunId().isEmpty(), 60000);
        const QString id = runs->currentRunId();
        QTRY_COMPARE_WITH_TIMEOUT(runs->runStatus(id), RunStatus::Finished, 120000);
        const QJsonObject config = QJsonDocument::fromJson(readFile(QDir(runs->runDir(id)).filePath(QStringLiteral("config.json")))).object();
        QCOMPARE(config.value(QStringLiteral("prompts")).toObject().value(QStringLiteral("instructions_chat")).toString(), edited);
        QCOMPARE(config.value(QStringLiteral("backend")).toObject().value(QStringLiteral("api")).toString(), QStringLiteral("chat"));
        int chatInstructions = 0;
        for (const ScriptedRequest &r : server.requests()) {
            QCOMPARE(QString::fromStdString(r.path), QStringLiteral("/v1/chat/completions"));
            if (r.kind == "instructions") {
                QVERIFY(QString::fromStdString(r.prompt).endsWith(QLatin1String("Mention a city in every task.")));
                ++chatInstructions;
            }
        }
        QVERIFY(chatInstructions > 0);
    }
};

QTEST_MAIN(TestGenerateWorker)
#include "test_generate_worker.moc"
