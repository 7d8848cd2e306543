#include "common/workerrun.h"

#include <QTemporaryDir>
#include <QTimer>

#include "common/demomodeljob.h"
#include "workspace/workerprocess.h"

WorkerRun::WorkerRun(QObject *parent) : QObject(parent), m_program(sft::WorkerProcess::defaultProgram()) {}

WorkerRun::~WorkerRun() = default;

bool WorkerRun::start(Prepare prepare, const Options &options)
{
    if (m_running)
        return false;
    m_error.clear();
    m_stopRequested = false;
    setRunning(true);
    if (demomodel::needsCreating(options.modelDir, options.demoModelDir)) {
        // The demo model is written once, in the background; the worker starts when it is there.
        const bool scratch = options.scratch;
        const int timeoutMs = options.timeoutMs;
        const bool started = demomodel::createAndStart(
            this, options.modelDir, m_program, m_runner, m_modelJob, [](bool) {},
            [this, prepare, scratch, timeoutMs] {
                // Stop pressed while the model was being written: the worker never starts.
                if (m_stopRequested)
                    finish(false, tr("stopped"));
                else
                    launch(prepare, scratch, timeoutMs);
            },
            [this](const QString &error) { finish(false, m_stopRequested ? tr("stopped") : error); });
        if (!started)
            finish(false, tr("the job could not start"));
        return started;
    }
    launch(prepare, options.scratch, options.timeoutMs);
    return m_running;
}

void WorkerRun::launch(const Prepare &prepare, bool scratch, int timeoutMs)
{
    QStringList args;
    try {
        if (scratch) {
            m_scratch = std::make_unique<QTemporaryDir>();
            if (!m_scratch->isValid())
                throw std::runtime_error(tr("cannot create a temporary folder").toStdString());
        }
        args = prepare(m_scratch ? m_scratch->path() : QString());
    } catch (const std::exception &e) {
        finish(false, QString::fromUtf8(e.what()));
        return;
    }
    m_worker = new sft::WorkerProcess(this);
    connect(m_worker, &sft::WorkerProcess::recordReceived, this, &WorkerRun::recordReceived);
    connect(m_worker, &sft::WorkerProcess::textReceived, this, &WorkerRun::textReceived);
    connect(m_worker, &sft::WorkerProcess::failed, this, [this](const QString &text) {
        if (m_error.isEmpty())
            m_error = text;
        // A worker that could not start never sends finished(); one that ran sends it right after this.
        QTimer::singleShot(0, this, [this, worker = QPointer<sft::WorkerProcess>(m_worker)] {
            if (worker && worker == m_worker && !worker->isRunning())
                finish(false, m_error);
        });
    });
    connect(m_worker, &sft::WorkerProcess::finished, this, [this](int code, bool crashed) {
        if (m_error.isEmpty() && (code != 0 || crashed))
            m_error = tr("the worker exited with code %1").arg(code);
        finish(m_error.isEmpty(), m_error);
    });
    m_worker->start(m_program, args, timeoutMs);
}

void WorkerRun::stop()
{
    if (!m_running)
        return;
    m_stopRequested = true;
    if (m_modelJob)
        m_modelJob->cancel();
    if (m_worker) {
        m_error = tr("stopped");
        m_worker->stop(1000);
    }
}

QString WorkerRun::errorOutput() const
{
    return m_worker ? m_worker->errorOutput() : QString();
}

void WorkerRun::finish(bool ok, const QString &error)
{
    if (!m_running)
        return;
    if (m_worker) {
        m_worker->disconnect(this);
        m_worker->deleteLater();
        m_worker = nullptr;
    }
    m_scratch.reset();
    setRunning(false);
    Q_EMIT finished(ok, error);
}

void WorkerRun::setRunning(bool running)
{
    if (m_running == running)
        return;
    m_running = running;
    Q_EMIT runningChanged(running);
}
