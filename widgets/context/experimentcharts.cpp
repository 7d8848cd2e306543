#include "context/experimentcharts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

#include "context/plotutil.h"
#include "qcustomplot.h"

namespace {

/** Distinct colours for the configurations, in order (Tableau 10). */
QColor seriesColor(int i)
{
    static const QColor colors[] = {{31, 119, 180}, {255, 127, 14}, {44, 160, 44},  {214, 39, 40},  {148, 103, 189},
                                    {140, 86, 75},  {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};
    return colors[i % 10];
}

/** The caption at the foot of a vertical line, left of it (the legend holds the top right). */
QCPItemText *lineCaption(QCustomPlot *plot)
{
    auto *text = new QCPItemText(plot);
    text->position->setTypeX(QCPItemPosition::ptPlotCoords);
    text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    text->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    text->setPadding(QMargins(4, 2, 4, 2));
    text->setColor(QColor(90, 90, 90));
    text->setSelectable(false);
    text->setVisible(false);
    return text;
}

QCPItemStraightLine *verticalLine(QCustomPlot *plot)
{
    auto *line = new QCPItemStraightLine(plot);
    QPen pen(QColor(120, 120, 120));
    pen.setStyle(Qt::DashLine);
    line->setPen(pen);
    line->setSelectable(false);
    line->setVisible(false);
    return line;
}

/** The grey text in the middle of an empty chart. */
QCPItemText *placeholderText(QCustomPlot *plot)
{
    auto *text = new QCPItemText(plot);
    text->position->setType(QCPItemPosition::ptAxisRectRatio);
    text->position->setCoords(0.5, 0.5);
    text->setPositionAlignment(Qt::AlignCenter);
    text->setColor(QColor(120, 120, 120));
    text->setSelectable(false);
    return text;
}

void setLog2LengthAxis(QCustomPlot *plot)
{
    QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
    ticker->setLogBase(2);
    ticker->setSubTickCount(0);
    plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    plot->xAxis->setTicker(ticker);
}

} // namespace

ExperimentCharts::ExperimentCharts(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("experimentCharts"));
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("chartTabs"));

    // Perplexity against length.
    auto *pplPage = new QWidget(m_tabs);
    QCustomPlot *ppl = makePlot(pplPage, QStringLiteral("perplexityPlot"), PerplexityChart);
    setLog2LengthAxis(ppl);
    m_logY = new QCheckBox(pplPage);
    m_logY->setObjectName(QStringLiteral("logScaleCheck"));
    auto *pplLayout = new QVBoxLayout(pplPage);
    pplLayout->addWidget(ppl, 1);
    pplLayout->addWidget(m_logY);
    connect(m_logY, &QCheckBox::toggled, this, &ExperimentCharts::redrawPerplexity);

    // Loss by position inside one window length.
    auto *posPage = new QWidget(m_tabs);
    QCustomPlot *pos = makePlot(posPage, QStringLiteral("positionPlot"), PositionChart);
    m_lengthLabel = new QLabel(posPage);
    m_lengthCombo = new QComboBox(posPage);
    m_lengthCombo->setObjectName(QStringLiteral("positionLengthCombo"));
    m_smooth = new QCheckBox(posPage);
    m_smooth->setObjectName(QStringLiteral("smoothCheck"));
    auto *posRow = new QHBoxLayout;
    posRow->addWidget(m_lengthLabel);
    posRow->addWidget(m_lengthCombo);
    posRow->addSpacing(12);
    posRow->addWidget(m_smooth);
    posRow->addStretch(1);
    auto *posLayout = new QVBoxLayout(posPage);
    posLayout->addWidget(pos, 1);
    posLayout->addLayout(posRow);
    connect(m_lengthCombo, &QComboBox::currentIndexChanged, this, &ExperimentCharts::redrawPositions);
    connect(m_smooth, &QCheckBox::toggled, this, &ExperimentCharts::redrawPositions);

    // Passkey accuracy against length, every configuration.
    auto *keyLengthPage = new QWidget(m_tabs);
    QCustomPlot *keyLength = makePlot(keyLengthPage, QStringLiteral("passkeyLengthPlot"), PasskeyLengthChart);
    setLog2LengthAxis(keyLength);
    m_passkeyNote = new QLabel(keyLengthPage);
    m_passkeyNote->setWordWrap(true);
    auto *keyLengthLayout = new QVBoxLayout(keyLengthPage);
    keyLengthLayout->addWidget(keyLength, 1);
    keyLengthLayout->addWidget(m_passkeyNote);

    // Passkey accuracy, length × depth, of one configuration.
    auto *keyPage = new QWidget(m_tabs);
    QCustomPlot *key = makePlot(keyPage, QStringLiteral("passkeyPlot"), PasskeyHeatmapChart);
    key->legend->setVisible(false);
    // Red (never found) to green (always); cells not measured yet stay empty.
    m_map = contextplot::addHeatmap(key, {{0, QColor(215, 48, 39)}, {0.5, QColor(254, 224, 139)}, {1, QColor(26, 152, 80)}});
    m_map->setDataRange(QCPRange(0, 1));
    key->yAxis->setRangeReversed(true);  // depth 0 (the key at the start) on top
    m_configLabel = new QLabel(keyPage);
    m_configCombo = new QComboBox(keyPage);
    m_configCombo->setObjectName(QStringLiteral("heatmapConfigCombo"));
    m_heatmapNote = new QLabel(keyPage);
    m_heatmapNote->setWordWrap(true);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_configLabel);
    keyRow->addWidget(m_configCombo, 1);
    auto *keyLayout = new QVBoxLayout(keyPage);
    keyLayout->addWidget(key, 1);
    keyLayout->addLayout(keyRow);
    keyLayout->addWidget(m_heatmapNote);
    connect(m_configCombo, &QComboBox::currentIndexChanged, this, &ExperimentCharts::redrawHeatmap);

    for (QWidget *page : {pplPage, posPage, keyLengthPage, keyPage})
        m_tabs->addTab(page, QString());
    for (Chart chart : {PerplexityChart, PositionChart, PasskeyLengthChart}) {
        m_maxLines[chart] = verticalLine(m_plots[chart]);
        m_maxTexts[chart] = lineCaption(m_plots[chart]);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    retranslate();
    setConfigurations({});
}

QCustomPlot *ExperimentCharts::makePlot(QWidget *parent, const QString &name, Chart chart)
{
    auto *plot = new QCustomPlot(parent);
    plot->setObjectName(name);
    plot->setMinimumHeight(220);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->legend->setVisible(false);  // shown once there is data
    plot->legend->setBrush(QColor(255, 255, 255, 220));
    m_plots[chart] = plot;
    m_placeholders[chart] = placeholderText(plot);
    return plot;
}

QCPGraph *ExperimentCharts::addGraph(QCustomPlot *plot, int config)
{
    QCPGraph *g = plot->addGraph();
    g->setPen(QPen(seriesColor(config), 2));
    g->setName(m_labels.value(config));
    return g;
}

void ExperimentCharts::setResults(const QVector<PerplexityResult> *perplexity, const QVector<PasskeyResult> *passkey)
{
    m_perplexity = perplexity;
    m_passkey = passkey;
    setConfigurations(m_labels);
}

const PerplexityResult *ExperimentCharts::perplexityOf(int config) const
{
    return m_perplexity && config >= 0 && config < m_perplexity->size() ? &m_perplexity->at(config) : nullptr;
}

const PasskeyResult *ExperimentCharts::passkeyOf(int config) const
{
    return m_passkey && config >= 0 && config < m_passkey->size() ? &m_passkey->at(config) : nullptr;
}

void ExperimentCharts::setConfigurations(const QStringList &labels)
{
    m_labels = labels;
    for (Chart chart : {PerplexityChart, PositionChart, PasskeyLengthChart}) {
        QCustomPlot *plot = m_plots[chart];
        plot->clearGraphs();
        for (int i = 0; i < labels.size(); ++i) {
            QCPGraph *g = addGraph(plot, i);
            if (chart != PositionChart)
                g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
        }
    }
    {
        const QSignalBlocker block(m_configCombo);
        m_configCombo->clear();
        m_configCombo->addItems(labels);
    }
    refreshLengthCombo();
    redrawPerplexity();
    redrawPositions();
    redrawPasskeyLengths();
    redrawHeatmap();
}

void ExperimentCharts::setLabels(const QStringList &labels)
{
    m_labels = labels;
    for (int i = 0; i < labels.size(); ++i) {
        for (QCPGraph *g : {perplexityGraph(i), positionGraph(i), passkeyLengthGraph(i)})
            if (g)
                g->setName(labels[i]);
        if (i < m_configCombo->count())
            m_configCombo->setItemText(i, labels[i]);
    }
    for (QCustomPlot *plot : m_plots)
        plot->replot(QCustomPlot::rpQueuedReplot);
}

void ExperimentCharts::perplexityChanged(int config)
{
    if (!perplexityOf(config))
        return;
    refreshLengthCombo();
    redrawPerplexity();
    redrawPositions();
}

void ExperimentCharts::passkeyChanged(int config)
{
    if (!passkeyOf(config))
        return;
    redrawPasskeyLengths();
    if (config == heatmapConfig())
        redrawHeatmap();
}

void ExperimentCharts::setMaxPositions(int positions)
{
    m_maxPositions = positions;
    placeMaxLines();
    redrawPerplexity();
    redrawPositions();
    redrawPasskeyLengths();
}

void ExperimentCharts::placeMaxLines()
{
    for (Chart chart : {PerplexityChart, PositionChart, PasskeyLengthChart}) {
        // Two points on the vertical x = max positions; y 1 and 2 are valid on a log axis too.
        m_maxLines[chart]->point1->setCoords(m_maxPositions, 1);
        m_maxLines[chart]->point2->setCoords(m_maxPositions, 2);
        m_maxLines[chart]->setVisible(m_maxPositions > 0);
        m_maxTexts[chart]->position->setCoords(m_maxPositions, 1);
        //: caption of the dashed line at the model's trained context
        m_maxTexts[chart]->setText(tr("max_position_embeddings = %1").arg(m_maxPositions));
        m_maxTexts[chart]->setVisible(m_maxPositions > 0);
    }
}

bool ExperimentCharts::hasData(Chart chart) const
{
    for (int c = 0; c < configCount(); ++c) {
        const PerplexityResult *p = perplexityOf(c);
        const PasskeyResult *k = passkeyOf(c);
        if ((chart == PerplexityChart || chart == PositionChart) && p && !p->lengths.isEmpty())
            return true;
        if (chart == PasskeyLengthChart && k && !k->cells.isEmpty())
            return true;
    }
    if (chart == PasskeyHeatmapChart) {
        const PasskeyResult *k = passkeyOf(heatmapConfig());
        return k && !k->cells.isEmpty();
    }
    return false;
}

void ExperimentCharts::updatePlaceholders()
{
    for (int chart = 0; chart < ChartCount; ++chart) {
        const bool data = hasData(Chart(chart));
        m_placeholders[chart]->setVisible(!data);
        m_placeholders[chart]->setText(m_labels.isEmpty() ? tr("No results yet — press Run; each configuration is "
                                                               "measured in turn.")
                                                          : tr("No numbers for this chart yet."));
        if (chart != PasskeyHeatmapChart)
            m_plots[chart]->legend->setVisible(data);
    }
}

ExperimentCharts::Chart ExperimentCharts::currentChart() const
{
    return Chart(m_tabs->currentIndex());
}

void ExperimentCharts::setCurrentChart(Chart chart)
{
    m_tabs->setCurrentIndex(int(chart));
}

QCustomPlot *ExperimentCharts::plot(Chart chart) const
{
    return chart >= 0 && chart < ChartCount ? m_plots[chart] : nullptr;
}

QCPGraph *ExperimentCharts::perplexityGraph(int config) const
{
    QCustomPlot *p = m_plots[PerplexityChart];
    return config >= 0 && config < p->graphCount() ? p->graph(config) : nullptr;
}

QCPGraph *ExperimentCharts::positionGraph(int config) const
{
    QCustomPlot *p = m_plots[PositionChart];
    return config >= 0 && config < p->graphCount() ? p->graph(config) : nullptr;
}

QCPGraph *ExperimentCharts::passkeyLengthGraph(int config) const
{
    QCustomPlot *p = m_plots[PasskeyLengthChart];
    return config >= 0 && config < p->graphCount() ? p->graph(config) : nullptr;
}

QCPItemStraightLine *ExperimentCharts::maxPositionLine(Chart chart) const
{
    return chart >= 0 && chart < ChartCount ? m_maxLines[chart] : nullptr;
}

void ExperimentCharts::redrawPerplexity()
{
    QCustomPlot *plot = m_plots[PerplexityChart];
    double lo = 0, hi = 0, top = 0, bottom = 0;
    bool any = false;
    for (int c = 0; c < configCount(); ++c) {
        QCPGraph *g = perplexityGraph(c);
        const PerplexityResult *r = perplexityOf(c);
        if (!g)
            continue;
        QVector<double> keys, values;
        if (r)
            for (const PerplexityLength &l : r->lengths) {
                if (!std::isfinite(l.perplexity) || l.perplexity <= 0)
                    continue;
                keys << l.length;
                values << l.perplexity;
                lo = any ? std::min(lo, double(l.length)) : l.length;
                hi = any ? std::max(hi, double(l.length)) : l.length;
                bottom = any ? std::min(bottom, l.perplexity) : l.perplexity;
                top = any ? std::max(top, l.perplexity) : l.perplexity;
                any = true;
            }
        g->setData(keys, values);
    }
    const bool log = m_logY->isChecked();
    plot->yAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else
        plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    if (any) {
        if (m_maxPositions > 0) {
            lo = std::min(lo, double(m_maxPositions));
            hi = std::max(hi, double(m_maxPositions));
        }
        plot->xAxis->setRange(lo / 1.4, hi * 1.4);
        plot->yAxis->setRange(log ? bottom / 1.2 : std::max(0.0, bottom - 0.1 * (top - bottom + 1)),
                              log ? top * 1.2 : top + 0.1 * (top - bottom + 1));
    } else {
        plot->xAxis->setRange(64, 4096);
        plot->yAxis->setRange(1, 100);
    }
    updatePlaceholders();
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void ExperimentCharts::refreshLengthCombo()
{
    QVector<int> lengths;
    for (int c = 0; c < configCount(); ++c)
        if (const PerplexityResult *r = perplexityOf(c))
            for (const PerplexityLength &l : r->lengths)
                if (!lengths.contains(l.length))
                    lengths << l.length;
    std::sort(lengths.begin(), lengths.end());
    QVector<int> shown;
    for (int i = 0; i < m_lengthCombo->count(); ++i)
        shown << m_lengthCombo->itemData(i).toInt();
    if (shown == lengths)
        return;
    // Keep a length the user chose; otherwise follow the longest, which is the one that goes past the context.
    const int previous = m_lengthCombo->currentIndex();
    const bool followLongest = previous < 0 || previous == m_lengthCombo->count() - 1;
    const int chosen = m_lengthCombo->currentData().toInt();
    const QSignalBlocker block(m_lengthCombo);
    m_lengthCombo->clear();
    for (int l : lengths)
        m_lengthCombo->addItem(QString::number(l), l);
    const int keep = int(lengths.indexOf(chosen));
    m_lengthCombo->setCurrentIndex(followLongest || keep < 0 ? int(lengths.size()) - 1 : keep);
}

void ExperimentCharts::setPositionLength(int length)
{
    const int i = length > 0 ? m_lengthCombo->findData(length) : m_lengthCombo->count() - 1;
    if (i >= 0)
        m_lengthCombo->setCurrentIndex(i);
}

int ExperimentCharts::positionLength() const
{
    return m_lengthCombo->currentData().toInt();
}

QVector<double> ExperimentCharts::movingAverage(const QVector<double> &values)
{
    const int n = int(values.size());
    const int h = std::max(1, n / 64);
    QVector<double> out(n, std::numeric_limits<double>::quiet_NaN());
    for (int i = 0; i < n; ++i) {
        if (!std::isfinite(values[i]))
            continue;
        double sum = 0;
        int count = 0;
        for (int j = std::max(0, i - h); j <= std::min(n - 1, i + h); ++j)
            if (std::isfinite(values[j])) {
                sum += values[j];
                ++count;
            }
        out[i] = sum / count;
    }
    return out;
}

void ExperimentCharts::redrawPositions()
{
    QCustomPlot *plot = m_plots[PositionChart];
    const int length = positionLength();
    double top = 0;
    for (int c = 0; c < configCount(); ++c) {
        QCPGraph *g = positionGraph(c);
        const PerplexityResult *r = perplexityOf(c);
        if (!g)
            continue;
        QVector<double> keys, values;
        if (const PerplexityLength *l = r ? r->find(length) : nullptr) {
            // Smoothing is for the eye only: the CSV keeps the worker's numbers.
            const QVector<double> shown = m_smooth->isChecked() ? movingAverage(l->positionLoss) : l->positionLoss;
            for (int k = 0; k < shown.size(); ++k)
                if (std::isfinite(shown[k])) {
                    keys << double(k) * l->positionBucket;
                    values << shown[k];
                    top = std::max(top, shown[k]);
                }
        }
        g->setData(keys, values);
    }
    // The max-positions line is drawn only when this length comes near it; otherwise the curves get the width.
    double right = length > 0 ? double(length) : 16.0;
    if (m_maxPositions > 0 && length >= 0.75 * m_maxPositions)
        right = std::max(right, m_maxPositions * 1.05);
    plot->xAxis->setRange(0, right);
    plot->yAxis->setRange(0, top > 0 ? top * 1.1 : 1);
    updatePlaceholders();
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void ExperimentCharts::redrawPasskeyLengths()
{
    QCustomPlot *plot = m_plots[PasskeyLengthChart];
    double lo = 0, hi = 0;
    bool any = false;
    for (int c = 0; c < configCount(); ++c) {
        QCPGraph *g = passkeyLengthGraph(c);
        const PasskeyResult *r = passkeyOf(c);
        if (!g)
            continue;
        QVector<double> keys, values;
        if (r)
            for (const PasskeyLengthAccuracy &a : r->byLength()) {
                keys << a.length;
                values << 100.0 * a.accuracy;
                lo = any ? std::min(lo, double(a.length)) : a.length;
                hi = any ? std::max(hi, double(a.length)) : a.length;
                any = true;
            }
        g->setData(keys, values);
    }
    if (any) {
        if (m_maxPositions > 0) {
            lo = std::min(lo, double(m_maxPositions));
            hi = std::max(hi, double(m_maxPositions));
        }
        plot->xAxis->setRange(lo / 1.4, hi * 1.4);
    } else {
        plot->xAxis->setRange(64, 4096);
    }
    plot->yAxis->setRange(-5, 105);
    updatePlaceholders();
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void ExperimentCharts::setHeatmapConfig(int config)
{
    if (config >= 0 && config < m_configCombo->count())
        m_configCombo->setCurrentIndex(config);
}

int ExperimentCharts::heatmapConfig() const
{
    return m_configCombo->currentIndex();
}

void ExperimentCharts::redrawHeatmap()
{
    QCustomPlot *plot = m_plots[PasskeyHeatmapChart];
    const PasskeyResult *found = passkeyOf(heatmapConfig());
    const PasskeyResult r = found ? *found : PasskeyResult();
    m_mapLengths = r.lengths;
    m_mapDepths = r.depths;
    // Cells of a run that printed no start line yet (or only cells): take their lengths and depths.
    for (const PasskeyCell &cell : r.cells) {
        if (!m_mapLengths.contains(cell.length))
            m_mapLengths << cell.length;
        if (std::none_of(m_mapDepths.begin(), m_mapDepths.end(), [&](double d) { return std::abs(d - cell.depth) < 1e-9; }))
            m_mapDepths << cell.depth;
    }
    const int nx = int(m_mapLengths.size()), ny = int(m_mapDepths.size());
    contextplot::resetCells(m_map, nx, ny);
    for (int x = 0; x < nx; ++x)
        for (int y = 0; y < ny; ++y)
            if (const PasskeyCell *cell = r.cell(m_mapLengths[x], m_mapDepths[y]))
                m_map->data()->setCell(x, y, cell->accuracy);
    for (int x = 0; x < nx; ++x)
        for (int y = 0; y < ny; ++y)
            if (const PasskeyCell *cell = r.cell(m_mapLengths[x], m_mapDepths[y]))
                //: a passkey cell: accuracy in percent, correct of trials
                contextplot::labelCell(m_map, x, y,
                                       tr("%1%\n%2/%3")
                                           .arg(QString::number(qRound(cell->accuracy * 100)))
                                           .arg(cell->correct)
                                           .arg(cell->trials),
                                       plot->font());
    QSharedPointer<QCPAxisTickerText> xt(new QCPAxisTickerText), yt(new QCPAxisTickerText);
    for (int x = 0; x < nx; ++x)
        xt->addTick(x, QString::number(m_mapLengths[x]));
    for (int y = 0; y < ny; ++y)
        yt->addTick(y, QStringLiteral("%1%").arg(contextplot::num(m_mapDepths[y] * 100, 4)));
    plot->xAxis->setTicker(xt);
    plot->yAxis->setTicker(yt);
    m_map->setVisible(nx > 0 && ny > 0);
    updatePlaceholders();
    plot->replot(QCustomPlot::rpQueuedReplot);
}

double ExperimentCharts::heatmapCell(int lengthIndex, int depthIndex) const
{
    if (lengthIndex < 0 || lengthIndex >= m_mapLengths.size() || depthIndex < 0 || depthIndex >= m_mapDepths.size())
        return std::numeric_limits<double>::quiet_NaN();
    return m_map->data()->cell(lengthIndex, depthIndex);
}

bool ExperimentCharts::saveChart(Chart chart, const QString &path)
{
    QCustomPlot *p = plot(chart);
    if (!p)
        return false;
    // A hidden chart has no useful size of its own.
    const int w = p->width() >= 300 ? p->width() : 900;
    const int h = p->height() >= 200 ? p->height() : 560;
    if (QFileInfo(path).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0)
        return p->savePdf(path, w, h, QCP::epNoCosmetic, QStringLiteral("SFT Workbench"), m_tabs->tabText(int(chart)));
    return p->savePng(path, w, h);
}

void ExperimentCharts::retranslate()
{
    m_tabs->setTabText(PerplexityChart, tr("Perplexity by length"));
    m_tabs->setTabText(PositionChart, tr("Loss by position"));
    m_tabs->setTabText(PasskeyLengthChart, tr("Passkey by length"));
    m_tabs->setTabText(PasskeyHeatmapChart, tr("Passkey heatmap"));
    QCustomPlot *ppl = m_plots[PerplexityChart], *pos = m_plots[PositionChart], *keyLength = m_plots[PasskeyLengthChart],
                *key = m_plots[PasskeyHeatmapChart];
    ppl->xAxis->setLabel(tr("Window length (tokens)"));
    ppl->yAxis->setLabel(tr("Perplexity"));
    pos->xAxis->setLabel(tr("Position in the window (tokens)"));
    pos->yAxis->setLabel(tr("Mean loss (nats)"));
    keyLength->xAxis->setLabel(tr("Prompt length (tokens)"));
    keyLength->yAxis->setLabel(tr("Key found (% of trials, all depths)"));
    key->xAxis->setLabel(tr("Prompt length (tokens)"));
    key->yAxis->setLabel(tr("Depth of the key (% of the filler)"));
    m_logY->setText(tr("Logarithmic perplexity axis"));
    m_lengthLabel->setText(tr("Window length:"));
    m_lengthCombo->setToolTip(tr("The loss by position of the windows of this length."));
    m_smooth->setText(tr("Smooth"));
    m_smooth->setToolTip(tr("Draw a moving average over a few neighbouring positions (the exported CSV keeps the "
                            "measured values)."));
    m_configLabel->setText(tr("Configuration:"));
    placeMaxLines();  // the captions
    m_passkeyNote->setText(tr("Share of all trials at a prompt length whose answer contained the key, every depth "
                              "together; one line per configuration."));
    m_heatmapNote->setText(tr("Share of trials whose answer contained the key, by prompt length (columns) and "
                              "where in the filler the key was (rows: 0% = at the start, 100% = at the end)."));
    const QString lineTip = tr("Dashed line: the model's max_position_embeddings, the context it was trained with.");
    for (QCustomPlot *plot : {ppl, pos, keyLength})
        plot->setToolTip(lineTip);
    updatePlaceholders();
    for (QCustomPlot *plot : m_plots)
        plot->replot(QCustomPlot::rpQueuedReplot);
}

void ExperimentCharts::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_tabs)
        retranslate();
    QWidget::changeEvent(event);
}
