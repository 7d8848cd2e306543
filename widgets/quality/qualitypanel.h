#pragma once
// The Quality panel: runs the heuristic rules and the ROUGE-L near-duplicate
// filter (Self-Instruct order) on a dataset in the background, previews what
// it would reject (table, similarity histogram, LCS comparison) and applies
// the result as one undoable status change only when the user says so.

#include <QPointer>
#include <QWidget>

#include <functional>

#include "common/job.h"
#include "workspace/qualityrun.h"

class LcsCompareView;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QUndoStack;
class SimilarityHistogram;

class QualityPanel : public QWidget
{
    Q_OBJECT

public:
    /** Starts a job (MainWindow::runJob); false when it could not (the job is then deleted). */
    using JobRunner = ::JobRunner;

    enum ResultColumn { IdColumn, RuleColumn, ScoreColumn, ReasonColumn, ColumnCount };

    explicit QualityPanel(QWidget *parent = nullptr);

    void setContext(sft::Workspace *workspace, QUndoStack *undoStack);
    /** Without a runner the panel starts its jobs itself. */
    void setJobRunner(JobRunner runner) { m_runner = std::move(runner); }
    void setDataset(qint64 datasetId);
    qint64 datasetId() const { return m_datasetId; }

    /** Start a check with the current options; false when the options are invalid or nothing to check. */
    bool run();
    void cancel();
    /** Apply the previewed rejections as one undo step. */
    void apply();
    void discard();

    /** The options as set in the panel; *error gets the first invalid rule (empty when valid). */
    sft::QualityOptions options(QString *error) const;
    bool hasPreview() const { return m_hasPreview; }
    const sft::QualityResult &result() const { return m_result; }
    Job *currentJob() const { return m_job; }

    QComboBox *scopeCombo() const { return m_scope; }
    QComboBox *fieldCombo() const { return m_field; }
    QComboBox *tokenizerCombo() const { return m_tokenizer; }
    QCheckBox *stemCheck() const { return m_stem; }
    QCheckBox *dedupCheck() const { return m_dedup; }
    QDoubleSpinBox *thresholdSpin() const { return m_threshold; }
    QTableWidget *rulesTable() const { return m_rules; }
    QLabel *ruleErrorLabel() const { return m_ruleError; }
    QTableWidget *resultsTable() const { return m_results; }
    QLabel *summaryLabel() const { return m_summary; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *applyButton() const { return m_apply; }
    SimilarityHistogram *histogram() const { return m_histogram; }
    LcsCompareView *compareView() const { return m_compare; }

Q_SIGNALS:
    /** A run ended: finished, cancelled or failed. */
    void runEnded();
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void fillRules();
    bool validateRule(int row, QString *error) const;
    void validateRules();
    void setRunning(bool running);
    void showResult();
    void showSelected();
    void updateSummary();
    QString ruleName(const QString &id) const;
    QString ruleDescription(const QString &id) const;

    sft::Workspace *m_workspace = nullptr;
    QUndoStack *m_undo = nullptr;
    JobRunner m_runner;
    qint64 m_datasetId = 0;
    QPointer<Job> m_job;
    int m_generation = 0;

    sft::QualityResult m_result;
    sft::QualityOptions m_resultOptions;
    bool m_hasPreview = false;
    enum class State { Idle, Running, Previewing, Applied, Cancelled, Failed } m_state = State::Idle;
    QString m_failure;
    int m_appliedCount = 0;

    QLabel *m_scopeLabel = nullptr, *m_fieldLabel = nullptr, *m_tokenizerLabel = nullptr, *m_thresholdLabel = nullptr,
           *m_rulesTitle = nullptr, *m_resultsTitle = nullptr, *m_histogramTitle = nullptr;
    QComboBox *m_scope = nullptr, *m_field = nullptr, *m_tokenizer = nullptr;
    QCheckBox *m_stem = nullptr, *m_dedup = nullptr;
    QDoubleSpinBox *m_threshold = nullptr;
    QTableWidget *m_rules = nullptr;
    QLabel *m_ruleError = nullptr;
    QPushButton *m_run = nullptr, *m_apply = nullptr, *m_discard = nullptr;
    QLabel *m_summary = nullptr;
    QTableWidget *m_results = nullptr;
    SimilarityHistogram *m_histogram = nullptr;
    LcsCompareView *m_compare = nullptr;
};
