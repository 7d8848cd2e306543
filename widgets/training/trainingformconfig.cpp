// TrainingForm, the form's logic: the form <-> TrainConfig (what Start
// writes as config.json), the demo and protocol defaults, validation with the
// offending field marked, the live estimate (backend/finetune/plan.h, the
// same code the worker prints its plan with) and the command line shown.

#include "training/trainingform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QThread>

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "common/demomodeljob.h"
#include "finetune/plan.h"
#include "finetune/train_config.h"
#include "model/architecture.h"
#include "model/model_config.h"
#include "common/modelfolderrow.h"
#include "common/panelutil.h"
#include "training/trainingtext.h"
#include "workspace/qtstrings.h"
#include "workspace/trainingrun.h"

using sft::finetune::TrainConfig;

namespace {

QString q8(const std::string &s) { return sft::qs(s); }
std::string u8(const QString &s) { return sft::ss(s); }

void selectData(QComboBox *combo, const QVariant &data)
{
    const int i = combo->findData(data);
    if (i >= 0)
        combo->setCurrentIndex(i);
}

/** Show the LoRA targets of arch only; true when that changed which are shown. */
bool showTargetsOf(const QList<QCheckBox *> &targets, sft::model::Architecture arch)
{
    bool changed = false;
    for (QCheckBox *check : targets) {
        const bool show = sft::model::isLayerProjection(arch, u8(check->property("module").toString()));
        if (check->isHidden() == show) {
            check->setHidden(!show);
            changed = true;
        }
    }
    return changed;
}

QString bytesText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

} // namespace

// ---- form <-> TrainConfig ----

TrainConfig TrainingForm::config() const
{
    TrainConfig c;
    c.name = u8(m_name->text().trimmed());
    c.baseModel = modelDir().isEmpty() ? std::string() : u8(QDir::cleanPath(QFileInfo(modelDir()).absoluteFilePath()));
    c.trainData = "data/train.jsonl";
    c.evalFraction = m_heldOut->value();
    c.evalData = c.evalFraction > 0 ? "data/eval.jsonl" : "";
    c.promptFormat = u8(m_promptFormat->currentData().toString());
    c.maxLength = m_maxLength->value();
    c.packing = m_packing->isChecked();
    c.trainOnPrompt = m_trainOnPrompt->isChecked();
    c.conversationOverflow = u8(m_overflow->currentData().toString());
    c.method = sft::finetune::methodFromName(u8(m_method->currentData().toString()));
    c.lora.rank = m_loraRank->value();
    c.lora.alpha = m_loraAlpha->value();
    c.lora.dropout = m_loraDropout->value();
    c.lora.rslora = m_rslora->isChecked();
    c.lora.init = m_loraInit->currentIndex() == 1 ? sft::finetune::LoraInit::KaimingUniform
                                                  : sft::finetune::LoraInit::Gaussian;
    c.lora.targetModules.clear();
    for (QCheckBox *check : m_targets)
        if (check->isChecked() && !check->isHidden())   // hidden: another architecture's name
            c.lora.targetModules.push_back(u8(check->property("module").toString()));
    c.adapter.bottleneck = m_bottleneck->value();
    c.prefix.numVirtualTokens = m_prefixTokens->value();
    c.prefix.projection = m_prefixProjection->isChecked();
    c.prefix.projectionHidden = m_prefixHidden->value();
    c.ropeFactor = m_ropeFactor->value();
    c.epochs = m_epochs->value();
    c.maxSteps = m_maxSteps->value();
    c.batchSize = m_batch->value();
    c.gradAccumulation = m_gradAccum->value();
    bool ok = false;
    const double lr = QLocale::c().toDouble(m_learningRate->text().trimmed(), &ok);
    c.learningRate = ok ? lr : std::nan("");
    c.schedule = u8(m_schedule->currentData().toString());
    c.warmupRatio = m_warmup->value();
    c.weightDecay = m_weightDecay->value();
    c.maxGradNorm = m_maxGradNorm->value();
    c.device = u8(m_device->currentData().toString());
    c.precision = u8(m_precision->currentData().toString());
    c.gradientCheckpointing = m_gradCheckpointing->isChecked();
    c.evalEvery = m_evalEvery->value();
    c.saveEvery = m_saveEvery->value();
    c.seed = std::uint64_t(m_seed->value());
    return c;
}

void TrainingForm::setConfig(const TrainConfig &c)
{
    m_applying = true;
    m_name->setText(q8(c.name));
    m_heldOut->setValue(c.evalFraction);
    selectData(m_promptFormat, q8(c.promptFormat));
    m_maxLength->setValue(int(std::min<std::int64_t>(c.maxLength, m_maxLength->maximum())));
    m_packing->setChecked(c.packing);
    m_trainOnPrompt->setChecked(c.trainOnPrompt);
    selectData(m_overflow, q8(c.conversationOverflow));
    selectData(m_method, QString::fromLatin1(sft::finetune::methodName(c.method)));
    m_methodStack->setCurrentIndex(m_method->currentIndex());
    m_loraRank->setValue(c.lora.rank);
    m_loraAlpha->setValue(c.lora.alpha);
    m_loraDropout->setValue(c.lora.dropout);
    m_rslora->setChecked(c.lora.rslora);
    m_loraInit->setCurrentIndex(c.lora.init == sft::finetune::LoraInit::KaimingUniform ? 1 : 0);
    // No targets: the base model's default ones, shown checked (the form then writes them explicitly).
    loadModelConfig();
    const std::vector<std::string> targets =
        c.lora.targetsFor(m_modelConfig ? m_modelConfig->architecture : sft::model::Architecture::Llama);
    for (QCheckBox *check : m_targets) {
        const std::string module = u8(check->property("module").toString());
        check->setChecked(std::find(targets.begin(), targets.end(), module) != targets.end());
    }
    m_bottleneck->setValue(c.adapter.bottleneck);
    m_prefixTokens->setValue(c.prefix.numVirtualTokens);
    m_prefixProjection->setChecked(c.prefix.projection);
    m_prefixHidden->setValue(c.prefix.projectionHidden);
    m_ropeFactor->setValue(c.ropeFactor);
    m_epochs->setValue(c.epochs);
    m_maxSteps->setValue(int(std::min<std::int64_t>(c.maxSteps, m_maxSteps->maximum())));
    m_batch->setValue(c.batchSize);
    m_gradAccum->setValue(c.gradAccumulation);
    m_learningRate->setText(QString::number(c.learningRate, 'g', 6));
    selectData(m_schedule, q8(c.schedule));
    m_warmup->setValue(c.warmupRatio);
    m_weightDecay->setValue(c.weightDecay);
    m_maxGradNorm->setValue(c.maxGradNorm);
    selectData(m_device, q8(c.device));
    selectData(m_precision, q8(c.precision));
    m_gradCheckpointing->setChecked(c.gradientCheckpointing);
    m_evalEvery->setValue(int(std::min<std::int64_t>(c.evalEvery, m_evalEvery->maximum())));
    m_saveEvery->setValue(int(std::min<std::int64_t>(c.saveEvery, m_saveEvery->maximum())));
    m_seed->setValue(int(std::min<std::uint64_t>(c.seed, std::uint64_t(m_seed->maximum()))));
    m_applying = false;
    formChanged();
}

void TrainingForm::resetToDefaults()
{
    loadModelConfig();
    const auto arch = m_modelConfig ? m_modelConfig->architecture : sft::model::Architecture::Llama;
    TrainConfig c;
    c.lora.targetModules = sft::model::defaultLoraTargets(arch);
    // The tiny demo model (1M parameters, briefly pre-trained) on the whole demo set: LoRA on every
    // projection with a high rate gives a clearly falling curve in well under a minute on a CPU. The
    // demo set holds conversations too, which the model's own (ChatML) chat template writes.
    const bool demo = demomodel::isDemoModel(modelDir(), m_modelRow->demoModelDir());
    if (demo) {
        c.promptFormat = "chat";
        c.lora.rank = 16;
        c.lora.alpha = 32;
        c.lora.targetModules = sft::model::layerProjectionNames(arch);
        c.learningRate = 5e-3;
        c.epochs = 20;
        c.batchSize = 4;
        c.evalEvery = 8;
        c.saveEvery = 20;
    }
    m_records->setCurrentIndex(demo ? 1 : 0);
    c.name = u8(m_name->text().trimmed());
    const bool applying = m_applying;
    m_applying = true;   // setConfig() below takes in the change
    m_processes->setValue(1);
    m_applying = applying;
    setConfig(c);
}

// ---- live estimate, validation, command ----

void TrainingForm::formChanged()
{
    if (m_applying || !m_estimate)
        return;
    loadModelConfig();   // first: a model of another architecture shows its own LoRA targets
    m_formError.clear();
    QString field;
    try {
        TrainConfig c = config();
        if (!std::isfinite(c.learningRate)) {
            field = QStringLiteral("learning_rate");
            m_formError = tr("%1: not a number (type e.g. 2e-4)").arg(field);
        } else {
            if (c.baseModel.empty())
                c.baseModel = "model";  // the model row reports a missing folder itself
            c.validate();
            // The form always lists its targets: none checked is a mistake here, not the model's default.
            if (c.method == sft::finetune::Method::Lora && c.lora.targetModules.empty())
                throw sft::Error(u8(tr("choose at least one module")), {{}, 0, 0, -1, "lora.target_modules"});
        }
    } catch (const sft::Error &e) {
        field = q8(e.where().field);
        m_formError = field.isEmpty() ? q8(e.message()) : tr("%1: %2").arg(field, q8(e.message()));
    } catch (const std::exception &e) {
        m_formError = QString::fromUtf8(e.what());
    }
    // A model folder Start cannot use blocks Start too (the demo model is written by Start itself).
    loadModelConfig();
    if (m_formError.isEmpty() && !m_modelConfig
        && !demomodel::needsCreating(modelDir(), m_modelRow->demoModelDir())) {
        field = QStringLiteral("base_model");
        m_formError = tr("%1: %2").arg(field, m_modelError);
    }
    if (m_formError.isEmpty() && m_modelConfig && !m_modelHasChatTemplate
        && m_promptFormat->currentData().toString() == QLatin1String("chat")) {
        field = QStringLiteral("prompt_format");
        m_formError = tr("%1: %2").arg(field, tr("this model has no chat template of its own (no chat_template in its "
                                                 "tokenizer_config.json); choose ChatML, Llama 2, Llama 3 or Alpaca"));
    }
    // A run prepared for a cluster does not need torchrun here; Start with several processes does.
    m_configError = m_formError;
    if (m_formError.isEmpty() && m_processes->value() > 1 && sft::runs::findTorchrun().isEmpty()) {
        field = QStringLiteral("processes");
        m_formError = tr("%1: %2").arg(field, tr("PyTorch's torchrun was not found on PATH; install PyTorch (Debian: "
                                                 "python3-torch) or set 1 process"));
    }
    m_formErrorLabel->setText(m_formError);
    m_formErrorLabel->setVisible(!m_formError.isEmpty());
    QWidget *bad = m_fieldWidgets.value(field);
    if (!bad && field.contains(QLatin1Char('.')))
        bad = m_fieldWidgets.value(field.section(QLatin1Char('.'), -1));
    for (auto it = m_fieldWidgets.cbegin(); it != m_fieldWidgets.cend(); ++it) {
        const bool mark = it.value() == bad;
        if (it.value()->property("invalidField").toBool() != mark) {
            it.value()->setProperty("invalidField", mark);
            it.value()->setStyleSheet(mark ? QStringLiteral("border: 1px solid #b00020;") : QString());
        }
    }
    updateEstimate();
    updateCommand();
    updateStart();
    Q_EMIT changed();
}

void TrainingForm::updateStart()
{
    m_start->setEnabled(m_workspace && datasetId() && m_formError.isEmpty() && !m_preparing);
    m_cluster->setEnabled(m_workspace && datasetId() && m_configError.isEmpty() && !m_preparing);
    m_start->setText(m_preparing ? tr("Preparing…") : tr("Start training"));
}

QString TrainingForm::modelKey() const
{
    // The config.json's path and modification time: it changes when the file appears, changes or goes.
    const QFileInfo info(QDir(modelDir()).filePath(QStringLiteral("config.json")));
    return info.filePath() + QLatin1Char('|') + QString::number(info.exists() ? info.lastModified().toMSecsSinceEpoch() : -1);
}

bool TrainingForm::modelFolderMoved() const { return modelKey() != m_modelKey; }

void TrainingForm::loadModelConfig()
{
    const QString path = QDir(modelDir()).filePath(QStringLiteral("config.json"));
    const QFileInfo info(path);
    const QString key = modelKey();
    if (key == m_modelKey)
        return;
    m_modelKey = key;
    m_modelConfig.reset();
    m_modelError.clear();
    m_modelHasChatTemplate = false;
    if (modelDir().isEmpty()) {
        m_modelError = tr("Choose a model folder.");
    } else if (!info.exists()) {
        m_modelError = demomodel::isDemoModel(modelDir(), m_modelRow->demoModelDir())
                           ? tr("The demo model is created on the first start; the estimate follows then.")
                           : tr("No config.json in %1.").arg(QDir::toNativeSeparators(modelDir()));
    } else {
        try {
            m_modelConfig = std::make_shared<sft::model::ModelConfig>(sft::model::ModelConfig::fromFile(u8(path)));
        } catch (const std::exception &e) {
            m_modelError = tr("Cannot read the model: %1").arg(QString::fromUtf8(e.what()));
        }
        // The template itself is parsed by the worker; here only whether there is one.
        const QDir dir(modelDir());
        QFile config(dir.filePath(QStringLiteral("tokenizer_config.json")));
        const QJsonValue tmpl = config.open(QIODevice::ReadOnly)
                                    ? QJsonDocument::fromJson(config.readAll()).object().value(QStringLiteral("chat_template"))
                                    : QJsonValue();
        m_modelHasChatTemplate = QFileInfo::exists(dir.filePath(QStringLiteral("chat_template.jinja")))
                                 || (tmpl.isString() && !tmpl.toString().isEmpty()) || (tmpl.isArray() && !tmpl.toArray().isEmpty());
    }
    // The LoRA targets are the base model's projections; a model of another architecture starts
    // from PEFT's defaults for it unless some of its names are already chosen.
    const auto arch = m_modelConfig ? m_modelConfig->architecture : sft::model::Architecture::Llama;
    if (showTargetsOf(m_targets, arch)
        && std::none_of(m_targets.cbegin(), m_targets.cend(), [](QCheckBox *c) { return c->isChecked() && !c->isHidden(); })) {
        const auto defaults = sft::model::defaultLoraTargets(arch);
        const bool applying = m_applying;
        m_applying = true;
        for (QCheckBox *check : std::as_const(m_targets)) {
            const std::string module = u8(check->property("module").toString());
            if (!check->isHidden() && std::find(defaults.begin(), defaults.end(), module) != defaults.end())
                check->setChecked(true);
        }
        m_applying = applying;
    }
}

void TrainingForm::updateEstimate()
{
    loadModelConfig();
    if (!m_modelConfig) {
        m_estimate->setText(m_modelError);
        m_estimate->setStyleSheet(QStringLiteral("color: #8a5a00;"));
        m_estimate->setToolTip(QString());
        m_prefixNote->clear();
        return;
    }
    const sft::model::ModelConfig &model = *m_modelConfig;
    TrainConfig c = config();
    if (!std::isfinite(c.learningRate))
        c.learningRate = 2e-4;
    try {
        const auto plan = sft::finetune::parameterPlan(model, c);
        // Several processes deal every micro-batch's rows among themselves: each holds the
        // activations of its own share, the weights, gradients and optimizer state whole.
        const int processes = m_processes->value();
        const int rowsPerProcess = int((c.batchSize + processes - 1) / processes);
        TrainConfig perProcess = c;
        perProcess.batchSize = rowsPerProcess;
        const auto memory = sft::finetune::estimateMemory(model, processes > 1 ? perProcess : c);
        const std::int64_t budget = sft::finetune::contextBudget(model, c);
        const std::int64_t full = std::int64_t(std::llround(double(model.maxPositions) * c.ropeFactor));
        QStringList lines;
        lines << tr("Trainable parameters: %1 of %2 (%3%)")
                     .arg(trainingtext::groupDigits(plan.trainable), trainingtext::compactCount(plan.baseParameters + plan.added))
                     .arg(plan.share * 100, 0, 'f', plan.share < 0.001 ? 4 : 2);
        if (processes > 1)
            lines << tr("Memory estimate per process: %1 (weights %2, gradients %3, optimizer %4, activations %5); "
                        "× %n processes = %6 on this machine", nullptr, processes)
                         .arg(bytesText(memory.total()), bytesText(memory.weights), bytesText(memory.gradients),
                              bytesText(memory.optimizer), bytesText(memory.activations),
                              bytesText(memory.total() * processes));
        else
            lines << tr("Memory estimate: %1 (weights %2, gradients %3, optimizer %4, activations %5)")
                         .arg(bytesText(memory.total()), bytesText(memory.weights), bytesText(memory.gradients),
                              bytesText(memory.optimizer), bytesText(memory.activations));
        bool warn = false;
        if (processes > 1) {
            lines << tr("%n processes × %1 rows per micro-batch (global batch %2 × %3 accumulation = %4 rows per "
                        "step): the same result as 1 process", nullptr, processes)
                         .arg(trainingtext::groupDigits(rowsPerProcess), trainingtext::groupDigits(c.batchSize),
                              trainingtext::groupDigits(c.gradAccumulation),
                              trainingtext::groupDigits(std::int64_t(c.batchSize) * c.gradAccumulation));
            if (c.batchSize < processes) {
                lines << tr("The batch size is smaller than the number of processes: some processes get no rows.");
                warn = true;
            }
            // On the CPU the processes share this machine's cores (each gets cores / processes threads).
            const int cores = QThread::idealThreadCount();
            if (c.device.rfind("cuda", 0) != 0 && processes > cores) {
                lines << tr("%n processes for %1 CPU cores: on the CPU each process should have a core of its own; "
                            "more processes than cores only slow the run down.", nullptr, processes)
                             .arg(cores);
                warn = true;
            }
            if (sft::runs::findTorchrun().isEmpty()) {
                lines << tr("PyTorch's torchrun was not found on PATH: Start needs it for more than one process "
                            "(Run on a cluster… does not).");
                warn = true;
            }
        }
        lines << tr("Context budget: %1 tokens per example (max length %2)")
                     .arg(trainingtext::groupDigits(budget), trainingtext::groupDigits(c.maxLength));
        m_estimate->setText(lines.join(QLatin1Char('\n')));
        m_estimate->setStyleSheet(warn ? QStringLiteral("color: #8a5a00;") : QString());
        m_estimate->setToolTip(q8(plan.formula));
        m_prefixNote->setText(tr("The prefix takes %1 of the model's %2 positions: %3 remain for the prompt and the "
                                 "response.")
                                  .arg(trainingtext::groupDigits(c.prefix.numVirtualTokens), trainingtext::groupDigits(full), trainingtext::groupDigits(budget)));
    } catch (const std::exception &e) {
        m_estimate->setText(tr("No estimate: %1").arg(QString::fromUtf8(e.what())));
        m_estimate->setStyleSheet(QStringLiteral("color: #b00020;"));
        m_estimate->setToolTip(QString());
        m_prefixNote->clear();
    }
}

QString TrainingForm::commandLine() const
{
    const QString root = m_runsRoot.isEmpty() ? QStringLiteral("RUNS") : m_runsRoot;
    const QString dir = QDir(root).filePath(
        sft::runs::runIdFor(QDateTime::currentDateTime(), m_method->currentData().toString()));
    const int processes = m_processes->value();
    QStringList parts;
    if (processes > 1) {
        // Start picks a free port; torchrun's usual one stands for it here.
        const QString torchrun = sft::runs::findTorchrun();
        parts << trainingtext::shellQuote(torchrun.isEmpty() ? QStringLiteral("torchrun") : torchrun);
        for (const QString &a : sft::runs::torchrunArguments(processes, 29500, m_program, dir, false))
            parts << trainingtext::shellQuote(a);
        return parts.join(QLatin1Char(' '));
    }
    parts << trainingtext::shellQuote(m_program);
    for (const QString &a : sft::runs::workerArguments(dir, false))
        parts << trainingtext::shellQuote(a);
    return parts.join(QLatin1Char(' '));
}

void TrainingForm::updateCommand()
{
    if (!m_command)
        return;
    const QString text = commandLine();
    if (m_command->text() != text) {
        m_command->setText(text);
        m_command->setCursorPosition(0);
    }
}
