// sftbench-cli import / export / stats as a script would run them: exit codes,
// output, and errors that name the file and line. Import / export runs on the
// Self-Instruct-shaped sample (tests/common/data) and, in realDataImportStatsExport,
// on the real seed_tasks.jsonl (see shared_data.h).

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "shared_data.h"

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

    /** import, stats --json, export --all with a 20 % split, of a seed-task file with `total` records. */
    void runImportStatsExport(const QString &file, const QString &name, int total, int train, int validation)
    {
        const QString ws = m_dir.filePath(name + QStringLiteral(".sftws"));
        Run r = cli({QStringLiteral("import"), QStringLiteral("--workspace"), ws, QStringLiteral("--file"), file,
                     QStringLiteral("--dataset"), QStringLiteral("seeds")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("imported %1 records").arg(total)), qPrintable(r.out));

        r = cli({QStringLiteral("stats"), QStringLiteral("--workspace"), ws, QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonObject stats = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject d = stats.value(QStringLiteral("datasets")).toArray().first().toObject();
        QCOMPARE(d.value(QStringLiteral("name")).toString(), QStringLiteral("seeds"));
        QCOMPARE(d.value(QStringLiteral("records")).toInt(), total);

        // Nothing accepted yet: --all exports every record, split 80/20.
        const QString out = m_dir.filePath(name + QStringLiteral(".jsonl"));
        r = cli({QStringLiteral("export"), QStringLiteral("--workspace"), ws, QStringLiteral("--dataset"),
                 QStringLiteral("seeds"), QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("--out"),
                 out, QStringLiteral("--all"), QStringLiteral("--validation"), QStringLiteral("0.2")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("exported %1 train + %2 validation records").arg(train).arg(validation)),
                 qPrintable(r.out));
        QFile trainFile(m_dir.filePath(name + QStringLiteral("_train.jsonl")));
        QVERIFY(trainFile.open(QIODevice::ReadOnly));
        QCOMPARE(trainFile.readAll().count('\n'), train);
    }

private Q_SLOTS:
    void importStatsExport()
    {
        // 11 records: round(2.2) = 2 for validation.
        runImportStatsExport(sfttest::fixtureFile(QStringLiteral("seed_tasks_sample.jsonl")), QStringLiteral("sample"), 11,
                             9, 2);
    }

    void realDataImportStatsExport()
    {
        runImportStatsExport(sfttest::sharedFile(QStringLiteral("seed_tasks.jsonl")), QStringLiteral("seeds"), 175, 140,
                             35);
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

SFT_REALDATA_GUILESS_MAIN(TestCliWorkspace, "seed_tasks.jsonl")
#include "test_cli_workspace.moc"
