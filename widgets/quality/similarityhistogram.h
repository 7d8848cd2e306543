#pragma once
// The distribution of each record's highest ROUGE-L against the records kept
// before it (Figure 2 of the Self-Instruct paper), with the threshold as a
// vertical line the user drags. While dragging, a label previews how many
// records score above it; "Use this threshold" hands the value to the next run.

#include <QVector>
#include <QWidget>

class QCPBars;
class QCPItemStraightLine;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QPushButton;

class SimilarityHistogram : public QWidget
{
    Q_OBJECT

public:
    static constexpr int Bins = 20;

    explicit SimilarityHistogram(QWidget *parent = nullptr);

    /** Best scores in [0, 1], one per record that went through the ROUGE-L filter. */
    void setScores(const QVector<double> &scores);
    /** Move the line (no signal); the label is updated. */
    void setThreshold(double threshold);
    double threshold() const { return m_threshold; }
    /** Records whose best score is above t (what the label shows). */
    int countAbove(double t) const;

    QCustomPlot *plot() const { return m_plot; }
    QLabel *countLabel() const { return m_label; }
    QPushButton *useButton() const { return m_use; }
    /** The line's x in plot widget pixels (tests drag from here). */
    int linePixel() const;
    /** The plot x in pixels for a score (tests drag to here). */
    int pixelFor(double score) const;

Q_SIGNALS:
    /** The user dragged the line (value rounded to 0.01). */
    void thresholdDragged(double threshold);
    /** "Use this threshold" was clicked. */
    void thresholdChosen(double threshold);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateLine();
    void onPress(QMouseEvent *event);
    void onMove(QMouseEvent *event);
    void onRelease(QMouseEvent *event);

    QCustomPlot *m_plot = nullptr;
    QCPBars *m_bars = nullptr;
    QCPItemStraightLine *m_line = nullptr;
    QLabel *m_label = nullptr;
    QPushButton *m_use = nullptr;
    QVector<double> m_sorted;
    double m_threshold = 0.7;
    bool m_dragging = false;
};
