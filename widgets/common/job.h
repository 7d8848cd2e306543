#pragma once
// A background job: runs a function on the thread pool with a progress
// callback that also carries the cancel flag, and reports back by signals on
// the GUI thread. Long operations (import, export, filters, indexing) use it
// so the UI thread never waits on them.

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

#include "core/progress.h"

class Job;

/** How a panel hands a job to the main window (its Activity dock and progress bar); false = refused. */
using JobRunner = std::function<bool(Job *)>;

/**
 * Start job through runner, or, without one (tests, a panel alone), on its own
 * with owner as parent, deleted when it ends. Returns whether it started.
 */
bool startJob(Job *job, QObject *owner, const JobRunner &runner);

class Job : public QObject
{
    Q_OBJECT

public:
    /** work runs on a pool thread; it returns a summary or throws (sft::Error, sft::Cancelled). */
    using Work = std::function<QString(const sft::ProgressFn &progress)>;

    Job(QString title, Work work, QObject *parent = nullptr);
    ~Job() override;

    QString title() const { return m_title; }
    void start();
    void cancel() { m_state->cancel = true; }
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progressChanged(qint64 done, qint64 total);
    void finished(const QString &summary);
    void failed(const QString &message);
    void cancelled();

private:
    struct State
    {
        std::atomic<bool> cancel{false};
        std::atomic<qint64> done{0}, total{0};
    };
    QString m_title;
    Work m_work;
    std::shared_ptr<State> m_state;
    bool m_running = false;
    class QTimer *m_poll = nullptr;
};
