#include "quality/similarityhistogram.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "qcustomplot.h"

SimilarityHistogram::SimilarityHistogram(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("similarityHistogram"));
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("histogramPlot"));
    m_plot->setMinimumHeight(160);
    m_plot->setInteractions(QCP::Interactions());  // the mouse drags the line, not the axes
    m_bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_bars->setWidthType(QCPBars::wtPlotCoords);
    m_bars->setWidth(1.0 / Bins);
    m_bars->setPen(QPen(QColor(40, 90, 160)));
    m_bars->setBrush(QColor(90, 140, 210, 180));
    m_plot->xAxis->setRange(0, 1);
    m_plot->yAxis->setRange(0, 1);
    // Counts: whole-number ticks only.
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->yAxis->setTicker(ticker);
    m_line = new QCPItemStraightLine(m_plot);
    m_line->setPen(QPen(QColor(200, 40, 40), 2));
    m_line->setSelectable(false);

    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("thresholdPreviewLabel"));
    m_label->setWordWrap(true);
    m_use = new QPushButton(this);
    m_use->setObjectName(QStringLiteral("useThresholdButton"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_label, 1);
    row->addWidget(m_use);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    layout->addLayout(row);

    connect(m_plot, &QCustomPlot::mousePress, this, &SimilarityHistogram::onPress);
    connect(m_plot, &QCustomPlot::mouseMove, this, &SimilarityHistogram::onMove);
    connect(m_plot, &QCustomPlot::mouseRelease, this, &SimilarityHistogram::onRelease);
    connect(m_use, &QPushButton::clicked, this, [this] { Q_EMIT thresholdChosen(m_threshold); });
    setScores({});
    retranslate();
}

void SimilarityHistogram::setScores(const QVector<double> &scores)
{
    m_sorted = scores;
    std::sort(m_sorted.begin(), m_sorted.end());
    QVector<double> keys(Bins), counts(Bins, 0);
    for (int i = 0; i < Bins; ++i)
        keys[i] = (i + 0.5) / Bins;
    for (double s : std::as_const(m_sorted))
        counts[std::clamp(int(s * Bins), 0, Bins - 1)] += 1;
    m_bars->setData(keys, counts, true);
    const double top = counts.isEmpty() ? 1 : *std::max_element(counts.cbegin(), counts.cend());
    m_plot->yAxis->setRange(0, std::max(1.0, top * 1.1));
    m_use->setEnabled(!m_sorted.isEmpty());
    updateLine();
}

void SimilarityHistogram::setThreshold(double threshold)
{
    m_threshold = std::clamp(threshold, 0.0, 1.0);
    updateLine();
}

int SimilarityHistogram::countAbove(double t) const
{
    return int(m_sorted.cend() - std::upper_bound(m_sorted.cbegin(), m_sorted.cend(), t));
}

int SimilarityHistogram::linePixel() const { return pixelFor(m_threshold); }

int SimilarityHistogram::pixelFor(double score) const
{
    return int(std::lround(m_plot->xAxis->coordToPixel(score)));
}

void SimilarityHistogram::updateLine()
{
    m_line->point1->setCoords(m_threshold, 0);
    m_line->point2->setCoords(m_threshold, 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    retranslate();
}

void SimilarityHistogram::onPress(QMouseEvent *event)
{
    // A press anywhere in the plot area grabs the line there.
    if (event->button() != Qt::LeftButton || !m_plot->axisRect()->rect().contains(event->pos()))
        return;
    m_dragging = true;
    onMove(event);
}

void SimilarityHistogram::onMove(QMouseEvent *event)
{
    const bool near = std::abs(event->position().x() - linePixel()) <= 5;
    m_plot->setCursor(m_dragging || near ? Qt::SizeHorCursor : Qt::ArrowCursor);
    if (!m_dragging)
        return;
    const double x = std::round(std::clamp(m_plot->xAxis->pixelToCoord(event->position().x()), 0.0, 1.0) * 100) / 100;
    if (x != m_threshold) {
        setThreshold(x);
        Q_EMIT thresholdDragged(x);
    }
}

void SimilarityHistogram::onRelease(QMouseEvent *)
{
    m_dragging = false;
}

void SimilarityHistogram::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SimilarityHistogram::retranslate()
{
    m_plot->xAxis->setLabel(tr("Highest ROUGE-L with an earlier kept record"));
    m_plot->yAxis->setLabel(tr("Records"));
    m_use->setText(tr("Use this threshold"));
    m_use->setToolTip(tr("Set the threshold of the next run to the line's value"));
    if (m_sorted.isEmpty())
        m_label->setText(tr("Run a check to see the distribution of similarities."));
    else
        m_label->setText(tr("Preview at %1: %2 of %3 records have a best score above the line. "
                            "Run the check again to apply a new threshold.")
                             .arg(m_threshold, 0, 'f', 2)
                             .arg(countAbove(m_threshold))
                             .arg(m_sorted.size()));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}
