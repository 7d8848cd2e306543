#pragma once
// Holds a workspace's write lock through a second connection, as a CLI import
// in another process would, until released or destroyed: a write of the code
// under test then waits for it (or fails after a short busy timeout).

#include <QSqlQuery>
#include <QString>

#include "workspace/connection.h"

namespace sfttest {

class WriteLock
{
public:
    explicit WriteLock(const QString &path) : m_conn(path)
    {
        QSqlQuery q(m_conn.db());
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
            qFatal("cannot take the write lock");
    }
    ~WriteLock() { release(); }
    void release()
    {
        if (!m_held)
            return;
        QSqlQuery q(m_conn.db());
        q.exec(QStringLiteral("ROLLBACK"));
        m_held = false;
    }

private:
    sft::ScopedConnection m_conn;
    bool m_held = true;
};

} // namespace sfttest
