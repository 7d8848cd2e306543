// RunList: the run folders of a workspace, followed through their event
// logs. Start (runlaunch.cpp) exports the data (a background Job), writes
// config.json and starts the worker detached, so runs outlive the window and a
// new list reattaches to them. Checked, selected and running runs are drawn in
// the charts; the checked and selected ones are compared in the config view.

#include "training/runlist.h"

#include <algorithm>

#include <QEvent>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QStandardItemModel>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <cmath>

#include "training/configdiffview.h"
#include "common/panelutil.h"
#include "training/trainingcharts.h"
#include "training/trainingtext.h"
#include "common/workerrun.h"
#include "workspace/workerprocess.h"
#include "workspace/workspace.h"

using sft::RunLog;
using sft::RunStatus;

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

QColor statusColor(RunStatus s)
{
    switch (s) {
    case RunStatus::Running: return QColor(0x1f, 0x5f, 0xbf);
    case RunStatus::Finished: return QColor(0x1b, 0x7a, 0x1b);
    case RunStatus::Failed: return QColor(0xb0, 0x00, 0x20);
    case RunStatus::Stopped:
    case RunStatus::Interrupted: return QColor(0x8a, 0x5a, 0x00);
    }
    return {};
}

QString lossText(double v) { return std::isfinite(v) ? QString::number(v, 'f', 4) : QStringLiteral("—"); }

} // namespace

RunList::RunList(QWidget *parent) : QWidget(parent), m_program(sft::WorkerProcess::defaultProgram())
{
    setObjectName(QStringLiteral("runList"));
    m_merger = new WorkerRun(this);
    m_ggufExporter = new WorkerRun(this);
    m_runsTitle = titleLabel(this);
    m_stop = new QPushButton(this);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_resume = new QPushButton(this);
    m_resume->setObjectName(QStringLiteral("resumeButton"));
    buildRunActions();
    auto *header = new QHBoxLayout;
    header->addWidget(m_runsTitle, 1);
    header->addWidget(m_stop);
    header->addWidget(m_resume);
    header->addWidget(m_runMenuButton);
    m_runModel = new QStandardItemModel(0, ColumnCount, this);
    m_runView = new QTreeView(this);
    m_runView->setObjectName(QStringLiteral("runView"));
    m_runView->setModel(m_runModel);
    m_runView->setRootIsDecorated(false);
    m_runView->setUniformRowHeights(true);
    m_runView->setAlternatingRowColors(true);
    m_runView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_runView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_runView->header()->setStretchLastSection(false);
    m_runView->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    for (int c = MethodColumn; c < ColumnCount; ++c)
        m_runView->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_runStatus = new QLabel(this);
    m_runStatus->setObjectName(QStringLiteral("runStatusLabel"));
    m_runStatus->setWordWrap(true);
    m_runStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_planLabel = new QLabel(this);
    m_planLabel->setObjectName(QStringLiteral("planLabel"));
    m_planLabel->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_runView, 1);
    layout->addWidget(m_runStatus);
    layout->addWidget(m_planLabel);

    m_charts = new TrainingCharts(this);
    m_charts->setObjectName(QStringLiteral("trainingCharts"));
    m_charts->hide();  // until the panel places it
    m_diff = new ConfigDiffView(this);
    m_diff->setObjectName(QStringLiteral("configDiff"));
    m_diff->hide();

    m_liveTimer = new QTimer(this);
    m_liveTimer->setInterval(1000);
    connect(m_liveTimer, &QTimer::timeout, this, [this, tick = 0]() mutable {
        checkLiveness();
        if (++tick % 5 == 0)
            rescan();  // runs started elsewhere (the CLI, another window)
    });
    m_liveTimer->start();
    m_labelTimer = new QTimer(this);
    m_labelTimer->setSingleShot(true);
    m_labelTimer->setInterval(150);
    connect(m_labelTimer, &QTimer::timeout, this, &RunList::updateRunLabels);

    connect(m_runView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateCharts();
        updateRunLabels();
        updateButtons();
        updateDiff();
        Q_EMIT currentRunChanged(currentRunId());
    });
    connect(m_runModel, &QStandardItemModel::itemChanged, this, [this](QStandardItem *item) {
        Run *r = item->column() == NameColumn ? run(item->data(kIdRole).toString()) : nullptr;
        if (!r || r->checked == (item->checkState() == Qt::Checked))
            return;  // a text update, not the overlay check box
        r->checked = item->checkState() == Qt::Checked;
        updateCharts();
        updateDiff();
    });
    connect(m_stop, &QPushButton::clicked, this, &RunList::stop);
    connect(m_resume, &QPushButton::clicked, this, &RunList::resume);
    retranslate();
}

RunList::~RunList() = default;

void RunList::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void RunList::setWorkspace(sft::Workspace *workspace)
{
    // A run still being prepared belongs to the workspace being left: it is cancelled, and whatever of
    // it still arrives (the demo model, a finished export) is dropped, never started in the new one.
    ++m_generation;
    if (m_job)
        m_job->cancel();
    setPreparingState(false);
    m_workspace = workspace;
    clearRuns();
    rescan();
    updateRunLabels();
}

void RunList::setJobRunner(JobRunner runner) { m_runner = std::move(runner); }

void RunList::setWorkerProgram(const QString &program)
{
    m_program = program;
    m_merger->setProgram(program);
    m_ggufExporter->setProgram(program);
}

void RunList::retranslate()
{
    m_runsTitle->setText(tr("Runs (checked runs are overlaid in the charts)"));
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("Ask the selected run's worker to save a checkpoint and stop"));
    retranslateRunActions();
    m_runModel->setHorizontalHeaderLabels(
        {tr("Run"), tr("Method"), tr("Status"), tr("Step"), tr("Loss"), tr("Started")});
    for (const auto &r : m_runs)
        updateRow(r.get());
    updateRunLabels();
    updateButtons();
}

QString RunList::statusText(RunStatus status) const
{
    switch (status) {
    case RunStatus::Running: return tr("running");
    case RunStatus::Finished: return tr("finished");
    case RunStatus::Stopped: return tr("stopped");
    case RunStatus::Failed: return tr("failed");
    case RunStatus::Interrupted: return tr("interrupted");
    }
    return {};
}

QString RunList::markerFor(const QString &program) const
{
    const QString name = QFileInfo(program).fileName();
    return name.contains(QLatin1String("sftbench-cli")) || name.isEmpty() ? QStringLiteral("sftbench-cli") : name;
}

// ---- the run list ----

QString RunList::runsRoot() const
{
    return m_workspace ? sft::runs::runsRoot(m_workspace->path()) : QString();
}

RunList::Run *RunList::run(const QString &id) const
{
    for (const auto &r : m_runs)
        if (r->id == id)
            return r.get();
    return nullptr;
}

QStringList RunList::runIds() const
{
    QStringList ids;
    for (const auto &r : m_runs)
        ids << r->id;
    return ids;
}

QString RunList::runDir(const QString &id) const
{
    const Run *r = run(id);
    return r ? r->dir : QString();
}

QJsonObject RunList::runConfig(const QString &id) const
{
    const Run *r = run(id);
    return r ? r->config : QJsonObject();
}

RunStatus RunList::runStatus(const QString &id) const
{
    const Run *r = run(id);
    return r ? r->status : RunStatus::Interrupted;
}

const RunLog *RunList::runLog(const QString &id) const
{
    const Run *r = run(id);
    return r ? r->log : nullptr;
}

QString RunList::currentRunId() const
{
    const QModelIndex index = m_runView->currentIndex();
    return index.isValid() ? m_runModel->item(index.row(), NameColumn)->data(kIdRole).toString() : QString();
}

void RunList::selectRun(const QString &id)
{
    if (const Run *r = run(id))
        m_runView->setCurrentIndex(r->item->index());
}

void RunList::setRunChecked(const QString &id, bool checked)
{
    if (Run *r = run(id))
        r->item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

void RunList::clearRuns()
{
    // The workers go on; only the panel lets go of their logs.
    for (const auto &r : m_runs)
        delete r->log;
    m_runs.clear();
    m_runModel->removeRows(0, m_runModel->rowCount());
    m_charts->clear();
    updateRunLabels();
    updateButtons();
    updateDiff();
}

void RunList::rescan()
{
    const QString root = runsRoot();
    if (root.isEmpty())
        return;
    for (const QString &dir : sft::runs::runDirs(root))
        if (!run(QFileInfo(dir).fileName()))
            addRun(dir);
    if (m_runView->currentIndex().isValid() || m_runModel->rowCount() == 0)
        return;
    m_runView->setCurrentIndex(m_runModel->index(0, 0));  // the newest run
}

RunList::Run *RunList::addRun(const QString &dir)
{
    auto owned = std::make_shared<Run>();
    Run *r = owned.get();
    r->dir = QDir(dir).absolutePath();
    r->id = QFileInfo(r->dir).fileName();
    r->config = sft::runs::readConfig(r->dir);
    r->log = new RunLog(r->dir, this);
    connect(r->log, &RunLog::recordReceived, this, [this, r](const QJsonObject &record) { onRecord(r, record); });
    connect(r->log, &RunLog::reset, this, [this, r] {
        m_charts->removeRun(r->id);
        QTimer::singleShot(0, this, &RunList::updateCharts);  // drawn again once read again
    });
    QList<QStandardItem *> row;
    for (int c = 0; c < ColumnCount; ++c) {
        auto *item = new QStandardItem;
        item->setEditable(false);
        row << item;
    }
    r->item = row[NameColumn];
    r->item->setCheckable(true);
    r->item->setData(r->id, kIdRole);
    m_runModel->insertRow(0, row);  // newest first (ids start with the time)
    m_runs.push_back(std::move(owned));
    r->loading = true;
    r->log->poll();
    r->loading = false;
    refreshStatus(r);
    updateRow(r);
    return r;
}

void RunList::updateRow(Run *r)
{
    r->dirty = false;
    const int row = r->item->row();
    auto cell = [this, row](int column) { return m_runModel->item(row, column); };
    const QString name = r->config.value(QStringLiteral("name")).toString();
    r->item->setText(name.isEmpty() ? r->id : name);
    r->item->setToolTip(QDir::toNativeSeparators(r->dir));
    const QString method = r->config.value(QStringLiteral("method")).toString(QStringLiteral("lora"));
    QString methodText = method;
    if (method == QLatin1String("lora"))
        methodText = tr("LoRA r=%1").arg(r->config.value(QStringLiteral("lora")).toObject().value(QStringLiteral("r")).toInt(8));
    else if (method == QLatin1String("adapter"))
        methodText = tr("adapter %1").arg(r->config.value(QStringLiteral("adapter")).toObject().value(QStringLiteral("bottleneck")).toInt(64));
    else if (method == QLatin1String("prefix"))
        methodText = tr("prefix %1").arg(r->config.value(QStringLiteral("prefix")).toObject().value(QStringLiteral("num_virtual_tokens")).toInt(16));
    else if (method == QLatin1String("full"))
        methodText = tr("full");
    cell(MethodColumn)->setText(methodText);
    const bool prepared = isPrepared(r);
    cell(StatusColumn)->setText(prepared ? tr("prepared")
                                : r->stopping && r->status == RunStatus::Running ? tr("stopping…")
                                                                                 : statusText(r->status));
    cell(StatusColumn)->setForeground(prepared ? QColor(0x55, 0x55, 0x55) : statusColor(r->status));
    const auto &steps = r->log->steps();
    const qint64 total = qint64(r->log->plan().value(QStringLiteral("total_steps")).toDouble());
    const qint64 step = steps.isEmpty() ? 0 : steps.last().step;
    cell(StepColumn)->setText(total > 0 ? QStringLiteral("%1 / %2").arg(step).arg(total) : QString::number(step));
    cell(LossColumn)->setText(steps.isEmpty() ? QString() : lossText(steps.last().loss));
    const QDateTime started = QDateTime::fromString(r->id.left(15), QStringLiteral("yyyyMMdd-HHmmss"));
    cell(StartedColumn)->setText(started.isValid() ? started.toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString());
}

void RunList::refreshStatus(Run *r)
{
    const RunStatus old = r->status;
    const bool awaiting = r->awaitingStart;
    const bool changed = detachedrun::refreshStatus(*r, r->log->terminalEvent(), markerFor(m_program));
    if (awaiting && r->status != RunStatus::Running)
        r->endedBeforeStart = true;   // its launcher or worker went before the "started" event
    if (!changed || r->loading)
        return;
    updateRow(r);
    updateCharts();
    updateButtons();
    m_labelTimer->start();
    if (old == RunStatus::Running) {
        Q_EMIT message(endMessage(r));
        Q_EMIT runEnded(r->id, sft::runStatusName(r->status));
    }
}

void RunList::checkLiveness()
{
    for (const auto &r : m_runs)
        if (r->status == RunStatus::Running) {
            r->log->poll();  // the last lines before the worker went away
            if (r->status == RunStatus::Running)
                refreshStatus(r.get());
        }
}

void RunList::onRecord(Run *r, const QJsonObject &record)
{
    if (r->loading)
        return;
    const QString event = record.value(QStringLiteral("event")).toString();
    const bool drawn = m_charts->runs().contains(r->id);
    if (event == QLatin1String("step")) {
        if (drawn) {
            const RunLog::Step &s = r->log->steps().last();
            m_charts->appendStep(r->id, double(s.step), s.loss, s.lr, s.gradNorm, s.tokensPerSecond);
        }
    } else if (event == QLatin1String("eval")) {
        if (drawn) {
            const RunLog::Eval &e = r->log->evals().last();
            m_charts->appendEval(r->id, double(e.step), e.loss);
        }
    } else if (event == QLatin1String("resumed")) {
        if (drawn)
            m_charts->truncateAfter(r->id, record.value(QStringLiteral("step")).toDouble());
    } else if (event == QLatin1String("started")) {
        r->awaitingStart = false;
        refreshStatus(r);
    } else if (event == QLatin1String("finished")
               || event == QLatin1String("stopped") || event == QLatin1String("failed")) {
        refreshStatus(r);
    }
    r->dirty = true;
    if (!m_labelTimer->isActive())
        m_labelTimer->start();
}

// ---- charts, labels, buttons ----

void RunList::replay(Run *r)
{
    for (const RunLog::Step &s : r->log->steps())
        m_charts->appendStep(r->id, double(s.step), s.loss, s.lr, s.gradNorm, s.tokensPerSecond);
    for (const RunLog::Eval &e : r->log->evals())
        m_charts->appendEval(r->id, double(e.step), e.loss);
}

void RunList::updateCharts()
{
    const QString current = currentRunId();
    QSet<QString> wanted;
    for (const auto &r : m_runs)
        if (r->item->checkState() == Qt::Checked || r->id == current || r->status == RunStatus::Running)
            wanted.insert(r->id);
    const QStringList drawn = m_charts->runs();
    for (const QString &id : drawn)
        if (!wanted.contains(id))
            m_charts->removeRun(id);
    for (const auto &r : m_runs)
        if (wanted.contains(r->id) && !drawn.contains(r->id)) {
            m_charts->addRun(r->id, r->item->text());
            replay(r.get());
        }
}

void RunList::updateRunLabels()
{
    for (const auto &r : m_runs)
        if (r->dirty)
            updateRow(r.get());
    const Run *r = run(currentRunId());
    if (!r) {
        m_runStatus->setText(m_workspace ? tr("No run selected. Fill in the form and press Start training.")
                                         : tr("Open a workspace to train."));
        m_runStatus->setStyleSheet(QString());
        m_planLabel->clear();
        return;
    }
    const auto &steps = r->log->steps();
    const QJsonObject plan = r->log->plan();
    const qint64 total = qint64(plan.value(QStringLiteral("total_steps")).toDouble());
    QStringList parts;
    const qint64 step = steps.isEmpty() ? 0 : steps.last().step;
    parts << (total > 0 ? tr("Step %1 / %2").arg(trainingtext::groupDigits(step), trainingtext::groupDigits(total))
                        : tr("Step %1").arg(trainingtext::groupDigits(step)));
    if (!steps.isEmpty()) {
        const RunLog::Step &s = steps.last();
        parts << tr("loss %1").arg(lossText(s.loss));
        if (!r->log->evals().isEmpty())
            parts << tr("eval loss %1").arg(lossText(r->log->evals().last().loss));
        if (r->status == RunStatus::Running) {
            if (std::isfinite(s.tokensPerSecond))
                parts << tr("%1 tokens/s").arg(trainingtext::groupDigits(qint64(std::llround(s.tokensPerSecond))));
            if (s.eta >= 0)
                parts << tr("ETA %1").arg(trainingtext::formatDuration(s.eta));
        } else if (s.elapsed > 0) {
            parts << tr("took %1").arg(trainingtext::formatDuration(s.elapsed));
        }
        // Peak memory so far: the GPU's (the CUDA allocator's) on a GPU run, the process's otherwise.
        if (s.gpuMemoryBytes >= 0)
            parts << tr("peak GPU memory %1").arg(locale().formattedDataSize(s.gpuMemoryBytes, 1));
        else if (s.memoryBytes > 0)
            parts << tr("peak memory %1").arg(locale().formattedDataSize(s.memoryBytes, 1));
    }
    QString text = statusText(r->status) + QStringLiteral(" · ") + parts.join(QStringLiteral(" · "));
    QString error;
    if (r->status == RunStatus::Running && r->stopping)
        text = tr("stopping (saving a checkpoint)…") + QStringLiteral(" · ") + parts.join(QStringLiteral(" · "));
    else if (r->status == RunStatus::Stopped)
        text += QStringLiteral(" · ") + (r->log->checkpoints().isEmpty()
                                             ? tr("stopped before its first step; start a new run.")
                                             : tr("Resume continues from the checkpoint."));
    else if (r->status == RunStatus::Failed)
        error = r->log->terminal().value(QStringLiteral("reason")).toString();
    if (isPrepared(r)) {
        text = tr("prepared") + QStringLiteral(" · ")
               + tr("nothing has run yet: Start here trains it on this machine; Run… › Export launch script… "
                    "gives the scripts that train it on a cluster.");
    } else if (r->status == RunStatus::Interrupted) {
        const bool resumable = sft::runs::isResumable(r->status, !r->log->checkpoints().isEmpty(), r->log->terminal().value(QStringLiteral("reason")).toString());
        if (endedBeforeStart(r))
            text += QStringLiteral(" · ") + (sft::runs::launcherStartedLast(r->dir)
                                                 ? tr("torchrun exited before the worker started (e.g. its port "
                                                      "was taken); its output is below.")
                                                 : tr("the worker exited before it started; its output is below."));
        text += QStringLiteral(" · ") + (resumable ? tr("the worker is not running; Resume continues from step %1.")
                                                          .arg(r->log->checkpoints().last().step)
                                                    : tr("the worker is not running and left no checkpoint."));
        error = sft::runs::stderrTail(r->dir, 600);
    }
    if (r->status == RunStatus::Failed && error.isEmpty())
        error = sft::runs::stderrTail(r->dir, 600);
    if (!error.isEmpty()) {
        text += QLatin1Char('\n') + error;
        m_runStatus->setStyleSheet(QStringLiteral("color: #b00020;"));
    } else {
        m_runStatus->setStyleSheet(QString());
    }
    m_runStatus->setText(text);
    if (plan.isEmpty()) {
        m_planLabel->clear();
    } else {
        const qint64 trainable = qint64(plan.value(QStringLiteral("trainable_parameters")).toDouble());
        const qint64 all = qint64(plan.value(QStringLiteral("total_parameters")).toDouble());
        const double share = plan.value(QStringLiteral("share")).toDouble();
        m_planLabel->setText(tr("Trainable %1 of %2 (%3%) · %4 train / %5 eval examples · %6 · %7")
                                 .arg(trainingtext::groupDigits(trainable), trainingtext::compactCount(all))
                                 .arg(share * 100, 0, 'f', share < 0.001 ? 4 : 2)
                                 .arg(trainingtext::groupDigits(qint64(plan.value(QStringLiteral("train_examples")).toDouble())),
                                      trainingtext::groupDigits(qint64(plan.value(QStringLiteral("eval_examples")).toDouble())),
                                      plan.value(QStringLiteral("device")).toString(),
                                      plan.value(QStringLiteral("dtype")).toString()));
        // Data the worker had to cut or leave out is said, not hidden.
        const qint64 truncated = qint64(plan.value(QStringLiteral("truncated")).toDouble());
        const qint64 dropped = qint64(plan.value(QStringLiteral("dropped")).toDouble());
        if (truncated > 0 || dropped > 0)
            m_planLabel->setText(m_planLabel->text() + QStringLiteral(" · ")
                                 + tr("%1 truncated to the max length, %2 left out (prompt longer than the max length)")
                                       .arg(trainingtext::groupDigits(truncated), trainingtext::groupDigits(dropped)));
        // Conversations longer than the max length: turns left out, or records split into several examples.
        const qint64 turnsDropped = qint64(plan.value(QStringLiteral("turns_dropped")).toDouble());
        const qint64 split = qint64(plan.value(QStringLiteral("split_records")).toDouble());
        if (turnsDropped > 0)
            m_planLabel->setText(m_planLabel->text() + QStringLiteral(" · ")
                                 + tr("%n turn(s) of long conversations left out", nullptr, int(turnsDropped)));
        if (split > 0)
            m_planLabel->setText(m_planLabel->text() + QStringLiteral(" · ")
                                 + tr("%n long conversation(s) split into several examples", nullptr, int(split)));
        // Records the prompt format or the model's template refused (e.g. roles that do not alternate).
        const qint64 skipped = qint64(plan.value(QStringLiteral("skipped_records")).toDouble());
        QString tip = plan.value(QStringLiteral("formula")).toString();
        if (skipped > 0) {
            m_planLabel->setText(m_planLabel->text() + QStringLiteral(" · ")
                                 + tr("%n record(s) the prompt format refused, skipped", nullptr, int(skipped)));
            tip += QStringLiteral("\n\n") + tr("First refused record: %1").arg(plan.value(QStringLiteral("skipped_error")).toString());
        }
        m_planLabel->setToolTip(tip);
    }
}

void RunList::updateButtons()
{
    if (!m_stop)
        return;
    const Run *r = run(currentRunId());
    m_stop->setEnabled(r && r->status == RunStatus::Running && !r->stopping);
    m_resume->setEnabled(r && canResume(r));
    // A prepared run has nothing to resume: it starts here, afresh.
    const bool prepared = r && isPrepared(r);
    m_resume->setText(prepared ? tr("Start here") : tr("Resume"));
    m_resume->setToolTip(prepared ? tr("Start the selected prepared run on this machine, with the processes set in "
                                       "the form")
                                  : tr("Continue the selected run from its newest checkpoint"));
    updateRunActions();
}

int RunList::runRow(const QString &id) const
{
    const Run *r = run(id);
    return r && r->item ? r->item->row() : -1;
}

void RunList::dropRun(const QString &id)
{
    const auto it = std::find_if(m_runs.begin(), m_runs.end(), [&](const auto &p) { return p->id == id; });
    if (it == m_runs.end())
        return;
    Run *r = it->get();
    r->log->disconnect(this);
    r->log->follow(0);
    delete r->log;
    r->log = nullptr;
    m_runs.erase(it);
}

void RunList::updateDiff()
{
    QStringList labels;
    QList<QJsonObject> configs;
    const QString current = currentRunId();
    // The list shows the newest first; the comparison reads oldest to newest.
    for (int row = m_runModel->rowCount() - 1; row >= 0; --row) {
        const Run *r = run(m_runModel->item(row, NameColumn)->data(kIdRole).toString());
        if (!r || (r->item->checkState() != Qt::Checked && r->id != current))
            continue;
        labels << r->item->text();
        configs << (r->config.isEmpty() ? sft::runs::readConfig(r->dir) : r->config);
    }
    m_diff->setConfigs(labels, configs);
}
