#include "training/tryresult.h"

#include <QCheckBox>
#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "common/workerrun.h"

TryResult::TryResult(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("tryResult"));
    m_worker = new WorkerRun(this);
    m_prompt = new QPlainTextEdit(this);
    m_prompt->setObjectName(QStringLiteral("tryPromptEdit"));
    m_prompt->setMaximumHeight(90);
    m_withAdapter = new QCheckBox(this);
    m_withAdapter->setObjectName(QStringLiteral("withAdapterCheck"));
    m_withAdapter->setChecked(true);
    m_maxNewTokens = new QSpinBox(this);
    m_maxNewTokens->setObjectName(QStringLiteral("maxNewTokensSpin"));
    m_maxNewTokens->setRange(1, 4096);
    m_maxNewTokens->setValue(64);
    m_generate = new QPushButton(this);
    m_generate->setObjectName(QStringLiteral("generateButton"));
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("tryNoteLabel"));
    m_note->setWordWrap(true);
    m_output = new QPlainTextEdit(this);
    m_output->setObjectName(QStringLiteral("tryOutputEdit"));
    m_output->setReadOnly(true);
    m_promptLabel = new QLabel(this);
    m_maxTokensLabel = new QLabel(this);
    auto *row = new QHBoxLayout;
    row->addWidget(m_withAdapter);
    row->addSpacing(12);
    row->addWidget(m_maxTokensLabel);
    row->addWidget(m_maxNewTokens);
    row->addStretch(1);
    row->addWidget(m_generate);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_promptLabel);
    layout->addWidget(m_prompt);
    layout->addLayout(row);
    layout->addWidget(m_note);
    layout->addWidget(m_output, 1);

    connect(m_generate, &QPushButton::clicked, this, [this] {
        if (isGenerating())
            stop();
        else
            generate();
    });
    connect(m_withAdapter, &QCheckBox::toggled, this, &TryResult::updateState);
    connect(m_worker, &WorkerRun::runningChanged, this, &TryResult::updateState);
    connect(m_worker, &WorkerRun::recordReceived, this, [this](const QJsonObject &record) {
        if (record.value(QStringLiteral("done")).toBool()) {
            m_output->appendPlainText(
                tr("\n— %n token(s) in %1 s", nullptr, record.value(QStringLiteral("generated_tokens")).toInt())
                    .arg(record.value(QStringLiteral("decode_seconds")).toDouble(), 0, 'f', 2));
            return;
        }
        if (record.contains(QStringLiteral("text"))) {
            QTextCursor c = m_output->textCursor();
            c.movePosition(QTextCursor::End);
            c.insertText(record.value(QStringLiteral("text")).toString());
            m_output->setTextCursor(c);
        }
    });
    connect(m_worker, &WorkerRun::textReceived, this, [this](const QString &line) { m_output->appendPlainText(line); });
    connect(m_worker, &WorkerRun::finished, this, &TryResult::finished);
    retranslate();
}

TryResult::~TryResult() = default;

void TryResult::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TryResult::retranslate()
{
    m_promptLabel->setText(tr("Prompt:"));
    m_maxTokensLabel->setText(tr("Max new tokens:"));
    m_withAdapter->setText(tr("With the trained result"));
    m_prompt->setPlaceholderText(tr("An instruction; it is wrapped in the prompt format the run was trained with"));
    updateState();
}

void TryResult::setWorkerProgram(const QString &program) { m_worker->setProgram(program); }

void TryResult::setRun(const QString &id, const QString &dir, const QJsonObject &config)
{
    m_runId = id;
    m_runDir = dir;
    m_runConfig = config;
    updateState();
}

void TryResult::setFallbackModel(const QString &modelDir)
{
    m_fallbackModel = modelDir;
    updateState();
}

bool TryResult::isGenerating() const { return m_worker->isRunning(); }

void TryResult::stop() { m_worker->stop(); }

QStringList TryResult::generateArguments() const
{
    QString base = m_fallbackModel;
    if (!m_runId.isEmpty() && !m_runConfig.value(QStringLiteral("base_model")).toString().isEmpty())
        base = QDir(m_runDir).absoluteFilePath(m_runConfig.value(QStringLiteral("base_model")).toString());
    QStringList args{QStringLiteral("generate"), QStringLiteral("--model"), base};
    if (!m_runId.isEmpty() && m_withAdapter->isChecked())
        args << QStringLiteral("--adapter") << m_runDir;  // the prompt is wrapped in the run's format
    else if (!m_runId.isEmpty())  // the base model alone sees the same wrapped prompt, for a fair comparison
        args << QStringLiteral("--prompt-format")
             << m_runConfig.value(QStringLiteral("prompt_format")).toString(QStringLiteral("alpaca"));
    args << QStringLiteral("--prompt") << m_prompt->toPlainText() << QStringLiteral("--max-new-tokens")
         << QString::number(m_maxNewTokens->value()) << QStringLiteral("--json");
    return args;
}

bool TryResult::generate()
{
    if (isGenerating())
        return false;
    if (m_prompt->toPlainText().trimmed().isEmpty()) {
        Q_EMIT message(tr("Type a prompt first."));
        return false;
    }
    m_output->clear();
    const QStringList args = generateArguments();
    return m_worker->start([args](const QString &) { return args; });
}

void TryResult::finished(bool ok, const QString &error)
{
    if (!ok)
        m_output->appendPlainText(tr("Generation failed: %1").arg(error));
    Q_EMIT generateEnded(ok);
}

void TryResult::updateState()
{
    m_generate->setText(isGenerating() ? tr("Stop") : tr("Generate"));
    m_generate->setEnabled(isGenerating() || !m_runId.isEmpty() || !m_fallbackModel.isEmpty());
    if (m_runId.isEmpty())
        m_note->setText(tr("Generates with the model of the form."));
    else
        m_note->setText(m_withAdapter->isChecked()
                            ? tr("Generates with the base model of %1 and its trained result.").arg(m_runId)
                            : tr("Generates with the base model of %1 alone, for comparison.").arg(m_runId));
}
