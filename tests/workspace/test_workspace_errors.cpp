// Failures of the workspace file: every read and write of Workspace throws
// sft::Error naming the file and changes nothing; a writer waits for another
// one (BEGIN IMMEDIATE under the busy timeout) instead of failing at once;
// open modes (create vs must exist).

#include <QFile>
#include <QFileInfo>
#include <QSemaphore>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <functional>
#include <thread>

#include "write_lock.h"
#include "core/error.h"
#include "workspace/connection.h"
#include "workspace/importer.h"
#include "workspace/writetransaction.h"
#include "workspace/workspace.h"

using namespace sft;

using sfttest::WriteLock;

namespace {

std::vector<Record> makeRecords(int n, const std::string &prefix)
{
    std::vector<Record> out;
    for (int i = 0; i < n; ++i) {
        Record r;
        r.instruction = prefix + " " + std::to_string(i);
        r.output = "answer " + std::to_string(i);
        out.push_back(r);
    }
    return out;
}


/** Everything a write could change, to compare before and after a failure. */
QString snapshot(Workspace &ws)
{
    QSqlQuery q(ws.db());
    QString s;
    q.exec(QStringLiteral("SELECT id, dataset_id, instruction, input, output, status, reason, rule, tags, note, flagged,"
                          " reason_args FROM records ORDER BY id"));
    while (q.next())
        for (int c = 0; c < 12; ++c)
            s += q.value(c).toString() + QLatin1Char('|');
    q.exec(QStringLiteral("SELECT d.id, d.name, s.total, s.pending, s.accepted, s.rejected, s.flagged, d.trashed_name"
                          " FROM datasets d JOIN dataset_stats s ON s.dataset_id = d.id ORDER BY d.id"));
    while (q.next())
        for (int c = 0; c < 8; ++c)
            s += q.value(c).toString() + QLatin1Char('|');
    return s;
}

} // namespace

class TestWorkspaceErrors : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    QString newPath() { return m_dir.filePath(QStringLiteral("e%1.sftws").arg(++m_n)); }

    /** A workspace with one dataset of three records, the second flagged and rejected. */
    std::unique_ptr<Workspace> makeWorkspace(QList<qint64> &ids, qint64 &datasetId)
    {
        auto ws = Workspace::open(newPath());
        datasetId = ws->createDataset(QStringLiteral("set"));
        ids.clear();
        for (int i = 0; i < 3; ++i) {
            Record r;
            r.instruction = "instruction " + std::to_string(i);
            r.output = "output " + std::to_string(i);
            r.tags = {"t" + std::to_string(i)};
            ids << ws->addRecord(datasetId, r);
        }
        ws->setFlagged({ids[1]}, true);
        ws->setStatus({ids[1]}, RecordStatus::Rejected, QStringLiteral("why"), QStringLiteral("rule"));
        return ws;
    }

private Q_SLOTS:
    void writerWaitsForAnotherWriter()
    {
        // Another connection (a CLI import, the GUI) holds the write lock for a
        // moment. The import reads (the dataset name) before it writes: under a
        // deferred BEGIN that read would make its first insert fail at once
        // with "database is locked"; under BEGIN IMMEDIATE it waits its turn.
        const QString path = newPath();
        Workspace::open(path);
        QSemaphore locked, importing;
        bool otherOk = false;
        std::thread other([&] {
            ScopedConnection conn(path);
            QSqlQuery q(conn.db());
            const bool began = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
            locked.release();
            importing.acquire();
            QThread::msleep(200);  // let the import reach the lock first (it passes either way)
            otherOk = began && q.exec(QStringLiteral("INSERT INTO datasets(name, created) VALUES('import', 0)"))
                      && q.exec(QStringLiteral("COMMIT"));
        });
        locked.acquire();
        importing.release();
        ImportOptions opts;
        opts.datasetName = QStringLiteral("import");
        ImportResult r;
        QString error;
        try {
            r = importRecords(path, makeRecords(50, "waited"), opts);
        } catch (const Error &e) {
            error = QString::fromUtf8(e.what());
        }
        other.join();
        QVERIFY(otherOk);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(r.records, qint64(50));
        auto ws = Workspace::open(path, Workspace::OpenMode::MustExist);
        const auto sets = ws->datasets();
        QCOMPARE(sets.size(), 2);
        QCOMPARE(sets[1].name, QStringLiteral("import (2)"));  // named after the other writer committed
        QCOMPARE(sets[1].total, qint64(50));
    }

    void failedWritesThrowAndChangeNothing()
    {
        QList<qint64> ids;
        qint64 datasetId = 0;
        auto ws = makeWorkspace(ids, datasetId);
        Record extra;
        extra.instruction = "new";
        // Something in the trash to restore and to purge.
        const qint64 spare = ws->createDataset(QStringLiteral("spare"));
        const qint64 spareRecord = ws->addRecord(spare, extra);
        const qint64 trashEntry = ws->trashRecords(spare, spareRecord, spareRecord);
        const qint64 gone = ws->createDataset(QStringLiteral("gone"));
        ws->trashDataset(gone);
        const QString before = snapshot(*ws);
        QSqlQuery(ws->db()).exec(QStringLiteral("PRAGMA busy_timeout = 20"));
        WriteLock lock(ws->path());
        const QList<std::pair<const char *, std::function<void()>>> writes{
            {"setStatus", [&] { ws->setStatus(ids, RecordStatus::Accepted); }},
            {"restoreStatus", [&] { ws->restoreStatus({{ids[0], RecordStatus::Rejected, {}, {}, {}}}); }},
            {"setFlagged", [&] { ws->setFlagged(ids, true); }},
            {"restoreFlags", [&] { ws->restoreFlags({ids[0]}, {ids[1]}); }},
            {"setField", [&] { ws->setField(ids[0], RecordField::Output, QStringLiteral("changed")); }},
            {"deleteRecords", [&] { ws->deleteRecords(ids); }},
            {"addRecord", [&] { ws->addRecord(datasetId, extra); }},
            {"createDataset", [&] { ws->createDataset(QStringLiteral("other")); }},
            {"renameDataset", [&] { ws->renameDataset(datasetId, QStringLiteral("renamed")); }},
            {"deleteDataset", [&] { ws->deleteDataset(datasetId); }},
            {"trashDataset", [&] { ws->trashDataset(datasetId); }},
            {"restoreDataset", [&] { ws->restoreDataset(gone); }},
            {"trashRecords", [&] { ws->trashRecords(datasetId, ids.first(), ids.last()); }},
            {"restoreRecords", [&] { ws->restoreRecords(trashEntry, spare); }},
            {"purgeTrash", [&] { ws->purgeTrash(); }},
        };
        QSignalSpy records(ws.get(), &Workspace::recordsChanged);
        QSignalSpy datasets(ws.get(), &Workspace::datasetsChanged);
        for (const auto &[name, write] : writes) {
            try {
                write();
                QFAIL(qPrintable(QStringLiteral("%1 succeeded under another writer's lock").arg(QLatin1String(name))));
            } catch (const Error &e) {
                const QString what = QString::fromUtf8(e.what());
                QVERIFY2(what.contains(ws->path()), qPrintable(what));
                QVERIFY2(what.contains(QStringLiteral("locked")), qPrintable(what));
            }
        }
        QCOMPARE(records.count(), 0);  // no view is told about a change that did not happen
        QCOMPARE(datasets.count(), 0);
        lock.release();
        QCOMPARE(snapshot(*ws), before);
        ws->setStatus(ids, RecordStatus::Accepted);  // and the workspace is writable again
        QCOMPARE(ws->dataset(datasetId)->accepted, qint64(3));
    }

    void failedBatchRollsBackWhatItDid()
    {
        // The third of three updates fails (a trigger stands in for a full
        // disk): the first two are rolled back with it.
        QList<qint64> ids;
        qint64 datasetId = 0;
        auto ws = makeWorkspace(ids, datasetId);
        const QString before = snapshot(*ws);
        QSqlQuery q(ws->db());
        QVERIFY(q.exec(QStringLiteral("CREATE TEMP TRIGGER fail_last BEFORE UPDATE ON records WHEN old.id = %1"
                                      " BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
                           .arg(ids[2])));
        QVERIFY(q.exec(QStringLiteral("CREATE TEMP TRIGGER fail_delete BEFORE DELETE ON records WHEN old.id = %1"
                                      " BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
                           .arg(ids[2])));
        QVERIFY_THROWS_EXCEPTION(Error, ws->setStatus(ids, RecordStatus::Accepted));
        QVERIFY_THROWS_EXCEPTION(Error, ws->restoreFlags(ids, {}));
        QVERIFY_THROWS_EXCEPTION(Error, ws->deleteRecords(ids));
        try {
            ws->setField(ids[2], RecordField::Note, QStringLiteral("x"));
            QFAIL("setField succeeded");
        } catch (const Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("injected failure")), e.what());
        }
        QCOMPARE(snapshot(*ws), before);
    }

    void failedReadsThrow()
    {
        QList<qint64> ids;
        qint64 datasetId = 0;
        auto ws = makeWorkspace(ids, datasetId);
        {
            // Another program breaks the schema under the open workspace.
            ScopedConnection other(ws->path());
            QSqlQuery q(other.db());
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE dataset_stats RENAME TO gone_stats")));
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE records RENAME TO gone_records")));
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE datasets RENAME TO gone_datasets")));
        }
        QVERIFY_THROWS_EXCEPTION(Error, ws->datasets());
        QVERIFY_THROWS_EXCEPTION(Error, ws->dataset(datasetId));
        QVERIFY_THROWS_EXCEPTION(Error, ws->record(ids[0]));
        QVERIFY_THROWS_EXCEPTION(Error, ws->field(ids[0], RecordField::Output));
        QVERIFY_THROWS_EXCEPTION(Error, ws->statusStates(ids));
        QVERIFY_THROWS_EXCEPTION(Error, ws->tags(datasetId));
        QVERIFY_THROWS_EXCEPTION(Error, ws->rules(datasetId));
        QVERIFY_THROWS_EXCEPTION(Error, ws->uniqueDatasetName(QStringLiteral("x")));
        try {
            ws->datasets();
        } catch (const Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(ws->path()), e.what());
        }
    }

    void tryOrReportCountsErrors()
    {
        QList<qint64> ids;
        qint64 datasetId = 0;
        auto ws = makeWorkspace(ids, datasetId);
        QSignalSpy errors(ws.get(), &Workspace::errorOccurred);
        QVERIFY(ws->tryOrReport([&] { ws->setStatus(ids, RecordStatus::Accepted); }));
        QCOMPARE(ws->errorCount(), quint64(0));
        QSqlQuery(ws->db()).exec(QStringLiteral("PRAGMA busy_timeout = 20"));
        WriteLock lock(ws->path());
        QVERIFY(!ws->tryOrReport([&] { ws->setStatus(ids, RecordStatus::Pending); }));
        QCOMPARE(ws->errorCount(), quint64(1));
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.first().first().toString().contains(QStringLiteral("locked")));
    }

    void mustExistNeverCreates()
    {
        const QString missing = m_dir.filePath(QStringLiteral("missing/nothing.sftws"));
        try {
            Workspace::open(missing, Workspace::OpenMode::MustExist);
            QFAIL("opened a workspace that does not exist");
        } catch (const Error &e) {
            QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("no such workspace: ") + missing);
        }
        QVERIFY(!QFileInfo::exists(missing));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("missing"))));

        // An empty file is not a workspace either: no schema is written into it.
        const QString empty = m_dir.filePath(QStringLiteral("empty.sftws"));
        QFile f(empty);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QVERIFY_THROWS_EXCEPTION(Error, Workspace::open(empty, Workspace::OpenMode::MustExist));
        QCOMPARE(QFileInfo(empty).size(), qint64(0));

        // Create makes it; MustExist then opens it.
        Workspace::open(missing, Workspace::OpenMode::Create)->createDataset(QStringLiteral("d"));
        QCOMPARE(Workspace::open(missing, Workspace::OpenMode::MustExist)->datasets().size(), 1);
    }

    void anotherProgramsDatabaseIsLeftAlone()
    {
        // An SQLite file of another program (rollback journal, its own tables) is refused and not converted.
        const QString other = m_dir.filePath(QStringLiteral("other-program.db"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
            db.setDatabaseName(other);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO notes(text) VALUES('keep me')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
        const QByteArray before = [&] { QFile f(other); f.open(QIODevice::ReadOnly); return f.readAll(); }();
        for (auto mode : {Workspace::OpenMode::MustExist, Workspace::OpenMode::Create}) {
            try {
                Workspace::open(other, mode);
                QFAIL("opened another program's database as a workspace");
            } catch (const Error &e) {
                QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("not a workspace")), e.what());
            }
        }
        QFile f(other);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);  // byte for byte: still a rollback-journal file
        QVERIFY(!QFileInfo::exists(other + QStringLiteral("-wal")));
    }

    void writeTransactionRollsBackUnlessCommitted()
    {
        auto ws = Workspace::open(newPath());
        QSqlDatabase db = ws->db();
        {
            WriteTransaction tx(db);
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("INSERT INTO datasets(name, created) VALUES('dropped', 0)")));
        }
        QCOMPARE(ws->datasets().size(), 0);
        {
            WriteTransaction tx(db);
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("INSERT INTO datasets(name, created) VALUES('kept', 0)")));
            tx.commit();
        }
        QCOMPARE(ws->datasets().size(), 1);
        // A second writer on another connection cannot start while one is open.
        WriteTransaction tx(db);
        ScopedConnection other(ws->path());
        QSqlQuery(other.db()).exec(QStringLiteral("PRAGMA busy_timeout = 20"));
        QVERIFY_THROWS_EXCEPTION(Error, WriteTransaction(other.db()));
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceErrors)
#include "test_workspace_errors.moc"
