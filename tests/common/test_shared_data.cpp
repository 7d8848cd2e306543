// The real-data helpers of shared_data.h: the folder comes from
// $SFT_SHARED_DATA_DIR when set, else the compiled-in default; a plain run
// leaves out the realData* functions, a --realdata run runs only those, and
// exits 77 with one line naming the missing file when the data is not there.

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <vector>

#include "shared_data.h"

namespace {

const char *const kNeeded[] = {"alpaca_en_52k.json", "alpaca_zh_52k.json", "seed_tasks.jsonl",
                               "belle/zh_seed_tasks.json"};

/** Sets (or, given a null value, clears) SFT_SHARED_DATA_DIR for one scope; restores it after. */
class EnvGuard
{
public:
    explicit EnvGuard(const QByteArray &value)
        : m_had(qEnvironmentVariableIsSet("SFT_SHARED_DATA_DIR")), m_old(qgetenv("SFT_SHARED_DATA_DIR"))
    {
        if (value.isNull())
            qunsetenv("SFT_SHARED_DATA_DIR");
        else
            qputenv("SFT_SHARED_DATA_DIR", value);
    }
    ~EnvGuard()
    {
        if (m_had)
            qputenv("SFT_SHARED_DATA_DIR", m_old);
        else
            qunsetenv("SFT_SHARED_DATA_DIR");
    }

private:
    bool m_had;
    QByteArray m_old;
};

/** Small files under the real data's names, in their shapes (JSON array, seed-task JSONL). */
bool writeFakeData(const QString &dir)
{
    if (!QDir(dir).mkpath(QStringLiteral("belle")))
        return false;
    for (const char *name : kNeeded) {
        QFile f(dir + QLatin1Char('/') + QString::fromUtf8(name));
        if (!f.open(QIODevice::WriteOnly))
            return false;
        const bool seed = QByteArray(name).endsWith(".jsonl") || QByteArray(name).startsWith("belle/");
        f.write(seed ? "{\"instruction\": \"x\", \"instances\": [{\"input\": \"\", \"output\": \"y\"}]}\n"
                     : "[{\"instruction\": \"x\", \"input\": \"\", \"output\": \"y\"}]\n");
    }
    return true;
}

/** sfttest::testArguments on a made-up command line. */
QStringList argumentsFor(const QMetaObject *mo, const QStringList &args)
{
    QList<QByteArray> bytes;
    for (const QString &a : args)
        bytes << a.toLocal8Bit();
    std::vector<char *> argv;
    for (QByteArray &b : bytes)
        argv.push_back(b.data());
    return sfttest::testArguments(mo, int(argv.size()), argv.data(),
                                  {"alpaca_en_52k.json", "alpaca_zh_52k.json", "seed_tasks.jsonl",
                                   "belle/zh_seed_tasks.json"});
}

} // namespace

class TestSharedData : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compiledDefault()
    {
        EnvGuard env{QByteArray()};
        QCOMPARE(sfttest::sharedDataDir(), QStringLiteral(SFT_SHARED_DATA_DIR));
        QVERIFY(sfttest::sharedDataDir().endsWith(QLatin1String("/shared/data")));
        QVERIFY(QDir::isAbsolutePath(sfttest::sharedDataDir()));
        QCOMPARE(sfttest::sharedFile(QStringLiteral("seed_tasks.jsonl")),
                 QStringLiteral(SFT_SHARED_DATA_DIR "/seed_tasks.jsonl"));
    }

    void environmentWins()
    {
        {
            EnvGuard env("/elsewhere/data");
            QCOMPARE(sfttest::sharedDataDir(), QStringLiteral("/elsewhere/data"));
            QCOMPARE(sfttest::sharedFile(QStringLiteral("belle/zh_seed_tasks.json")),
                     QStringLiteral("/elsewhere/data/belle/zh_seed_tasks.json"));
            QCOMPARE(sfttest::sharedPath("alpaca_en_52k.json"), std::string("/elsewhere/data/alpaca_en_52k.json"));
        }
        // Set but empty counts as unset.
        EnvGuard env("");
        QCOMPARE(sfttest::sharedDataDir(), QStringLiteral(SFT_SHARED_DATA_DIR));
    }

    void fileChecks()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        EnvGuard env(dir.path().toLocal8Bit());
        QVERIFY(!sfttest::hasSharedFile(QStringLiteral("seed_tasks.jsonl")));
        QCOMPARE(sfttest::firstMissingSharedFile({"seed_tasks.jsonl"}), dir.filePath(QStringLiteral("seed_tasks.jsonl")));
        QVERIFY(writeFakeData(dir.path()));
        QVERIFY(sfttest::hasSharedFile(QStringLiteral("seed_tasks.jsonl")));
        QVERIFY(sfttest::hasSharedFile(QStringLiteral("belle/zh_seed_tasks.json")));
        QVERIFY(!sfttest::hasSharedFile(QStringLiteral("belle")));   // a folder is not a data file
        QCOMPARE((sfttest::firstMissingSharedFile({"seed_tasks.jsonl", "belle/zh_seed_tasks.json"})), QString());
        QCOMPARE((sfttest::firstMissingSharedFile({"seed_tasks.jsonl", "nope.json", "other.json"})),
                 dir.filePath(QStringLiteral("nope.json")));
        QVERIFY(QFileInfo::exists(sfttest::fixtureFile(QStringLiteral("alpaca_en_sample.json"))));
    }

    void functionSelection()
    {
        const QMetaObject *mo = &staticMetaObject;
        const QStringList plain{QStringLiteral("compiledDefault"), QStringLiteral("environmentWins"),
                                QStringLiteral("fileChecks"), QStringLiteral("functionSelection"),
                                QStringLiteral("skipsWithoutData")};
        const QStringList real{QStringLiteral("realDataFilesPresent")};
        QCOMPARE(sfttest::testFunctions(mo, false), plain);
        QCOMPARE(sfttest::testFunctions(mo, true), real);

        QTemporaryDir dir;
        QVERIFY(dir.isValid() && writeFakeData(dir.path()));
        {
            EnvGuard env(dir.path().toLocal8Bit());
            const QString prog = QStringLiteral("prog");
            QCOMPARE((argumentsFor(mo, {prog})), QStringList{prog} + plain);
            QCOMPARE((argumentsFor(mo, {prog, QStringLiteral("-v2")})), QStringList({prog, QStringLiteral("-v2")}) + plain);
            QCOMPARE((argumentsFor(mo, {prog, QStringLiteral("--realdata")})), QStringList{prog} + real);
            // Functions named on the command line run as named.
            QCOMPARE((argumentsFor(mo, {prog, QStringLiteral("fileChecks")})),
                     QStringList({prog, QStringLiteral("fileChecks")}));
            QCOMPARE((argumentsFor(mo, {prog, QStringLiteral("realDataFilesPresent:row")})),
                     QStringList({prog, QStringLiteral("realDataFilesPresent:row")}));
        }
        EnvGuard missing("/nonexistent-sft-shared-data");
        QCOMPARE((argumentsFor(mo, {QStringLiteral("prog")})), QStringList{QStringLiteral("prog")} + plain);
        QCOMPARE((argumentsFor(mo, {QStringLiteral("prog"), QStringLiteral("--realdata")})), QStringList());
        QCOMPARE((argumentsFor(mo, {QStringLiteral("prog"), QStringLiteral("realDataFilesPresent")})), QStringList());
    }

    void skipsWithoutData()
    {
        // This very executable, as CTest runs the _realdata test: without the data it
        // exits 77 after one line naming the file; with it, it runs the realData* function.
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SFT_SHARED_DATA_DIR"), QStringLiteral("/nonexistent-sft-shared-data"));
        p.setProcessEnvironment(env);
        p.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--realdata")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), sfttest::kSkipReturnCode);
        const QString out = QString::fromLocal8Bit(p.readAllStandardOutput());
        QCOMPARE(out.count(QLatin1Char('\n')), 1);
        QVERIFY2(out.contains(QStringLiteral("/nonexistent-sft-shared-data/alpaca_en_52k.json")), qPrintable(out));

        QTemporaryDir dir;
        QVERIFY(dir.isValid() && writeFakeData(dir.path()));
        env.insert(QStringLiteral("SFT_SHARED_DATA_DIR"), dir.path());
        p.setProcessEnvironment(env);
        p.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--realdata")});
        QVERIFY(p.waitForFinished(60000));
        const QString ran = QString::fromLocal8Bit(p.readAllStandardOutput());
        QVERIFY2(p.exitCode() == 0, qPrintable(ran));
        QVERIFY2(ran.contains(QStringLiteral("PASS   : TestSharedData::realDataFilesPresent()")), qPrintable(ran));
        QVERIFY2(!ran.contains(QStringLiteral("skipsWithoutData")), qPrintable(ran));
    }

    void realDataFilesPresent()
    {
        // Every file the real-data tests read is there, in its shape.
        for (const char *name : kNeeded) {
            QFile f(sfttest::sharedFile(QString::fromUtf8(name)));
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
            const QByteArray head = f.read(64).trimmed();
            const bool seed = QByteArray(name).endsWith(".jsonl") || QByteArray(name).startsWith("belle/");
            QVERIFY2(head.startsWith(seed ? "{" : "["), qPrintable(f.fileName()));
        }
    }
};

SFT_REALDATA_GUILESS_MAIN(TestSharedData, "alpaca_en_52k.json", "alpaca_zh_52k.json", "seed_tasks.jsonl",
                          "belle/zh_seed_tasks.json")
#include "test_shared_data.moc"
