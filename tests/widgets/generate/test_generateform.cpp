// The Generate form driven by QTest (offscreen), with the FAKE worker of
// generate_testutil.h where a run is started: the config the form builds
// (the API key in none of the run's files), tooltips, the prompt templates,
// a selected run filling the form, seeds from a dataset, Test connection
// against a local HTTP server (QTcpServer), the keys file and its
// permissions, the worker's validation errors shown on their field.

#include <QScopeGuard>
#include <QUrl>

#include "common/languagemanager.h"
#include "generate_testutil.h"

using namespace generatetest;

class TestGenerateForm : public QObject, public Fixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUp(); }
    void cleanupTestCase() { tearDown(); }

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
            QCOMPARE(panel->form()->formErrorField(), QStringLiteral("prompts"));
            QVERIFY2(panel->form()->formErrorLabel()->toolTip().startsWith(QLatin1String("prompts")),
                     qPrintable(panel->form()->formErrorLabel()->toolTip()));
            panel->form()->setPromptEdits({});

            // The dialog lists every template of the worker's set, in its order, the chat API's one too.
            const QStringList names = generation::templateNames();
            QVERIFY(names.contains(QStringLiteral("instructions_chat")));
            QCOMPARE(generation::builtinPrompts(QStringLiteral("zh")).keys().size(), names.size());
            panel->form()->languageCombo()->setCurrentIndex(panel->form()->languageCombo()->findData(QStringLiteral("zh")));
            panel->form()->openPromptsDialog();
            auto *opened = panel->form()->findChild<PromptsDialog *>();
            QVERIFY(opened);
            QStringList listed;
            for (int i = 0; i < opened->nameList()->count(); ++i)
                listed << opened->nameList()->item(i)->text();
            QCOMPARE(listed, names);
            const int chat = int(names.indexOf(QStringLiteral("instructions_chat")));
            QVERIFY(!opened->nameList()->item(chat)->toolTip().isEmpty());
            opened->nameList()->setCurrentRow(chat);
            const QString chatDefault = generation::builtinPrompts(QStringLiteral("zh")).value(QStringLiteral("instructions_chat")).toString();
            QCOMPARE(opened->editor()->toPlainText(), chatDefault);
            opened->editor()->setPlainText(chatDefault + QStringLiteral("\n（自拟）"));
            opened->accept();
            const QJsonObject edits{{QStringLiteral("instructions_chat"), QString(chatDefault + QStringLiteral("\n（自拟）"))}};
            QCOMPARE(panel->form()->promptEdits(), edits);
            QCOMPARE(panel->form()->config().value(QStringLiteral("prompts")).toObject(), edits);
            QVERIFY2(panel->form()->formError().isEmpty(), qPrintable(panel->form()->formError()));
            // Saved with a run: the request (and the fake worker's copy, config.json) holds the edit.
            qputenv("FAKE_CANDIDATES", "2");
            QVERIFY(panel->start());
            const QString id = panel->runList()->currentRunId();
            waitForStatus(panel.get(), id, RunStatus::Finished);
            const QJsonObject saved = generation::readJson(panel->runList()->runDir(id), QStringLiteral("config.json"));
            QCOMPARE(saved.value(QStringLiteral("prompts")).toObject(), edits);
            qputenv("FAKE_CANDIDATES", "12");
        }
    }

    void selectingARunFillsTheForm()
    {
        const QString root = generation::runsRoot(m_ws->path());
        const QString idA = QStringLiteral("19990102-000001-self-instruct"), idB = QStringLiteral("19990102-000002-alpaca"),
                      idC = QStringLiteral("19990102-000003-self-instruct");
        const QDir dirA(QDir(root).filePath(idA)), dirB(QDir(root).filePath(idB)), dirC(QDir(root).filePath(idC));
        auto json = [](const QJsonObject &o) { return QJsonDocument(o).toJson(); };
        const QByteArray ended = R"({"event":"start","pending":0}
{"event":"progress","requests":9,"candidates":20,"kept":5,"pending":11}
{"event":"done","reason":"target","kept":5}
)";
        // A: a finished Chinese run on a chat endpoint, the key from an environment variable, a seed file,
        // an edited template and a dataset the user named.
        const QJsonObject promptsA{{QStringLiteral("instructions_chat"), QStringLiteral("写 {count} 个：{instructions} {next}")}};
        const QJsonObject requestA{
            {QStringLiteral("backend"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("openai")},
                                                    {QStringLiteral("base_url"), QStringLiteral("http://127.0.0.1:7/v1")},
                                                    {QStringLiteral("model"), QStringLiteral("qwen")},
                                                    {QStringLiteral("api"), QStringLiteral("chat")},
                                                    {QStringLiteral("api_key_env"), QStringLiteral("MY_ENV_KEY")},
                                                    {QStringLiteral("timeout_s"), 30},
                                                    {QStringLiteral("concurrency"), 8},
                                                    {QStringLiteral("max_retries"), 2}}},
            {QStringLiteral("seeds"), QFileInfo(m_seeds).absoluteFilePath()},
            {QStringLiteral("language"), QStringLiteral("zh")},
            {QStringLiteral("mode"), QStringLiteral("self_instruct")},
            {QStringLiteral("target"), 60},
            {QStringLiteral("max_requests"), 500},
            {QStringLiteral("max_tokens"), 100000},
            {QStringLiteral("threshold"), 0.6},
            {QStringLiteral("seed"), 7},
            {QStringLiteral("sampling"), QJsonObject{{QStringLiteral("temperature"), 0.9}, {QStringLiteral("top_p"), 0.8},
                                                     {QStringLiteral("max_tokens"), 256}}},
            {QStringLiteral("prompts"), promptsA}};
        QJsonObject configA = requestA;   // the worker's copy: the seeds normalised, every template written out
        configA.insert(QStringLiteral("seeds"), QStringLiteral("seeds.jsonl"));
        QJsonObject allPrompts = generation::builtinPrompts(QStringLiteral("zh"));
        allPrompts.insert(QStringLiteral("instructions_chat"), promptsA.value(QStringLiteral("instructions_chat")));
        configA.insert(QStringLiteral("prompts"), allPrompts);
        writeFile(dirA.filePath(QStringLiteral("config.request.json")), json(requestA));
        writeFile(dirA.filePath(QStringLiteral("config.json")), json(configA));
        writeFile(dirA.filePath(QStringLiteral("gui.json")),
                  json({{QStringLiteral("dataset"), QStringLiteral("zh set")}, {QStringLiteral("api_key"), QStringLiteral("environment")}}));
        writeFile(dirA.filePath(QStringLiteral("seeds.jsonl")), readFile(m_seeds));
        writeFile(dirA.filePath(QStringLiteral("events.jsonl")), ended);
        // B: an English Alpaca run seeded from a dataset, its key kept in the settings, the dataset named after it.
        const qint64 seedSet = m_ws->datasets().first().id;
        const QJsonObject requestB{{QStringLiteral("backend"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("openai")},
                                                                           {QStringLiteral("base_url"), QStringLiteral("http://127.0.0.1:8/v1")},
                                                                           {QStringLiteral("model"), QStringLiteral("llama")}}},
                                   {QStringLiteral("seeds"), QStringLiteral("seeds.jsonl")},
                                   {QStringLiteral("mode"), QStringLiteral("alpaca")}};
        generation::storeApiKey(QStringLiteral("http://127.0.0.1:8/v1"), QStringLiteral("sk-stored-for-8"));
        writeFile(dirB.filePath(QStringLiteral("config.request.json")), json(requestB));
        writeFile(dirB.filePath(QStringLiteral("gui.json")),
                  json({{QStringLiteral("dataset"), QString(QStringLiteral("generated-") + idB)}, {QStringLiteral("api_key"), QStringLiteral("settings")},
                        {QStringLiteral("seed_dataset"), seedSet}}));
        writeFile(dirB.filePath(QStringLiteral("seeds.jsonl")), readFile(m_seeds));
        writeFile(dirB.filePath(QStringLiteral("events.jsonl")), ended);
        // C: a local model, started elsewhere (no request, no gui.json): the run's own seed copy.
        writeFile(dirC.filePath(QStringLiteral("config.json")),
                  json({{QStringLiteral("backend"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("local")},
                                                                {QStringLiteral("model"), m_dir.filePath(QStringLiteral("a-model"))},
                                                                {QStringLiteral("device"), QStringLiteral("cpu")}}},
                        {QStringLiteral("seeds"), QStringLiteral("seeds.jsonl")}, {QStringLiteral("target"), 9}}));
        writeFile(dirC.filePath(QStringLiteral("seeds.jsonl")), readFile(m_seeds));
        writeFile(dirC.filePath(QStringLiteral("events.jsonl")), ended);

        std::unique_ptr<GeneratePanel> panel(newPanel());
        GenerateForm *form = panel->form();
        GenerateRunList *list = panel->runList();
        list->selectRun(idA);
        QCOMPARE(form->loadedRun(), idA);
        QVERIFY(!form->isEdited());
        QVERIFY(form->loadRunButton()->isHidden());
        QVERIFY(form->runSourceLabel()->text().contains(idA));
        QCOMPARE(form->backendCombo()->currentData().toString(), QStringLiteral("openai"));
        QCOMPARE(form->baseUrlEdit()->text(), QStringLiteral("http://127.0.0.1:7/v1"));
        QCOMPARE(form->modelNameCombo()->currentText(), QStringLiteral("qwen"));
        QCOMPARE(form->apiCombo()->currentData().toString(), QStringLiteral("chat"));
        QCOMPARE(form->keyModeCombo()->currentData().toString(), QStringLiteral("environment"));
        QCOMPARE(form->keyEnvEdit()->text(), QStringLiteral("MY_ENV_KEY"));
        QCOMPARE(form->apiKeyEdit()->text(), QString());
        QCOMPARE(form->timeoutSpin()->value(), 30);
        QCOMPARE(form->concurrencySpin()->value(), 8);
        QCOMPARE(form->retriesSpin()->value(), 2);
        QCOMPARE(form->seedDataset(), qint64(0));
        QCOMPARE(form->seedFile(), QFileInfo(m_seeds).absoluteFilePath());
        QCOMPARE(form->languageCombo()->currentData().toString(), QStringLiteral("zh"));
        QCOMPARE(form->modeCombo()->currentData().toString(), QStringLiteral("self_instruct"));
        QCOMPARE(form->targetSpin()->value(), 60);
        QCOMPARE(form->thresholdSpin()->value(), 0.6);
        QCOMPARE(form->maxRequestsSpin()->value(), 500);
        QCOMPARE(form->maxTokensSpin()->value(), 100000);
        QCOMPARE(form->seedSpin()->value(), 7);
        QCOMPARE(form->temperatureSpin()->value(), 0.9);
        QCOMPARE(form->topPSpin()->value(), 0.8);
        QCOMPARE(form->sampleTokensSpin()->value(), 256);
        QCOMPARE(form->datasetNameEdit()->text(), QStringLiteral("zh set"));
        QCOMPARE(form->promptEdits(), promptsA);
        // A new run with the same settings is one click: the form describes exactly the run's request.
        QJsonObject expected = requestA;
        expected.insert(QStringLiteral("seeds"), QStringLiteral("seeds.jsonl"));
        QCOMPARE(form->config(), expected);
        QVERIFY2(form->formError().isEmpty(), qPrintable(form->formError()));
        QVERIFY(form->startButton()->isEnabled());
        // A finished run has nothing in progress, whatever its last progress said.
        panel->view()->updateNow();
        QCOMPARE(panel->view()->counterLabel(QStringLiteral("pending"))->text(), QStringLiteral("—"));
        QVERIFY(panel->view()->counterLabel(QStringLiteral("pending"))->toolTip().contains(QLatin1String("11")));

        list->selectRun(idB);
        QCOMPARE(form->loadedRun(), idB);
        QCOMPARE(form->seedDataset(), seedSet);
        QCOMPARE(form->keyModeCombo()->currentData().toString(), QStringLiteral("settings"));
        QCOMPARE(form->apiKeyEdit()->text(), QStringLiteral("sk-stored-for-8"));   // the settings', as when typing the URL
        QCOMPARE(form->apiCombo()->currentData().toString(), QStringLiteral("completions"));
        QCOMPARE(form->languageCombo()->currentData().toString(), QStringLiteral("en"));   // the worker's defaults
        QCOMPARE(form->modeCombo()->currentData().toString(), QStringLiteral("alpaca"));
        QCOMPARE(form->targetSpin()->value(), 100);
        QCOMPARE(form->concurrencySpin()->value(), 4);
        QVERIFY(form->promptEdits().isEmpty());
        QCOMPARE(form->datasetNameEdit()->text(), QString());   // B's own name: a new run gets its own
        QVERIFY(!QJsonDocument(form->config()).toJson().contains("sk-stored"));

        // Edited: selecting another run keeps the edits and offers the run instead.
        form->targetSpin()->setValue(5);
        QVERIFY(form->isEdited());
        list->selectRun(idA);
        QCOMPARE(form->targetSpin()->value(), 5);
        QCOMPARE(form->languageCombo()->currentData().toString(), QStringLiteral("en"));
        QVERIFY(!form->loadRunButton()->isHidden());
        QVERIFY(form->runSourceLabel()->text().contains(idB));
        form->loadRunButton()->click();
        QCOMPARE(form->loadedRun(), idA);
        QVERIFY(!form->isEdited());
        QCOMPARE(form->targetSpin()->value(), 60);
        QCOMPARE(form->languageCombo()->currentData().toString(), QStringLiteral("zh"));
        QVERIFY(form->loadRunButton()->isHidden());
        // The histogram's "Use this threshold" is an edit too (these runs have no scores: the panel's signal).
        Q_EMIT panel->view()->thresholdChosen(0.42);
        QCOMPARE(form->thresholdSpin()->value(), 0.42);
        QVERIFY(form->isEdited());
        form->loadRunButton()->click();
        QCOMPARE(form->thresholdSpin()->value(), 0.6);

        // C: a local model; no request: the run's own seed copy; no gui.json: no dataset name.
        list->selectRun(idC);
        QCOMPARE(form->backendCombo()->currentData().toString(), QStringLiteral("local"));
        QCOMPARE(form->modelDir(), m_dir.filePath(QStringLiteral("a-model")));
        QCOMPARE(form->config().value(QStringLiteral("backend")).toObject().value(QStringLiteral("device")).toString(),
                 QStringLiteral("cpu"));
        QCOMPARE(form->seedFile(), dirC.filePath(QStringLiteral("seeds.jsonl")));
        QCOMPARE(form->targetSpin()->value(), 9);
        QCOMPARE(form->datasetNameEdit()->text(), QString());
        QVERIFY2(form->formError().isEmpty(), qPrintable(form->formError()));

        panel.reset();
        generation::storeApiKey(QStringLiteral("http://127.0.0.1:8/v1"), {});
        for (const QDir &d : {dirA, dirB, dirC})
            QDir(d.path()).removeRecursively();
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

    void apiKeysLiveInAnOwnerOnlyFile()
    {
        const QString mainFile = QSettings().fileName();
        const QString keys = generation::apiKeysFile();
        QCOMPARE(QFileInfo(keys).absolutePath(), QFileInfo(mainFile).absolutePath());
        QCOMPARE(QFileInfo(keys).fileName(), QStringLiteral("sftbench-keys.conf"));
        QFile::remove(keys);
        const QString url5 = QStringLiteral("http://127.0.0.1:5/v1"), url6 = QStringLiteral("http://127.0.0.1:6/v1");
        const QString legacyName = QStringLiteral("generate/apiKeys/") + QString::fromLatin1(QUrl::toPercentEncoding(url5));
        // A key an older version kept in the main settings file moves into the keys file when read.
        QSettings().setValue(legacyName, QStringLiteral("sk-legacy-5"));
        QSettings().sync();
        QVERIFY(readFile(mainFile).contains("sk-legacy-5"));
        QCOMPARE(generation::storedApiKey(url5), QStringLiteral("sk-legacy-5"));
        QVERIFY(!QSettings().contains(legacyName));
        QVERIFY(!readFile(mainFile).contains("sk-legacy-5"));
        QVERIFY(readFile(keys).contains("sk-legacy-5"));

        constexpr QFileDevice::Permissions groupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                                                          | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                                          | QFileDevice::WriteOther | QFileDevice::ExeOther;
        generation::storeApiKey(url6, QStringLiteral("sk-owner-only-6"));
        QCOMPARE(QFile::permissions(keys) & groupOrOther, QFileDevice::Permissions());
        QVERIFY(QFile::permissions(keys) & QFileDevice::ReadOwner);
        QVERIFY(QFile::permissions(keys) & QFileDevice::WriteOwner);
        QVERIFY(readFile(keys).contains("sk-owner-only-6"));
        QSettings().sync();
        QVERIFY(!readFile(mainFile).contains("sk-"));
        QCOMPARE(generation::storedApiKey(url6), QStringLiteral("sk-owner-only-6"));
        // Opened up by hand: the next write makes it owner-only again.
        QFile::setPermissions(keys, QFile::permissions(keys) | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        generation::storeApiKey(url6, QStringLiteral("sk-owner-only-6b"));
        QCOMPARE(QFile::permissions(keys) & groupOrOther, QFileDevice::Permissions());
        QCOMPARE(generation::storedApiKey(url6), QStringLiteral("sk-owner-only-6b"));
        // Forgotten: gone from the file.
        generation::storeApiKey(url6, {});
        generation::storeApiKey(url5, {});
        QCOMPARE(generation::storedApiKey(url6), QString());
        QVERIFY(!readFile(keys).contains("sk-"));
        QCOMPARE(QFile::permissions(keys) & groupOrOther, QFileDevice::Permissions());

        // The form says where the key goes, and what to prefer on a shared machine.
        GenerateForm form;
        QVERIFY(form.apiKeyEdit()->toolTip().contains(QDir::toNativeSeparators(keys)));
        QVERIFY(form.apiKeyEdit()->toolTip().contains(QLatin1String("unencrypted")));
        const QString itemTip = form.keyModeCombo()->itemData(0, Qt::ToolTipRole).toString();
        QVERIFY2(itemTip.contains(QDir::toNativeSeparators(keys)) && itemTip.contains(QLatin1String("environment variable")),
                 qPrintable(itemTip));
    }

    void workerErrorsNameTheirField()
    {
        if (generation::builtinPrompts(QStringLiteral("en")).isEmpty())
            QSKIP("this build has no Self-Instruct loop: the worker's validator is not linked in");
        std::unique_ptr<GeneratePanel> panel(newPanel());
        GenerateForm *form = panel->form();
        fillForm(form, {});
        // The worker's field paths map onto the form's widgets.
        QJsonObject bad = form->config();
        QJsonObject sampling = bad.value(QStringLiteral("sampling")).toObject();
        sampling.insert(QStringLiteral("temperature"), 5.0);
        bad.insert(QStringLiteral("sampling"), sampling);
        const generation::ConfigProblem problem = generation::configProblem(bad);
        QCOMPARE(problem.field, QStringLiteral("sampling.temperature"));
        QCOMPARE(form->fieldWidget(problem.field), form->temperatureSpin());
        QCOMPARE(form->fieldWidget(QStringLiteral("backend.base_url")), form->baseUrlEdit());
        QCOMPARE(form->fieldWidget(QStringLiteral("prompts.instructions")), form->promptsButton());
        QCOMPARE(form->fieldWidget(QStringLiteral("filters")), nullptr);
        QVERIFY(form->highlightedField() == nullptr);

        // An unknown template: the templates button is marked, the label names it, the worker's text is the tooltip.
        form->setPromptEdits({{QStringLiteral("no_such_template"), QStringLiteral("x")}});
        const QString workerText = generation::configError(form->config());
        QVERIFY2(workerText.startsWith(QLatin1String("prompts")), qPrintable(workerText));
        QCOMPARE(form->formErrorField(), QStringLiteral("prompts"));
        QCOMPARE(form->highlightedField(), form->promptsButton());
        QVERIFY(!form->promptsButton()->styleSheet().isEmpty());
        QCOMPARE(form->formErrorLabel()->toolTip(), workerText);
        QVERIFY2(form->formErrorLabel()->text().contains(QLatin1String("\"Templates\"")), qPrintable(form->formErrorLabel()->text()));
        QVERIFY(!form->formErrorLabel()->text().contains(workerText));
        QVERIFY(!form->startButton()->isEnabled());
        // In Chinese the field is named by its Chinese label; the worker's English stays in the tooltip.
        QVERIFY(LanguageManager::instance()->setLanguage(QStringLiteral("zh_CN")));
        auto restore = qScopeGuard([] { LanguageManager::instance()->setLanguage(QStringLiteral("en")); });
        QVERIFY2(form->formErrorLabel()->text().contains(QStringLiteral("“模板”")), qPrintable(form->formErrorLabel()->text()));
        QCOMPARE(form->formErrorLabel()->toolTip(), workerText);
        QVERIFY(LanguageManager::instance()->setLanguage(QStringLiteral("en")));
        // Fixed: nothing is marked any more.
        form->setPromptEdits({});
        QVERIFY(form->formError().isEmpty());
        QVERIFY(form->highlightedField() == nullptr);
        QVERIFY(form->promptsButton()->styleSheet().isEmpty());
        QVERIFY(form->formErrorLabel()->toolTip().isEmpty());
    }
};

QTEST_MAIN(TestGenerateForm)
#include "test_generateform.moc"
