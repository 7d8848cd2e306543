#include "workspace/workspace.h"

#include <algorithm>

#include <QDir>
#include <QRandomGenerator>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include "core/error.h"
#include "workspace/connection.h"
#include "workspace/qtstrings.h"
#include "workspace/schema.h"
#include "workspace/writetransaction.h"

namespace sft {

namespace {

QString idList(const QList<qint64> &ids, qsizetype from, qsizetype count)
{
    QString s;
    for (qsizetype i = from; i < from + count && i < ids.size(); ++i) {
        if (!s.isEmpty())
            s += QLatin1Char(',');
        s += QString::number(ids[i]);
    }
    return s;
}

qint64 now() { return QDateTime::currentSecsSinceEpoch(); }

// Name of a dataset in the trash: the id keeps it unique, the DEL character
// keeps it apart from any name a person types.
// Names of trash entries: the prefix, the session that trashed it ("<seconds>-<random>:") and the id, so
// a session empties only its own trash (another window or process on the same file may still undo into
// its own), plus entries of sessions gone for a week.
QString trashPrefix() { return QStringLiteral("\x7Ftrash-"); }
constexpr qint64 kStaleTrashSeconds = 7 * 24 * 3600;

// Throws unless id is a live dataset (not in the trash).
void requireLive(QSqlDatabase &d, qint64 id)
{
    QSqlQuery q(d);
    q.prepare(QStringLiteral("SELECT 1 FROM datasets WHERE id = ? AND trashed_name IS NULL"));
    q.addBindValue(id);
    execOrThrow(d, q, "cannot read the datasets");
    if (!q.next())
        throw Error("dataset " + std::to_string(id) + " is no longer in this workspace");
}

// A new, empty trash entry for records of datasetId (inside the caller's write transaction); its id.
qint64 newTrashEntry(QSqlDatabase &d, qint64 datasetId, const QString &trashTag)
{
    QSqlQuery q(d);
    // A placeholder first: the final name needs the id.
    q.prepare(QStringLiteral("INSERT INTO datasets(name, created, trashed_name)"
                             " SELECT ?, ?, name FROM datasets WHERE id = ?"));
    q.addBindValue(QString(trashTag + QStringLiteral("new")));
    q.addBindValue(now());
    q.addBindValue(datasetId);
    execOrThrow(d, q, "cannot move the records to the trash");
    const qint64 trash = q.lastInsertId().toLongLong();
    q.prepare(QStringLiteral("UPDATE datasets SET name = ? || id WHERE id = ?"));
    q.addBindValue(trashTag);
    q.addBindValue(trash);
    execOrThrow(d, q, "cannot move the records to the trash");
    return trash;
}

// Move the counts of trash entry trash out of (sign -1) or back into (sign +1) dataset datasetId, inside
// the caller's write transaction. The entry's counts are exact (counted when it was made, kept by the
// triggers since), so the dataset, which may hold a million records, is never counted again.
void moveCounts(QSqlDatabase &d, qint64 trash, qint64 datasetId, int sign)
{
    QSqlQuery q(d);
    q.prepare(QStringLiteral("UPDATE dataset_stats SET"
                             " total = total + :s * (SELECT total FROM dataset_stats WHERE dataset_id = :t),"
                             " pending = pending + :s * (SELECT pending FROM dataset_stats WHERE dataset_id = :t),"
                             " accepted = accepted + :s * (SELECT accepted FROM dataset_stats WHERE dataset_id = :t),"
                             " rejected = rejected + :s * (SELECT rejected FROM dataset_stats WHERE dataset_id = :t),"
                             " flagged = flagged + :s * (SELECT flagged FROM dataset_stats WHERE dataset_id = :t)"
                             " WHERE dataset_id = :d"));
    q.bindValue(QStringLiteral(":s"), sign);
    q.bindValue(QStringLiteral(":t"), trash);
    q.bindValue(QStringLiteral(":d"), datasetId);
    execOrThrow(d, q, "cannot count the records");
}

} // namespace

std::unique_ptr<Workspace> Workspace::open(const QString &path, OpenMode mode)
{
    const QFileInfo info(path);
    if (info.exists() && info.isDir())
        throw Error("is a directory, not a workspace file", {ss(path), 0, 0, -1, {}});
    if (mode == OpenMode::MustExist && !info.exists())
        throw Error("no such workspace: " + ss(path));
    // Checked before opening: switching an empty file to WAL would already write to it.
    if (mode == OpenMode::MustExist && info.size() == 0)
        throw Error("not an SFT Workbench workspace (the file is empty)", {ss(path), 0, 0, -1, {}});
    if (mode == OpenMode::Create)
        QDir().mkpath(info.absolutePath());
    static int counter = 0;
    const QString name = QStringLiteral("sft-main-%1").arg(++counter);
    QSqlDatabase db = openConnection(path, name);
    try {
        schema::ensure(db, mode == OpenMode::Create);
    } catch (const Error &e) {
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        throw Error(e.message(), {ss(path), 0, 0, -1, {}});
    }
    return std::unique_ptr<Workspace>(new Workspace(info.absoluteFilePath(), name));
}

Workspace::Workspace(const QString &path, const QString &connectionName)
    : m_path(path), m_connection(connectionName),
      m_trashTag(trashPrefix() + QString::number(now()) + QLatin1Char('-')
                 + QString::number(QRandomGenerator::global()->generate(), 16) + QLatin1Char(':'))
{
}

Workspace::~Workspace()
{
    {
        QSqlDatabase d = QSqlDatabase::database(m_connection, false);
        d.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QSqlDatabase Workspace::db() const
{
    return QSqlDatabase::database(m_connection, false);
}

void Workspace::reportError(const QString &message)
{
    ++m_errorCount;
    Q_EMIT errorOccurred(message);
}

bool Workspace::tryOrReport(const std::function<void()> &fn)
{
    try {
        fn();
        return true;
    } catch (const Error &e) {
        reportError(QString::fromUtf8(e.what()));
        return false;
    }
}

QList<DatasetInfo> Workspace::datasets() const
{
    QList<DatasetInfo> out;
    QSqlDatabase d = db();
    QSqlQuery q(d);
    execOrThrow(d, q,
                QStringLiteral("SELECT d.id, d.name, s.total, s.pending, s.accepted, s.rejected, s.flagged"
                               " FROM datasets d JOIN dataset_stats s ON s.dataset_id = d.id"
                               " WHERE d.trashed_name IS NULL ORDER BY d.id"),
                "cannot list the datasets");
    while (q.next()) {
        DatasetInfo info;
        info.id = q.value(0).toLongLong();
        info.name = q.value(1).toString();
        info.total = q.value(2).toLongLong();
        info.pending = q.value(3).toLongLong();
        info.accepted = q.value(4).toLongLong();
        info.rejected = q.value(5).toLongLong();
        info.flagged = q.value(6).toLongLong();
        out.push_back(info);
    }
    return out;
}

std::optional<DatasetInfo> Workspace::dataset(qint64 id) const
{
    for (const auto &d : datasets())
        if (d.id == id)
            return d;
    return std::nullopt;
}

QString Workspace::uniqueDatasetName(const QString &name) const
{
    return uniqueName(db(), QStringLiteral("datasets"), name);
}

QString Workspace::uniqueName(QSqlDatabase db, const QString &table, const QString &name)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM %1 WHERE name = ?").arg(table));
    QString candidate = name.trimmed().isEmpty() ? QStringLiteral("dataset") : name.trimmed();
    const QString base = candidate;
    for (int n = 2;; ++n) {
        q.bindValue(0, candidate);
        execOrThrow(db, q, "cannot check the name \"" + ss(candidate) + '"');
        if (!q.next())
            return candidate;
        candidate = QStringLiteral("%1 (%2)").arg(base).arg(n);
    }
}

qint64 Workspace::createDataset(const QString &name)
{
    QSqlDatabase d = db();
    qint64 id = 0;
    {
        WriteTransaction tx(d);
        QSqlQuery q(d);
        q.prepare(QStringLiteral("INSERT INTO datasets(name, created) VALUES(?, ?)"));
        q.addBindValue(uniqueDatasetName(name));  // under the write lock: no other writer takes the name meanwhile
        q.addBindValue(now());
        execOrThrow(d, q, "cannot create the dataset");
        id = q.lastInsertId().toLongLong();
        tx.commit();
    }
    Q_EMIT datasetsChanged();
    return id;
}

void Workspace::renameDataset(qint64 id, const QString &name)
{
    QSqlDatabase d = db();
    {
        WriteTransaction tx(d);
        QSqlQuery q(d);
        q.prepare(QStringLiteral("UPDATE datasets SET name = ? WHERE id = ?"));
        q.addBindValue(uniqueDatasetName(name));
        q.addBindValue(id);
        execOrThrow(d, q, "cannot rename the dataset");
        tx.commit();
    }
    Q_EMIT datasetsChanged();
}

void Workspace::deleteDataset(qint64 id)
{
    QSqlDatabase d = db();
    {
        WriteTransaction tx(d);
        QSqlQuery q(d);
        q.prepare(QStringLiteral("DELETE FROM datasets WHERE id = ?"));
        q.addBindValue(id);
        execOrThrow(d, q, "cannot delete the dataset");
        tx.commit();
    }
    Q_EMIT datasetsChanged();
}

void Workspace::trashDataset(qint64 id)
{
    trashDataset(id, -1);
}

bool Workspace::trashDataset(qint64 id, qint64 maxRecords)
{
    QSqlDatabase d = db();
    {
        WriteTransaction tx(d);
        QSqlQuery q(d);
        if (maxRecords >= 0) {
            // Read under the write lock: no other program adds a record between the look and the move.
            q.prepare(QStringLiteral("SELECT total FROM dataset_stats WHERE dataset_id = ?"));
            q.addBindValue(id);
            execOrThrow(d, q, "cannot read the datasets");
            if (q.next() && q.value(0).toLongLong() > maxRecords)
                return false;
            q.finish();
        }
        q.prepare(QStringLiteral("UPDATE datasets SET trashed_name = name, name = ? || id"
                                 " WHERE id = ? AND trashed_name IS NULL"));
        q.addBindValue(m_trashTag);
        q.addBindValue(id);
        execOrThrow(d, q, "cannot delete the dataset");
        if (q.numRowsAffected() != 1)
            throw Error("dataset " + std::to_string(id) + " is no longer in this workspace");
        tx.commit();
    }
    Q_EMIT datasetsChanged();
    return true;
}

void Workspace::restoreDataset(qint64 id)
{
    QSqlDatabase d = db();
    {
        WriteTransaction tx(d);
        QSqlQuery q(d);
        q.prepare(QStringLiteral("SELECT trashed_name FROM datasets WHERE id = ? AND trashed_name IS NOT NULL"));
        q.addBindValue(id);
        execOrThrow(d, q, "cannot read the trash");
        if (!q.next())
            throw Error("dataset " + std::to_string(id) + " is no longer in the trash (emptied by another program?)");
        const QString name = q.value(0).toString();
        q.finish();
        q.prepare(QStringLiteral("UPDATE datasets SET name = ?, trashed_name = NULL WHERE id = ?"));
        q.addBindValue(uniqueDatasetName(name));
        q.addBindValue(id);
        execOrThrow(d, q, "cannot restore the dataset");
        tx.commit();
    }
    Q_EMIT datasetsChanged();
}

qint64 Workspace::trashRecords(qint64 datasetId, qint64 firstId, qint64 lastId)
{
    QSqlDatabase d = db();
    qint64 trash = 0;
    {
        WriteTransaction tx(d);
        requireLive(d, datasetId);
        trash = newTrashEntry(d, datasetId, m_trashTag);
        QSqlQuery q(d);
        q.prepare(QStringLiteral("UPDATE records SET dataset_id = ? WHERE dataset_id = ? AND id BETWEEN ? AND ?"));
        q.addBindValue(trash);
        q.addBindValue(datasetId);
        q.addBindValue(firstId);
        q.addBindValue(lastId);
        execOrThrow(d, q, "cannot move the records to the trash");
        schema::recount(d, trash);
        moveCounts(d, trash, datasetId, -1);
        tx.commit();
    }
    Q_EMIT datasetsChanged();
    return trash;
}

qint64 Workspace::trashRecords(qint64 datasetId, const QList<qint64> &ids)
{
    QSqlDatabase d = db();
    qint64 trash = 0;
    {
        WriteTransaction tx(d);
        requireLive(d, datasetId);
        trash = newTrashEntry(d, datasetId, m_trashTag);
        QSqlQuery q(d);
        qint64 moved = 0;
        for (qsizetype i = 0; i < ids.size(); i += 500) {
            q.prepare(QStringLiteral("UPDATE records SET dataset_id = ? WHERE dataset_id = ? AND id IN (%1)")
                          .arg(idList(ids, i, 500)));
            q.addBindValue(trash);
            q.addBindValue(datasetId);
            execOrThrow(d, q, "cannot move the records to the trash");
            moved += q.numRowsAffected();
        }
        if (moved == 0)
            throw Error("the records are no longer in dataset " + std::to_string(datasetId));
        // The trash entry is counted (it is small); the dataset loses what moved, without a recount of
        // what may be a million records.
        schema::recount(d, trash);
        moveCounts(d, trash, datasetId, -1);
        tx.commit();
    }
    Q_EMIT datasetsChanged();
    return trash;
}

void Workspace::restoreRecords(qint64 trashId, qint64 datasetId)
{
    QSqlDatabase d = db();
    {
        WriteTransaction tx(d);
        requireLive(d, datasetId);
        QSqlQuery q(d);
        q.prepare(QStringLiteral("SELECT 1 FROM datasets WHERE id = ? AND trashed_name IS NOT NULL"));
        q.addBindValue(trashId);
        execOrThrow(d, q, "cannot read the trash");
        if (!q.next())
            throw Error("the records are no longer in the trash (emptied by another program?)");
        q.finish();
        q.prepare(QStringLiteral("UPDATE records SET dataset_id = ? WHERE dataset_id = ?"));
        q.addBindValue(datasetId);
        q.addBindValue(trashId);
        execOrThrow(d, q, "cannot restore the records");
        moveCounts(d, trashId, datasetId, +1);  // before the entry (and its counts) is dropped
        q.prepare(QStringLiteral("DELETE FROM datasets WHERE id = ?"));
        q.addBindValue(trashId);
        execOrThrow(d, q, "cannot restore the records");
        tx.commit();
    }
    Q_EMIT datasetsChanged();
}

qint64 Workspace::purgeTrash()
{
    QSqlDatabase d = db();
    // Which entries go: this session's, and those of sessions a week old (a crashed or closed window
    // whose undo history is gone). A read first: an empty trash (the usual case) takes no write lock.
    QStringList ids;
    {
        QSqlQuery look(d);
        execOrThrow(d, look, QStringLiteral("SELECT id, name FROM datasets WHERE trashed_name IS NOT NULL"),
                    "cannot read the trash");
        const qint64 staleBefore = now() - kStaleTrashSeconds;
        while (look.next()) {
            const QString name = look.value(1).toString();
            bool mine = name.startsWith(m_trashTag);
            if (!mine) {
                // "<prefix><seconds>-<random>:<id>"; a name without a session is an old entry.
                const QString session = name.mid(trashPrefix().size()).section(QLatin1Char('-'), 0, 0);
                bool ok = false;
                const qint64 since = session.toLongLong(&ok);
                mine = !ok || !name.contains(QLatin1Char(':')) || since < staleBefore;
            }
            if (mine)
                ids << QString::number(look.value(0).toLongLong());
        }
    }
    if (ids.isEmpty())
        return 0;
    const QString list = ids.join(QLatin1Char(','));
    qint64 records = 0;
    {
        WriteTransaction tx(d);
        QSqlQuery q(d);
        execOrThrow(d, q, QStringLiteral("SELECT count(*) FROM records WHERE dataset_id IN (%1)").arg(list),
                    "cannot read the trash");
        if (q.next())
            records = q.value(0).toLongLong();
        execOrThrow(d, q, QStringLiteral("DELETE FROM records WHERE dataset_id IN (%1)").arg(list),
                    "cannot empty the trash");
        execOrThrow(d, q,
                    QStringLiteral("DELETE FROM datasets WHERE trashed_name IS NOT NULL AND id IN (%1)").arg(list),
                    "cannot empty the trash");
        tx.commit();
    }
    return records;
}

qint64 Workspace::addRecord(qint64 datasetId, const Record &r)
{
    return addRecords(datasetId, {r}).first();
}

QList<qint64> Workspace::addRecords(qint64 datasetId, const std::vector<Record> &records)
{
    QSqlDatabase d = db();
    QList<qint64> ids;
    ids.reserve(qsizetype(records.size()));
    {
        WriteTransaction tx(d);
        requireLive(d, datasetId);
        QSqlQuery q(d);
        schema::prepareRecordInsert(q);
        const qint64 stamp = now();
        int count[3] = {0, 0, 0};
        int flagged = 0;
        for (const Record &r : records) {
            schema::bindRecordInsert(q, datasetId, r, stamp);
            execOrThrow(d, q, "cannot add the record");
            ids.push_back(q.lastInsertId().toLongLong());
            ++count[std::clamp(int(r.status), 0, 2)];
            flagged += r.flagged ? 1 : 0;
        }
        // Inserts are not counted by a trigger (it would slow imports): count these here.
        QSqlQuery stats(d);
        stats.prepare(QStringLiteral("UPDATE dataset_stats SET total = total + ?, pending = pending + ?,"
                                     " accepted = accepted + ?, rejected = rejected + ?, flagged = flagged + ?"
                                     " WHERE dataset_id = ?"));
        stats.addBindValue(qint64(records.size()));
        stats.addBindValue(count[int(RecordStatus::Pending)]);
        stats.addBindValue(count[int(RecordStatus::Accepted)]);
        stats.addBindValue(count[int(RecordStatus::Rejected)]);
        stats.addBindValue(flagged);
        stats.addBindValue(datasetId);
        execOrThrow(d, stats, "cannot count the new records");
        tx.commit();
    }
    Q_EMIT datasetsChanged();
    return ids;
}

QList<qint64> Workspace::duplicateRecords(const QList<qint64> &ids, const QString &source)
{
    QSqlDatabase d = db();
    QList<qint64> copies;
    {
        WriteTransaction tx(d);
        QSqlQuery q(d);
        q.prepare(QStringLiteral("INSERT INTO records(dataset_id, instruction, input, output, system, turns, turn_count,"
                                 " status, tags, note, source, flagged, created, modified)"
                                 " SELECT dataset_id, instruction, input, output, system, turns, turn_count,"
                                 " ?, tags, note, ?, 0, ?, ?"
                                 " FROM records WHERE id = ?"));
        QSqlQuery stats(d);
        stats.prepare(QStringLiteral("UPDATE dataset_stats SET total = total + 1, pending = pending + 1"
                                     " WHERE dataset_id = (SELECT dataset_id FROM records WHERE id = ?)"));
        for (qint64 id : ids) {
            q.bindValue(0, int(RecordStatus::Pending));
            q.bindValue(1, nonNull(source));
            q.bindValue(2, now());
            q.bindValue(3, now());
            q.bindValue(4, id);
            execOrThrow(d, q, "cannot duplicate record " + std::to_string(id));
            if (q.numRowsAffected() != 1)
                continue;  // gone meanwhile
            const qint64 copy = q.lastInsertId().toLongLong();
            stats.bindValue(0, copy);
            execOrThrow(d, stats, "cannot count the new records");
            copies.push_back(copy);
        }
        tx.commit();
    }
    Q_EMIT datasetsChanged();
    return copies;
}

qint64 Workspace::findOrCreateDataset(const QString &name, bool *created)
{
    const QString wanted = name.trimmed();
    if (wanted.isEmpty())
        throw Error("a dataset needs a name");
    QSqlDatabase d = db();
    qint64 id = 0;
    bool made = false;
    {
        // Looked up and created under the write lock: two writers asking for the same new name get one dataset.
        WriteTransaction tx(d);
        QSqlQuery q(d);
        q.prepare(QStringLiteral("SELECT id FROM datasets WHERE name = ? AND trashed_name IS NULL"));
        q.addBindValue(wanted);
        execOrThrow(d, q, "cannot list the datasets");
        if (q.next()) {
            id = q.value(0).toLongLong();
        } else {
            q.finish();
            q.prepare(QStringLiteral("INSERT INTO datasets(name, created) VALUES(?, ?)"));
            q.addBindValue(wanted);
            q.addBindValue(now());
            execOrThrow(d, q, "cannot create the dataset");
            id = q.lastInsertId().toLongLong();
            made = true;
        }
        tx.commit();
    }
    if (created)
        *created = made;
    if (made)
        Q_EMIT datasetsChanged();
    return id;
}

void Workspace::deleteRecords(const QList<qint64> &ids)
{
    QSqlDatabase d = db();
    {
        WriteTransaction tx(d);
        QSqlQuery q(d);
        for (qsizetype i = 0; i < ids.size(); i += 500)
            execOrThrow(d, q, QStringLiteral("DELETE FROM records WHERE id IN (%1)").arg(idList(ids, i, 500)),
                        "cannot delete the records");
        tx.commit();
    }
    Q_EMIT datasetsChanged();
}

void Workspace::setFlagged(const QList<qint64> &ids, bool flagged)
{
    if (flagged)
        restoreFlags(ids, {});
    else
        restoreFlags({}, ids);
}

void Workspace::restoreFlags(const QList<qint64> &flagged, const QList<qint64> &unflagged)
{
    QSqlDatabase d = db();
    {
        WriteTransaction tx(d);
        QSqlQuery q(d);
        q.prepare(QStringLiteral("UPDATE records SET flagged = ?, modified = ? WHERE id = ?"));
        for (const bool flag : {true, false}) {
            for (qint64 id : flag ? flagged : unflagged) {
                q.bindValue(0, flag ? 1 : 0);
                q.bindValue(1, now());
                q.bindValue(2, id);
                execOrThrow(d, q, "cannot flag record " + std::to_string(id));
            }
        }
        tx.commit();
    }
    Q_EMIT recordsChanged(flagged + unflagged);
    Q_EMIT datasetsChanged();
}

QList<StatusState> Workspace::statusStates(const QList<qint64> &ids) const
{
    QList<StatusState> out;
    out.reserve(ids.size());
    QSqlDatabase d = db();
    QSqlQuery q(d);
    q.prepare(QStringLiteral("SELECT status, reason, rule, reason_args FROM records WHERE id = ?"));
    for (qint64 id : ids) {
        q.bindValue(0, id);
        execOrThrow(d, q, "cannot read the status of record " + std::to_string(id));
        if (q.next())
            out.push_back({id, static_cast<RecordStatus>(q.value(0).toInt()), q.value(1).toString(),
                           q.value(2).toString(), q.value(3).toString()});
    }
    return out;
}

void Workspace::setStatus(const QList<qint64> &ids, RecordStatus status, const QString &reason, const QString &rule,
                          const QString &reasonArgs)
{
    QList<StatusState> states;
    states.reserve(ids.size());
    for (qint64 id : ids)
        states.push_back({id, status, reason, rule, reasonArgs});
    restoreStatus(states);
}

void Workspace::restoreStatus(const QList<StatusState> &states)
{
    QSqlDatabase d = db();
    QList<qint64> ids;
    ids.reserve(states.size());
    {
        WriteTransaction tx(d);
        QSqlQuery q(d);
        q.prepare(QStringLiteral("UPDATE records SET status = ?, reason = ?, rule = ?, reason_args = ?, modified = ?"
                                 " WHERE id = ?"));
        for (const auto &s : states) {
            q.bindValue(0, int(s.status));
            q.bindValue(1, nonNull(s.reason));
            q.bindValue(2, nonNull(s.rule));
            q.bindValue(3, nonNull(s.args));
            q.bindValue(4, now());
            q.bindValue(5, s.id);
            execOrThrow(d, q, "cannot set the status of record " + std::to_string(s.id));
            ids.push_back(s.id);
        }
        tx.commit();
    }
    Q_EMIT recordsChanged(ids);
    Q_EMIT datasetsChanged();
}

QStringList Workspace::tags(qint64 datasetId) const
{
    QStringList all;
    QSqlDatabase d = db();
    QSqlQuery q(d);
    q.prepare(QStringLiteral("SELECT DISTINCT tags FROM records WHERE dataset_id = ? AND tags != ''"));
    q.addBindValue(datasetId);
    execOrThrow(d, q, "cannot list the tags");
    while (q.next())
        all += splitTags(q.value(0).toString());
    all.removeDuplicates();
    all.sort(Qt::CaseInsensitive);
    return all;
}

QStringList Workspace::rules(qint64 datasetId) const
{
    QStringList out;
    QSqlDatabase d = db();
    QSqlQuery q(d);
    q.prepare(QStringLiteral("SELECT DISTINCT rule FROM records WHERE dataset_id = ? AND rule != '' ORDER BY rule"));
    q.addBindValue(datasetId);
    execOrThrow(d, q, "cannot list the rules");
    while (q.next())
        out << q.value(0).toString();
    return out;
}

QString Workspace::joinTags(const QStringList &tags)
{
    QStringList clean;
    for (QString t : tags) {
        t = t.trimmed();
        t.remove(QLatin1Char(','));
        if (!t.isEmpty() && !clean.contains(t))
            clean << t;
    }
    return clean.isEmpty() ? QStringLiteral("") : QLatin1Char(',') + clean.join(QLatin1Char(',')) + QLatin1Char(',');
}

QStringList Workspace::splitTags(const QString &stored)
{
    return stored.split(QLatin1Char(','), Qt::SkipEmptyParts);
}

} // namespace sft
