#pragma once
// What the install and package tests share: the install layout the design
// names (relative to the prefix), running a program and keeping its output,
// and the rule for the Debian tools they call: a missing tool fails the test
// under CI (the environment variable CI is set) and skips it elsewhere, naming
// the Debian package that provides it.

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTest>

namespace sfttest {

/** Where a missing tool is only a skip: anywhere but CI. */
inline bool toolsRequired()
{
    return qEnvironmentVariableIsSet("CI");
}

// Looks up tool on PATH into var; when it is missing, fails (CI) or skips, naming package.
#define SFT_REQUIRE_TOOL(var, tool, package)                                                          \
    const QString var = QStandardPaths::findExecutable(QStringLiteral(tool));                         \
    do {                                                                                              \
        if (var.isEmpty()) {                                                                          \
            if (sfttest::toolsRequired())                                                             \
                QFAIL(tool " is not installed (Debian package " package "; CI is set, so it must be)"); \
            QSKIP(tool " is not installed: apt install " package);                                    \
        }                                                                                             \
    } while (false)

/** The desktop identity the file names are built from. */
inline QString appId()
{
    return QStringLiteral(SFT_APP_ID);
}

/** The icon's PNG sizes (square), drawn by the project: resources/CMakeLists.txt's SFT_ICON_SIZES. */
inline QList<int> iconSizes()
{
    return {SFT_ICON_SIZES};
}

/** Every file an install must contain, relative to the prefix (no leading slash). */
inline QStringList installLayout()
{
    const QString bin = QStringLiteral(SFT_INSTALL_BINDIR "/");
    const QString share = QStringLiteral(SFT_INSTALL_DATADIR "/");
    const QString doc = QStringLiteral(SFT_INSTALL_DOCDIR "/");
    QStringList files{
        bin + QStringLiteral("sftbench"),
        bin + QStringLiteral("sftbench-cli"),
        share + QStringLiteral("applications/") + appId() + QStringLiteral(".desktop"),
        share + QStringLiteral("metainfo/") + appId() + QStringLiteral(".metainfo.xml"),
        share + QStringLiteral("icons/hicolor/scalable/apps/") + appId() + QStringLiteral(".svg"),
        share + QStringLiteral("mime/packages/") + appId() + QStringLiteral(".xml"),
        share + QStringLiteral("sftbench/translations/sftbench_en.qm"),
        share + QStringLiteral("sftbench/translations/sftbench_zh_CN.qm"),
        doc + QStringLiteral("README.md"),
        doc + QStringLiteral("LICENSE"),
        doc + QStringLiteral("copyright"),
    };
    for (int s : iconSizes())
        files << share + QStringLiteral("icons/hicolor/%1x%1/apps/").arg(s) + appId() + QStringLiteral(".png");
    return files;
}

/** How one run of a program ended and what it printed. */
struct ProgramRun
{
    bool started = false;
    bool finished = false;  ///< false: still running at the timeout (then killed)
    int exitCode = -1;      ///< -2: crashed
    QByteArray out;
    QByteArray err;
    QString all() const { return QString::fromUtf8(out + err); }
    /** For a failure message: how it ended and its output. */
    QByteArray describe() const
    {
        return "exit " + QByteArray::number(exitCode) + (finished ? "" : " (timed out)") + "\nstdout:\n" + out +
               "\nstderr:\n" + err;
    }
};

/** Runs program with args (in cwd with env when given) and waits timeoutMs at most. */
inline ProgramRun runProgram(const QString &program, const QStringList &args, int timeoutMs = 120000,
                             const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                             const QString &cwd = QString())
{
    QProcess p;
    p.setProcessEnvironment(env);
    if (!cwd.isEmpty())
        p.setWorkingDirectory(cwd);
    p.start(program, args);
    ProgramRun r;
    r.started = p.waitForStarted(30000);
    if (!r.started)
        return r;
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(5000);
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    if (!r.finished)
        r.exitCode = -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace sfttest
