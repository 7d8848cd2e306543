#pragma once
// The live state of one generation run: counters (requests, tokens,
// candidates, the ones still in progress, kept, rejected, classification
// share, pool), rejections by
// rule, the distribution of each new instruction's highest ROUGE-L against
// the pool with the threshold line (the Self-Instruct paper's figure), the
// most frequent leading verbs of kept instructions, and the table of
// generated tasks with the selected one's instances (and the instances the
// filters dropped from a kept task, with the reason). Updates are batched:
// scheduleUpdate() redraws once, 40 ms after the first new event.

#include <QHash>
#include <QPair>
#include <QWidget>

class GenerateStats;
class QCPBars;
class QComboBox;
class QCustomPlot;
class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QTableWidget;
class QTimer;
class SimilarityHistogram;
class TaskTableModel;

class GenerateView : public QWidget
{
    Q_OBJECT

public:
    explicit GenerateView(QWidget *parent = nullptr);

    /** Show a run's stats (null: none) with its threshold; redraws at once. */
    void setStats(const GenerateStats *stats, double threshold);
    /**
     * Whether the run shown has a live worker (the run list knows). "In progress" counts only then: a run
     * that ended (or whose stats end with done / error) shows "—" there, its tooltip says what was left.
     */
    void setRunning(bool running);
    bool isRunning() const { return m_running; }
    /** New events arrived for the run shown: redraw soon, once. */
    void scheduleUpdate();
    /** Redraw now (the timer's slot; tests call it instead of waiting). */
    void updateNow();

    /** The counter labels by key: requests, tokens, candidates, pending, kept, rejected, classification, pool. */
    QLabel *counterLabel(const QString &key) const { return m_counters.value(key); }
    SimilarityHistogram *histogram() const { return m_histogram; }
    QCustomPlot *verbPlot() const { return m_verbPlot; }
    /** The verbs drawn, most frequent first. */
    QList<QPair<QString, int>> shownVerbs() const { return m_verbs; }
    QTableWidget *ruleTable() const { return m_rules; }
    QTableView *taskTable() const { return m_tasks; }
    TaskTableModel *taskModel() const { return m_model; }
    QComboBox *taskFilter() const { return m_filter; }
    QTableWidget *instanceTable() const { return m_instances; }
    /** How many redraws ran (the batching is checked with it). */
    int updateCount() const { return m_updates; }

Q_SIGNALS:
    /** "Use this threshold" under the histogram. */
    void thresholdChosen(double threshold);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void applyHistogramLabels();
    void updateCounters();
    void updateVerbs();
    void updateRules();
    void showInstances();

    const GenerateStats *m_stats = nullptr;
    QHash<QString, QLabel *> m_counters;
    QHash<QString, QLabel *> m_counterTitles;
    QLabel *m_histTitle = nullptr, *m_verbTitle = nullptr, *m_ruleTitle = nullptr, *m_taskTitle = nullptr,
           *m_instanceTitle = nullptr;
    SimilarityHistogram *m_histogram = nullptr;
    QCustomPlot *m_verbPlot = nullptr;
    QCPBars *m_verbBars = nullptr;
    QList<QPair<QString, int>> m_verbs;
    QTableWidget *m_rules = nullptr, *m_instances = nullptr;
    QTableView *m_tasks = nullptr;
    TaskTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QComboBox *m_filter = nullptr;
    QTimer *m_timer = nullptr;
    int m_updates = 0;
    bool m_running = true;
};
