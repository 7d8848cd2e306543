#pragma once
// A write transaction that takes the workspace's write lock when it starts.
//
// QSqlDatabase::transaction() issues a deferred BEGIN: the lock is taken by the
// first write, and when a read came first and another process (a CLI import,
// the GUI) is writing, SQLite answers SQLITE_BUSY at once instead of waiting,
// because waiting could deadlock two readers that both want to write. BEGIN
// IMMEDIATE takes the write lock up front, where the connection's busy timeout
// applies: a second writer waits its turn instead of failing.

#include <QSqlDatabase>
#include <QString>

#include <string>

#include "core/error.h"

class QSqlError;
class QSqlQuery;

namespace sft {

/** BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit() succeeded. */
class WriteTransaction
{
public:
    /** Waits up to the connection's busy timeout for the write lock; throws sft::Error (with the workspace path). */
    explicit WriteTransaction(QSqlDatabase db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    /** COMMIT; throws sft::Error when it fails (the destructor then rolls back). */
    void commit();

private:
    QSqlDatabase m_db;
    bool m_open = false;
};

/** An sft::Error "what: <SQLite's message>" located at db's workspace file. */
Error sqlError(const QSqlDatabase &db, const std::string &what, const QSqlError &error);

/** Executes the prepared query or throws sqlError(db, what, its error). */
void execOrThrow(const QSqlDatabase &db, QSqlQuery &q, const std::string &what);

/** Executes sql or throws sqlError(db, what, its error). */
void execOrThrow(const QSqlDatabase &db, QSqlQuery &q, const QString &sql, const std::string &what);

} // namespace sft
