#include "icl/accuracyplot.h"

#include <QEvent>
#include <QVBoxLayout>

#include <algorithm>

#include "qcustomplot.h"

AccuracyPlot::AccuracyPlot(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("accuracyPlot"));
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("accuracyCustomPlot"));
    m_plot->setMinimumHeight(180);
    // The legend goes in a row under the axes, where it never hides a point.
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    auto *legendRow = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(1, 0, legendRow);
    legendRow->setMargins(QMargins(5, 0, 5, 5));
    legendRow->addElement(0, 0, m_plot->legend);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
    const QColor blue(40, 90, 160);
    m_max = m_plot->addGraph();
    m_max->setPen(QPen(QColor(90, 140, 210, 120)));
    m_min = m_plot->addGraph();
    m_min->setPen(QPen(QColor(90, 140, 210, 120)));
    m_max->setBrush(QColor(90, 140, 210, 60));
    m_max->setChannelFillGraph(m_min);
    m_min->removeFromLegend();
    m_mean = m_plot->addGraph();
    m_mean->setPen(QPen(blue, 2));
    m_mean->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, blue, Qt::white, 7));
    m_runs = m_plot->addGraph();
    m_runs->setLineStyle(QCPGraph::lsNone);
    m_runs->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, QColor(200, 60, 40), 6));
    m_plot->yAxis->setRange(0, 1.05);
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(ticker);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    clear();
    retranslate();
}

void AccuracyPlot::setResult(const sft::IclResult &result)
{
    QVector<double> ks, means, mins, maxs, runK, runAcc;
    QList<sft::IclPoint> points = result.points;
    std::sort(points.begin(), points.end(), [](const auto &a, const auto &b) { return a.k < b.k; });
    for (const sft::IclPoint &p : points) {
        if (!p.measured)
            continue;  // no gold labels: nothing to plot, not a zero
        ks.push_back(p.k);
        means.push_back(p.mean);
        mins.push_back(p.min);
        maxs.push_back(p.max);
    }
    for (const sft::IclRun &r : result.runs) {
        if (!r.accuracy)
            continue;
        runK.push_back(r.k);
        runAcc.push_back(*r.accuracy);
    }
    m_mean->setData(ks, means, true);
    m_min->setData(ks, mins, true);
    m_max->setData(ks, maxs, true);
    m_runs->setData(runK, runAcc);
    double hi = 1;
    for (double k : std::as_const(ks))
        hi = std::max(hi, k);
    for (double k : std::as_const(runK))
        hi = std::max(hi, k);
    m_plot->xAxis->setRange(-0.5, hi + 0.5);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void AccuracyPlot::retranslate()
{
    m_plot->xAxis->setLabel(tr("Demonstrations (k)"));
    m_plot->yAxis->setLabel(tr("Accuracy"));
    m_mean->setName(tr("mean over orders"));
    m_max->setName(tr("min–max over orders"));
    m_runs->setName(tr("each run"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void AccuracyPlot::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
