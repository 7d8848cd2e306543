// Cluster launch scripts: every bad setting refused with its field, both
// scripts valid bash, and both actually run with fake torchrun / srun /
// scontrol programs on PATH that print what they were given, so the exact
// argument list (a run folder with a space, quotes, '%', '$' and '#' in it
// included) and the exported rendezvous are checked, not the script's text.
// The #SBATCH output line is read back the way sbatch reads such lines.

#include <QtTest>

#include "core/error.h"
#include "distributed/launch_script.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cstdint>
#include <functional>

using namespace sft;
using namespace sft::distributed;

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QStringList toList(const std::vector<std::string> &v)
{
    QStringList out;
    for (const std::string &s : v)
        out << qs(s);
    return out;
}

bool writeFile(const QString &path, const QByteArray &text, bool executable = false)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) != text.size())
        return false;
    f.close();
    if (executable)
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner | QFileDevice::ReadOwner);
    return true;
}

struct Ran
{
    int exitCode = -1;
    QStringList out;  ///< stdout, one entry per line
    QString err;
};

/** /bin/bash with the given arguments, in an environment of exactly these variables. */
Ran runBash(const QStringList &args, const QMap<QString, QString> &vars)
{
    QProcess p;
    QProcessEnvironment env;
    for (auto it = vars.begin(); it != vars.end(); ++it)
        env.insert(it.key(), it.value());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("/bin/bash"), args);
    Ran r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    QString out = QString::fromUtf8(p.readAllStandardOutput());
    if (out.endsWith(QLatin1Char('\n')))
        out.chop(1);
    r.out = out.isEmpty() ? QStringList() : out.split(QLatin1Char('\n'));
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

/** A fake program that prints each of its arguments on a line of its own. */
const QByteArray kPrintArgs = "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n";

/**
 * The arguments sbatch reads from an #SBATCH line. newParser: Slurm 17.11 and later ('...' and
 * "..." quote, '#' outside quotes ends the line); otherwise the older one ("..." toggles
 * quoting, '#' ends the line even inside quotes). Both take a backslash as an escape.
 */
QStringList sbatchArguments(const std::string &line, bool newParser)
{
    QStringList args;
    std::size_t p = std::string("#SBATCH").size();
    const std::size_t n = line.size();
    bool comment = false;
    while (!comment) {
        while (p < n && std::isspace(static_cast<unsigned char>(line[p])))
            ++p;
        if (p >= n)
            break;
        std::string a;
        bool escape = false, quoted = false;
        char quote = 0;
        while (p < n && (quoted || !std::isspace(static_cast<unsigned char>(line[p])))) {
            const char c = line[p];
            if (escape) {
                escape = false;
            } else if (c == '\\') {
                escape = true;
                ++p;
                continue;
            } else if (newParser && quoted) {
                if (c == quote) {
                    quoted = false;
                    ++p;
                    continue;
                }
            } else if (c == '"' || (newParser && c == '\'')) {
                quoted = newParser ? true : !quoted;
                quote = c;
                ++p;
                continue;
            } else if (c == '#') {
                comment = true;
                break;
            }
            a += c;
            ++p;
        }
        if (!a.empty())
            args << qs(a);
    }
    return args;
}

/** The script's #SBATCH lines, and whether they all come before its first command (sbatch stops there). */
QStringList sbatchLines(const std::string &script, bool *allBeforeCommands)
{
    QStringList lines;
    bool command = false;
    *allBeforeCommands = true;
    for (const QString &line : qs(script).split(QLatin1Char('\n'))) {
        if (line.startsWith(QStringLiteral("#SBATCH"))) {
            lines << line;
            *allBeforeCommands = *allBeforeCommands && !command;
        } else if (!line.trimmed().isEmpty() && !line.startsWith(QLatin1Char('#'))) {
            command = true;
        }
    }
    return lines;
}

ClusterLaunch goodLaunch()
{
    ClusterLaunch l;
    l.runDir = "/shared/runs/r1";
    return l;
}

struct BadCase
{
    const char *name;
    std::function<void(ClusterLaunch &)> change;
    const char *field;
};

const std::vector<BadCase> &badCases()
{
    static const std::vector<BadCase> cases = {
        {"nodes 0", [](ClusterLaunch &l) { l.nodes = 0; }, "nodes"},
        {"processes 0", [](ClusterLaunch &l) { l.processesPerNode = 0; }, "processes_per_node"},
        {"master empty", [](ClusterLaunch &l) { l.masterAddr.clear(); }, "master_addr"},
        {"master with a space", [](ClusterLaunch &l) { l.masterAddr = "node 0"; }, "master_addr"},
        {"master with a newline", [](ClusterLaunch &l) { l.masterAddr = "node0\nrm"; }, "master_addr"},
        {"port 0", [](ClusterLaunch &l) { l.masterPort = 0; }, "master_port"},
        {"port 65536", [](ClusterLaunch &l) { l.masterPort = 65536; }, "master_port"},
        {"worker empty", [](ClusterLaunch &l) { l.worker.clear(); }, "worker"},
        {"worker relative", [](ClusterLaunch &l) { l.worker = "build/app/sftbench-cli"; }, "worker"},
        {"worker with a newline", [](ClusterLaunch &l) { l.worker = "/opt/sft\n-cli"; }, "worker"},
        {"torchrun relative", [](ClusterLaunch &l) { l.torchrun = "./torchrun"; }, "torchrun"},
        {"torchrun empty", [](ClusterLaunch &l) { l.torchrun.clear(); }, "torchrun"},
        {"run folder empty", [](ClusterLaunch &l) { l.runDir.clear(); }, "run_dir"},
        {"run folder relative", [](ClusterLaunch &l) { l.runDir = "runs/r1"; }, "run_dir"},
        {"run folder with a newline", [](ClusterLaunch &l) { l.runDir = "/runs/a\nb"; }, "run_dir"},
        {"run folder with a tab", [](ClusterLaunch &l) { l.runDir = "/runs/a\tb"; }, "run_dir"},
        {"run folder with a backslash", [](ClusterLaunch &l) { l.runDir = "/runs/a\\b"; }, "run_dir"},
        {"job name empty", [](ClusterLaunch &l) { l.jobName.clear(); }, "job_name"},
        {"job name with a space", [](ClusterLaunch &l) { l.jobName = "my job"; }, "job_name"},
        {"job name with a quote", [](ClusterLaunch &l) { l.jobName = "it's"; }, "job_name"},
        {"job name with a hash", [](ClusterLaunch &l) { l.jobName = "run#2"; }, "job_name"},
        {"job name with a newline", [](ClusterLaunch &l) { l.jobName = "a\n#SBATCH --exclusive"; }, "job_name"},
        {"partition with a space", [](ClusterLaunch &l) { l.partition = "gpu long"; }, "partition"},
        {"time empty", [](ClusterLaunch &l) { l.timeLimit.clear(); }, "time_limit"},
        {"time with a space", [](ClusterLaunch &l) { l.timeLimit = "1-00:00:00 "; }, "time_limit"},
        {"gpus negative", [](ClusterLaunch &l) { l.gpusPerNode = -1; }, "gpus_per_node"},
        {"cpus negative", [](ClusterLaunch &l) { l.cpusPerTask = -2; }, "cpus_per_task"},
        {"collective timeout 0", [](ClusterLaunch &l) { l.collectiveTimeoutSeconds = 0; }, "collective_timeout"},
    };
    return cases;
}

} // namespace

class TestLaunchScript : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    /** A run folder that needs every kind of quoting: space, ', %, $, `, #. */
    std::string awkwardRunDir() const
    {
        return QString(m_dir.path() + QStringLiteral("/run dir/it's 100% $HOME `id` #1")).toStdString();
    }
    QString scriptFile(const std::string &text, const QString &name) const
    {
        const QString path = m_dir.path() + QLatin1Char('/') + name;
        return writeFile(path, QByteArray::fromStdString(text)) ? path : QString();
    }
    QString binDir() const { return m_dir.path() + QStringLiteral("/bin"); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(writeFile(binDir() + QStringLiteral("/torchrun"), kPrintArgs, true));
        // scontrol knows one node list; anything else fails as the real one would.
        QVERIFY(writeFile(binDir() + QStringLiteral("/scontrol"),
                          "#!/bin/sh\n"
                          "if [ \"$1\" = show ] && [ \"$2\" = hostnames ] && [ \"$3\" = 'gpu-a[01-02]' ]; then\n"
                          "  printf 'gpu-a01\\ngpu-a02\\n'; exit 0\n"
                          "fi\n"
                          "echo \"scontrol: unexpected $*\" >&2; exit 3\n",
                          true));
        // srun shows the rendezvous it was given through the environment, then its arguments.
        QVERIFY(writeFile(binDir() + QStringLiteral("/srun"),
                          "#!/bin/sh\n"
                          "printf 'MASTER_ADDR=%s\\n' \"${MASTER_ADDR-unset}\"\n"
                          "printf 'MASTER_PORT=%s\\n' \"${MASTER_PORT-unset}\"\n"
                          "printf 'OMP_NUM_THREADS=%s\\n' \"${OMP_NUM_THREADS-unset}\"\n"
                          "for a in \"$@\"; do printf '%s\\n' \"$a\"; done\n",
                          true));
    }

    void validateAccepts()
    {
        validate(goodLaunch());
        ClusterLaunch l = goodLaunch();
        l.runDir = awkwardRunDir();
        l.worker = "/opt/sft bench/it's/sftbench-cli";
        l.torchrun = "/usr/local/bin/torchrun";
        l.partition = "gpu";
        l.gpusPerNode = 8;
        l.cpusPerTask = 4;
        validate(l);
    }

    void validateRefuses_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < badCases().size(); ++i)
            QTest::newRow(badCases()[i].name) << static_cast<int>(i);
    }
    void validateRefuses()
    {
        QFETCH(int, index);
        const BadCase &c = badCases()[static_cast<std::size_t>(index)];
        ClusterLaunch l = goodLaunch();
        c.change(l);
        // validate() and both scripts refuse it, naming the same field.
        const std::vector<std::function<void()>> calls = {[&] { validate(l); }, [&] { (void)torchrunScript(l); },
                                                          [&] { (void)slurmScript(l); }};
        for (const auto &call : calls) {
            try {
                call();
                QFAIL("accepted");
            } catch (const Error &e) {
                QCOMPARE(qs(e.where().field), QString::fromUtf8(c.field));
            }
        }
    }

    void scriptsAreBash_data()
    {
        QTest::addColumn<bool>("full");
        QTest::newRow("plain") << false;
        QTest::newRow("partition, GPUs, CPUs, awkward paths") << true;
    }
    void scriptsAreBash()
    {
        QFETCH(bool, full);
        ClusterLaunch l = goodLaunch();
        if (full) {
            l.runDir = awkwardRunDir();
            l.worker = "/opt/sft bench/it's/sftbench-cli";
            l.partition = "gpu";
            l.gpusPerNode = 4;
            l.cpusPerTask = 8;
        }
        for (const std::string &script : {torchrunScript(l), slurmScript(l)}) {
            QVERIFY(qs(script).startsWith(QStringLiteral("#!/usr/bin/env bash\n")));
            QVERIFY(qs(script).contains(QStringLiteral("\nset -euo pipefail\n")));
            const QString path = scriptFile(script, QStringLiteral("syntax.sh"));
            QVERIFY(!path.isEmpty());
            const Ran r = runBash({QStringLiteral("-n"), path}, {});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err + QStringLiteral("\n") + qs(script)));
        }
    }

    void torchrunScriptRuns_data()
    {
        QTest::addColumn<bool>("absoluteTorchrun");
        QTest::newRow("torchrun on PATH") << false;
        QTest::newRow("torchrun at a path with a space and a quote") << true;
    }
    void torchrunScriptRuns()
    {
        QFETCH(bool, absoluteTorchrun);
        ClusterLaunch l;
        l.nodes = 2;
        l.processesPerNode = 4;
        l.masterAddr = "node0.cluster";
        l.masterPort = 29555;
        l.worker = "/opt/sft bench/it's/sftbench-cli";
        l.runDir = awkwardRunDir();
        l.collectiveTimeoutSeconds = 600;
        if (absoluteTorchrun) {
            const QString fake = m_dir.path() + QStringLiteral("/my tools/torch'run");
            QVERIFY(writeFile(fake, kPrintArgs, true));
            l.torchrun = fake.toStdString();
        }
        const QString path = scriptFile(torchrunScript(l), QStringLiteral("torchrun.sh"));
        QVERIFY(!path.isEmpty());
        // Nothing but /bin and /usr/bin besides the fakes: the script must not depend on more.
        const QString pathVar = (absoluteTorchrun ? QString() : QString(binDir() + QLatin1Char(':'))) + QStringLiteral("/usr/bin:/bin");

        const Ran r = runBash({path}, {{QStringLiteral("PATH"), pathVar}, {QStringLiteral("NODE_RANK"), QStringLiteral("1")}});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList expected = {QStringLiteral("--nnodes"), QStringLiteral("2"),
                                      QStringLiteral("--nproc_per_node"), QStringLiteral("4"),
                                      QStringLiteral("--node_rank"), QStringLiteral("1"),
                                      QStringLiteral("--master_addr"), QStringLiteral("node0.cluster"),
                                      QStringLiteral("--master_port"), QStringLiteral("29555"),
                                      QStringLiteral("--no_python"), qs(l.worker),
                                      QStringLiteral("train"), QStringLiteral("--run-dir"), qs(l.runDir),
                                      QStringLiteral("--auto-resume"), QStringLiteral("--quiet"),
                                      QStringLiteral("--collective-timeout"), QStringLiteral("600")};
        QCOMPARE(r.out, expected);

        // Without NODE_RANK the script stops before torchrun, saying what to set.
        const Ran unset = runBash({path}, {{QStringLiteral("PATH"), pathVar}});
        QVERIFY(unset.exitCode != 0);
        QVERIFY(unset.out.isEmpty());
        QVERIFY2(unset.err.contains(QStringLiteral("set NODE_RANK")), qPrintable(unset.err));
    }

    void slurmScriptRuns_data()
    {
        QTest::addColumn<bool>("full");
        QTest::newRow("plain") << false;
        QTest::newRow("partition, GPUs, CPUs") << true;
    }
    void slurmScriptRuns()
    {
        QFETCH(bool, full);
        ClusterLaunch l;
        l.nodes = 2;
        l.processesPerNode = 4;
        l.masterPort = 29555;
        l.worker = "/opt/sft bench/it's/sftbench-cli";
        l.runDir = awkwardRunDir();
        l.jobName = "ft-llama";
        l.timeLimit = "12:00:00";
        l.collectiveTimeoutSeconds = 600;
        if (full) {
            l.partition = "gpu";
            l.gpusPerNode = 4;
            l.cpusPerTask = 8;
        }
        const std::string script = slurmScript(l);

        bool beforeCommands = false;
        const QStringList lines = sbatchLines(script, &beforeCommands);
        QVERIFY(beforeCommands);
        QStringList expectedLines = {QStringLiteral("#SBATCH --job-name=ft-llama"), QStringLiteral("#SBATCH --nodes=2"),
                                     QStringLiteral("#SBATCH --ntasks-per-node=4")};
        if (full)
            expectedLines << QStringLiteral("#SBATCH --partition=gpu") << QStringLiteral("#SBATCH --gpus-per-node=4")
                          << QStringLiteral("#SBATCH --cpus-per-task=8");
        expectedLines << QStringLiteral("#SBATCH --time=12:00:00");
        QCOMPARE(lines.mid(0, lines.size() - 1), expectedLines);
        // The log goes in the run folder: sbatch (old and new) reads the quoted path back whole,
        // with the folder's own '%' doubled so that only %j is a pattern.
        const QString output = QStringLiteral("--output=") + qs(l.runDir).replace(QLatin1Char('%'), QStringLiteral("%%"))
                               + QStringLiteral("/slurm-%j.out");
        QCOMPARE(sbatchArguments(lines.last().toStdString(), true), QStringList{output});
        QCOMPARE(sbatchArguments(lines.last().toStdString(), false), QStringList{output});

        const QString path = scriptFile(script, QStringLiteral("slurm.sh"));
        QVERIFY(!path.isEmpty());
        const QString pathVar = binDir() + QStringLiteral(":/usr/bin:/bin");
        const Ran r = runBash({path}, {{QStringLiteral("PATH"), pathVar},
                                       {QStringLiteral("SLURM_JOB_NODELIST"), QStringLiteral("gpu-a[01-02]")}});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QStringList expected = {QStringLiteral("MASTER_ADDR=gpu-a01"), QStringLiteral("MASTER_PORT=29555"),
                                full ? QStringLiteral("OMP_NUM_THREADS=8") : QStringLiteral("OMP_NUM_THREADS=unset"),
                                QStringLiteral("--kill-on-bad-exit=1")};
        if (full)
            expected << QStringLiteral("--cpus-per-task=8");
        expected << qs(l.worker) << QStringLiteral("train") << QStringLiteral("--run-dir") << qs(l.runDir)
                 << QStringLiteral("--auto-resume") << QStringLiteral("--quiet") << QStringLiteral("--collective-timeout")
                 << QStringLiteral("600");
        QCOMPARE(r.out, expected);

        // scontrol failing (a node list it does not know) or no node list at all: srun never starts.
        const Ran badList = runBash({path}, {{QStringLiteral("PATH"), pathVar},
                                             {QStringLiteral("SLURM_JOB_NODELIST"), QStringLiteral("other[1-2]")}});
        QVERIFY(badList.exitCode != 0);
        QVERIFY(badList.out.isEmpty());
        const Ran noList = runBash({path}, {{QStringLiteral("PATH"), pathVar}});
        QVERIFY(noList.exitCode != 0);
        QVERIFY(noList.out.isEmpty());
    }

    void localArguments()
    {
        const QStringList fresh = toList(localTorchrunArguments(3, 40123, "/opt/bin/sftbench-cli", "/home/u/run one", false));
        QCOMPARE(fresh, (QStringList{QStringLiteral("--nproc_per_node"), QStringLiteral("3"), QStringLiteral("--nnodes"),
                                     QStringLiteral("1"), QStringLiteral("--master_addr"), QStringLiteral("127.0.0.1"),
                                     QStringLiteral("--master_port"), QStringLiteral("40123"),
                                     QStringLiteral("--redirects"), QStringLiteral("2"), QStringLiteral("--tee"),
                                     QStringLiteral("2"), QStringLiteral("--no_python"),
                                     QStringLiteral("/opt/bin/sftbench-cli"), QStringLiteral("train"),
                                     QStringLiteral("--run-dir"), QStringLiteral("/home/u/run one"),
                                     QStringLiteral("--quiet")}));
        const QStringList resumed = toList(localTorchrunArguments(2, 1024, "w", "/r", true));
        QCOMPARE(resumed.mid(resumed.size() - 5),
                 (QStringList{QStringLiteral("train"), QStringLiteral("--run-dir"), QStringLiteral("/r"),
                              QStringLiteral("--resume"), QStringLiteral("--quiet")}));
        QCOMPARE(resumed.at(1), QStringLiteral("2"));
        QCOMPARE(resumed.at(7), QStringLiteral("1024"));
    }

    void freePort()
    {
        const int port = freeLocalPort();
        QVERIFY(port > 0 && port <= 65535);
        // The port is free again: a server can take it.
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        const bool bound = ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0 && ::listen(fd, 1) == 0;
        ::close(fd);
        QVERIFY(bound);
    }
};

QTEST_GUILESS_MAIN(TestLaunchScript)
#include "test_launch_script.moc"
