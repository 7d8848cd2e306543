#include "common/job.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

#include "core/error.h"

Job::Job(QString title, Work work, QObject *parent)
    : QObject(parent), m_title(std::move(title)), m_work(std::move(work)), m_state(std::make_shared<State>())
{
    // Progress is polled, not signalled per step: a tight loop reporting every
    // record must not flood the GUI thread's event queue.
    m_poll = new QTimer(this);
    m_poll->setInterval(50);
    connect(m_poll, &QTimer::timeout, this, [this] {
        Q_EMIT progressChanged(m_state->done.load(), m_state->total.load());
    });
}

Job::~Job()
{
    m_state->cancel = true;
}

void Job::start()
{
    m_running = true;
    m_poll->start();
    QPointer<Job> self(this);
    auto state = m_state;
    auto work = m_work;
    QThreadPool::globalInstance()->start([self, state, work] {
        const sft::ProgressFn progress = [state](std::int64_t done, std::int64_t total) {
            state->done = done;
            state->total = total;
            return !state->cancel.load();
        };
        enum { Ok, Failed, Cancelled } outcome = Ok;
        QString text;
        try {
            text = work(progress);
            if (state->cancel)
                outcome = Cancelled;
        } catch (const sft::Cancelled &) {
            outcome = Cancelled;
        } catch (const std::exception &e) {
            outcome = Failed;
            text = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, outcome, text] {
            if (!self)
                return;
            self->m_running = false;
            self->m_poll->stop();
            if (outcome == Ok)
                Q_EMIT self->finished(text);
            else if (outcome == Cancelled)
                Q_EMIT self->cancelled();
            else
                Q_EMIT self->failed(text);
        });
    });
}

bool startJob(Job *job, QObject *owner, const JobRunner &runner)
{
    if (runner)
        return runner(job);
    job->setParent(owner);
    QObject::connect(job, &Job::finished, job, &QObject::deleteLater);
    QObject::connect(job, &Job::failed, job, &QObject::deleteLater);
    QObject::connect(job, &Job::cancelled, job, &QObject::deleteLater);
    job->start();
    return true;
}
