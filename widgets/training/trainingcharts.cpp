#include "training/trainingcharts.h"

#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "qcustomplot.h"

namespace {

// Okabe–Ito: distinguishable with the common colour-vision deficiencies.
// Yellow goes last: it is the hardest to read on white.
const std::array<QColor, 8> kPalette = {
    QColor(0, 114, 178),   // blue
    QColor(213, 94, 0),    // vermillion
    QColor(0, 158, 115),   // bluish green
    QColor(204, 121, 167), // reddish purple
    QColor(230, 159, 0),   // orange
    QColor(86, 180, 233),  // sky blue
    QColor(0, 0, 0),       // black
    QColor(240, 228, 66),  // yellow
};

enum Panel { LossPanel, LrPanel, GradPanel, TpsPanel, PanelCount };

constexpr int kReplotDelayMs = 100;

/** Learning rates read as "2e-4", the way they are written in configs, and zero as "0". */
class LearningRateTicker : public QCPAxisTicker
{
protected:
    QString getTickLabel(double tick, const QLocale &, QChar, int) override
    {
        if (std::abs(tick) < 1e-15)
            return QStringLiteral("0");
        // 1.50e-04 -> 1.5e-4
        QString text = QString::number(tick, 'e', 2);
        const qsizetype e = text.indexOf(QLatin1Char('e'));
        QString mantissa = text.left(e);
        while (mantissa.endsWith(QLatin1Char('0')))
            mantissa.chop(1);
        if (mantissa.endsWith(QLatin1Char('.')))
            mantissa.chop(1);
        return mantissa + QLatin1Char('e') + QString::number(text.mid(e + 1).toInt());
    }
};

/** Throughput as "12k" rather than "12000": short labels leave the small panel room for its curve. */
class CompactCountTicker : public QCPAxisTicker
{
protected:
    QString getTickLabel(double tick, const QLocale &, QChar, int) override
    {
        const double a = std::abs(tick);
        if (a >= 1e6)
            return QString::number(tick / 1e6, 'g', 3) + QLatin1Char('M');
        if (a >= 1e3)
            return QString::number(tick / 1e3, 'g', 3) + QLatin1Char('k');
        return QString::number(tick, 'g', 3);
    }
};

} // namespace

struct TrainingCharts::Private
{
    struct Run
    {
        QString label;
        int colour = 0;
        QCPGraph *raw = nullptr;
        QCPGraph *smooth = nullptr;
        QCPGraph *eval = nullptr;
        QCPGraph *lr = nullptr;
        QCPGraph *grad = nullptr;
        QCPGraph *tps = nullptr;
        // Running EMA state, so a streamed point costs O(1); rebuilt from the
        // raw series whenever the weight changes or the tail is cut.
        double emaLast = 0;
        int emaCount = 0;
        double lastLossStep = -std::numeric_limits<double>::infinity();

        QList<QCPGraph *> graphs() const { return {raw, smooth, eval, lr, grad, tps}; }
        QCPGraph *graph(Metric metric) const
        {
            switch (metric) {
            case Metric::Loss: return raw;
            case Metric::SmoothedLoss: return smooth;
            case Metric::EvalLoss: return eval;
            case Metric::LearningRate: return lr;
            case Metric::GradNorm: return grad;
            case Metric::TokensPerSecond: return tps;
            }
            return nullptr;
        }
    };

    QCustomPlot *plot = nullptr;
    std::array<QCPAxisRect *, PanelCount> rects{};
    QTimer *replotTimer = nullptr;
    QLabel *smoothingLabel = nullptr;
    QSlider *smoothingSlider = nullptr;
    QDoubleSpinBox *smoothingSpin = nullptr;
    QPushButton *resetButton = nullptr;
    QPushButton *exportButton = nullptr;

    QHash<QString, Run> runs;
    QStringList order;
    double smoothing = 0.6;
    bool follow = true;

    void recomputeSmoothing(Run &run) const;
    double smoothOne(Run &run, double value) const;
};

double TrainingCharts::Private::smoothOne(Run &run, double value) const
{
    // TensorBoard's debiased EMA: the zero start would drag the first points
    // towards 0, dividing by 1 - w^n undoes that bias.
    run.emaLast = run.emaLast * smoothing + (1 - smoothing) * value;
    ++run.emaCount;
    const double debias = 1 - std::pow(smoothing, run.emaCount);
    return debias > 0 ? run.emaLast / debias : value;
}

void TrainingCharts::Private::recomputeSmoothing(Run &run) const
{
    run.emaLast = 0;
    run.emaCount = 0;
    run.lastLossStep = -std::numeric_limits<double>::infinity();
    const QSharedPointer<QCPGraphDataContainer> raw = run.raw->data();
    QVector<double> keys, values;
    keys.reserve(raw->size());
    values.reserve(raw->size());
    for (auto it = raw->constBegin(); it != raw->constEnd(); ++it) {
        keys.push_back(it->key);
        values.push_back(smoothOne(run, it->value));
        run.lastLossStep = it->key;
    }
    run.smooth->setData(keys, values, true);
}

TrainingCharts::TrainingCharts(QWidget *parent) : QWidget(parent), d(new Private)
{
    setObjectName(QStringLiteral("trainingCharts"));

    d->smoothingLabel = new QLabel(this);
    d->smoothingSlider = new QSlider(Qt::Horizontal, this);
    d->smoothingSlider->setObjectName(QStringLiteral("smoothingSlider"));
    d->smoothingSlider->setRange(0, 99);
    d->smoothingSlider->setMaximumWidth(220);
    d->smoothingSpin = new QDoubleSpinBox(this);
    d->smoothingSpin->setObjectName(QStringLiteral("smoothingSpin"));
    d->smoothingSpin->setRange(0, 0.99);
    d->smoothingSpin->setSingleStep(0.05);
    d->smoothingSpin->setDecimals(2);
    d->smoothingLabel->setBuddy(d->smoothingSpin);
    d->resetButton = new QPushButton(this);
    d->resetButton->setObjectName(QStringLiteral("resetViewButton"));
    d->exportButton = new QPushButton(this);
    d->exportButton->setObjectName(QStringLiteral("exportChartsButton"));

    auto *toolbar = new QHBoxLayout;
    toolbar->setContentsMargins(6, 4, 6, 0);
    toolbar->addWidget(d->smoothingLabel);
    toolbar->addWidget(d->smoothingSlider);
    toolbar->addWidget(d->smoothingSpin);
    toolbar->addStretch(1);
    toolbar->addWidget(d->resetButton);
    toolbar->addWidget(d->exportButton);

    d->plot = new QCustomPlot(this);
    d->plot->setObjectName(QStringLiteral("trainingCustomPlot"));
    d->plot->setMinimumHeight(360);
    d->plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);

    // Layout: the legend in a thin row on top, where it never covers a line,
    // then the four panels; a margin group lines up their left axes.
    QCPLayoutGrid *layout = d->plot->plotLayout();
    QCPAxisRect *first = d->plot->axisRect();
    first->insetLayout()->take(d->plot->legend);
    layout->take(first);
    layout->simplify();
    auto *legendRow = new QCPLayoutGrid;
    layout->addElement(0, 0, legendRow);
    legendRow->setMargins(QMargins(5, 5, 5, 0));
    legendRow->addElement(0, 0, d->plot->legend);
    // An empty cell takes the spare width, so the run labels sit together on the left.
    legendRow->addElement(0, 1, new QCPLayoutElement(d->plot)); // (an empty grid's maximum size is 0)
    legendRow->setColumnStretchFactor(0, 0.001);
    legendRow->setColumnStretchFactor(1, 1);
    d->plot->legend->setVisible(true);
    d->plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    d->plot->legend->setBorderPen(Qt::NoPen);
    d->plot->legend->setBrush(Qt::NoBrush);
    d->plot->legend->setColumnSpacing(18);
    layout->setRowStretchFactor(0, 0.001);
    layout->setRowSpacing(0);

    auto *margins = new QCPMarginGroup(d->plot);
    QSharedPointer<QCPAxisTickerFixed> stepTicker(new QCPAxisTickerFixed);
    stepTicker->setTickStep(1);
    stepTicker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    for (int i = 0; i < PanelCount; ++i) {
        QCPAxisRect *rect = i == 0 ? first : new QCPAxisRect(d->plot);
        d->rects[i] = rect;
        layout->addElement(i + 1, 0, rect);
        layout->setRowStretchFactor(i + 1, i == LossPanel ? 1.8 : 1.0);
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
        rect->setRangeDrag(Qt::Horizontal);
        rect->setRangeZoom(Qt::Horizontal);
        QCPAxis *x = rect->axis(QCPAxis::atBottom);
        x->setTicker(stepTicker);
        x->setNumberFormat(QStringLiteral("f"));
        x->setNumberPrecision(0);
        x->setRange(0, 1);
        // Only the bottom panel carries step labels; the grid lines still line up above.
        x->setTickLabels(i == PanelCount - 1);
        rect->axis(QCPAxis::atLeft)->setNumberPrecision(3);
        if (i == LrPanel) {
            rect->axis(QCPAxis::atLeft)->setTicker(QSharedPointer<QCPAxisTicker>(new LearningRateTicker));
            rect->axis(QCPAxis::atLeft)->setNumberFormat(QStringLiteral("g")); // no "·10ⁿ" rewriting
        }
        if (i == TpsPanel) // "3k", not "3·10³" or "3000"
            rect->axis(QCPAxis::atLeft)->setTicker(QSharedPointer<QCPAxisTicker>(new CompactCountTicker));
        // The three small panels get few ticks, so their labels never run into each other.
        if (i != LossPanel)
            rect->axis(QCPAxis::atLeft)->ticker()->setTickCount(3);
        if (i != PanelCount - 1) {
            rect->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msTop);
            rect->setMargins(QMargins(0, 0, 0, 6));
        }
    }
    // Shared step axis: QCPAxis::setRange returns early on an equal range, so
    // the links do not recurse.
    for (QCPAxisRect *rect : d->rects) {
        connect(rect->axis(QCPAxis::atBottom), qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
                [this](const QCPRange &range) {
                    for (QCPAxisRect *other : d->rects)
                        other->axis(QCPAxis::atBottom)->setRange(range);
                    scheduleReplot();
                });
    }

    // The user takes over the view on any drag or zoom; Ctrl switches both to
    // the value axis (the default is horizontal, along the steps).
    const auto userTakesOver = [this](Qt::KeyboardModifiers modifiers) {
        const Qt::Orientation o = modifiers & Qt::ControlModifier ? Qt::Vertical : Qt::Horizontal;
        for (QCPAxisRect *rect : d->rects) {
            rect->setRangeDrag(o);
            rect->setRangeZoom(o);
        }
        setFollow(false);
    };
    connect(d->plot, &QCustomPlot::mousePress, this,
            [userTakesOver](QMouseEvent *event) { userTakesOver(event->modifiers()); });
    connect(d->plot, &QCustomPlot::mouseWheel, this,
            [userTakesOver](QWheelEvent *event) { userTakesOver(event->modifiers()); });
    connect(d->plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent *) { resetView(); });

    d->replotTimer = new QTimer(this);
    d->replotTimer->setSingleShot(true);
    d->replotTimer->setInterval(kReplotDelayMs);
    connect(d->replotTimer, &QTimer::timeout, this, &TrainingCharts::replotNow);

    connect(d->smoothingSlider, &QSlider::valueChanged, this, [this](int v) { setSmoothing(v / 100.0); });
    connect(d->smoothingSpin, &QDoubleSpinBox::valueChanged, this, [this](double v) { setSmoothing(v); });
    connect(d->resetButton, &QPushButton::clicked, this, &TrainingCharts::resetView);
    connect(d->exportButton, &QPushButton::clicked, this, &TrainingCharts::exportWithDialog);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(toolbar);
    outer->addWidget(d->plot, 1);

    {
        const QSignalBlocker b1(d->smoothingSlider);
        const QSignalBlocker b2(d->smoothingSpin);
        d->smoothingSlider->setValue(qRound(d->smoothing * 100));
        d->smoothingSpin->setValue(d->smoothing);
    }
    retranslate();
}

TrainingCharts::~TrainingCharts()
{
    delete d;
}

void TrainingCharts::addRun(const QString &runId, const QString &label)
{
    if (d->runs.contains(runId))
        return;
    // The first palette colour no current run uses: after clear() runs start from blue again.
    QVector<bool> used(int(kPalette.size()), false);
    for (const Private::Run &r : std::as_const(d->runs))
        used[r.colour % int(kPalette.size())] = true;
    int colour = int(d->order.size());
    for (int i = 0; i < int(kPalette.size()); ++i) {
        if (!used[i]) {
            colour = i;
            break;
        }
    }
    const QColor c = kPalette[size_t(colour % int(kPalette.size()))];

    Private::Run run;
    run.label = label;
    run.colour = colour;
    const auto addGraph = [this](Panel panel) {
        QCPAxisRect *rect = d->rects[panel];
        QCPGraph *g = d->plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        g->removeFromLegend();
        return g;
    };
    QColor faint = c;
    faint.setAlpha(70);
    run.raw = addGraph(LossPanel);
    run.raw->setPen(QPen(faint, 1));
    run.smooth = addGraph(LossPanel);
    run.smooth->setPen(QPen(c, 2.2));
    run.eval = addGraph(LossPanel);
    QPen dashed(c, 1.5, Qt::DashLine);
    run.eval->setPen(dashed);
    run.eval->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, c, Qt::white, 7));
    run.lr = addGraph(LrPanel);
    run.lr->setPen(QPen(c, 1.5));
    run.grad = addGraph(GradPanel);
    run.grad->setPen(QPen(c, 1.2));
    run.tps = addGraph(TpsPanel);
    run.tps->setPen(QPen(c, 1.2));
    // One legend entry per run: the smoothed loss line stands for all of its graphs.
    run.smooth->setName(label);
    run.smooth->addToLegend();
    d->runs.insert(runId, run);
    d->order.append(runId);
    scheduleReplot();
}

void TrainingCharts::removeRun(const QString &runId)
{
    const auto it = d->runs.find(runId);
    if (it == d->runs.end())
        return;
    for (QCPGraph *g : it->graphs())
        d->plot->removeGraph(g);
    d->runs.erase(it);
    d->order.removeAll(runId);
    scheduleReplot();
}

void TrainingCharts::clear()
{
    const QStringList ids = d->order;
    for (const QString &id : ids)
        removeRun(id);
}

QStringList TrainingCharts::runs() const
{
    return d->order;
}

void TrainingCharts::appendStep(const QString &runId, double step, double loss, double lr, double gradNorm,
                                double tokensPerSecond)
{
    const auto it = d->runs.find(runId);
    if (it == d->runs.end() || !std::isfinite(step))
        return;
    Private::Run &run = *it;
    if (std::isfinite(loss)) {
        run.raw->addData(step, loss);
        if (step >= run.lastLossStep) {
            run.smooth->addData(step, d->smoothOne(run, loss));
            run.lastLossStep = step;
        } else {
            d->recomputeSmoothing(run); // an out-of-order step changes every later average
        }
    }
    if (std::isfinite(lr))
        run.lr->addData(step, lr);
    if (std::isfinite(gradNorm))
        run.grad->addData(step, gradNorm);
    if (std::isfinite(tokensPerSecond))
        run.tps->addData(step, tokensPerSecond);
    scheduleReplot();
}

void TrainingCharts::appendEval(const QString &runId, double step, double evalLoss)
{
    const auto it = d->runs.find(runId);
    if (it == d->runs.end() || !std::isfinite(step) || !std::isfinite(evalLoss))
        return;
    it->eval->addData(step, evalLoss);
    scheduleReplot();
}

void TrainingCharts::truncateAfter(const QString &runId, double step)
{
    const auto it = d->runs.find(runId);
    if (it == d->runs.end())
        return;
    for (QCPGraph *g : it->graphs())
        g->data()->removeAfter(step);
    d->recomputeSmoothing(*it);
    scheduleReplot();
}

void TrainingCharts::setSmoothing(double weight)
{
    weight = std::clamp(std::isfinite(weight) ? weight : 0.0, 0.0, 0.99);
    {
        const QSignalBlocker b1(d->smoothingSlider);
        const QSignalBlocker b2(d->smoothingSpin);
        d->smoothingSlider->setValue(qRound(weight * 100));
        d->smoothingSpin->setValue(weight);
    }
    if (weight == d->smoothing)
        return;
    d->smoothing = weight;
    for (Private::Run &run : d->runs)
        d->recomputeSmoothing(run);
    scheduleReplot();
    Q_EMIT smoothingChanged(weight);
}

double TrainingCharts::smoothing() const
{
    return d->smoothing;
}

void TrainingCharts::setFollow(bool follow)
{
    if (follow == d->follow)
        return;
    d->follow = follow;
    if (follow)
        scheduleReplot();
    Q_EMIT followChanged(follow);
}

bool TrainingCharts::follow() const
{
    return d->follow;
}

void TrainingCharts::resetView()
{
    for (QCPAxisRect *rect : d->rects) {
        rect->setRangeDrag(Qt::Horizontal);
        rect->setRangeZoom(Qt::Horizontal);
    }
    setFollow(true);
    replotNow();
}

void TrainingCharts::applyFollow()
{
    double lo = 0, hi = 0;
    bool any = false;
    for (const Private::Run &run : std::as_const(d->runs)) {
        for (QCPGraph *g : run.graphs()) {
            if (g->data()->isEmpty())
                continue;
            lo = std::min(lo, g->data()->constBegin()->key);
            hi = std::max(hi, (g->data()->constEnd() - 1)->key);
            any = true;
        }
    }
    if (!any || hi <= lo)
        hi = lo + 1;
    const double margin = (hi - lo) * 0.02;
    d->rects[0]->axis(QCPAxis::atBottom)->setRange(lo, hi + margin); // the links move the rest

    const QCPRange keys(lo, hi + margin);
    for (int i = 0; i < PanelCount; ++i) {
        QCPAxis *y = d->rects[i]->axis(QCPAxis::atLeft);
        QCPRange range;
        bool found = false;
        for (QCPAbstractPlottable *p : y->plottables()) {
            bool ok = false;
            const QCPRange r = p->getValueRange(ok, QCP::sdBoth, keys);
            if (!ok)
                continue;
            range = found ? QCPRange(std::min(range.lower, r.lower), std::max(range.upper, r.upper)) : r;
            found = true;
        }
        if (!found) {
            y->setRange(0, 1);
            continue;
        }
        // Learning rate, grad norm and throughput are non-negative: show their zero.
        if (i != LossPanel && range.lower > 0)
            range.lower = 0;
        double span = range.size();
        if (span <= 0)
            span = std::max(std::abs(range.upper) * 0.1, 1e-12);
        y->setRange(range.lower - (i == LossPanel || range.lower < 0 ? span * 0.05 : 0), range.upper + span * 0.08);
    }
}

void TrainingCharts::scheduleReplot()
{
    if (!d->replotTimer->isActive())
        d->replotTimer->start();
}

void TrainingCharts::replotNow()
{
    d->replotTimer->stop();
    if (d->follow)
        applyFollow();
    d->plot->replot();
    d->replotTimer->stop(); // the range links above scheduled another one
}

bool TrainingCharts::exportTo(const QString &path, int width, int height)
{
    if (width <= 0 || height <= 0)
        return false;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("pdf"))
        return false;
    if (d->follow)
        applyFollow();
    d->replotTimer->stop();
    if (suffix == QLatin1String("png"))
        return d->plot->savePng(path, width, height);
    return d->plot->savePdf(path, width, height, QCP::epAllowCosmetic, QStringLiteral("SFT Workbench"),
                            tr("Training charts"));
}

void TrainingCharts::exportWithDialog()
{
    QString filter;
    QString path = QFileDialog::getSaveFileName(this, tr("Export charts"), QString(),
                                                tr("PNG image (*.png);;PDF document (*.pdf)"), &filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += filter.contains(QLatin1String("*.pdf")) ? QStringLiteral(".pdf") : QStringLiteral(".png");
    if (!exportTo(path))
        QMessageBox::warning(this, tr("Export charts"), tr("Could not write %1.").arg(path));
}

int TrainingCharts::pointCount(const QString &runId, Metric metric) const
{
    const auto it = d->runs.constFind(runId);
    return it == d->runs.constEnd() ? 0 : it->graph(metric)->data()->size();
}

double TrainingCharts::lastValue(const QString &runId, Metric metric) const
{
    const auto it = d->runs.constFind(runId);
    if (it == d->runs.constEnd() || it->graph(metric)->data()->isEmpty())
        return std::numeric_limits<double>::quiet_NaN();
    return (it->graph(metric)->data()->constEnd() - 1)->value;
}

void TrainingCharts::retranslate()
{
    d->smoothingLabel->setText(tr("&Smoothing"));
    d->smoothingSlider->setToolTip(tr("Exponential moving average of the train loss (0 = raw)"));
    d->smoothingSpin->setToolTip(d->smoothingSlider->toolTip());
    d->resetButton->setText(tr("Reset view"));
    d->resetButton->setToolTip(tr("Fit all data and follow the newest step (also: double-click a plot)"));
    d->exportButton->setText(tr("Export…"));
    d->plot->setToolTip(tr("Drag to pan, wheel to zoom the steps; hold Ctrl for the value axis"));
    d->rects[LossPanel]->axis(QCPAxis::atLeft)->setLabel(tr("Loss"));
    d->rects[LrPanel]->axis(QCPAxis::atLeft)->setLabel(tr("Learning rate"));
    d->rects[GradPanel]->axis(QCPAxis::atLeft)->setLabel(tr("Grad norm"));
    d->rects[TpsPanel]->axis(QCPAxis::atLeft)->setLabel(tr("Tokens/s"));
    d->rects[TpsPanel]->axis(QCPAxis::atBottom)->setLabel(tr("Step"));
    scheduleReplot();
}

void TrainingCharts::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
