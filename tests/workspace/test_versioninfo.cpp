// The versions only a running program can tell (backend/workspace/versioninfo.h):
// the SQLite library behind the QSQLITE driver; the LibTorch line of a
// worker's --version output; and asking a worker for it, against the real
// sftbench-cli of this build (compared with the LibTorch version CMake found)
// and against fakes that are missing, fail, say nothing useful, or hang.

#include <QFile>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

#include "test_util.h"
#include "workspace/versioninfo.h"

class TestVersionInfo : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString script(const QString &name, const QByteArray &body)
    {
        return sfttest::writeShellScript(m_dir.filePath(name), body);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void sqliteVersion()
    {
        const QStringList before = QSqlDatabase::connectionNames();
        const QString version = sft::sqliteVersion();
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+$")).match(version).hasMatch(), qPrintable(version));
        QCOMPARE(sft::sqliteVersion(), version);
        // Its private connection is gone again.
        QCOMPARE(QSqlDatabase::connectionNames(), before);
    }

    void torchVersionFromOutput_data()
    {
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("version");
        QTest::newRow("cpu") << "sftbench-cli 0.1.0\nLibTorch 1.13.0, CPU only\n" << "1.13.0";
        QTest::newRow("cuda") << "sftbench-cli 0.1.0\nLibTorch 2.3.1, CUDA available\n" << "2.3.1";
        QTest::newRow("bare") << "sftbench-cli 0.1.0\nLibTorch 1.13.1" << "1.13.1";
        QTest::newRow("crlf") << "sftbench-cli 0.1.0\r\nLibTorch 2.1.0\r\n" << "2.1.0";
        QTest::newRow("no engine") << "sftbench-cli 0.1.0\nLibTorch none\n" << "none";
        QTest::newRow("later line") << "sftbench-cli 0.1.0\nsomething else\nLibTorch 2.0.0 (extra)\n" << "2.0.0";
        QTest::newRow("missing") << "sftbench-cli 0.1.0\n" << "";
        QTest::newRow("empty") << "" << "";
        QTest::newRow("not at line start") << "built against LibTorch 1.13.0\n" << "";
        QTest::newRow("no version") << "LibTorch\n" << "";
    }

    void torchVersionFromOutput()
    {
        QFETCH(QString, output);
        QFETCH(QString, version);
        QCOMPARE(sft::torchVersionFromWorkerOutput(output), version);
    }

    // The real worker names the LibTorch it was built with.
    void realWorker()
    {
        QString error = QStringLiteral("stale");
        const QString version = sft::workerTorchVersion(sfttest::cliPath(), 60000, &error);
        QVERIFY2(!version.isEmpty(), qPrintable(error));
        QVERIFY(error.isEmpty());
#ifdef SFT_TORCH_VERSION
        // CMake's Torch_VERSION, from the same installation's TorchConfigVersion.cmake.
        QCOMPARE(version, QStringLiteral(SFT_TORCH_VERSION));
#elif defined(SFT_WORKER_WITHOUT_TORCH)
        QCOMPARE(version, QStringLiteral("none"));
#else
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+")).match(version).hasMatch(), qPrintable(version));
#endif
    }

    void fakeWorker()
    {
        const QString fake = script(QStringLiteral("fake-ok"), "echo 'sftbench-cli 9.9.9'\necho 'LibTorch 7.8.9, CPU only'\n");
        QString error;
        QCOMPARE(sft::workerTorchVersion(fake, 10000, &error), QStringLiteral("7.8.9"));
        QVERIFY(error.isEmpty());
        QCOMPARE(sft::workerTorchVersion(fake, 10000), QStringLiteral("7.8.9"));  // no error wanted
    }

    void failures_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("body");  // empty: no such program
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<QString>("error");
        QTest::newRow("missing") << "no-such-worker" << QByteArray() << 10000 << "not found";
        QTest::newRow("exit 3") << "exit-3" << QByteArray("echo 'LibTorch 1.0.0'\nexit 3\n") << 10000 << "exit code 3";
        QTest::newRow("no line") << "old-worker" << QByteArray("echo 'sftbench-cli 0.0.1'\n") << 10000
                                 << "no LibTorch line in its --version output";
        QTest::newRow("crashes") << "crasher" << QByteArray("kill -KILL $$\n") << 10000 << "crashed";
        QTest::newRow("hangs") << "sleeper" << QByteArray("exec sleep 30\n") << 300 << "timed out after 0.3 s";
    }

    void failures()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, body);
        QFETCH(int, timeoutMs);
        QFETCH(QString, error);
        const QString program = body.isEmpty() ? m_dir.filePath(name) : script(name, body);
        QString why;
        QCOMPARE(sft::workerTorchVersion(program, timeoutMs, &why), QString());
        QCOMPARE(why, error);
    }

    // The reasons Help ▸ About copies for the states only an asynchronous query has or that
    // carry a detail: the same words as the blocking query's.
    void failureReasons()
    {
        using sft::WorkerFailure;
        QCOMPARE(sft::workerFailureReason(WorkerFailure::None), QString());
        QCOMPARE(sft::workerFailureReason(WorkerFailure::Pending), QStringLiteral("still checking"));
        QCOMPARE(sft::workerFailureReason(WorkerFailure::TimedOut, QStringLiteral("15")),
                 QStringLiteral("timed out after 15 s"));
        QCOMPARE(sft::workerFailureReason(WorkerFailure::CannotStart, QStringLiteral("Permission denied")),
                 QStringLiteral("cannot be started (Permission denied)"));
        const sft::WorkerAnswer answer{{}, WorkerFailure::ExitCode, QStringLiteral("3")};
        QCOMPARE(answer.reason(), QStringLiteral("exit code 3"));
    }

    void notExecutable()
    {
        const QString path = m_dir.filePath(QStringLiteral("plain-file"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("LibTorch 1.2.3\n");
        f.close();
        QString why;
        QCOMPARE(sft::workerTorchVersion(path, 10000, &why), QString());
        QVERIFY2(why.startsWith(QLatin1String("cannot be started (")), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestVersionInfo)
#include "test_versioninfo.moc"
