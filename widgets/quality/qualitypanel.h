#pragma once
// The Quality panel: runs the heuristic rules and the ROUGE-L near-duplicate
// filter (Self-Instruct order) on a dataset in the background, previews what
// it would reject (table, similarity histogram, LCS comparison) and applies
// the result as one undoable status change only when the user says so. Each
// previewed record has a check box (Apply rejects the checked ones); a preview
// never outlives the settings it was made with: a change re-runs a small check
// at once and, for a large one, turns Apply off until the user runs it again.
// "Compare against" picks a reference pool for the near-duplicate filter
// (another dataset of the workspace, or a dataset file such as the
// Self-Instruct seed tasks): its records are compared against, never rejected.

#include <QHash>
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
class QTableWidgetItem;
class QUndoStack;
class QualityRuleTable;
class ReferencePoolCombo;
class SimilarityHistogram;

class QualityPanel : public QWidget
{
    Q_OBJECT

public:
    /** Starts a job (MainWindow::runJob); false when it could not (the job is then deleted). */
    using JobRunner = ::JobRunner;

    enum ResultColumn { IdColumn, RuleColumn, ScoreColumn, ReasonColumn, ColumnCount };

    /** Tokenizer combo data of "Automatic"; the others hold a rouge::TokenizerKind. */
    static constexpr int AutoTokenizer = -1;
    /** By default a preview of at most this many records re-runs by itself when a setting changes. */
    static constexpr qint64 DefaultAutoRerunLimit = 2000;

    explicit QualityPanel(QWidget *parent = nullptr);

    void setContext(sft::Workspace *workspace, QUndoStack *undoStack);
    /** Without a runner the panel starts its jobs itself. */
    void setJobRunner(JobRunner runner) { m_runner = std::move(runner); }
    void setDataset(qint64 datasetId);
    qint64 datasetId() const { return m_datasetId; }

    /** Start a check with the current options; false when the options are invalid or nothing to check. */
    bool run();
    void cancel();
    /** Apply the checked rejections of the preview as one undo step. */
    void apply();
    void discard();

    /** Previews of more records than this are not re-run when a setting changes; Apply goes off instead. */
    void setAutoRerunLimit(qint64 records) { m_autoRerunLimit = records; }
    qint64 autoRerunLimit() const { return m_autoRerunLimit; }
    /** The settings changed since the preview and it was not re-run: Apply is off. */
    bool isStale() const { return m_stale; }
    /** Ids of the preview rows that are checked (Apply rejects these), ascending. */
    QList<qint64> checkedIds() const;

    /** The options as set in the panel; *error gets the first invalid rule (empty when valid). */
    sft::QualityOptions options(QString *error) const;
    bool hasPreview() const { return m_hasPreview; }
    const sft::QualityResult &result() const { return m_result; }
    Job *currentJob() const { return m_job; }

    QComboBox *scopeCombo() const { return m_scope; }
    QComboBox *fieldCombo() const { return m_field; }
    QComboBox *tokenizerCombo() const { return m_tokenizer; }
    /** "Compare against": the reference pool of the near-duplicate filter. */
    ReferencePoolCombo *poolCombo() const { return m_pool; }
    QCheckBox *stemCheck() const { return m_stem; }
    QCheckBox *dedupCheck() const { return m_dedup; }
    QDoubleSpinBox *thresholdSpin() const { return m_threshold; }
    /** The heuristic rules (run before the near-duplicate filter). */
    QualityRuleTable *ruleTable() const { return m_rules; }
    QTableWidget *resultsTable() const { return m_results; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *warningLabel() const { return m_warning; }
    QLabel *tokenizerNoteLabel() const { return m_tokenizerNote; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *applyButton() const { return m_apply; }
    SimilarityHistogram *histogram() const { return m_histogram; }
    LcsCompareView *compareView() const { return m_compare; }

Q_SIGNALS:
    /** A run ended: finished, cancelled or failed. */
    void runEnded();
    void message(const QString &text);
    /** A preview row was double-clicked: show that record (MainWindow: in the Curation tab). */
    void openRecord(qint64 id);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    bool start(bool automatic);
    void setRunning(bool running);
    /** Records of the current dataset in a scope (from the dataset's counts, no scan). */
    qint64 scopeSize(sft::QualityScope scope) const;
    void settingsChanged();
    void rowChecked(QTableWidgetItem *item);
    void showResult();
    void showSelected();
    void updateSummary();
    QString tokenizerNote() const;

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
    bool m_stale = false;
    qint64 m_autoRerunLimit = DefaultAutoRerunLimit;
    /** Check boxes the user set, by record id: they survive a re-run of the same dataset. */
    QHash<qint64, bool> m_userChecks;

    QLabel *m_scopeLabel = nullptr, *m_fieldLabel = nullptr, *m_tokenizerLabel = nullptr, *m_thresholdLabel = nullptr,
           *m_poolLabel = nullptr, *m_resultsTitle = nullptr, *m_histogramTitle = nullptr;
    QComboBox *m_scope = nullptr, *m_field = nullptr, *m_tokenizer = nullptr;
    ReferencePoolCombo *m_pool = nullptr;
    QCheckBox *m_stem = nullptr, *m_dedup = nullptr;
    QDoubleSpinBox *m_threshold = nullptr;
    QualityRuleTable *m_rules = nullptr;
    QPushButton *m_run = nullptr, *m_apply = nullptr, *m_discard = nullptr;
    QLabel *m_summary = nullptr, *m_warning = nullptr, *m_tokenizerNote = nullptr;
    QTableWidget *m_results = nullptr;
    SimilarityHistogram *m_histogram = nullptr;
    LcsCompareView *m_compare = nullptr;
};
