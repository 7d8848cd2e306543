#pragma once
// Small helpers several test executables share (header-only, on every test's
// include path through sft_add_test).

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QtGlobal>

namespace sfttest {

/** The worker under test: this build's sftbench-cli, or another one named by $SFTBENCH_CLI. */
inline QString cliPath()
{
    return qEnvironmentVariable("SFTBENCH_CLI", QStringLiteral(SFT_BINARY_DIR "/app/sftbench-cli"));
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

/** What one run of the worker printed and how it ended. */
struct CliRun
{
    int exitCode = -1;  ///< -1: still running at the timeout; -2: crashed
    QByteArray out;
    QString err;
    QString outText() const { return QString::fromUtf8(out); }
};

/** Run cliPath() with args and wait for it (timeoutMs at most; then it is killed and nothing is kept). */
inline CliRun runCli(const QStringList &args, int timeoutMs = 240000)
{
    const ProgramRun p = runProgram(cliPath(), args, timeoutMs);
    CliRun r;
    if (!p.finished)
        return r;
    r.exitCode = p.exitCode;
    r.out = p.out;
    r.err = QString::fromUtf8(p.err);
    return r;
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** Writes bytes as the file at path, making its folder; a failure fails the current test. */
inline void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

/**
 * Writes an executable shell script at path: "#!/bin/sh", a newline, then body (a fake worker or
 * tool for a test). Returns path, or an empty string when it cannot be written.
 */
inline QString writeShellScript(const QString &path, const QByteArray &body)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    const QByteArray text = "#!/bin/sh\n" + body;
    if (f.write(text) != text.size())
        return {};
    f.close();
    if (!f.setPermissions(f.permissions() | QFileDevice::ExeOwner))
        return {};
    return path;
}

/** The VERSION of project() in the top-level CMakeLists.txt, read independently of the build. */
inline QString projectVersion()
{
    static const QRegularExpression re(QStringLiteral(R"(project\(\s*SFTWorkbench\s+VERSION\s+([0-9.]+))"));
    return re.match(QString::fromUtf8(readFile(QStringLiteral(SFT_SOURCE_DIR "/CMakeLists.txt")))).captured(1);
}

/**
 * Writes the demo data set's single-turn records (those without "messages") as a JSON array to
 * path: data in the Alpaca format, the default prompt format, that trains without a chat template.
 */
inline void writeSingleTurnDemoData(const QString &path)
{
    QJsonArray single;
    for (const QJsonValue &r :
         QJsonDocument::fromJson(readFile(QStringLiteral(SFT_SOURCE_DIR "/resources/demo/demo_dataset.json"))).array())
        if (!r.toObject().contains(QStringLiteral("messages")))
            single.append(r);
    QVERIFY(single.size() >= 30);
    writeFile(path, QJsonDocument(single).toJson());
}

/** Makes the run folder dir with cfg as its config.json (fatal when it cannot be written); returns dir. */
inline QString writeRunConfig(const QString &dir, const QJsonObject &cfg)
{
    QDir().mkpath(dir);
    QFile f(dir + QStringLiteral("/config.json"));
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write config");
    f.write(QJsonDocument(cfg).toJson());
    return dir;
}

/** The events of one kind in a training run's events.jsonl (none when the file is missing). */
inline QList<QJsonObject> runEvents(const QString &runDir, const QString &kind)
{
    QList<QJsonObject> out;
    QFile f(runDir + QStringLiteral("/events.jsonl"));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.value(QStringLiteral("event")).toString() == kind)
            out << o;
    }
    return out;
}

/** What one run of a Python reference script printed and how it ended. */
struct ReferenceRun
{
    QString skip;           ///< not empty: /usr/bin/python3 or its torch is missing; the test QSKIPs with it
    bool finished = false;  ///< false: still running at the timeout
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/**
 * Run /usr/bin/python3 with args (a reference script that needs torch, then its arguments) and wait
 * for it (timeoutMs at most). QSKIP must happen in the test function, so a missing interpreter or
 * torch module comes back as skip.
 */
inline ReferenceRun runTorchReference(const QStringList &args, int timeoutMs = 240000)
{
    ReferenceRun r;
    const ProgramRun p = runProgram(QStringLiteral("/usr/bin/python3"), args, timeoutMs);
    if (!p.started) {
        r.skip = QStringLiteral("/usr/bin/python3 is not available");
        return r;
    }
    r.finished = p.finished;
    if (!r.finished)
        return r;
    r.exitCode = p.exitCode;
    r.out = p.out;
    r.err = p.err;
    if (r.exitCode != 0 && r.err.contains("No module named 'torch'"))
        r.skip = QStringLiteral("/usr/bin/python3 has no torch");
    return r;
}

} // namespace sfttest
