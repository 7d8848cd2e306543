#include "workspace/connection.h"

#include <QAtomicInt>
#include <QSqlError>
#include <QSqlQuery>

#include "core/error.h"
#include "workspace/qtstrings.h"

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
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    q.exec(QStringLiteral("PRAGMA temp_store=MEMORY"));
    q.exec(QStringLiteral("PRAGMA cache_size=-65536"));
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
