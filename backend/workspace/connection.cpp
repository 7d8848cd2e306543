#include "workspace/connection.h"

#include <QAtomicInt>
#include <QSqlError>
#include <QSqlQuery>

#include "core/error.h"
#include "workspace/qtstrings.h"
#include "workspace/writetransaction.h"

namespace sft {

QSqlDatabase openConnection(const QString &path, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open()) {
        const QString err = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        throw Error("cannot open workspace: " + ss(err), {ss(path), 0, 0, -1, {}});
    }
    try {
        // Switching a new file to WAL takes the write lock; the busy timeout
        // above applies, so two processes creating one workspace take turns.
        // A file system without shared memory (some network mounts) answers
        // with the old mode: refuse it rather than run without WAL.
        QSqlQuery q(db);
        execOrThrow(db, q, QStringLiteral("PRAGMA journal_mode=WAL"), "cannot open the workspace");
        const QString mode = q.next() ? q.value(0).toString() : QString();
        if (mode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            throw Error("cannot switch the workspace to WAL mode (the journal mode stays \"" + ss(mode) + "\")",
                        {ss(path), 0, 0, -1, {}});
        q.finish();
        for (const char *pragma : {"PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON", "PRAGMA temp_store=MEMORY",
                                   "PRAGMA cache_size=-65536"})
            execOrThrow(db, q, QString::fromLatin1(pragma), std::string("cannot set ") + pragma);
    } catch (const Error &) {
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        throw;
    }
    return db;
}

ScopedConnection::ScopedConnection(const QString &path)
{
    static QAtomicInt counter;
    m_name = QStringLiteral("sft-job-%1").arg(counter.fetchAndAddRelaxed(1));
    openConnection(path, m_name);
}

ScopedConnection::~ScopedConnection()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

} // namespace sft
