// GenerateForm, the form's config side: the config.json it describes, the
// form filled back from a run (its request, gui.json and config), the tracking
// of whether the form still shows a run's settings, and the validation by the
// worker's own validator with the refused field labelled and marked.

#include "generate/generateform.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QUrl>

#include "common/modelfolderrow.h"
#include "generate/generaterun.h"

namespace {


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

} // namespace

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
