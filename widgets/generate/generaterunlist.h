#pragma once
// The generation runs of a workspace: every folder under "<workspace>.generate",
// each followed through its events.jsonl (sft::RunLog as the follower, a
// GenerateStats as the sum), so runs started by the CLI or before this window
// opened are listed and shown live. Start writes the run folder (seeds, the
// request config, gui.json) and starts the worker detached with the key in
// its environment; Stop sends SIGTERM; Resume starts the worker again on the
// same folder. The live view shows the current run's stats.

#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include <memory>
#include <vector>

#include "common/detachedrun.h"
#include "common/job.h"
#include "generate/generatestats.h"
#include "workspace/trainingrun.h"

class QStandardItem;
class QLabel;
class QPushButton;
class QStandardItemModel;
class QTimer;
class QTreeView;
namespace sft { class Workspace; }

class GenerateRunList : public QWidget
{
    Q_OBJECT

public:
    enum Column { NameColumn, StatusColumn, KeptColumn, CandidatesColumn, BackendColumn, StartedColumn, ColumnCount };

    /** What a new run starts from (the form's choices). */
    struct StartRequest
    {
        QJsonObject config;
        QString seedFile;          ///< the worker copies it into the run folder as seeds.jsonl
        qint64 seedDataset = 0;    ///< or: exported into it
        QString datasetName;       ///< empty: "generated-<run id>"
        bool keyFromSettings = true;
        QString modelDir, demoModelDir;   ///< a local backend on the demo model creates it first
    };

    explicit GenerateRunList(QWidget *parent = nullptr);
    ~GenerateRunList() override;

    void setWorkspace(sft::Workspace *workspace);
    void setJobRunner(JobRunner runner);
    void setWorkerProgram(const QString &program);

    QString runsRoot() const;
    void rescan();
    QStringList runIds() const;
    QString currentRunId() const;
    void selectRun(const QString &id);
    QString runDir(const QString &id) const;
    sft::RunStatus runStatus(const QString &id) const;
    const GenerateStats *stats(const QString &id) const;
    /** The run's config.json (the worker's, defaults filled), else the request the panel wrote. */
    QJsonObject runConfig(const QString &id) const;
    /** The run's gui.json: the target dataset, where the key comes from, the seed dataset (never the key). */
    QJsonObject runSide(const QString &id) const;
    /** The dataset the run's kept tasks land in; empty when none. */
    QString runDataset(const QString &id) const;
    /** The kept tasks the worker has written into that dataset so far. */
    int landedCount(const QString &id) const;
    /** The built-in templates of a language, as a run that did not edit them recorded them; empty if none did. */
    QJsonObject defaultPrompts(const QString &language) const;

    bool start(const StartRequest &request);
    bool stop();
    bool resume();
    bool isPreparing() const { return m_preparing; }
    bool isResumable(const QString &id) const;

    QTreeView *runView() const { return m_view; }
    QStandardItemModel *runModel() const { return m_model; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *stopButton() const { return m_stop; }
    QPushButton *resumeButton() const { return m_resume; }
    QPushButton *reviewButton() const { return m_review; }

Q_SIGNALS:
    void runStarted(const QString &runId);
    void runEnded(const QString &runId, const QString &status);
    void currentRunChanged(const QString &runId);
    /** New events of a run were taken in (the view redraws the current one, batched). */
    void runUpdated(const QString &runId);
    /** The run's log was read again from the start. */
    void runReset(const QString &runId);
    void preparingChanged(bool preparing);
    /** "Review in Curation": the run's dataset, pending records. */
    void reviewRequested(const QString &datasetName);
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Run : DetachedRun
    {
        GenerateStats stats;
        QJsonObject config, side;   ///< config.json (or the request), gui.json
        qint64 landedOffset = 0;    ///< how far landed.jsonl was read (the end of its last whole line)
        QSet<qint64> landed;        ///< the candidates landed in the run's dataset, as read so far
    };

    void retranslate();
    Run *run(const QString &id) const;
    Run *addRun(const QString &dir);
    void clearRuns();
    bool startPrepared(const StartRequest &request);
    void finishStart(const QString &dir, const StartRequest &request);
    void setPreparingState(bool preparing);
    void launch(Run *r, bool fresh);
    void onRecord(Run *r, const QJsonObject &record);
    void refreshStatus(Run *r);
    void checkLiveness();
    void updateRow(Run *r);
    void updateLabel();
    void updateButtons();
    QString statusText(const Run *r) const;
    /** How many kept tasks the worker landed in the run's dataset (its landed.jsonl, read on from where it was left). */
    int landedTasks(Run *r) const;
    /** What the worker's command line contains (the live-worker check). */
    QString marker() const;

    sft::Workspace *m_workspace = nullptr;
    JobRunner m_runner;
    QString m_program;
    bool m_preparing = false;
    int m_generation = 0;
    QPointer<Job> m_job;
    std::vector<std::shared_ptr<Run>> m_runs;

    QTreeView *m_view = nullptr;
    QStandardItemModel *m_model = nullptr;
    QLabel *m_title = nullptr, *m_status = nullptr;
    QPushButton *m_stop = nullptr, *m_resume = nullptr, *m_review = nullptr, *m_open = nullptr;
    QTimer *m_liveTimer = nullptr, *m_rowTimer = nullptr;
};
