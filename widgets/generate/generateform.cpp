// GenerateForm: building the form, its texts, the config it describes and
// its validation. The key typed here is never part of the config: the run
// list stores it in the settings and hands it to the worker's environment.

#include "generate/generateform.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHash>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <limits>

#include "common/modelfolderrow.h"
#include "generate/connectiontest.h"
#include "generate/generaterun.h"
#include "generate/promptsdialog.h"
#include "workspace/workspace.h"

namespace {

QSpinBox *spin(QWidget *parent, const char *name, int min, int max, int value)
{
    auto *s = new QSpinBox(parent);
    s->setObjectName(QLatin1String(name));
    s->setRange(min, max);
    s->setValue(value);
    return s;
}

QDoubleSpinBox *doubleSpin(QWidget *parent, const char *name, double min, double max, double step, double value)
{
    auto *s = new QDoubleSpinBox(parent);
    s->setObjectName(QLatin1String(name));
    s->setRange(min, max);
    s->setDecimals(2);
    s->setSingleStep(step);
    s->setValue(value);
    return s;
}

/** Select the item whose data is value; a value the combo does not offer (a device like "cuda:1") is added. */
void selectData(QComboBox *c, const QString &value)
{
    int index = c->findData(value);
    if (index < 0) {
        c->addItem(value, value);
        index = c->count() - 1;
    }
    c->setCurrentIndex(index);
}

QComboBox *combo(QWidget *parent, const char *name, const QStringList &data)
{
    auto *c = new QComboBox(parent);
    c->setObjectName(QLatin1String(name));
    for (const QString &d : data)
        c->addItem(d, d);
    return c;
}

} // namespace

GenerateForm::GenerateForm(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("generateForm"));
    m_connection = new ConnectionTest(this);
    auto *content = new QWidget;
    auto *v = new QVBoxLayout(content);
    v->setContentsMargins(0, 0, 6, 0);
    v->addWidget(buildBackendBox());
    v->addWidget(buildSeedBox());
    v->addWidget(buildRunBox());
    v->addStretch(1);
    for (QComboBox *c : content->findChildren<QComboBox *>()) {
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->setMinimumContentsLength(12);
    }
    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("generateFormScroll"));
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(380);

    m_formErrorLabel = new QLabel;
    m_formErrorLabel->setObjectName(QStringLiteral("formErrorLabel"));
    m_formErrorLabel->setWordWrap(true);
    m_formErrorLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_start = new QPushButton;
    m_start->setObjectName(QStringLiteral("startButton"));
    addText(m_start, QT_TR_NOOP("Start generation"));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_start);
    // Whose settings the form shows, and the selected run's when the user's edits are kept instead.
    m_runRow = new QWidget;
    m_runSource = new QLabel(m_runRow);
    m_runSource->setObjectName(QStringLiteral("runSourceLabel"));
    m_runSource->setWordWrap(true);
    m_runSource->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_loadRun = new QPushButton(m_runRow);
    m_loadRun->setObjectName(QStringLiteral("loadRunButton"));
    auto *runRow = new QHBoxLayout(m_runRow);
    runRow->setContentsMargins(0, 0, 6, 0);
    runRow->addWidget(m_runSource, 1);
    runRow->addWidget(m_loadRun);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_runRow);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_formErrorLabel);
    layout->addLayout(buttons);

    connect(m_start, &QPushButton::clicked, this, &GenerateForm::startRequested);
    connect(m_connection, &ConnectionTest::finished, this, &GenerateForm::showTestResult);
    for (QLineEdit *e : findChildren<QLineEdit *>())
        connect(e, &QLineEdit::textChanged, this, &GenerateForm::formChanged);
    for (QComboBox *c : findChildren<QComboBox *>())
        connect(c, &QComboBox::currentIndexChanged, this, &GenerateForm::formChanged);
    for (QAbstractSpinBox *s : findChildren<QAbstractSpinBox *>())
        connect(s, &QAbstractSpinBox::editingFinished, this, &GenerateForm::changed);
    connect(m_modelRow, &ModelFolderRow::modelDirChanged, this, &GenerateForm::formChanged);
    connect(m_loadRun, &QPushButton::clicked, this, [this] {
        if (!m_selectedDir.isEmpty())
            loadRun(m_selectedDir, m_selectedConfig);
    });
    // The seed file of the last run started from a file, while it is still there.
    const QString lastSeeds = QSettings().value(QLatin1String(generation::kLastSeedFileSetting)).toString();
    if (!lastSeeds.isEmpty() && QFileInfo(lastSeeds).isFile())
        m_seedFile->setText(lastSeeds);
    // Every change from here on is the user's unless loadRun makes it.
    for (QLineEdit *e : findChildren<QLineEdit *>())
        connect(e, &QLineEdit::textChanged, this, &GenerateForm::markEdited);
    for (QComboBox *c : findChildren<QComboBox *>())
        connect(c, &QComboBox::currentIndexChanged, this, &GenerateForm::markEdited);
    for (QSpinBox *sb : findChildren<QSpinBox *>())
        connect(sb, &QSpinBox::valueChanged, this, &GenerateForm::markEdited);
    for (QDoubleSpinBox *sb : findChildren<QDoubleSpinBox *>())
        connect(sb, &QDoubleSpinBox::valueChanged, this, &GenerateForm::markEdited);
    connect(m_modelRow, &ModelFolderRow::modelDirChanged, this, &GenerateForm::markEdited);
    retranslate();
    formChanged();
}

GenerateForm::~GenerateForm() = default;

QLabel *GenerateForm::addLabel(const char *source)
{
    auto *label = new QLabel;
    addText(label, source);
    return label;
}

QWidget *GenerateForm::buildBackendBox()
{
    auto *box = new QGroupBox;
    addText(box, QT_TR_NOOP("Model"));
    m_backend = combo(box, "backendCombo", {QStringLiteral("local"), QStringLiteral("openai")});
    m_backendStack = new QStackedWidget(box);

    auto *local = new QWidget;
    auto *lv = new QFormLayout(local);
    lv->setContentsMargins(0, 0, 0, 0);
    m_modelRow = new ModelFolderRow(local);
    m_device = combo(local, "deviceCombo", {QStringLiteral("auto"), QStringLiteral("cpu"), QStringLiteral("cuda")});
    lv->addRow(m_modelRow);
    lv->addRow(m_modelRow->note());
    lv->addRow(addLabel(QT_TR_NOOP("Device:")), m_device);

    auto *remote = new QWidget;
    auto *rv = new QFormLayout(remote);
    rv->setContentsMargins(0, 0, 0, 0);
    m_baseUrl = new QLineEdit(remote);
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_baseUrl->setPlaceholderText(QStringLiteral("http://127.0.0.1:8000/v1"));
    m_modelName = new QComboBox(remote);
    m_modelName->setObjectName(QStringLiteral("modelNameCombo"));
    m_modelName->setEditable(true);
    m_api = combo(remote, "apiCombo", {QStringLiteral("completions"), QStringLiteral("chat")});
    m_keyMode = combo(remote, "keyModeCombo", {QStringLiteral("settings"), QStringLiteral("environment")});
    m_keyStack = new QStackedWidget(remote);
    m_apiKey = new QLineEdit(remote);
    m_apiKey->setObjectName(QStringLiteral("apiKeyEdit"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_keyEnv = new QLineEdit(QString::fromLatin1(generation::kDefaultKeyEnv), remote);
    m_keyEnv->setObjectName(QStringLiteral("keyEnvEdit"));
    m_keyStack->addWidget(m_apiKey);
    m_keyStack->addWidget(m_keyEnv);
    m_timeout = spin(remote, "timeoutSpin", 1, 3600, 120);
    m_concurrency = spin(remote, "concurrencySpin", 1, 256, 4);
    m_retries = spin(remote, "retriesSpin", 0, 50, 5);
    m_test = new QPushButton(remote);
    m_test->setObjectName(QStringLiteral("testConnectionButton"));
    m_testResult = new QLabel(remote);
    m_testResult->setObjectName(QStringLiteral("testResultLabel"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rv->addRow(addLabel(QT_TR_NOOP("Base URL:")), m_baseUrl);
    rv->addRow(addLabel(QT_TR_NOOP("Model name:")), m_modelName);
    rv->addRow(addLabel(QT_TR_NOOP("API:")), m_api);
    rv->addRow(addLabel(QT_TR_NOOP("API key:")), m_keyMode);
    rv->addRow(QString(), m_keyStack);
    rv->addRow(addLabel(QT_TR_NOOP("Timeout (s):")), m_timeout);
    rv->addRow(addLabel(QT_TR_NOOP("Concurrent requests:")), m_concurrency);
    rv->addRow(addLabel(QT_TR_NOOP("Retries:")), m_retries);
    rv->addRow(m_test);
    rv->addRow(m_testResult);
    m_keyStack->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    m_backendStack->addWidget(local);
    m_backendStack->addWidget(remote);
    auto *form = new QVBoxLayout(box);
    auto *row = new QFormLayout;
    row->addRow(addLabel(QT_TR_NOOP("Backend:")), m_backend);
    form->addLayout(row);
    form->addWidget(m_backendStack);

    // A stack is as tall as its tallest page: the hidden page is ignored so the local page stays compact.
    auto follow = [](QComboBox *combo, QStackedWidget *stack) {
        auto show = [stack](int index) {
            for (int i = 0; i < stack->count(); ++i)
                stack->widget(i)->setSizePolicy(QSizePolicy::Preferred, i == index ? QSizePolicy::Preferred
                                                                                   : QSizePolicy::Ignored);
            stack->setCurrentIndex(index);
            stack->adjustSize();
        };
        QObject::connect(combo, &QComboBox::currentIndexChanged, stack, show);
        show(combo->currentIndex());
    };
    follow(m_backend, m_backendStack);
    follow(m_keyMode, m_keyStack);
    connect(m_baseUrl, &QLineEdit::editingFinished, this, [this] {
        // The key saved for this endpoint, if any.
        if (keyFromSettings())
            m_apiKey->setText(generation::storedApiKey(m_baseUrl->text()));
    });
    connect(m_test, &QPushButton::clicked, this, &GenerateForm::testConnection);
    return box;
}

QWidget *GenerateForm::buildSeedBox()
{
    auto *box = new QGroupBox;
    addText(box, QT_TR_NOOP("Seed tasks"));
    auto *f = new QFormLayout(box);
    m_seedSource = new QComboBox(box);
    m_seedSource->setObjectName(QStringLiteral("seedCombo"));
    m_seedSource->addItem(QString(), qint64(0));
    m_seedFile = new QLineEdit(box);
    m_seedFile->setObjectName(QStringLiteral("seedFileEdit"));
    m_browseSeeds = new QPushButton(box);
    addText(m_browseSeeds, QT_TR_NOOP("Browse…"));
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_seedFile, 1);
    fileRow->addWidget(m_browseSeeds);
    m_language = combo(box, "languageCombo", {QStringLiteral("en"), QStringLiteral("zh")});
    f->addRow(addLabel(QT_TR_NOOP("Seeds:")), m_seedSource);
    f->addRow(QString(), fileRow);
    f->addRow(addLabel(QT_TR_NOOP("Language:")), m_language);
    connect(m_browseSeeds, &QPushButton::clicked, this, &GenerateForm::chooseSeedFile);
    // Edited templates belong to the language they were written for.
    connect(m_language, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_promptEdits.isEmpty())
            setPromptEdits({});
    });
    connect(m_seedSource, &QComboBox::currentIndexChanged, this, [this] {
        const bool file = seedDataset() == 0;
        m_seedFile->setEnabled(file);
        m_browseSeeds->setEnabled(file);
    });
    return box;
}

QWidget *GenerateForm::buildRunBox()
{
    auto *box = new QGroupBox;
    addText(box, QT_TR_NOOP("Generation"));
    auto *f = new QFormLayout(box);
    m_mode = combo(box, "modeCombo", {QStringLiteral("self_instruct"), QStringLiteral("alpaca")});
    m_target = spin(box, "targetSpin", 1, 10'000'000, 100);
    m_threshold = doubleSpin(box, "thresholdSpin", 0.0, 1.0, 0.05, 0.7);
    m_maxRequests = spin(box, "maxRequestsSpin", 0, std::numeric_limits<int>::max(), 0);
    m_maxTokens = spin(box, "maxTokensSpin", 0, std::numeric_limits<int>::max(), 0);
    m_seed = spin(box, "seedSpin", 0, std::numeric_limits<int>::max(), 42);
    m_temperature = doubleSpin(box, "temperatureSpin", 0.0, 2.0, 0.05, 0.7);
    m_topP = doubleSpin(box, "topPSpin", 0.01, 1.0, 0.05, 0.5);
    m_sampleTokens = spin(box, "sampleTokensSpin", 1, 1'000'000, 1024);
    m_datasetName = new QLineEdit(box);
    m_datasetName->setObjectName(QStringLiteral("datasetNameEdit"));
    m_prompts = new QPushButton(box);
    m_prompts->setObjectName(QStringLiteral("promptsButton"));
    m_promptsLabel = new QLabel(box);
    auto *promptRow = new QHBoxLayout;
    promptRow->addWidget(m_prompts);
    promptRow->addWidget(m_promptsLabel, 1);
    // The modes' names are long: the combo takes the whole row under its label instead of being cut off.
    f->addRow(addLabel(QT_TR_NOOP("Mode:")));
    f->addRow(m_mode);
    f->addRow(addLabel(QT_TR_NOOP("Target (kept tasks):")), m_target);
    f->addRow(addLabel(QT_TR_NOOP("ROUGE-L threshold:")), m_threshold);
    f->addRow(addLabel(QT_TR_NOOP("Request budget:")), m_maxRequests);
    f->addRow(addLabel(QT_TR_NOOP("Token budget:")), m_maxTokens);
    f->addRow(addLabel(QT_TR_NOOP("Random seed:")), m_seed);
    f->addRow(addLabel(QT_TR_NOOP("Temperature:")), m_temperature);
    f->addRow(addLabel(QT_TR_NOOP("Top-p:")), m_topP);
    f->addRow(addLabel(QT_TR_NOOP("Max new tokens:")), m_sampleTokens);
    f->addRow(addLabel(QT_TR_NOOP("Templates:")), promptRow);
    f->addRow(addLabel(QT_TR_NOOP("Into dataset:")), m_datasetName);
    connect(m_prompts, &QPushButton::clicked, this, &GenerateForm::openPromptsDialog);
    return box;
}

void GenerateForm::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        formChanged();   // the form's error names its field in the new language
    }
    QWidget::changeEvent(event);
}

void GenerateForm::retranslate()
{
    for (const Text &t : std::as_const(m_texts)) {
        const QString text = tr(t.source);
        if (auto *label = qobject_cast<QLabel *>(t.widget))
            label->setText(text);
        else if (auto *button = qobject_cast<QPushButton *>(t.widget))
            button->setText(text);
        else if (auto *box = qobject_cast<QGroupBox *>(t.widget))
            box->setTitle(text);
    }
    m_modelRow->retranslate(tr("Hugging Face model folder"),
                            tr("The demo model is untrained: it shows how generation works, but few of its "
                               "tasks survive the filters."));
    m_backend->setItemText(0, tr("Local model folder"));
    m_backend->setItemText(1, tr("OpenAI-compatible endpoint"));
    m_backend->setToolTip(tr("The project's own engine on a model folder, or any server with the OpenAI API "
                             "(vLLM, llama.cpp's server, Ollama, TGI, a hosted API, sftbench-cli serve)"));
    m_device->setToolTip(tr("Where the local model runs"));
    m_api->setItemText(0, tr("Completions (/completions)"));
    m_api->setItemText(1, tr("Chat completions (/chat/completions)"));
    m_api->setToolTip(tr("Completions continue the prompt as written; chat sends it as one user message"));
    m_keyMode->setItemText(0, tr("Saved in this computer's settings"));
    m_keyMode->setItemText(1, tr("Environment variable"));
    m_keyMode->setToolTip(tr("The key is never written into the workspace, the run folder or a log: the worker "
                             "reads it from its environment"));
    m_keyMode->setItemData(0, tr("Stored unencrypted in %1, readable by your user account only. On a shared "
                                 "machine prefer an environment variable.")
                                  .arg(QDir::toNativeSeparators(generation::apiKeysFile())),
                           Qt::ToolTipRole);
    m_apiKey->setPlaceholderText(tr("empty for a server without a key"));
    m_apiKey->setToolTip(tr("The key is stored unencrypted in %1 (readable by your user account only). On a shared "
                            "machine choose \"Environment variable\" instead.")
                             .arg(QDir::toNativeSeparators(generation::apiKeysFile())));
    m_keyEnv->setToolTip(tr("The name of the environment variable that holds the key"));
    m_timeout->setToolTip(tr("Seconds to wait for one answer before retrying"));
    m_concurrency->setToolTip(tr("Requests sent at the same time"));
    m_retries->setToolTip(tr("Retries with exponential backoff after a 429, a 5xx or a timeout"));
    m_test->setText(tr("Test connection"));
    m_test->setToolTip(tr("Ask the endpoint for its models (GET {base URL}/models)"));
    m_modelName->setToolTip(tr("The model name the endpoint serves; Test connection lists them"));
    m_seedSource->setItemText(0, tr("A file (JSON or JSONL)"));
    m_seedSource->setToolTip(tr("Seed tasks: Self-Instruct's seed_tasks.jsonl, BELLE's zh_seed_tasks.json, "
                                "instruction records, or a dataset of this workspace"));
    m_language->setItemText(0, tr("English"));
    m_language->setItemText(1, tr("Chinese"));
    m_language->setToolTip(tr("The prompt set and the ROUGE-L tokenizer (characters for Chinese)"));
    m_mode->setItemText(0, tr("Self-Instruct (instructions, then instances)"));
    m_mode->setItemText(1, tr("Alpaca (batches of complete tasks)"));
    m_mode->setToolTip(tr("Self-Instruct asks for new instructions, classifies them and writes instances; "
                          "Alpaca asks for 20 complete tasks per request"));
    m_target->setToolTip(tr("Stop when this many new tasks were kept"));
    m_threshold->setToolTip(tr("A new instruction is kept only if its ROUGE-L with every instruction in the pool "
                               "stays below this"));
    m_maxRequests->setToolTip(tr("Stop after this many requests (0: no limit)"));
    m_maxTokens->setToolTip(tr("Stop after this many prompt and completion tokens (0: no limit)"));
    m_seed->setToolTip(tr("Seeds the sampling of prompts and of the model"));
    m_temperature->setToolTip(tr("Sampling temperature"));
    m_topP->setToolTip(tr("Nucleus sampling: the smallest set of tokens whose probability reaches p"));
    m_sampleTokens->setToolTip(tr("Most tokens per answer"));
    m_datasetName->setPlaceholderText(tr("generated-<run id>"));
    m_seedFile->setPlaceholderText(tr("seed_tasks.jsonl"));
    m_datasetName->setToolTip(tr("Kept tasks land in this dataset as pending records, one per instance"));
    m_prompts->setText(tr("Edit…"));
    m_promptsLabel->setText(m_promptEdits.isEmpty() ? tr("built-in")
                                                    : tr("%n edited", nullptr, int(m_promptEdits.size())));
    m_loadRun->setText(tr("Load the selected run"));
    updateRunRow();
    refreshDatasets();
    formChanged();
}

void GenerateForm::setWorkspace(sft::Workspace *workspace)
{
    if (m_workspace)
        m_workspace->disconnect(this);
    m_workspace = workspace;
    if (m_workspace)
        connect(m_workspace, &sft::Workspace::datasetsChanged, this, &GenerateForm::refreshDatasets);
    refreshDatasets();
}

void GenerateForm::refreshDatasets()
{
    const qint64 current = seedDataset();
    QList<sft::DatasetInfo> sets;
    if (m_workspace)
        m_workspace->tryOrReport([&] { sets = m_workspace->datasets(); });
    const QSignalBlocker block(m_seedSource);
    while (m_seedSource->count() > 1)
        m_seedSource->removeItem(1);
    for (const auto &d : std::as_const(sets))
        m_seedSource->addItem(tr("Dataset: %1 (%n record(s))", nullptr, int(d.total)).arg(d.name), d.id);
    m_seedSource->setCurrentIndex(std::max(0, m_seedSource->findData(current)));
}

void GenerateForm::setDemoModelDir(const QString &dir)
{
    // Where the demo model lives is no choice of the user's.
    const bool filling = m_filling;
    m_filling = true;
    m_modelRow->setDemoModelDir(dir);
    m_filling = filling;
}
QString GenerateForm::demoModelDir() const { return m_modelRow->demoModelDir(); }
QString GenerateForm::modelDir() const { return m_modelRow->modelDir(); }

void GenerateForm::setThreshold(double threshold) { m_threshold->setValue(threshold); }

void GenerateForm::setPreparing(bool preparing)
{
    m_preparing = preparing;
    formChanged();
}

QString GenerateForm::seedFile() const { return seedDataset() ? QString() : m_seedFile->text().trimmed(); }
qint64 GenerateForm::seedDataset() const { return m_seedSource->currentData().toLongLong(); }

QString GenerateForm::seedFileName() const
{
    // Whatever the format picked (BELLE's JSON too), the run folder holds the seeds as JSON lines.
    return QStringLiteral("seeds.jsonl");
}

QString GenerateForm::datasetName() const { return m_datasetName->text().trimmed(); }
bool GenerateForm::keyFromSettings() const { return m_keyMode->currentData().toString() == QLatin1String("settings"); }
QString GenerateForm::apiKey() const { return m_apiKey->text(); }

void GenerateForm::setPromptEdits(const QJsonObject &edits)
{
    m_promptEdits = edits;
    markEdited();
    retranslate();
}

void GenerateForm::markEdited()
{
    if (m_filling || m_edited)
        return;
    m_edited = true;
    updateRunRow();
}

void GenerateForm::updateRunRow()
{
    const QString selected = m_selectedDir.isEmpty() ? QString() : QFileInfo(m_selectedDir).fileName();
    QString text;
    if (!m_loadedRun.isEmpty())
        text = m_edited ? tr("The settings of the run %1, edited.").arg(m_loadedRun)
                        : tr("The settings of the run %1.").arg(m_loadedRun);
    else if (m_edited && !selected.isEmpty())
        text = tr("Your settings for a new run.");
    m_runSource->setText(text);
    // Offered when a selected run's settings are not what the form shows.
    m_loadRun->setHidden(selected.isEmpty() || (!m_edited && m_loadedRun == selected));
    m_loadRun->setToolTip(selected.isEmpty() ? QString()
                                             : tr("Fill the form with the settings of the run %1 (your changes "
                                                  "to the form are replaced)").arg(selected));
    m_runRow->setHidden(text.isEmpty() && m_loadRun->isHidden());
}

void GenerateForm::setSelectedRun(const QString &runDir, const QJsonObject &config)
{
    m_selectedDir = runDir;
    m_selectedConfig = config;
    // A demanding user expects the selected run's settings in the form, but never to lose what they typed:
    // the form follows the selection until it is edited, then the Load button offers the run.
    if (!runDir.isEmpty() && !m_edited)
        loadRun(runDir, config);
    else
        updateRunRow();
}

void GenerateForm::setLoadedRun(const QString &runId)
{
    m_loadedRun = runId;
    m_edited = false;
    updateRunRow();
}

void GenerateForm::rememberSeedFile() const
{
    const QString file = seedFile();
    if (!file.isEmpty() && QFileInfo(file).isFile())
        QSettings().setValue(QLatin1String(generation::kLastSeedFileSetting), QFileInfo(file).absoluteFilePath());
}

void GenerateForm::loadRun(const QString &runDir, const QJsonObject &runConfig)
{
    const QJsonObject request = generation::readJson(runDir, QString::fromLatin1(generation::kRequestFile));
    const QJsonObject side = generation::readJson(runDir, QString::fromLatin1(generation::kSideFile));
    const QJsonObject c = runConfig.isEmpty() ? request : runConfig;
    const QString runId = QFileInfo(runDir).fileName();
    m_filling = true;

    // A missing field is the worker's default, as it was for the run.
    const QJsonObject backend = c.value(QStringLiteral("backend")).toObject();
    if (!backend.isEmpty()) {
        const bool openai = backend.value(QStringLiteral("kind")).toString() == QLatin1String("openai");
        selectData(m_backend, openai ? QStringLiteral("openai") : QStringLiteral("local"));
        if (openai) {
            const QString url = backend.value(QStringLiteral("base_url")).toString();
            const QString keyEnv = backend.value(QStringLiteral("api_key_env")).toString(QString::fromLatin1(generation::kDefaultKeyEnv));
            m_baseUrl->setText(url);
            m_modelName->setCurrentText(backend.value(QStringLiteral("model")).toString());
            selectData(m_api, backend.value(QStringLiteral("api")).toString(QStringLiteral("completions")));
            // gui.json says where the key came from; a run started elsewhere used the environment unless
            // this computer keeps a key for the endpoint.
            QString keyMode = side.value(QStringLiteral("api_key")).toString();
            if (keyMode.isEmpty())
                keyMode = generation::storedApiKey(url).isEmpty() || keyEnv != QLatin1String(generation::kDefaultKeyEnv)
                              ? QStringLiteral("environment") : QStringLiteral("settings");
            selectData(m_keyMode, keyMode);
            m_keyEnv->setText(keyEnv);
            m_apiKey->setText(keyMode == QLatin1String("settings") ? generation::storedApiKey(url) : QString());
            m_timeout->setValue(backend.value(QStringLiteral("timeout_s")).toInt(120));
            m_concurrency->setValue(backend.value(QStringLiteral("concurrency")).toInt(4));
            m_retries->setValue(backend.value(QStringLiteral("max_retries")).toInt(5));
        } else {
            m_modelRow->setModelDir(backend.value(QStringLiteral("model")).toString());
            selectData(m_device, backend.value(QStringLiteral("device")).toString(QStringLiteral("auto")));
        }
    }

    // Seeds: the workspace dataset they were exported from while it exists, else the file as it was chosen,
    // else the run's own copy (seeds.jsonl, what a resume reads).
    const qint64 seedDataset = side.value(QStringLiteral("seed_dataset")).toInteger();
    const int datasetIndex = seedDataset > 0 ? m_seedSource->findData(seedDataset) : -1;
    if (datasetIndex > 0) {
        m_seedSource->setCurrentIndex(datasetIndex);
    } else {
        m_seedSource->setCurrentIndex(0);
        const QDir dir(runDir);
        QString file;
        for (const QString &candidate : {request.value(QStringLiteral("seeds")).toString(),
                                         c.value(QStringLiteral("seeds")).toString(), QStringLiteral("seeds.jsonl")}) {
            if (!candidate.isEmpty() && QFileInfo(dir.filePath(candidate)).isFile()) {
                file = QDir::cleanPath(dir.absoluteFilePath(candidate));
                break;
            }
        }
        m_seedFile->setText(file);
    }

    const QString language = c.value(QStringLiteral("language")).toString(QStringLiteral("en"));
    selectData(m_language, language);
    selectData(m_mode, c.value(QStringLiteral("mode")).toString(QStringLiteral("self_instruct")));
    m_target->setValue(c.value(QStringLiteral("target")).toInt(100));
    m_threshold->setValue(c.value(QStringLiteral("threshold")).toDouble(0.7));
    m_maxRequests->setValue(c.value(QStringLiteral("max_requests")).toInt(0));
    m_maxTokens->setValue(c.value(QStringLiteral("max_tokens")).toInt(0));
    m_seed->setValue(c.value(QStringLiteral("seed")).toInt(42));
    const QJsonObject sampling = c.value(QStringLiteral("sampling")).toObject();
    m_temperature->setValue(sampling.value(QStringLiteral("temperature")).toDouble(0.7));
    m_topP->setValue(sampling.value(QStringLiteral("top_p")).toDouble(0.5));
    m_sampleTokens->setValue(sampling.value(QStringLiteral("max_tokens")).toInt(1024));
    // A name the panel made up for the run ("generated-<run id>") is that run's own: a new run gets its own.
    const QString dataset = side.value(QStringLiteral("dataset")).toString();
    m_datasetName->setText(dataset == QStringLiteral("generated-") + runId ? QString() : dataset);

    // The edited templates: as the request sent them; for a run without one, what differs from the built-in set.
    QJsonObject edits;
    if (!request.isEmpty()) {
        edits = request.value(QStringLiteral("prompts")).toObject();
    } else if (m_defaultPrompts) {
        const QJsonObject defaults = m_defaultPrompts(language);
        const QJsonObject prompts = c.value(QStringLiteral("prompts")).toObject();
        if (!defaults.isEmpty())
            for (auto it = prompts.constBegin(); it != prompts.constEnd(); ++it)
                if (it.value() != defaults.value(it.key()))
                    edits.insert(it.key(), it.value());
    }
    setPromptEdits(edits);

    m_filling = false;
    m_edited = false;
    m_loadedRun = runId;
    updateRunRow();
    formChanged();
}

QJsonObject GenerateForm::config() const
{
    QJsonObject backend;
    if (m_backend->currentData().toString() == QLatin1String("local")) {
        backend = {{QStringLiteral("kind"), QStringLiteral("local")},
                   {QStringLiteral("model"), modelDir()},
                   {QStringLiteral("device"), m_device->currentData().toString()}};
    } else {
        backend = {{QStringLiteral("kind"), QStringLiteral("openai")},
                   {QStringLiteral("base_url"), m_baseUrl->text().trimmed()},
                   {QStringLiteral("model"), m_modelName->currentText().trimmed()},
                   {QStringLiteral("api"), m_api->currentData().toString()},
                   {QStringLiteral("api_key_env"), keyFromSettings() ? QString::fromLatin1(generation::kDefaultKeyEnv)
                                                                     : m_keyEnv->text().trimmed()},
                   {QStringLiteral("timeout_s"), m_timeout->value()},
                   {QStringLiteral("concurrency"), m_concurrency->value()},
                   {QStringLiteral("max_retries"), m_retries->value()}};
    }
    QJsonObject c{{QStringLiteral("backend"), backend},
                  {QStringLiteral("seeds"), seedFileName()},
                  {QStringLiteral("language"), m_language->currentData().toString()},
                  {QStringLiteral("mode"), m_mode->currentData().toString()},
                  {QStringLiteral("target"), m_target->value()},
                  {QStringLiteral("max_requests"), m_maxRequests->value()},
                  {QStringLiteral("max_tokens"), m_maxTokens->value()},
                  {QStringLiteral("threshold"), m_threshold->value()},
                  {QStringLiteral("seed"), m_seed->value()},
                  {QStringLiteral("sampling"), QJsonObject{{QStringLiteral("temperature"), m_temperature->value()},
                                                           {QStringLiteral("top_p"), m_topP->value()},
                                                           {QStringLiteral("max_tokens"), m_sampleTokens->value()}}}};
    if (!m_promptEdits.isEmpty())
        c.insert(QStringLiteral("prompts"), m_promptEdits);
    return c;
}

void GenerateForm::formChanged()
{
    QString error;
    if (m_backend->currentData().toString() == QLatin1String("local")) {
        if (modelDir().isEmpty())
            error = tr("Choose a model folder.");
    } else {
        const QUrl url(m_baseUrl->text().trimmed());
        if (m_baseUrl->text().trimmed().isEmpty() || !url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            error = tr("Enter the endpoint's base URL (http://host:port/v1).");
        else if (m_modelName->currentText().trimmed().isEmpty())
            error = tr("Enter the model name (Test connection lists the endpoint's models).");
        else if (!keyFromSettings() && m_keyEnv->text().trimmed().isEmpty())
            error = tr("Name the environment variable that holds the key.");
    }
    if (error.isEmpty() && seedDataset() == 0) {
        if (seedFile().isEmpty())
            error = tr("Choose a seed file or a dataset.");
        else if (!QFileInfo(seedFile()).isFile())
            error = tr("No such seed file: %1").arg(seedFile());
    }
    QString field, workerText;
    if (error.isEmpty()) {
        // The worker's own validator: its English message goes to the tooltip, the label says in the
        // interface language which field it refused, and that field is marked.
        const generation::ConfigProblem problem = generation::configProblem(config());
        if (!problem.isEmpty()) {
            field = problem.field;
            workerText = generation::configError(config());
            const QString label = fieldLabel(field);
            if (!label.isEmpty())
                error = tr("The worker does not accept the value of \"%1\": change the marked field "
                           "(the worker's message is in the tooltip).").arg(label);
            else if (!field.isEmpty())
                error = tr("The worker does not accept the setting \"%1\" (the worker's message is in the tooltip).")
                            .arg(field);
            else
                error = tr("The worker does not accept this configuration (its message is in the tooltip).");
        }
    }
    highlight(field.isEmpty() ? nullptr : fieldWidget(field));
    m_formError = error;
    m_formErrorField = field;
    m_formErrorLabel->setToolTip(workerText);
    m_formErrorLabel->setText(error);
    m_formErrorLabel->setVisible(!error.isEmpty());
    m_start->setEnabled(error.isEmpty() && !m_preparing);
    Q_EMIT changed();
}

namespace {

/** A config field (dotted path), the form's label for it (its source text) and, for prefixes, its children. */
struct FieldLabel
{
    const char *field;
    const char *label;
};

constexpr FieldLabel kFieldLabels[] = {
    {"backend.kind", QT_TRANSLATE_NOOP("GenerateForm", "Backend:")},
    {"backend.base_url", QT_TRANSLATE_NOOP("GenerateForm", "Base URL:")},
    {"backend.model", QT_TRANSLATE_NOOP("GenerateForm", "Model name:")},
    {"backend.api", QT_TRANSLATE_NOOP("GenerateForm", "API:")},
    {"backend.api_key", QT_TRANSLATE_NOOP("GenerateForm", "API key:")},
    {"backend.api_key_env", QT_TRANSLATE_NOOP("GenerateForm", "API key:")},
    {"backend.timeout_s", QT_TRANSLATE_NOOP("GenerateForm", "Timeout (s):")},
    {"backend.concurrency", QT_TRANSLATE_NOOP("GenerateForm", "Concurrent requests:")},
    {"backend.max_retries", QT_TRANSLATE_NOOP("GenerateForm", "Retries:")},
    {"backend.device", QT_TRANSLATE_NOOP("GenerateForm", "Device:")},
    {"seeds", QT_TRANSLATE_NOOP("GenerateForm", "Seeds:")},
    {"language", QT_TRANSLATE_NOOP("GenerateForm", "Language:")},
    {"mode", QT_TRANSLATE_NOOP("GenerateForm", "Mode:")},
    {"target", QT_TRANSLATE_NOOP("GenerateForm", "Target (kept tasks):")},
    {"threshold", QT_TRANSLATE_NOOP("GenerateForm", "ROUGE-L threshold:")},
    {"max_requests", QT_TRANSLATE_NOOP("GenerateForm", "Request budget:")},
    {"max_tokens", QT_TRANSLATE_NOOP("GenerateForm", "Token budget:")},
    {"seed", QT_TRANSLATE_NOOP("GenerateForm", "Random seed:")},
    {"sampling.temperature", QT_TRANSLATE_NOOP("GenerateForm", "Temperature:")},
    {"sampling.top_p", QT_TRANSLATE_NOOP("GenerateForm", "Top-p:")},
    {"sampling.max_tokens", QT_TRANSLATE_NOOP("GenerateForm", "Max new tokens:")},
    {"prompts", QT_TRANSLATE_NOOP("GenerateForm", "Templates:")},
};

/** The entry of a field: its own, or for "prompts.x" the one of "prompts". */
const FieldLabel *fieldEntry(const QString &field)
{
    for (const FieldLabel &f : kFieldLabels) {
        const QLatin1String name(f.field);
        if (field == name || (field.startsWith(name) && field.mid(name.size()).startsWith(QLatin1Char('.'))))
            return &f;
    }
    return nullptr;
}

} // namespace

QWidget *GenerateForm::fieldWidget(const QString &field) const
{
    const FieldLabel *entry = fieldEntry(field);
    if (!entry)
        return nullptr;
    const QString name = QString::fromLatin1(entry->field);
    const bool local = m_backend->currentData().toString() == QLatin1String("local");
    const QHash<QString, QWidget *> widgets{
        {QStringLiteral("backend.kind"), m_backend},
        {QStringLiteral("backend.base_url"), m_baseUrl},
        {QStringLiteral("backend.model"), local ? static_cast<QWidget *>(m_modelRow) : m_modelName},
        {QStringLiteral("backend.api"), m_api},
        {QStringLiteral("backend.api_key"), m_keyMode},
        {QStringLiteral("backend.api_key_env"), keyFromSettings() ? static_cast<QWidget *>(m_keyMode) : m_keyEnv},
        {QStringLiteral("backend.timeout_s"), m_timeout},
        {QStringLiteral("backend.concurrency"), m_concurrency},
        {QStringLiteral("backend.max_retries"), m_retries},
        {QStringLiteral("backend.device"), m_device},
        {QStringLiteral("seeds"), seedDataset() ? static_cast<QWidget *>(m_seedSource) : m_seedFile},
        {QStringLiteral("language"), m_language},
        {QStringLiteral("mode"), m_mode},
        {QStringLiteral("target"), m_target},
        {QStringLiteral("threshold"), m_threshold},
        {QStringLiteral("max_requests"), m_maxRequests},
        {QStringLiteral("max_tokens"), m_maxTokens},
        {QStringLiteral("seed"), m_seed},
        {QStringLiteral("sampling.temperature"), m_temperature},
        {QStringLiteral("sampling.top_p"), m_topP},
        {QStringLiteral("sampling.max_tokens"), m_sampleTokens},
        {QStringLiteral("prompts"), m_prompts},
    };
    return widgets.value(name);
}

QString GenerateForm::fieldLabel(const QString &field) const
{
    const FieldLabel *entry = fieldEntry(field);
    if (!entry)
        return {};
    QString label = tr(entry->label).trimmed();
    if (field == QLatin1String("backend.model") && m_backend->currentData().toString() == QLatin1String("local"))
        label = tr("Hugging Face model folder");
    while (label.endsWith(QLatin1Char(':')) || label.endsWith(QChar(0xFF1A)))   // ':' and the full-width colon
        label.chop(1);
    return label.trimmed();
}

void GenerateForm::highlight(QWidget *widget)
{
    if (m_highlighted == widget)
        return;
    if (m_highlighted)
        m_highlighted->setStyleSheet(QString());
    m_highlighted = widget;
    if (widget)
        // By class, so that the children of a composite field (the model folder row) keep their look.
        widget->setStyleSheet(QStringLiteral("%1 { border: 2px solid #b00020; }")
                                  .arg(QString::fromLatin1(widget->metaObject()->className())));
}

void GenerateForm::chooseSeedFile()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Seed tasks"), m_seedFile->text(),
                                                      tr("Seed tasks (*.jsonl *.json);;All files (*)"));
    if (!file.isEmpty())
        m_seedFile->setText(file);
}

QString GenerateForm::keyForTest() const
{
    return keyFromSettings() ? m_apiKey->text() : qEnvironmentVariable(m_keyEnv->text().trimmed().toLocal8Bit());
}

void GenerateForm::testConnection()
{
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(tr("Asking %1/models…").arg(m_baseUrl->text().trimmed()));
    m_test->setEnabled(false);
    m_connection->start(m_baseUrl->text(), keyForTest(), m_timeout->value() * 1000);
}

void GenerateForm::showTestResult(bool ok, const QStringList &models, const QString &error)
{
    m_test->setEnabled(true);
    if (!ok) {
        m_testResult->setStyleSheet(QStringLiteral("color: #b00020;"));
        m_testResult->setText(tr("Connection failed: %1").arg(error));
        return;
    }
    m_testResult->setStyleSheet(QStringLiteral("color: #1b7a1b;"));
    m_testResult->setText(models.isEmpty() ? tr("Connected; the endpoint lists no models.")
                                           : tr("Connected: %n model(s): %1", nullptr, int(models.size()))
                                                 .arg(models.join(QStringLiteral(", "))));
    // Offer the listed models; the name typed stays when it is one of them.
    const QString current = m_modelName->currentText();
    const QSignalBlocker block(m_modelName);
    m_modelName->clear();
    m_modelName->addItems(models);
    m_modelName->setCurrentText(current.isEmpty() && !models.isEmpty() ? models.first() : current);
    formChanged();
}

void GenerateForm::openPromptsDialog()
{
    const QString language = m_language->currentData().toString();
    const QJsonObject defaults = m_defaultPrompts ? m_defaultPrompts(language) : QJsonObject();
    auto *dialog = new PromptsDialog(defaults, m_promptEdits, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { setPromptEdits(dialog->edits()); });
    dialog->open();
}
