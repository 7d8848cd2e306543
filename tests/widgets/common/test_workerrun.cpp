// WorkerRun, the one object every panel runs the worker through, driven with
// a fake worker (a shell script the test writes): JSON lines arrive as
// records and other lines as text; exactly one finished() per run with the
// right reason (a non-zero exit with its stderr, a program that cannot
// start, Stop); the scratch folder exists while prepare() writes into it and
// is gone after the run; a prepare() that throws fails the run without
// starting anything; the demo-model step runs `init-model` first and the
// worker only once the model folder is there.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "common/workerrun.h"

class TestWorkerRun : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_fake;

    static void writeExecutable(const QString &path, const QByteArray &text)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
        f.close();
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_fake = m_dir.filePath(QStringLiteral("fake-worker.sh"));
        // ok: two JSON lines and a text line; fail: stderr and exit 2; sleep: until SIGTERM;
        // init-model --out DIR: writes DIR/config.json (the demo-model step).
        writeExecutable(m_fake, R"(#!/bin/sh
case "$1" in
  ok) echo '{"n": 1}'; echo 'plain text'; echo '{"n": 2}'; [ -n "$2" ] && cat "$2/input.txt"; exit 0 ;;
  fail) echo 'error: input.jsonl:3: field "label" is missing' >&2; exit 2 ;;
  sleep) trap 'exit 0' TERM; while :; do sleep 0.05; done ;;
  init-model) while [ "$1" != "--out" ]; do shift; done
    case "$2" in
      *broken*) echo 'error: cannot write the model' >&2; exit 1 ;;
      *slow*) mkdir -p "$2"; trap 'exit 1' TERM; while :; do sleep 0.05; done ;;
    esac
    mkdir -p "$2"; echo '{}' > "$2/config.json"; exit 0 ;;
esac
exit 9
)");
    }

    void recordsTextAndScratch()
    {
        WorkerRun run;
        run.setProgram(m_fake);
        QSignalSpy records(&run, &WorkerRun::recordReceived);
        QSignalSpy texts(&run, &WorkerRun::textReceived);
        QSignalSpy finished(&run, &WorkerRun::finished);
        QSignalSpy running(&run, &WorkerRun::runningChanged);
        QString scratch;
        WorkerRun::Options options;
        options.scratch = true;
        QVERIFY(run.start(
            [&scratch](const QString &dir) {
                scratch = dir;
                QFile f(QDir(dir).filePath(QStringLiteral("input.txt")));
                if (!f.open(QIODevice::WriteOnly))
                    throw std::runtime_error("cannot write");
                f.write("from the scratch folder\n");
                return QStringList{QStringLiteral("ok"), dir};
            },
            options));
        QVERIFY(run.isRunning());
        QVERIFY(!scratch.isEmpty() && QFileInfo(scratch).isDir());
        QVERIFY(!run.start([](const QString &) { return QStringList(); }));  // one run at a time
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished[0][0].toBool(), true);
        QCOMPARE(records.size(), 2);
        QCOMPARE(records[1][0].toJsonObject().value(QStringLiteral("n")).toInt(), 2);
        QCOMPARE(texts.size(), 2);
        QCOMPARE(texts[1][0].toString(), QStringLiteral("from the scratch folder"));
        QVERIFY(!run.isRunning());
        QVERIFY(!QFileInfo::exists(scratch));  // removed when the run ended
        QCOMPARE(running.size(), 2);
        QTest::qWait(50);
        QCOMPARE(finished.size(), 1);  // exactly once
    }

    void failureCarriesStderr()
    {
        WorkerRun run;
        run.setProgram(m_fake);
        QSignalSpy finished(&run, &WorkerRun::finished);
        QVERIFY(run.start([](const QString &) { return QStringList{QStringLiteral("fail")}; }));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished[0][0].toBool(), false);
        QCOMPARE(finished[0][1].toString(), QStringLiteral("error: input.jsonl:3: field \"label\" is missing"));
        QTest::qWait(50);
        QCOMPARE(finished.size(), 1);
    }

    void programThatCannotStart()
    {
        WorkerRun run;
        run.setProgram(m_dir.filePath(QStringLiteral("no-such-worker")));
        QSignalSpy finished(&run, &WorkerRun::finished);
        run.start([](const QString &) { return QStringList{QStringLiteral("ok")}; });
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished[0][0].toBool(), false);
        QVERIFY2(finished[0][1].toString().contains(QLatin1String("no-such-worker")), qPrintable(finished[0][1].toString()));
        QVERIFY(!run.isRunning());
        QTest::qWait(50);
        QCOMPARE(finished.size(), 1);
    }

    void prepareThatThrows()
    {
        WorkerRun run;
        run.setProgram(m_fake);
        QSignalSpy finished(&run, &WorkerRun::finished);
        QVERIFY(!run.start([](const QString &) -> QStringList { throw std::runtime_error("The dataset has no records"); }));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished[0][1].toString(), QStringLiteral("The dataset has no records"));
        QVERIFY(!run.isRunning());
    }

    void stopEndsTheRun()
    {
        WorkerRun run;
        run.setProgram(m_fake);
        QSignalSpy finished(&run, &WorkerRun::finished);
        QVERIFY(run.start([](const QString &) { return QStringList{QStringLiteral("sleep")}; }));
        QTest::qWait(100);
        QVERIFY(run.isRunning());
        run.stop();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished[0][0].toBool(), false);
        QCOMPARE(finished[0][1].toString(), QStringLiteral("stopped"));
    }

    void demoModelFirst()
    {
        WorkerRun run;
        run.setProgram(m_fake);
        const QString model = m_dir.filePath(QStringLiteral("demo-model"));
        QSignalSpy finished(&run, &WorkerRun::finished);
        bool modelThere = false;
        WorkerRun::Options options;
        options.modelDir = model;
        options.demoModelDir = model;
        QVERIFY(run.start(
            [&modelThere, model](const QString &) {
                modelThere = QFileInfo::exists(QDir(model).filePath(QStringLiteral("config.json")));
                return QStringList{QStringLiteral("ok")};
            },
            options));
        QVERIFY(run.isRunning());
        QVERIFY(run.isPreparing());
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(finished[0][0].toBool());
        QVERIFY(modelThere);  // the worker started only once the model existed
    }

    void demoModelFailureEndsTheRun()
    {
        WorkerRun run;
        run.setProgram(m_fake);
        const QString model = m_dir.filePath(QStringLiteral("broken-model"));
        QSignalSpy finished(&run, &WorkerRun::finished);
        bool prepared = false;
        WorkerRun::Options options;
        options.modelDir = model;
        options.demoModelDir = model;
        QVERIFY(run.start(
            [&prepared](const QString &) {
                prepared = true;
                return QStringList{QStringLiteral("ok")};
            },
            options));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished[0][0].toBool(), false);
        QVERIFY2(finished[0][1].toString().contains(QLatin1String("cannot write the model")),
                 qPrintable(finished[0][1].toString()));
        QVERIFY(!prepared);
        QVERIFY(!run.isRunning());
    }

    void stopWhileTheDemoModelIsWritten()
    {
        WorkerRun run;
        run.setProgram(m_fake);
        const QString model = m_dir.filePath(QStringLiteral("slow-model"));
        QSignalSpy finished(&run, &WorkerRun::finished);
        bool prepared = false;
        WorkerRun::Options options;
        options.modelDir = model;
        options.demoModelDir = model;
        QVERIFY(run.start(
            [&prepared](const QString &) {
                prepared = true;
                return QStringList{QStringLiteral("ok")};
            },
            options));
        QTest::qWait(300);
        QVERIFY(run.isPreparing());
        QElapsedTimer t;
        t.start();
        run.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
        QVERIFY2(t.elapsed() < 3000, "Stop must not wait for the model to be written");
        QCOMPARE(finished[0][1].toString(), QStringLiteral("stopped"));
        QVERIFY(!prepared);                 // the worker never started
        QVERIFY(!QFileInfo::exists(model));  // no half-written model left behind
        QTest::qWait(100);
        QCOMPARE(finished.size(), 1);
    }

    void deletedWhileRunning()
    {
        // The panel goes away mid-run (tab closed, window closed): no signal, no crash, the worker is ended.
        auto *run = new WorkerRun;
        run->setProgram(m_fake);
        QVERIFY(run->start([](const QString &) { return QStringList{QStringLiteral("sleep")}; }));
        QTest::qWait(100);
        delete run;
        QTest::qWait(100);
    }
};

QTEST_MAIN(TestWorkerRun)
#include "test_workerrun.moc"
