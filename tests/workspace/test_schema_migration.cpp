// Schema versions 2 (prompt templates and demonstration sets), 3 (the trash
// behind undoable deletes and imports, the parameters of rejection reasons)
// and 4 (conversations: system message, turns, turn count; search over every
// turn) and their migrations: a file written with the version-1 DDL
// (data/workspace_v1.sql, the statements of schema.cpp's createV1 before
// version 2) is migrated in place on open, its records intact; the new tables
// and columns work; a version-2 file keeps its reasons stored as text; a
// version-3 file keeps every field and its search, and a migration that fails
// leaves the file as it was; a file from a newer release is refused. Also the
// JSON file form of templates and demo sets.

#include <QFile>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include "core/error.h"
#include "data/conversation.h"
#include "workspace/promptstore.h"
#include "workspace/recordfilter.h"
#include "workspace/schema.h"
#include "workspace/searchindex.h"
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

/**
 * A version-3 workspace: the version-2 file plus migrateV2toV3's statements as version 3 wrote them, a
 * third record with every field set, and the search index of that time built over the three records.
 */
void writeV3(const QString &path)
{
    writeV2(path);
    if (QTest::currentTestFailed())
        return;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v3writer"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE datasets ADD COLUMN trashed_name TEXT")));
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE records ADD COLUMN reason_args TEXT NOT NULL DEFAULT ''")));
        QVERIFY(q.exec(QStringLiteral(
            "CREATE TRIGGER records_fts_reused_id AFTER INSERT ON records"
            " WHEN new.id <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_upto') BEGIN"
            "  INSERT INTO records_fts(rowid, instruction, input, output)"
            "   VALUES(new.id, new.instruction, new.input, new.output);"
            " END")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO records(id, dataset_id, instruction, input, output, status, reason, rule, tags, note, source,"
            " flagged, created, modified, reason_args) VALUES(3, 1, 'Summarize the zeppelin story', 'A long text',"
            " 'Short.', 2, 'too short', 'length', ',news,long,', 'check later', 'seed.jsonl', 1, 1700000000,"
            " 1700000100, '{\"field\":\"output\"}')")));
        QVERIFY(q.exec(QStringLiteral("UPDATE dataset_stats SET total = 3, rejected = 2, flagged = 1")));
        // The index of that time, up to date.
        QVERIFY(q.exec(QStringLiteral("INSERT INTO records_fts(rowid, instruction, input, output)"
                                      " SELECT id, instruction, input, output FROM records")));
        QVERIFY(q.exec(QStringLiteral("UPDATE meta SET value = '3' WHERE key = 'fts_upto'")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 3")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v3writer"));
}

QVector<qint64> search(Workspace &ws, const QString &text)
{
    RecordFilter f;
    f.datasetId = 1;
    f.search = text;
    return queryRecordIds(ws.db(), f);
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
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")), 4);
        QCOMPARE(schema::kVersion, 4);
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
        QCOMPARE(scalar(ws->db(), QStringLiteral("PRAGMA user_version")), 4);
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

    void migratesV3InPlace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v3.sftws"));
        writeV3(path);
        if (QTest::currentTestFailed())
            return;
        auto ws = Workspace::open(path);
        QCOMPARE(scalar(ws->db(), QStringLiteral("PRAGMA user_version")), 4);
        // Every field of every record as it was; single-turn, no system message.
        const auto r = ws->record(3);
        QVERIFY(r);
        QCOMPARE(r->datasetId, 1);
        QCOMPARE(r->instruction, QStringLiteral("Summarize the zeppelin story"));
        QCOMPARE(r->input, QStringLiteral("A long text"));
        QCOMPARE(r->output, QStringLiteral("Short."));
        QCOMPARE(r->status, RecordStatus::Rejected);
        QCOMPARE(r->reason, QStringLiteral("too short"));
        QCOMPARE(r->rule, QStringLiteral("length"));
        QCOMPARE(r->reasonArgs, QStringLiteral("{\"field\":\"output\"}"));
        QCOMPARE(r->tags, QStringList({QStringLiteral("news"), QStringLiteral("long")}));
        QCOMPARE(r->note, QStringLiteral("check later"));
        QCOMPARE(r->source, QStringLiteral("seed.jsonl"));
        QVERIFY(r->flagged);
        QCOMPARE(r->created.toSecsSinceEpoch(), 1700000000);
        QCOMPARE(r->modified.toSecsSinceEpoch(), 1700000100);
        QVERIFY(r->system.isEmpty());
        QVERIFY(r->turns.isEmpty());
        QCOMPARE(r->turnCount, 1);
        QCOMPARE(ws->record(2)->input, QStringLiteral("这部电影太好看了"));
        QCOMPARE(ws->record(1)->reason, QStringLiteral("instruction has 2 words (minimum 4)"));
        const auto info = ws->dataset(1);
        QCOMPARE(info->total, 3);
        QCOMPARE(info->rejected, 2);
        QCOMPARE(info->flagged, 1);
        // Turn filters see the old records as single-turn.
        RecordFilter f;
        f.datasetId = 1;
        f.maxTurns = 1;
        QCOMPARE(queryRecordIds(ws->db(), f).size(), 3);
        f.maxTurns = 0;
        f.minTurns = 2;
        QVERIFY(queryRecordIds(ws->db(), f).isEmpty());

        // Search finds the old records: first by the scan (the new index is empty), then by the index.
        QCOMPARE(unindexedRecords(path), qint64(3));
        QCOMPARE(search(*ws, QStringLiteral("zeppelin")), QVector<qint64>{3});
        QCOMPARE(search(*ws, QStringLiteral("电影太好")), QVector<qint64>{2});
        QCOMPARE(updateSearchIndex(path), qint64(3));
        QCOMPARE(search(*ws, QStringLiteral("zeppelin")), QVector<qint64>{3});
        QCOMPARE(search(*ws, QStringLiteral("电影太好")), QVector<qint64>{2});
        QCOMPARE(search(*ws, QStringLiteral("Say hi")), QVector<qint64>{1});
        // The migrated record becomes a conversation; the new index follows, and stays sound.
        ws->setConversation(3, QStringLiteral("You summarise airships."),
                            {{QStringLiteral("user"), QStringLiteral("Summarize the zeppelin story")},
                             {QStringLiteral("assistant"), QStringLiteral("Short.")},
                             {QStringLiteral("user"), QStringLiteral("Now in one word")},
                             {QStringLiteral("assistant"), QStringLiteral("Hindenburg")}});
        QCOMPARE(ws->record(3)->turnCount, 2);
        QCOMPARE(ws->record(3)->note, QStringLiteral("check later"));
        QCOMPARE(search(*ws, QStringLiteral("Hindenburg")), QVector<qint64>{3});
        QCOMPARE(search(*ws, QStringLiteral("airships")), QVector<qint64>{3});
        QSqlQuery check(ws->db());
        QVERIFY2(check.exec(QStringLiteral("INSERT INTO records_fts(records_fts) VALUES('integrity-check')")),
                 qPrintable(check.lastError().text()));
    }

    // The migration is one transaction: when a step fails (here a name the new schema needs is taken),
    // the file stays a sound version-3 workspace with its data and its index, and opens once fixed.
    void failedMigrationChangesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v3.sftws"));
        writeV3(path);
        if (QTest::currentTestFailed())
            return;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("blocker"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE INDEX records_by_turns ON records(note)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("blocker"));
        QVERIFY_THROWS_EXCEPTION(Error, Workspace::open(path));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("look"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")), 3);
            QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM pragma_table_info('records') WHERE name IN"
                                               " ('system', 'turns', 'turn_count')")),
                     0);
            QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM records")), 3);
            QCOMPARE(scalar(db, QStringLiteral("SELECT rowid FROM records_fts WHERE records_fts MATCH 'zeppelin'")), 3);
            QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'records_search'")), 0);
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("DROP INDEX records_by_turns")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("look"));
        auto ws = Workspace::open(path);
        QCOMPARE(scalar(ws->db(), QStringLiteral("PRAGMA user_version")), 4);
        QCOMPARE(ws->record(3)->tags, QStringList({QStringLiteral("news"), QStringLiteral("long")}));
    }

    void newFileIsV4()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("new.sftws")));
        QCOMPARE(scalar(ws->db(), QStringLiteral("PRAGMA user_version")), 4);
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
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(schema::kVersion + 1)));
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
