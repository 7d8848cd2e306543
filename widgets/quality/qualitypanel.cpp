#include "quality/qualitypanel.h"

#include <limits>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

#include "common/panelutil.h"
#include "common/job.h"
#include "quality/lcscompareview.h"
#include "quality/qualityruletable.h"
#include "quality/referencepoolcombo.h"
#include "quality/similarityhistogram.h"
#include "common/rejectiontext.h"
#include "common/setstatuscommand.h"
#include "common/snapshotcommand.h"
#include "workspace/qtstrings.h"

using sft::QualityField;
using sft::QualityScope;

namespace {

const int RuleIdRole = Qt::UserRole;
const int RejectionRole = Qt::UserRole + 1;

// Would the two give the same preview? The tokenizer kind counts only when chosen by hand.
bool sameSettings(const sft::QualityOptions &a, const sft::QualityOptions &b)
{
    if (a.workspacePath != b.workspacePath || a.datasetId != b.datasetId || a.scope != b.scope
        || a.field != b.field || a.autoTokenizer != b.autoTokenizer || a.tokenizer.stem != b.tokenizer.stem
        || (!a.autoTokenizer && a.tokenizer.kind != b.tokenizer.kind) || a.dedup != b.dedup
        || a.threshold.text() != b.threshold.text() || a.threshold.compare() != b.threshold.compare()
        || a.poolDatasetId != b.poolDatasetId || a.poolFile != b.poolFile || a.rules.size() != b.rules.size())
        return false;
    for (std::size_t i = 0; i < a.rules.size(); ++i)
        if (a.rules[i].id != b.rules[i].id || a.rules[i].enabled != b.rules[i].enabled
            || a.rules[i].params != b.rules[i].params)
            return false;
    return true;
}

// A rule's rejection shows the whole record: a conversation message by message with its turn
// numbers, as the reason names them.
QString recordText(const sft::RecordData &r)
{
    QStringList parts;
    if (!r.system.isEmpty())
        parts << QualityPanel::tr("System:") + QLatin1Char('\n') + r.system;
    if (r.turns.isEmpty()) {
        parts << r.instruction;
        if (!r.input.isEmpty())
            parts << r.input;
        parts << r.output;
        return parts.join(QStringLiteral("\n\n"));
    }
    int turn = 0;
    for (const sft::ChatTurn &t : r.turns) {
        if (t.role == QLatin1String("user"))
            parts << QualityPanel::tr("Turn %1, user:").arg(++turn) + QLatin1Char('\n') + t.content;
        else
            parts << QualityPanel::tr("Assistant:") + QLatin1Char('\n') + t.content;
    }
    return parts.join(QStringLiteral("\n\n"));
}

} // namespace

QualityPanel::QualityPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("qualityPanel"));

    // Options.
    m_scopeLabel = new QLabel(this);
    m_scope = new QComboBox(this);
    m_scope->setObjectName(QStringLiteral("scopeCombo"));
    for (QualityScope s : {QualityScope::PendingAndAccepted, QualityScope::Accepted, QualityScope::All})
        m_scope->addItem(QString(), int(s));
    m_fieldLabel = new QLabel(this);
    m_field = new QComboBox(this);
    m_field->setObjectName(QStringLiteral("fieldCombo"));
    for (QualityField f : {QualityField::Instruction, QualityField::InstructionInput, QualityField::Output,
                           QualityField::Conversation})
        m_field->addItem(QString(), int(f));
    m_field->setCurrentIndex(m_field->findData(int(sft::QualityOptions().field)));
    m_tokenizerLabel = new QLabel(this);
    m_tokenizer = new QComboBox(this);
    m_tokenizer->setObjectName(QStringLiteral("tokenizerCombo"));
    m_tokenizer->addItem(QString(), AutoTokenizer);
    m_tokenizer->addItem(QString(), int(sft::rouge::TokenizerKind::Rouge));
    m_tokenizer->addItem(QString(), int(sft::rouge::TokenizerKind::Cjk));
    m_tokenizerNote = new QLabel(this);
    m_tokenizerNote->setObjectName(QStringLiteral("tokenizerNoteLabel"));
    m_tokenizerNote->setWordWrap(true);
    m_stem = new QCheckBox(this);
    m_stem->setObjectName(QStringLiteral("stemCheck"));
    m_thresholdLabel = new QLabel(this);
    m_threshold = new QDoubleSpinBox(this);
    m_threshold->setObjectName(QStringLiteral("thresholdSpin"));
    m_threshold->setRange(0, 1);
    m_threshold->setDecimals(2);
    m_threshold->setSingleStep(0.01);
    m_threshold->setValue(0.7);
    m_threshold->setKeyboardTracking(false);  // a typed value counts (and re-runs the preview) once complete
    m_dedup = new QCheckBox(this);
    m_dedup->setObjectName(QStringLiteral("dedupCheck"));
    m_dedup->setChecked(true);
    m_poolLabel = new QLabel(this);
    m_pool = new ReferencePoolCombo(this);
    auto *form = new QGridLayout;
    form->addWidget(m_scopeLabel, 0, 0);
    form->addWidget(m_scope, 0, 1);
    form->addWidget(m_fieldLabel, 0, 2);
    form->addWidget(m_field, 0, 3);
    form->addWidget(m_tokenizerLabel, 1, 0);
    form->addWidget(m_tokenizer, 1, 1);
    form->addWidget(m_stem, 1, 2, 1, 2);
    form->addWidget(m_tokenizerNote, 2, 1, 1, 3);
    form->addWidget(m_thresholdLabel, 3, 0);
    form->addWidget(m_threshold, 3, 1);
    form->addWidget(m_dedup, 3, 2, 1, 2);
    form->addWidget(m_poolLabel, 4, 0);
    form->addWidget(m_pool, 4, 1, 1, 3);
    form->setColumnStretch(1, 1);
    form->setColumnStretch(3, 1);

    m_rules = new QualityRuleTable(this);

    m_run = new QPushButton(this);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_apply = new QPushButton(this);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_discard = new QPushButton(this);
    m_discard->setObjectName(QStringLiteral("discardButton"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addStretch(1);
    buttons->addWidget(m_discard);
    buttons->addWidget(m_apply);

    auto *optionsBox = new QWidget(this);
    auto *optionsLayout = new QVBoxLayout(optionsBox);
    optionsLayout->setContentsMargins(0, 0, 0, 0);
    optionsLayout->addLayout(form);
    optionsLayout->addWidget(m_rules, 1);
    optionsLayout->addLayout(buttons);

    m_histogramTitle = titleLabel(this);
    m_histogram = new SimilarityHistogram(this);
    auto *histogramBox = new QWidget(this);
    auto *histogramLayout = new QVBoxLayout(histogramBox);
    histogramLayout->setContentsMargins(0, 0, 0, 0);
    histogramLayout->addWidget(m_histogramTitle);
    histogramLayout->addWidget(m_histogram, 1);

    // Results.
    m_resultsTitle = titleLabel(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    m_warning = new QLabel(this);
    m_warning->setObjectName(QStringLiteral("warningLabel"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("color: #8a5300;"));
    m_warning->hide();
    m_results = new QTableWidget(0, ColumnCount, this);
    m_results->setObjectName(QStringLiteral("resultsTable"));
    m_results->verticalHeader()->hide();
    m_results->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_results->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_results->horizontalHeader()->setStretchLastSection(true);
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setWordWrap(false);
    m_results->setColumnWidth(IdColumn, 64);
    m_results->setColumnWidth(RuleColumn, 140);
    m_results->setColumnWidth(ScoreColumn, 50);
    auto *resultsBox = new QWidget(this);
    auto *resultsLayout = new QVBoxLayout(resultsBox);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_resultsTitle);
    resultsLayout->addWidget(m_summary);
    resultsLayout->addWidget(m_warning);
    resultsLayout->addWidget(m_results, 1);
    m_compare = new LcsCompareView(this);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(optionsBox);
    top->addWidget(histogramBox);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(resultsBox);
    bottom->addWidget(m_compare);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);
    bottom->setSizes({560, 640});
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    // Everything the preview depends on.
    connect(m_rules, &QualityRuleTable::rulesChanged, this, &QualityPanel::settingsChanged);
    for (QComboBox *combo : {m_scope, m_field, m_tokenizer})
        connect(combo, &QComboBox::currentIndexChanged, this, &QualityPanel::settingsChanged);
    for (QCheckBox *check : {m_stem, m_dedup})
        connect(check, &QCheckBox::toggled, this, &QualityPanel::settingsChanged);
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, &QualityPanel::settingsChanged);
    connect(m_run, &QPushButton::clicked, this, [this] {
        if (m_job)
            cancel();
        else
            run();
    });
    connect(m_apply, &QPushButton::clicked, this, &QualityPanel::apply);
    connect(m_discard, &QPushButton::clicked, this, &QualityPanel::discard);
    connect(m_results, &QTableWidget::itemSelectionChanged, this, &QualityPanel::showSelected);
    connect(m_results, &QTableWidget::itemChanged, this, &QualityPanel::rowChecked);
    connect(m_results, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (const QTableWidgetItem *id = m_results->item(row, IdColumn))
            Q_EMIT openRecord(id->data(Qt::DisplayRole).toLongLong());
    });
    connect(m_histogram, &SimilarityHistogram::thresholdChosen, m_threshold, &QDoubleSpinBox::setValue);
    connect(m_pool, &ReferencePoolCombo::poolChanged, this, &QualityPanel::settingsChanged);
    retranslate();
    setRunning(false);
}

void QualityPanel::setContext(sft::Workspace *workspace, QUndoStack *undoStack)
{
    cancel();
    ++m_generation;
    m_workspace = workspace;
    m_undo = undoStack;
    m_datasetId = 0;
    m_userChecks.clear();
    discard();
    m_pool->setContext(m_workspace, m_datasetId);
}

void QualityPanel::setDataset(qint64 datasetId)
{
    if (datasetId == m_datasetId)
        return;
    cancel();
    ++m_generation;
    m_datasetId = datasetId;
    m_userChecks.clear();
    discard();
    m_pool->setContext(m_workspace, m_datasetId);
}

sft::QualityOptions QualityPanel::options(QString *error) const
{
    error->clear();
    sft::QualityOptions o;
    o.workspacePath = m_workspace ? m_workspace->path() : QString();
    o.datasetId = m_datasetId;
    o.scope = static_cast<QualityScope>(m_scope->currentData().toInt());
    o.field = static_cast<QualityField>(m_field->currentData().toInt());
    o.autoTokenizer = m_tokenizer->currentData().toInt() == AutoTokenizer;
    if (!o.autoTokenizer)
        o.tokenizer.kind = static_cast<sft::rouge::TokenizerKind>(m_tokenizer->currentData().toInt());
    o.tokenizer.stem = m_stem->isChecked();
    o.threshold = sft::rouge::Threshold::fromString(sft::ss(QString::number(m_threshold->value(), 'f', 2)));
    o.dedup = m_dedup->isChecked();
    o.poolDatasetId = m_pool->poolDatasetId();
    o.poolFile = m_pool->poolFile();
    o.rules = m_rules->rules(error);
    return o;
}

bool QualityPanel::run()
{
    return start(false);
}

bool QualityPanel::start(bool automatic)
{
    if (!m_workspace || !m_datasetId || m_job)
        return false;
    QString error;
    const sft::QualityOptions o = options(&error);
    if (!error.isEmpty()) {
        m_rules->validate();
        Q_EMIT message(error);
        return false;
    }
    const int generation = ++m_generation;
    auto out = std::make_shared<sft::QualityResult>();
    auto *job = new Job(tr("Quality check"), [o, out](const sft::ProgressFn &progress) {
        *out = sft::runQuality(o, progress);
        return tr("%n record(s) checked, %1 would be rejected (%2 s)", nullptr, int(out->checked))
            .arg(out->rejections.size())
            .arg(out->seconds, 0, 'f', 2);
    });
    // A run of an earlier dataset or workspace (generation changed) only frees the panel.
    connect(job, &Job::finished, this, [this, generation, out, o] {
        if (generation == m_generation) {
            m_result = std::move(*out);
            m_resultOptions = o;
        }
        m_state = State::Idle;
        setRunning(false);
        if (generation == m_generation) {
            showResult();
            settingsChanged();  // changed while it ran: re-run, or mark the preview stale
        }
        Q_EMIT runEnded();
    });
    connect(job, &Job::cancelled, this, [this, generation] {
        m_state = generation == m_generation ? State::Cancelled : State::Idle;
        setRunning(false);
        Q_EMIT runEnded();
    });
    connect(job, &Job::failed, this, [this, generation](const QString &text) {
        m_state = generation == m_generation ? State::Failed : State::Idle;
        m_failure = text;
        setRunning(false);
        Q_EMIT runEnded();
    });
    // A re-run after a settings change is small and quick: it runs beside other jobs, not through
    // the main window (which would refuse it with a "Busy" message while another job runs).
    m_job = job;
    if (!startJob(job, this, automatic ? JobRunner() : m_runner)) {
        m_job = nullptr;
        --m_generation;
        return false;  // refused (another job runs): the preview shown stays as it was
    }
    discard();  // the old preview goes only once the new check is under way
    m_state = State::Running;
    setRunning(true);
    return true;
}

void QualityPanel::cancel()
{
    if (m_job)
        m_job->cancel();
}

void QualityPanel::setRunning(bool running)
{
    // The options stay editable while a check runs: a change is compared with the
    // run's options when it ends (settingsChanged), and disabling them would take
    // the focus away from a spin box each time a re-run starts.
    if (!running)
        m_job = nullptr;
    m_run->setEnabled(m_workspace && m_datasetId);
    m_apply->setEnabled(!running && m_hasPreview && !m_stale && !checkedIds().isEmpty());
    m_discard->setEnabled(!running && m_hasPreview);
    retranslate();
}

qint64 QualityPanel::scopeSize(sft::QualityScope scope) const
{
    std::optional<sft::DatasetInfo> info;
    if (m_workspace)
        m_workspace->tryOrReport([&] { info = m_workspace->dataset(m_datasetId); });
    if (!info)
        return std::numeric_limits<qint64>::max();  // unknown: treated as large (no automatic re-run)
    switch (scope) {
    case QualityScope::Accepted: return info->accepted;
    case QualityScope::PendingAndAccepted: return info->accepted + info->pending;
    case QualityScope::All: return info->total;
    }
    return info->total;
}

void QualityPanel::settingsChanged()
{
    if (!m_hasPreview || m_job) {
        retranslate();  // the tokenizer note shows with "Automatic" only
        return;  // nothing to keep in step yet; a running check is compared when it ends
    }
    QString error;
    const sft::QualityOptions o = options(&error);
    const bool same = error.isEmpty() && sameSettings(o, m_resultOptions);
    // The size that decides is the new scope's, not the old preview's (Accepted only -> Whole dataset).
    if (!same && error.isEmpty() && scopeSize(o.scope) <= m_autoRerunLimit && start(true))
        return;
    m_stale = !same;
    setRunning(false);
}

QList<qint64> QualityPanel::checkedIds() const
{
    QList<qint64> ids;
    if (!m_hasPreview)
        return ids;
    for (int row = 0; row < m_results->rowCount(); ++row) {
        const QTableWidgetItem *item = m_results->item(row, IdColumn);
        if (item && item->checkState() == Qt::Checked)
            ids << item->data(Qt::DisplayRole).toLongLong();
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

void QualityPanel::rowChecked(QTableWidgetItem *item)
{
    if (item->column() != IdColumn || !m_hasPreview)
        return;
    m_userChecks.insert(item->data(Qt::DisplayRole).toLongLong(), item->checkState() == Qt::Checked);
    setRunning(bool(m_job));
}

void QualityPanel::showResult()
{
    m_hasPreview = true;
    m_stale = false;
    m_state = State::Previewing;
    {
        const QSignalBlocker block(m_results);  // filling is not the user checking rows
        m_results->setSortingEnabled(false);
        m_results->setRowCount(int(m_result.rejections.size()));
        for (int row = 0; row < m_result.rejections.size(); ++row) {
            const sft::QualityRejection &r = m_result.rejections[row];
            auto *id = new QTableWidgetItem;
            id->setData(Qt::DisplayRole, r.id);
            id->setData(RejectionRole, row);
            id->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            // Probably not a duplicate: kept unless the user says otherwise.
            id->setCheckState(m_userChecks.value(r.id, !r.sameInstructionOtherInput) ? Qt::Checked : Qt::Unchecked);
            m_results->setItem(row, IdColumn, id);
            auto *rule = new QTableWidgetItem(QualityRuleTable::ruleName(r.rule));
            rule->setData(RuleIdRole, r.rule);
            rule->setToolTip(r.rule);
            m_results->setItem(row, RuleColumn, rule);
            auto *score = new QTableWidgetItem(r.score >= 0 ? QString::number(r.score, 'f', 3) : QString());
            score->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_results->setItem(row, ScoreColumn, score);
            // In the current language, from the rule and its parameters.
            const QString reasonText = RejectionText::render(r.rule, r.args, r.reason);
            auto *reason = new QTableWidgetItem(reasonText);
            reason->setToolTip(reasonText);
            m_results->setItem(row, ReasonColumn, reason);
            if (r.sameInstructionOtherInput) {
                const QString note = tr("Same instruction as record %1 but a different input: probably not a "
                                        "duplicate.").arg(r.nearestId);
                rule->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
                for (QTableWidgetItem *item : {id, rule, score})
                    item->setToolTip(note);
                reason->setToolTip(reasonText + QLatin1Char('\n') + note);
            }
        }
        m_results->setSortingEnabled(true);
        m_results->sortByColumn(IdColumn, Qt::AscendingOrder);
    }
    m_histogram->setScores(m_result.bestScores);
    m_histogram->setThreshold(m_resultOptions.threshold.value());
    setRunning(false);
    if (m_results->rowCount() > 0)
        m_results->selectRow(0);
}

void QualityPanel::showSelected()
{
    const QList<QTableWidgetItem *> items = m_results->selectedItems();
    if (items.isEmpty() || !m_workspace) {
        m_compare->clear();
        return;
    }
    const int index = m_results->item(items.first()->row(), IdColumn)->data(RejectionRole).toInt();
    if (index < 0 || index >= m_result.rejections.size())
        return;
    const sft::QualityRejection &r = m_result.rejections[index];
    std::optional<sft::RecordData> rec, nearest;
    m_workspace->tryOrReport([&] {
        rec = m_workspace->record(r.id);
        if (rec && r.rule == sft::rougeRuleId() && !r.nearestInPool)
            nearest = m_workspace->record(r.nearestId);
    });
    if (!rec) {
        m_compare->clear();
        return;
    }
    if (r.rule == sft::rougeRuleId()) {
        const QualityField f = m_resultOptions.field;
        sft::rouge::TokenizerOptions tokenizer = m_resultOptions.tokenizer;
        tokenizer.kind = m_result.tokenizer;  // the one the run used, also when chosen automatically
        if (r.nearestInPool) {
            // The run kept the pool record's text: a pool file is not read again.
            LcsCompareView::PoolSource pool{true, QFileInfo(m_resultOptions.poolFile).fileName()};
            const qint64 shownId = pool.file.isEmpty() ? r.nearestId : r.nearestPoolIndex + 1;
            m_compare->setPair(r.id, sft::qualityText(f, *rec), shownId, r.nearestText, tokenizer, pool);
        } else {
            m_compare->setPair(r.id, sft::qualityText(f, *rec), r.nearestId,
                               nearest ? sft::qualityText(f, *nearest) : QString(), tokenizer);
        }
    } else {
        m_compare->setSingle(r.id, recordText(*rec), RejectionText::render(r.rule, r.args, r.reason));
    }
}

void QualityPanel::apply()
{
    if (!m_workspace || !m_hasPreview || m_stale)
        return;
    const QList<qint64> checked = checkedIds();
    if (checked.isEmpty())
        return;
    // Only the checked rows; records rejected by hand since the preview keep their own reason.
    const QSet<qint64> wanted(checked.begin(), checked.end());
    QList<sft::StatusState> change;
    for (const sft::StatusState &s : m_result.statusChange())
        if (wanted.contains(s.id))
            change << s;
    QList<qint64> ids;
    for (const auto &s : std::as_const(change))
        ids << s.id;
    QList<sft::StatusState> states;
    if (!m_workspace->tryOrReport([&] { states = m_workspace->statusStates(ids); }))
        return;  // reported; the preview stays, to apply again
    QSet<qint64> rejectedNow;
    for (const auto &s : std::as_const(states))
        if (s.status == sft::RecordStatus::Rejected)
            rejectedNow.insert(s.id);
    change.erase(std::remove_if(change.begin(), change.end(),
                                [&rejectedNow](const sft::StatusState &s) { return rejectedNow.contains(s.id); }),
                 change.end());
    if (!change.isEmpty()) {
        const quint64 errors = m_workspace->errorCount();
        const int count = int(change.size());
        pushOrApply(m_undo, new SetStatusCommand(m_workspace, change, std::function<QString()>([count] {
                                                     return tr("Quality check: reject %n record(s)", nullptr, count);
                                                 })));
        if (m_workspace->errorCount() != errors)
            return;  // nothing changed (the error is reported); the preview stays, to apply again
    }
    m_appliedCount = int(change.size());
    m_hasPreview = false;
    m_userChecks.clear();
    m_state = State::Applied;
    setRunning(false);
    Q_EMIT message(tr("Quality check: rejected %n record(s)", nullptr, m_appliedCount));
}

void QualityPanel::discard()
{
    m_hasPreview = false;
    m_stale = false;
    m_result = {};
    {
        const QSignalBlocker block(m_results);
        m_results->setRowCount(0);
    }
    m_histogram->setScores({});
    m_compare->clear();
    m_state = m_job ? State::Running : State::Idle;
    setRunning(bool(m_job));
}

void QualityPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void QualityPanel::retranslate()
{
    m_scopeLabel->setText(tr("Records:"));
    m_scope->setItemText(0, tr("Pending and accepted"));
    m_scope->setItemText(1, tr("Accepted only"));
    m_scope->setItemText(2, tr("Whole dataset"));
    m_scope->setToolTip(tr("Records already rejected are never changed; with \"Whole dataset\" they still count "
                           "as earlier records for the near-duplicate filter."));
    m_fieldLabel->setText(tr("Compare:"));
    m_field->setItemText(0, tr("Instruction"));
    m_field->setItemText(1, tr("Instruction + input (first turn)"));
    m_field->setItemText(2, tr("Output"));
    m_field->setItemText(3, tr("Whole conversation"));
    m_field->setToolTip(tr("The text ROUGE-L compares. \"Instruction + input\" tells apart records that share an "
                           "instruction but have different inputs, such as labelled examples of one task; "
                           "\"Instruction\" alone counts those as duplicates. For a conversation the instruction "
                           "is its first user message and the output the reply to it; \"Whole conversation\" "
                           "compares the system message and every message."));
    m_tokenizerLabel->setText(tr("Tokenizer:"));
    m_tokenizer->setItemText(0, tr("Automatic (from the records' language)"));
    m_tokenizer->setItemText(1, tr("rouge (English words)"));
    m_tokenizer->setItemText(2, tr("cjk (also Chinese characters)"));
    m_tokenizer->setToolTip(
        tr("How the text is cut into tokens for ROUGE-L. rouge is rouge_score's tokenizer: it drops Chinese, "
           "Japanese and Korean text, which then scores 0. cjk makes each such character a token and treats "
           "other text exactly like rouge. Automatic picks cjk when at least %1% of the compared tokens in a "
           "sample of up to %2 records are such characters.")
            .arg(qRound(sft::rouge::cjkShareThreshold * 100))
            .arg(locale().toString(qulonglong(sft::rouge::tokenizerSampleSize))));
    m_tokenizerNote->setText(tokenizerNote());
    m_tokenizerNote->setVisible(m_tokenizer->currentData().toInt() == AutoTokenizer);
    m_stem->setText(tr("Porter stemming"));
    m_stem->setToolTip(tr("Reduce English words longer than 3 letters to their stem before comparing "
                          "(rouge_score's use_stemmer)."));
    m_thresholdLabel->setText(tr("Threshold:"));
    m_threshold->setToolTip(tr("A record is rejected when its ROUGE-L F with an earlier kept record is above this."));
    m_dedup->setText(tr("Near-duplicate filter (ROUGE-L)"));
    m_poolLabel->setText(tr("Compare against:"));
    m_dedup->setToolTip(tr("After the rules, reject each record whose ROUGE-L F with a record kept before it "
                           "is above the threshold."));
    m_run->setText(m_job ? tr("Cancel check") : tr("Run check"));
    if (m_hasPreview) {
        m_apply->setText(tr("Apply: reject %n record(s)", nullptr, int(checkedIds().size())));
        m_apply->setToolTip(m_stale ? tr("The settings changed since this preview: run the check again first.")
                                    : tr("Reject the checked records (one undo step)"));
    } else {
        m_apply->setText(tr("Apply"));
        m_apply->setToolTip(tr("Reject the checked records of the preview (one undo step)"));
    }
    m_discard->setText(tr("Discard"));
    m_histogramTitle->setText(tr("Similarity to earlier kept records"));
    m_resultsTitle->setText(tr("Would be rejected"));
    m_results->setHorizontalHeaderLabels({tr("Record"), tr("Rule"), tr("Score"), tr("Reason")});
    m_results->setToolTip(tr("Checked records are rejected by Apply; uncheck a false positive to keep it. "
                             "Double-click a row to open the record in the Curation tab."));
    for (int row = 0; row < m_results->rowCount(); ++row)
        if (QTableWidgetItem *item = m_results->item(row, RuleColumn))
            item->setText(QualityRuleTable::ruleName(item->data(RuleIdRole).toString()));
    updateSummary();
}

void QualityPanel::updateSummary()
{
    QString text;
    switch (m_state) {
    case State::Idle:
        text = m_datasetId ? tr("Choose the options and run the check. Nothing changes until you apply the result.")
                           : tr("Choose a dataset in the Curation tab.");
        break;
    case State::Running:
        text = tr("Checking…");
        break;
    case State::Previewing:
        text = tr("Preview: %n record(s) checked; %1 rejected by rules, %2 near-duplicates (ROUGE-L above %3); "
                  "%4 already rejected stay as they are. Nothing has changed yet: Apply rejects the checked "
                  "ones in one undo step.", nullptr, int(m_result.checked))
                   .arg(m_result.ruleRejected)
                   .arg(m_result.dedupRejected)
                   .arg(sft::qs(m_resultOptions.threshold.text()))
                   .arg(m_result.alreadyRejected);
        if (m_result.poolRecords > 0)
            text += QLatin1Char(' ') + tr("Compared against a reference pool of %n record(s), which are never "
                                          "rejected.", nullptr, int(m_result.poolRecords));
        if (m_stale)
            text += QLatin1Char('\n')
                    + tr("Settings changed — run the check again: this preview does not match them, so Apply is off.");
        break;
    case State::Applied:
        text = tr("Rejected %n record(s). Edit ▸ Undo restores them.", nullptr, m_appliedCount);
        break;
    case State::Cancelled:
        text = tr("The check was cancelled; nothing was changed.");
        break;
    case State::Failed:
        text = tr("The check failed: %1").arg(m_failure);
        break;
    }
    m_summary->setText(text);

    const int suspicious = m_hasPreview ? int(m_result.sameInstructionOtherInput) : 0;
    QString warning;
    if (suspicious > 0) {
        warning = tr("%n of these have the same instruction as their match but a different input — probably not "
                     "duplicates. They start unchecked, so Apply keeps them unless you check them.",
                     nullptr, suspicious);
        if (m_resultOptions.field == QualityField::Instruction)
            warning += QLatin1Char(' ') + tr("Compare \"Instruction + input\" to tell such records apart.");
    }
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());
}

QString QualityPanel::tokenizerNote() const
{
    if (!m_result.tokenizerChosen)
        return tr("Tokenizer: chosen from the language of the compared text when the check runs.");
    const sft::rouge::ScriptCount &s = m_result.tokenizerSample;
    const QString share = s.cjkShare() < 0.01 ? tr("under 1%") : tr("%1%").arg(qRound(s.cjkShare() * 100));
    if (m_result.tokenizer == sft::rouge::TokenizerKind::Cjk)
        return tr("Tokenizer: CJK characters (chosen because %1 of the compared text is Chinese, Japanese or "
                  "Korean)").arg(share);
    if (s.cjkTokens == 0)
        return tr("Tokenizer: rouge, English words (chosen because the compared text has no Chinese, Japanese or "
                  "Korean characters)");
    return tr("Tokenizer: rouge, English words (chosen because only %1 of the compared text is Chinese, Japanese "
              "or Korean)").arg(share);
}
