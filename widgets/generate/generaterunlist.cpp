// GenerateRunList: the generation run folders of a workspace, followed
// through their event logs. Start prepares the folder (the seed file copied,
// or a dataset exported in a background Job), then starts the worker
// detached; a new list reattaches to runs that are still going.

#include "generate/generaterunlist.h"

#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTimer>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

#include "common/panelutil.h"
#include "generate/generaterun.h"
#include "workspace/workerprocess.h"
#include "workspace/workspace.h"

using sft::RunLog;
using sft::RunStatus;


namespace {

constexpr int kIdRole = Qt::UserRole + 1;
const QString kMarker = QStringLiteral("sftbench-cli");

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

/** The protocol's end as the training runs name it: done → finished / stopped, error → failed. */
QString terminalName(const GenerateStats &stats)
{
    if (stats.terminalEvent() == QLatin1String("error"))
        return QStringLiteral("failed");
    if (stats.terminalEvent() == QLatin1String("done"))
        return stats.doneReason() == QLatin1String("stopped") ? QStringLiteral("stopped") : QStringLiteral("finished");
    return {};
}

QString markerFor(const QString &program)
{
    const QString name = QFileInfo(program).fileName();
    return name.contains(kMarker) || name.isEmpty() ? kMarker : name;
}

} // namespace

GenerateRunList::GenerateRunList(QWidget *parent) : QWidget(parent), m_program(sft::WorkerProcess::defaultProgram())
{
    setObjectName(QStringLiteral("generateRunList"));
    m_title = titleLabel(this);
    m_stop = new QPushButton(this);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_resume = new QPushButton(this);
    m_resume->setObjectName(QStringLiteral("resumeButton"));
    m_review = new QPushButton(this);
    m_review->setObjectName(QStringLiteral("reviewButton"));
    m_open = new QPushButton(this);
    m_open->setObjectName(QStringLiteral("openFolderButton"));
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_stop);
    header->addWidget(m_resume);
    header->addWidget(m_review);
    header->addWidget(m_open);
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("generateRunView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    for (int c = StatusColumn; c < ColumnCount; ++c)
        m_view->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("runStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    m_liveTimer = new QTimer(this);
    m_liveTimer->setInterval(1000);
    connect(m_liveTimer, &QTimer::timeout, this, [this, tick = 0]() mutable {
        checkLiveness();
        if (++tick % 5 == 0)
            rescan();  // runs started elsewhere (the CLI, another window)
    });
    m_liveTimer->start();
    m_rowTimer = new QTimer(this);
    m_rowTimer->setSingleShot(true);
    m_rowTimer->setInterval(150);
    connect(m_rowTimer, &QTimer::timeout, this, [this] {
        for (const auto &r : m_runs)
            updateRow(r.get());
        updateLabel();
    });

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateLabel();
        updateButtons();
        Q_EMIT currentRunChanged(currentRunId());
    });
    connect(m_stop, &QPushButton::clicked, this, &GenerateRunList::stop);
    connect(m_resume, &QPushButton::clicked, this, &GenerateRunList::resume);
    connect(m_review, &QPushButton::clicked, this, [this] {
        if (const QString name = runDataset(currentRunId()); !name.isEmpty())
            Q_EMIT reviewRequested(name);
    });
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (!currentRunId().isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(runDir(currentRunId())));
    });
    retranslate();
}

GenerateRunList::~GenerateRunList() = default;

void GenerateRunList::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void GenerateRunList::retranslate()
{
    m_title->setText(tr("Generation runs"));
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("Ask the selected run's worker to finish its bookkeeping and stop"));
    m_resume->setText(tr("Resume"));
    m_resume->setToolTip(tr("Start the worker again on the selected run: it continues from its files"));
    m_review->setText(tr("Review in Curation"));
    m_review->setToolTip(tr("Show the run's dataset in the Curation tab, pending records only"));
    m_open->setText(tr("Open folder"));
    m_open->setToolTip(tr("Open the run folder (config, seeds, request log, candidates)"));
    m_model->setHorizontalHeaderLabels({tr("Run"), tr("Status"), tr("Kept / target"), tr("Candidates"), tr("Model"),
                                        tr("Started")});
    for (const auto &r : m_runs)
        updateRow(r.get());
    updateLabel();
    updateButtons();
}

void GenerateRunList::setWorkspace(sft::Workspace *workspace)
{
    ++m_generation;
    if (m_job)
        m_job->cancel();
    setPreparingState(false);
    m_workspace = workspace;
    clearRuns();
    rescan();
    updateLabel();
}

QString GenerateRunList::marker() const { return markerFor(m_program); }

void GenerateRunList::setJobRunner(JobRunner runner) { m_runner = std::move(runner); }
void GenerateRunList::setWorkerProgram(const QString &program) { m_program = program; }

QString GenerateRunList::runsRoot() const
{
    return m_workspace ? generation::runsRoot(m_workspace->path()) : QString();
}

GenerateRunList::Run *GenerateRunList::run(const QString &id) const
{
    for (const auto &r : m_runs)
        if (r->id == id)
            return r.get();
    return nullptr;
}

QStringList GenerateRunList::runIds() const
{
    QStringList ids;
    for (const auto &r : m_runs)
        ids << r->id;
    return ids;
}

QString GenerateRunList::currentRunId() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? m_model->item(index.row(), NameColumn)->data(kIdRole).toString() : QString();
}

void GenerateRunList::selectRun(const QString &id)
{
    if (const Run *r = run(id))
        m_view->setCurrentIndex(r->item->index());
}

QString GenerateRunList::runDir(const QString &id) const
{
    const Run *r = run(id);
    return r ? r->dir : QString();
}

RunStatus GenerateRunList::runStatus(const QString &id) const
{
    const Run *r = run(id);
    return r ? r->status : RunStatus::Interrupted;
}

const GenerateStats *GenerateRunList::stats(const QString &id) const
{
    const Run *r = run(id);
    return r ? &r->stats : nullptr;
}

QJsonObject GenerateRunList::runConfig(const QString &id) const
{
    Run *r = run(id);
    if (!r)
        return {};
    if (!r->config.contains(QStringLiteral("backend")) || !r->config.contains(QStringLiteral("prompts"))) {
        // The worker writes config.json once it validated the request: read it when it is there.
        const QJsonObject worker = sft::runs::readConfig(r->dir);
        r->config = !worker.isEmpty() ? worker : generation::readJson(r->dir, QString::fromLatin1(generation::kRequestFile));
    }
    return r->config;
}

QJsonObject GenerateRunList::runSide(const QString &id) const
{
    const Run *r = run(id);
    return r ? r->side : QJsonObject();
}

QString GenerateRunList::runDataset(const QString &id) const
{
    const Run *r = run(id);
    return r ? r->side.value(QStringLiteral("dataset")).toString() : QString();
}

int GenerateRunList::landedCount(const QString &id) const
{
    Run *r = run(id);
    return r ? landedTasks(r) : 0;
}

int GenerateRunList::landedTasks(Run *r) const
{
    // One line per landed task: {"candidate", "workspace", "dataset"}. The file only grows: the lines
    // after the last offset are read, and a line not finished yet waits for its newline (a line cut by a
    // kill never counts). A file that shrank was rewritten: it is read again from the start.
    QFile f(QDir(r->dir).filePath(QStringLiteral("landed.jsonl")));
    const qint64 size = f.exists() ? f.size() : 0;
    if (size < r->landedOffset) {
        r->landedOffset = 0;
        r->landed.clear();
    }
    if (size == r->landedOffset || !f.open(QIODevice::ReadOnly) || !f.seek(r->landedOffset))
        return int(r->landed.size());
    const QString dataset = runDataset(r->id);
    while (!f.atEnd()) {
        const QByteArray line = f.readLine();
        if (!line.endsWith('\n'))
            break;
        r->landedOffset += line.size();
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        const qint64 candidate = qint64(object.value(QStringLiteral("candidate")).toDouble(-1));
        if (candidate >= 0 && object.value(QStringLiteral("dataset")).toString() == dataset)
            r->landed.insert(candidate);
    }
    return int(r->landed.size());
}

QJsonObject GenerateRunList::defaultPrompts(const QString &language) const
{
    // The newest run of that language that kept the built-in templates has them in its config.json.
    for (auto it = m_runs.rbegin(); it != m_runs.rend(); ++it) {
        const QJsonObject request = generation::readJson((*it)->dir, QString::fromLatin1(generation::kRequestFile));
        if (request.isEmpty() || request.contains(QStringLiteral("prompts")))
            continue;
        const QJsonObject config = sft::runs::readConfig((*it)->dir);
        if (config.value(QStringLiteral("language")).toString(QStringLiteral("en")) == language
            && config.value(QStringLiteral("prompts")).isObject())
            return config.value(QStringLiteral("prompts")).toObject();
    }
    return {};
}

void GenerateRunList::clearRuns()
{
    for (const auto &r : m_runs)
        delete r->log;
    m_runs.clear();
    m_model->removeRows(0, m_model->rowCount());
    updateLabel();
    updateButtons();
    Q_EMIT currentRunChanged(QString());
}

void GenerateRunList::rescan()
{
    const QString root = runsRoot();
    if (root.isEmpty())
        return;
    for (const QString &dir : sft::runs::runDirs(root))
        if (!run(QFileInfo(dir).fileName()))
            addRun(dir);
    if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(0, 0));  // the newest run
}

GenerateRunList::Run *GenerateRunList::addRun(const QString &dir)
{
    auto owned = std::make_shared<Run>();
    Run *r = owned.get();
    r->dir = QDir(dir).absolutePath();
    r->id = QFileInfo(r->dir).fileName();
    r->side = generation::readJson(r->dir, QString::fromLatin1(generation::kSideFile));
    r->log = new RunLog(r->dir, this);
    connect(r->log, &RunLog::recordReceived, this, [this, r](const QJsonObject &record) { onRecord(r, record); });
    connect(r->log, &RunLog::reset, this, [this, r] {
        r->stats.clear();
        Q_EMIT runReset(r->id);
    });
    QList<QStandardItem *> row;
    for (int c = 0; c < ColumnCount; ++c) {
        auto *item = new QStandardItem;
        item->setEditable(false);
        row << item;
    }
    r->item = row[NameColumn];
    r->item->setData(r->id, kIdRole);
    m_model->insertRow(0, row);
    m_runs.push_back(std::move(owned));
    runConfig(r->id);
    r->loading = true;
    r->log->poll();
    r->loading = false;
    refreshStatus(r);
    updateRow(r);
    return r;
}

QString GenerateRunList::statusText(const Run *r) const
{
    if (r->status == RunStatus::Running && r->stopping)
        return tr("stopping…");
    switch (r->status) {
    case RunStatus::Running: return tr("running");
    case RunStatus::Finished: return tr("finished");
    case RunStatus::Stopped: return tr("stopped");
    case RunStatus::Failed: return tr("failed");
    case RunStatus::Interrupted: return tr("interrupted");
    }
    return {};
}

void GenerateRunList::updateRow(Run *r)
{
    const int row = r->item->row();
    auto cell = [this, row](int column) { return m_model->item(row, column); };
    r->item->setText(r->id);
    r->item->setToolTip(QDir::toNativeSeparators(r->dir));
    cell(StatusColumn)->setText(statusText(r));
    cell(StatusColumn)->setForeground(statusColor(r->status));
    const int target = r->config.value(QStringLiteral("target")).toInt();
    cell(KeptColumn)->setText(target > 0 ? QStringLiteral("%1 / %2").arg(r->stats.kept()).arg(target)
                                         : QString::number(r->stats.kept()));
    cell(CandidatesColumn)->setText(QString::number(r->stats.candidates()));
    const QJsonObject backend = r->config.value(QStringLiteral("backend")).toObject();
    const QString model = backend.value(QStringLiteral("model")).toString();
    cell(BackendColumn)->setText(backend.value(QStringLiteral("kind")).toString() == QLatin1String("openai")
                                     ? model + QStringLiteral(" @ ") + QUrl(backend.value(QStringLiteral("base_url")).toString()).authority()
                                     : QFileInfo(model).fileName());
    const QDateTime started = QDateTime::fromString(r->id.left(15), QStringLiteral("yyyyMMdd-HHmmss"));
    cell(StartedColumn)->setText(started.isValid() ? started.toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString());
}

void GenerateRunList::refreshStatus(Run *r)
{
    const RunStatus old = r->status;
    if (!detachedrun::refreshStatus(*r, terminalName(r->stats), marker()) || r->loading)
        return;
    updateRow(r);
    updateButtons();
    updateLabel();
    if (old == RunStatus::Running) {
        Q_EMIT message(tr("Generation %1: %2").arg(r->id, statusText(r)));
        Q_EMIT runEnded(r->id, sft::runStatusName(r->status));
    }
}

void GenerateRunList::checkLiveness()
{
    for (const auto &r : m_runs)
        if (r->status == RunStatus::Running) {
            r->log->poll();
            if (r->status == RunStatus::Running)
                refreshStatus(r.get());
        }
}

void GenerateRunList::onRecord(Run *r, const QJsonObject &record)
{
    r->stats.apply(record);
    if (r->loading)
        return;
    const QString event = record.value(QStringLiteral("event")).toString();
    if (event == QLatin1String("start")) {
        r->awaitingStart = false;
        runConfig(r->id);  // config.json is written by now
        refreshStatus(r);
    } else if (event == QLatin1String("done") || event == QLatin1String("error")) {
        refreshStatus(r);
    }
    if (!m_rowTimer->isActive())
        m_rowTimer->start();
    Q_EMIT runUpdated(r->id);
}

void GenerateRunList::updateLabel()
{
    Run *r = run(currentRunId());
    m_status->setStyleSheet(QString());
    if (!r) {
        m_status->setText(m_workspace ? tr("No run selected. Fill in the form and press Start generation.")
                                      : tr("Open a workspace to generate data."));
        return;
    }
    QString text = statusText(r);
    QString error;
    if (r->status == RunStatus::Finished || r->status == RunStatus::Stopped) {
        const QString reason = r->stats.doneReason();
        if (reason == QLatin1String("target"))
            text += QStringLiteral(" · ") + tr("reached the target");
        else if (reason == QLatin1String("max_requests"))
            text += QStringLiteral(" · ") + tr("the request budget is used up");
        else if (reason == QLatin1String("max_tokens"))
            text += QStringLiteral(" · ") + tr("the token budget is used up");
        else if (reason == QLatin1String("exhausted"))
            text += QStringLiteral(" · ") + tr("the model stopped producing new tasks");
        else if (reason == QLatin1String("stopped"))
            text += QStringLiteral(" · ") + tr("Resume continues it.");
    } else if (r->status == RunStatus::Failed) {
        error = r->stats.errorMessage();
        text += QStringLiteral(" · ") + tr("Resume tries again from where it stopped.");
    } else if (r->status == RunStatus::Interrupted) {
        text += QStringLiteral(" · ") + tr("the worker is not running; Resume continues the run.");
        error = sft::runs::stderrTail(r->dir, 600);
    }
    if (r->status == RunStatus::Failed && error.isEmpty())
        error = sft::runs::stderrTail(r->dir, 600);
    const QString dataset = runDataset(r->id);
    if (!dataset.isEmpty())
        text += QStringLiteral(" · ") + tr("kept tasks go to the dataset \"%1\"").arg(dataset) + QStringLiteral(" · ")
                + tr("%n task(s) landed there so far", nullptr, landedTasks(r));
    for (const QString &warning : r->stats.warnings())
        text += QLatin1Char('\n') + tr("Warning: %1").arg(warning);
    if (!error.isEmpty()) {
        text += QLatin1Char('\n') + error;
        m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
    }
    m_status->setText(text);
}

void GenerateRunList::updateButtons()
{
    const QString id = currentRunId();
    const Run *r = run(id);
    m_stop->setEnabled(r && r->status == RunStatus::Running && !r->stopping);
    m_resume->setEnabled(r && isResumable(id));
    m_review->setEnabled(r && m_workspace && !runDataset(id).isEmpty());
    m_open->setEnabled(r != nullptr);
}

bool GenerateRunList::isResumable(const QString &id) const
{
    const Run *r = run(id);
    return r && (r->status == RunStatus::Stopped || r->status == RunStatus::Interrupted || r->status == RunStatus::Failed);
}

void GenerateRunList::setPreparingState(bool preparing)
{
    if (m_preparing == preparing)
        return;
    m_preparing = preparing;
    Q_EMIT preparingChanged(preparing);
}
