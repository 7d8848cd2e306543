#include "workspace/writetransaction.h"

#include <QSqlError>
#include <QSqlQuery>

#include "workspace/qtstrings.h"

namespace sft {

Error sqlError(const QSqlDatabase &db, const std::string &what, const QSqlError &error)
{
    // SQLite's own words ("database is locked") say more than the driver's ("Unable to fetch row").
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.text().trimmed();
    std::string message = what + ": " + ss(text);
    // SQLITE_BUSY (5), plain or extended: another connection held the lock past the busy timeout.
    // (SQLITE_LOCKED, 6, is a conflict within one connection and gets no such hint.)
    const int code = error.nativeErrorCode().toInt() & 0xFF;
    if (code == 5)
        message += " (another program is writing to this workspace; try again when it is done)";
    return Error(message, {ss(db.databaseName()), 0, 0, -1, {}});
}

void execOrThrow(const QSqlDatabase &db, QSqlQuery &q, const std::string &what)
{
    if (!q.exec())
        throw sqlError(db, what, q.lastError());
}

void execOrThrow(const QSqlDatabase &db, QSqlQuery &q, const QString &sql, const std::string &what)
{
    if (!q.exec(sql))
        throw sqlError(db, what, q.lastError());
}

WriteTransaction::WriteTransaction(QSqlDatabase db)
    : m_db(std::move(db))
{
    QSqlQuery q(m_db);
    execOrThrow(m_db, q, QStringLiteral("BEGIN IMMEDIATE"), "cannot start writing to the workspace");
    m_open = true;
}

WriteTransaction::~WriteTransaction()
{
    if (!m_open)
        return;
    // SQLite may already have rolled back by itself (e.g. a full disk); the
    // ROLLBACK's own error ("no transaction is active") is harmless then.
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

void WriteTransaction::commit()
{
    QSqlQuery q(m_db);
    execOrThrow(m_db, q, QStringLiteral("COMMIT"), "cannot save the change to the workspace");
    m_open = false;
}

} // namespace sft
