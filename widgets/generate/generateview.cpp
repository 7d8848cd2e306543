#include "generate/generateview.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "common/panelutil.h"
#include "common/rejectiontext.h"
#include "generate/generatestats.h"
#include "generate/tasktablemodel.h"
#include "quality/similarityhistogram.h"
#include "qcustomplot.h"

namespace {

const char *const kCounterKeys[] = {"requests", "tokens", "candidates", "pending", "kept", "rejected", "classification", "pool"};

QString grouped(qint64 n) { return QLocale().toString(n); }

QWidget *titled(QLabel *title, QWidget *body, QWidget *extra = nullptr)
{
    auto *w = new QWidget;
    auto *v = new QVBoxLayout(w);
    v->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    row->addWidget(title, 1);
    if (extra)
        row->addWidget(extra);
    v->addLayout(row);
    v->addWidget(body, 1);
    return w;
}

QTableWidget *smallTable(QWidget *parent, const char *name, int columns)
{
    auto *t = new QTableWidget(0, columns, parent);
    t->setObjectName(QLatin1String(name));
    t->verticalHeader()->hide();
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 8);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setWordWrap(true);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

} // namespace

GenerateView::GenerateView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("generateView"));
    auto *counters = new QGridLayout;
    counters->setHorizontalSpacing(18);
    int column = 0;
    for (const char *key : kCounterKeys) {
        auto *title = new QLabel(this);
        title->setStyleSheet(QStringLiteral("color: palette(mid);"));
        auto *value = new QLabel(QStringLiteral("—"), this);
        value->setObjectName(QLatin1String(key) + QStringLiteral("Counter"));
        QFont f = value->font();
        f.setPointSizeF(f.pointSizeF() * 1.25);
        f.setBold(true);
        value->setFont(f);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        counters->addWidget(title, 0, column);
        counters->addWidget(value, 1, column++);
        m_counterTitles.insert(QLatin1String(key), title);
        m_counters.insert(QLatin1String(key), value);
    }
    counters->setColumnStretch(column, 1);

    m_histTitle = titleLabel(this);
    m_histogram = new SimilarityHistogram(this);
    m_histogram->countLabel()->hide();  // its text is about the Quality check's records
    connect(m_histogram, &SimilarityHistogram::thresholdChosen, this, &GenerateView::thresholdChosen);

    m_verbTitle = titleLabel(this);
    m_verbPlot = new QCustomPlot(this);
    m_verbPlot->setObjectName(QStringLiteral("verbPlot"));
    m_verbPlot->setMinimumHeight(160);
    m_verbBars = new QCPBars(m_verbPlot->yAxis, m_verbPlot->xAxis);  // horizontal bars: verbs on the y axis
    m_verbBars->setPen(QPen(QColor(40, 120, 80)));
    m_verbBars->setBrush(QColor(80, 170, 120, 180));
    m_verbBars->setWidth(0.7);
    m_verbPlot->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    m_verbPlot->yAxis->grid()->setVisible(false);
    QSharedPointer<QCPAxisTickerFixed> counts(new QCPAxisTickerFixed);  // counts: whole numbers
    counts->setTickStep(1);
    counts->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_verbPlot->xAxis->setTicker(counts);

    m_ruleTitle = titleLabel(this);
    m_rules = smallTable(this, "ruleTable", 2);

    m_taskTitle = titleLabel(this);
    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("taskFilter"));
    m_filter->addItem(QString(), QString());
    m_filter->addItem(QString(), QStringLiteral("1"));
    m_filter->addItem(QString(), QStringLiteral("0"));
    m_model = new TaskTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(TaskTableModel::KeptRole);
    m_tasks = new QTableView(this);
    m_tasks->setObjectName(QStringLiteral("taskTable"));
    m_tasks->setModel(m_proxy);
    m_tasks->verticalHeader()->hide();
    m_tasks->verticalHeader()->setDefaultSectionSize(m_tasks->fontMetrics().height() + 8);
    m_tasks->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tasks->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tasks->setWordWrap(false);
    m_tasks->horizontalHeader()->setSectionResizeMode(TaskTableModel::InstructionColumn, QHeaderView::Stretch);
    for (int c = TaskTableModel::DecisionColumn; c < TaskTableModel::ColumnCount; ++c)
        m_tasks->horizontalHeader()->setSectionResizeMode(c, c == TaskTableModel::ReasonColumn ? QHeaderView::Interactive
                                                                                               : QHeaderView::ResizeToContents);
    m_tasks->setColumnWidth(TaskTableModel::ReasonColumn, 160);
    m_instanceTitle = titleLabel(this);
    // Input, output, and why the filters dropped an instance of a kept task (empty for the kept ones).
    m_instances = smallTable(this, "instanceTable", 3);
    m_instances->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_instances->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_instances->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Interactive);
    m_instances->horizontalHeader()->setStretchLastSection(false);
    m_instances->setColumnWidth(2, 180);

    auto *charts = new QSplitter(Qt::Horizontal);
    charts->addWidget(titled(m_histTitle, m_histogram, m_histogram->useButton()));
    charts->addWidget(titled(m_verbTitle, m_verbPlot));
    charts->addWidget(titled(m_ruleTitle, m_rules));
    charts->setSizes({420, 300, 220});
    // The instances under the tasks: the instruction column gets the full width.
    auto *tables = new QSplitter(Qt::Vertical);
    tables->addWidget(titled(m_taskTitle, m_tasks, m_filter));
    tables->addWidget(titled(m_instanceTitle, m_instances));
    tables->setStretchFactor(0, 3);
    tables->setStretchFactor(1, 1);
    tables->setSizes({300, 110});
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(charts);
    split->addWidget(tables);
    split->setSizes({260, 340});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(counters);
    layout->addWidget(split, 1);

    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setInterval(40);
    connect(m_timer, &QTimer::timeout, this, &GenerateView::updateNow);
    connect(m_filter, &QComboBox::currentIndexChanged, this, [this] {
        const QString kept = m_filter->currentData().toString();
        m_proxy->setFilterRegularExpression(kept.isEmpty() ? QString() : QStringLiteral("^%1$").arg(kept));
    });
    connect(m_tasks->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &GenerateView::showInstances);
    retranslate();
    setStats(nullptr, 0.7);
}

void GenerateView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void GenerateView::retranslate()
{
    m_counterTitles[QStringLiteral("requests")]->setText(tr("Requests"));
    m_counterTitles[QStringLiteral("tokens")]->setText(tr("Tokens (prompt / completion)"));
    m_counterTitles[QStringLiteral("candidates")]->setText(tr("Candidates"));
    m_counterTitles[QStringLiteral("pending")]->setText(tr("In progress"));
    m_counterTitles[QStringLiteral("pending")]->setToolTip(
        tr("Proposed tasks still waiting for their classification or instances"));
    m_counterTitles[QStringLiteral("kept")]->setText(tr("Kept"));
    m_counterTitles[QStringLiteral("rejected")]->setText(tr("Rejected"));
    m_counterTitles[QStringLiteral("classification")]->setText(tr("Classification (of kept)"));
    m_counterTitles[QStringLiteral("pool")]->setText(tr("Pool"));
    m_histTitle->setText(tr("Highest ROUGE-L with the pool"));
    m_histTitle->setToolTip(tr("Each new instruction's highest ROUGE-L against the seeds and the tasks kept "
                               "before it; the line is the threshold (drag it to try another)"));
    applyHistogramLabels();
    m_verbTitle->setText(tr("Most frequent leading verbs (kept)"));
    m_verbPlot->xAxis->setLabel(tr("Instructions"));
    m_ruleTitle->setText(tr("Rejected by rule"));
    m_rules->setHorizontalHeaderLabels({tr("Rule"), tr("Count")});
    m_taskTitle->setText(tr("Generated tasks"));
    m_filter->setItemText(0, tr("All"));
    m_filter->setItemText(1, tr("Kept"));
    m_filter->setItemText(2, tr("Rejected"));
    m_filter->setToolTip(tr("Show all tasks, only kept ones or only rejected ones"));
    m_instanceTitle->setText(tr("Instances of the selected task"));
    m_instances->setHorizontalHeaderLabels({tr("Input"), tr("Output"), tr("Dropped because")});
    if (m_stats)
        updateNow();
}

void GenerateView::setStats(const GenerateStats *stats, double threshold)
{
    m_timer->stop();
    m_stats = stats;
    m_model->setStats(stats);
    m_histogram->setThreshold(threshold);
    applyHistogramLabels();
    m_instances->setRowCount(0);
    updateNow();
}

void GenerateView::setRunning(bool running)
{
    if (m_running == running)
        return;
    m_running = running;
    if (m_stats)
        updateCounters();
}

void GenerateView::scheduleUpdate()
{
    if (!m_timer->isActive())
        m_timer->start();
}

void GenerateView::updateNow()
{
    m_timer->stop();
    ++m_updates;
    m_model->sync();
    m_histogram->setScores(m_stats ? m_stats->rougeScores() : QVector<double>());
    applyHistogramLabels();
    updateCounters();
    updateVerbs();
    updateRules();
    // The first task's instances are shown until another is picked.
    if (!m_tasks->currentIndex().isValid() && m_proxy->rowCount() > 0)
        m_tasks->setCurrentIndex(m_proxy->index(0, 0));
}

void GenerateView::applyHistogramLabels()
{
    // The histogram names its axes for the Quality check each time it redraws; here they are about the pool.
    m_histogram->plot()->xAxis->setLabel(tr("ROUGE-L with the nearest instruction"));
    m_histogram->plot()->yAxis->setLabel(tr("Instructions"));
    m_histogram->plot()->replot(QCustomPlot::rpQueuedReplot);
}

void GenerateView::updateCounters()
{
    auto set = [this](const char *key, const QString &text, const QString &tip = {}) {
        QLabel *label = m_counters.value(QLatin1String(key));
        label->setText(m_stats ? text : QStringLiteral("—"));
        label->setToolTip(m_stats ? tip : QString());
    };
    if (!m_stats) {
        for (const char *key : kCounterKeys)
            set(key, {});
        return;
    }
    const GenerateStats &s = *m_stats;
    QStringList requestTip;
    if (s.failedRequests() > 0 || s.retries() > 0)
        requestTip << tr("%1 failed, %2 retries").arg(s.failedRequests()).arg(s.retries())
                          + (s.lastRequestError().isEmpty() ? QString() : QStringLiteral("\n") + s.lastRequestError());
    if (s.emptyRequests() > 0)
        requestTip << tr("%n request(s) brought no new instruction", nullptr, int(s.emptyRequests()));
    set("requests", s.failedRequests() > 0 ? tr("%1 (%2 failed)").arg(grouped(s.requests()), grouped(s.failedRequests()))
                                           : grouped(s.requests()),
        requestTip.join(QLatin1Char('\n')));
    set("tokens", QStringLiteral("%1 / %2").arg(grouped(s.promptTokens()), grouped(s.completionTokens())));
    set("candidates", grouped(s.candidates()));
    // Undecided tasks matter only while a worker works on them: a run that ended shows none in progress.
    const QString pendingTip = tr("Proposed tasks still waiting for their classification or instances");
    if (m_running && s.terminalEvent().isEmpty())
        set("pending", s.pending() >= 0 ? grouped(s.pending()) : QStringLiteral("—"), pendingTip);
    else
        set("pending", QStringLiteral("—"),
            pendingTip + QStringLiteral("\n")
                + (s.pending() > 0 ? tr("Counted while the run is running; %n proposed task(s) were still waiting "
                                        "when it ended.", nullptr, int(s.pending()))
                                   : tr("Counted while the run is running.")));
    set("kept", grouped(s.kept()));
    set("rejected", grouped(s.rejected()));
    set("classification", s.kept() > 0 ? tr("%1 (%2%)").arg(grouped(s.classificationKept()))
                                              .arg(100.0 * s.classificationKept() / s.kept(), 0, 'f', 1)
                                       : grouped(s.classificationKept()));
    set("pool", s.pool() >= 0 ? grouped(s.pool()) : QStringLiteral("—"),
        s.seeds() >= 0 ? tr("%1 seed tasks and the kept ones").arg(grouped(s.seeds())) : QString());
}

void GenerateView::updateVerbs()
{
    m_verbs = m_stats ? m_stats->topVerbs(8) : QList<QPair<QString, int>>();
    QVector<double> keys, values;
    auto ticker = qSharedPointerCast<QCPAxisTickerText>(m_verbPlot->yAxis->ticker());
    ticker->clear();
    const int n = int(m_verbs.size());
    for (int i = 0; i < n; ++i) {
        // The most frequent at the top.
        keys << double(n - i);
        values << m_verbs[i].second;
        ticker->addTick(double(n - i), m_verbs[i].first);
    }
    m_verbBars->setData(keys, values, true);
    m_verbPlot->yAxis->setRange(0.3, std::max(1, n) + 0.7);
    m_verbPlot->xAxis->setRange(0, std::max(1.0, (values.isEmpty() ? 0 : values.first()) * 1.1));
    m_verbPlot->replot(QCustomPlot::rpQueuedReplot);
}

void GenerateView::updateRules()
{
    const QMap<QString, int> rules = m_stats ? m_stats->rejectedByRule() : QMap<QString, int>();
    QList<QPair<QString, int>> sorted;
    for (auto it = rules.constBegin(); it != rules.constEnd(); ++it)
        sorted.append({it.key(), it.value()});
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    m_rules->setRowCount(int(sorted.size()));
    for (int i = 0; i < sorted.size(); ++i) {
        auto *name = new QTableWidgetItem(sorted[i].first.isEmpty() ? tr("other") : RejectionText::ruleName(sorted[i].first));
        name->setToolTip(sorted[i].first);
        auto *count = new QTableWidgetItem(grouped(sorted[i].second));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_rules->setItem(i, 0, name);
        m_rules->setItem(i, 1, count);
    }
    m_rules->resizeColumnToContents(0);
}

void GenerateView::showInstances()
{
    const QModelIndex index = m_proxy->mapToSource(m_tasks->currentIndex());
    const GeneratedTask *t = index.isValid() ? m_model->task(index.row()) : nullptr;
    m_instances->setRowCount(t ? int(t->instances.size() + t->dropped.size()) : 0);
    if (!t)
        return;
    for (int i = 0; i < t->instances.size(); ++i) {
        m_instances->setItem(i, 0, new QTableWidgetItem(t->instances[i].first));
        m_instances->setItem(i, 1, new QTableWidgetItem(t->instances[i].second));
        m_instances->setItem(i, 2, new QTableWidgetItem);
    }
    // A kept task's dropped instances follow its kept ones, greyed, with the rule's reason.
    const QColor grey = palette().color(QPalette::Disabled, QPalette::Text);
    for (int k = 0; k < t->dropped.size(); ++k) {
        const GeneratedTask::Dropped &d = t->dropped[k];
        const int row = int(t->instances.size()) + k;
        const QString why = RejectionText::render(
            d.rule, QString::fromUtf8(QJsonDocument(d.reasonArgs).toJson(QJsonDocument::Compact)),
            d.reason);
        const QStringList texts{d.input, d.output, why};
        for (int c = 0; c < 3; ++c) {
            auto *item = new QTableWidgetItem(texts[c]);
            item->setForeground(grey);
            item->setToolTip(RejectionText::ruleName(d.rule) + QStringLiteral(": ") + why);
            m_instances->setItem(row, c, item);
        }
    }
    // Long outputs: the start of the text stays in view (top-aligned, rows at most a few lines tall).
    const int maxHeight = m_instances->fontMetrics().lineSpacing() * 4 + 8;
    for (int row = 0; row < m_instances->rowCount(); ++row) {
        for (int c = 0; c < m_instances->columnCount(); ++c)
            if (QTableWidgetItem *item = m_instances->item(row, c))
                item->setTextAlignment(Qt::AlignLeft | Qt::AlignTop);
        m_instances->resizeRowToContents(row);
        m_instances->setRowHeight(row, std::min(m_instances->rowHeight(row), maxHeight));
    }
}
