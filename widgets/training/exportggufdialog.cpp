// The Export GGUF dialog: file, weight type and what to write on the left of
// the buttons, the commands that run the result below, all following the
// choices live.

#include "training/exportggufdialog.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <cmath>

#include "finetune/plan.h"
#include "finetune/train_config.h"
#include "model/model_config.h"
#ifdef SFT_HAVE_GGUF
#include "gguf/gguf_export.h"
#endif

namespace {

const QString kSuffix = QStringLiteral(".gguf");

/** text as one shell word in single quotes. */
QString quotedWord(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

/** path as one shell word: as it is when it needs no quoting, else in single quotes. */
QString shellWord(const QString &path)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:+@%=,-]+$"));
    return plain.match(path).hasMatch() ? path : quotedWord(path);
}

/** text as one bash word in ANSI-C quotes ($'...'), so that newlines survive as \n. */
QString ansiCWord(const QString &text)
{
    QString out = QStringLiteral("$'");
    for (const QChar c : text) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('\''))
            out += QLatin1Char('\\') + QString(c);
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else
            out += c;
    }
    return out + QLatin1Char('\'');
}

/**
 * The Modelfile lines that make Ollama build prompts as the run was trained: none for "chat" (the
 * GGUF's chat template is the run's), the fixed formats as Ollama templates (rendered as the
 * engine renders them; the BOS token is the tokenizer's), the prompt as typed for alpaca and text.
 */
QStringList ollamaTemplateLines(const QString &format)
{
    if (format == QLatin1String("chat"))
        return {};
    if (format == QLatin1String("chatml"))
        return {QStringLiteral("TEMPLATE \"\"\"{{ if .System }}<|im_start|>system"), QStringLiteral("{{ .System }}<|im_end|>"),
                QStringLiteral("{{ end }}<|im_start|>user"), QStringLiteral("{{ .Prompt }}<|im_end|>"),
                QStringLiteral("<|im_start|>assistant"), QStringLiteral("{{ .Response }}<|im_end|>"),
                QStringLiteral("\"\"\""), QStringLiteral("PARAMETER stop \"<|im_end|>\"")};
    if (format == QLatin1String("llama3"))
        return {QStringLiteral("TEMPLATE \"\"\"{{ if .System }}<|start_header_id|>system<|end_header_id|>"), QString(),
                QStringLiteral("{{ .System }}<|eot_id|>{{ end }}<|start_header_id|>user<|end_header_id|>"), QString(),
                QStringLiteral("{{ .Prompt }}<|eot_id|><|start_header_id|>assistant<|end_header_id|>"), QString(),
                QStringLiteral("{{ .Response }}<|eot_id|>\"\"\""), QStringLiteral("PARAMETER stop \"<|eot_id|>\"")};
    if (format == QLatin1String("llama2"))
        return {QStringLiteral("TEMPLATE \"\"\"[INST] {{ if .System }}<<SYS>>"), QStringLiteral("{{ .System }}"),
                QStringLiteral("<</SYS>>"), QString(), QStringLiteral("{{ end }}{{ .Prompt }} [/INST]\"\"\"")};
    return {QStringLiteral("TEMPLATE \"\"\"{{ .Prompt }}\"\"\"")};
}

/** An Ollama model name from a run's name: lowercase letters, digits, '.', '_' and '-'. */
QString ollamaName(const QString &name)
{
    QString out;
    for (const QChar c : name.toLower())
        out += (c.isLetterOrNumber() && c.unicode() < 128) || c == QLatin1Char('.') || c == QLatin1Char('_')
                       || c == QLatin1Char('-')
                   ? c
                   : QLatin1Char('-');
    out.remove(QRegularExpression(QStringLiteral("^[-_.]+|[-_.]+$")));
    return out.isEmpty() ? QStringLiteral("finetuned") : out;
}

} // namespace

QStringList ExportGgufDialog::typeNames()
{
    return {QStringLiteral("f16"), QStringLiteral("f32"), QStringLiteral("bf16"), QStringLiteral("q8_0")};
}

double ExportGgufDialog::bytesPerWeight(const QString &type)
{
    if (type == QLatin1String("f32"))
        return 4;
    if (type == QLatin1String("f16") || type == QLatin1String("bf16"))
        return 2;
    if (type == QLatin1String("q8_0"))
        return 34.0 / 32.0;   // an fp16 scale and 32 int8 per block of 32 weights
    return 0;
}

QStringList ExportGgufDialog::exportArguments(const QString &runDir, const QString &outFile, const QString &type,
                                              bool adapter)
{
    QStringList args{QStringLiteral("export-gguf"), QStringLiteral("--run-dir"), runDir,
                     QStringLiteral("--out"), outFile, QStringLiteral("--type"), type};
    if (adapter)
        args << QStringLiteral("--adapter");
    args << QStringLiteral("--json");
    return args;
}

ExportGgufDialog::ExportGgufDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("exportGgufDialog"));
    m_file = new QLineEdit(this);
    m_file->setObjectName(QStringLiteral("ggufFileEdit"));
    m_file->setClearButtonEnabled(true);
    m_browse = new QPushButton(this);
    m_browse->setObjectName(QStringLiteral("ggufBrowseButton"));
    addText(m_browse, QT_TR_NOOP("Browse…"));
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);

    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("ggufTypeCombo"));
    m_type->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (const QString &type : typeNames())
        m_type->addItem(type, type);
    m_typeDescription = new QLabel(this);
    m_typeDescription->setObjectName(QStringLiteral("ggufTypeDescription"));
    m_typeDescription->setWordWrap(true);
    auto *typeBox = new QVBoxLayout;
    typeBox->addWidget(m_type);
    typeBox->addWidget(m_typeDescription);

    m_merged = new QRadioButton(this);
    m_merged->setObjectName(QStringLiteral("ggufMergedRadio"));
    m_merged->setChecked(true);
    m_adapter = new QRadioButton(this);
    m_adapter->setObjectName(QStringLiteral("ggufAdapterRadio"));
    m_what = new QButtonGroup(this);
    m_what->addButton(m_merged);
    m_what->addButton(m_adapter);
    m_whatNote = new QLabel(this);
    m_whatNote->setObjectName(QStringLiteral("ggufWhatNote"));
    m_whatNote->setWordWrap(true);
    auto *whatBox = new QVBoxLayout;
    whatBox->addWidget(m_merged);
    whatBox->addWidget(m_adapter);
    whatBox->addWidget(m_whatNote);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *fileLabel = m_texts.addLabel(QT_TR_NOOP("Output file:"), this);
    fileLabel->setBuddy(m_file);
    form->addRow(fileLabel, fileRow);
    auto *typeLabel = m_texts.addLabel(QT_TR_NOOP("Weight type:"), this);
    typeLabel->setBuddy(m_type);
    form->addRow(typeLabel, typeBox);
    form->addRow(m_texts.addLabel(QT_TR_NOOP("What to write:"), this), whatBox);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("ggufErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_errorLabel->hide();
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("ggufNoteLabel"));
    m_note->setWordWrap(true);
    m_note->hide();

    m_howTo = new QPlainTextEdit(this);
    m_howTo->setObjectName(QStringLiteral("ggufHowToRun"));
    m_howTo->setReadOnly(true);
    m_howTo->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    // Export is a button of our own: a standard one gets its "OK" back from the box on a language change.
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_export = new QPushButton(this);
    m_export->setObjectName(QStringLiteral("ggufExportButton"));
    m_export->setDefault(true);
    addText(m_export, QT_TR_NOOP("Export"));
    m_buttons->addButton(m_export, QDialogButtonBox::AcceptRole);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_note);
    layout->addWidget(m_texts.addLabel(QT_TR_NOOP("How to run it:"), this));
    layout->addWidget(m_howTo, 1);
    layout->addWidget(m_buttons);

    connect(m_file, &QLineEdit::textChanged, this, &ExportGgufDialog::refresh);
    connect(m_file, &QLineEdit::textEdited, this, [this] { m_fileEdited = true; });
    connect(m_browse, &QPushButton::clicked, this, &ExportGgufDialog::browse);
    connect(m_type, &QComboBox::currentIndexChanged, this, &ExportGgufDialog::refresh);
    connect(m_what, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool checked) {
        if (!checked)
            return;
        // llama.cpp applies an adapter in floating point: q8_0 is not offered for one.
        if (adapterOnly() && typeName() == QLatin1String("q8_0"))
            setTypeName(QStringLiteral("f16"));
        updateChoiceTexts();
        refresh();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_error.isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(780, 560);
    retranslate();
}

ExportGgufDialog::~ExportGgufDialog() = default;


void ExportGgufDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void ExportGgufDialog::retranslate()
{
    setWindowTitle(m_runName.isEmpty() ? tr("Export GGUF") : tr("Export GGUF: %1").arg(m_runName));
    m_texts.apply([](const char *source) { return tr(source); });
    m_file->setToolTip(tr("The GGUF file to write (it must end in .gguf; its folder must exist)"));
    m_file->setProperty("baseToolTip", m_file->toolTip());
    m_browse->setToolTip(tr("Choose where to save the GGUF file"));
    m_type->setToolTip(tr("How the weights are stored; norms and biases are always written as f32"));
    m_howTo->setToolTip(tr("Commands that run the exported file with llama.cpp and with Ollama"));
    updateChoiceTexts();
    refresh();
}

void ExportGgufDialog::setRun(const QString &runDir, const QJsonObject &config)
{
    m_runDir = QDir(runDir).absolutePath();
    m_runId = QFileInfo(m_runDir).fileName();
    m_runName = config.value(QStringLiteral("name")).toString();
    if (m_runName.isEmpty())
        m_runName = m_runId;
    m_method = config.value(QStringLiteral("method")).toString(QStringLiteral("lora"));
    m_promptFormat = config.value(QStringLiteral("prompt_format")).toString(QStringLiteral("alpaca"));
    const QString base = config.value(QStringLiteral("base_model")).toString();
    m_baseModel = base.isEmpty() ? QString() : QDir::cleanPath(QDir(m_runDir).absoluteFilePath(base));

    // The estimates: the base model's parameters, the LoRA's, and the tokenizer a whole model carries.
    m_baseParameters = -1;
    m_loraParameters = 0;
    m_tokenizerBytes = 0;
    if (!m_baseModel.isEmpty()) {
        try {
            const auto model = sft::model::ModelConfig::fromFile(
                QDir(m_baseModel).filePath(QStringLiteral("config.json")).toStdString());
            m_baseParameters = model.parameterCount();
            if (m_method == QLatin1String("lora")) {
                const auto train = sft::finetune::TrainConfig::fromFile(
                    QDir(m_runDir).filePath(QStringLiteral("config.json")).toStdString());
                m_loraParameters = sft::finetune::loraParameterCount(model, train.lora);
            }
        } catch (const std::exception &) {
            // No estimate: the worker says what is wrong with the model when it exports.
        }
        m_tokenizerBytes = QFileInfo(QDir(m_baseModel).filePath(QStringLiteral("tokenizer.json"))).size();
    }

    // The worker checks the base model before it merges anything: the same check here says now what it
    // would refuse (config, tokenizer and weight names; no weight values are read).
    m_modelRefusal.clear();
#ifdef SFT_HAVE_GGUF
    if (!m_baseModel.isEmpty()) {
        try {
            sft::gguf::checkExportable(m_baseModel.toStdString());
        } catch (const std::exception &e) {
            m_modelRefusal = QString::fromUtf8(e.what());
        }
    }
#endif

    // Only a LoRA run has an adapter to write on its own.
    const bool lora = isLora();
    m_adapter->setEnabled(lora);
    if (!lora)
        m_merged->setChecked(true);
    m_fileEdited = false;
    retranslate();
}

QString ExportGgufDialog::outFile() const
{
    const QString text = m_file->text().trimmed();
    if (text.isEmpty())
        return {};
    // Relative to where the default file goes, not to the GUI's working directory.
    if (QDir::isRelativePath(text) && !m_runDir.isEmpty())
        return QDir::cleanPath(QDir(QFileInfo(m_runDir).absolutePath()).absoluteFilePath(text));
    return QDir::cleanPath(text);
}

QString ExportGgufDialog::typeName() const { return m_type->currentData().toString(); }

void ExportGgufDialog::setTypeName(const QString &type)
{
    const int index = m_type->findData(type);
    if (index >= 0)
        m_type->setCurrentIndex(index);
}

bool ExportGgufDialog::isLora() const { return m_method == QLatin1String("lora"); }

// The run's method, not the radio's enabled state: a disabled ancestor disables the radio too.
bool ExportGgufDialog::adapterOnly() const { return isLora() && m_adapter->isChecked(); }

void ExportGgufDialog::setAdapterOnly(bool adapter)
{
    (adapter && isLora() ? m_adapter : m_merged)->setChecked(true);
}

QStringList ExportGgufDialog::arguments() const
{
    return exportArguments(m_runDir, outFile(), typeName(), adapterOnly());
}

qint64 ExportGgufDialog::estimatedBytes(const QString &type) const
{
    const double perWeight = bytesPerWeight(type);
    if (adapterOnly())
        return m_loraParameters > 0 ? qint64(std::llround(double(m_loraParameters) * perWeight)) : -1;
    if (m_baseParameters < 0)
        return -1;
    return qint64(std::llround(double(m_baseParameters) * perWeight)) + m_tokenizerBytes;
}

QString ExportGgufDialog::sizeText(qint64 bytes) const
{
    return bytes < 0 ? QString() : tr("about %1").arg(locale().formattedDataSize(bytes, 1));
}

QString ExportGgufDialog::typeDescription(const QString &type) const
{
    if (type == QLatin1String("f16"))
        return tr("16-bit floats: the usual choice, half the size of f32 with no visible loss");
    if (type == QLatin1String("f32"))
        return tr("32-bit floats: exactly the trained weights, twice the size of f16");
    if (type == QLatin1String("bf16"))
        return tr("bfloat16: the range of f32 in half the size, a little less precise than f16");
    if (type == QLatin1String("q8_0"))
        return tr("8-bit blocks: about half of f16 and faster on a CPU, with a small loss of quality");
    return {};
}

QString ExportGgufDialog::shortDescription(const QString &type) const
{
    if (type == QLatin1String("f16"))
        return tr("16-bit floats, the usual choice");
    if (type == QLatin1String("f32"))
        return tr("32-bit floats, exactly the trained weights");
    if (type == QLatin1String("bf16"))
        return tr("bfloat16, the range of f32 in half the size");
    if (type == QLatin1String("q8_0"))
        return tr("8-bit blocks, about half of f16");
    return {};
}

void ExportGgufDialog::updateChoiceTexts()
{
    const bool lora = isLora();
    m_merged->setText(lora ? tr("Whole model: the LoRA folded into the base weights (runs on its own)")
                           : tr("Whole model: the fine-tuned weights as they are"));
    m_adapter->setText(tr("LoRA adapter only: for llama.cpp's --lora, with the base model's GGUF"));
    m_adapter->setToolTip(lora ? tr("A small file; llama.cpp applies it on top of the base model's GGUF")
                               : tr("Only a LoRA run has an adapter to write on its own"));
    if (!lora)
        m_whatNote->setText(tr("Only a LoRA run has an adapter to write on its own."));
    else if (adapterOnly())
        m_whatNote->setText(tr("q8_0 is not offered for an adapter: it is small, and llama.cpp applies it in "
                               "floating point."));
    else
        m_whatNote->clear();
    m_whatNote->setVisible(!m_whatNote->text().isEmpty());

    // Each type with its size for the current choice; q8_0 cannot be picked for an adapter.
    auto *model = qobject_cast<QStandardItemModel *>(m_type->model());
    for (int i = 0; i < m_type->count(); ++i) {
        const QString type = m_type->itemData(i).toString();
        const QString size = sizeText(estimatedBytes(type));
        // "f16 — 16-bit floats, the usual choice (about 2.4 MiB)"
        const QString text = tr("%1 — %2").arg(type, shortDescription(type));
        m_type->setItemText(i, size.isEmpty() ? text : tr("%1 (%2)").arg(text, size));
        m_type->setItemData(i, typeDescription(type), Qt::ToolTipRole);
        if (model && model->item(i)) {
            const bool offered = !(adapterOnly() && type == QLatin1String("q8_0"));
            model->item(i)->setEnabled(offered);
        }
    }
    m_typeDescription->setText(typeDescription(typeName()));
}

QString ExportGgufDialog::defaultFile() const
{
    if (m_runDir.isEmpty())
        return {};
    const QString name = m_runId + (adapterOnly() ? QStringLiteral("-lora-") : QStringLiteral("-")) + typeName() + kSuffix;
    return QDir(QFileInfo(m_runDir).absolutePath()).filePath(name);
}

QWidget *ExportGgufDialog::invalidWidget() const
{
    return m_file->property("invalidField").toBool() ? m_file : nullptr;
}

void ExportGgufDialog::refresh()
{
    if (!m_export)
        return;   // still being built
    // The name follows the type and the choice until the user edits it.
    if (!m_fileEdited && !m_settingFile) {
        const QString file = defaultFile();
        if (m_file->text() != file) {
            m_settingFile = true;
            m_file->setText(file);
            m_settingFile = false;
        }
    }
    if (m_settingFile)
        return;
    updateChoiceTexts();

    const QString file = outFile();
    const QFileInfo info(file);
    m_error.clear();
    QStringList notes;
    if (file.isEmpty())
        m_error = tr("Output file: choose the GGUF file to write.");
    else if (!file.endsWith(kSuffix, Qt::CaseInsensitive))
        m_error = tr("Output file: the name must end in .gguf.");
    else if (!info.absoluteDir().exists())
        m_error = tr("Output file: the folder %1 does not exist.").arg(QDir::toNativeSeparators(info.absolutePath()));
    else if (info.isDir())
        m_error = tr("Output file: %1 is a folder.").arg(QDir::toNativeSeparators(file));
    else if (info.exists())
        notes << tr("%1 exists; the export replaces it.").arg(QDir::toNativeSeparators(info.fileName()));
    const bool mark = !m_error.isEmpty();   // every error so far is the file's
    if (m_runDir.isEmpty())
        m_error = tr("No run to export.");
    else if (m_error.isEmpty() && m_baseModel.isEmpty())
        m_error = tr("The run's config.json names no base model (base_model): there is nothing to export it with.");
    else if (m_error.isEmpty() && !m_modelRefusal.isEmpty())
        m_error = tr("This model cannot be written as GGUF: %1").arg(m_modelRefusal);
    // llama.cpp applies an adapter in floating point; the combo does not offer q8_0 for one, but
    // setTypeName() can still ask for it.
    if (m_error.isEmpty() && adapterOnly() && typeName() == QLatin1String("q8_0"))
        m_error = tr("A LoRA adapter is written as f16, f32 or bf16, not q8_0.");
    if (m_error.isEmpty() && estimatedBytes(typeName()) < 0)
        notes << (m_baseParameters < 0
                      ? tr("The base model's config.json cannot be read here, so there is no size estimate; the "
                           "export says what is wrong if it cannot read the model either.")
                      : tr("The run's config.json cannot be read here, so there is no size estimate for its "
                           "adapter; the export says what is wrong if it cannot read it either."));

    if (m_file->property("invalidField").toBool() != mark) {
        m_file->setProperty("invalidField", mark);
        m_file->setStyleSheet(mark ? QStringLiteral("border: 1px solid #b00020;") : QString());
    }
    const QString base = m_file->property("baseToolTip").toString();
    m_file->setToolTip(mark ? m_error + QStringLiteral("\n\n") + base : base);
    m_errorLabel->setText(m_error);
    m_errorLabel->setVisible(!m_error.isEmpty());
    m_note->setText(notes.join(QLatin1Char('\n')));
    m_note->setVisible(!notes.isEmpty());
    exportButton()->setEnabled(m_error.isEmpty());
    exportButton()->setToolTip(m_error.isEmpty() ? tr("Write the GGUF file with sftbench-cli export-gguf") : m_error);
    m_howTo->setPlainText(howToRunText());
}

QStringList ExportGgufDialog::llamaCppLines(const QString &modelArgs) const
{
    const QString &format = m_promptFormat;
    // A chat run: llama-cli chats with the chat template the file carries (the run trained with it).
    if (format == QLatin1String("chat"))
        return {tr("# llama.cpp, chatting with the model's chat template (written into the GGUF file):"),
                QStringLiteral("llama-cli %1").arg(modelArgs)};
    // A fixed chat format: llama.cpp's built-in template of that name. Built-in names are read by
    // the legacy template code; with Jinja (llama-cli's default) the name would be the template text.
    if (format == QLatin1String("chatml") || format == QLatin1String("llama2") || format == QLatin1String("llama3"))
        return {tr("# llama.cpp, chatting in the run's prompt format (%1, built into llama.cpp):").arg(format),
                QStringLiteral("llama-cli %1 --no-jinja --chat-template %2").arg(modelArgs, format)};
    // Alpaca and plain text: llama-cli only chats, so llama-completion runs a prompt as it is written.
    QString prompt;
    if (format == QLatin1String("alpaca")) {
        // As the engine renders a single-turn Alpaca prompt, up to where the response starts.
        prompt = ansiCWord(QStringLiteral("Below is an instruction that describes a task. Write a response that "
                                          "appropriately completes the request.\n\n### Instruction:\n%1\n\n"
                                          "### Response:\n")
                               .arg(tr("YOUR INSTRUCTION", "placeholder in a llama.cpp prompt")));
    } else {
        prompt = quotedWord(tr("The beginning of a text to continue…"));
    }
    return {tr("# llama.cpp, completing a prompt written in the run's prompt format (%1):").arg(format),
            QStringLiteral("llama-completion %1 -no-cnv -p %2").arg(modelArgs, prompt)};
}

QString ExportGgufDialog::howToRunText() const
{
    const QString file = outFile();
    if (file.isEmpty() || m_runDir.isEmpty())
        return {};
    // The commands run in the file's folder, so they name files, not long paths.
    const QFileInfo info(file);
    const QString name = info.fileName();
    const QString model = ollamaName(m_runName);
    QStringList lines{QStringLiteral("cd %1").arg(shellWord(info.absolutePath())), QString()};
    if (!adapterOnly()) {
        lines << llamaCppLines(QStringLiteral("-m %1").arg(shellWord(name))) << QString()
              << tr("# Ollama: a file named Modelfile in this folder that holds") << QStringLiteral("FROM ./%1").arg(name)
              << ollamaTemplateLines(m_promptFormat);
    } else {
        // The adapter is applied on the base model's own GGUF, written once beside it.
        const QString baseFolder = m_baseModel.isEmpty() ? tr("BASE_MODEL", "placeholder for the base model's folder")
                                                         : QFileInfo(m_baseModel).fileName();
        const QString baseName = baseFolder + QLatin1Char('-') + typeName() + kSuffix;
        lines << tr("# The base model as GGUF, once:")
              << QStringLiteral("sftbench-cli export-gguf --model %1 --out %2 --type %3")
                     .arg(shellWord(m_baseModel.isEmpty() ? baseFolder : m_baseModel), shellWord(baseName), typeName())
              << QString()
              << llamaCppLines(QStringLiteral("-m %1 --lora %2").arg(shellWord(baseName), shellWord(name))) << QString()
              << tr("# Ollama: a file named Modelfile in this folder that holds")
              << QStringLiteral("FROM ./%1").arg(baseName) << QStringLiteral("ADAPTER ./%1").arg(name)
              << ollamaTemplateLines(m_promptFormat);
    }
    lines << tr("# then:") << QStringLiteral("ollama create %1 -f Modelfile").arg(model)
          << QStringLiteral("ollama run %1").arg(model);
    return lines.join(QLatin1Char('\n'));
}

void ExportGgufDialog::browse()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Save the GGUF file"), outFile(),
                                                      tr("GGUF files (*.gguf)"));
    if (file.isEmpty())
        return;
    m_fileEdited = true;
    m_file->setText(file.endsWith(kSuffix, Qt::CaseInsensitive) ? file : file + kSuffix);
}
