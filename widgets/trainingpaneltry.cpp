// TrainingPanel, "Try the result": generation from the selected run's base
// model with its trained result (`sftbench-cli generate --adapter RUN`, the
// prompt wrapped in the run's prompt format) or without it for comparison,
// streamed from the worker's JSON lines.

#include "trainingpanel.h"

#include <QCheckBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include "workspace/workerprocess.h"

QWidget *TrainingPanel::buildTry()
{
    auto *box = new QWidget;
    m_tryPrompt = new QPlainTextEdit(box);
    m_tryPrompt->setObjectName(QStringLiteral("tryPromptEdit"));
    m_tryPrompt->setMaximumHeight(90);
    m_withAdapter = new QCheckBox(box);
    m_withAdapter->setObjectName(QStringLiteral("withAdapterCheck"));
    m_withAdapter->setChecked(true);
    addText(m_withAdapter, QT_TR_NOOP("With the trained result"));
    m_maxNewTokens = new QSpinBox(box);
    m_maxNewTokens->setObjectName(QStringLiteral("maxNewTokensSpin"));
    m_maxNewTokens->setRange(1, 4096);
    m_maxNewTokens->setValue(64);
    m_generate = new QPushButton(box);
    m_generate->setObjectName(QStringLiteral("generateButton"));
    m_tryNote = new QLabel(box);
    m_tryNote->setObjectName(QStringLiteral("tryNoteLabel"));
    m_tryNote->setWordWrap(true);
    m_tryOutput = new QPlainTextEdit(box);
    m_tryOutput->setObjectName(QStringLiteral("tryOutputEdit"));
    m_tryOutput->setReadOnly(true);
    auto *row = new QHBoxLayout;
    row->addWidget(m_withAdapter);
    row->addSpacing(12);
    row->addWidget(addLabel(QT_TR_NOOP("Max new tokens:")));
    row->addWidget(m_maxNewTokens);
    row->addStretch(1);
    row->addWidget(m_generate);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(addLabel(QT_TR_NOOP("Prompt:")));
    layout->addWidget(m_tryPrompt);
    layout->addLayout(row);
    layout->addWidget(m_tryNote);
    layout->addWidget(m_tryOutput, 1);
    connect(m_generate, &QPushButton::clicked, this, [this] {
        if (isGenerating())
            m_generator->stop(1000);
        else
            generate();
    });
    connect(m_withAdapter, &QCheckBox::toggled, this, &TrainingPanel::updateRunLabels);
    return box;
}

bool TrainingPanel::isGenerating() const { return m_generator != nullptr; }

QStringList TrainingPanel::generateArguments() const
{
    const QString id = currentRunId();
    const QJsonObject config = runConfig(id);
    QString base = modelDir();
    if (!id.isEmpty() && !config.value(QStringLiteral("base_model")).toString().isEmpty())
        base = QDir(runDir(id)).absoluteFilePath(config.value(QStringLiteral("base_model")).toString());
    QStringList args{QStringLiteral("generate"), QStringLiteral("--model"), base};
    if (!id.isEmpty() && m_withAdapter->isChecked())
        args << QStringLiteral("--adapter") << runDir(id);  // the prompt is wrapped in the run's format
    else if (!id.isEmpty())  // the base model alone sees the same wrapped prompt, for a fair comparison
        args << QStringLiteral("--prompt-format")
             << config.value(QStringLiteral("prompt_format")).toString(QStringLiteral("alpaca"));
    args << QStringLiteral("--prompt") << m_tryPrompt->toPlainText() << QStringLiteral("--max-new-tokens")
         << QString::number(m_maxNewTokens->value()) << QStringLiteral("--json");
    return args;
}

bool TrainingPanel::generate()
{
    if (isGenerating())
        return false;
    if (m_tryPrompt->toPlainText().trimmed().isEmpty()) {
        Q_EMIT message(tr("Type a prompt first."));
        return false;
    }
    m_tryOutput->clear();
    m_generateError.clear();
    m_generator = new sft::WorkerProcess(this);
    connect(m_generator, &sft::WorkerProcess::recordReceived, this, [this](const QJsonObject &record) {
        if (record.value(QStringLiteral("done")).toBool()) {
            m_tryOutput->appendPlainText(
                tr("\n— %n token(s) in %1 s", nullptr, record.value(QStringLiteral("generated_tokens")).toInt())
                    .arg(record.value(QStringLiteral("decode_seconds")).toDouble(), 0, 'f', 2));
            return;
        }
        if (record.contains(QStringLiteral("text"))) {
            QTextCursor c = m_tryOutput->textCursor();
            c.movePosition(QTextCursor::End);
            c.insertText(record.value(QStringLiteral("text")).toString());
            m_tryOutput->setTextCursor(c);
        }
    });
    connect(m_generator, &sft::WorkerProcess::textReceived, this,
            [this](const QString &line) { m_tryOutput->appendPlainText(line); });
    connect(m_generator, &sft::WorkerProcess::failed, this, [this](const QString &text) {
        m_generateError = text;
        // A worker that could not start never finishes.
        QTimer::singleShot(0, this, [this, gen = QPointer<sft::WorkerProcess>(m_generator)] {
            if (gen && gen == m_generator)
                endGenerate(-1, false);
        });
    });
    connect(m_generator, &sft::WorkerProcess::finished, this, &TrainingPanel::endGenerate);
    m_generator->start(m_program, generateArguments());
    updateButtons();
    return true;
}

void TrainingPanel::endGenerate(int code, bool crashed)
{
    if (!m_generator)
        return;
    if (m_generateError.isEmpty() && (code != 0 || crashed))
        m_generateError = m_generator->errorOutput().trimmed();
    if (m_generateError.isEmpty() && (code != 0 || crashed))
        m_generateError = tr("the worker exited with code %1").arg(code);
    const bool ok = m_generateError.isEmpty();
    if (!ok)
        m_tryOutput->appendPlainText(tr("Generation failed: %1").arg(m_generateError));
    m_generator->disconnect(this);
    m_generator->deleteLater();
    m_generator = nullptr;
    updateButtons();
    Q_EMIT generateEnded(ok);
}
