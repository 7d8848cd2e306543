#include "workspace/schema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include "core/error.h"
#include "data/conversation.h"
#include "data/record.h"
#include "workspace/qtstrings.h"
#include "workspace/workspace.h"
#include "workspace/writetransaction.h"

namespace sft::schema {

void exec(QSqlDatabase &db, const char *sql)
{
    QSqlQuery q(db);
    execOrThrow(db, q, QString::fromUtf8(sql), std::string("workspace SQL failed in \"") + sql + '"');
}

namespace {

int userVersion(QSqlDatabase &db)
{
    QSqlQuery q(db);
    execOrThrow(db, q, QStringLiteral("PRAGMA user_version"), "not a workspace (cannot read its schema version)");
    if (!q.next())
        throw Error("not a workspace (cannot read its schema version)", {ss(db.databaseName()), 0, 0, -1, {}});
    return q.value(0).toInt();
}

void createV1(QSqlDatabase &db)
{
    exec(db, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    exec(db, "CREATE TABLE datasets("
             " id INTEGER PRIMARY KEY,"
             " name TEXT NOT NULL UNIQUE,"
             " note TEXT NOT NULL DEFAULT '',"
             " created INTEGER NOT NULL)");
    // status: 0 pending, 1 accepted, 2 rejected (sft::RecordStatus).
    exec(db, "CREATE TABLE records("
             " id INTEGER PRIMARY KEY,"
             " dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,"
             " instruction TEXT NOT NULL,"
             " input TEXT NOT NULL DEFAULT '',"
             " output TEXT NOT NULL DEFAULT '',"
             " status INTEGER NOT NULL DEFAULT 0,"
             " reason TEXT NOT NULL DEFAULT '',"
             " rule TEXT NOT NULL DEFAULT '',"
             " tags TEXT NOT NULL DEFAULT '',"
             " note TEXT NOT NULL DEFAULT '',"
             " source TEXT NOT NULL DEFAULT '',"
             " flagged INTEGER NOT NULL DEFAULT 0,"
             " created INTEGER NOT NULL,"
             " modified INTEGER NOT NULL)");
    exec(db, "CREATE INDEX records_by_dataset ON records(dataset_id, id)");
    exec(db, "CREATE INDEX records_by_status ON records(dataset_id, status, id)");
    // Facet lists (tags, rules) read only the rows that have one.
    exec(db, "CREATE INDEX records_by_tags ON records(dataset_id, tags) WHERE tags != ''");
    exec(db, "CREATE INDEX records_by_rule ON records(dataset_id, rule) WHERE rule != ''");
    // Per-dataset counts, kept by triggers on edits and deletes and recounted
    // by the code that inserts (a per-row insert trigger would slow imports),
    // so listing datasets never scans a million records on the UI thread.
    exec(db, "CREATE TABLE dataset_stats("
             " dataset_id INTEGER PRIMARY KEY REFERENCES datasets(id) ON DELETE CASCADE,"
             " total INTEGER NOT NULL DEFAULT 0, pending INTEGER NOT NULL DEFAULT 0,"
             " accepted INTEGER NOT NULL DEFAULT 0, rejected INTEGER NOT NULL DEFAULT 0,"
             " flagged INTEGER NOT NULL DEFAULT 0)");
    exec(db, "CREATE TRIGGER datasets_stats_insert AFTER INSERT ON datasets BEGIN"
             "  INSERT INTO dataset_stats(dataset_id) VALUES(new.id);"
             " END");
    exec(db, "CREATE TRIGGER records_stats_status AFTER UPDATE OF status, flagged ON records BEGIN"
             "  UPDATE dataset_stats SET"
             "   pending = pending - (old.status = 0) + (new.status = 0),"
             "   accepted = accepted - (old.status = 1) + (new.status = 1),"
             "   rejected = rejected - (old.status = 2) + (new.status = 2),"
             "   flagged = flagged - old.flagged + new.flagged"
             "  WHERE dataset_id = new.dataset_id;"
             " END");
    exec(db, "CREATE TRIGGER records_stats_delete AFTER DELETE ON records BEGIN"
             "  UPDATE dataset_stats SET total = total - 1,"
             "   pending = pending - (old.status = 0), accepted = accepted - (old.status = 1),"
             "   rejected = rejected - (old.status = 2), flagged = flagged - old.flagged"
             "  WHERE dataset_id = old.dataset_id;"
             " END");
    // Full-text search over the text fields. The trigram tokenizer matches
    // substrings, so Chinese (no spaces between words) is searchable too. The
    // index is filled in the background (searchindex.h) up to the watermark
    // meta.fts_upto; triggers keep rows below it in sync on edit and delete.
    exec(db, "CREATE VIRTUAL TABLE records_fts USING fts5(instruction, input, output,"
             " content='records', content_rowid='id', tokenize='trigram')");
    exec(db, "INSERT INTO meta(key, value) VALUES('fts_upto', '0')");
    exec(db, "CREATE TRIGGER records_fts_update AFTER UPDATE OF instruction, input, output ON records"
             " WHEN old.id <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_upto') BEGIN"
             "  INSERT INTO records_fts(records_fts, rowid, instruction, input, output)"
             "   VALUES('delete', old.id, old.instruction, old.input, old.output);"
             "  INSERT INTO records_fts(rowid, instruction, input, output)"
             "   VALUES(new.id, new.instruction, new.input, new.output);"
             " END");
    exec(db, "CREATE TRIGGER records_fts_delete AFTER DELETE ON records"
             " WHEN old.id <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_upto') BEGIN"
             "  INSERT INTO records_fts(records_fts, rowid, instruction, input, output)"
             "   VALUES('delete', old.id, old.instruction, old.input, old.output);"
             " END");
}

// Version 2: prompt templates with their answer spaces / verbalizers
// and options, and in-context demonstration sets, as JSON columns.
void migrateV1toV2(QSqlDatabase &db)
{
    exec(db, "CREATE TABLE prompt_templates("
             " id INTEGER PRIMARY KEY,"
             " name TEXT NOT NULL UNIQUE,"
             " template TEXT NOT NULL,"
             " answers_json TEXT NOT NULL DEFAULT '{}',"
             " options_json TEXT NOT NULL DEFAULT '{}',"
             " modified INTEGER NOT NULL)");
    exec(db, "CREATE TABLE demo_sets("
             " id INTEGER PRIMARY KEY,"
             " name TEXT NOT NULL UNIQUE,"
             " format TEXT NOT NULL,"
             " separator TEXT NOT NULL DEFAULT '',"
             " header TEXT NOT NULL DEFAULT '',"
             " demos_json TEXT NOT NULL DEFAULT '[]',"
             " modified INTEGER NOT NULL)");
}

// Version 3: a trash for undoable deletions and imports, and the parameters of
// a rejection reason. A dataset in the trash keeps its name in trashed_name
// (NULL for a live dataset) and has a placeholder name, so the name is free
// while it is away; Workspace::datasets() never lists it and purgeTrash()
// deletes it for good when no undo step can bring it back. reason_args holds
// the rule's parameters as JSON, so the reason is shown in the interface
// language; rows with only a reason text are shown as they are.
//
// Also: record ids are reused (INTEGER PRIMARY KEY hands out max(id) + 1), so
// after the newest records are deleted an import can get ids at or below the
// search index's watermark, which the background indexer never visits. Such
// a row is indexed as it is inserted; without that, search missed it and the
// first edit of it corrupted the index (FTS5 'delete' of a row it never had).
void migrateV2toV3(QSqlDatabase &db)
{
    exec(db, "ALTER TABLE datasets ADD COLUMN trashed_name TEXT");
    exec(db, "ALTER TABLE records ADD COLUMN reason_args TEXT NOT NULL DEFAULT ''");
    exec(db, "CREATE TRIGGER records_fts_reused_id AFTER INSERT ON records"
             " WHEN new.id <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_upto') BEGIN"
             "  INSERT INTO records_fts(rowid, instruction, input, output)"
             "   VALUES(new.id, new.instruction, new.input, new.output);"
             " END");
}

// The text of a record's system message and every message of its turns
// (blank for a single-turn record without a system message), as SQL over the
// row named row ("records", or "new" / "old" in a trigger). The view, the
// triggers and the indexer all use this one expression, so the values FTS5's
// 'delete' is given are exactly those it indexed.
std::string conversationSql(const std::string &row)
{
    return row + ".system || char(10) || coalesce((SELECT group_concat(json_extract(m.value, '$.content'), char(10))"
                 " FROM json_each(nullif(" + row + ".turns, '')) AS m), '')";
}

void execString(QSqlDatabase &db, const std::string &sql) { exec(db, sql.c_str()); }

// The search index's triggers, for the version-4 index (conversation column).
void createFtsTriggers(QSqlDatabase &db)
{
    const std::string upto = "(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_upto')";
    const std::string cols = "records_fts(rowid, instruction, input, output, conversation)";
    const std::string del = "INSERT INTO records_fts(records_fts, rowid, instruction, input, output, conversation)"
                            " VALUES('delete', old.id, old.instruction, old.input, old.output, "
                            + conversationSql("old") + ");";
    const std::string ins = "INSERT INTO " + cols + " VALUES(new.id, new.instruction, new.input, new.output, "
                            + conversationSql("new") + ");";
    execString(db, "CREATE TRIGGER records_fts_update AFTER UPDATE OF instruction, input, output, system, turns"
                   " ON records WHEN old.id <= " + upto + " BEGIN " + del + " " + ins + " END");
    execString(db, "CREATE TRIGGER records_fts_delete AFTER DELETE ON records WHEN old.id <= " + upto
                   + " BEGIN " + del + " END");
    execString(db, "CREATE TRIGGER records_fts_reused_id AFTER INSERT ON records WHEN new.id <= " + upto
                   + " BEGIN " + ins + " END");
}

// Version 4: conversations. A record gains its system message, its turns (a
// JSON array of {"role", "content"}; '' for a single-turn record) and the
// number of turns (user messages; 1 for a single-turn record), indexed for the
// turn filters and sorting. Search covers the system message and every turn:
// an FTS5 table cannot gain a column, so records_fts is made again with a
// fourth column, conversation, read from the view records_search (its
// external content, so 'rebuild' and 'integrity-check' work). The old index
// is dropped with its triggers and the watermark goes back to 0: the
// background indexer (searchindex.h) fills the new one in small steps, and
// until then search finds every row by the LIKE scan, so opening a large
// workspace stays quick.
void migrateV3toV4(QSqlDatabase &db)
{
    exec(db, "ALTER TABLE records ADD COLUMN system TEXT NOT NULL DEFAULT ''");
    exec(db, "ALTER TABLE records ADD COLUMN turns TEXT NOT NULL DEFAULT ''");
    exec(db, "ALTER TABLE records ADD COLUMN turn_count INTEGER NOT NULL DEFAULT 1");
    exec(db, "CREATE INDEX records_by_turns ON records(dataset_id, turn_count, id)");
    exec(db, "DROP TRIGGER IF EXISTS records_fts_update");
    exec(db, "DROP TRIGGER IF EXISTS records_fts_delete");
    exec(db, "DROP TRIGGER IF EXISTS records_fts_reused_id");
    exec(db, "DROP TABLE IF EXISTS records_fts");
    execString(db, "CREATE VIEW records_search(id, instruction, input, output, conversation) AS"
                   " SELECT id, instruction, input, output, " + conversationSql("records") + " FROM records");
    exec(db, "CREATE VIRTUAL TABLE records_fts USING fts5(instruction, input, output, conversation,"
             " content='records_search', content_rowid='id', tokenize='trigram')");
    exec(db, "UPDATE meta SET value = '0' WHERE key = 'fts_upto'");
    createFtsTriggers(db);
}

} // namespace

void recount(QSqlDatabase &db, qint64 datasetId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "UPDATE dataset_stats SET"
        " total = (SELECT count(*) FROM records WHERE dataset_id = :d),"
        " pending = (SELECT count(*) FROM records WHERE dataset_id = :d AND status = 0),"
        " accepted = (SELECT count(*) FROM records WHERE dataset_id = :d AND status = 1),"
        " rejected = (SELECT count(*) FROM records WHERE dataset_id = :d AND status = 2),"
        " flagged = (SELECT count(*) FROM records WHERE dataset_id = :d AND flagged = 1)"
        " WHERE dataset_id = :d"));
    q.bindValue(QStringLiteral(":d"), datasetId);
    execOrThrow(db, q, "cannot count records");
}

bool isForeign(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT (SELECT user_version FROM pragma_user_version),"
                               " (SELECT count(*) FROM sqlite_master)"))
        || !q.next())
        return false;
    return q.value(0).toInt() == 0 && q.value(1).toLongLong() > 0;
}

void ensure(QSqlDatabase &db, bool create)
{
    int version = userVersion(db);
    if (version == kVersion)
        return;
    auto checkVersion = [&] {
        if (version > kVersion)
            throw Error("this workspace was written by a newer SFT Workbench (schema " + std::to_string(version)
                        + ", this build reads up to " + std::to_string(kVersion) + ")");
    };
    checkVersion();
    WriteTransaction tx(db);
    // Read again under the write lock: another process may have created or
    // migrated the file since the first look.
    version = userVersion(db);
    if (version == kVersion)
        return;  // nothing written; the transaction rolls back
    checkVersion();
    if (version == 0) {
        if (isForeign(db))
            throw Error("the file is an SQLite database but not an SFT Workbench workspace");
        if (!create)
            throw Error("not an SFT Workbench workspace (the file is empty)");
        createV1(db);
    }
    if (version < 2)
        migrateV1toV2(db);
    if (version < 3)
        migrateV2toV3(db);
    if (version < 4)
        migrateV3toV4(db);
    // Future steps: if (version < 5) migrateV4toV5(db); ...
    exec(db, ("PRAGMA user_version = " + std::to_string(kVersion)).c_str());
    tx.commit();
}

void prepareRecordInsert(QSqlQuery &q)
{
    q.prepare(QStringLiteral("INSERT INTO records(dataset_id, instruction, input, output, status, reason, tags, note,"
                             " source, flagged, created, modified, system, turns, turn_count)"
                             " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
}

void bindRecordInsert(QSqlQuery &q, qint64 datasetId, const Record &given, qint64 stamp)
{
    // A conversation is stored in its normal shape (data/record.h): summary fields taken from its turns,
    // exactly [user, assistant] stored single-turn, whatever the caller filled in.
    Record normalized;
    if (!given.turns.empty()) {
        std::string why;
        const int bad = checkTurns(given.turns, why);
        if (bad >= 0)
            throw Error(why, {{}, 0, 0, -1, "turns[" + std::to_string(bad) + "].role"});
        normalized = given;
        setTurns(normalized, given.turns);
    }
    const Record &r = given.turns.empty() ? given : normalized;
    q.bindValue(0, datasetId);
    q.bindValue(1, qs(r.instruction));
    q.bindValue(2, qs(r.input));
    q.bindValue(3, qs(r.output));
    q.bindValue(4, int(r.status));
    q.bindValue(5, qs(r.reason));
    QStringList tags;
    for (const auto &t : r.tags)
        tags << qs(t);
    q.bindValue(6, Workspace::joinTags(tags));
    q.bindValue(7, qs(r.note));
    q.bindValue(8, qs(r.source));
    q.bindValue(9, r.flagged ? 1 : 0);
    q.bindValue(10, stamp);
    q.bindValue(11, stamp);
    q.bindValue(12, qs(r.system));
    q.bindValue(13, turnsToJson(r.turns));
    q.bindValue(14, turnCount(r));
}

QString turnsToJson(const std::vector<ChatMessage> &turns)
{
    if (turns.empty())
        return QStringLiteral("");
    QJsonArray a;
    for (const ChatMessage &m : turns)
        a.append(QJsonObject{{QStringLiteral("role"), qs(m.role)}, {QStringLiteral("content"), qs(m.content)}});
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

std::vector<ChatMessage> turnsFromJson(const QString &json)
{
    std::vector<ChatMessage> out;
    if (json.isEmpty())
        return out;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    const QJsonArray a = doc.array();
    out.reserve(std::size_t(a.size()));
    for (const QJsonValue &v : a) {
        if (!v.isObject())
            continue;
        const QJsonObject o = v.toObject();
        out.push_back({ss(o.value(QLatin1String("role")).toString()), ss(o.value(QLatin1String("content")).toString())});
    }
    return out;
}

} // namespace sft::schema
