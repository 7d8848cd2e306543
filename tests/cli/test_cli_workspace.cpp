// sftbench-cli import / export / stats as a script would run them: exit codes,
// output, and errors that name the file and line.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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
} // namespace

class TestCliWorkspace : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void importStatsExport()
    {
        const QString ws = m_dir.filePath(QStringLiteral("cli.sftws"));
        Run r = cli({QStringLiteral("import"), QStringLiteral("--workspace"), ws, QStringLiteral("--file"),
                     QStringLiteral(SFT_SHARED_DATA_DIR "/seed_tasks.jsonl"), QStringLiteral("--dataset"),
                     QStringLiteral("seeds")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith(QStringLiteral("imported 175 records")));

        r = cli({QStringLiteral("stats"), QStringLiteral("--workspace"), ws, QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonObject stats = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject d = stats.value(QStringLiteral("datasets")).toArray().first().toObject();
        QCOMPARE(d.value(QStringLiteral("name")).toString(), QStringLiteral("seeds"));
        QCOMPARE(d.value(QStringLiteral("records")).toInt(), 175);

        // Nothing accepted yet: --all exports every record, split 80/20.
        const QString out = m_dir.filePath(QStringLiteral("seeds.jsonl"));
        r = cli({QStringLiteral("export"), QStringLiteral("--workspace"), ws, QStringLiteral("--dataset"),
                 QStringLiteral("seeds"), QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("--out"),
                 out, QStringLiteral("--all"), QStringLiteral("--validation"), QStringLiteral("0.2")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("exported 140 train + 35 validation records")), qPrintable(r.out));
        QFile train(m_dir.filePath(QStringLiteral("seeds_train.jsonl")));
        QVERIFY(train.open(QIODevice::ReadOnly));
        QCOMPARE(train.readAll().count('\n'), 140);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 2 << "unknown command";
        QTest::newRow("unknown option") << QStringList{QStringLiteral("stats"), QStringLiteral("--bogus")} << 1
                                        << "stats: unknown option --bogus";
        QTest::newRow("missing option") << QStringList{QStringLiteral("stats")} << 1
                                        << "missing required option --workspace";
        QTest::newRow("bad format") << QStringList{QStringLiteral("import"), QStringLiteral("--workspace"),
                                                   QStringLiteral("w.sftws"), QStringLiteral("--file"),
                                                   QStringLiteral("x"), QStringLiteral("--format"), QStringLiteral("xml")}
                                    << 1 << "unknown format \"xml\"";
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, expected);
        const Run r = cli(args);
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    }

    void badFileNamesLine()
    {
        QFile bad(m_dir.filePath(QStringLiteral("bad.jsonl")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"instruction\": \"a\", \"output\": \"b\"}\n{\"instruction\": \"a\", \"output\": [1]}\n");
        bad.close();
        const QString ws = m_dir.filePath(QStringLiteral("bad.sftws"));
        const Run r = cli({QStringLiteral("import"), QStringLiteral("--workspace"), ws, QStringLiteral("--file"),
                           bad.fileName()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("bad.jsonl:2: record 2, field \"output\": expected a string, found array")),
                 qPrintable(r.err));
        const Run s = cli({QStringLiteral("stats"), QStringLiteral("--workspace"), ws, QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(s.out.toUtf8()).object().value(QStringLiteral("datasets")).toArray().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliWorkspace)
#include "test_cli_workspace.moc"
