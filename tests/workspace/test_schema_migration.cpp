// Schema versions 2 (prompt templates and demonstration sets) and 3 (the
// trash behind undoable deletes and imports, the parameters of rejection
// reasons) and their migrations: a file written with the version-1 DDL
// (data/workspace_v1.sql, the statements of schema.cpp's createV1 before
// version 2) is migrated in place on open, its records intact; the new tables
// and columns work; a version-2 file keeps its reasons stored as text; a file
// from a newer release is refused. Also the JSON file form of templates and
// demo sets.

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

/** A version-2 workspace: the version-1 file plus the version-2 tables, one record rejected with a reason text. */
void writeV2(const QString &path)
{
    writeV1(path);
    if (QTest::currentTestFailed())
        return;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2writer"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        // migrateV1toV2's statements, as version 2 wrote them.
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE prompt_templates(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
                                      " template TEXT NOT NULL, answers_json TEXT NOT NULL DEFAULT '{}',"
                                      " options_json TEXT NOT NULL DEFAULT '{}', modified INTEGER NOT NULL)")));
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE demo_sets(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
                                      " format TEXT NOT NULL, separator TEXT NOT NULL DEFAULT '',"
                                      " header TEXT NOT NULL DEFAULT '', demos_json TEXT NOT NULL DEFAULT '[]',"
                                      " modified INTEGER NOT NULL)")));
        QVERIFY(q.exec(QStringLiteral("UPDATE records SET status = 2, reason = 'instruction has 2 words (minimum 4)',"
                                      " rule = 'length' WHERE id = 1")));
        QVERIFY(q.exec(QStringLiteral("UPDATE dataset_stats SET pending = 1, accepted = 0, rejected = 1")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 2")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v2writer"));
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
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")), 3);
        QCOMPARE(schema::kVersion, 3);
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

    void migratesV2InPlace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v2.sftws"));
        writeV2(path);
        if (QTest::currentTestFailed())
            return;
        auto ws = Workspace::open(path);
        QCOMPARE(scalar(ws->db(), QStringLiteral("PRAGMA user_version")), 3);
        // The reason stored as text only is read as it was, with no parameters.
        const auto old = ws->record(1);
        QCOMPARE(old->status, RecordStatus::Rejected);
        QCOMPARE(old->reason, QStringLiteral("instruction has 2 words (minimum 4)"));
        QCOMPARE(old->rule, QStringLiteral("length"));
        QCOMPARE(old->reasonArgs, QString());
        // New rows keep their parameters; undo's snapshot carries them.
        const QString args = QStringLiteral(R"({"field":"instruction","count":1,"unit":"chars","bound":"min","limit":4})");
        ws->setStatus({2}, RecordStatus::Rejected, QStringLiteral("instruction has 1 characters (minimum 4)"),
                      QStringLiteral("length"), args);
        QCOMPARE(ws->record(2)->reasonArgs, args);
        QCOMPARE(ws->statusStates({2}).first().args, args);
        // The trash works on the migrated file: a deleted dataset is hidden, frees its name, comes back.
        const qint64 id = ws->datasets().first().id;
        ws->trashDataset(id);
        QVERIFY(ws->datasets().isEmpty());
        QCOMPARE(ws->uniqueDatasetName(QStringLiteral("old")), QStringLiteral("old"));
        ws->restoreDataset(id);
        QCOMPARE(ws->datasets().size(), 1);
        QCOMPARE(ws->datasets().first().name, QStringLiteral("old"));
        QCOMPARE(ws->datasets().first().total, 2);
        QCOMPARE(ws->datasets().first().rejected, 2);
    }

    void newFileIsV3()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("new.sftws")));
        QCOMPARE(scalar(ws->db(), QStringLiteral("PRAGMA user_version")), 3);
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
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 4")));
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
