#include "workspace/searchindex.h"

#include <QSqlQuery>

#include "core/error.h"
#include "workspace/connection.h"
#include "workspace/qtstrings.h"
#include "workspace/writetransaction.h"

namespace sft {

namespace {

qint64 watermark(QSqlDatabase &db)
{
    QSqlQuery q(db);
    execOrThrow(db, q, QStringLiteral("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_upto'"),
                "cannot read the search index's progress");
    return q.next() ? q.value(0).toLongLong() : 0;
}

qint64 countAbove(QSqlDatabase &db, qint64 from)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT count(*) FROM records WHERE id > ?"));
    q.addBindValue(from);
    execOrThrow(db, q, "cannot count the records to index");
    return q.next() ? q.value(0).toLongLong() : 0;
}

bool anyAbove(QSqlDatabase &db, qint64 from)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT EXISTS(SELECT 1 FROM records WHERE id > ?)"));
    q.addBindValue(from);
    execOrThrow(db, q, "cannot read the records to index");
    return q.next() && q.value(0).toBool();
}

} // namespace

qint64 unindexedRecords(const QString &workspacePath)
{
    ScopedConnection conn(workspacePath);
    QSqlDatabase db = conn.db();
    return countAbove(db, watermark(db));
}

qint64 updateSearchIndex(const QString &workspacePath, const ProgressFn &progress, int chunk)
{
    ScopedConnection conn(workspacePath);
    QSqlDatabase db = conn.db();
    const qint64 total = countAbove(db, watermark(db));
    qint64 done = 0;
    for (;;) {
        reportProgress(progress, done, total);
        if (!anyAbove(db, watermark(db)))
            break;  // up to date: no need to wait for the write lock
        WriteTransaction tx(db);
        // Read the watermark under the write lock: another indexer (the GUI's,
        // a CLI import's) may have moved it.
        const qint64 from = watermark(db);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT max(id), count(*) FROM (SELECT id FROM records WHERE id > ? ORDER BY id LIMIT ?)"));
        q.addBindValue(from);
        q.addBindValue(chunk);
        execOrThrow(db, q, "cannot read the records to index");
        const qint64 to = q.next() ? q.value(0).toLongLong() : 0;
        const qint64 n = q.value(1).toLongLong();
        q.finish();
        if (n == 0)
            break;  // nothing left; the empty transaction rolls back
        QSqlQuery ins(db);
        // records_search (schema.cpp) gives each row's text as the index holds it: the summary fields and
        // the conversation (system message and every turn), the same expression the triggers use.
        ins.prepare(QStringLiteral("INSERT INTO records_fts(rowid, instruction, input, output, conversation)"
                                   " SELECT id, instruction, input, output, conversation FROM records_search"
                                   " WHERE id > ? AND id <= ?"));
        ins.addBindValue(from);
        ins.addBindValue(to);
        execOrThrow(db, ins, "search index update failed");
        QSqlQuery mark(db);
        mark.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'fts_upto'"));
        mark.addBindValue(QString::number(to));
        execOrThrow(db, mark, "search index update failed");
        tx.commit();
        done += n;
    }
    return done;
}

} // namespace sft
