#pragma once
// One run of the worker (sftbench-cli) for a panel, from start to its one
// finished() signal: an optional first step that creates the demo model (a
// background Job), a scratch folder for the run's input files, the process
// with its JSON lines, Stop, and the error text when it fails. The Prompt,
// In-context and Training panels (Try the result, Merge) all run the worker
// through it; a panel only writes the inputs and shows the results.
//
// Long fine-tuning runs are not WorkerRuns: they are started detached and
// followed through their run folder, so they outlive the GUI.

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <memory>

#include "common/job.h"

class QTemporaryDir;
namespace sft { class WorkerProcess; }

class WorkerRun : public QObject
{
    Q_OBJECT

public:
    /**
     * Writes the run's input files into scratch (empty when no scratch folder was asked for) and returns
     * the worker's arguments. Throws std::exception (its message becomes the run's error).
     */
    using Prepare = std::function<QStringList(const QString &scratch)>;

    struct Options
    {
        /** The model folder the run uses, and the demo model folder: the demo model is created first when missing. */
        QString modelDir, demoModelDir;
        /** Give prepare() a temporary folder that lives until the run ends. */
        bool scratch = false;
        /** Kill the worker after this many ms (0 = no limit). */
        int timeoutMs = 0;
    };

    explicit WorkerRun(QObject *parent = nullptr);
    ~WorkerRun() override;

    void setProgram(const QString &program) { m_program = program; }
    QString program() const { return m_program; }
    /** Where the demo-model job goes (the main window's Activity dock); without one it runs on its own. */
    void setJobRunner(JobRunner runner) { m_runner = std::move(runner); }

    /**
     * Start a run; false when one is already running or it could not start (then finished() has been
     * emitted already with the reason, except when a run was already going).
     */
    bool start(Prepare prepare, const Options &options);
    /** A run with no demo-model step, no scratch folder and no time limit. */
    bool start(Prepare prepare) { return start(std::move(prepare), Options()); }
    /** Cancel the demo-model step or ask the worker to stop (SIGTERM, killed after a second). */
    void stop();
    bool isRunning() const { return m_running; }
    /** The demo model is being created (before the worker starts). */
    bool isPreparing() const { return m_modelJob != nullptr; }
    /** What the worker wrote to stderr so far. */
    QString errorOutput() const;

Q_SIGNALS:
    void runningChanged(bool running);
    void recordReceived(const QJsonObject &record);
    void textReceived(const QString &line);
    /** Exactly once per started run: ok, or the reason ("stopped" after stop()). */
    void finished(bool ok, const QString &error);

private:
    void launch(const Prepare &prepare, bool scratch, int timeoutMs);
    void finish(bool ok, const QString &error);
    void setRunning(bool running);

    QString m_program;
    JobRunner m_runner;
    QPointer<Job> m_modelJob;
    sft::WorkerProcess *m_worker = nullptr;
    std::unique_ptr<QTemporaryDir> m_scratch;
    QString m_error;
    bool m_running = false;
    bool m_stopRequested = false;
};
