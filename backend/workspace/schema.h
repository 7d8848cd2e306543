#pragma once
// The workspace schema and its migrations. PRAGMA user_version holds the schema
// version; a new file runs create(), an older one each migrate step in order,
// and a newer one (from a later release) is refused rather than damaged.

#include <QSqlDatabase>

namespace sft::schema {

/** The version this build writes. */
constexpr int kVersion = 2;

/** Create or migrate db to kVersion inside one transaction; throws sft::Error. */
void ensure(QSqlDatabase &db);

/** Recount dataset_stats for one dataset (after inserting records). */
void recount(QSqlDatabase &db, qint64 datasetId);

/** Run one statement or throw sft::Error with the SQL error. */
void exec(QSqlDatabase &db, const char *sql);

} // namespace sft::schema
