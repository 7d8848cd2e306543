#include "workspace/searchindex.h"

#include <QSqlError>
#include <QSqlQuery>

#include "core/error.h"
#include "workspace/connection.h"
#include "workspace/qtstrings.h"

namespace sft {

namespace {
qint64 watermark(QSqlDatabase &db)
{
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_upto'"));
    return q.next() ? q.value(0).toLongLong() : 0;
}
} // namespace

qint64 unindexedRecords(const QString &workspacePath)
{
    ScopedConnection conn(workspacePath);
    QSqlDatabase db = conn.db();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT count(*) FROM records WHERE id > ?"));
    q.addBindValue(watermark(db));
    q.exec();
    return q.next() ? q.value(0).toLongLong() : 0;
}

qint64 updateSearchIndex(const QString &workspacePath, const ProgressFn &progress, int chunk)
{
    ScopedConnection conn(workspacePath);
    QSqlDatabase db = conn.db();
    qint64 total = 0;
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT count(*) FROM records WHERE id > ?"));
        q.addBindValue(watermark(db));
        q.exec();
        total = q.next() ? q.value(0).toLongLong() : 0;
    }
    qint64 done = 0;
    for (;;) {
        reportProgress(progress, done, total);
        if (!db.transaction())
            throw Error("cannot start a transaction: " + ss(db.lastError().text()));
        // Read the watermark inside the transaction: writers are serialised.
        const qint64 from = watermark(db);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT max(id), count(*) FROM (SELECT id FROM records WHERE id > ? ORDER BY id LIMIT ?)"));
        q.addBindValue(from);
        q.addBindValue(chunk);
        q.exec();
        const qint64 to = q.next() ? q.value(0).toLongLong() : 0;
        const qint64 n = q.value(1).toLongLong();
        if (n == 0) {
            db.rollback();
            break;
        }
        QSqlQuery ins(db);
        ins.prepare(QStringLiteral("INSERT INTO records_fts(rowid, instruction, input, output)"
                                   " SELECT id, instruction, input, output FROM records WHERE id > ? AND id <= ?"));
        ins.addBindValue(from);
        ins.addBindValue(to);
        QSqlQuery mark(db);
        mark.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'fts_upto'"));
        mark.addBindValue(QString::number(to));
        if (!ins.exec() || !mark.exec()) {
            const QString err = ins.lastError().text() + mark.lastError().text();
            db.rollback();
            throw Error("search index update failed: " + ss(err));
        }
        db.commit();
        done += n;
    }
    return done;
}

} // namespace sft
