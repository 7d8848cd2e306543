// Schema version 2 (prompt templates and demonstration sets) and its
// migration: a file written with the version-1 DDL (data/workspace_v1.sql,
// the statements of schema.cpp's createV1 before version 2) is migrated in
// place on open, its records intact; the new tables work; a file from a newer
// release is refused. Also the JSON file form of templates and demo sets.

#include <QFile>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include "core/error.h"
#include "workspace/promptstore.h"
#include "workspace/schema.h"
#include "workspace/workspace.h"

using namespace sft;

namespace {

int scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toInt();
}

/** Writes a version-1 workspace with one dataset of two records (one Chinese). */
void writeV1(const QString &path)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1writer"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QFile ddl(QStringLiteral(SFT_TEST_DATA_DIR "/workspace_v1.sql"));
        QVERIFY(ddl.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(ddl.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QSqlQuery q(db);
        int statements = 0;
        for (const QString &line : lines) {
            if (line.startsWith(QLatin1String("--")))
                continue;
            QVERIFY2(q.exec(line), qPrintable(line));
            ++statements;
        }
        QVERIFY(statements > 10);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO datasets(id, name, created) VALUES(1, 'old', 0)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO records(id, dataset_id, instruction, output, status, created, "
                                      "modified) VALUES(1, 1, 'Say hi', 'hi', 1, 0, 0)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO records(id, dataset_id, instruction, input, output, created, "
                                      "modified) VALUES(2, 1, '判断情感', '这部电影太好看了', '正面', 0, 0)")));
        QVERIFY(q.exec(QStringLiteral("UPDATE dataset_stats SET total = 2, pending = 1, accepted = 1")));
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")), 1);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1writer"));
}

} // namespace

class TestSchemaMigration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void migratesV1InPlace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sftws"));
        writeV1(path);
        if (QTest::currentTestFailed())
            return;
        auto ws = Workspace::open(path);
        QSqlDatabase db = ws->db();
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")), 2);
        QCOMPARE(schema::kVersion, 2);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name IN "
                                           "('prompt_templates', 'demo_sets')")),
                 2);
        // Old data intact.
        const auto sets = ws->datasets();
        QCOMPARE(sets.size(), 1);
        QCOMPARE(sets.first().name, QStringLiteral("old"));
        QCOMPARE(sets.first().total, 2);
        QCOMPARE(ws->record(2)->input, QStringLiteral("这部电影太好看了"));
        QCOMPARE(ws->record(1)->status, RecordStatus::Accepted);
        // Old triggers still work after the migration.
        ws->setStatus({2}, RecordStatus::Rejected, QStringLiteral("r"));
        QCOMPARE(ws->dataset(1)->rejected, 1);
        // The new tables take data and survive reopening.
        PromptTemplateEntry t;
        t.name = QStringLiteral("情感");
        t.text = QStringLiteral("[X] 我感到[Z]。");
        t.answers = {{QStringLiteral("labels"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("正面")},
                                                                       {QStringLiteral("answers"), QJsonArray{QStringLiteral("好")}}}}}};
        QVERIFY(promptstore::saveTemplate(db, t) > 0);
        db = QSqlDatabase();
        ws.reset();
        auto again = Workspace::open(path);
        const auto saved = promptstore::templates(again->db());
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().text, t.text);
        QCOMPARE(saved.first().answers, t.answers);
        QCOMPARE(promptstore::records(again->db(), 1, true, 10).size(), 1);
        QCOMPARE(promptstore::recordText(*again->record(2)), QStringLiteral("判断情感\n这部电影太好看了"));
    }

    void newFileIsV2()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("new.sftws")));
        QCOMPARE(scalar(ws->db(), QStringLiteral("PRAGMA user_version")), 2);
        DemoSetEntry d;
        d.name = QStringLiteral("demos");
        d.format = QStringLiteral("Input: [X]\nOutput: [Z]");
        d.separator = QStringLiteral("\n\n");
        d.demos = QJsonArray{QJsonObject{{QStringLiteral("input"), QStringLiteral("好")},
                                         {QStringLiteral("output"), QStringLiteral("正面")},
                                         {QStringLiteral("enabled"), true}}};
        promptstore::saveDemoSet(ws->db(), d);
        d.header = QStringLiteral("Classify.");
        promptstore::saveDemoSet(ws->db(), d);  // same name: replaced, not added
        const auto sets = promptstore::demoSets(ws->db());
        QCOMPARE(sets.size(), 1);
        QCOMPARE(sets.first().header, QStringLiteral("Classify."));
        QCOMPARE(sets.first().separator, QStringLiteral("\n\n"));
        QCOMPARE(sets.first().demos, d.demos);
        promptstore::removeDemoSet(ws->db(), d.name);
        QVERIFY(promptstore::demoSets(ws->db()).isEmpty());
    }

    void refusesNewerSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("future.sftws"));
        {
            auto ws = Workspace::open(path);
            QSqlQuery q(ws->db());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 3")));
        }
        QVERIFY_THROWS_EXCEPTION(Error, Workspace::open(path));
    }

    void jsonRoundTrip()
    {
        PromptTemplateEntry t;
        t.name = QStringLiteral("t");
        t.text = QStringLiteral("[X]\n总之[Z]");
        t.answers = {{QStringLiteral("labels"), QJsonArray()}};
        t.options = {{QStringLiteral("calibrate"), true}};
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("t.json"));
        promptstore::writeJsonFile(file, promptstore::toJson(t));
        const PromptTemplateEntry back = promptstore::templateFromJson(promptstore::readJsonFile(file));
        QCOMPARE(back.name, t.name);
        QCOMPARE(back.text, t.text);
        QCOMPARE(back.answers, t.answers);
        QCOMPARE(back.options, t.options);
    }

    void badJson_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{") << "not valid JSON";
        QTest::newRow("array") << QByteArray("[]") << "expected a JSON object";
        QTest::newRow("demo set") << QByteArray(R"({"kind": "sftbench-demo-set"})") << "its \"kind\" is \"sftbench-demo-set\"";
        QTest::newRow("no template") << QByteArray(R"({"kind": "sftbench-prompt-template", "name": "a"})")
                                     << "field \"template\" is missing";
        QTest::newRow("answers") << QByteArray(R"({"kind": "sftbench-prompt-template", "name": "a", "template": "[Z]",
                                                   "answers": []})")
                                 << "\"answers\" must be an object";
    }
    void badJson()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(json);
        f.close();
        try {
            promptstore::templateFromJson(promptstore::readJsonFile(f.fileName()));
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestSchemaMigration)
#include "test_schema_migration.moc"
