#pragma once
// Runs sftbench-cli (or any worker) with QProcess and turns its stdout into
// JSON-lines records (qBittorrent's searchhandler pattern: a line parser that
// keeps the partial last line, errorOccurred, finished and a timeout). For
// short jobs (scoring, generation); a training run is started detached and
// followed through its log file instead, so it outlives the GUI.

#include <QObject>
#include <QProcess>
#include <QStringList>

#include "workspace/jsonlinebuffer.h"

class QTimer;

namespace sft {

class WorkerProcess : public QObject
{
    Q_OBJECT

public:
    explicit WorkerProcess(QObject *parent = nullptr);
    ~WorkerProcess() override;

    /** The sftbench-cli next to the running executable, else the one on PATH. */
    static QString defaultProgram();

    /** Start program with args; timeoutMs 0 = no timeout. */
    void start(const QString &program, const QStringList &args, int timeoutMs = 0);
    /** Ask the worker to stop (SIGTERM), then kill it after graceMs. */
    void stop(int graceMs = 3000);
    bool isRunning() const;
    /** Everything the worker wrote to stderr (its error message, on failure). */
    QString errorOutput() const { return m_stderr; }

Q_SIGNALS:
    void recordReceived(const QJsonObject &record);
    void textReceived(const QString &line);
    /** exitCode 0 and a normal exit: success. */
    void finished(int exitCode, bool crashed);
    /** Could not start, timed out, or crashed: a message for the user. */
    void failed(const QString &message);

private:
    void readStdout();
    void emitLines(const QList<JsonLineBuffer::Line> &lines);

    QProcess *m_process = nullptr;
    QTimer *m_timeout = nullptr;
    JsonLineBuffer m_buffer;
    QString m_stderr;
    QString m_program;
    bool m_timedOut = false;
};

} // namespace sft
