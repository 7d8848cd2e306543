#pragma once
// The Training panel (issue 5): a form for one fine-tuning run (model,
// dataset, prompt format, method — LoRA / adapter / prefix / full — and the
// optimiser), a live estimate of trainable parameters, memory and context
// budget from the same torch-free code the worker uses, and the exact command
// line Start runs. Runs are started detached (`sftbench-cli train --run-dir`)
// and followed through their events.jsonl, so they outlive the window and a
// new panel reattaches to them. The right side lists every run of the
// workspace with its status, overlays the checked ones in TrainingCharts,
// compares their configs, and tries a result with `sftbench-cli generate`.

#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

#include "job.h"
#include "workspace/trainingrun.h"

class ConfigDiffView;
class ModelFolderRow;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QStandardItem;
class QStandardItemModel;
class QTabWidget;
class QTimer;
class QTreeView;
class QToolButton;
class QAction;
class QUndoStack;
class TrainingCharts;
namespace sft { class Workspace; class WorkerProcess; }
namespace sft::finetune { struct TrainConfig; }
namespace sft::model { struct ModelConfig; }

class TrainingPanel : public QWidget
{
    Q_OBJECT

public:
    using JobRunner = ::JobRunner;
    enum Column { NameColumn, MethodColumn, StatusColumn, StepColumn, LossColumn, StartedColumn, ColumnCount };

    explicit TrainingPanel(QWidget *parent = nullptr);
    ~TrainingPanel() override;

    /** The workspace whose runs are listed (null detaches; running workers go on). */
    void setContext(sft::Workspace *workspace, QUndoStack *undoStack);
    void setJobRunner(JobRunner runner) { m_runner = std::move(runner); }
    void setDataset(qint64 datasetId);
    qint64 datasetId() const;
    /** The demo model: the default model (with demo defaults), created on the first Start. */
    void setDemoModelDir(const QString &dir);
    void setModelDir(const QString &dir);
    QString modelDir() const;
    /** The worker (default: sftbench-cli next to the app); tests give a fake one. */
    void setWorkerProgram(const QString &program);
    QString workerProgram() const { return m_program; }

    /** The run the form describes (base_model = the model folder, data paths relative to the run folder). */
    sft::finetune::TrainConfig config() const;
    /** Fill the form from a config. */
    void setConfig(const sft::finetune::TrainConfig &config);
    /** Demo defaults for the demo model (a clearly falling curve in under a minute), else the protocol's. */
    void resetToDefaults();
    /** The form's first invalid setting ("field: message"), empty when valid. */
    QString formError() const { return m_formError; }

    /** "<workspace folder>/<name>.runs"; empty without a workspace. */
    QString runsRoot() const;
    /** Scan the runs folder again (new runs are added, known ones kept). */
    void rescan();
    QStringList runIds() const;
    QString currentRunId() const;
    void selectRun(const QString &id);
    QString runDir(const QString &id) const;
    /** The run's config.json as read when it was listed; empty for an unknown id. */
    QJsonObject runConfig(const QString &id) const;
    sft::RunStatus runStatus(const QString &id) const;
    const sft::RunLog *runLog(const QString &id) const;
    void setRunChecked(const QString &id, bool checked);

    /** Export the data, write config.json and start a new run; false when it cannot start. */
    bool start();
    /** SIGTERM to the selected run's worker (it checkpoints and exits). */
    bool stop();
    /** Continue the selected stopped / interrupted run from its newest checkpoint. */
    bool resume();
    bool isPreparing() const { return m_preparing; }
    /** The command Start runs now, as shown (the run id is the one a start this second gets). */
    QString commandLine() const;
    /** Quote an argument for the command line shown (POSIX shell rules, escapes as sftbench-cli reads them). */
    static QString shellQuote(const QString &arg);
    /** 12,288 — digits grouped by thousands whatever the locale (the labels mix numbers and units). */
    static QString groupDigits(qint64 n);
    /** 1.2M, 12.3K, 7.0B. */
    static QString compactCount(qint64 n);
    /** 0:31, 12:05, 1:02:03. */
    static QString formatDuration(double seconds);

    /** Generate from the selected run's base model (with its result when "with adapter" is on). */
    bool generate();
    /** The arguments generate() gives the worker. */
    QStringList generateArguments() const;
    bool isGenerating() const;

    /** Merge the run (LoRA or full) into a standalone model folder with `sftbench-cli merge`; async. */
    bool mergeRun(const QString &id, const QString &outDir);
    bool canMerge(const QString &id) const;
    /** Remove a run that is not running, with its folder (the menu asks first). */
    bool deleteRun(const QString &id);
    QToolButton *runMenuButton() const { return m_runMenuButton; }

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *datasetCombo() const { return m_dataset; }
    /** 0: accepted records; 1: accepted and pending (everything not rejected). */
    QComboBox *recordsCombo() const { return m_records; }
    QDoubleSpinBox *heldOutSpin() const { return m_heldOut; }
    QComboBox *methodCombo() const { return m_method; }
    QSpinBox *loraRankSpin() const { return m_loraRank; }
    QSpinBox *prefixTokensSpin() const { return m_prefixTokens; }
    QLineEdit *learningRateEdit() const { return m_learningRate; }
    QSpinBox *epochsSpin() const { return m_epochs; }
    QLabel *estimateLabel() const { return m_estimate; }
    QLabel *formErrorLabel() const { return m_formErrorLabel; }
    QLineEdit *commandEdit() const { return m_command; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *stopButton() const { return m_stop; }
    QPushButton *resumeButton() const { return m_resume; }
    QTreeView *runView() const { return m_runView; }
    QStandardItemModel *runModel() const { return m_runModel; }
    QLabel *runStatusLabel() const { return m_runStatus; }
    QLabel *planLabel() const { return m_planLabel; }
    TrainingCharts *charts() const { return m_charts; }
    ConfigDiffView *configDiff() const { return m_diff; }
    QTabWidget *resultTabs() const { return m_tabs; }
    QPlainTextEdit *tryPromptEdit() const { return m_tryPrompt; }
    QPlainTextEdit *tryOutputEdit() const { return m_tryOutput; }
    QCheckBox *withAdapterCheck() const { return m_withAdapter; }
    QPushButton *generateButton() const { return m_generate; }

Q_SIGNALS:
    void runStarted(const QString &runId);
    /** A followed run reached finished / stopped / failed / interrupted (status name of sft::runStatusName). */
    void runEnded(const QString &runId, const QString &status);
    void generateEnded(bool ok);
    /** ok: detail is the output folder; otherwise the error. */
    void mergeEnded(bool ok, const QString &detail);
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Run;
    struct Text
    {
        QObject *widget;
        const char *source;
    };

    // form (trainingpanel.cpp)
    QWidget *buildForm();
    QWidget *buildModelBox();
    QWidget *buildMethodBox();
    QWidget *buildOptimBox();
    QLabel *addLabel(const char *source);
    void addText(QObject *widget, const char *source) { m_texts.push_back({widget, source}); }
    void retranslate();
    void formChanged();
    void updateEstimate();
    void loadModelConfig();
    void updateCommand();
    void refreshDatasets();
    // runs (trainingpanelrun.cpp)
    QWidget *buildRuns();
    QWidget *buildTry();
    void retranslateRuns();
    Run *run(const QString &id) const;
    Run *addRun(const QString &dir);
    void clearRuns();
    bool startPrepared();
    void endGenerate(int code, bool crashed);
    void launch(Run *r, bool resume);
    void onRecord(Run *r, const QJsonObject &record);
    void refreshStatus(Run *r);
    void checkLiveness();
    void updateRow(Run *r);
    void updateCharts();
    void replay(Run *r);
    void updateRunLabels();
    void updateButtons();
    void updateDiff();
    QString statusText(sft::RunStatus status) const;
    QString markerFor(const QString &program) const;
    int runRow(const QString &id) const;
    void dropRun(const QString &id);
    // run actions (trainingpanelactions.cpp)
    void buildRunActions(class QHBoxLayout *header);
    void retranslateRunActions();
    void updateRunActions();

    sft::Workspace *m_workspace = nullptr;
    JobRunner m_runner;
    QString m_program;
    QString m_formError;
    bool m_applying = false;
    bool m_preparing = false;
    QPointer<Job> m_job;
    std::vector<std::shared_ptr<Run>> m_runs;  // shared_ptr: Run is complete only in trainingpanelrun.cpp
    QString m_modelKey, m_modelError;   // the model's config.json, read again when it changes
    std::shared_ptr<sft::model::ModelConfig> m_modelConfig;
    sft::WorkerProcess *m_generator = nullptr;
    QString m_generateError;
    QList<Text> m_texts;
    QHash<QString, QWidget *> m_fieldWidgets;

    // form
    QLineEdit *m_name = nullptr;
    ModelFolderRow *m_modelRow = nullptr;
    QComboBox *m_records = nullptr;
    QComboBox *m_dataset = nullptr, *m_promptFormat = nullptr, *m_method = nullptr, *m_loraInit = nullptr,
              *m_schedule = nullptr, *m_device = nullptr, *m_precision = nullptr;
    QDoubleSpinBox *m_heldOut = nullptr, *m_loraAlpha = nullptr, *m_loraDropout = nullptr, *m_ropeFactor = nullptr,
                   *m_warmup = nullptr, *m_weightDecay = nullptr, *m_maxGradNorm = nullptr;
    QSpinBox *m_maxLength = nullptr, *m_loraRank = nullptr, *m_bottleneck = nullptr, *m_prefixTokens = nullptr,
             *m_prefixHidden = nullptr, *m_epochs = nullptr, *m_maxSteps = nullptr, *m_batch = nullptr,
             *m_gradAccum = nullptr, *m_evalEvery = nullptr, *m_saveEvery = nullptr, *m_seed = nullptr;
    QCheckBox *m_trainOnPrompt = nullptr;
    QCheckBox *m_packing = nullptr, *m_rslora = nullptr, *m_prefixProjection = nullptr, *m_gradCheckpointing = nullptr;
    QList<QCheckBox *> m_targets;
    QStackedWidget *m_methodStack = nullptr;
    QLineEdit *m_learningRate = nullptr, *m_command = nullptr;
    QLabel *m_prefixNote = nullptr, *m_estimate = nullptr, *m_formErrorLabel = nullptr;
    QPushButton *m_defaults = nullptr, *m_start = nullptr, *m_copy = nullptr;
    QTimer *m_countTimer = nullptr;
    // runs
    QTreeView *m_runView = nullptr;
    QStandardItemModel *m_runModel = nullptr;
    QLabel *m_runsTitle = nullptr, *m_runStatus = nullptr, *m_planLabel = nullptr;
    QPushButton *m_stop = nullptr, *m_resume = nullptr;
    QToolButton *m_runMenuButton = nullptr;
    QAction *m_openAction = nullptr, *m_mergeAction = nullptr, *m_deleteAction = nullptr;
    sft::WorkerProcess *m_merger = nullptr;
    QTabWidget *m_tabs = nullptr;
    TrainingCharts *m_charts = nullptr;
    ConfigDiffView *m_diff = nullptr;
    QTimer *m_liveTimer = nullptr, *m_labelTimer = nullptr;
    // try the result
    QPlainTextEdit *m_tryPrompt = nullptr, *m_tryOutput = nullptr;
    QCheckBox *m_withAdapter = nullptr;
    QSpinBox *m_maxNewTokens = nullptr;
    QPushButton *m_generate = nullptr;
    QLabel *m_tryNote = nullptr;
};
