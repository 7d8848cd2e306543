// Commands that only read a workspace never create one: stats and export on a
// missing path fail with "no such workspace" and leave no file (or folder)
// behind; import (which may create) still does.

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {
struct Run
{
    int code;
    QString out, err;
};

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(SFT_BINARY_DIR "/app/sftbench-cli"), args);
    p.waitForFinished(60000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

const QString kFixture = QStringLiteral(SFT_TEST_DATA_DIR "/concurrent_import.jsonl");
} // namespace

class TestCliOpenMode : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void readCommandsNeedAWorkspace_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("stats") << QStringList{QStringLiteral("stats")};
        QTest::newRow("stats --json") << QStringList{QStringLiteral("stats"), QStringLiteral("--json")};
        QTest::newRow("export") << QStringList{QStringLiteral("export"), QStringLiteral("--dataset"),
                                               QStringLiteral("x"), QStringLiteral("--out"),
                                               m_dir.filePath(QStringLiteral("out.jsonl"))};
        QTest::newRow("import --append") << QStringList{QStringLiteral("import"), QStringLiteral("--append"),
                                                        QStringLiteral("--dataset"), QStringLiteral("x"),
                                                        QStringLiteral("--file"), kFixture};
    }
    void readCommandsNeedAWorkspace()
    {
        QFETCH(QStringList, args);
        const QString folder = m_dir.filePath(QStringLiteral("nowhere"));
        const QString ws = folder + QStringLiteral("/missing.sftws");
        const Run r = cli(args << QStringLiteral("--workspace") << ws);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no such workspace: ") + ws), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(ws));
        QVERIFY(!QFileInfo::exists(folder));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("out.jsonl"))));
    }

    void importCreatesThenReadsWork()
    {
        const QString ws = m_dir.filePath(QStringLiteral("made/new.sftws"));
        Run r = cli({QStringLiteral("import"), QStringLiteral("--workspace"), ws, QStringLiteral("--file"), kFixture,
                     QStringLiteral("--dataset"), QStringLiteral("fixture")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QFileInfo::exists(ws));
        r = cli({QStringLiteral("stats"), QStringLiteral("--workspace"), ws});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("fixture")), qPrintable(r.out));
        r = cli({QStringLiteral("import"), QStringLiteral("--workspace"), ws, QStringLiteral("--file"), kFixture,
                 QStringLiteral("--dataset"), QStringLiteral("fixture"), QStringLiteral("--append")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({QStringLiteral("export"), QStringLiteral("--workspace"), ws, QStringLiteral("--dataset"),
                 QStringLiteral("fixture"), QStringLiteral("--all"), QStringLiteral("--format"), QStringLiteral("jsonl"),
                 QStringLiteral("--out"), m_dir.filePath(QStringLiteral("all.jsonl"))});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("exported 800 train")), qPrintable(r.out));
    }

    void emptyFileIsNotAWorkspace()
    {
        // A read command must not write a schema into a file that happens to be empty.
        const QString ws = m_dir.filePath(QStringLiteral("empty.sftws"));
        QFile f(ws);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const Run r = cli({QStringLiteral("stats"), QStringLiteral("--workspace"), ws});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("not an SFT Workbench workspace")), qPrintable(r.err));
        QCOMPARE(QFileInfo(ws).size(), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestCliOpenMode)
#include "test_cli_open_mode.moc"
