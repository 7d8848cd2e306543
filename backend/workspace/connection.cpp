#include "workspace/connection.h"

#include <QAtomicInt>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include "core/error.h"
#include "workspace/qtstrings.h"
#include "workspace/schema.h"
#include "workspace/writetransaction.h"

namespace sft {

namespace {
// How long a writer waits for another one (a CLI import, the GUI) to finish.
constexpr int kBusyTimeoutMs = 10000;
} // namespace

QSqlDatabase openConnection(const QString &path, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    if (!db.open()) {
        const QString err = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        throw Error("cannot open workspace: " + ss(err), {ss(path), 0, 0, -1, {}});
    }
    try {
        // Switching a new file to WAL reads its header, then writes it. When
        // another process is creating the same file, that upgrade from reading
        // to writing gets SQLITE_BUSY without the busy handler (it could
        // deadlock), so wait and retry here, as long as the busy timeout.
        // A file system without shared memory (some network mounts) answers
        // with the old mode: refuse it rather than run without WAL.
        QSqlQuery q(db);
        // Another program's SQLite file is left exactly as it is: it is refused before the switch to
        // WAL (which would rewrite its header), by the same test the schema step applies.
        if (schema::isForeign(db))
            throw Error("not a workspace: an SQLite file of another program (it was not changed)",
                        {ss(path), 0, 0, -1, {}});
        QElapsedTimer waited;
        waited.start();
        while (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL"))) {
            const int code = q.lastError().nativeErrorCode().toInt() & 0xFF;
            if (code != 5 /* SQLITE_BUSY */ || waited.elapsed() > kBusyTimeoutMs)
                throw sqlError(db, "cannot open the workspace", q.lastError());
            QThread::msleep(10);
        }
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
