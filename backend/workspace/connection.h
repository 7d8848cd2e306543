#pragma once
// One named SQLite connection per thread (Qt's rule for QSqlDatabase). The GUI
// thread keeps the workspace's main connection; every background job opens a
// ScopedConnection of its own and drops it when done.

#include <QSqlDatabase>
#include <QString>

namespace sft {

/** Opens path with the workspace pragmas (WAL, foreign keys, busy timeout). */
QSqlDatabase openConnection(const QString &path, const QString &name);

/** A connection that lives as long as this object (for worker threads). */
class ScopedConnection
{
public:
    explicit ScopedConnection(const QString &path);
    ~ScopedConnection();
    ScopedConnection(const ScopedConnection &) = delete;
    ScopedConnection &operator=(const ScopedConnection &) = delete;

    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
};

} // namespace sft
