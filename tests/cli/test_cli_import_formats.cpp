// sftbench-cli import with the conversation formats and field mappings, and
// export as ShareGPT / OpenAI messages, as a script would run them: --map
// (Dolly), --source, ShareGPT multi-turn, OpenAssistant --oasst-paths and
// --language, and bad options or files that fail, naming the file, line and
// field, without importing anything. Fixtures: tests/data/data.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include "test_util.h"

namespace {

using Run = sfttest::CliRun;

Run cli(const QStringList &args) { return sfttest::runCli(args, 60000); }

QString fixture(const char *name)
{
    return QStringLiteral(SFT_SOURCE_DIR "/tests/data/data/") + QString::fromLatin1(name);
}

QList<QJsonObject> jsonLines(const QString &path)
{
    QList<QJsonObject> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (!line.trimmed().isEmpty())
            out << QJsonDocument::fromJson(line).object();
    return out;
}

// One column of the workspace's records, in id order.
QStringList column(const QString &workspace, const QString &name)
{
    QStringList out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(workspace);
        if (db.open()) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT %1 FROM records ORDER BY id").arg(name));
            while (q.next())
                out << q.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
    return out;
}

} // namespace

class TestCliImportFormats : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString ws(const char *name) { return m_dir.filePath(QString::fromLatin1(name) + QStringLiteral(".sftws")); }

private Q_SLOTS:
    void mapDolly()
    {
        const QString w = ws("dolly");
        Run r = cli({QStringLiteral("import"), QStringLiteral("--workspace"), w, QStringLiteral("--file"),
                     fixture("dolly_sample.jsonl"), QStringLiteral("--map"), QStringLiteral("input=context,output=response"),
                     QStringLiteral("--source"), QStringLiteral("catalogue:dolly-15k"), QStringLiteral("--dataset"),
                     QStringLiteral("dolly")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.outText().startsWith(QStringLiteral("imported 4 records")), qPrintable(r.outText()));
        QCOMPARE(column(w, QStringLiteral("source")), QStringList(4, QStringLiteral("catalogue:dolly-15k")));

        const QString out = m_dir.filePath(QStringLiteral("dolly.jsonl"));
        r = cli({QStringLiteral("export"), QStringLiteral("--workspace"), w, QStringLiteral("--dataset"),
                 QStringLiteral("dolly"), QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("--out"), out,
                 QStringLiteral("--all")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto lines = jsonLines(out);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0].value(QStringLiteral("output")).toString(), QStringLiteral("It was completed in March 1889."));
        QVERIFY(lines[0].value(QStringLiteral("input")).toString().startsWith(QStringLiteral("The Eiffel Tower was built")));
        QCOMPARE(lines[1].value(QStringLiteral("input")).toString(), QString());
    }

    void shareGptToOpenAi()
    {
        const QString w = ws("sharegpt");
        Run r = cli({QStringLiteral("import"), QStringLiteral("--workspace"), w, QStringLiteral("--file"),
                     fixture("sharegpt_multiturn.json"), QStringLiteral("--format"), QStringLiteral("sharegpt"),
                     QStringLiteral("--dataset"), QStringLiteral("chats")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.outText().startsWith(QStringLiteral("imported 4 records")), qPrintable(r.outText()));
        QCOMPARE(column(w, QStringLiteral("turn_count")),
                 (QStringList{QStringLiteral("2"), QStringLiteral("1"), QStringLiteral("3"), QStringLiteral("2")}));

        const QString out = m_dir.filePath(QStringLiteral("chats.jsonl"));
        r = cli({QStringLiteral("export"), QStringLiteral("--workspace"), w, QStringLiteral("--dataset"),
                 QStringLiteral("chats"), QStringLiteral("--format"), QStringLiteral("openai"), QStringLiteral("--out"), out,
                 QStringLiteral("--all")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto lines = jsonLines(out);
        QCOMPARE(lines.size(), 4);
        const QJsonArray first = lines[0].value(QStringLiteral("messages")).toArray();
        QCOMPARE(first.size(), 4);
        QCOMPARE(first[2].toObject().value(QStringLiteral("content")).toString(), QStringLiteral("再短一点，两句就好。"));
        const QJsonArray third = lines[2].value(QStringLiteral("messages")).toArray();
        QCOMPARE(third.size(), 7);
        QCOMPARE(third[0].toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
        QCOMPARE(lines[3].value(QStringLiteral("messages")).toArray().last().toObject().value(QStringLiteral("role")).toString(),
                 QStringLiteral("user"));
    }

    void oasst_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("records");
        QTest::newRow("best") << QStringList() << 3;
        QTest::newRow("all") << QStringList{QStringLiteral("--oasst-paths"), QStringLiteral("all")} << 7;
        QTest::newRow("all en") << QStringList{QStringLiteral("--oasst-paths"), QStringLiteral("all"),
                                               QStringLiteral("--language"), QStringLiteral("en")} << 5;
        QTest::newRow("best zh") << QStringList{QStringLiteral("--language"), QStringLiteral("zh")} << 1;
    }
    void oasst()
    {
        QFETCH(QStringList, options);
        QFETCH(int, records);
        const QString w = ws(QTest::currentDataTag());
        const Run r = cli(QStringList{QStringLiteral("import"), QStringLiteral("--workspace"), w, QStringLiteral("--file"),
                                      fixture("oasst_trees_sample.jsonl")}
                          + options);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.outText().startsWith(QStringLiteral("imported %1 record").arg(records)), qPrintable(r.outText()));
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        // Each row its own workspace, named by the row's first word.
        const auto import = [this](const char *name) {
            return QStringList{QStringLiteral("import"), QStringLiteral("--workspace"), ws(name), QStringLiteral("--file")};
        };
        QTest::newRow("bad map") << import("e-bad-map") + QStringList{fixture("dolly_sample.jsonl"), QStringLiteral("--map"),
                                                         QStringLiteral("input=context,answer=response")}
                                 << "field mapping \"answer=response\": unknown target \"answer\"";
        QTest::newRow("bad paths") << import("e-bad-paths") + QStringList{fixture("oasst_trees_sample.jsonl"), QStringLiteral("--oasst-paths"),
                                                           QStringLiteral("longest")}
                                   << "--oasst-paths must be best or all";
        QTest::newRow("map with sharegpt") << import("e-map-sharegpt") + QStringList{fixture("sharegpt_multiturn.json"), QStringLiteral("--format"),
                                                                   QStringLiteral("sharegpt"), QStringLiteral("--map"),
                                                                   QStringLiteral("output=response")}
                                           << "a field mapping applies to Alpaca JSON, JSONL and CSV files";
        QTest::newRow("dolly without map") << import("e-dolly") + QStringList{fixture("dolly_sample.jsonl")}
                                           << "dolly_sample.jsonl:1: record 1, field \"output\": missing required field";
        QTest::newRow("wrong mapped field") << import("e-flan") + QStringList{fixture("flan_sample.jsonl"), QStringLiteral("--map"),
                                                                    QStringLiteral("instruction=inputs,output=target")}
                                            << "flan_sample.jsonl:1: record 1, field \"target\": missing required field";
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        // Nothing imported: no dataset (or, for a bad option, no workspace at all).
        const QString w = args[2];
        if (QFile::exists(w)) {
            const Run s = cli({QStringLiteral("stats"), QStringLiteral("--workspace"), w, QStringLiteral("--json")});
            QCOMPARE(QJsonDocument::fromJson(s.out).object().value(QStringLiteral("datasets")).toArray().size(), 0);
        }
        if (expected.startsWith(QStringLiteral("field mapping")) || expected.startsWith(QStringLiteral("--oasst")))
            QVERIFY(!QFile::exists(w));
    }

    void exportFormats()
    {
        const Run r = cli({QStringLiteral("export"), QStringLiteral("--workspace"), ws("dolly"), QStringLiteral("--dataset"),
                           QStringLiteral("dolly"), QStringLiteral("--format"), QStringLiteral("oasst"), QStringLiteral("--out"),
                           m_dir.filePath(QStringLiteral("x.jsonl"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("--format must be alpaca, jsonl, sharegpt, openai or csv")), qPrintable(r.err));
    }

    void help()
    {
        Run r = cli({QStringLiteral("import"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char *option : {"--map", "--oasst-paths", "--language", "--source", "openai, oasst, ultrachat"})
            QVERIFY2(r.outText().contains(QString::fromLatin1(option)), option);
        r = cli({QStringLiteral("export"), QStringLiteral("--help")});
        QVERIFY2(r.outText().contains(QStringLiteral("openai")), qPrintable(r.outText()));
    }
};

QTEST_GUILESS_MAIN(TestCliImportFormats)
#include "test_cli_import_formats.moc"
