#include "training/tryresult.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include <memory>

#include "common/workerrun.h"

/** One output column: its edit, the text generated so far and how many tokens it took. */
struct TryResult::Side
{
    QPlainTextEdit *edit = nullptr;
    QString text;
    qint64 tokens = 0;
    bool trained = false;
    QStringList args;  ///< fixed when Generate is pressed
};

TryResult::TryResult(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("tryResult"));
    m_worker = new WorkerRun(this);
    m_prompt = new QPlainTextEdit(this);
    m_prompt->setObjectName(QStringLiteral("tryPromptEdit"));
    m_prompt->setMaximumHeight(90);
    m_resultLabel = new QLabel(this);
    m_result = new QComboBox(this);
    m_result->setObjectName(QStringLiteral("resultCombo"));
    m_result->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_compare = new QCheckBox(this);
    m_compare->setObjectName(QStringLiteral("compareCheck"));
    m_compare->setChecked(true);
    m_maxTokensLabel = new QLabel(this);
    m_maxNewTokens = new QSpinBox(this);
    m_maxNewTokens->setObjectName(QStringLiteral("maxNewTokensSpin"));
    m_maxNewTokens->setRange(1, 4096);
    m_maxNewTokens->setValue(64);
    m_generate = new QPushButton(this);
    m_generate->setObjectName(QStringLiteral("generateButton"));
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("tryNoteLabel"));
    m_note->setWordWrap(true);
    m_promptLabel = new QLabel(this);

    auto pane = [this](QLabel *&title, QPlainTextEdit *&edit, const char *name) {
        auto *w = new QWidget;
        title = new QLabel(w);
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
        edit = new QPlainTextEdit(w);
        edit->setObjectName(QLatin1String(name));
        edit->setReadOnly(true);
        auto *v = new QVBoxLayout(w);
        v->setContentsMargins(0, 0, 0, 0);
        v->addWidget(title);
        v->addWidget(edit, 1);
        return w;
    };
    m_basePane = pane(m_baseTitle, m_baseOut, "baseOutputEdit");
    QWidget *trainedPane = pane(m_trainedTitle, m_trainedOut, "tryOutputEdit");
    auto *outputs = new QSplitter(Qt::Horizontal, this);
    outputs->addWidget(m_basePane);
    outputs->addWidget(trainedPane);
    m_base = new Side{m_baseOut, {}, 0, false, {}};
    m_trained = new Side{m_trainedOut, {}, 0, true, {}};

    auto *row = new QHBoxLayout;
    row->addWidget(m_resultLabel);
    row->addWidget(m_result);
    row->addSpacing(12);
    row->addWidget(m_compare);
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
    layout->addWidget(outputs, 1);

    connect(m_generate, &QPushButton::clicked, this, [this] {
        if (isGenerating())
            stop();
        else
            generate();
    });
    connect(m_compare, &QCheckBox::toggled, this, &TryResult::updateState);
    connect(m_result, &QComboBox::currentIndexChanged, this, &TryResult::updateState);
    connect(m_worker, &WorkerRun::runningChanged, this, &TryResult::updateState);
    connect(m_worker, &WorkerRun::recordReceived, this, [this](const QJsonObject &record) {
        Side *side = current();
        if (!side)
            return;
        if (record.value(QStringLiteral("done")).toBool()) {
            side->tokens = record.value(QStringLiteral("generated_tokens")).toInteger();
            side->edit->appendPlainText(tr("\n— %n token(s) in %1 s", nullptr, int(side->tokens))
                                            .arg(record.value(QStringLiteral("decode_seconds")).toDouble(), 0, 'f', 2));
            return;
        }
        if (record.contains(QStringLiteral("text"))) {
            const QString piece = record.value(QStringLiteral("text")).toString();
            side->text += piece;
            QTextCursor c = side->edit->textCursor();
            c.movePosition(QTextCursor::End);
            c.insertText(piece);
            side->edit->setTextCursor(c);
        }
    });
    connect(m_worker, &WorkerRun::textReceived, this, [this](const QString &line) {
        if (Side *side = current())
            side->edit->appendPlainText(line);
    });
    connect(m_worker, &WorkerRun::finished, this, &TryResult::sideFinished);
    retranslate();
}

TryResult::~TryResult()
{
    delete m_base;
    delete m_trained;
}

void TryResult::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TryResult::showEvent(QShowEvent *event)
{
    refreshResults();  // checkpoints written while the tab was hidden
    QWidget::showEvent(event);
}

void TryResult::retranslate()
{
    m_promptLabel->setText(tr("Prompt:"));
    m_resultLabel->setText(tr("Result:"));
    m_result->setToolTip(tr("Which weights of the run to generate with: its latest result, final/, best/ (lowest "
                            "eval loss) or a checkpoint"));
    m_maxTokensLabel->setText(tr("Max new tokens:"));
    m_maxNewTokens->setToolTip(tr("Generation stops after this many tokens (or at the end-of-sequence token)"));
    m_compare->setText(tr("Beside the base model"));
    m_compare->setToolTip(tr("Also generate with the base model alone, from the same wrapped prompt, for comparison"));
    m_prompt->setPlaceholderText(tr("An instruction; it is wrapped in the prompt format the run was trained with"));
    m_baseTitle->setText(tr("Base model"));
    refreshResults();
}

void TryResult::setWorkerProgram(const QString &program) { m_worker->setProgram(program); }

void TryResult::setRun(const QString &id, const QString &dir, const QJsonObject &config)
{
    const bool same = id == m_runId;
    m_runId = id;
    m_runDir = dir;
    m_runConfig = config;
    if (!same)
        m_result->clear();
    refreshResults();
}

void TryResult::setFallbackModel(const QString &modelDir, const QString &demoModelDir)
{
    m_fallbackModel = modelDir;
    m_demoModelDir = demoModelDir;
    updateState();
}

void TryResult::refreshResults()
{
    const QString kept = m_result->currentData().toString();
    QList<QPair<QString, QString>> items;   // text, folder for --adapter
    if (!m_runId.isEmpty()) {
        const QDir run(m_runDir);
        items << qMakePair(tr("latest (final, else the newest checkpoint)"), m_runDir);
        if (QFileInfo::exists(run.filePath(QStringLiteral("final/train_config.json"))))
            items << qMakePair(tr("final"), run.filePath(QStringLiteral("final")));
        if (QFileInfo::exists(run.filePath(QStringLiteral("best/train_config.json")))) {
            QFile f(run.filePath(QStringLiteral("best/best.json")));
            const QJsonObject best = f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
            items << qMakePair(best.isEmpty() ? tr("best")
                                              : tr("best (step %1, eval loss %2)")
                                                    .arg(best.value(QStringLiteral("step")).toInteger())
                                                    .arg(best.value(QStringLiteral("eval_loss")).toDouble(), 0, 'f', 4),
                               run.filePath(QStringLiteral("best")));
        }
        QStringList steps = QDir(run.filePath(QStringLiteral("checkpoints")))
                                .entryList({QStringLiteral("step-*")}, QDir::Dirs, QDir::Name | QDir::Reversed);
        for (const QString &s : std::as_const(steps))
            items << qMakePair(tr("checkpoint, step %1").arg(s.mid(5).toLongLong()),
                               run.filePath(QStringLiteral("checkpoints/") + s));
    }
    bool same = m_result->count() == items.size();
    for (int i = 0; same && i < items.size(); ++i)
        same = m_result->itemText(i) == items[i].first && m_result->itemData(i).toString() == items[i].second;
    if (!same) {
        const QSignalBlocker block(m_result);
        m_result->clear();
        for (const auto &item : std::as_const(items))
            m_result->addItem(item.first, item.second);
        const int keep = m_result->findData(kept);
        m_result->setCurrentIndex(keep >= 0 ? keep : 0);
    }
    updateState();
}

bool TryResult::isGenerating() const { return m_worker->isRunning(); }

void TryResult::stop()
{
    m_stopRequested = true;
    m_worker->stop();
}

QStringList TryResult::baseArguments() const
{
    QString base = m_fallbackModel;
    if (!m_runId.isEmpty() && !m_runConfig.value(QStringLiteral("base_model")).toString().isEmpty())
        base = QDir(m_runDir).absoluteFilePath(m_runConfig.value(QStringLiteral("base_model")).toString());
    QStringList args{QStringLiteral("generate"), QStringLiteral("--model"), base};
    if (!m_runId.isEmpty())  // the base model sees the same wrapped prompt as the trained one, for a fair comparison
        args << QStringLiteral("--prompt-format")
             << m_runConfig.value(QStringLiteral("prompt_format")).toString(QStringLiteral("alpaca"));
    args << QStringLiteral("--prompt") << m_prompt->toPlainText() << QStringLiteral("--max-new-tokens")
         << QString::number(m_maxNewTokens->value()) << QStringLiteral("--json");
    return args;
}

QStringList TryResult::generateArguments() const
{
    if (m_runId.isEmpty())
        return baseArguments();
    QStringList args = baseArguments();
    const int format = int(args.indexOf(QStringLiteral("--prompt-format")));
    args.remove(format, 2);  // with --adapter the prompt is wrapped in the run's format by the worker
    const QString result = m_result->currentData().toString();
    args.insert(3, QStringLiteral("--adapter"));
    args.insert(4, result.isEmpty() ? m_runDir : result);
    return args;
}

TryResult::Side *TryResult::current() const { return m_queue.isEmpty() ? nullptr : m_queue.first(); }

bool TryResult::generate()
{
    if (isGenerating())
        return false;
    if (m_prompt->toPlainText().trimmed().isEmpty()) {
        Q_EMIT message(tr("Type a prompt first."));
        return false;
    }
    refreshResults();
    m_queue.clear();
    for (Side *s : {m_base, m_trained}) {
        s->edit->clear();
        s->text.clear();
        s->tokens = 0;
    }
    // Both sides' arguments are fixed now: changing the run, the result or the prompt while the first
    // side generates does not change what the second one is compared with.
    m_base->args = baseArguments();
    m_trained->args = generateArguments();
    if (!m_runId.isEmpty() && m_compare->isChecked())
        m_queue << m_base;
    m_queue << m_trained;
    m_allOk = true;
    m_stopRequested = false;
    startNext();
    return isGenerating() || !m_queue.isEmpty();
}

void TryResult::startNext()
{
    if (m_queue.isEmpty()) {
        updateState();
        Q_EMIT generateEnded(m_allOk);
        return;
    }
    const QStringList args = current()->args;
    WorkerRun::Options options;  // without a run, the form's model may be the demo model, written on first use
    if (m_runId.isEmpty() || !current()->trained) {
        options.modelDir = args.value(args.indexOf(QStringLiteral("--model")) + 1);
        options.demoModelDir = m_demoModelDir;
    }
    m_worker->start([args](const QString &) { return args; }, options);
}

void TryResult::sideFinished(bool ok, const QString &error)
{
    Side *side = current();
    if (!side)
        return;
    if (!ok) {
        side->edit->appendPlainText(tr("Generation failed: %1").arg(error));
        m_allOk = false;
    } else if (side->tokens > 0 && side->text.trimmed().isEmpty()) {
        // An empty-looking pane would read as "nothing happened".
        side->edit->appendPlainText(
            tr("The model produced only whitespace (%n token(s) of spaces or line breaks).", nullptr, int(side->tokens)));
    }
    m_queue.removeFirst();
    if (m_stopRequested)
        m_queue.clear();
    startNext();
}

void TryResult::updateState()
{
    const bool generating = isGenerating() || !m_queue.isEmpty();
    m_generate->setText(generating ? tr("Stop") : tr("Generate"));
    m_generate->setEnabled(generating || !m_runId.isEmpty() || !m_fallbackModel.isEmpty());
    const bool run = !m_runId.isEmpty();
    m_resultLabel->setVisible(run);
    m_result->setVisible(run);
    m_compare->setVisible(run);
    m_basePane->setVisible(run && m_compare->isChecked());
    if (!run) {
        m_trainedTitle->setText(tr("Model of the form"));
        m_note->setText(tr("Generates with the model of the form."));
        return;
    }
    m_trainedTitle->setText(tr("Trained: %1").arg(m_result->currentText()));
    m_note->setText(m_compare->isChecked()
                        ? tr("The prompt goes through the base model of %1 and through its trained result, one after "
                             "the other.").arg(m_runId)
                        : tr("Generates with the base model of %1 and its trained result.").arg(m_runId));
}
