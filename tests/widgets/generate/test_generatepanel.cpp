// The Generate panel driven by QTest (offscreen) with a FAKE worker: a shell
// script (data/fake-selfinstruct.sh) that speaks the self-instruct protocol —
// it copies --config to config.json, writes worker.pid, appends start /
// request / candidate / progress / done events to events.jsonl, and on
// SIGTERM writes "done" with reason "stopped". Checked: the config the form
// builds (the API key in none of the run's files nor on the command line, but
// in the worker's environment); the counters, histogram scores, verbs, rule
// table, task table and instances of a finished run; Stop and Resume (no
// candidate twice); run folders written by hand with their statuses; Test
// connection against a local HTTP server (QTcpServer); the prompt templates;
// "Review in Curation" in the main window.

#include <QComboBox>
#include <QDir>
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
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <csignal>

#include "common/modelfolderrow.h"
#include "common/rejectiontext.h"
#include "curation/curationpanel.h"
#include "generate/connectiontest.h"
#include "generate/generateform.h"
#include "generate/generatepanel.h"
#include "generate/generaterun.h"
#include "generate/generaterunlist.h"
#include "generate/generatestats.h"
#include "generate/generateview.h"
#include "generate/promptsdialog.h"
#include "generate/tasktablemodel.h"
#include "mainwindow.h"
#include "quality/qualitypanel.h"
#include "quality/similarityhistogram.h"
#include "workspace/demo.h"
#include "workspace/trainingrun.h"
#include "workspace/workspace.h"

using namespace sft;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

/** One candidate event line as the worker writes it. */
QJsonObject candidate(int id, const QString &instruction, bool kept, const QString &rule, double rouge, bool cls = false)
{
    return {{QStringLiteral("event"), QStringLiteral("candidate")}, {QStringLiteral("id"), id},
            {QStringLiteral("instruction"), instruction}, {QStringLiteral("kept"), kept},
            {QStringLiteral("rule"), rule}, {QStringLiteral("reason"), QStringLiteral("why")},
            {QStringLiteral("rouge_best"), rouge}, {QStringLiteral("is_classification"), cls},
            {QStringLiteral("instances"), QJsonArray{QJsonObject{{QStringLiteral("input"), QStringLiteral("i")},
                                                                 {QStringLiteral("output"), QStringLiteral("o")}}}}};
}

/** A one-shot HTTP server for Test connection: answers every request with status and body. */
class TinyHttpServer : public QTcpServer
{
public:
    int status = 200;
    QByteArray body;
    QByteArray lastRequest;

    TinyHttpServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    lastRequest += socket->readAll();
                    if (!lastRequest.contains("\r\n\r\n"))
                        return;
                    const QByteArray reason = status == 200 ? "OK" : "Error";
                    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
};

} // namespace

class TestGeneratePanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    QString m_worker, m_seeds, m_keyOut;

    GeneratePanel *newPanel()
    {
        auto *panel = new GeneratePanel;
        panel->setWorkerProgram(m_worker);
        panel->setContext(m_ws.get(), nullptr);
        panel->resize(1400, 900);
        return panel;
    }

    /** The form set to an endpoint with a key kept in the settings, and the fixture seeds. */
    void fillForm(GenerateForm *form, const QString &key)
    {
        form->backendCombo()->setCurrentIndex(form->backendCombo()->findData(QStringLiteral("openai")));
        form->baseUrlEdit()->setText(QStringLiteral("http://127.0.0.1:9/v1"));
        form->modelNameCombo()->setCurrentText(QStringLiteral("demo"));
        form->keyModeCombo()->setCurrentIndex(form->keyModeCombo()->findData(QStringLiteral("settings")));
        form->apiKeyEdit()->setText(key);
        form->seedCombo()->setCurrentIndex(0);
        form->seedFileEdit()->setText(m_seeds);
    }

    void waitForStatus(GeneratePanel *panel, const QString &id, RunStatus status)
    {
        QTRY_VERIFY_WITH_TIMEOUT(panel->runList()->runStatus(id) == status, 20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        m_ws = Workspace::open(ensureDemoWorkspace(m_dir.filePath(QStringLiteral("demo.sftws"))));
        // The file name must contain "sftbench-cli": the live-worker check looks for it.
        m_worker = m_dir.filePath(QStringLiteral("bin/fake-sftbench-cli-generate.sh"));
        writeFile(m_worker, readFile(QStringLiteral(SFT_TEST_DATA_DIR "/fake-selfinstruct.sh")));
        QFile::setPermissions(m_worker, QFile::permissions(m_worker) | QFileDevice::ExeOwner);
        m_seeds = QStringLiteral(SFT_TEST_DATA_DIR "/seed_tasks_small.jsonl");
        QVERIFY(QFileInfo::exists(m_seeds));
        m_keyOut = m_dir.filePath(QStringLiteral("key-seen-by-worker.txt"));
        qputenv("FAKE_KEY_OUT", m_keyOut.toUtf8());
        qunsetenv("SFTBENCH_API_KEY");
    }

    void cleanupTestCase()
    {
        // No fake worker outlives the test, even after a failed check.
        for (const QString &dir : runs::runDirs(generation::runsRoot(m_ws->path())))
            if (const qint64 pid = runs::workerPid(dir); runs::isWorkerAlive(pid))
                ::kill(pid_t(pid), SIGKILL);
    }

    void leadingVerbs()
    {
        QCOMPARE(generation::leadingVerb(QStringLiteral("Write a poem.")), QStringLiteral("write"));
        QCOMPARE(generation::leadingVerb(QStringLiteral("  \"Classify, then sort")), QStringLiteral("classify"));
        QCOMPARE(generation::leadingVerb(QStringLiteral("Explain:")), QStringLiteral("explain"));
        QCOMPARE(generation::leadingVerb(QStringLiteral("写一首关于秋天的诗")), QStringLiteral("写一"));
        QCOMPARE(generation::leadingVerb(QStringLiteral("解释")), QStringLiteral("解释"));
        QCOMPARE(generation::leadingVerb(QString()), QString());
    }

    void statsCountAndReplaceCandidates()
    {
        GenerateStats s;
        s.apply({{QStringLiteral("event"), QStringLiteral("start")}, {QStringLiteral("seeds"), 175}, {QStringLiteral("pool"), 175}});
        s.apply(candidate(1, QStringLiteral("Write a story"), true, {}, 0.2));
        s.apply(candidate(2, QStringLiteral("Write a song"), true, {}, 0.4, true));
        s.apply(candidate(3, QStringLiteral("Draw a picture"), false, QStringLiteral("keywords"), 0.1));
        s.apply(candidate(4, QStringLiteral("Write a story again"), false, QStringLiteral("rouge"), 0.9));
        s.apply({{QStringLiteral("event"), QStringLiteral("candidate")}, {QStringLiteral("id"), 5},
                 {QStringLiteral("instruction"), QStringLiteral("x")}, {QStringLiteral("kept"), false},
                 {QStringLiteral("rule"), QStringLiteral("length")}});   // rejected before the ROUGE-L check
        s.apply({{QStringLiteral("event"), QStringLiteral("request")}, {QStringLiteral("ok"), false},
                 {QStringLiteral("error"), QStringLiteral("HTTP 500")}, {QStringLiteral("prompt_tokens"), 10}});
        QCOMPARE(s.candidates(), 5);
        QCOMPARE(s.kept(), 2);
        QCOMPARE(s.rejected(), 3);
        QCOMPARE(s.classificationKept(), 1);
        QCOMPARE(s.rejectedByRule().value(QStringLiteral("rouge")), 1);
        QCOMPARE(s.rejectedByRule().value(QStringLiteral("keywords")), 1);
        QCOMPARE(s.rougeScores(), (QVector<double>{0.2, 0.4, 0.1, 0.9}));
        QCOMPARE(s.topVerbs(5), (QList<QPair<QString, int>>{{QStringLiteral("write"), 2}}));
        QCOMPARE(s.requests(), qint64(1));
        QCOMPARE(s.failedRequests(), qint64(1));
        QCOMPARE(s.promptTokens(), qint64(10));
        QCOMPARE(s.pool(), qint64(175));
        // A resumed worker decides candidate 2 again: it replaces the first decision.
        s.apply(candidate(2, QStringLiteral("Explain a song"), false, QStringLiteral("rouge"), 0.8));
        QCOMPARE(s.candidates(), 5);
        QCOMPARE(s.kept(), 1);
        QCOMPARE(s.classificationKept(), 0);
        QCOMPARE(s.rejectedByRule().value(QStringLiteral("rouge")), 2);
        QCOMPARE(s.topVerbs(5), (QList<QPair<QString, int>>{{QStringLiteral("write"), 1}}));
        QCOMPARE(s.replacements(), 1);
        // The progress event is the authority on requests and tokens once it comes.
        s.apply({{QStringLiteral("event"), QStringLiteral("progress")}, {QStringLiteral("requests"), 40},
                 {QStringLiteral("prompt_tokens"), 5000}, {QStringLiteral("completion_tokens"), 700},
                 {QStringLiteral("pool"), 180}});
        QCOMPARE(s.requests(), qint64(40));
        QCOMPARE(s.completionTokens(), qint64(700));
        QCOMPARE(s.pool(), qint64(180));
        s.apply({{QStringLiteral("event"), QStringLiteral("done")}, {QStringLiteral("reason"), QStringLiteral("stopped")}});
        QCOMPARE(s.terminalEvent(), QStringLiteral("done"));
        s.apply({{QStringLiteral("event"), QStringLiteral("start")}, {QStringLiteral("resumed"), true}});
        QCOMPARE(s.terminalEvent(), QString());   // resumed: running again
    }

    void theWorkersOwnRulesAndFields()
    {
        // Events shaped as backend/selfinstruct/run.cpp writes them.
        GenerateStats s;
        s.apply({{QStringLiteral("event"), QStringLiteral("start")}, {QStringLiteral("seeds"), 3},
                 {QStringLiteral("pool"), 3}, {QStringLiteral("pending"), 0}});
        QCOMPARE(s.pending(), qint64(0));
        s.apply(QJsonDocument::fromJson(R"J({"event":"request","id":1,"kind":"instructions","ok":true,"prompt_tokens":10,
            "completion_tokens":5,"attempts":1,"seconds":0.1,"candidates":3,"fresh":0})J").object());
        s.apply(QJsonDocument::fromJson(R"J({"event":"request","id":2,"kind":"instructions","ok":true,"prompt_tokens":10,
            "completion_tokens":5,"attempts":1,"seconds":0.1,"candidates":4,"fresh":2})J").object());
        s.apply(QJsonDocument::fromJson(R"J({"event":"request","id":3,"kind":"classify","ok":true,"candidate":4})J").object());
        QCOMPARE(s.emptyRequests(), qint64(1));
        s.apply(QJsonDocument::fromJson(R"J({"event":"candidate","id":1,"request":1,"instruction":"Write a poem about the sea.",
            "kept":false,"rule":"rouge","reason":"ROUGE-L 0.82 with an instruction of the pool (threshold 0.70)",
            "reason_args":{"score":0.8234,"threshold":0.7,"nearest":"Write a poem about the ocean."},"rouge_best":0.8234,
            "nearest":"Write a poem about the ocean.","is_classification":false,"instances":[],"dropped_instances":[]})J").object());
        s.apply(QJsonDocument::fromJson(R"J({"event":"candidate","id":2,"request":1,"instruction":"Summarise the text.",
            "kept":false,"rule":"no_instances","reason":"no instance could be read from the model\u0027s answer","reason_args":{},
            "rouge_best":0.2,"nearest":"x","is_classification":false,"instances":[],"dropped_instances":[]})J").object());
        s.apply(QJsonDocument::fromJson(R"J({"event":"candidate","id":3,"request":2,"instruction":"Translate the sentence.",
            "kept":true,"rule":"","reason":"","reason_args":{},"rouge_best":0.1,"nearest":"x","is_classification":false,
            "instances":[{"input":"a","output":"b"}],
            "dropped_instances":[{"rule":"duplicate_instance","reason":"repeats an earlier instance","reason_args":{},
                                  "input":"a","output":"b"},
                                 {"rule":"input_equals_output","reason":"the output repeats the input","reason_args":{},
                                  "input":"c","output":"c"}]})J").object());
        s.apply(QJsonDocument::fromJson(R"J({"event":"progress","requests":3,"prompt_tokens":30,"completion_tokens":15,
            "candidates":3,"kept":1,"rejected":{"rouge":1,"no_instances":1},"classification":0,"pool":4,"pending":2})J").object());
        s.apply(QJsonDocument::fromJson(R"J({"event":"done","reason":"stopped","kept":1,"requests":5})J").object());
        QCOMPARE(s.pending(), qint64(2));
        QCOMPARE(s.requests(), qint64(5));
        QCOMPARE(s.tasks().at(2).request, qint64(2));
        QCOMPARE(s.tasks().at(2).dropped.size(), 2);
        QCOMPARE(s.tasks().at(2).dropped.at(1).rule, QStringLiteral("input_equals_output"));

        GenerateView view;
        view.setStats(&s, 0.7);
        QCOMPARE(view.counterLabel(QStringLiteral("pending"))->text(), QStringLiteral("2"));
        QVERIFY(view.counterLabel(QStringLiteral("requests"))->toolTip().contains(QLatin1String("brought no new instruction")));
        QAbstractItemModel *tasks = view.taskTable()->model();
        QCOMPARE(tasks->index(0, TaskTableModel::ReasonColumn).data().toString(),
                 QStringLiteral("ROUGE-L 0.82 with an instruction of the pool (threshold 0.70)"));
        QCOMPARE(tasks->index(1, TaskTableModel::ReasonColumn).data().toString(),
                 QStringLiteral("no instance could be read from the model's answer"));
        QVERIFY(tasks->index(1, TaskTableModel::ReasonColumn).data(Qt::ToolTipRole).toString().startsWith(QLatin1String("No instances")));
        QVERIFY(tasks->index(0, TaskTableModel::InstructionColumn).data(Qt::ToolTipRole).toString().contains(QLatin1String("request 1")));
        QCOMPARE(tasks->index(2, TaskTableModel::InstancesColumn).data().toString(), QStringLiteral("1 (+2 dropped)"));
        // The rule table names the rules.
        QStringList names;
        for (int i = 0; i < view.ruleTable()->rowCount(); ++i)
            names << view.ruleTable()->item(i, 0)->text();
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("No instances"), QStringLiteral("Too similar to the pool (ROUGE-L)")}));
        // The kept task's instances, then the dropped ones with their reasons.
        view.taskTable()->setCurrentIndex(tasks->index(2, 0));
        QCOMPARE(view.instanceTable()->rowCount(), 3);
        QCOMPARE(view.instanceTable()->item(0, 2)->text(), QString());
        QCOMPARE(view.instanceTable()->item(1, 2)->text(), QStringLiteral("repeats an earlier instance"));
        QCOMPARE(view.instanceTable()->item(2, 0)->text(), QStringLiteral("c"));
        QCOMPARE(view.instanceTable()->item(2, 2)->text(), QStringLiteral("the output repeats the input"));
        // A candidate whose request the server refused, and a warning of the worker.
        s.apply(QJsonDocument::fromJson(R"J({"event":"candidate","id":4,"request":3,"instruction":"Sort the list.",
            "kept":false,"rule":"request_failed","reason":"the server refused its request: HTTP 400","reason_args":
            {"message":"HTTP 400: too long","status":400},"rouge_best":0.1,"is_classification":false,"instances":[]})J").object());
        s.apply(QJsonDocument::fromJson(R"J({"event":"warning","message":"no seed task is marked is_classification"})J").object());
        QCOMPARE(s.warnings(), QStringList{QStringLiteral("no seed task is marked is_classification")});
        view.updateNow();
        QCOMPARE(tasks->index(3, TaskTableModel::ReasonColumn).data().toString(),
                 QStringLiteral("the server refused its request: HTTP 400: too long"));
        // A filter rule's reason is built from its parameters (so it follows the interface language).
        QCOMPARE(RejectionText::render(QStringLiteral("length"),
                                       QStringLiteral(R"({"field":"instruction","count":2,"unit":"words","bound":"min","limit":3})"),
                                       QStringLiteral("stored")),
                 QStringLiteral("instruction has 2 word(s) (minimum 3)"));
    }

    void formBuildsTheConfig()
    {
        std::unique_ptr<GeneratePanel> panel(newPanel());
        GenerateForm *form = panel->form();
        fillForm(form, QStringLiteral("sk-form-secret"));
        form->targetSpin()->setValue(250);
        form->thresholdSpin()->setValue(0.55);
        form->maxRequestsSpin()->setValue(300);
        form->temperatureSpin()->setValue(1.0);
        form->topPSpin()->setValue(0.9);
        form->sampleTokensSpin()->setValue(512);
        form->languageCombo()->setCurrentIndex(form->languageCombo()->findData(QStringLiteral("zh")));
        form->modeCombo()->setCurrentIndex(form->modeCombo()->findData(QStringLiteral("alpaca")));
        form->apiCombo()->setCurrentIndex(form->apiCombo()->findData(QStringLiteral("chat")));
        form->concurrencySpin()->setValue(16);
        QVERIFY2(form->formError().isEmpty(), qPrintable(form->formError()));
        const QJsonObject c = form->config();
        const QJsonObject b = c.value(QStringLiteral("backend")).toObject();
        QCOMPARE(b.value(QStringLiteral("kind")).toString(), QStringLiteral("openai"));
        QCOMPARE(b.value(QStringLiteral("base_url")).toString(), QStringLiteral("http://127.0.0.1:9/v1"));
        QCOMPARE(b.value(QStringLiteral("model")).toString(), QStringLiteral("demo"));
        QCOMPARE(b.value(QStringLiteral("api")).toString(), QStringLiteral("chat"));
        QCOMPARE(b.value(QStringLiteral("api_key_env")).toString(), QStringLiteral("SFTBENCH_API_KEY"));
        QCOMPARE(b.value(QStringLiteral("concurrency")).toInt(), 16);
        QCOMPARE(c.value(QStringLiteral("language")).toString(), QStringLiteral("zh"));
        QCOMPARE(c.value(QStringLiteral("mode")).toString(), QStringLiteral("alpaca"));
        QCOMPARE(c.value(QStringLiteral("target")).toInt(), 250);
        QCOMPARE(c.value(QStringLiteral("threshold")).toDouble(), 0.55);
        QCOMPARE(c.value(QStringLiteral("max_requests")).toInt(), 300);
        QCOMPARE(c.value(QStringLiteral("seeds")).toString(), QStringLiteral("seeds.jsonl"));
        const QJsonObject sampling = c.value(QStringLiteral("sampling")).toObject();
        QCOMPARE(sampling.value(QStringLiteral("temperature")).toDouble(), 1.0);
        QCOMPARE(sampling.value(QStringLiteral("top_p")).toDouble(), 0.9);
        QCOMPARE(sampling.value(QStringLiteral("max_tokens")).toInt(), 512);
        QVERIFY(!c.contains(QStringLiteral("prompts")));   // the built-in set
        QVERIFY(!QJsonDocument(c).toJson().contains("sk-form-secret"));
        // The key from an environment variable: the config names the variable.
        form->keyModeCombo()->setCurrentIndex(form->keyModeCombo()->findData(QStringLiteral("environment")));
        form->keyEnvEdit()->setText(QStringLiteral("MY_VLLM_KEY"));
        QCOMPARE(form->config().value(QStringLiteral("backend")).toObject().value(QStringLiteral("api_key_env")).toString(),
                 QStringLiteral("MY_VLLM_KEY"));
        // Field errors block Start.
        form->baseUrlEdit()->setText(QStringLiteral("localhost:8000"));
        QVERIFY(!form->formError().isEmpty());
        QVERIFY(!form->startButton()->isEnabled());
        QVERIFY(!panel->start());
        form->baseUrlEdit()->setText(QStringLiteral("http://127.0.0.1:9/v1"));
        form->seedFileEdit()->setText(m_dir.filePath(QStringLiteral("missing.jsonl")));
        QVERIFY(form->formError().contains(QLatin1String("missing.jsonl")));
        // A local model folder.
        form->backendCombo()->setCurrentIndex(form->backendCombo()->findData(QStringLiteral("local")));
        form->seedFileEdit()->setText(m_seeds);
        form->modelRow()->setModelDir(m_dir.filePath(QStringLiteral("some-model")));
        const QJsonObject local = form->config().value(QStringLiteral("backend")).toObject();
        QCOMPARE(local.value(QStringLiteral("kind")).toString(), QStringLiteral("local"));
        QCOMPARE(local.value(QStringLiteral("model")).toString(), m_dir.filePath(QStringLiteral("some-model")));
        QVERIFY2(form->formError().isEmpty(), qPrintable(form->formError()));
    }

    void everyNumberOrChoiceHasATooltip()
    {
        std::unique_ptr<GeneratePanel> panel(newPanel());
        QStringList missing;
        for (QWidget *w : panel->form()->findChildren<QWidget *>())
            if ((qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QComboBox *>(w)) && w->toolTip().isEmpty())
                missing << w->objectName();
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1String(", "))));
    }

    void promptTemplates()
    {
        const QJsonObject defaults{{QStringLiteral("instructions"), QStringLiteral("List {instructions} {next}")},
                                   {QStringLiteral("classify"), QStringLiteral("{examples} {task}")}};
        PromptsDialog dialog(defaults, {}, nullptr);
        QCOMPARE(dialog.nameList()->count(), 2);
        QVERIFY(dialog.edits().isEmpty());
        dialog.nameList()->setCurrentItem(dialog.nameList()->findItems(QStringLiteral("classify"), Qt::MatchExactly).value(0));
        QCOMPARE(dialog.editor()->toPlainText(), QStringLiteral("{examples} {task}"));
        dialog.editor()->setPlainText(QStringLiteral("Mine: {examples} {task}"));
        QCOMPARE(dialog.edits(), (QJsonObject{{QStringLiteral("classify"), QStringLiteral("Mine: {examples} {task}")}}));
        dialog.nameList()->setCurrentItem(dialog.nameList()->findItems(QStringLiteral("instructions"), Qt::MatchExactly).value(0));
        QCOMPARE(dialog.edits().size(), 1);   // moving away keeps the edit
        QCOMPARE(dialog.edits().size(), 1);
        dialog.resetButton()->click();
        QVERIFY(dialog.edits().isEmpty());
        // The form sends only what was edited.
        std::unique_ptr<GeneratePanel> panel(newPanel());
        panel->form()->setPromptEdits({{QStringLiteral("classify"), QStringLiteral("Mine: {examples} {task}")}});
        QCOMPARE(panel->form()->config().value(QStringLiteral("prompts")).toObject().keys(), QStringList{QStringLiteral("classify")});
        // An unknown template is refused by the worker's validator (when this build has it).
        if (!generation::builtinPrompts(QStringLiteral("en")).isEmpty()) {
            QVERIFY(generation::builtinPrompts(QStringLiteral("zh")).value(QStringLiteral("instructions")).toString()
                    != generation::builtinPrompts(QStringLiteral("en")).value(QStringLiteral("instructions")).toString());
            fillForm(panel->form(), {});
            panel->form()->setPromptEdits({{QStringLiteral("no_such_template"), QStringLiteral("x")}});
            QVERIFY2(panel->form()->formError().startsWith(QLatin1String("prompts")), qPrintable(panel->form()->formError()));
        }
    }

    void runWithKeyFromSettings()
    {
        qputenv("FAKE_CANDIDATES", "12");
        std::unique_ptr<GeneratePanel> panel(newPanel());
        fillForm(panel->form(), QStringLiteral("sk-test-secret-123"));
        QVERIFY(panel->start());
        const QString id = panel->runList()->currentRunId();
        QVERIFY(!id.isEmpty());
        waitForStatus(panel.get(), id, RunStatus::Finished);
        const QString dir = panel->runList()->runDir(id);
        QCOMPARE(QFileInfo(dir).path(), generation::runsRoot(m_ws->path()));
        // The key reached the worker through its environment, and nowhere else.
        QCOMPARE(readFile(m_keyOut), QByteArray("sk-test-secret-123"));
        QCOMPARE(generation::storedApiKey(QStringLiteral("http://127.0.0.1:9/v1")), QStringLiteral("sk-test-secret-123"));
        for (const QString &name : QDir(dir).entryList(QDir::Files))
            QVERIFY2(!readFile(QDir(dir).filePath(name)).contains("sk-test-secret"), qPrintable(name));
        const QByteArray args = readFile(QDir(dir).filePath(QStringLiteral("args.txt")));
        QVERIFY(args.contains(QByteArray("--config " + QDir(dir).filePath(QStringLiteral("config.request.json")).toUtf8())));
        QVERIFY(args.contains(QByteArray("--workspace " + m_ws->path().toUtf8())));
        QVERIFY(args.contains(QByteArray("--dataset generated-" + id.toUtf8())));
        // The worker's config is the form's, the seed file named by its absolute path: the worker
        // normalises it into the run folder as seeds.jsonl (the fake only copies the config).
        const QJsonObject config = QJsonDocument::fromJson(readFile(QDir(dir).filePath(QStringLiteral("config.json")))).object();
        QJsonObject expected = panel->form()->config();
        QCOMPARE(expected.value(QStringLiteral("seeds")).toString(), QStringLiteral("seeds.jsonl"));
        expected.insert(QStringLiteral("seeds"), QFileInfo(m_seeds).absoluteFilePath());
        QCOMPARE(config, expected);
        QCOMPARE(generation::readJson(dir, QStringLiteral("gui.json")).value(QStringLiteral("dataset")).toString(),
                 QStringLiteral("generated-") + id);

        // The live view of the finished run (see fake-selfinstruct.sh for the numbers).
        GenerateView *view = panel->view();
        view->updateNow();
        QCOMPARE(view->counterLabel(QStringLiteral("requests"))->text(), QStringLiteral("12"));
        QCOMPARE(view->counterLabel(QStringLiteral("tokens"))->text(), QStringLiteral("1,200 / 600"));
        QCOMPARE(view->counterLabel(QStringLiteral("candidates"))->text(), QStringLiteral("12"));
        QCOMPARE(view->counterLabel(QStringLiteral("kept"))->text(), QStringLiteral("8"));
        QCOMPARE(view->counterLabel(QStringLiteral("rejected"))->text(), QStringLiteral("4"));
        QCOMPARE(view->counterLabel(QStringLiteral("classification"))->text(), QStringLiteral("2 (25.0%)"));
        QCOMPARE(view->counterLabel(QStringLiteral("pool"))->text(), QStringLiteral("15"));
        QCOMPARE(view->shownVerbs(), (QList<QPair<QString, int>>{{QStringLiteral("write"), 4},
                                                                 {QStringLiteral("classify"), 2},
                                                                 {QStringLiteral("explain"), 2}}));
        QCOMPARE(view->ruleTable()->rowCount(), 2);
        QCOMPARE(view->ruleTable()->item(0, 1)->text().toInt() + view->ruleTable()->item(1, 1)->text().toInt(), 4);
        // Histogram: every candidate's rouge_best, 0.n5 for n = id mod 10; the line at the run's threshold.
        QCOMPARE(view->histogram()->threshold(), 0.7);
        QCOMPARE(view->histogram()->countAbove(0.7), 3);   // ids 7, 8, 9 (0.75, 0.85, 0.95)
        QCOMPARE(view->histogram()->countAbove(0.0), 12);
        QCOMPARE(view->taskModel()->rowCount(), 12);
        const QModelIndex rejected = view->taskTable()->model()->index(2, TaskTableModel::DecisionColumn);
        QCOMPARE(rejected.data().toString(), QStringLiteral("rejected"));
        // The reason as the worker wrote it (the fake gives no parameters), the rule's name in the tooltip.
        QCOMPARE(view->taskTable()->model()->index(2, TaskTableModel::ReasonColumn).data().toString(), QStringLiteral("fake reason 3"));
        QCOMPARE(view->taskTable()->model()->index(2, TaskTableModel::ReasonColumn).data(Qt::ToolTipRole).toString(),
                 RejectionText::ruleName(QStringLiteral("rouge")) + QStringLiteral(": fake reason 3"));
        QCOMPARE(view->taskTable()->model()->index(1, TaskTableModel::ClassColumn).data().toString(), QStringLiteral("yes"));
        QCOMPARE(view->taskTable()->model()->index(0, TaskTableModel::InstancesColumn).data().toInt(), 2);
        view->taskTable()->setCurrentIndex(view->taskTable()->model()->index(3, 0));
        QCOMPARE(view->instanceTable()->rowCount(), 2);
        QCOMPARE(view->instanceTable()->item(0, 0)->text(), QStringLiteral("in 4 a"));
        QCOMPARE(view->instanceTable()->item(1, 1)->text(), QStringLiteral("out 4 b"));
        view->taskFilter()->setCurrentIndex(view->taskFilter()->findData(QStringLiteral("0")));
        QCOMPARE(view->taskTable()->model()->rowCount(), 4);
        // "Use this threshold" under the histogram sets the form's.
        view->histogram()->setThreshold(0.42);
        view->histogram()->useButton()->click();
        QCOMPARE(panel->form()->thresholdSpin()->value(), 0.42);
        // The run list row.
        const int row = panel->runList()->runView()->currentIndex().row();
        QCOMPARE(panel->runList()->runModel()->item(row, GenerateRunList::KeptColumn)->text(), QStringLiteral("8 / 100"));
        QCOMPARE(panel->runList()->runModel()->item(row, GenerateRunList::StatusColumn)->text(), QStringLiteral("finished"));
        QVERIFY(panel->runList()->statusLabel()->text().contains(QLatin1String("reached the target")));
        QVERIFY(!panel->runList()->resumeButton()->isEnabled());
        QVERIFY(panel->runList()->reviewButton()->isEnabled());
    }

    void updatesAreBatched()
    {
        GenerateStats stats;
        GenerateView view;
        view.setStats(&stats, 0.7);
        const int before = view.updateCount();
        for (int i = 1; i <= 50; ++i) {
            stats.apply(candidate(i, QStringLiteral("Write %1").arg(i), true, {}, 0.3));
            view.scheduleUpdate();
        }
        QCOMPARE(view.updateCount(), before);   // nothing drawn per event
        QTRY_COMPARE(view.updateCount(), before + 1);
        QCOMPARE(view.taskModel()->rowCount(), 50);
        QCOMPARE(view.histogram()->countAbove(0.0), 50);
    }

    void stopAndResume()
    {
        qputenv("FAKE_CANDIDATES", "100000");
        std::unique_ptr<GeneratePanel> panel(newPanel());
        fillForm(panel->form(), QStringLiteral("sk-resume-key"));
        panel->form()->datasetNameEdit()->setText(QStringLiteral("my generated"));
        QVERIFY(panel->start());
        const QString id = panel->runList()->currentRunId();
        const QString dir = panel->runList()->runDir(id);
        QTRY_VERIFY_WITH_TIMEOUT(panel->runList()->stats(id)->candidates() >= 5, 20000);
        QCOMPARE(panel->runList()->runStatus(id), RunStatus::Running);
        QVERIFY(panel->runList()->stopButton()->isEnabled());
        QVERIFY(panel->runList()->stop());
        waitForStatus(panel.get(), id, RunStatus::Stopped);
        const int atStop = panel->runList()->stats(id)->candidates();
        QVERIFY(panel->runList()->resumeButton()->isEnabled());
        QFile::remove(m_keyOut);

        // A new panel (the GUI restarted) lists the stopped run and resumes it.
        panel.reset(newPanel());
        panel->runList()->selectRun(id);
        QCOMPARE(panel->runList()->runStatus(id), RunStatus::Stopped);
        QCOMPARE(panel->runList()->stats(id)->candidates(), atStop);
        QVERIFY(panel->runList()->resume());
        QTRY_VERIFY_WITH_TIMEOUT(panel->runList()->stats(id)->candidates() >= atStop + 5, 20000);
        QCOMPARE(panel->runList()->runStatus(id), RunStatus::Running);
        // Resume: the same folder, no --config, the same dataset; the stored key again in the environment.
        const QList<QByteArray> lines = readFile(QDir(dir).filePath(QStringLiteral("args.txt"))).trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].contains("--config"));
        QVERIFY(!lines[1].contains("--config"));
        QVERIFY(lines[1].contains("--dataset my generated"));
        QTRY_COMPARE(readFile(m_keyOut), QByteArray("sk-resume-key"));
        // No candidate twice, none lost: ids 1..n in order.
        const QList<GeneratedTask> &tasks = panel->runList()->stats(id)->tasks();
        for (int i = 0; i < tasks.size(); ++i)
            QCOMPARE(tasks[i].id, qint64(i + 1));
        QVERIFY(panel->runList()->stop());
        waitForStatus(panel.get(), id, RunStatus::Stopped);
        qputenv("FAKE_CANDIDATES", "12");
    }

    void runListStatusOfFoldersWrittenByHand()
    {
        const QString root = generation::runsRoot(m_ws->path());
        auto write = [&](const QString &id, const QList<QJsonObject> &events, int target) {
            const QString dir = QDir(root).filePath(id);
            QByteArray log;
            for (const QJsonObject &e : events)
                log += QJsonDocument(e).toJson(QJsonDocument::Compact) + '\n';
            writeFile(QDir(dir).filePath(QStringLiteral("events.jsonl")), log);
            writeFile(QDir(dir).filePath(QStringLiteral("config.json")),
                      QJsonDocument(QJsonObject{{QStringLiteral("target"), target}}).toJson());
        };
        const QJsonObject start{{QStringLiteral("event"), QStringLiteral("start")}};
        write(QStringLiteral("19990101-000001-self-instruct"),
              {start, candidate(1, QStringLiteral("Write"), true, {}, 0.1),
               {{QStringLiteral("event"), QStringLiteral("done")}, {QStringLiteral("reason"), QStringLiteral("exhausted")}}}, 50);
        write(QStringLiteral("19990101-000002-self-instruct"),
              {start, {{QStringLiteral("event"), QStringLiteral("error")}, {QStringLiteral("message"), QStringLiteral("HTTP 401: bad key")}}}, 50);
        write(QStringLiteral("19990101-000003-self-instruct"), {start, candidate(1, QStringLiteral("Write"), true, {}, 0.1),
                                                                 candidate(2, QStringLiteral("Write"), true, {}, 0.1)}, 7);
        std::unique_ptr<GeneratePanel> panel(newPanel());
        GenerateRunList *list = panel->runList();
        QCOMPARE(list->runStatus(QStringLiteral("19990101-000001-self-instruct")), RunStatus::Finished);
        QCOMPARE(list->runStatus(QStringLiteral("19990101-000002-self-instruct")), RunStatus::Failed);
        QCOMPARE(list->runStatus(QStringLiteral("19990101-000003-self-instruct")), RunStatus::Interrupted);
        list->selectRun(QStringLiteral("19990101-000001-self-instruct"));
        QVERIFY(list->statusLabel()->text().contains(QLatin1String("stopped producing new tasks")));
        QVERIFY(!list->resumeButton()->isEnabled());
        list->selectRun(QStringLiteral("19990101-000002-self-instruct"));
        QVERIFY(list->statusLabel()->text().contains(QLatin1String("HTTP 401: bad key")));
        QVERIFY(list->resumeButton()->isEnabled());
        QVERIFY(!list->reviewButton()->isEnabled());   // no gui.json: no dataset known
        list->selectRun(QStringLiteral("19990101-000003-self-instruct"));
        QVERIFY(list->resumeButton()->isEnabled());
        const int row = list->runView()->currentIndex().row();
        QCOMPARE(list->runModel()->item(row, GenerateRunList::KeptColumn)->text(), QStringLiteral("2 / 7"));
        QCOMPARE(list->runModel()->item(row, GenerateRunList::StatusColumn)->text(), QStringLiteral("interrupted"));
        // The selected run is the one the view shows.
        panel->view()->updateNow();
        QCOMPARE(panel->view()->counterLabel(QStringLiteral("kept"))->text(), QStringLiteral("2"));
        for (const QString &id : {QStringLiteral("19990101-000001-self-instruct"), QStringLiteral("19990101-000002-self-instruct"),
                                  QStringLiteral("19990101-000003-self-instruct")})
            QDir(QDir(root).filePath(id)).removeRecursively();
    }

    void seedsFromADataset()
    {
        qputenv("FAKE_CANDIDATES", "2");
        std::unique_ptr<GeneratePanel> panel(newPanel());
        fillForm(panel->form(), {});
        QVERIFY(panel->form()->seedCombo()->count() > 1);
        panel->form()->seedCombo()->setCurrentIndex(1);
        const qint64 dataset = panel->form()->seedDataset();
        QVERIFY(dataset > 0);
        QVERIFY2(panel->form()->formError().isEmpty(), qPrintable(panel->form()->formError()));
        QVERIFY(panel->start());
        QTRY_VERIFY_WITH_TIMEOUT(!panel->runList()->isPreparing(), 20000);
        const QString id = panel->runList()->currentRunId();
        waitForStatus(panel.get(), id, RunStatus::Finished);
        const QList<QByteArray> lines = readFile(QDir(panel->runList()->runDir(id)).filePath(QStringLiteral("seeds.jsonl")))
                                            .trimmed().split('\n');
        const auto info = m_ws->dataset(dataset);
        QVERIFY(info);
        QCOMPARE(qint64(lines.size()), info->total - info->rejected);
        QVERIFY(QJsonDocument::fromJson(lines.first()).object().contains(QStringLiteral("instruction")));
        // No key was typed: the worker got none from the panel.
        QCOMPARE(readFile(m_keyOut), QByteArray());
    }

    void testConnection()
    {
        TinyHttpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        server.body = R"({"object":"list","data":[{"id":"qwen-7b","object":"model"},{"id":"demo","object":"model"}]})";
        std::unique_ptr<GeneratePanel> panel(newPanel());
        GenerateForm *form = panel->form();
        fillForm(form, QStringLiteral("sk-conn"));
        form->modelNameCombo()->setCurrentText(QString());
        form->baseUrlEdit()->setText(QStringLiteral("http://127.0.0.1:%1/v1/").arg(server.serverPort()));
        QSignalSpy done(form->connectionTest(), &ConnectionTest::finished);
        form->testButton()->click();
        QTRY_COMPARE(done.size(), 1);
        QVERIFY(done.first().at(0).toBool());
        QCOMPARE(done.first().at(1).toStringList(), (QStringList{QStringLiteral("qwen-7b"), QStringLiteral("demo")}));
        QVERIFY(server.lastRequest.startsWith("GET /v1/models "));
        QVERIFY(server.lastRequest.contains("Authorization: Bearer sk-conn"));
        QVERIFY(form->testResultLabel()->text().contains(QLatin1String("qwen-7b")));
        QCOMPARE(form->modelNameCombo()->count(), 2);
        QCOMPARE(form->modelNameCombo()->currentText(), QStringLiteral("qwen-7b"));
        // An error: the server's own message is shown.
        server.status = 401;
        server.body = R"({"error":{"message":"Invalid API key","type":"invalid_request_error"}})";
        server.lastRequest.clear();
        form->testButton()->click();
        QTRY_COMPARE(done.size(), 2);
        QVERIFY(!done.last().at(0).toBool());
        QVERIFY2(done.last().at(2).toString().contains(QLatin1String("401")), qPrintable(done.last().at(2).toString()));
        QVERIFY(form->testResultLabel()->text().contains(QLatin1String("Invalid API key")));
        // Nothing listens: an error, not a hang.
        const quint16 port = server.serverPort();
        server.close();
        form->baseUrlEdit()->setText(QStringLiteral("http://127.0.0.1:%1/v1").arg(port));
        form->testButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 3, 15000);
        QVERIFY(!done.last().at(0).toBool());
    }

    void reviewInCuration()
    {
        MainWindow window;
        QVERIFY(window.openWorkspace(m_ws->path()));
        sft::Workspace *ws = window.workspace();
        const qint64 id = ws->createDataset(QStringLiteral("generated-review"));
        Record r;
        r.instruction = "Write a haiku.";
        r.output = "...";
        ws->addRecord(id, r);
        auto *tabs = window.findChild<QTabWidget *>();
        QVERIFY(tabs);
        QCOMPARE(tabs->tabText(tabs->indexOf(window.generatePanel())), QStringLiteral("Generate"));
        QCOMPARE(tabs->indexOf(window.generatePanel()), tabs->indexOf(window.qualityPanel()) + 1);
        tabs->setCurrentWidget(window.generatePanel());
        Q_EMIT window.generatePanel()->reviewRequested(QStringLiteral("generated-review"));
        QCOMPARE(tabs->currentWidget(), window.curationPanel());
        QCOMPARE(window.curationPanel()->datasetId(), id);
        QCOMPARE(window.curationPanel()->statusFilter()->currentData().toInt(), 1 << int(RecordStatus::Pending));
    }
};

QTEST_MAIN(TestGeneratePanel)
#include "test_generatepanel.moc"
