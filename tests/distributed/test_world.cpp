// Where a process stands in a data-parallel run, read from the environment a
// launcher leaves: torchrun's variables (its agent's store, its restart
// count), Slurm's srun tasks in their several tasks-per-node spellings (and a
// Slurm step that is not a run of ours), variables set by hand, WORLD_SIZE 1
// as a single process, and every bad value refused with its variable named.

#include <QtTest>

#include "core/error.h"
#include "distributed/world.h"

#include <map>
#include <string>

using namespace sft;
using namespace sft::distributed;

namespace {

/** An environment of "NAME=value" entries. */
std::map<std::string, std::string> environment(const QStringList &entries)
{
    std::map<std::string, std::string> env;
    for (const QString &e : entries) {
        const qsizetype eq = e.indexOf(QLatin1Char('='));
        env[e.left(eq).toStdString()] = e.mid(eq + 1).toStdString();
    }
    return env;
}

WorldInfo worldOf(const std::map<std::string, std::string> &env)
{
    return worldFromEnvironment([&env](const char *name) -> const char * {
        const auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    });
}

QStringList torchrunRank(int rank, int world, int localRank, int localWorld)
{
    return {QStringLiteral("RANK=%1").arg(rank), QStringLiteral("WORLD_SIZE=%1").arg(world),
            QStringLiteral("LOCAL_RANK=%1").arg(localRank), QStringLiteral("LOCAL_WORLD_SIZE=%1").arg(localWorld),
            QStringLiteral("GROUP_RANK=%1").arg(rank / localWorld), QStringLiteral("TORCHELASTIC_RUN_ID=none"),
            QStringLiteral("MASTER_ADDR=node0"), QStringLiteral("MASTER_PORT=29500")};
}

QStringList slurmTask(int procId, int tasks, int localId)
{
    return {QStringLiteral("SLURM_PROCID=%1").arg(procId), QStringLiteral("SLURM_NTASKS=%1").arg(tasks),
            QStringLiteral("SLURM_LOCALID=%1").arg(localId), QStringLiteral("SLURM_JOB_NODELIST=gpu[01-04]")};
}

const QStringList kMaster = {QStringLiteral("MASTER_ADDR=gpu01"), QStringLiteral("MASTER_PORT=29400")};

} // namespace

class TestWorld : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromEnvironment_data()
    {
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<QString>("launcher");
        QTest::addColumn<int>("rank");
        QTest::addColumn<int>("worldSize");
        QTest::addColumn<int>("localRank");
        QTest::addColumn<int>("localWorldSize");
        QTest::addColumn<QString>("masterAddr");
        QTest::addColumn<int>("masterPort");
        QTest::addColumn<bool>("agentStore");
        QTest::addColumn<int>("restartCount");
        QTest::addColumn<int>("nodes");   ///< -1: not checked

        const QString none = QStringLiteral("none"), torchrun = QStringLiteral("torchrun");
        const QString slurm = QStringLiteral("slurm"), byHand = QStringLiteral("environment");
        const QString node0 = QStringLiteral("node0"), gpu01 = QStringLiteral("gpu01");

        QTest::addRow("nothing set") << QStringList() << none << 0 << 1 << 0 << 1 << QString() << 0 << false << 0 << 1;
        QTest::addRow("torchrun 2 nodes x 4") << torchrunRank(5, 8, 1, 4) << torchrun << 5 << 8 << 1 << 4 << node0
                                             << 29500 << false << 0 << 2;
        QTest::addRow("torchrun agent store, restarted")
            << torchrunRank(0, 2, 0, 2) + QStringList{QStringLiteral("TORCHELASTIC_USE_AGENT_STORE=True"),
                                                      QStringLiteral("TORCHELASTIC_RESTART_COUNT=2")}
            << torchrun << 0 << 2 << 0 << 2 << node0 << 29500 << true << 2 << 1;
        QTest::addRow("torchrun own store")
            << torchrunRank(1, 2, 1, 2) + QStringList{QStringLiteral("TORCHELASTIC_USE_AGENT_STORE=False"),
                                                      QStringLiteral("TORCHELASTIC_RESTART_COUNT=0")}
            << torchrun << 1 << 2 << 1 << 2 << node0 << 29500 << false << 0 << 1;
        QTest::addRow("torchrun with GROUP_RANK only")
            << QStringList{QStringLiteral("RANK=1"), QStringLiteral("WORLD_SIZE=2"), QStringLiteral("GROUP_RANK=0"),
                           QStringLiteral("LOCAL_RANK=1"), QStringLiteral("LOCAL_WORLD_SIZE=2")} + kMaster
            << torchrun << 1 << 2 << 1 << 2 << gpu01 << 29400 << false << 0 << 1;
        QTest::addRow("torchrun one process") << QStringList{QStringLiteral("RANK=0"), QStringLiteral("WORLD_SIZE=1"),
                                                             QStringLiteral("LOCAL_RANK=0"),
                                                             QStringLiteral("TORCHELASTIC_RUN_ID=none"),
                                                             QStringLiteral("TORCHELASTIC_RESTART_COUNT=1")}
                                              << torchrun << 0 << 1 << 0 << 1 << QString() << 0 << false << 1 << 1;
        QTest::addRow("WORLD_SIZE 1 by hand, nothing else read")
            << QStringList{QStringLiteral("RANK=0"), QStringLiteral("WORLD_SIZE=1"), QStringLiteral("MASTER_PORT=junk")}
            << byHand << 0 << 1 << 0 << 1 << QString() << 0 << false << 0 << 1;
        QTest::addRow("by hand, one machine") << QStringList{QStringLiteral("RANK=1"), QStringLiteral("WORLD_SIZE=3")} + kMaster
                                              << byHand << 1 << 3 << 1 << 3 << gpu01 << 29400 << false << 0 << 1;
        QTest::addRow("by hand, LOCAL_RANK equal to RANK")
            << QStringList{QStringLiteral("RANK=2"), QStringLiteral("WORLD_SIZE=3"), QStringLiteral("LOCAL_RANK=2")} + kMaster
            << byHand << 2 << 3 << 2 << 3 << gpu01 << 29400 << false << 0 << 1;
        QTest::addRow("by hand, blocks of LOCAL_WORLD_SIZE")
            << QStringList{QStringLiteral("RANK=3"), QStringLiteral("WORLD_SIZE=4"), QStringLiteral("LOCAL_WORLD_SIZE=2")} + kMaster
            << byHand << 3 << 4 << 1 << 2 << gpu01 << 29400 << false << 0 << 2;
        QTest::addRow("empty RANK is not set") << QStringList{QStringLiteral("RANK="), QStringLiteral("WORLD_SIZE=4")} + kMaster
                                               << none << 0 << 1 << 0 << 1 << QString() << 0 << false << 0 << 1;
        QTest::addRow("torchrun wins over Slurm")
            << torchrunRank(3, 4, 1, 2) + slurmTask(0, 1, 0) << torchrun << 3 << 4 << 1 << 2 << node0 << 29500 << false
            << 0 << 2;

        QTest::addRow("slurm NTASKS_PER_NODE 2")
            << slurmTask(3, 4, 1) + kMaster + QStringList{QStringLiteral("SLURM_NTASKS_PER_NODE=2")} << slurm << 3 << 4
            << 1 << 2 << gpu01 << 29400 << false << 0 << 2;
        QTest::addRow("slurm step 2(x3) by node id")
            << slurmTask(5, 6, 1) + kMaster
                   + QStringList{QStringLiteral("SLURM_STEP_TASKS_PER_NODE=2(x3)"), QStringLiteral("SLURM_NODEID=2")}
            << slurm << 5 << 6 << 1 << 2 << gpu01 << 29400 << false << 0 << 3;
        QTest::addRow("slurm step 2(x2),1 by node id")
            << slurmTask(4, 5, 0) + kMaster
                   + QStringList{QStringLiteral("SLURM_STEP_TASKS_PER_NODE=2(x2),1"), QStringLiteral("SLURM_NODEID=2")}
            << slurm << 4 << 5 << 0 << 1 << gpu01 << 29400 << false << 0 << -1;
        QTest::addRow("slurm step 2(x2),1 by rank, first node")
            << slurmTask(1, 5, 1) + kMaster + QStringList{QStringLiteral("SLURM_STEP_TASKS_PER_NODE=2(x2),1")} << slurm
            << 1 << 5 << 1 << 2 << gpu01 << 29400 << false << 0 << -1;
        QTest::addRow("slurm step 2(x2),1 by rank, last node")
            << slurmTask(4, 5, 0) + kMaster + QStringList{QStringLiteral("SLURM_STEP_TASKS_PER_NODE=2(x2),1")} << slurm
            << 4 << 5 << 0 << 1 << gpu01 << 29400 << false << 0 << -1;
        QTest::addRow("slurm 1,3 by rank")
            << slurmTask(2, 4, 1) + kMaster + QStringList{QStringLiteral("SLURM_TASKS_PER_NODE=1,3")} << slurm << 2 << 4
            << 1 << 3 << gpu01 << 29400 << false << 0 << -1;
        QTest::addRow("slurm step layout before the job's request")
            << slurmTask(2, 6, 2) + kMaster
                   + QStringList{QStringLiteral("SLURM_STEP_TASKS_PER_NODE=3(x2)"), QStringLiteral("SLURM_NTASKS_PER_NODE=2")}
            << slurm << 2 << 6 << 2 << 3 << gpu01 << 29400 << false << 0 << 2;
        QTest::addRow("slurm no layout, SLURM_NNODES")
            << slurmTask(3, 4, 1) + kMaster + QStringList{QStringLiteral("SLURM_NNODES=2")} << slurm << 3 << 4 << 1 << 2
            << gpu01 << 29400 << false << 0 << 2;
        QTest::addRow("slurm no layout at all") << slurmTask(3, 4, 3) + kMaster << slurm << 3 << 4 << 3 << 4 << gpu01
                                                << 29400 << false << 0 << 1;
        QTest::addRow("slurm without MASTER_ADDR is not ours")
            << slurmTask(3, 4, 1) + QStringList{QStringLiteral("SLURM_NTASKS_PER_NODE=2")} << none << 0 << 1 << 0 << 1
            << QString() << 0 << false << 0 << 1;
        QTest::addRow("slurm single task") << slurmTask(0, 1, 0) + kMaster << none << 0 << 1 << 0 << 1 << QString() << 0
                                           << false << 0 << 1;
    }
    void fromEnvironment()
    {
        QFETCH(QStringList, env);
        QFETCH(QString, launcher);
        QFETCH(int, rank);
        QFETCH(int, worldSize);
        QFETCH(int, localRank);
        QFETCH(int, localWorldSize);
        QFETCH(QString, masterAddr);
        QFETCH(int, masterPort);
        QFETCH(bool, agentStore);
        QFETCH(int, restartCount);
        QFETCH(int, nodes);
        const WorldInfo w = worldOf(environment(env));
        QCOMPARE(QString::fromUtf8(launcherName(w.launcher)), launcher);
        QCOMPARE(w.rank, rank);
        QCOMPARE(w.worldSize, worldSize);
        QCOMPARE(w.distributed(), worldSize > 1);
        QCOMPARE(w.localRank, localRank);
        QCOMPARE(w.localWorldSize, localWorldSize);
        QCOMPARE(QString::fromStdString(w.masterAddr), masterAddr);
        QCOMPARE(w.masterPort, masterPort);
        QCOMPARE(w.agentStore, agentStore);
        QCOMPARE(w.restartCount, restartCount);
        if (nodes >= 0)
            QCOMPARE(w.nodes(), nodes);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<QString>("variable");

        const auto rw = [](const QString &rank, const QString &world) {
            return QStringList{QStringLiteral("RANK=") + rank, QStringLiteral("WORLD_SIZE=") + world};
        };
        const QString one = QStringLiteral("1"), two = QStringLiteral("2");
        QTest::addRow("RANK not a number") << rw(QStringLiteral("x"), two) + kMaster << QStringLiteral("RANK");
        QTest::addRow("RANK with a space") << rw(QStringLiteral(" 1"), two) + kMaster << QStringLiteral("RANK");
        QTest::addRow("RANK a fraction") << rw(QStringLiteral("1.0"), two) + kMaster << QStringLiteral("RANK");
        QTest::addRow("RANK too big for int") << rw(QStringLiteral("99999999999"), two) + kMaster << QStringLiteral("RANK");
        QTest::addRow("RANK negative") << rw(QStringLiteral("-1"), two) + kMaster << QStringLiteral("RANK");
        QTest::addRow("RANK = WORLD_SIZE") << rw(two, two) + kMaster << QStringLiteral("RANK");
        QTest::addRow("WORLD_SIZE not a number") << rw(one, QStringLiteral("two")) + kMaster << QStringLiteral("WORLD_SIZE");
        QTest::addRow("WORLD_SIZE 0") << rw(QStringLiteral("0"), QStringLiteral("0")) + kMaster << QStringLiteral("WORLD_SIZE");
        QTest::addRow("no MASTER_ADDR") << rw(one, two) << QStringLiteral("MASTER_ADDR");
        QTest::addRow("no MASTER_PORT") << rw(one, two) + QStringList{QStringLiteral("MASTER_ADDR=h")}
                                        << QStringLiteral("MASTER_PORT");
        QTest::addRow("MASTER_PORT 0") << rw(one, two) + QStringList{QStringLiteral("MASTER_ADDR=h"), QStringLiteral("MASTER_PORT=0")}
                                       << QStringLiteral("MASTER_PORT");
        QTest::addRow("MASTER_PORT 65536")
            << rw(one, two) + QStringList{QStringLiteral("MASTER_ADDR=h"), QStringLiteral("MASTER_PORT=65536")}
            << QStringLiteral("MASTER_PORT");
        QTest::addRow("MASTER_PORT not a number")
            << rw(one, two) + QStringList{QStringLiteral("MASTER_ADDR=h"), QStringLiteral("MASTER_PORT=29500x")}
            << QStringLiteral("MASTER_PORT");
        QTest::addRow("LOCAL_RANK beyond LOCAL_WORLD_SIZE")
            << rw(one, QStringLiteral("4")) + kMaster
                   + QStringList{QStringLiteral("LOCAL_RANK=2"), QStringLiteral("LOCAL_WORLD_SIZE=2")}
            << QStringLiteral("LOCAL_RANK");
        QTest::addRow("LOCAL_RANK not a number")
            << rw(one, two) + kMaster + QStringList{QStringLiteral("LOCAL_RANK=a"), QStringLiteral("LOCAL_WORLD_SIZE=2")}
            << QStringLiteral("LOCAL_RANK");
        QTest::addRow("LOCAL_WORLD_SIZE 0") << rw(one, two) + kMaster + QStringList{QStringLiteral("LOCAL_WORLD_SIZE=0")}
                                            << QStringLiteral("LOCAL_WORLD_SIZE");
        QTest::addRow("LOCAL_WORLD_SIZE above WORLD_SIZE")
            << rw(one, two) + kMaster + QStringList{QStringLiteral("LOCAL_WORLD_SIZE=3")} << QStringLiteral("LOCAL_WORLD_SIZE");
        QTest::addRow("several machines without LOCAL_WORLD_SIZE")
            << rw(QStringLiteral("3"), QStringLiteral("4")) + kMaster + QStringList{QStringLiteral("LOCAL_RANK=1")}
            << QStringLiteral("LOCAL_WORLD_SIZE");
        QTest::addRow("TORCHELASTIC_RESTART_COUNT not a number")
            << torchrunRank(0, 2, 0, 2) + QStringList{QStringLiteral("TORCHELASTIC_RESTART_COUNT=once")}
            << QStringLiteral("TORCHELASTIC_RESTART_COUNT");

        QTest::addRow("SLURM_NTASKS not a number")
            << QStringList{QStringLiteral("SLURM_PROCID=0"), QStringLiteral("SLURM_NTASKS=many")} + kMaster
            << QStringLiteral("SLURM_NTASKS");
        QTest::addRow("SLURM_PROCID not a number")
            << QStringList{QStringLiteral("SLURM_PROCID=p"), QStringLiteral("SLURM_NTASKS=2"), QStringLiteral("SLURM_LOCALID=0")}
                   + kMaster
            << QStringLiteral("SLURM_PROCID");
        QTest::addRow("SLURM_PROCID = SLURM_NTASKS") << slurmTask(4, 4, 0) + kMaster << QStringLiteral("SLURM_PROCID");
        QTest::addRow("no SLURM_LOCALID")
            << QStringList{QStringLiteral("SLURM_PROCID=1"), QStringLiteral("SLURM_NTASKS=2")} + kMaster
            << QStringLiteral("SLURM_LOCALID");
        QTest::addRow("SLURM_LOCALID beyond the node's tasks")
            << slurmTask(3, 4, 2) + kMaster + QStringList{QStringLiteral("SLURM_NTASKS_PER_NODE=2")}
            << QStringLiteral("SLURM_LOCALID");
        QTest::addRow("slurm without MASTER_PORT") << slurmTask(1, 2, 1) + QStringList{QStringLiteral("MASTER_ADDR=gpu01")}
                                                   << QStringLiteral("MASTER_PORT");
        for (const char *bad : {"2(x", "2(y3)", "2(x3", "0", "2,,1", "(x2)", "2(x0)", "two"})
            QTest::addRow("SLURM_STEP_TASKS_PER_NODE \"%s\"", bad)
                << slurmTask(1, 2, 1) + kMaster
                       + QStringList{QStringLiteral("SLURM_STEP_TASKS_PER_NODE=") + QString::fromUtf8(bad)}
                << QStringLiteral("SLURM_STEP_TASKS_PER_NODE");
        QTest::addRow("SLURM_NTASKS_PER_NODE bad")
            << slurmTask(1, 2, 1) + kMaster + QStringList{QStringLiteral("SLURM_NTASKS_PER_NODE=2 ")}
            << QStringLiteral("SLURM_NTASKS_PER_NODE");
        QTest::addRow("SLURM_NODEID beyond the list")
            << slurmTask(1, 5, 1) + kMaster
                   + QStringList{QStringLiteral("SLURM_STEP_TASKS_PER_NODE=2(x2),1"), QStringLiteral("SLURM_NODEID=3")}
            << QStringLiteral("SLURM_NODEID");
        QTest::addRow("tasks per node short of the rank")
            << slurmTask(3, 4, 0) + kMaster + QStringList{QStringLiteral("SLURM_STEP_TASKS_PER_NODE=1,1")}
            << QStringLiteral("SLURM_STEP_TASKS_PER_NODE");
        QTest::addRow("SLURM_NNODES above the tasks")
            << slurmTask(1, 2, 0) + kMaster + QStringList{QStringLiteral("SLURM_NNODES=3")} << QStringLiteral("SLURM_NNODES");
    }
    void errors()
    {
        QFETCH(QStringList, env);
        QFETCH(QString, variable);
        try {
            const WorldInfo w = worldOf(environment(env));
            QFAIL(qPrintable(QStringLiteral("accepted: world %1, rank %2").arg(w.worldSize).arg(w.rank)));
        } catch (const Error &e) {
            QCOMPARE(QString::fromStdString(e.where().field), variable);
            // The message itself names the variable too, for a reader of the log without the field.
            QVERIFY2(QString::fromStdString(e.message()).contains(variable), e.what());
        }
    }

    void launcherNames()
    {
        QCOMPARE(QByteArray(launcherName(Launcher::None)), QByteArray("none"));
        QCOMPARE(QByteArray(launcherName(Launcher::Torchrun)), QByteArray("torchrun"));
        QCOMPARE(QByteArray(launcherName(Launcher::Slurm)), QByteArray("slurm"));
        QCOMPARE(QByteArray(launcherName(Launcher::Environment)), QByteArray("environment"));
    }

    void processEnvironment()
    {
        // The getenv overload reads this process's own environment.
        for (const char *name : {"TORCHELASTIC_RUN_ID", "GROUP_RANK", "LOCAL_RANK", "LOCAL_WORLD_SIZE"})
            qunsetenv(name);
        qputenv("RANK", "1");
        qputenv("WORLD_SIZE", "2");
        qputenv("MASTER_ADDR", "127.0.0.1");
        qputenv("MASTER_PORT", "29511");
        const WorldInfo w = worldFromEnvironment();
        for (const char *name : {"RANK", "WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT"})
            qunsetenv(name);
        QCOMPARE(w.launcher, Launcher::Environment);
        QCOMPARE(w.rank, 1);
        QCOMPARE(w.worldSize, 2);
        QCOMPARE(w.masterPort, 29511);
    }
};

QTEST_GUILESS_MAIN(TestWorld)
#include "test_world.moc"
