#pragma once
// The workspace schema and its migrations. PRAGMA user_version holds the schema
// version; a new file runs create(), an older one each migrate step in order,
// and a newer one (from a later release) is refused rather than damaged.

#include <QSqlDatabase>
#include <QString>

#include <vector>

#include "core/chat_message.h"

class QSqlQuery;
namespace sft { struct Record; }

namespace sft::schema {

/** The version this build writes. */
constexpr int kVersion = 4;

/**
 * Create (when create is true and the file is empty) or migrate db to kVersion
 * in one write transaction; throws sft::Error. Safe when several processes
 * open one new file at once: the first creates, the others find it done.
 */
void ensure(QSqlDatabase &db, bool create = true);

/**
 * True for another program's SQLite database: schema version 0 with tables in it (a workspace has a
 * version; a new one is empty). Reads only; a file it cannot read counts as not foreign, for ensure()
 * to report.
 */
bool isForeign(const QSqlDatabase &db);

/** Recount dataset_stats for one dataset (after inserting records). */
void recount(QSqlDatabase &db, qint64 datasetId);

/**
 * The one statement that inserts records, shared by imports and hand-made
 * records so neither forgets a column: prepareRecordInsert() prepares q once,
 * bindRecordInsert() binds one record of datasetId (created = modified =
 * stamp) before each exec. Inserts are not counted by a trigger: the caller
 * updates dataset_stats.
 */
void prepareRecordInsert(QSqlQuery &q);
/** Throws sft::Error (field "turns[i].role") for a conversation with bad roles or no user message. */
void bindRecordInsert(QSqlQuery &q, qint64 datasetId, const Record &r, qint64 stamp);

/**
 * The records.turns column: a JSON array of {"role", "content"} for a
 * conversation, "" for a single-turn record (no turns).
 */
QString turnsToJson(const std::vector<ChatMessage> &turns);
/** The messages stored in records.turns ("" or anything but an array of objects: none). */
std::vector<ChatMessage> turnsFromJson(const QString &json);

/** Run one statement or throw sft::Error with the SQL error. */
void exec(QSqlDatabase &db, const char *sql);

} // namespace sft::schema
