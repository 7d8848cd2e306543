// The workspace file: schema creation and versioning, refusing files it must
// not touch, record edits, status batches and their restore (undo's basis).

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include "core/error.h"
#include "workspace/connection.h"
#include "workspace/demo.h"
#include "workspace/schema.h"
#include "workspace/searchindex.h"
#include "workspace/workspace.h"

using namespace sft;

class TestWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/w.sftws"));
        {
            auto ws = Workspace::open(path);
            QSqlQuery q(ws->db());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), schema::kVersion);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
            QVERIFY(ws->datasets().isEmpty());
        }
        auto again = Workspace::open(path);  // reopening keeps the schema
        QVERIFY(again->datasets().isEmpty());
    }

    void refusesNewerSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.sftws"));
        {
            auto ws = Workspace::open(path);
            QSqlQuery q(ws->db());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
        }
        try {
            Workspace::open(path);
            QFAIL("opened a workspace from a newer version");
        } catch (const Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("newer SFT Workbench (schema 99")), e.what());
        }
    }

    void refusesForeignDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.db"));
        {
            ScopedConnection c(path);
            QSqlQuery q(c.db());
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE t(x)")));
        }
        QVERIFY_THROWS_EXCEPTION(Error, Workspace::open(path));
        QVERIFY_THROWS_EXCEPTION(Error, Workspace::open(dir.path()));  // a directory
        QFile junk(dir.filePath(QStringLiteral("junk.sftws")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("this is not sqlite at all, just text that is long enough to have a header");
        junk.close();
        QVERIFY_THROWS_EXCEPTION(Error, Workspace::open(junk.fileName()));
    }

    void datasetsAndRecords()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        QSignalSpy changed(ws.get(), &Workspace::recordsChanged);
        const qint64 d1 = ws->createDataset(QStringLiteral("set"));
        const qint64 d2 = ws->createDataset(QStringLiteral("set"));
        QCOMPARE(ws->dataset(d2)->name, QStringLiteral("set (2)"));
        Record r;
        r.instruction = "Say hi";
        r.output = "hi";
        r.tags = {"en", "greeting"};
        const qint64 id = ws->addRecord(d1, r);
        auto rec = ws->record(id);
        QVERIFY(rec);
        QCOMPARE(rec->instruction, QStringLiteral("Say hi"));
        QCOMPARE(rec->tags, (QStringList{QStringLiteral("en"), QStringLiteral("greeting")}));
        QCOMPARE(rec->status, RecordStatus::Pending);

        ws->setField(id, RecordField::Output, QStringLiteral("hello"));
        QCOMPARE(ws->record(id)->output, QStringLiteral("hello"));
        QCOMPARE(changed.count(), 1);
        ws->setField(id, RecordField::Tags, QStringLiteral(" a, b ,a,, c"));
        QCOMPARE(ws->record(id)->tags, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(ws->tags(d1), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));

        const auto before = ws->statusStates({id});
        ws->setStatus({id}, RecordStatus::Rejected, QStringLiteral("too short"), QStringLiteral("length"));
        rec = ws->record(id);
        QCOMPARE(rec->status, RecordStatus::Rejected);
        QCOMPARE(rec->reason, QStringLiteral("too short"));
        QCOMPARE(ws->rules(d1), QStringList{QStringLiteral("length")});
        QCOMPARE(ws->dataset(d1)->rejected, 1);
        ws->restoreStatus(before);
        QCOMPARE(ws->record(id)->status, RecordStatus::Pending);
        QCOMPARE(ws->record(id)->reason, QString());

        ws->setFlagged({id}, true);
        QVERIFY(ws->record(id)->flagged);
        QCOMPARE(ws->dataset(d1)->flagged, 1);

        ws->deleteDataset(d1);
        QVERIFY(!ws->record(id));  // records go with their dataset
        QCOMPARE(ws->datasets().size(), 1);
    }

    void demoWorkspace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.sftws"));
        ensureDemoWorkspace(path);
        auto ws = Workspace::open(path);
        const auto sets = ws->datasets();
        QCOMPARE(sets.size(), 1);
        QVERIFY(sets[0].total >= 30);
        QVERIFY(sets[0].accepted > 0);
        QVERIFY(sets[0].rejected > 0);
        QVERIFY(ws->tags(sets[0].id).contains(QStringLiteral("zh")));
        // A second call leaves an existing file alone.
        ensureDemoWorkspace(path);
        QCOMPARE(Workspace::open(path)->datasets().size(), 1);
    }

    // Deleting a dataset moves it to the trash: hidden, its name free, its records and their state kept;
    // restoring brings it back (under a new name when the old one was taken meanwhile); purging deletes it.
    void trashAndRestoreDataset()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        const qint64 a = ws->createDataset(QStringLiteral("a"));
        const qint64 b = ws->createDataset(QStringLiteral("b"));
        Record r;
        r.instruction = "i";
        r.output = "o";
        const qint64 rec = ws->addRecord(a, r);
        ws->addRecord(a, r);
        ws->setStatus({rec}, RecordStatus::Rejected, QStringLiteral("why"), QStringLiteral("length"),
                      QStringLiteral(R"({"field":"instruction"})"));
        QSignalSpy changed(ws.get(), &Workspace::datasetsChanged);
        ws->trashDataset(a);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(ws->datasets().size(), 1);
        QVERIFY(!ws->dataset(a));
        QVERIFY_THROWS_EXCEPTION(Error, ws->trashDataset(a));  // not there any more
        // Its name is free while it is away.
        const qint64 again = ws->createDataset(QStringLiteral("a"));
        QCOMPARE(ws->dataset(again)->name, QStringLiteral("a"));
        ws->restoreDataset(a);
        QCOMPARE(ws->dataset(a)->name, QStringLiteral("a (2)"));
        QCOMPARE(ws->dataset(a)->total, 2);
        QCOMPARE(ws->dataset(a)->rejected, 1);
        QCOMPARE(ws->record(rec)->reasonArgs, QStringLiteral(R"({"field":"instruction"})"));
        QVERIFY_THROWS_EXCEPTION(Error, ws->restoreDataset(a));  // not in the trash
        // Purging deletes what is in the trash, and only that.
        ws->trashDataset(a);
        QCOMPARE(ws->purgeTrash(), 2);
        QVERIFY_THROWS_EXCEPTION(Error, ws->restoreDataset(a));
        QVERIFY(!ws->record(rec));
        QCOMPARE(ws->datasets().size(), 2);
        QVERIFY(ws->dataset(b));
        QCOMPARE(ws->purgeTrash(), 0);
    }

    void anotherSessionKeepsItsTrash()
    {
        // Two windows (or processes) on one file: one emptying its trash on close must not take away what
        // the other can still bring back with Undo.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.sftws"));
        auto a = Workspace::open(path);
        auto b = Workspace::open(path);
        const qint64 mine = a->createDataset(QStringLiteral("mine"));
        const qint64 theirs = a->createDataset(QStringLiteral("theirs"));
        Record r;
        r.instruction = "i";
        a->addRecord(mine, r);
        a->addRecord(theirs, r);
        a->trashDataset(mine);
        b->trashDataset(theirs);
        QCOMPARE(b->purgeTrash(), qint64(1));  // only its own
        a->restoreDataset(mine);                // still there for a's Undo
        QCOMPARE(a->dataset(mine)->total, 1);
        QVERIFY_THROWS_EXCEPTION(Error, a->restoreDataset(theirs));
        // An entry of a session gone for over a week is emptied by anyone.
        a->trashDataset(mine);
        QSqlQuery(a->db()).exec(QStringLiteral("UPDATE datasets SET name = char(127) || 'trash-1000-abc:' || id"
                                               " WHERE trashed_name IS NOT NULL"));
        QCOMPARE(b->purgeTrash(), qint64(1));
        QVERIFY_THROWS_EXCEPTION(Error, a->restoreDataset(mine));
    }

    void reusedIdsAreSearchable()
    {
        // Deleting the newest records and adding new ones hands out their ids again, below the search
        // index's watermark: the new rows must be in the index, and editing one must keep it sound.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.sftws"));
        auto ws = Workspace::open(path);
        const qint64 keep = ws->createDataset(QStringLiteral("keep"));
        const qint64 gone = ws->createDataset(QStringLiteral("gone"));
        Record r;
        r.instruction = "ordinary instruction";
        r.output = "o";
        ws->addRecord(keep, r);
        r.instruction = "soon deleted";
        const qint64 last = ws->addRecord(gone, r);
        QCOMPARE(updateSearchIndex(path), qint64(2));
        ws->trashDataset(gone);
        QCOMPARE(ws->purgeTrash(), qint64(1));
        r.instruction = "zebra crossing";
        const qint64 reused = ws->addRecord(keep, r);
        QCOMPARE(reused, last);  // SQLite gave the id out again
        auto matches = [&](const char *needle) {
            QSqlQuery q(ws->db());
            q.prepare(QStringLiteral("SELECT rowid FROM records_fts WHERE records_fts MATCH ?"));
            q.addBindValue(QString::fromLatin1(needle));
            QList<qint64> ids;
            if (q.exec())
                while (q.next())
                    ids << q.value(0).toLongLong();
            return ids;
        };
        QCOMPARE(matches("zebra"), QList<qint64>{reused});
        QVERIFY(matches("soon deleted").isEmpty());
        ws->setField(reused, RecordField::Instruction, QStringLiteral("giraffe crossing"));
        QCOMPARE(matches("giraffe"), QList<qint64>{reused});
        QVERIFY(matches("zebra").isEmpty());
        QSqlQuery check(ws->db());
        QVERIFY2(check.exec(QStringLiteral("INSERT INTO records_fts(records_fts) VALUES('integrity-check')")),
                 qPrintable(check.lastError().text()));
    }

    // Undo of an append: the appended records (an id range) go to a trash entry, the dataset's counts follow;
    // restoring puts them back.
    void trashAndRestoreRecords()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        const qint64 d = ws->createDataset(QStringLiteral("d"));
        Record r;
        r.instruction = "i";
        r.output = "o";
        QList<qint64> ids;
        for (int i = 0; i < 5; ++i)
            ids << ws->addRecord(d, r);
        ws->setStatus({ids[4]}, RecordStatus::Accepted);
        const qint64 trash = ws->trashRecords(d, ids[2], ids[4]);
        QCOMPARE(ws->datasets().size(), 1);  // the trash entry is not listed
        QCOMPARE(ws->dataset(d)->total, 2);
        QCOMPARE(ws->dataset(d)->accepted, 0);
        QCOMPARE(ws->record(ids[3])->datasetId, trash);
        ws->restoreRecords(trash, d);
        QCOMPARE(ws->dataset(d)->total, 5);
        QCOMPARE(ws->dataset(d)->accepted, 1);
        QCOMPARE(ws->record(ids[3])->datasetId, d);
        QVERIFY_THROWS_EXCEPTION(Error, ws->restoreRecords(trash, d));  // the entry is gone
        QCOMPARE(ws->purgeTrash(), 0);
        // Into a dataset that is no longer there: refused, nothing moved.
        const qint64 t2 = ws->trashRecords(d, ids[0], ids[0]);
        ws->trashDataset(d);
        QVERIFY_THROWS_EXCEPTION(Error, ws->restoreRecords(t2, d));
        QCOMPARE(ws->record(ids[0])->datasetId, t2);
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "test_workspace.moc"
