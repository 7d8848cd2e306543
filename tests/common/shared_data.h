#pragma once
// Where the tests find the real data sets (Alpaca 52K EN/ZH, the Self-Instruct
// and BELLE seed tasks) and the small hand-written fixtures in the same shapes,
// plus the main() of tests that have real-data functions.
//
// A test's private slots whose names start with "realData" need the real data.
// Run plainly, the executable runs every other test function. Run with
// --realdata, it runs only the realData* functions; when one of the files the
// test names is missing it prints one line saying which and exits with
// kSkipReturnCode, which CTest (SKIP_RETURN_CODE, see sft_add_test REALDATA)
// reports as "Skipped". Naming test functions on the command line runs exactly
// those, as with any Qt Test.
//
// Use: register with sft_add_test(... REALDATA) (which adds NAME_realdata) and
// end the test with SFT_REALDATA_MAIN / SFT_REALDATA_GUILESS_MAIN(Class,
// "alpaca_en_52k.json", ...) naming the files of the real-data folder it reads.

#include <QByteArray>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaMethod>
#include <QMetaObject>
#include <QString>
#include <QStringList>
#include <QtTest>

#include <cstdio>
#include <initializer_list>
#include <string>

namespace sfttest {

/** Exit code of a real-data run whose data is missing (CTest's SKIP_RETURN_CODE). */
constexpr int kSkipReturnCode = 77;

/** The command-line flag that selects the realData* functions. */
inline const char *realDataFlag() { return "--realdata"; }

/** The folder compiled in (../shared/data beside the source tree), "" when none. */
inline QString compiledSharedDataDir()
{
#ifdef SFT_SHARED_DATA_DIR
    return QStringLiteral(SFT_SHARED_DATA_DIR);
#else
    return QString();
#endif
}

/** The real-data folder: $SFT_SHARED_DATA_DIR when set and not empty, else the compiled-in folder. */
inline QString sharedDataDir()
{
    const QByteArray env = qgetenv("SFT_SHARED_DATA_DIR");
    return env.isEmpty() ? compiledSharedDataDir() : QString::fromLocal8Bit(env);
}

/** Path of a file in the real-data folder, e.g. sharedFile("belle/zh_seed_tasks.json"). */
inline QString sharedFile(const QString &name) { return sharedDataDir() + QLatin1Char('/') + name; }
inline std::string sharedPath(const std::string &name)
{
    return sharedFile(QString::fromStdString(name)).toStdString();
}

/** True when the real-data file is there and readable. */
inline bool hasSharedFile(const QString &name)
{
    const QFileInfo info(sharedFile(name));
    return info.isFile() && info.isReadable();
}

/** The first of the files that is missing, or "" when all are there. */
inline QString firstMissingSharedFile(std::initializer_list<const char *> names)
{
    for (const char *name : names)
        if (!hasSharedFile(QString::fromUtf8(name)))
            return sharedFile(QString::fromUtf8(name));
    return QString();
}

/** A hand-written fixture in tests/common/data (the real files' shapes, a few records each). */
inline QString fixtureFile(const QString &name)
{
    return QStringLiteral(SFT_SOURCE_DIR "/tests/common/data/") + name;
}
inline std::string fixturePath(const std::string &name) { return fixtureFile(QString::fromStdString(name)).toStdString(); }

/**
 * Writes `count` Alpaca records made from an Alpaca fixture to `out` (a JSON
 * array): record i is fixture record i % n with "(i) " before its
 * instruction, so every record differs. For tests that need many rows
 * (paging, progress, cancel) without the 52K files. False on a write error.
 */
inline bool writeRepeatedAlpaca(const QString &fixture, int count, const QString &out)
{
    QFile in(fixtureFile(fixture));
    if (!in.open(QIODevice::ReadOnly))
        return false;
    const QJsonArray base = QJsonDocument::fromJson(in.readAll()).array();
    if (base.isEmpty())
        return false;
    QJsonArray records;
    for (int i = 0; i < count; ++i) {
        QJsonObject r = base[i % base.size()].toObject();
        const QString instruction = QStringLiteral("(%1) ").arg(i) + r[QStringLiteral("instruction")].toString();
        r[QStringLiteral("instruction")] = instruction;
        records.append(r);
    }
    QFile f(out);
    return f.open(QIODevice::WriteOnly) && f.write(QJsonDocument(records).toJson()) > 0;
}

inline bool isRealDataFunction(const QByteArray &name) { return name.startsWith("realData"); }

/** The test functions of a Qt Test class (what Qt Test would run), real-data ones or the others. */
inline QStringList testFunctions(const QMetaObject *mo, bool realData)
{
    QStringList out;
    for (int i = mo->methodOffset(); i < mo->methodCount(); ++i) {
        const QMetaMethod m = mo->method(i);
        if (m.methodType() != QMetaMethod::Slot || m.access() != QMetaMethod::Private || m.parameterCount() != 0)
            continue;
        const QByteArray name = m.name();
        if (name == "initTestCase" || name == "cleanupTestCase" || name == "init" || name == "cleanup"
            || name.endsWith("_data"))
            continue;
        if (isRealDataFunction(name) == realData)
            out << QString::fromLatin1(name);
    }
    return out;
}

/**
 * The arguments for QTest::qExec, or an empty list when the run is to be
 * skipped (the line saying why is printed). needed: the real-data files the
 * realData* functions read, relative to the real-data folder.
 */
inline QStringList testArguments(const QMetaObject *mo, int argc, char **argv,
                                 std::initializer_list<const char *> needed)
{
    QStringList args;
    bool realData = false;
    for (int i = 0; i < argc; ++i) {
        if (i > 0 && qstrcmp(argv[i], realDataFlag()) == 0)
            realData = true;
        else
            args << QString::fromLocal8Bit(argv[i]);
    }
    const QStringList realFns = testFunctions(mo, true);
    const QStringList plainFns = testFunctions(mo, false);
    bool named = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString fn = args[i].section(QLatin1Char(':'), 0, 0);
        named = named || plainFns.contains(fn);
        if (realFns.contains(fn)) {
            named = true;
            realData = true;
        }
    }
    if (realData) {
        const QString missing = firstMissingSharedFile(needed);
        if (!missing.isEmpty()) {
            std::printf("SKIP %s: real-data tests need %s (set SFT_SHARED_DATA_DIR to the folder with the data)\n",
                        mo->className(), qPrintable(missing));
            std::fflush(stdout);
            return {};
        }
    }
    if (!named) {
        const QStringList &selected = realData ? realFns : plainFns;
        // No function of the selected kind: run none (an empty list would make Qt Test run them all,
        // the real-data ones included). An empty list returned here means "skip".
        if (selected.isEmpty()) {
            std::printf("SKIP %s: no %s functions\n", mo->className(), realData ? "realData*" : "plain");
            std::fflush(stdout);
            return {};
        }
        args += selected;
    }
    return args;
}

} // namespace sfttest

// QTEST_MAIN / QTEST_GUILESS_MAIN with the realData* split described above;
// the arguments after the test class are the real-data files it needs.
// The arguments are read after the application object took its own (-platform ...).
#define SFT_TEST_MAIN_WRAPPER(TestObject, Needed, ...)                                                      \
    int main(int argc, char *argv[])                                                                        \
    {                                                                                                       \
        QT_PREPEND_NAMESPACE(QTest::Internal::callInitMain)<TestObject>();                                  \
        __VA_ARGS__                                                                                         \
        const QStringList sftTestArgs = sfttest::testArguments(&TestObject::staticMetaObject, argc, argv, Needed); \
        if (sftTestArgs.isEmpty())                                                                          \
            return sfttest::kSkipReturnCode;                                                                \
        TestObject tc;                                                                                      \
        QTEST_SET_MAIN_SOURCE_PATH                                                                          \
        return QTest::qExec(&tc, sftTestArgs);                                                              \
    }

#define SFT_REALDATA_MAIN(TestObject, ...)                                                                  \
    SFT_TEST_MAIN_WRAPPER(TestObject, (std::initializer_list<const char *>{__VA_ARGS__}), QTEST_MAIN_SETUP())
#define SFT_REALDATA_GUILESS_MAIN(TestObject, ...)                                                          \
    SFT_TEST_MAIN_WRAPPER(TestObject, (std::initializer_list<const char *>{__VA_ARGS__}),                   \
                          QTEST_QAPP_SETUP(QCoreApplication))
