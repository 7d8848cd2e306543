#pragma once
// The runs of a workspace: every run folder under "<workspace>.runs", each
// followed through its events.jsonl (RunLog) so that runs started elsewhere
// or before this window opened are listed and drawn live. Starting a run
// (demo model if needed, data export, config.json, detached worker, or only
// prepared for a cluster), Stop, Resume (Start here for a prepared run) and the
// Run menu (open folder, merge, export GGUF, export launch script, delete) act on it. The charts
// and the config comparison it feeds are its own widgets; the panel places
// them.

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

#include <memory>
#include <vector>

#include "common/detachedrun.h"
#include "common/job.h"
#include "workspace/trainingrun.h"

class ConfigDiffView;
class ExportGgufDialog;
class LaunchScriptDialog;
class QAction;
class QLabel;
class QPushButton;
class QStandardItemModel;
class QTimer;
class QTreeView;
class TrainingCharts;
class WorkerRun;
namespace sft { class Workspace; }
namespace sft::finetune { struct TrainConfig; }

class RunList : public QWidget
{
    Q_OBJECT

public:
    enum Column { NameColumn, MethodColumn, StatusColumn, StepColumn, LossColumn, StartedColumn, ColumnCount };

    /** What a new run trains on and with. */
    struct StartRequest
    {
        qint64 datasetId = 0;
        bool pendingToo = false;   ///< accepted and pending records, not only accepted ones
        QString modelDir, demoModelDir;
        /** Processes on this machine: above 1 the worker runs data-parallel under torchrun. */
        int processes = 1;
        /**
         * false: prepare the run only (demo model, data, config.json), select it and open the
         * Export launch script dialog for it; nothing is started (a run for a cluster).
         */
        bool launch = true;
    };

    explicit RunList(QWidget *parent = nullptr);
    ~RunList() override;

    /** The workspace whose runs are listed (null detaches; running workers go on). */
    void setWorkspace(sft::Workspace *workspace);
    void setJobRunner(JobRunner runner);
    void setWorkerProgram(const QString &program);
    QString workerProgram() const { return m_program; }

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

    /**
     * Create the demo model if needed, export the data, write config.json and start the worker
     * detached (with request.launch false: prepare only, see StartRequest::launch).
     */
    bool start(const sft::finetune::TrainConfig &config, const StartRequest &request);
    /** The processes Start here gives a prepared run (the form's "Processes on this machine"). */
    void setLocalProcesses(int processes);
    int localProcesses() const { return m_localProcesses; }
    /** A run prepared but never started (config.json and data, no log, no output of a launch). */
    bool isPrepared(const QString &id) const;
    /** SIGTERM to the selected run's worker (it checkpoints and exits). */
    bool stop();
    /**
     * Continue the selected stopped / interrupted run from its newest checkpoint, with the
     * processes its launch.json records for a torchrun start on this machine (else one); a
     * prepared run starts afresh with localProcesses(). Without torchrun on PATH it runs as one
     * process (the result does not depend on the count) and says so.
     */
    bool resume();
    bool isPreparing() const { return m_preparing; }

    /** Merge the run (LoRA or full) into a standalone model folder with `sftbench-cli merge`; async. */
    bool mergeRun(const QString &id, const QString &outDir);
    /** A finished or stopped LoRA / full run with weights, not training, while no merge or export runs. */
    bool canMerge(const QString &id) const;
    /**
     * Write the run (LoRA or full; with final weights or a checkpoint) as a GGUF file for llama.cpp
     * with `sftbench-cli export-gguf`: the whole model, or with adapter the LoRA adapter alone; type
     * is f32, f16, bf16 or q8_0. Async; progress goes out through message(), the end through
     * exportGgufEnded().
     */
    bool exportGguf(const QString &id, const QString &outFile, const QString &type, bool adapter);
    /** Like canMerge: false while the run trains and while a merge or an export runs. */
    bool canExportGguf(const QString &id) const;
    bool isExportingGguf() const;
    /** Ask the running export's worker to stop (SIGTERM, killed after a second); it ends with exportGgufEnded(false, ...). */
    void stopGgufExport();
    /** The run is being merged or exported: it cannot be deleted or resumed until that ends. */
    bool isRunBusy(const QString &id) const;
    /** The "Export GGUF" dialog for the run, shown without blocking; its Export starts exportGguf(). */
    ExportGgufDialog *showExportGgufDialog(const QString &id);
    /** Remove a run that is not running, merged or exported, with its folder (the menu asks first). */
    bool deleteRun(const QString &id);
    /** The "Export launch script" dialog for the run, shown without blocking (the Run menu opens it). */
    LaunchScriptDialog *showLaunchScriptDialog(const QString &id);
    /** "PyTorch's torchrun was not found on PATH; ..." */
    static QString torchrunMissingText();

    QTreeView *runView() const { return m_runView; }
    QStandardItemModel *runModel() const { return m_runModel; }
    QLabel *runStatusLabel() const { return m_runStatus; }
    QLabel *planLabel() const { return m_planLabel; }
    QPushButton *stopButton() const { return m_stop; }
    QPushButton *resumeButton() const { return m_resume; }
    QPushButton *runMenuButton() const { return m_runMenuButton; }
    QAction *exportScriptAction() const { return m_scriptAction; }
    /** "Export GGUF…", or "Stop the GGUF export" while one runs. */
    QAction *exportGgufAction() const { return m_ggufAction; }
    /** Created here, placed by the panel. */
    TrainingCharts *charts() const { return m_charts; }
    ConfigDiffView *configDiff() const { return m_diff; }

Q_SIGNALS:
    void runStarted(const QString &runId);
    /** A run was prepared without starting (StartRequest::launch false); its dialog is open. */
    void runPrepared(const QString &runId);
    /** A followed run reached finished / stopped / failed / interrupted (status name of sft::runStatusName). */
    void runEnded(const QString &runId, const QString &status);
    /** ok: detail is the output folder; otherwise the error. */
    void mergeEnded(bool ok, const QString &detail);
    /** ok: fileOrError is the GGUF file written; otherwise the error. */
    void exportGgufEnded(bool ok, const QString &fileOrError);
    /** The selection moved (id empty: none). */
    void currentRunChanged(const QString &runId);
    void preparingChanged(bool preparing);
    /** The demo model was just written (the form can estimate now). */
    void demoModelCreated();
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    /** A listed run; item is the row's first cell (check box, id). */
    struct Run : DetachedRun
    {
        QJsonObject config;
        bool dirty = false;       ///< the row needs an update
        bool checked = false;     ///< overlay check box, as last seen
        bool endedBeforeStart = false;   ///< its last launch ended before the worker said "started"
    };

    void retranslate();
    Run *run(const QString &id) const;
    Run *addRun(const QString &dir);
    void clearRuns();
    bool startPrepared(const sft::finetune::TrainConfig &config, const StartRequest &request);
    void setPreparingState(bool preparing);
    // starting, stopping, resuming (runlaunch.cpp)
    void launch(Run *r, bool resume, int processes = 1);
    /** processes ranks of the worker under torchrun; torchrun's pid, or 0 with error. */
    qint64 launchProcesses(const QString &runDir, bool resume, int processes, QString *error);
    bool isPrepared(const Run *r) const;
    bool canResume(const Run *r) const;
    /** The run's last launch ended before its worker said "started" (torchrun's or the worker's fault). */
    bool endedBeforeStart(const Run *r) const;
    /** "Run <id>: <status>", or why it ended before it started. */
    QString endMessage(const Run *r) const;
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
    // the Run menu (runlistactions.cpp)
    void buildRunActions();
    void retranslateRunActions();
    void updateRunActions();
    /** "Exporting GGUF: tensor i of n" and the like, from one of the worker's JSON lines. */
    void onGgufRecord(const QJsonObject &record);

    sft::Workspace *m_workspace = nullptr;
    JobRunner m_runner;
    QString m_program;
    bool m_preparing = false;
    int m_localProcesses = 1;
    int m_generation = 0;  ///< bumped by setWorkspace(): preparations of the previous workspace are dropped
    QPointer<Job> m_job;
    std::vector<std::shared_ptr<Run>> m_runs;  // rows and log connections hold raw pointers to them

    QTreeView *m_runView = nullptr;
    QStandardItemModel *m_runModel = nullptr;
    QLabel *m_runsTitle = nullptr, *m_runStatus = nullptr, *m_planLabel = nullptr;
    QPushButton *m_stop = nullptr, *m_resume = nullptr;
    QPushButton *m_runMenuButton = nullptr;
    QAction *m_openAction = nullptr, *m_mergeAction = nullptr, *m_deleteAction = nullptr, *m_scriptAction = nullptr,
            *m_ggufAction = nullptr;
    WorkerRun *m_merger = nullptr;
    WorkerRun *m_ggufExporter = nullptr;
    QJsonObject m_ggufDone;   ///< the running export's "done" line (its size, kept-f16 weights, warnings)
    QString m_mergeRunId, m_ggufRunId;   ///< the run the merge / export works on while it runs
    bool m_ggufStopping = false;         ///< stopGgufExport() asked the running export to stop
    TrainingCharts *m_charts = nullptr;
    ConfigDiffView *m_diff = nullptr;
    QTimer *m_liveTimer = nullptr, *m_labelTimer = nullptr;
};
