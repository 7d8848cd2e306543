#pragma once
// In-context learning accuracy against the number of demonstrations k: the
// mean over demonstration orders as a line, the min–max spread as a band and
// every run as a point, because ICL accuracy depends on the order of the
// demonstrations as much as on their number.

#include <QVector>
#include <QWidget>

#include "workspace/icloutput.h"

class QCPGraph;
class QCustomPlot;

class AccuracyPlot : public QWidget
{
    Q_OBJECT

public:
    explicit AccuracyPlot(QWidget *parent = nullptr);

    void setResult(const sft::IclResult &result);
    void clear() { setResult({}); }

    QCustomPlot *plot() const { return m_plot; }
    QCPGraph *meanGraph() const { return m_mean; }
    QCPGraph *minGraph() const { return m_min; }
    QCPGraph *maxGraph() const { return m_max; }
    QCPGraph *runsGraph() const { return m_runs; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QCustomPlot *m_plot = nullptr;
    QCPGraph *m_mean = nullptr, *m_min = nullptr, *m_max = nullptr, *m_runs = nullptr;
};
