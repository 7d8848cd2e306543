#include "workspace/workerprocess.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>

namespace sft {

WorkerProcess::WorkerProcess(QObject *parent) : QObject(parent)
{
    m_process = new QProcess(this);
    m_timeout = new QTimer(this);
    m_timeout->setSingleShot(true);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &WorkerProcess::readStdout);
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        m_stderr += QString::fromUtf8(m_process->readAllStandardError());
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            Q_EMIT failed(tr("Cannot start %1: %2").arg(m_program, m_process->errorString()));
    });
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        m_timeout->stop();
        readStdout();
        emitLines(m_buffer.finish());
        m_stderr += QString::fromUtf8(m_process->readAllStandardError());
        const bool crashed = status == QProcess::CrashExit;
        if (m_timedOut)
            Q_EMIT failed(tr("%1 did not finish in time and was stopped.").arg(QFileInfo(m_program).fileName()));
        else if (crashed)
            Q_EMIT failed(tr("%1 crashed.").arg(QFileInfo(m_program).fileName()));
        else if (code != 0)
            Q_EMIT failed(m_stderr.trimmed().isEmpty() ? tr("%1 exited with code %2.").arg(QFileInfo(m_program).fileName()).arg(code)
                                                       : m_stderr.trimmed());
        Q_EMIT finished(code, crashed);
    });
    connect(m_timeout, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        stop(1000);
    });
}

WorkerProcess::~WorkerProcess()
{
    if (m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

QString WorkerProcess::defaultProgram()
{
    const QString beside = QCoreApplication::applicationDirPath() + QStringLiteral("/sftbench-cli");
    if (QFileInfo(beside).isExecutable())
        return beside;
    const QString found = QStandardPaths::findExecutable(QStringLiteral("sftbench-cli"));
    return found.isEmpty() ? beside : found;
}

void WorkerProcess::start(const QString &program, const QStringList &args, int timeoutMs)
{
    m_program = program;
    m_stderr.clear();
    m_buffer = JsonLineBuffer();
    m_timedOut = false;
    m_process->start(program, args);
    if (timeoutMs > 0)
        m_timeout->start(timeoutMs);
}

void WorkerProcess::stop(int graceMs)
{
    if (m_process->state() == QProcess::NotRunning)
        return;
    m_process->terminate();
    QTimer::singleShot(graceMs, m_process, [p = m_process] {
        if (p->state() != QProcess::NotRunning)
            p->kill();
    });
}

bool WorkerProcess::isRunning() const
{
    return m_process->state() != QProcess::NotRunning;
}

void WorkerProcess::readStdout()
{
    emitLines(m_buffer.feed(m_process->readAllStandardOutput()));
}

void WorkerProcess::emitLines(const QList<JsonLineBuffer::Line> &lines)
{
    for (const auto &line : lines) {
        if (line.isJson)
            Q_EMIT recordReceived(line.object);
        else if (!line.raw.trimmed().isEmpty())
            Q_EMIT textReceived(QString::fromUtf8(line.raw));
    }
}

} // namespace sft
