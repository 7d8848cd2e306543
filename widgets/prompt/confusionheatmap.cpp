#include "prompt/confusionheatmap.h"

#include <QEvent>
#include <QVBoxLayout>

#include <algorithm>

#include "qcustomplot.h"

ConfusionHeatmap::ConfusionHeatmap(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("confusionHeatmap"));
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("confusionPlot"));
    m_plot->setMinimumHeight(180);
    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setInterpolate(false);
    QCPColorGradient gradient(QCPColorGradient::gpGrayscale);
    gradient.clearColorStops();
    gradient.setColorStopAt(0, QColor(247, 251, 255));
    gradient.setColorStopAt(1, QColor(8, 81, 156));
    m_map->setGradient(gradient);
    m_plot->yAxis->setRangeReversed(true);  // first gold label on top, as in a table
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    clear();
    retranslate();
}

void ConfusionHeatmap::setMatrix(const QStringList &labels, const QVector<QVector<int>> &confusion)
{
    m_labels = labels;
    m_plot->clearItems();
    const int n = int(labels.size());
    m_map->data()->setSize(std::max(1, n), std::max(1, n));
    m_map->data()->setRange(QCPRange(0, std::max(0, n - 1)), QCPRange(0, std::max(0, n - 1)));
    m_map->data()->fill(0);
    int top = 1;
    for (int g = 0; g < n && g < confusion.size(); ++g)
        for (int p = 0; p < n && p < confusion[g].size(); ++p) {
            m_map->data()->setCell(p, g, confusion[g][p]);
            top = std::max(top, confusion[g][p]);
        }
    m_map->setDataRange(QCPRange(0, top));
    for (int g = 0; g < n && g < confusion.size(); ++g)
        for (int p = 0; p < n && p < confusion[g].size(); ++p) {
            auto *text = new QCPItemText(m_plot);
            text->position->setCoords(p, g);
            text->setText(QString::number(confusion[g][p]));
            text->setColor(confusion[g][p] > top / 2 ? Qt::white : Qt::black);
            text->setSelectable(false);
        }
    QSharedPointer<QCPAxisTickerText> xt(new QCPAxisTickerText), yt(new QCPAxisTickerText);
    for (int i = 0; i < n; ++i) {
        xt->addTick(i, labels[i]);
        yt->addTick(i, labels[i]);
    }
    m_plot->xAxis->setTicker(xt);
    m_plot->yAxis->setTicker(yt);
    m_plot->xAxis->setRange(-0.5, std::max(0.5, n - 0.5));
    m_plot->yAxis->setRange(-0.5, std::max(0.5, n - 0.5));
    m_map->setVisible(n > 0);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

double ConfusionHeatmap::cellValue(int gold, int predicted) const
{
    return m_map->data()->cell(predicted, gold);
}

QString ConfusionHeatmap::cellText(int gold, int predicted) const
{
    for (int i = 0; i < m_plot->itemCount(); ++i)
        if (auto *t = qobject_cast<QCPItemText *>(m_plot->item(i)))
            if (qRound(t->position->coords().x()) == predicted && qRound(t->position->coords().y()) == gold)
                return t->text();
    return {};
}

void ConfusionHeatmap::retranslate()
{
    m_plot->xAxis->setLabel(tr("Predicted"));
    m_plot->yAxis->setLabel(tr("Gold"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ConfusionHeatmap::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
