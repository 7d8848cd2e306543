// The Generate panel's live view and run list driven by QTest (offscreen)
// with the FAKE worker of generate_testutil.h: the counters, histogram
// scores, verbs, rule table, task table and instances of a finished run (the
// key in the worker's environment only); Stop and Resume (no candidate
// twice); a new panel attaching to a running worker; a killed worker; a
// resume after a first start that never ran; run folders written by hand
// with their statuses; the landed count; "Review in Curation" in the main
// window.

#include "generate_testutil.h"

using namespace generatetest;

class TestGeneratePanel : public QObject, public Fixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUp(); }
    void cleanupTestCase() { tearDown(); }

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
        // The run ended: nothing is in progress any more; the tooltip says what was left waiting.
        QCOMPARE(view.counterLabel(QStringLiteral("pending"))->text(), QStringLiteral("—"));
        QVERIFY(view.counterLabel(QStringLiteral("pending"))->toolTip().contains(QLatin1String("2 proposed task(s)")));
        s.apply(QJsonDocument::fromJson(R"J({"event":"start","resumed":true,"pending":2})J").object());
        view.updateNow();
        QCOMPARE(view.counterLabel(QStringLiteral("pending"))->text(), QStringLiteral("2"));
        view.setRunning(false);   // the run list knows the worker is gone (no done event: interrupted)
        QCOMPARE(view.counterLabel(QStringLiteral("pending"))->text(), QStringLiteral("—"));
        view.setRunning(true);
        QCOMPARE(view.counterLabel(QStringLiteral("pending"))->text(), QStringLiteral("2"));
        QVERIFY(view.counterLabel(QStringLiteral("pending"))->toolTip().startsWith(QLatin1String("Proposed tasks")));
        s.apply(QJsonDocument::fromJson(R"J({"event":"done","reason":"stopped","kept":1,"requests":5})J").object());
        view.updateNow();
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
        // Kept in the owner-only keys file, not in the main settings file.
        QSettings().sync();
        QVERIFY(!readFile(QSettings().fileName()).contains("sk-test-secret"));
        QVERIFY(readFile(generation::apiKeysFile()).contains("sk-test-secret-123"));
        QCOMPARE(QFile::permissions(generation::apiKeysFile()) & ~(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::Permissions());
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
        // The seed file used last is where a new form starts (while the file exists).
        QCOMPARE(GenerateForm().seedFileEdit()->text(), QFileInfo(m_seeds).absoluteFilePath());
        {
            QSettings settings;
            const QVariant last = settings.value(QLatin1String(generation::kLastSeedFileSetting));
            settings.setValue(QLatin1String(generation::kLastSeedFileSetting), m_dir.filePath(QStringLiteral("gone.jsonl")));
            QCOMPARE(GenerateForm().seedFileEdit()->text(), QString());
            settings.setValue(QLatin1String(generation::kLastSeedFileSetting), last);
        }

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

    void aNewPanelFollowsARunningWorker()
    {
        qputenv("FAKE_CANDIDATES", "100000");
        std::unique_ptr<GeneratePanel> first(newPanel());
        fillForm(first->form(), {});
        QVERIFY(first->start());
        const QString id = first->runList()->currentRunId();
        const QString dir = first->runList()->runDir(id);
        QTRY_VERIFY_WITH_TIMEOUT(first->runList()->stats(id)->candidates() >= 3, 20000);
        QVERIFY(runs::workerPid(dir) > 0);

        // Another window (or the GUI started again): it knows the worker only by its worker.pid.
        std::unique_ptr<GeneratePanel> second(newPanel());
        second->runList()->selectRun(id);
        QCOMPARE(second->runList()->currentRunId(), id);
        QCOMPARE(second->runList()->runStatus(id), RunStatus::Running);
        const int row = second->runList()->runView()->currentIndex().row();
        QCOMPARE(second->runList()->runModel()->item(row, GenerateRunList::StatusColumn)->text(), QStringLiteral("running"));
        QVERIFY(second->runList()->stopButton()->isEnabled());
        QVERIFY(!second->runList()->resumeButton()->isEnabled());
        // It follows the log as it grows.
        const int seen = second->runList()->stats(id)->candidates();
        QTRY_VERIFY_WITH_TIMEOUT(second->runList()->stats(id)->candidates() >= seen + 3, 20000);
        // And it can stop it: SIGTERM to the pid in worker.pid.
        QVERIFY(second->runList()->stop());
        waitForStatus(second.get(), id, RunStatus::Stopped);
        waitForStatus(first.get(), id, RunStatus::Stopped);
        QCOMPARE(second->runList()->stats(id)->doneReason(), QStringLiteral("stopped"));
        QVERIFY(second->runList()->resumeButton()->isEnabled());
        qputenv("FAKE_CANDIDATES", "12");
    }

    void aKilledWorkerLeavesTheRunInterrupted()
    {
        qputenv("FAKE_CANDIDATES", "100000");
        std::unique_ptr<GeneratePanel> panel(newPanel());
        fillForm(panel->form(), {});
        QVERIFY(panel->start());
        GenerateRunList *list = panel->runList();
        const QString id = list->currentRunId();
        const QString dir = list->runDir(id);
        QTRY_VERIFY_WITH_TIMEOUT(list->stats(id)->candidates() >= 3, 20000);
        const qint64 pid = runs::workerPid(dir);
        QVERIFY(pid > 0);
        QSignalSpy ended(list, &GenerateRunList::runEnded);
        // SIGKILL: no "done" event, worker.pid stays behind naming a dead process.
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        waitForStatus(panel.get(), id, RunStatus::Interrupted);
        QCOMPARE(ended.size(), 1);
        QCOMPARE(ended.first().at(1).toString(), QStringLiteral("interrupted"));
        QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("worker.pid"))));
        QVERIFY(list->resumeButton()->isEnabled());
        QVERIFY(!list->stopButton()->isEnabled());
        QVERIFY(list->statusLabel()->text().contains(QLatin1String("Resume continues the run")));
        // Resume goes on from the files.
        const int atKill = list->stats(id)->candidates();
        QVERIFY(list->resume());
        QTRY_VERIFY_WITH_TIMEOUT(list->stats(id)->candidates() >= atKill + 3, 20000);
        QCOMPARE(list->runStatus(id), RunStatus::Running);
        QVERIFY(list->stop());
        waitForStatus(panel.get(), id, RunStatus::Stopped);
        qputenv("FAKE_CANDIDATES", "12");
    }

    void resumeAfterAFirstStartThatNeverRan()
    {
        // The run folder without the worker's config.json gets the request again; with it, it does not.
        QTemporaryDir scratch;
        const QString requestPath = QDir(scratch.path()).filePath(QStringLiteral("config.request.json"));
        writeFile(requestPath, "{}");
        QVERIFY(generation::workerArguments(scratch.path(), false, {}, {}).contains(QStringLiteral("--config")));
        writeFile(QDir(scratch.path()).filePath(QStringLiteral("config.json")), "{}");
        QVERIFY(!generation::workerArguments(scratch.path(), false, {}, {}).contains(QStringLiteral("--config")));
        QVERIFY(generation::workerArguments(scratch.path(), true, {}, {}).contains(QStringLiteral("--config")));

        // The first start fails: the worker program cannot be run.
        qputenv("FAKE_CANDIDATES", "2");
        std::unique_ptr<GeneratePanel> panel(newPanel());
        panel->setWorkerProgram(m_dir.filePath(QStringLiteral("bin/no-such-sftbench-cli")));
        fillForm(panel->form(), {});
        QSignalSpy messages(panel->runList(), &GenerateRunList::message);
        QVERIFY(panel->start());
        GenerateRunList *list = panel->runList();
        const QString id = list->currentRunId();
        const QString dir = list->runDir(id);
        QVERIFY(!id.isEmpty());
        QCOMPARE(list->runStatus(id), RunStatus::Interrupted);
        QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("config.request.json"))));
        QVERIFY(!QFileInfo::exists(QDir(dir).filePath(QStringLiteral("config.json"))));
        QVERIFY(list->resumeButton()->isEnabled());
        bool said = false;
        for (const QList<QVariant> &m : messages)
            said |= m.at(0).toString().startsWith(QLatin1String("Cannot start the worker"));
        QVERIFY(said);

        // Resume with a worker that runs: it is given the request and finishes.
        panel->setWorkerProgram(m_worker);
        QVERIFY(list->resume());
        waitForStatus(panel.get(), id, RunStatus::Finished);
        const QByteArray args = readFile(QDir(dir).filePath(QStringLiteral("args.txt")));
        QVERIFY2(args.contains(QByteArray("--config " + QDir(dir).filePath(QStringLiteral("config.request.json")).toUtf8())),
                 args.constData());
        QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("config.json"))));
        QCOMPARE(list->stats(id)->candidates(), 2);
        qputenv("FAKE_CANDIDATES", "12");
    }

    void landedCountReadsOnFromWhereItStopped()
    {
        const QString root = generation::runsRoot(m_ws->path());
        const QString id = QStringLiteral("19990103-000001-self-instruct");
        const QDir dir(QDir(root).filePath(id));
        writeFile(dir.filePath(QStringLiteral("config.json")), R"({"target":9})");
        writeFile(dir.filePath(QStringLiteral("gui.json")), R"({"dataset":"landed set"})");
        writeFile(dir.filePath(QStringLiteral("events.jsonl")), R"({"event":"start"}
{"event":"done","reason":"target"}
)");
        const QString landed = dir.filePath(QStringLiteral("landed.jsonl"));
        auto line = [](int candidate, const char *dataset = "landed set") -> QByteArray {
            return "{\"candidate\":" + QByteArray::number(candidate) + ",\"dataset\":\"" + dataset + "\"}\n";
        };
        writeFile(landed, line(1) + line(2) + line(7, "another set"));
        std::unique_ptr<GeneratePanel> panel(newPanel());
        GenerateRunList *list = panel->runList();
        QCOMPARE(list->landedCount(id), 2);
        auto append = [&](const QByteArray &bytes) {
            QFile f(landed);
            QVERIFY(f.open(QIODevice::Append));
            f.write(bytes);
        };
        // A line still being written waits for its newline.
        const QByteArray third = line(3);
        append(third.left(10));
        QCOMPARE(list->landedCount(id), 2);
        append(third.mid(10));
        QCOMPARE(list->landedCount(id), 3);
        // Only what was appended is read: the lines before are not read again (here: changed in place).
        {
            QFile f(landed);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QByteArray bytes = f.readAll();
            const QByteArray first = line(1), changed = line(2);
            QCOMPARE(first.size(), changed.size());
            bytes.replace(0, first.size(), changed);
            QVERIFY(f.seek(0));
            f.write(bytes);
            f.write(line(5));
        }
        QCOMPARE(list->landedCount(id), 4);   // 1, 2, 3 as read before, and 5
        // A file that shrank was rewritten: read again from the start.
        writeFile(landed, line(8));
        QCOMPARE(list->landedCount(id), 1);
        panel.reset();
        QDir(dir.path()).removeRecursively();
    }
};

QTEST_MAIN(TestGeneratePanel)
#include "test_generatepanel.moc"
