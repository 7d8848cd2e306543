#include "context/ropeview.h"

#include <QDoubleSpinBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "common/panelutil.h"
#include "context/plotutil.h"
#include "model/position_math.h"
#include "qcustomplot.h"

namespace {

namespace posmath = sft::model::posmath;
using Type = sft::model::RopeScaling::Type;

constexpr double kTwoPi = 6.28318530717958647692;
constexpr Type kVariants[] = {Type::None, Type::Linear, Type::Dynamic, Type::Yarn, Type::Llama3};

int variantIndex(Type type)
{
    for (int i = 0; i < 5; ++i)
        if (kVariants[i] == type)
            return i;
    return 0;
}

/** "10⁴", "10⁻³". */
QString powerOfTen(int k)
{
    static const QChar digits[] = {QChar(0x2070), QChar(0x00B9), QChar(0x00B2), QChar(0x00B3), QChar(0x2074),
                                   QChar(0x2075), QChar(0x2076), QChar(0x2077), QChar(0x2078), QChar(0x2079)};
    QString exponent = k < 0 ? QString(QChar(0x207B)) : QString();
    for (const QChar c : QString::number(std::abs(k)))
        exponent += digits[c.digitValue()];
    return QStringLiteral("10") + exponent;
}

/** A number for the notes: as is up to a million, then "6.2·10⁸". */
QString readable(double v)
{
    if (std::abs(v) < 1e6)
        return contextplot::num(v);
    const int k = int(std::floor(std::log10(std::abs(v))));
    return contextplot::num(v / std::pow(10.0, k), 3) + QChar(0x00B7) + powerOfTen(k);
}

/** Powers of ten as 0.01 … 1000, then 10⁴, 10⁻³ (QCustomPlot's "eb" format shows 1E+05 with Qt 6). */
class PowerOfTenTicker : public QCPAxisTickerLog
{
protected:
    QString getTickLabel(double tick, const QLocale &, QChar, int) override
    {
        const int k = int(std::lround(std::log10(tick)));
        return k >= -2 && k <= 3 ? contextplot::num(tick) : powerOfTen(k);
    }
};

void setupLogY(QCustomPlot *plot)
{
    plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<PowerOfTenTicker> ticker(new PowerOfTenTicker);
    ticker->setLogBase(10);
    ticker->setSubTickCount(8);
    plot->yAxis->setTicker(ticker);
}

QCPGraph *addCurve(QCustomPlot *plot, const QColor &color, Qt::PenStyle style = Qt::SolidLine, double width = 2)
{
    QCPGraph *g = plot->addGraph();
    QPen pen(color);
    pen.setWidthF(width);
    pen.setStyle(style);
    g->setPen(pen);
    return g;
}

void setCurve(QCPGraph *graph, const std::vector<double> &values)
{
    QVector<double> keys, vals;
    for (std::size_t i = 0; i < values.size(); ++i) {
        keys << double(i);
        vals << values[i];
    }
    graph->setData(keys, vals, true);
}

/** A horizontal reference line at y with a label at its right (or left) end. */
void addLevel(QCustomPlot *plot, double y, const QString &text, const QColor &color, bool left = false)
{
    auto *line = new QCPItemStraightLine(plot);
    line->point1->setCoords(0, y);
    line->point2->setCoords(1, y);
    QPen pen(color);
    pen.setStyle(Qt::DashLine);
    line->setPen(pen);
    line->setSelectable(false);
    auto *label = new QCPItemText(plot);
    label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    label->position->setTypeY(QCPItemPosition::ptPlotCoords);
    label->position->setCoords(left ? 0.02 : 0.98, y);
    label->setPositionAlignment((left ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignBottom);
    label->setText(text);
    label->setColor(color);
    label->setSelectable(false);
}

/** Log y range over the graphs and the reference levels, with some room, and headroom (a fraction of the span) on top. */
void fitLogRange(QCustomPlot *plot, double lo, double hi, double headroom = 0)
{
    for (int i = 0; i < plot->graphCount(); ++i) {
        bool found = false;
        const QCPRange r = plot->graph(i)->getValueRange(found, QCP::sdPositive);
        if (found) {
            lo = std::min(lo, r.lower);
            hi = std::max(hi, r.upper);
        }
    }
    const double span = std::log10(hi * 9 / lo);
    plot->yAxis->setRange(lo / 3, hi * 3 * std::pow(10.0, span * headroom));
}

using contextplot::num;

} // namespace

RopeView::RopeView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("ropeView"));

    // The parameters, one row.
    m_thetaLabel = new QLabel(this);
    m_theta = new QDoubleSpinBox(this);
    m_theta->setObjectName(QStringLiteral("ropeThetaSpin"));
    m_theta->setRange(2, 1e9);
    m_theta->setDecimals(0);
    m_theta->setValue(10000);
    m_headDimLabel = new QLabel(this);
    m_headDim = new QSpinBox(this);
    m_headDim->setObjectName(QStringLiteral("ropeHeadDimSpin"));
    m_headDim->setRange(4, 1024);
    m_headDim->setSingleStep(2);
    m_headDim->setValue(128);
    m_windowLabel = new QLabel(this);
    m_window = new QSpinBox(this);
    m_window->setObjectName(QStringLiteral("ropeWindowSpin"));
    m_window->setRange(16, 100000000);
    m_window->setValue(2048);
    m_factorLabel = new QLabel(this);
    m_factor = new QDoubleSpinBox(this);
    m_factor->setObjectName(QStringLiteral("ropeFactorSpin"));
    m_factor->setRange(1, 1024);
    m_factor->setDecimals(3);
    m_factor->setSingleStep(0.5);
    m_factor->setValue(4);
    m_targetLabel = new QLabel(this);
    m_target = new QSpinBox(this);
    m_target->setObjectName(QStringLiteral("ropeTargetSpin"));
    // L′ < L would be a compression (s < 1), which no scaling does: L′ starts at L.
    m_target->setRange(m_window->value(), 1000000000);
    m_target->setValue(8192);
    m_positionLabel = new QLabel(this);
    m_position = new QSpinBox(this);
    m_position->setObjectName(QStringLiteral("ropePositionSpin"));
    m_position->setRange(1, 1000000000);
    m_position->setValue(6144);
    auto *params = new QGridLayout;
    const QList<QPair<QLabel *, QWidget *>> fields = {{m_thetaLabel, m_theta},   {m_headDimLabel, m_headDim},
                                                       {m_windowLabel, m_window}, {m_factorLabel, m_factor},
                                                       {m_targetLabel, m_target}, {m_positionLabel, m_position}};
    for (int i = 0; i < fields.size(); ++i) {
        fields[i].first->setBuddy(fields[i].second);
        params->addWidget(fields[i].first, 0, 2 * i);
        params->addWidget(fields[i].second, 0, 2 * i + 1);
    }
    params->setColumnStretch(2 * int(fields.size()), 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    const Column wave = makeColumn(split, QStringLiteral("ropeWavelengthPlot"));
    m_waveTitle = wave.title;
    m_waveNote = wave.note;
    m_wavePlot = wave.plot;
    const Column angle = makeColumn(split, QStringLiteral("ropeAnglePlot"));
    m_angleTitle = angle.title;
    m_angleNote = angle.note;
    m_angleNote->setObjectName(QStringLiteral("ropeFoldLabel"));
    m_anglePlot = angle.plot;
    const Column variant = makeColumn(split, QStringLiteral("ropeVariantPlot"));
    m_variantTitle = variant.title;
    m_variantNote = variant.note;
    m_variantPlot = variant.plot;

    m_waveGraph = addCurve(m_wavePlot, QColor(31, 119, 180));
    m_waveGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 3));
    m_angleGraphs[int(AngleCurve::Before)] = addCurve(m_anglePlot, QColor(214, 39, 40));
    m_angleGraphs[int(AngleCurve::After)] = addCurve(m_anglePlot, QColor(31, 119, 180));
    m_angleGraphs[int(AngleCurve::TrainedMax)] = addCurve(m_anglePlot, QColor(90, 90, 90), Qt::DashLine, 1.5);
    const QColor variantColors[] = {QColor(120, 120, 120), QColor(31, 119, 180), QColor(44, 160, 44),
                                    QColor(255, 127, 14), QColor(148, 103, 189)};
    const Qt::PenStyle variantStyles[] = {Qt::DotLine, Qt::SolidLine, Qt::SolidLine, Qt::SolidLine, Qt::DashLine};
    for (int i = 0; i < 5; ++i)
        m_variantGraphs[i] = addCurve(m_variantPlot, variantColors[i], variantStyles[i]);
    // Legends where the curves are not: angles fall with i (top right, with headroom), wavelengths rise (top left).
    for (QCustomPlot *plot : {m_anglePlot, m_variantPlot}) {
        plot->legend->setVisible(true);
        QFont small = plot->font();
        small.setPointSizeF(small.pointSizeF() - 1);
        plot->legend->setFont(small);
        plot->legend->setBrush(QColor(255, 255, 255, 220));
        plot->axisRect()->insetLayout()->setInsetAlignment(
            0, Qt::AlignTop | (plot == m_anglePlot ? Qt::AlignRight : Qt::AlignLeft));
    }
    for (QCustomPlot *plot : {m_wavePlot, m_anglePlot, m_variantPlot}) {
        setupLogY(plot);
        // Pairs are counted: whole-number ticks only.
        QSharedPointer<QCPAxisTickerFixed> pairs(new QCPAxisTickerFixed);
        pairs->setTickStep(1);
        pairs->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        plot->xAxis->setTicker(pairs);
    }

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(params);
    layout->addWidget(split, 1);

    // s and L′ are two views of one number: editing either sets the other; m_scale keeps the factor exact
    // (the spin box rounds it) so that a new L keeps it.
    connect(m_factor, &QDoubleSpinBox::valueChanged, this, [this](double s) {
        if (m_syncing)
            return;
        m_scale = s;
        m_syncing = true;
        m_target->setValue(int(std::lround(m_window->value() * s)));
        m_syncing = false;
        recompute();
    });
    connect(m_target, &QSpinBox::valueChanged, this, [this](int target) {
        if (m_syncing)
            return;
        m_scale = double(target) / m_window->value();
        m_syncing = true;
        m_factor->setValue(m_scale);
        m_syncing = false;
        recompute();
    });
    connect(m_window, &QSpinBox::valueChanged, this, [this](int window) {
        if (m_syncing)
            return;
        m_syncing = true;
        m_target->setMinimum(window);
        m_target->setValue(int(std::lround(window * m_scale)));
        m_syncing = false;
        recompute();
    });
    connect(m_theta, &QDoubleSpinBox::valueChanged, this, &RopeView::recompute);
    connect(m_headDim, &QSpinBox::valueChanged, this, &RopeView::recompute);
    connect(m_position, &QSpinBox::valueChanged, this, &RopeView::recompute);

    retranslate();
}

RopeView::Column RopeView::makeColumn(QWidget *parent, const QString &objectName)
{
    auto *box = new QWidget(parent);
    Column c;
    c.title = titleLabel(box);
    c.plot = new QCustomPlot(box);
    c.plot->setObjectName(objectName);
    c.plot->setMinimumSize(240, 220);
    c.note = new QLabel(box);
    c.note->setWordWrap(true);
    c.note->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->addWidget(c.title);
    layout->addWidget(c.plot, 1);
    layout->addWidget(c.note);
    return c;
}

void RopeView::setModel(double theta, int headDim, int window, const sft::model::RopeScaling &scaling)
{
    m_modelScaling = scaling;
    m_syncing = true;
    m_theta->setValue(theta);
    m_headDim->setValue(headDim);
    m_window->setValue(scaling.originalMaxPositions > 0 ? int(scaling.originalMaxPositions) : window);
    m_target->setMinimum(m_window->value());
    const double s = scaling.type != Type::None && scaling.factor > 1 ? scaling.factor : 4.0;
    m_scale = s;
    m_factor->setValue(s);
    m_target->setValue(int(std::lround(m_window->value() * s)));
    // A position past the training window and inside the target one.
    m_position->setValue(int(std::lround(m_window->value() * (1 + s) / 2)));
    m_syncing = false;
    recompute();
}

double RopeView::theta() const { return m_theta->value(); }
int RopeView::headDim() const { return m_headDim->value() & ~1; }
int RopeView::window() const { return m_window->value(); }
double RopeView::factor() const { return double(m_target->value()) / m_window->value(); }
int RopeView::targetWindow() const { return m_target->value(); }
int RopeView::position() const { return m_position->value(); }
void RopeView::setFactor(double factor) { m_factor->setValue(factor); }
void RopeView::setPosition(int position) { m_position->setValue(position); }

QCPGraph *RopeView::angleGraph(AngleCurve curve) const { return m_angleGraphs[int(curve)]; }
QCPGraph *RopeView::variantGraph(Type type) const { return m_variantGraphs[variantIndex(type)]; }

sft::model::RopeScaling RopeView::scalingOf(Type type) const
{
    sft::model::RopeScaling s;
    if (type == m_modelScaling.type)
        s = m_modelScaling;  // its llama3 frequency factors, YaRN betas
    s.type = type;
    s.factor = factor();
    s.originalMaxPositions = window();
    return s;
}

sft::model::ModelConfig RopeView::configOf(Type type) const
{
    sft::model::ModelConfig c;
    c.ropeTheta = theta();
    c.headDim = headDim();
    c.maxPositions = window();
    c.ropeScaling = scalingOf(type);
    return c;
}

void RopeView::recompute()
{
    if (m_syncing)
        return;
    updateWavelengths();
    updateAngles();
    updateVariants();
}

void RopeView::updateWavelengths()
{
    const std::vector<double> inv = posmath::ropeBaseFrequencies(theta(), headDim());
    const std::vector<double> wave = posmath::wavelengths(inv);
    setCurve(m_waveGraph, wave);
    const int L = window();
    const auto longer = std::count_if(wave.begin(), wave.end(), [L](double w) { return w > L; });
    m_wavePlot->clearItems();
    addLevel(m_wavePlot, L, tr("L = %1").arg(L), QColor(200, 0, 0));
    m_wavePlot->xAxis->setRange(-0.5, double(wave.size()) - 0.5);
    fitLogRange(m_wavePlot, L, L);
    m_waveNote->setText(
        tr("Pair i turns by θ_i = θ^(−2i/d) radians per position, one full turn every 2π/θ_i positions "
           "(its wavelength). %1 of %2 pairs have a wavelength longer than the training window L = %3: in "
           "training they never completed a turn, so their angle tells absolute position, and positions past L "
           "give them angles the model has never seen.")
            .arg(longer)
            .arg(wave.size())
            .arg(L));
    m_wavePlot->replot(QCustomPlot::rpQueuedReplot);
}

void RopeView::updateAngles()
{
    const std::vector<double> inv = posmath::ropeBaseFrequencies(theta(), headDim());
    const std::vector<double> interpolated = posmath::ropeFrequencies(configOf(Type::Linear)).inverseFrequencies;
    const int L = window(), m = position();
    const std::vector<double> before = posmath::rotationAngles(inv, m);
    const std::vector<double> after = posmath::rotationAngles(interpolated, m);
    const std::vector<double> trained = posmath::rotationAngles(inv, L - 1);
    setCurve(m_angleGraphs[int(AngleCurve::Before)], before);
    setCurve(m_angleGraphs[int(AngleCurve::After)], after);
    setCurve(m_angleGraphs[int(AngleCurve::TrainedMax)], trained);
    // Unseen: a pair that never completed a turn in training (its largest angle < 2π) gets more than that.
    auto unseen = [&](const std::vector<double> &angles) {
        int count = 0;
        for (std::size_t i = 0; i < angles.size(); ++i)
            count += trained[i] < kTwoPi && angles[i] > trained[i] * (1 + 1e-12);
        return count;
    };
    m_anglePlot->clearItems();
    addLevel(m_anglePlot, kTwoPi, tr("one turn (2π)"), QColor(120, 120, 120), true);
    m_anglePlot->xAxis->setRange(-0.5, double(inv.size()) - 0.5);
    fitLogRange(m_anglePlot, kTwoPi, kTwoPi, 0.3);  // room for the legend
    // m·L/L′ is at most L − 1 (the last trained position) only for m ≤ L′·(L − 1)/L.
    const double folded = double(m) * L / targetWindow();
    QString where;
    if (folded <= L - 1)
        where = tr("The blue curve stays under the dashed one, the largest angle each pair reached in training.");
    else if (m < targetWindow())
        where = tr("m·L/L′ lies between the last trained position L − 1 and L, so the blue curve is just above the "
                   "dashed one (the largest angle each pair reached in training), by less than one position's turn.");
    else
        where = tr("m is not inside the target window: even interpolated it lands past the training window, so the "
                   "blue curve rises above the dashed one (the largest angle each pair reached in training).");
    m_angleNote->setText(
        tr("Position m = %1 turns pair i by m·θ_i. Position interpolation uses m·L/L′ = %2 instead, so the "
           "target window [0, %3) folds into the training window [0, %4).")
            .arg(m)
            .arg(num(folded))
            .arg(targetWindow())
            .arg(L)
        + QLatin1Char(' ') + where + QLatin1Char(' ')
        + tr("Pairs at an angle never seen in training (long-wavelength pairs past their trained range): %1 before, "
             "%2 after.")
              .arg(unseen(before))
              .arg(unseen(after)));
    m_anglePlot->replot(QCustomPlot::rpQueuedReplot);
}

void RopeView::updateVariants()
{
    const int L = window(), target = targetWindow();
    double dynamicTheta = theta(), yarnAttention = 1;
    for (int i = 0; i < 5; ++i) {
        const posmath::RopeFrequencies f = posmath::ropeFrequencies(configOf(kVariants[i]), target);
        setCurve(m_variantGraphs[i], posmath::wavelengths(f.inverseFrequencies));
        if (kVariants[i] == Type::Dynamic)
            dynamicTheta = f.effectiveTheta;
        if (kVariants[i] == Type::Yarn)
            yarnAttention = f.attentionFactor;
    }
    m_variantPlot->clearItems();
    addLevel(m_variantPlot, L, tr("L = %1").arg(L), QColor(200, 0, 0));
    addLevel(m_variantPlot, target, tr("L′ = %1").arg(target), QColor(120, 0, 160));
    m_variantPlot->xAxis->setRange(-0.5, headDim() / 2 - 0.5);
    fitLogRange(m_variantPlot, L, target);
    const sft::model::RopeScaling yarn = scalingOf(Type::Yarn), llama3 = scalingOf(Type::Llama3);
    // transformers multiplies cos and sin by the attention factor, so q·k (two rotated vectors) scales by its square.
    const QString llamaAbove = llama3.lowFreqFactor == 1 ? tr("divided by s above L")
                                                         : tr("divided by s above L/%1").arg(num(llama3.lowFreqFactor));
    m_variantNote->setText(
        tr("Effective wavelength per pair when the window is stretched by s = %1 (L′ = %2). Linear divides every "
           "frequency by s. Dynamic NTK (at length L′) raises the base to %3, which stretches the long "
           "wavelengths most and leaves the shortest almost as they were. YaRN keeps the pairs that turn more "
           "than %4 times within L, interpolates those that turn less than %5 times, ramps in between, and "
           "multiplies cos and sin by %6, so the attention logits q·k scale by its square, %7. llama3 does the "
           "same by wavelength: unchanged below L/%8, %9, ramped in between.")
            .arg(num(factor()))
            .arg(target)
            .arg(readable(std::round(dynamicTheta)))
            .arg(num(yarn.betaFast))
            .arg(num(yarn.betaSlow))
            .arg(QString::number(yarnAttention, 'f', 3))
            .arg(QString::number(yarnAttention * yarnAttention, 'f', 3))
            .arg(num(llama3.highFreqFactor))
            .arg(llamaAbove));
    m_variantPlot->replot(QCustomPlot::rpQueuedReplot);
}

void RopeView::retranslate()
{
    m_thetaLabel->setText(tr("θ (rope_theta):"));
    m_headDimLabel->setText(tr("Head dim d:"));
    m_windowLabel->setText(tr("Training window L:"));
    m_factorLabel->setText(tr("Factor s:"));
    m_targetLabel->setText(tr("Target window L′:"));
    m_positionLabel->setText(tr("Position m:"));
    m_factor->setToolTip(tr("s = L′ / L: how far the window is stretched. Editing s sets L′ and the other way round."));
    m_position->setToolTip(tr("The position whose rotation angles the middle plot shows."));
    m_waveTitle->setText(tr("Wavelength per dimension pair"));
    m_angleTitle->setText(tr("Angles of position m, before and after interpolation"));
    m_variantTitle->setText(tr("Scaling variants: effective wavelength"));
    for (QCustomPlot *plot : {m_wavePlot, m_anglePlot, m_variantPlot})
        plot->xAxis->setLabel(tr("dimension pair i"));
    m_wavePlot->yAxis->setLabel(tr("wavelength (positions)"));
    m_waveGraph->setName(tr("2π/θ_i"));
    m_anglePlot->yAxis->setLabel(tr("angle (radians)"));
    m_angleGraphs[int(AngleCurve::Before)]->setName(tr("m·θ_i (as is)"));
    m_angleGraphs[int(AngleCurve::After)]->setName(tr("m·L/L′·θ_i (interpolated)"));
    m_angleGraphs[int(AngleCurve::TrainedMax)]->setName(tr("(L−1)·θ_i (largest in training)"));
    m_variantPlot->yAxis->setLabel(tr("effective wavelength (positions)"));
    const QString names[] = {tr("none"), tr("linear"), tr("dynamic NTK"), tr("YaRN"), tr("llama3")};
    for (int i = 0; i < 5; ++i)
        m_variantGraphs[i]->setName(names[i]);
    recompute();
}

void RopeView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_variantPlot)
        retranslate();
    QWidget::changeEvent(event);
}
