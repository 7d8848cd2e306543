#include "workspace/versioninfo.h"

#include <QAtomicInt>
#include <QDeadlineTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStringList>

#include <algorithm>

namespace sft {

QString sqliteVersion()
{
    const QString driver = QStringLiteral("QSQLITE");
    if (!QSqlDatabase::isDriverAvailable(driver))
        return {};
    // A name of its own, so no workspace connection (one per thread) is touched.
    static QAtomicInt counter;
    const QString name = QStringLiteral("sft-sqlite-version-%1").arg(counter.fetchAndAddRelaxed(1));
    QString version;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
        db.setDatabaseName(QStringLiteral(":memory:"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("select sqlite_version()")) && q.next())
                version = q.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return version;
}

QString torchVersionFromWorkerOutput(const QString &output)
{
    static const QRegularExpression line(QStringLiteral("^LibTorch[ \\t]+([^\\s,;()]+)"),
                                         QRegularExpression::MultilineOption);
    const QRegularExpressionMatch m = line.match(output);
    return m.hasMatch() ? m.captured(1) : QString();
}

QString workerFailureReason(WorkerFailure failure, const QString &detail)
{
    switch (failure) {
    case WorkerFailure::None: return {};
    case WorkerFailure::Pending: return QStringLiteral("still checking");
    case WorkerFailure::NotFound: return QStringLiteral("not found");
    case WorkerFailure::CannotStart: return QStringLiteral("cannot be started (%1)").arg(detail);
    case WorkerFailure::TimedOut: return QStringLiteral("timed out after %1 s").arg(detail);
    case WorkerFailure::Crashed: return QStringLiteral("crashed");
    case WorkerFailure::ExitCode: return QStringLiteral("exit code %1").arg(detail);
    case WorkerFailure::NoVersion: return QStringLiteral("no LibTorch line in its --version output");
    }
    return {};
}

WorkerAnswer workerAnswer(QProcess &process)
{
    if (process.error() == QProcess::FailedToStart) {
        const QString program = process.program();
        const bool missing = !QFileInfo::exists(program) && QStandardPaths::findExecutable(program).isEmpty();
        if (missing)
            return {{}, WorkerFailure::NotFound, {}};
        return {{}, WorkerFailure::CannotStart, process.errorString()};
    }
    if (process.exitStatus() != QProcess::NormalExit)
        return {{}, WorkerFailure::Crashed, {}};
    if (process.exitCode() != 0)
        return {{}, WorkerFailure::ExitCode, QString::number(process.exitCode())};
    const QString version = torchVersionFromWorkerOutput(QString::fromUtf8(process.readAllStandardOutput()));
    if (version.isEmpty())
        return {{}, WorkerFailure::NoVersion, {}};
    return {version, WorkerFailure::None, {}};
}

QString workerTorchVersion(const QString &program, int timeoutMs, QString *error)
{
    const QDeadlineTimer deadline(timeoutMs);
    auto remaining = [&deadline] { return deadline.isForever() ? -1 : std::max(1, int(deadline.remainingTime())); };
    QProcess p;
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(program, {QStringLiteral("--version")});
    WorkerAnswer answer;
    // Still starting when the time is up counts as a timeout, below.
    const bool startFailed = !p.waitForStarted(remaining()) && p.state() == QProcess::NotRunning;
    if (!startFailed && !p.waitForFinished(remaining())) {
        p.kill();
        p.waitForFinished(1000);
        answer = {{}, WorkerFailure::TimedOut, QString::number(timeoutMs / 1000.0)};
    } else {
        answer = workerAnswer(p);
    }
    if (error)
        *error = answer.reason();
    return answer.torchVersion;
}

} // namespace sft
