#pragma once
// The charts of a context-window comparison, one tab each: perplexity
// against the window length (one graph per configuration, log-2 length axis,
// optional log perplexity axis); the mean loss by position inside one window
// length (one graph per configuration, optionally smoothed for display);
// passkey accuracy against the prompt length (one graph per configuration,
// averaged over the depths); and the passkey accuracy heatmap (length ×
// depth) of one configuration, chosen in a list. The length charts have a
// dashed line at the model's max_position_embeddings, where a model that does
// not extrapolate breaks. Any chart saves as PNG or PDF.
//
// The results are the Experiments view's, read in place (stored once); the
// view says which configuration changed.

#include <QStringList>
#include <QVector>
#include <QWidget>

#include "context/contextoutput.h"

class QCheckBox;
class QComboBox;
class QCPColorMap;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;
class QLabel;
class QTabWidget;

class ExperimentCharts : public QWidget
{
    Q_OBJECT

public:
    enum Chart { PerplexityChart, PositionChart, PasskeyLengthChart, PasskeyHeatmapChart, ChartCount };

    explicit ExperimentCharts(QWidget *parent = nullptr);

    /** Where the results are read from, indexed by configuration; both outlive the charts. */
    void setResults(const QVector<PerplexityResult> *perplexity, const QVector<PasskeyResult> *passkey);
    /** New configurations (graph names and colours); everything is drawn again from the results. */
    void setConfigurations(const QStringList &labels);
    /** The names again (the language changed); data kept. */
    void setLabels(const QStringList &labels);
    /** The results of config changed: draw them again. */
    void perplexityChanged(int config);
    void passkeyChanged(int config);
    /** Where the vertical line goes; 0 hides it. */
    void setMaxPositions(int positions);
    int maxPositions() const { return m_maxPositions; }
    /** Whether a chart has any number to show (its placeholder is hidden then). */
    bool hasData(Chart chart) const;

    Chart currentChart() const;
    void setCurrentChart(Chart chart);
    /** The window length of the loss-by-position chart (0: the longest measured). */
    void setPositionLength(int length);
    int positionLength() const;
    /** The configuration whose heatmap is drawn. */
    void setHeatmapConfig(int config);
    int heatmapConfig() const;

    /** Save chart to path as PNG or PDF (by the suffix, PNG otherwise); false when it could not be written. */
    bool saveChart(Chart chart, const QString &path);

    QCustomPlot *plot(Chart chart) const;
    QCPGraph *perplexityGraph(int config) const;
    QCPGraph *positionGraph(int config) const;
    /** Accuracy (%) by prompt length of one configuration, all depths pooled. */
    QCPGraph *passkeyLengthGraph(int config) const;
    QCPColorMap *heatmap() const { return m_map; }
    /** The drawn accuracy of a heatmap cell (by index into the lengths and depths drawn); NaN when empty. */
    double heatmapCell(int lengthIndex, int depthIndex) const;
    QVector<int> heatmapLengths() const { return m_mapLengths; }
    QVector<double> heatmapDepths() const { return m_mapDepths; }
    QCPItemStraightLine *maxPositionLine(Chart chart) const;
    /** The "no results yet" text of a chart. */
    QCPItemText *placeholder(Chart chart) const { return m_placeholders[chart]; }
    QCheckBox *logScaleCheck() const { return m_logY; }
    QCheckBox *smoothCheck() const { return m_smooth; }
    QComboBox *positionLengthCombo() const { return m_lengthCombo; }
    QComboBox *heatmapCombo() const { return m_configCombo; }

    /**
     * The display smoothing of the loss by position: each point the mean of the finite values within h
     * points on either side, h = max(1, n / 64) for n points. NaN stays NaN.
     */
    static QVector<double> movingAverage(const QVector<double> &values);

protected:
    void changeEvent(QEvent *event) override;

private:
    QCustomPlot *makePlot(QWidget *parent, const QString &name, Chart chart);
    QCPGraph *addGraph(QCustomPlot *plot, int config);
    void retranslate();
    void redrawPerplexity();
    void redrawPositions();
    void redrawPasskeyLengths();
    void redrawHeatmap();
    void refreshLengthCombo();
    void placeMaxLines();
    void updatePlaceholders();
    int configCount() const { return int(m_labels.size()); }
    const PerplexityResult *perplexityOf(int config) const;
    const PasskeyResult *passkeyOf(int config) const;

    QTabWidget *m_tabs = nullptr;
    QCustomPlot *m_plots[ChartCount] = {};
    QCPItemText *m_placeholders[ChartCount] = {};
    QCPColorMap *m_map = nullptr;
    QCPItemStraightLine *m_maxLines[ChartCount] = {};
    QCPItemText *m_maxTexts[ChartCount] = {};
    QCheckBox *m_logY = nullptr, *m_smooth = nullptr;
    QLabel *m_lengthLabel = nullptr, *m_configLabel = nullptr, *m_heatmapNote = nullptr, *m_passkeyNote = nullptr;
    QComboBox *m_lengthCombo = nullptr, *m_configCombo = nullptr;

    const QVector<PerplexityResult> *m_perplexity = nullptr;
    const QVector<PasskeyResult> *m_passkey = nullptr;
    QStringList m_labels;
    QVector<int> m_mapLengths;
    QVector<double> m_mapDepths;
    int m_maxPositions = 0;
};
