#pragma once
// Small helpers several test executables share (header-only, on every test's
// include path through sft_add_test).

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace sfttest {

/** The worker under test: this build's sftbench-cli, or another one named by $SFTBENCH_CLI. */
inline QString cliPath()
{
    return qEnvironmentVariable("SFTBENCH_CLI", QStringLiteral(SFT_BINARY_DIR "/app/sftbench-cli"));
}

/** What one run of the worker printed and how it ended. */
struct CliRun
{
    int exitCode = -1;  ///< -1: still running at the timeout; -2: crashed
    QByteArray out;
    QString err;
    QString outText() const { return QString::fromUtf8(out); }
};

/** Run cliPath() with args and wait for it (timeoutMs at most). */
inline CliRun runCli(const QStringList &args, int timeoutMs = 240000)
{
    QProcess p;
    p.start(cliPath(), args);
    CliRun r;
    if (!p.waitForFinished(timeoutMs))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace sfttest
