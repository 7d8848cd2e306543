#include "prompt/promptpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QUndoStack>
#include <QVBoxLayout>

#include "common/panelutil.h"
#include "prompt/confusionheatmap.h"
#include "common/modelfolderrow.h"
#include "prompt/template.h"
#include "prompt/verbalizer.h"
#include "qcustomplot.h"
#include "common/saveditems.h"
#include "common/snapshotcommand.h"
#include "workspace/demo.h"
#include "workspace/promptstore.h"
#include "workspace/qtstrings.h"
#include "common/workerrun.h"
#include "workspace/workspace.h"

namespace {

const QStringList kRecordFields = {QStringLiteral("instruction"), QStringLiteral("input"), QStringLiteral("output")};

QJsonObject defaultAnswers()
{
    auto label = [](const char *name, std::initializer_list<const char *> answers) {
        QJsonArray a;
        for (const char *s : answers)
            a.push_back(QString::fromUtf8(s));
        return QJsonObject{{QStringLiteral("name"), QString::fromUtf8(name)}, {QStringLiteral("answers"), a}};
    };
    return {{QStringLiteral("labels"),
             QJsonArray{label("正面", {"太好了", "好"}), label("中立", {"一般"}), label("负面", {"不好", "糟糕"})}}};
}

QJsonObject defaultOptions()
{
    return {{QStringLiteral("calibrate"), false},
            {QStringLiteral("normalize"), QStringLiteral("sum")},
            {QStringLiteral("aggregate"), QStringLiteral("max")},
            {QStringLiteral("accepted_only"), false},
            {QStringLiteral("limit"), 200}};
}

std::string u8(const QString &s) { return sft::ss(s); }
QString q8(const std::string &s) { return sft::qs(s); }

QString html(const std::string &s)
{
    return q8(s).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

} // namespace

namespace {

/** A prompt template as saved, from the panel state {"text", "answers", "options"}, and back. */
sft::PromptTemplateEntry entryOf(const QString &name, const QJsonObject &state)
{
    sft::PromptTemplateEntry e;
    e.name = name;
    e.text = state.value(QStringLiteral("text")).toString();
    e.answers = state.value(QStringLiteral("answers")).toObject();
    e.options = state.value(QStringLiteral("options")).toObject();
    return e;
}

QJsonObject stateOf(const sft::PromptTemplateEntry &e)
{
    return {{QStringLiteral("text"), e.text}, {QStringLiteral("answers"), e.answers}, {QStringLiteral("options"), e.options}};
}

} // namespace

PromptPanel::PromptPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("promptPanel"));
    m_worker = new WorkerRun(this);
    connect(m_worker, &WorkerRun::runningChanged, this, &PromptPanel::setRunning);
    connect(m_worker, &WorkerRun::recordReceived, this, [this](const QJsonObject &record) {
        if (!m_parser.add(record))
            Q_EMIT message(m_parser.error());
    });
    connect(m_worker, &WorkerRun::finished, this, &PromptPanel::finishRun);
    m_templateText = QStringLiteral("[X] 我感到[Z]。");
    m_answers = defaultAnswers();
    m_options = defaultOptions();

    auto *editor = new QWidget(this);
    buildEditor(editor);
    auto *results = new QWidget(this);
    buildResults(results);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(editor);
    split->addWidget(results);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    m_applying = true;
    m_template->setPlainText(m_templateText);
    m_applying = false;
    applySettings(settingsState());
    retranslate();
    setRunning(false);
}

PromptPanel::~PromptPanel() = default;

void PromptPanel::setJobRunner(JobRunner runner) { m_worker->setJobRunner(std::move(runner)); }
void PromptPanel::setWorkerProgram(const QString &program) { m_worker->setProgram(program); }

void PromptPanel::buildEditor(QWidget *box)
{
    m_savedBar = new SavedItemBar(box);

    m_templateTitle = titleLabel(box);
    m_template = new QPlainTextEdit(box);
    m_template->setObjectName(QStringLiteral("templateEdit"));
    m_template->setUndoRedoEnabled(false);  // edits go to the window's undo stack
    m_template->setMaximumHeight(64);
    m_templateStatus = new QLabel(box);
    m_templateStatus->setObjectName(QStringLiteral("templateStatusLabel"));
    m_templateStatus->setWordWrap(true);

    m_verbalizerTitle = titleLabel(box);
    m_verbalizer = new QTableWidget(0, 2, box);
    m_verbalizer->setObjectName(QStringLiteral("verbalizerTable"));
    m_verbalizer->verticalHeader()->hide();
    m_verbalizer->horizontalHeader()->setStretchLastSection(true);
    m_verbalizer->setColumnWidth(0, 140);
    m_verbalizerStatus = new QLabel(box);
    m_verbalizerStatus->setObjectName(QStringLiteral("verbalizerStatusLabel"));
    m_verbalizerStatus->setWordWrap(true);
    m_addLabel = new QPushButton(box);
    m_removeLabel = new QPushButton(box);
    auto *labelRow = new QHBoxLayout;
    labelRow->addWidget(m_verbalizerStatus, 1);
    labelRow->addWidget(m_addLabel);
    labelRow->addWidget(m_removeLabel);

    m_calibrate = new QCheckBox(box);
    m_calibrate->setObjectName(QStringLiteral("calibrateCheck"));
    m_normalizeLabel = new QLabel(box);
    m_normalize = new QComboBox(box);
    m_normalize->setObjectName(QStringLiteral("normalizeCombo"));
    m_normalize->addItem(QString(), QStringLiteral("sum"));
    m_normalize->addItem(QString(), QStringLiteral("mean"));
    m_aggregateLabel = new QLabel(box);
    m_aggregate = new QComboBox(box);
    m_aggregate->setObjectName(QStringLiteral("aggregateCombo"));
    for (const char *a : {"max", "sumprob", "mean"})
        m_aggregate->addItem(QString(), QLatin1String(a));
    m_scopeLabel = new QLabel(box);
    m_scope = new QComboBox(box);
    m_scope->setObjectName(QStringLiteral("scopeCombo"));
    m_scope->addItem(QString(), false);
    m_scope->addItem(QString(), true);
    m_limitLabel = new QLabel(box);
    m_limit = new QSpinBox(box);
    m_limit->setObjectName(QStringLiteral("limitSpin"));
    m_limit->setRange(1, 1000000);
    m_modelRow = new ModelFolderRow(box);
    m_run = new QPushButton(box);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_modelRow->addTrailingWidget(m_run);

    auto *form = new QGridLayout;
    form->addWidget(m_calibrate, 0, 0, 1, 2);
    form->addWidget(m_normalizeLabel, 0, 2);
    form->addWidget(m_normalize, 0, 3);
    form->addWidget(m_aggregateLabel, 1, 0);
    form->addWidget(m_aggregate, 1, 1);
    form->addWidget(m_scopeLabel, 1, 2);
    form->addWidget(m_scope, 1, 3);
    form->addWidget(m_limitLabel, 2, 0);
    form->addWidget(m_limit, 2, 1);
    form->setColumnStretch(1, 1);
    form->setColumnStretch(3, 1);

    m_previewTitle = titleLabel(box);
    m_previewRecordLabel = new QLabel(box);
    m_previewRecord = new QSpinBox(box);
    m_previewRecord->setObjectName(QStringLiteral("previewRecordSpin"));
    m_previewRecord->setRange(1, 1);
    auto *previewRow = new QHBoxLayout;
    previewRow->addWidget(m_previewTitle, 1);
    previewRow->addWidget(m_previewRecordLabel);
    previewRow->addWidget(m_previewRecord);
    m_preview = new QTextBrowser(box);
    m_preview->setObjectName(QStringLiteral("previewBrowser"));

    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_savedBar);
    layout->addWidget(m_templateTitle);
    layout->addWidget(m_template);
    layout->addWidget(m_templateStatus);
    layout->addLayout(previewRow);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_verbalizerTitle);
    layout->addWidget(m_verbalizer, 1);
    layout->addLayout(labelRow);
    layout->addLayout(form);
    layout->addWidget(m_modelRow);
    layout->addWidget(m_modelRow->note());

    connect(m_template, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_applying)
            editTemplate(m_template->toPlainText());
    });
    connect(m_verbalizer, &QTableWidget::itemChanged, this, [this] {
        if (!m_applying)
            readVerbalizerTable();
    });
    connect(m_addLabel, &QPushButton::clicked, this, [this] {
        QJsonObject a = m_answers;
        QJsonArray labels = a.value(QStringLiteral("labels")).toArray();
        labels.push_back(QJsonObject{{QStringLiteral("name"), tr("label %1").arg(labels.size() + 1)},
                                     {QStringLiteral("answers"), QJsonArray()}});
        a[QStringLiteral("labels")] = labels;
        editAnswers(a);
    });
    connect(m_removeLabel, &QPushButton::clicked, this, [this] {
        const int row = m_verbalizer->currentRow();
        QJsonObject a = m_answers;
        QJsonArray labels = a.value(QStringLiteral("labels")).toArray();
        if (row < 0 || row >= labels.size())
            return;
        labels.removeAt(row);
        a[QStringLiteral("labels")] = labels;
        editAnswers(a);
    });
    for (QComboBox *c : {m_normalize, m_aggregate, m_scope})
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_applying)
                readOptionWidgets();
        });
    connect(m_calibrate, &QCheckBox::toggled, this, [this] {
        if (!m_applying)
            readOptionWidgets();
    });
    connect(m_limit, &QSpinBox::editingFinished, this, [this] {
        if (!m_applying)
            readOptionWidgets();
    });
    connect(m_previewRecord, &QSpinBox::valueChanged, this, &PromptPanel::updatePreview);
    connect(m_run, &QPushButton::clicked, this, [this] {
        if (isRunning())
            stop();
        else
            run();
    });
    // Saved prompt templates: the state is {"text", "answers", "options"}.
    SavedItems::Kind kind;
    kind.names = [](QSqlDatabase db) {
        QStringList names;
        for (const auto &e : sft::promptstore::templates(db))
            names << e.name;
        return names;
    };
    kind.load = [](QSqlDatabase db, const QString &name) -> std::optional<QJsonObject> {
        for (const auto &e : sft::promptstore::templates(db))
            if (e.name == name)
                return stateOf(e);
        return std::nullopt;
    };
    kind.save = [](QSqlDatabase db, const QString &name, const QJsonObject &state) {
        sft::promptstore::saveTemplate(db, entryOf(name, state));
    };
    kind.remove = [](QSqlDatabase db, const QString &name) { sft::promptstore::removeTemplate(db, name); };
    kind.toFile = [](const QString &name, const QJsonObject &state) { return sft::promptstore::toJson(entryOf(name, state)); };
    kind.fromFile = [](const QJsonObject &file) {
        const sft::PromptTemplateEntry e = sft::promptstore::templateFromJson(file);
        return std::make_pair(e.name, stateOf(e));
    };
    m_saved = new SavedItems(
        m_savedBar, kind,
        [this] {
            return QJsonObject{{QStringLiteral("text"), m_templateText}, {QStringLiteral("answers"), m_answers},
                               {QStringLiteral("options"), m_options}};
        },
        [this](const QJsonObject &state, const UndoText &step) { applySaved(state, step); }, this);
    connect(m_saved, &SavedItems::message, this, &PromptPanel::message);
}

void PromptPanel::buildResults(QWidget *box)
{
    m_resultsTitle = titleLabel(box);
    m_summary = new QLabel(box);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    m_resultTabs = new QTabWidget(box);
    m_heatmap = new ConfusionHeatmap(box);
    m_resultTabs->addTab(m_heatmap, QString());

    m_examples = new QTableWidget(0, 4, box);
    m_examples->setObjectName(QStringLiteral("examplesTable"));
    m_examples->verticalHeader()->hide();
    m_examples->horizontalHeader()->setStretchLastSection(true);
    m_examples->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_examples->setSelectionMode(QAbstractItemView::SingleSelection);
    m_examples->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_examples->setWordWrap(false);
    m_examples->setColumnWidth(0, 40);
    m_examples->setColumnWidth(1, 90);
    m_examples->setColumnWidth(2, 90);
    m_scorePlot = new QCustomPlot(box);
    m_scorePlot->setObjectName(QStringLiteral("scorePlot"));
    m_scorePlot->setMinimumHeight(150);
    m_scoreBars = new QCPBars(m_scorePlot->xAxis, m_scorePlot->yAxis);
    m_scoreBars->setPen(QPen(QColor(40, 90, 160)));
    m_scoreBars->setBrush(QColor(90, 140, 210, 180));
    m_scorePlot->yAxis->setRange(0, 1);
    // Every candidate answer of the selected example with its score: which answer decided each label.
    m_answerScores = new QTableWidget(0, 5, box);
    m_answerScores->setObjectName(QStringLiteral("answersTable"));
    m_answerScores->verticalHeader()->hide();
    m_answerScores->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_answerScores->setSelectionMode(QAbstractItemView::NoSelection);
    m_answerScores->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    auto *examples = new QSplitter(Qt::Vertical, box);
    examples->addWidget(m_examples);
    examples->addWidget(m_scorePlot);
    examples->addWidget(m_answerScores);
    m_resultTabs->addTab(examples, QString());

    auto *compareBox = new QWidget(box);
    m_compare = new QTableWidget(0, 7, compareBox);
    m_compare->setObjectName(QStringLiteral("compareTable"));
    m_compare->verticalHeader()->hide();
    m_compare->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_compare->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_compare->setSortingEnabled(true);
    m_clearCompare = new QPushButton(compareBox);
    auto *compareLayout = new QVBoxLayout(compareBox);
    compareLayout->setContentsMargins(0, 0, 0, 0);
    compareLayout->addWidget(m_compare, 1);
    compareLayout->addWidget(m_clearCompare, 0, Qt::AlignRight);
    m_resultTabs->addTab(compareBox, QString());

    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_resultsTitle);
    layout->addWidget(m_summary);
    layout->addWidget(m_resultTabs, 1);

    connect(m_examples, &QTableWidget::currentCellChanged, this, [this](int row) { showExample(row); });
    connect(m_clearCompare, &QPushButton::clicked, this, [this] { m_compare->setRowCount(0); });
}

void PromptPanel::retranslate()
{
    m_savedBar->retranslate(tr("template name"), tr("Export prompt template"), tr("Import prompt template"));
    m_saved->setTexts({tr("template %1"), tr("Saved prompt template \"%1\"."), tr("Exported the prompt template to %1."),
                       tr("Load prompt template \"%1\""), tr("Import prompt template \"%1\""),
                       tr("Cannot import %1: %2")});
    m_templateTitle->setText(tr("Template ([X] input, [Z] answer, [instruction] / [input] / [output] record fields)"));
    m_verbalizerTitle->setText(tr("Answer space and verbalizer"));
    m_verbalizer->setHorizontalHeaderLabels({tr("Label"), tr("Answers (separate with /)")});
    m_addLabel->setText(tr("Add label"));
    m_removeLabel->setText(tr("Remove label"));
    m_calibrate->setText(tr("Contextual calibration"));
    m_normalizeLabel->setText(tr("Answer score:"));
    m_normalize->setItemText(0, tr("sum of token log-probs"));
    m_normalize->setItemText(1, tr("mean per token"));
    m_aggregateLabel->setText(tr("Label score:"));
    m_aggregate->setItemText(0, tr("best answer (max)"));
    m_aggregate->setItemText(1, tr("sum of probabilities"));
    m_aggregate->setItemText(2, tr("mean of answers"));
    m_scopeLabel->setText(tr("Records:"));
    m_scope->setItemText(0, tr("all"));
    m_scope->setItemText(1, tr("accepted only"));
    m_limitLabel->setText(tr("At most:"));
    m_modelRow->retranslate(tr("a Hugging Face model folder (config.json, *.safetensors, tokenizer.json)"),
                            tr("This is the demo model: tiny and only briefly pre-trained, so its scores are "
                               "meaningless, but every step runs. It is created on the first run. Choose a real "
                               "Hugging Face model folder for real results."));
    m_previewTitle->setText(tr("Preview f_fill(x, z), z = the first answer"));
    m_previewRecordLabel->setText(tr("Record:"));
    m_resultsTitle->setText(tr("Results"));
    m_resultTabs->setTabText(0, tr("Confusion matrix"));
    m_resultTabs->setTabText(1, tr("Examples"));
    m_resultTabs->setTabText(2, tr("Compare templates"));
    m_examples->setHorizontalHeaderLabels({tr("Record"), tr("Gold"), tr("Predicted"), tr("Text")});
    m_answerScores->setHorizontalHeaderLabels({tr("Label"), tr("Answer"), tr("Score"), tr("Log-prob"), tr("Tokens")});
    m_compare->setHorizontalHeaderLabels({tr("Template"), tr("Calibration"), tr("Answer score"), tr("Label score"),
                                          tr("Gold / scored"), tr("Accuracy"), tr("Macro-F1")});
    // What every number or choice does, where the user looks for it.
    m_savedBar->combo()->setToolTip(tr("Saved prompt templates of this workspace: choose one to load it (template, "
                                       "verbalizer and options)."));
    m_calibrate->setToolTip(tr("Contextual calibration: divide each label's probability by the probability the "
                               "model gives it for content-free inputs (N/A, \"\", [MASK]), then renormalize. "
                               "Corrects a template's bias towards one label."));
    m_normalize->setToolTip(tr("How an answer's score is made from its tokens' log-probabilities: their sum, or "
                               "their mean per token (so longer answers are not penalized)."));
    m_aggregate->setToolTip(tr("How a label's score is made from its answers' scores: the best answer, the sum of "
                               "the answers' probabilities, or the mean of their scores."));
    m_scope->setToolTip(tr("Which records of the dataset are scored: all of them, or only the accepted ones. A "
                           "record's output is its gold label when it is one of the labels or answers; the others "
                           "are scored but left out of accuracy and macro-F1."));
    m_limit->setToolTip(tr("Score at most this many records (the first ones of the dataset)."));
    m_previewRecord->setToolTip(tr("Which record of the dataset the preview fills into the template."));
    m_clearCompare->setText(tr("Clear"));
    m_scorePlot->yAxis->setLabel(tr("Probability"));
    m_scorePlot->replot(QCustomPlot::rpQueuedReplot);
    setRunning(isRunning());
    validate();
    if (m_result.hasSummary || !m_result.examples.isEmpty())
        updateResultView();
    else
        m_summary->setText(tr("Run scores the records; a record's output is its gold label when it is one of the "
                              "labels or answers."));
}

void PromptPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PromptPanel::setContext(sft::Workspace *workspace, QUndoStack *undoStack)
{
    stop();
    m_workspace = workspace;
    m_undo = undoStack;
    m_datasetId = 0;
    m_saved->setWorkspace(workspace);
    updatePreview();
}

void PromptPanel::setDataset(qint64 datasetId)
{
    m_datasetId = datasetId;
    updatePreview();
}

void PromptPanel::setDemoModelDir(const QString &dir) { m_modelRow->setDemoModelDir(dir); }
QLabel *PromptPanel::modelNoteLabel() const { return m_modelRow->note(); }
void PromptPanel::setModelDir(const QString &dir) { m_modelRow->setModelDir(dir); }
QString PromptPanel::modelDir() const { return m_modelRow->modelDir(); }

// ---- edits (undoable) ----

void PromptPanel::editTemplate(const QString &text)
{
    if (text == m_templateText)
        return;
    // A typing burst in the template is one undo step.
    pushOrApply(m_undo, new SnapshotCommand<QString>(UndoMergeTemplate, [this](const QString &t) { applyTemplate(t); },
                                                     m_templateText, text, [this] { return tr("Edit prompt template"); },
                                                     QStringLiteral("template")));
}

void PromptPanel::applyTemplate(const QString &text)
{
    m_templateText = text;
    if (m_template->toPlainText() != text) {
        m_applying = true;
        const int pos = m_template->textCursor().position();
        m_template->setPlainText(text);
        QTextCursor c = m_template->textCursor();
        c.setPosition(std::min<int>(pos, int(text.size())));
        m_template->setTextCursor(c);
        m_applying = false;
    }
    validate();
}

void PromptPanel::editAnswers(const QJsonObject &answers)
{
    QJsonObject s = settingsState();
    s[QStringLiteral("answers")] = answers;
    pushSettings(s, [this] { return tr("Edit verbalizer"); });
}

void PromptPanel::editOptions(const QJsonObject &options)
{
    QJsonObject s = settingsState();
    s[QStringLiteral("options")] = options;
    pushSettings(s, [this] { return tr("Change scoring options"); });
}

void PromptPanel::pushSettings(const QJsonObject &newState, const UndoText &text)
{
    if (newState == settingsState())
        return;
    pushOrApply(m_undo, new SnapshotCommand<QJsonObject>(UndoMergePromptSettings,
                                                         [this](const QJsonObject &s) { applySettings(s); },
                                                         settingsState(), newState, text));
}

void PromptPanel::applySettings(const QJsonObject &state)
{
    m_answers = state.value(QStringLiteral("answers")).toObject();
    m_options = state.value(QStringLiteral("options")).toObject();
    m_applying = true;
    const QJsonArray labels = m_answers.value(QStringLiteral("labels")).toArray();
    const int current = m_verbalizer->currentRow();
    m_verbalizer->setRowCount(int(labels.size()));
    for (int i = 0; i < labels.size(); ++i) {
        const QJsonObject l = labels.at(i).toObject();
        QStringList answers;
        for (const QJsonValue &v : l.value(QStringLiteral("answers")).toArray())
            answers << v.toString();
        m_verbalizer->setItem(i, 0, new QTableWidgetItem(l.value(QStringLiteral("name")).toString()));
        m_verbalizer->setItem(i, 1, new QTableWidgetItem(answers.join(QStringLiteral(" / "))));
    }
    if (current >= 0 && current < m_verbalizer->rowCount())
        m_verbalizer->setCurrentCell(current, 0);
    m_calibrate->setChecked(m_options.value(QStringLiteral("calibrate")).toBool());
    m_normalize->setCurrentIndex(std::max(0, m_normalize->findData(m_options.value(QStringLiteral("normalize")).toString())));
    m_aggregate->setCurrentIndex(std::max(0, m_aggregate->findData(m_options.value(QStringLiteral("aggregate")).toString())));
    m_scope->setCurrentIndex(m_options.value(QStringLiteral("accepted_only")).toBool() ? 1 : 0);
    m_limit->setValue(m_options.value(QStringLiteral("limit")).toInt(200));
    m_applying = false;
    validate();
    updatePreview();
}

void PromptPanel::readVerbalizerTable()
{
    QJsonArray labels;
    for (int r = 0; r < m_verbalizer->rowCount(); ++r) {
        QJsonArray answers;
        const QString cell = m_verbalizer->item(r, 1) ? m_verbalizer->item(r, 1)->text() : QString();
        for (const QString &a : cell.split(QLatin1Char('/'), Qt::SkipEmptyParts))
            if (!a.trimmed().isEmpty())
                answers.push_back(a.trimmed());
        labels.push_back(QJsonObject{
            {QStringLiteral("name"), m_verbalizer->item(r, 0) ? m_verbalizer->item(r, 0)->text().trimmed() : QString()},
            {QStringLiteral("answers"), answers}});
    }
    QJsonObject a = m_answers;
    a[QStringLiteral("labels")] = labels;
    editAnswers(a);
}

void PromptPanel::readOptionWidgets()
{
    QJsonObject o = m_options;
    o[QStringLiteral("calibrate")] = m_calibrate->isChecked();
    o[QStringLiteral("normalize")] = m_normalize->currentData().toString();
    o[QStringLiteral("aggregate")] = m_aggregate->currentData().toString();
    o[QStringLiteral("accepted_only")] = m_scope->currentData().toBool();
    o[QStringLiteral("limit")] = m_limit->value();
    editOptions(o);
}

// ---- checks and preview ----

void PromptPanel::validate()
{
    m_templateError.clear();
    m_templateWarning.clear();
    try {
        const auto t = sft::prompt::Template::parse(u8(m_templateText));
        // A name after "[" without its "]" is almost always a typo of a slot.
        static const QRegularExpression open(QStringLiteral("(?<!\\[)\\[([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_\\]])"));
        const QRegularExpressionMatch m = open.match(m_templateText);
        if (m.hasMatch())
            m_templateError = tr("Column %1: \"[%2\" is not closed; write [%2] for a slot, or [[ for a literal bracket.")
                                  .arg(m.capturedStart() + 1)
                                  .arg(m.captured(1));
        else if (!t.hasAnswerSlot())
            m_templateError = tr("The template needs the answer slot [Z].");
        if (m_templateError.isEmpty())
            for (const std::string &slot : t.fieldSlots())
                if (!kRecordFields.contains(q8(slot))) {
                    m_templateError = tr("Unknown slot [%1]: records have the fields [instruction], [input] and "
                                         "[output].").arg(q8(slot));
                    break;
                }
        if (m_templateError.isEmpty() && !t.hasInputSlot())
            m_templateWarning = tr("No input slot [X]: every record gets the same prompt.");
    } catch (const std::exception &e) {
        m_templateError = tr("Syntax error: %1").arg(QString::fromUtf8(e.what()));
    }
    if (!m_templateError.isEmpty()) {
        m_templateStatus->setText(m_templateError);
        m_templateStatus->setStyleSheet(QStringLiteral("color: #b00020;"));
    } else if (!m_templateWarning.isEmpty()) {
        m_templateStatus->setText(m_templateWarning);
        m_templateStatus->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    } else {
        m_templateStatus->setText(tr("Template OK."));
        m_templateStatus->setStyleSheet(QStringLiteral("color: #1b7a1b;"));
    }

    m_verbalizerError.clear();
    try {
        std::vector<sft::prompt::Verbalizer::Label> labels;
        for (const QJsonValue &v : m_answers.value(QStringLiteral("labels")).toArray()) {
            sft::prompt::Verbalizer::Label l;
            l.name = u8(v.toObject().value(QStringLiteral("name")).toString());
            for (const QJsonValue &a : v.toObject().value(QStringLiteral("answers")).toArray())
                l.answers.push_back(u8(a.toString()));
            labels.push_back(l);
        }
        if (labels.size() < 2)
            m_verbalizerError = tr("Add at least two labels.");
        else
            sft::prompt::Verbalizer verbalizer(std::move(labels));
    } catch (const std::exception &e) {
        m_verbalizerError = QString::fromUtf8(e.what());
    }
    m_verbalizerStatus->setText(m_verbalizerError.isEmpty() ? tr("%n label(s).", nullptr,
                                                                 int(m_answers.value(QStringLiteral("labels")).toArray().size()))
                                                            : m_verbalizerError);
    m_verbalizerStatus->setStyleSheet(m_verbalizerError.isEmpty() ? QString() : QStringLiteral("color: #b00020;"));
    updatePreview();
}

void PromptPanel::updatePreview()
{
    if (!m_preview)
        return;
    const bool acceptedOnly = m_options.value(QStringLiteral("accepted_only")).toBool();
    QList<sft::RecordData> records;
    if (m_workspace && m_datasetId) {
        try {
            const int count = sft::promptstore::recordCount(m_workspace->db(), m_datasetId, acceptedOnly);
            m_previewRecord->blockSignals(true);
            m_previewRecord->setRange(1, std::max(1, count));
            m_previewRecord->blockSignals(false);
            records = sft::promptstore::records(m_workspace->db(), m_datasetId, acceptedOnly, 1,
                                                m_previewRecord->value() - 1);
        } catch (const std::exception &e) {
            m_preview->setPlainText(QString::fromUtf8(e.what()));
            return;
        }
    }
    if (!m_templateError.isEmpty()) {
        m_preview->setHtml(QStringLiteral("<p style='color:#b00020'>%1</p>").arg(m_templateError.toHtmlEscaped()));
        return;
    }
    if (records.isEmpty()) {
        m_preview->setHtml(QStringLiteral("<p style='color:#666'>%1</p>").arg(tr("No record to preview: choose a dataset.")));
        return;
    }
    const sft::RecordData &r = records.first();
    const QJsonArray labels = m_answers.value(QStringLiteral("labels")).toArray();
    QString z;
    if (!labels.isEmpty())
        z = labels.first().toObject().value(QStringLiteral("answers")).toArray().first().toString();
    try {
        const auto t = sft::prompt::Template::parse(u8(m_templateText));
        const auto filled = t.fill(u8(sft::promptstore::recordText(r)), u8(z),
                                   {{"instruction", u8(r.instruction)}, {"input", u8(r.input)}, {"output", u8(r.output)}});
        m_preview->setHtml(QStringLiteral("<div style='white-space:pre-wrap'>%1<span style='background:#ffe08a; "
                                          "font-weight:bold'>%2</span>%3</div><p style='color:#666'>%4</p>")
                               .arg(html(filled.prefix), html(filled.answer), html(filled.suffix),
                                    tr("Record %1; gold label: %2").arg(r.id).arg(r.output.left(60).toHtmlEscaped())));
    } catch (const std::exception &e) {
        m_preview->setHtml(QStringLiteral("<p style='color:#b00020'>%1</p>").arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
    }
}

QString PromptPanel::previewText() const { return m_preview->toPlainText(); }
QString PromptPanel::previewHtml() const { return m_preview->toHtml(); }

// ---- workspace and files ----

bool PromptPanel::save() { return m_saved->save(); }
bool PromptPanel::load(const QString &name) { return m_saved->load(name); }
bool PromptPanel::exportTo(const QString &path) { return m_saved->exportTo(path); }
bool PromptPanel::importFrom(const QString &path) { return m_saved->importFrom(path); }

void PromptPanel::applySaved(const QJsonObject &state, const UndoText &step)
{
    // The template and its verbalizer / options come back as one undo step.
    const QJsonObject options = state.value(QStringLiteral("options")).toObject();
    const QJsonObject loaded{{QStringLiteral("text"), state.value(QStringLiteral("text")).toString()},
                             {QStringLiteral("answers"), state.value(QStringLiteral("answers")).toObject()},
                             {QStringLiteral("options"), options.isEmpty() ? defaultOptions() : options}};
    const QJsonObject now{{QStringLiteral("text"), m_templateText}, {QStringLiteral("answers"), m_answers},
                          {QStringLiteral("options"), m_options}};
    if (loaded == now)
        return;
    pushOrApply(m_undo, new SnapshotCommand<QJsonObject>(
                            UndoMergePromptSettings,
                            [this](const QJsonObject &s) {
                                applyTemplate(s.value(QStringLiteral("text")).toString());
                                applySettings({{QStringLiteral("answers"), s.value(QStringLiteral("answers"))},
                                               {QStringLiteral("options"), s.value(QStringLiteral("options"))}});
                            },
                            now, loaded, step));
}
