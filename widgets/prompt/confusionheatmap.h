#pragma once
// The confusion matrix of a scoring run as a heatmap: gold labels down the
// rows, predicted labels across, colour by count and the count written in
// each cell (QCustomPlot QCPColorMap plus one text item per cell).

#include <QStringList>
#include <QVector>
#include <QWidget>

class QCPColorMap;
class QCustomPlot;

class ConfusionHeatmap : public QWidget
{
    Q_OBJECT

public:
    explicit ConfusionHeatmap(QWidget *parent = nullptr);

    /** confusion[gold][predicted]; rows must have labels.size() cells. */
    void setMatrix(const QStringList &labels, const QVector<QVector<int>> &confusion);
    void clear() { setMatrix({}, {}); }

    QCustomPlot *plot() const { return m_plot; }
    QCPColorMap *colorMap() const { return m_map; }
    /** The value the colour map holds for a cell (tests read the plot's own data). */
    double cellValue(int gold, int predicted) const;
    /** The text written in a cell. */
    QString cellText(int gold, int predicted) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QCustomPlot *m_plot = nullptr;
    QCPColorMap *m_map = nullptr;
    QStringList m_labels;
};
