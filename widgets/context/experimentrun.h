#pragma once
// One comparison run of the Experiments view: a queue of worker runs
// (perplexity and passkey for each configuration), started one after the
// other through a WorkerRun (which writes the demo model first when needed),
// each followed by a ContextOutputParser. It reports every parsed record and
// ends with one finished(): after the last step, after the first failed one,
// or after Stop. The view only lays out the steps and shows the results.

#include <QByteArray>
#include <QObject>
#include <QStringList>
#include <QVector>

#include "common/job.h"
#include "context/contextoutput.h"

class WorkerRun;

class ExperimentRun : public QObject
{
    Q_OBJECT

public:
    struct Step
    {
        int config = 0;   ///< the configuration's index in the view's snapshot
        ContextOutputParser::Kind kind = ContextOutputParser::Kind::Perplexity;
        QStringList args; ///< the worker's arguments, command first
        QString modelDir; ///< the model the step loads (the demo model is written first when it is missing)
        /** Non-empty: written to a scratch file that goes to the worker as --text (the demo text). */
        QByteArray text;
    };

    explicit ExperimentRun(QObject *parent = nullptr);

    void setProgram(const QString &program);
    QString program() const;
    void setJobRunner(JobRunner runner);
    void setDemoModelDir(const QString &dir) { m_demoModelDir = dir; }

    /** Start the steps in order; false when a run is going or there is no step. */
    bool start(const QVector<Step> &steps);
    /** Stop the current step (the worker finishes its window and exits); no later step starts. */
    void stop();
    bool isRunning() const { return m_running; }
    /** Stop was asked for in the run going or last run. */
    bool wasStopped() const { return m_stopRequested; }

    int stepCount() const { return int(m_steps.size()); }
    /** The step running or last run; -1 before the first. */
    int stepIndex() const { return m_index; }
    const Step &step(int index) const { return m_steps.at(index); }
    /** The parser of the current step. */
    const ContextOutputParser &parser() const { return m_parser; }
    /** Share of all steps done, 0..1. */
    double fraction() const;

    /**
     * The demo text for perplexity when no text file is chosen: the demo dataset's instructions, inputs,
     * outputs and messages, one paragraph per record.
     */
    static QByteArray demoText();

Q_SIGNALS:
    void runningChanged(bool running);
    void stepStarted(int index);
    void recordParsed(int index, ContextOutputParser::Event event);
    /**
     * Exactly once per started run: ok after every step succeeded (the worker printed "done"), else the
     * failing step's error or "stopped" (after stop()).
     */
    void finished(bool ok, const QString &error);

private:
    void startStep();
    void onStepFinished(bool ok, const QString &error);
    void finish(bool ok, const QString &error);

    WorkerRun *m_worker = nullptr;
    QString m_demoModelDir;
    QVector<Step> m_steps;
    int m_index = -1;
    ContextOutputParser m_parser;
    bool m_running = false, m_stopRequested = false;
};
