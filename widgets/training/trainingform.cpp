// TrainingForm, building the form: model, data, method with its options,
// optimisation, the estimate and command rows, and their texts. The form's
// logic (config, defaults, validation, estimate, command line) is in
// trainingformconfig.cpp.

#include "training/trainingform.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDoubleValidator>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <limits>

#include "common/modelfolderrow.h"
#include "common/panelutil.h"
#include "model/architecture.h"
#include "workspace/workerprocess.h"
#include "workspace/workspace.h"

namespace {

void selectData(QComboBox *combo, const QVariant &data)
{
    const int i = combo->findData(data);
    if (i >= 0)
        combo->setCurrentIndex(i);
}

} // namespace

TrainingForm::TrainingForm(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("trainingForm"));
    m_program = sft::WorkerProcess::defaultProgram();
    auto *content = new QWidget;
    auto *v = new QVBoxLayout(content);
    v->setContentsMargins(0, 0, 6, 0);
    m_name = new QLineEdit(content);
    m_name->setObjectName(QStringLiteral("runNameEdit"));
    m_fieldWidgets.insert(QStringLiteral("name"), m_name);
    auto *nameRow = new QFormLayout;
    nameRow->addRow(addLabel(QT_TR_NOOP("Run name:")), m_name);
    v->addLayout(nameRow);
    v->addWidget(buildModelBox());
    v->addWidget(buildMethodBox());
    v->addWidget(buildOptimBox());
    v->addStretch(1);

    // Long item texts must not widen the form past its scroll area.
    for (QComboBox *combo : content->findChildren<QComboBox *>()) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(12);
    }
    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("trainingFormScroll"));
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(360);

    m_formErrorLabel = new QLabel;
    m_formErrorLabel->setObjectName(QStringLiteral("formErrorLabel"));
    m_formErrorLabel->setWordWrap(true);
    m_formErrorLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_estimate = new QLabel;
    m_estimate->setObjectName(QStringLiteral("estimateLabel"));
    m_estimate->setWordWrap(true);
    m_estimate->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_command = new QLineEdit;
    m_command->setObjectName(QStringLiteral("commandEdit"));
    m_command->setReadOnly(true);
    m_copy = new QPushButton;
    addText(m_copy, QT_TR_NOOP("Copy"));
    auto *commandRow = new QHBoxLayout;
    commandRow->addWidget(addLabel(QT_TR_NOOP("Command:")));
    commandRow->addWidget(m_command, 1);
    commandRow->addWidget(m_copy);

    m_defaults = new QPushButton;
    m_defaults->setObjectName(QStringLiteral("defaultsButton"));
    addText(m_defaults, QT_TR_NOOP("Defaults"));
    m_start = new QPushButton;
    m_start->setObjectName(QStringLiteral("startButton"));
    addText(m_start, QT_TR_NOOP("Start training"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_defaults);
    buttons->addStretch(1);
    buttons->addWidget(m_start);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_formErrorLabel);
    layout->addWidget(m_estimate);
    layout->addLayout(commandRow);
    layout->addLayout(buttons);

    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_command->text()); });
    connect(m_defaults, &QPushButton::clicked, this, &TrainingForm::resetToDefaults);
    connect(m_start, &QPushButton::clicked, this, &TrainingForm::startRequested);
    connect(m_name, &QLineEdit::textChanged, this, &TrainingForm::formChanged);

    m_countTimer = new QTimer(this);
    m_countTimer->setSingleShot(true);
    m_countTimer->setInterval(500);
    connect(m_countTimer, &QTimer::timeout, this, &TrainingForm::refreshDatasets);
    // The command line names the run id a start this second would get.
    m_commandTimer = new QTimer(this);
    m_commandTimer->setInterval(1000);
    // The model folder is looked at again too: another tab may have written the demo model.
    connect(m_commandTimer, &QTimer::timeout, this, [this] {
        if (modelFolderMoved())
            formChanged();
        else if (!m_command->hasSelectedText())  // a selection being made or copied is left alone
            updateCommand();
    });
    m_commandTimer->start();

    resetToDefaults();
    retranslate();
}

TrainingForm::~TrainingForm() = default;

QWidget *TrainingForm::buildModelBox()
{
    auto *box = new QWidget;
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);

    auto *model = new QGroupBox(box);
    addText(model, QT_TR_NOOP("Model"));
    m_modelRow = new ModelFolderRow(model);
    m_fieldWidgets.insert(QStringLiteral("base_model"), m_modelRow);
    m_ropeFactor = new QDoubleSpinBox(model);
    m_ropeFactor->setObjectName(QStringLiteral("ropeFactorSpin"));
    m_ropeFactor->setRange(1.0, 64.0);
    m_ropeFactor->setSingleStep(0.5);
    m_ropeFactor->setDecimals(2);
    m_fieldWidgets.insert(QStringLiteral("rope_factor"), m_ropeFactor);
    auto *modelForm = new QFormLayout;
    modelForm->addRow(addLabel(QT_TR_NOOP("RoPE interpolation:")), m_ropeFactor);
    auto *modelLayout = new QVBoxLayout(model);
    modelLayout->addWidget(m_modelRow);
    modelLayout->addWidget(m_modelRow->note());
    modelLayout->addLayout(modelForm);

    auto *data = new QGroupBox(box);
    addText(data, QT_TR_NOOP("Data"));
    m_dataset = new QComboBox(data);
    m_dataset->setObjectName(QStringLiteral("datasetCombo"));
    m_records = new QComboBox(data);
    m_records->setObjectName(QStringLiteral("recordsCombo"));
    m_records->addItem(QString(), false);
    m_records->addItem(QString(), true);
    m_heldOut = new QDoubleSpinBox(data);
    m_heldOut->setObjectName(QStringLiteral("heldOutSpin"));
    m_heldOut->setRange(0.0, 0.5);
    m_heldOut->setSingleStep(0.05);
    m_heldOut->setDecimals(2);
    m_fieldWidgets.insert(QStringLiteral("eval_fraction"), m_heldOut);
    m_promptFormat = new QComboBox(data);
    m_promptFormat->setObjectName(QStringLiteral("promptFormatCombo"));
    for (const char *f : {"alpaca", "chat", "chatml", "llama2", "llama3", "text"})
        m_promptFormat->addItem(QString(), QLatin1String(f));
    m_fieldWidgets.insert(QStringLiteral("prompt_format"), m_promptFormat);
    m_maxLength = new QSpinBox(data);
    m_maxLength->setObjectName(QStringLiteral("maxLengthSpin"));
    m_maxLength->setRange(8, 1 << 20);
    m_maxLength->setSingleStep(128);
    m_fieldWidgets.insert(QStringLiteral("max_length"), m_maxLength);
    m_overflow = new QComboBox(data);
    m_overflow->setObjectName(QStringLiteral("overflowCombo"));
    for (const char *o : {"truncate", "split"})
        m_overflow->addItem(QString(), QLatin1String(o));
    m_fieldWidgets.insert(QStringLiteral("conversation_overflow"), m_overflow);
    m_packing = new QCheckBox(data);
    m_packing->setObjectName(QStringLiteral("packingCheck"));
    addText(m_packing, QT_TR_NOOP("Pack several examples into each row"));
    m_trainOnPrompt = new QCheckBox(data);
    m_trainOnPrompt->setObjectName(QStringLiteral("trainOnPromptCheck"));
    addText(m_trainOnPrompt, QT_TR_NOOP("Learn the prompt tokens too (default: the response only)"));
    m_fieldWidgets.insert(QStringLiteral("train_on_prompt"), m_trainOnPrompt);
    auto *dataForm = new QFormLayout(data);
    dataForm->addRow(addLabel(QT_TR_NOOP("Dataset:")), m_dataset);
    dataForm->addRow(addLabel(QT_TR_NOOP("Records:")), m_records);
    dataForm->addRow(addLabel(QT_TR_NOOP("Held-out share:")), m_heldOut);
    dataForm->addRow(addLabel(QT_TR_NOOP("Prompt format:")), m_promptFormat);
    dataForm->addRow(addLabel(QT_TR_NOOP("Max length (tokens):")), m_maxLength);
    dataForm->addRow(addLabel(QT_TR_NOOP("Longer conversations:")), m_overflow);
    dataForm->addRow(QString(), m_packing);
    dataForm->addRow(QString(), m_trainOnPrompt);

    v->addWidget(model);
    v->addWidget(data);

    connect(m_modelRow, &ModelFolderRow::modelDirChanged, this, [this] {
        formChanged();
        Q_EMIT modelDirChanged(modelDir());
    });
    connect(m_ropeFactor, &QDoubleSpinBox::valueChanged, this, &TrainingForm::formChanged);
    connect(m_dataset, &QComboBox::currentIndexChanged, this, &TrainingForm::formChanged);
    connect(m_records, &QComboBox::currentIndexChanged, this, &TrainingForm::formChanged);
    connect(m_heldOut, &QDoubleSpinBox::valueChanged, this, &TrainingForm::formChanged);
    connect(m_promptFormat, &QComboBox::currentIndexChanged, this, &TrainingForm::formChanged);
    connect(m_maxLength, &QSpinBox::valueChanged, this, &TrainingForm::formChanged);
    connect(m_overflow, &QComboBox::currentIndexChanged, this, &TrainingForm::formChanged);
    connect(m_packing, &QCheckBox::toggled, this, &TrainingForm::formChanged);
    connect(m_trainOnPrompt, &QCheckBox::toggled, this, &TrainingForm::formChanged);
    return box;
}

QWidget *TrainingForm::buildMethodBox()
{
    auto *box = new QGroupBox;
    addText(box, QT_TR_NOOP("Method"));
    m_method = new QComboBox(box);
    m_method->setObjectName(QStringLiteral("methodCombo"));
    for (const char *m : {"lora", "adapter", "prefix", "full"})
        m_method->addItem(QString(), QLatin1String(m));
    m_fieldWidgets.insert(QStringLiteral("method"), m_method);
    m_methodStack = new QStackedWidget(box);

    // LoRA
    auto *lora = new QWidget;
    m_loraRank = new QSpinBox(lora);
    m_loraRank->setObjectName(QStringLiteral("loraRankSpin"));
    m_loraRank->setRange(1, 4096);
    m_fieldWidgets.insert(QStringLiteral("lora.r"), m_loraRank);
    m_loraAlpha = new QDoubleSpinBox(lora);
    m_loraAlpha->setObjectName(QStringLiteral("loraAlphaSpin"));
    m_loraAlpha->setRange(0.01, 65536);
    m_loraAlpha->setDecimals(2);
    m_fieldWidgets.insert(QStringLiteral("lora.alpha"), m_loraAlpha);
    m_loraDropout = new QDoubleSpinBox(lora);
    m_loraDropout->setObjectName(QStringLiteral("loraDropoutSpin"));
    m_loraDropout->setRange(0.0, 0.9);
    m_loraDropout->setSingleStep(0.05);
    m_loraDropout->setDecimals(2);
    m_fieldWidgets.insert(QStringLiteral("lora.dropout"), m_loraDropout);
    m_loraInit = new QComboBox(lora);
    m_loraInit->setObjectName(QStringLiteral("loraInitCombo"));
    m_loraInit->addItem(QString(), QStringLiteral("gaussian"));
    m_loraInit->addItem(QString(), QStringLiteral("kaiming"));
    m_fieldWidgets.insert(QStringLiteral("lora.init"), m_loraInit);
    m_rslora = new QCheckBox(lora);
    m_rslora->setObjectName(QStringLiteral("rsloraCheck"));
    addText(m_rslora, QT_TR_NOOP("rsLoRA (scale alpha / √r)"));
    auto *targets = new QWidget(lora);
    auto *targetGrid = new QGridLayout(targets);
    targetGrid->setContentsMargins(0, 0, 0, 0);
    // Both architectures' projections; the base model's are shown (loadModelConfig), in the same cells.
    for (const auto arch : {sft::model::Architecture::Llama, sft::model::Architecture::Bloom}) {
        int i = 0;
        for (const std::string &name : sft::model::layerProjectionNames(arch)) {
            const QString t = QString::fromStdString(name);
            auto *check = new QCheckBox(QString(t).remove(QStringLiteral("_proj")), targets);
            check->setObjectName(QStringLiteral("target_") + t);
            check->setProperty("module", t);
            check->setHidden(arch != sft::model::Architecture::Llama);
            m_targets << check;
            targetGrid->addWidget(check, i / 4, i % 4);
            connect(check, &QCheckBox::toggled, this, &TrainingForm::formChanged);
            ++i;
        }
    }
    m_fieldWidgets.insert(QStringLiteral("lora.target_modules"), targets);
    auto *loraForm = new QFormLayout(lora);
    loraForm->setContentsMargins(0, 0, 0, 0);
    loraForm->addRow(addLabel(QT_TR_NOOP("Rank r:")), m_loraRank);
    loraForm->addRow(addLabel(QT_TR_NOOP("Alpha:")), m_loraAlpha);
    loraForm->addRow(addLabel(QT_TR_NOOP("Dropout:")), m_loraDropout);
    loraForm->addRow(addLabel(QT_TR_NOOP("Initialisation:")), m_loraInit);
    loraForm->addRow(QString(), m_rslora);
    loraForm->addRow(addLabel(QT_TR_NOOP("Target modules:")), targets);
    m_methodStack->addWidget(lora);

    // Adapter
    auto *adapter = new QWidget;
    m_bottleneck = new QSpinBox(adapter);
    m_bottleneck->setObjectName(QStringLiteral("bottleneckSpin"));
    m_bottleneck->setRange(1, 65536);
    m_fieldWidgets.insert(QStringLiteral("adapter.bottleneck"), m_bottleneck);
    auto *adapterForm = new QFormLayout(adapter);
    adapterForm->setContentsMargins(0, 0, 0, 0);
    adapterForm->addRow(addLabel(QT_TR_NOOP("Bottleneck size:")), m_bottleneck);
    auto *adapterNote = addLabel(QT_TR_NOOP("Adapters after the attention and the MLP of every layer; they start as "
                                            "the identity."));
    adapterNote->setWordWrap(true);
    adapterForm->addRow(adapterNote);
    m_methodStack->addWidget(adapter);

    // Prefix
    auto *prefix = new QWidget;
    m_prefixTokens = new QSpinBox(prefix);
    m_prefixTokens->setObjectName(QStringLiteral("prefixTokensSpin"));
    m_prefixTokens->setRange(1, 4096);
    m_fieldWidgets.insert(QStringLiteral("prefix.num_virtual_tokens"), m_prefixTokens);
    m_prefixProjection = new QCheckBox(prefix);
    m_prefixProjection->setObjectName(QStringLiteral("prefixProjectionCheck"));
    addText(m_prefixProjection, QT_TR_NOOP("Reparameterize through an MLP"));
    m_prefixHidden = new QSpinBox(prefix);
    m_prefixHidden->setObjectName(QStringLiteral("prefixHiddenSpin"));
    m_prefixHidden->setRange(1, 65536);
    m_fieldWidgets.insert(QStringLiteral("prefix.projection_hidden"), m_prefixHidden);
    m_prefixNote = new QLabel(prefix);
    m_prefixNote->setObjectName(QStringLiteral("prefixNoteLabel"));
    m_prefixNote->setWordWrap(true);
    auto *prefixForm = new QFormLayout(prefix);
    prefixForm->setContentsMargins(0, 0, 0, 0);
    prefixForm->addRow(addLabel(QT_TR_NOOP("Virtual tokens:")), m_prefixTokens);
    prefixForm->addRow(QString(), m_prefixProjection);
    prefixForm->addRow(addLabel(QT_TR_NOOP("MLP hidden size:")), m_prefixHidden);
    prefixForm->addRow(m_prefixNote);
    m_methodStack->addWidget(prefix);

    // Full fine-tuning
    auto *full = new QWidget;
    auto *fullLayout = new QVBoxLayout(full);
    fullLayout->setContentsMargins(0, 0, 0, 0);
    auto *fullNote = addLabel(QT_TR_NOOP("Every weight of the model is trained; the result is a complete model "
                                         "folder."));
    fullNote->setWordWrap(true);
    fullLayout->addWidget(fullNote);
    fullLayout->addStretch(1);
    m_methodStack->addWidget(full);

    auto *form = new QFormLayout;
    form->addRow(addLabel(QT_TR_NOOP("Method:")), m_method);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(form);
    layout->addWidget(m_methodStack);

    connect(m_method, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_methodStack->setCurrentIndex(index);
        formChanged();
    });
    connect(m_loraRank, &QSpinBox::valueChanged, this, &TrainingForm::formChanged);
    connect(m_loraAlpha, &QDoubleSpinBox::valueChanged, this, &TrainingForm::formChanged);
    connect(m_loraDropout, &QDoubleSpinBox::valueChanged, this, &TrainingForm::formChanged);
    connect(m_loraInit, &QComboBox::currentIndexChanged, this, &TrainingForm::formChanged);
    connect(m_rslora, &QCheckBox::toggled, this, &TrainingForm::formChanged);
    connect(m_bottleneck, &QSpinBox::valueChanged, this, &TrainingForm::formChanged);
    connect(m_prefixTokens, &QSpinBox::valueChanged, this, &TrainingForm::formChanged);
    connect(m_prefixProjection, &QCheckBox::toggled, this, &TrainingForm::formChanged);
    connect(m_prefixHidden, &QSpinBox::valueChanged, this, &TrainingForm::formChanged);
    return box;
}

QWidget *TrainingForm::buildOptimBox()
{
    auto *box = new QGroupBox;
    addText(box, QT_TR_NOOP("Optimisation"));
    auto spin = [this, box](const char *name, int lo, int hi, const char *field) {
        auto *s = new QSpinBox(box);
        s->setObjectName(QLatin1String(name));
        s->setRange(lo, hi);
        m_fieldWidgets.insert(QLatin1String(field), s);
        connect(s, &QSpinBox::valueChanged, this, &TrainingForm::formChanged);
        return s;
    };
    auto dspin = [this, box](const char *name, double lo, double hi, int decimals, double step, const char *field) {
        auto *s = new QDoubleSpinBox(box);
        s->setObjectName(QLatin1String(name));
        s->setRange(lo, hi);
        s->setDecimals(decimals);
        s->setSingleStep(step);
        m_fieldWidgets.insert(QLatin1String(field), s);
        connect(s, &QDoubleSpinBox::valueChanged, this, &TrainingForm::formChanged);
        return s;
    };
    auto combo = [this, box](const char *name, std::initializer_list<const char *> values, const char *field) {
        auto *c = new QComboBox(box);
        c->setObjectName(QLatin1String(name));
        for (const char *v : values)
            c->addItem(QString(), QLatin1String(v));
        m_fieldWidgets.insert(QLatin1String(field), c);
        connect(c, &QComboBox::currentIndexChanged, this, &TrainingForm::formChanged);
        return c;
    };
    m_epochs = spin("epochsSpin", 1, 100000, "epochs");
    m_maxSteps = spin("maxStepsSpin", 0, 1 << 30, "max_steps");
    m_batch = spin("batchSizeSpin", 1, 65536, "batch_size");
    m_gradAccum = spin("gradAccumulationSpin", 1, 65536, "grad_accumulation");
    m_learningRate = new QLineEdit(box);
    m_learningRate->setObjectName(QStringLiteral("learningRateEdit"));
    auto *validator = new QDoubleValidator(0.0, 10.0, 12, m_learningRate);
    validator->setLocale(QLocale::c());
    validator->setNotation(QDoubleValidator::ScientificNotation);
    m_learningRate->setValidator(validator);
    m_fieldWidgets.insert(QStringLiteral("learning_rate"), m_learningRate);
    connect(m_learningRate, &QLineEdit::textChanged, this, &TrainingForm::formChanged);
    m_schedule = combo("scheduleCombo", {"cosine", "linear", "constant"}, "schedule");
    m_warmup = dspin("warmupSpin", 0.0, 1.0, 3, 0.01, "warmup_ratio");
    m_weightDecay = dspin("weightDecaySpin", 0.0, 10.0, 4, 0.01, "weight_decay");
    m_maxGradNorm = dspin("maxGradNormSpin", 0.0, 1000.0, 2, 0.5, "max_grad_norm");
    m_device = combo("deviceCombo", {"auto", "cpu", "cuda"}, "device");
    m_precision = combo("precisionCombo", {"auto", "fp32", "bf16-autocast", "bf16"}, "precision");
    m_gradCheckpointing = new QCheckBox(box);
    m_gradCheckpointing->setObjectName(QStringLiteral("gradCheckpointingCheck"));
    addText(m_gradCheckpointing, QT_TR_NOOP("Gradient checkpointing (less memory, slower)"));
    connect(m_gradCheckpointing, &QCheckBox::toggled, this, &TrainingForm::formChanged);
    m_evalEvery = spin("evalEverySpin", 0, 1 << 30, "eval_every");
    m_saveEvery = spin("saveEverySpin", 0, 1 << 30, "save_every");
    m_seed = spin("seedSpin", 0, std::numeric_limits<int>::max(), "seed");
    // Not a config field: the run's result does not depend on it.
    m_processes = new QSpinBox(box);
    m_processes->setObjectName(QStringLiteral("processesSpin"));
    m_processes->setRange(1, 64);
    m_processes->setValue(1);
    m_fieldWidgets.insert(QStringLiteral("processes"), m_processes);
    connect(m_processes, &QSpinBox::valueChanged, this, &TrainingForm::formChanged);
    // Several machines: the run is prepared here and started there by the exported scripts.
    m_cluster = new QPushButton(box);
    m_cluster->setObjectName(QStringLiteral("clusterButton"));
    addText(m_cluster, QT_TR_NOOP("Run on a cluster…"));
    connect(m_cluster, &QPushButton::clicked, this, &TrainingForm::clusterRequested);

    auto *grid = new QGridLayout(box);
    auto pair = [grid](int row, int col, QLabel *label, QWidget *w) {
        grid->addWidget(label, row, col * 2);
        grid->addWidget(w, row, col * 2 + 1);
    };
    pair(0, 0, addLabel(QT_TR_NOOP("Epochs:")), m_epochs);
    pair(0, 1, addLabel(QT_TR_NOOP("Max steps:")), m_maxSteps);
    pair(1, 0, addLabel(QT_TR_NOOP("Batch size:")), m_batch);
    pair(1, 1, addLabel(QT_TR_NOOP("Grad accumulation:")), m_gradAccum);
    pair(2, 0, addLabel(QT_TR_NOOP("Learning rate:")), m_learningRate);
    pair(2, 1, addLabel(QT_TR_NOOP("Schedule:")), m_schedule);
    pair(3, 0, addLabel(QT_TR_NOOP("Warmup ratio:")), m_warmup);
    pair(3, 1, addLabel(QT_TR_NOOP("Weight decay:")), m_weightDecay);
    pair(4, 0, addLabel(QT_TR_NOOP("Max grad norm:")), m_maxGradNorm);
    pair(4, 1, addLabel(QT_TR_NOOP("Seed:")), m_seed);
    pair(5, 0, addLabel(QT_TR_NOOP("Device:")), m_device);
    pair(5, 1, addLabel(QT_TR_NOOP("Precision:")), m_precision);
    // Where the run trains, beside the device: processes here, or the scripts for a cluster.
    pair(6, 0, addLabel(QT_TR_NOOP("Processes on this machine:")), m_processes);
    grid->addWidget(m_cluster, 6, 2, 1, 2);
    pair(7, 0, addLabel(QT_TR_NOOP("Eval every:")), m_evalEvery);
    pair(7, 1, addLabel(QT_TR_NOOP("Save every:")), m_saveEvery);
    grid->addWidget(m_gradCheckpointing, 8, 0, 1, 4);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    return box;
}

void TrainingForm::retranslate()
{
    m_texts.apply([](const char *source) { return tr(source); });
    m_name->setPlaceholderText(tr("optional; the run id otherwise"));
    m_modelRow->retranslate(tr("a Hugging Face model folder (config.json, *.safetensors, tokenizer.json)"),
                            tr("This is the demo model: tiny and only briefly pre-trained on the demo texts, so a run "
                               "takes seconds on a CPU. It is created on the first start. Choose a real Hugging Face "
                               "model folder for real results."));
    m_ropeFactor->setToolTip(tr("RoPE position interpolation: positions are divided by this factor, so a factor of 2 "
                                "doubles the usable context (fine-tune at the longer length)."));
    m_heldOut->setToolTip(tr("Share of the records kept out of training for the eval loss (seeded split); "
                             "0 = no evaluation."));
    m_records->setItemText(0, tr("Accepted records"));
    m_records->setItemText(1, tr("Accepted and pending (all but rejected)"));
    const QStringList formats{tr("Alpaca (### Instruction / ### Response)"), tr("The model's own chat template"),
                              tr("ChatML"), tr("Llama 2 [INST]"), tr("Llama 3 header"),
                              tr("Plain text (continued pre-training, loss on every token)")};
    for (int i = 0; i < formats.size(); ++i)
        m_promptFormat->setItemText(i, formats[i]);
    m_overflow->setItemText(0, tr("Drop whole turns from the end"));
    m_overflow->setItemText(1, tr("Split into several examples"));
    const QStringList methods{tr("LoRA (low-rank adapters)"), tr("Bottleneck adapters"), tr("Prefix tuning"),
                              tr("Full fine-tuning")};
    for (int i = 0; i < methods.size(); ++i)
        m_method->setItemText(i, methods[i]);
    m_loraInit->setItemText(0, tr("Gaussian (PEFT default)"));
    m_loraInit->setItemText(1, tr("Kaiming-uniform"));
    m_schedule->setItemText(0, tr("cosine"));
    m_schedule->setItemText(1, tr("linear"));
    m_schedule->setItemText(2, tr("constant"));
    m_device->setItemText(0, tr("auto"));
    m_device->setToolTip(tr("auto: CUDA if available, else the CPU"));
    m_device->setItemText(1, tr("CPU"));
    m_device->setItemText(2, tr("CUDA"));
    m_precision->setItemText(0, tr("auto"));
    m_precision->setItemText(1, tr("fp32"));
    m_precision->setItemText(2, tr("bf16 autocast"));
    m_precision->setItemText(3, tr("bf16 weights"));
    m_maxSteps->setSpecialValueText(tr("from epochs"));
    m_evalEvery->setSpecialValueText(tr("at the end"));
    m_saveEvery->setSpecialValueText(tr("at the end"));
    m_learningRate->setToolTip(tr("Peak learning rate, e.g. 2e-4 (LoRA) or 2e-5 (full fine-tuning)."));
    m_copy->setToolTip(tr("Copy the command line"));
    // Every field that takes a number or a choice says what it does.
    m_dataset->setToolTip(tr("The dataset whose records the run trains on (exported into the run folder at Start)"));
    m_records->setToolTip(tr("Accepted records only, or every record not rejected (pending ones too)"));
    m_promptFormat->setToolTip(tr("How a record (an instruction, or a whole conversation with its system message) is "
                                  "written into the text the model sees; the model's own chat template is the one in "
                                  "its tokenizer_config.json. Only the assistant's replies are learned. The same "
                                  "format is used when you try the result"));
    m_maxLength->setToolTip(tr("Longest example in tokens (prompt + response); longer ones are truncated or, when the "
                               "prompt alone is longer, left out"));
    m_overflow->setToolTip(tr("A conversation longer than the max length: keep its first turns that fit (a first turn "
                              "that alone is too long is cut), or split it into several examples of whole turns, "
                              "each with the earlier turns that fit as context"));
    m_packing->setToolTip(tr("Concatenate short examples into full rows (attention kept within each example): fewer "
                             "padding tokens, faster epochs"));
    m_trainOnPrompt->setToolTip(tr("Count the prompt tokens in the loss too; by default only the response is learned"));
    m_method->setToolTip(tr("LoRA and adapters train a few added weights, prefix tuning trains virtual key/value "
                            "tokens, full fine-tuning trains every weight"));
    m_loraRank->setToolTip(tr("Rank r of the low-rank update B·A: more rank, more trainable parameters"));
    m_loraAlpha->setToolTip(tr("Scale of the update: it is multiplied by alpha / r (alpha / √r with rsLoRA)"));
    m_loraDropout->setToolTip(tr("Dropout on the LoRA input during training (0 = none)"));
    m_loraInit->setToolTip(tr("How A starts (B starts at zero, so the model starts as the base model)"));
    m_rslora->setToolTip(tr("Rank-stabilised LoRA: scale by alpha / √r, which keeps high ranks trainable"));
    for (QCheckBox *check : std::as_const(m_targets))
        check->setToolTip(tr("Put LoRA on every %1 projection").arg(check->property("module").toString()));
    m_bottleneck->setToolTip(tr("Width of each adapter's down-projection"));
    m_prefixTokens->setToolTip(tr("Virtual tokens prepended to every layer's keys and values; they take positions from "
                                  "the context"));
    m_prefixProjection->setToolTip(tr("Train the prefix through a small MLP (more stable); only the result is saved"));
    m_prefixHidden->setToolTip(tr("Hidden size of that MLP"));
    m_epochs->setToolTip(tr("Passes over the training records"));
    m_maxSteps->setToolTip(tr("Stop after this many optimizer steps (0: as many as the epochs give)"));
    m_batch->setToolTip(tr("Examples per forward/backward pass"));
    m_gradAccum->setToolTip(tr("Passes whose gradients are summed before one optimizer step (effective batch = batch "
                               "size × this)"));
    m_schedule->setToolTip(tr("How the learning rate falls after the warmup"));
    m_warmup->setToolTip(tr("Share of the steps over which the learning rate rises from 0 to its peak"));
    m_weightDecay->setToolTip(tr("AdamW's decoupled weight decay, applied to matrices only"));
    m_maxGradNorm->setToolTip(tr("Clip the gradient to this global norm (0 = no clipping)"));
    m_precision->setToolTip(tr("auto: bf16 autocast on CUDA, fp32 on the CPU"));
    m_gradCheckpointing->setToolTip(tr("Recompute each layer's activations in the backward pass instead of keeping them"));
    m_processes->setToolTip(tr("Worker processes that train this run together (data parallel): each takes a share "
                               "of every batch, the global batch stays batch size × grad accumulation and the result "
                               "is the same as with one process. On the CPU give each process cores of its own (each "
                               "gets this machine's cores divided by the processes as threads); on CUDA run one "
                               "process per GPU. Needs PyTorch's torchrun on PATH. For several machines use Run on a "
                               "cluster…"));
    m_cluster->setToolTip(tr("Prepare the run as Start does (data, config.json) without starting it, and export the "
                             "torchrun and Slurm scripts that train it on a cluster; Start here on the run list still "
                             "trains it on this machine"));
    m_evalEvery->setToolTip(tr("Evaluate on the held-out records every this many steps"));
    m_saveEvery->setToolTip(tr("Write a checkpoint every this many steps (Stop and the end always write one)"));
    m_seed->setToolTip(tr("Seed of the data split, the shuffle, the initialisation and dropout: the same seed gives the "
                          "same run"));
    m_name->setToolTip(tr("Shown in the run list instead of the run id"));
    m_command->setToolTip(tr("The exact command Start runs; copy it to run the same training from a terminal"));
    m_defaults->setToolTip(tr("Demo defaults for the demo model, recommended defaults otherwise"));
    refreshDatasets();
    formChanged();
}

void TrainingForm::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

// ---- the workspace, datasets, model ----

void TrainingForm::setWorkspace(sft::Workspace *workspace)
{
    if (m_workspace)
        m_workspace->disconnect(this);
    m_workspace = workspace;
    if (m_workspace) {
        connect(m_workspace, &sft::Workspace::datasetsChanged, this, &TrainingForm::refreshDatasets);
        connect(m_workspace, &sft::Workspace::recordsChanged, this, [this] { m_countTimer->start(); });
    }
    refreshDatasets();
}

void TrainingForm::refreshDatasets()
{
    const qint64 current = datasetId();
    m_applying = true;
    m_dataset->clear();
    QList<sft::DatasetInfo> sets;
    if (m_workspace)
        m_workspace->tryOrReport([&] { sets = m_workspace->datasets(); });  // a failed read is reported, not thrown
    for (const sft::DatasetInfo &d : std::as_const(sets))
        m_dataset->addItem(tr("%1 (%n accepted)", nullptr, int(d.accepted)).arg(d.name), d.id);
    if (current)
        selectData(m_dataset, current);
    m_applying = false;
    formChanged();
}

void TrainingForm::setDataset(qint64 datasetId)
{
    selectData(m_dataset, datasetId);
}

qint64 TrainingForm::datasetId() const { return m_dataset->currentData().toLongLong(); }

void TrainingForm::setDemoModelDir(const QString &dir)
{
    m_modelRow->setDemoModelDir(dir);
    resetToDefaults();
}

void TrainingForm::setModelDir(const QString &dir) { m_modelRow->setModelDir(dir); }
QString TrainingForm::modelDir() const { return m_modelRow->modelDir(); }

QString TrainingForm::demoModelDir() const { return m_modelRow->demoModelDir(); }
bool TrainingForm::pendingToo() const { return m_records->currentData().toBool(); }

void TrainingForm::setWorkerProgram(const QString &program)
{
    m_program = program;
    updateCommand();
}

void TrainingForm::setRunsRoot(const QString &root)
{
    m_runsRoot = root;
    updateCommand();
}

int TrainingForm::processes() const { return m_processes->value(); }

void TrainingForm::setProcesses(int processes) { m_processes->setValue(processes); }

void TrainingForm::setPreparing(bool preparing)
{
    m_preparing = preparing;
    updateStart();
}

void TrainingForm::modelFolderChanged()
{
    m_modelKey.clear();
    formChanged();
}
