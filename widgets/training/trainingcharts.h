#pragma once
// Live training charts on QCustomPlot: train loss (raw and EMA-smoothed) with
// eval loss on the same axes, learning rate, gradient norm and tokens/s, as
// four stacked plots sharing the step axis (zoom and pan one, all follow).
// Several runs can be overlaid (run history), each in its own colour. Every
// point is kept; replots are throttled so a fast stream stays cheap.
// Export writes PNG or PDF (by extension).

#include <QColor>
#include <QHash>
#include <QString>
#include <QWidget>

class QCustomPlot;
class QTimer;

class TrainingCharts : public QWidget
{
    Q_OBJECT

public:
    enum class Metric { Loss, SmoothedLoss, EvalLoss, LearningRate, GradNorm, TokensPerSecond };

    explicit TrainingCharts(QWidget *parent = nullptr);
    ~TrainingCharts() override;

    /** Add a run (no-op if present); label shows in the legend. Colours are assigned in order. */
    void addRun(const QString &runId, const QString &label);
    void removeRun(const QString &runId);
    void clear();
    QStringList runs() const;

    /** One optimizer step of a run (NaN values are skipped for that metric). */
    void appendStep(const QString &runId, double step, double loss, double lr, double gradNorm, double tokensPerSecond);
    void appendEval(const QString &runId, double step, double evalLoss);
    /** Drop every point of the run with step > step ("resumed": the interrupted tail is discarded). */
    void truncateAfter(const QString &runId, double step);

    /** EMA weight 0 (none) .. 0.99, TensorBoard-style with bias correction; default 0.6. */
    void setSmoothing(double weight);
    double smoothing() const;
    /** When on (default), new points keep the x range following the newest step until the user zooms or pans. */
    void setFollow(bool follow);
    /** Fit every axis to the data and turn follow back on. */
    void resetView();

    /** Write the four plots as one image: .png or .pdf; false on failure. */
    bool exportTo(const QString &path, int width = 1200, int height = 900);

    /** Points held for a run and metric (tests). */
    int pointCount(const QString &runId, Metric metric) const;
    /** The value of a metric at the last point (tests); NaN if none. */
    double lastValue(const QString &runId, Metric metric) const;
    /** Replot now (the throttle otherwise replots within ~100 ms of a change). */
    void replotNow();
    /** Whether the view currently follows the newest step. */
    bool follow() const;

Q_SIGNALS:
    void smoothingChanged(double weight);
    void followChanged(bool follow);

protected:
    void changeEvent(QEvent *event) override;

private:
    void scheduleReplot();
    void applyFollow();
    void retranslate();
    void exportWithDialog();

    struct Private;
    Private *d;
};
