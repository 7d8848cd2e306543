// GenerateForm: building the form, its texts, the seed and key fields and
// the connection test; the config it describes, filling it from a run and
// its validation are in generateformconfig.cpp. The key typed here is never
// part of the config: the run list stores it in the settings and hands it to
// the worker's environment.

#include "generate/generateform.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
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
    m_texts.apply([](const char *source) { return tr(source); });
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
