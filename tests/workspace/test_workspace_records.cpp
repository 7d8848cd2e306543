// Records made by hand: several added in one transaction (ids in order, counts
// kept), copies of records (pending, unflagged, the given source), a dataset
// found or created by name, and any selection of records moved to the trash and
// back with its ids, fields and status (the basis of undoable delete).

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include "core/error.h"
#include "workspace/workspace.h"
#include "write_lock.h"

using namespace sft;

namespace {
Record make(const char *instruction, RecordStatus status = RecordStatus::Pending, bool flagged = false)
{
    Record r;
    r.instruction = instruction;
    r.output = "o";
    r.status = status;
    r.flagged = flagged;
    r.source = "manual";
    return r;
}

// The counts as stored, against a count of the rows themselves.
void checkStats(Workspace &ws, qint64 dataset)
{
    QSqlQuery q(ws.db());
    q.prepare(QStringLiteral("SELECT count(*), coalesce(sum(status = 0), 0), coalesce(sum(status = 1), 0),"
                             " coalesce(sum(status = 2), 0), coalesce(sum(flagged), 0) FROM records WHERE dataset_id = ?"));
    q.addBindValue(dataset);
    QVERIFY(q.exec() && q.next());
    const auto info = ws.dataset(dataset);
    QVERIFY(info);
    QCOMPARE(info->total, q.value(0).toLongLong());
    QCOMPARE(info->pending, q.value(1).toLongLong());
    QCOMPARE(info->accepted, q.value(2).toLongLong());
    QCOMPARE(info->rejected, q.value(3).toLongLong());
    QCOMPARE(info->flagged, q.value(4).toLongLong());
}
} // namespace

class TestWorkspaceRecords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addRecordsInOneTransaction()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        const qint64 d = ws->createDataset(QStringLiteral("d"));
        QSignalSpy changed(ws.get(), &Workspace::datasetsChanged);
        const QList<qint64> ids = ws->addRecords(
            d, {make("a"), make("b", RecordStatus::Accepted), make("c", RecordStatus::Rejected, true)});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(ids.size(), 3);
        QVERIFY(ids[0] < ids[1] && ids[1] < ids[2]);
        QCOMPARE(ws->record(ids[1])->instruction, QStringLiteral("b"));
        QCOMPARE(ws->record(ids[2])->source, QStringLiteral("manual"));
        QCOMPARE(ws->dataset(d)->total, 3);
        QCOMPARE(ws->dataset(d)->accepted, 1);
        QCOMPARE(ws->dataset(d)->flagged, 1);
        checkStats(*ws, d);
        // One failure: nothing of the batch is written.
        ws->trashDataset(d);
        QVERIFY_THROWS_EXCEPTION(Error, ws->addRecords(d, {make("x")}));
        QVERIFY_THROWS_EXCEPTION(Error, ws->addRecord(d, make("x")));  // not into the trash either
        QVERIFY_THROWS_EXCEPTION(Error, ws->addRecords(4242, {make("x")}));
        ws->restoreDataset(d);
        QCOMPARE(ws->dataset(d)->total, 3);
    }

    void addWaitsForAnotherWriter()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        const qint64 d = ws->createDataset(QStringLiteral("d"));
        {
            sfttest::WriteLock lock(ws->path());
            QSqlQuery q(ws->db());
            QVERIFY(q.exec(QStringLiteral("PRAGMA busy_timeout = 100")));
            QVERIFY_THROWS_EXCEPTION(Error, ws->addRecords(d, {make("a"), make("b")}));
        }
        QCOMPARE(ws->dataset(d)->total, 0);
    }

    void duplicateRecords()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        const qint64 d = ws->createDataset(QStringLiteral("d"));
        Record tagged = make("tagged", RecordStatus::Rejected, true);
        tagged.input = "in";
        tagged.tags = {"math", "easy"};
        tagged.note = "see source";
        tagged.reason = "why";
        tagged.source = "seed_tasks.jsonl";
        const QList<qint64> ids = ws->addRecords(d, {make("plain", RecordStatus::Accepted), tagged});
        const QList<qint64> copies = ws->duplicateRecords({ids[1], 99999, ids[0]}, QStringLiteral("manual"));
        QCOMPARE(copies.size(), 2);  // the missing one skipped
        const auto copy = ws->record(copies[0]);
        QCOMPARE(copy->datasetId, d);
        QCOMPARE(copy->instruction, QStringLiteral("tagged"));
        QCOMPARE(copy->input, QStringLiteral("in"));
        QCOMPARE(copy->output, QStringLiteral("o"));
        QCOMPARE(copy->tags, QStringList({QStringLiteral("math"), QStringLiteral("easy")}));
        QCOMPARE(copy->note, QStringLiteral("see source"));
        QCOMPARE(copy->status, RecordStatus::Pending);
        QVERIFY(copy->reason.isEmpty());
        QVERIFY(!copy->flagged);
        QCOMPARE(copy->source, QStringLiteral("manual"));
        QCOMPARE(ws->record(copies[1])->instruction, QStringLiteral("plain"));
        QCOMPARE(ws->record(copies[1])->status, RecordStatus::Pending);
        QCOMPARE(ws->dataset(d)->total, 4);
        QCOMPARE(ws->dataset(d)->pending, 2);
        checkStats(*ws, d);
    }

    void findOrCreateDataset()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        const qint64 existing = ws->createDataset(QStringLiteral("notes"));
        bool created = true;
        QCOMPARE(ws->findOrCreateDataset(QStringLiteral("notes"), &created), existing);
        QVERIFY(!created);
        const qint64 fresh = ws->findOrCreateDataset(QStringLiteral(" 手写 "), &created);
        QVERIFY(created);
        QCOMPARE(ws->dataset(fresh)->name, QStringLiteral("手写"));
        QCOMPARE(ws->findOrCreateDataset(QStringLiteral("手写")), fresh);
        QCOMPARE(ws->datasets().size(), 2);
        // A dataset in the trash is not found: its name is free.
        ws->trashDataset(existing);
        const qint64 again = ws->findOrCreateDataset(QStringLiteral("notes"), &created);
        QVERIFY(created);
        QVERIFY(again != existing);
        QVERIFY_THROWS_EXCEPTION(Error, ws->findOrCreateDataset(QStringLiteral("  ")));
    }

    // Any selection, not only a range: the records come back with their ids, fields and status.
    void trashAndRestoreSelection()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        const qint64 d = ws->createDataset(QStringLiteral("d"));
        const qint64 other = ws->createDataset(QStringLiteral("other"));
        const QList<qint64> ids =
            ws->addRecords(d, {make("0"), make("1", RecordStatus::Accepted), make("2"),
                               make("3", RecordStatus::Rejected, true), make("4")});
        const qint64 elsewhere = ws->addRecord(other, make("x"));
        ws->setStatus({ids[3]}, RecordStatus::Rejected, QStringLiteral("why"), QStringLiteral("length"),
                      QStringLiteral(R"({"field":"output"})"));
        ws->setField(ids[1], RecordField::Note, QStringLiteral("keep me"));
        const auto before1 = ws->record(ids[1]);
        const qint64 trash = ws->trashRecords(d, QList<qint64>{ids[1], ids[3], elsewhere});
        QCOMPARE(ws->datasets().size(), 2);  // the trash entry is not listed
        QCOMPARE(ws->dataset(d)->total, 3);
        QCOMPARE(ws->dataset(d)->accepted, 0);
        QCOMPARE(ws->dataset(d)->rejected, 0);
        QCOMPARE(ws->dataset(d)->flagged, 0);
        checkStats(*ws, d);
        QCOMPARE(ws->record(ids[1])->datasetId, trash);
        QCOMPARE(ws->record(ids[2])->datasetId, d);
        QCOMPARE(ws->record(elsewhere)->datasetId, other);  // not of this dataset: left alone
        QCOMPARE(ws->dataset(other)->total, 1);
        ws->restoreRecords(trash, d);
        QCOMPARE(ws->dataset(d)->total, 5);
        checkStats(*ws, d);
        const auto after1 = ws->record(ids[1]);
        QCOMPARE(after1->datasetId, d);
        QCOMPARE(after1->note, QStringLiteral("keep me"));
        QCOMPARE(after1->status, before1->status);
        const auto after3 = ws->record(ids[3]);
        QCOMPARE(after3->status, RecordStatus::Rejected);
        QCOMPARE(after3->rule, QStringLiteral("length"));
        QCOMPARE(after3->reasonArgs, QStringLiteral(R"({"field":"output"})"));
        QVERIFY(after3->flagged);
        // Nothing of the dataset among ids: refused, no empty trash entry left behind.
        QVERIFY_THROWS_EXCEPTION(Error, ws->trashRecords(d, QList<qint64>{elsewhere}));
        QCOMPARE(ws->purgeTrash(), 0);
        QSqlQuery q(ws->db());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM datasets WHERE trashed_name IS NOT NULL")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        // Purged for good.
        ws->trashRecords(d, QList<qint64>{ids[0]});
        QCOMPARE(ws->purgeTrash(), 1);
        QVERIFY(!ws->record(ids[0]));
        checkStats(*ws, d);
    }

    // Records come back with the counts their trash entry kept (the triggers keep them while the records are
    // away), added to the dataset's: the dataset, maybe a million records, is not counted again. A stored
    // count made wrong on purpose stays wrong by the same amount, which a recount would have corrected.
    void restoreAddsTheEntrysCounts()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        const qint64 d = ws->createDataset(QStringLiteral("d"));
        const QList<qint64> ids = ws->addRecords(
            d, {make("0"), make("1", RecordStatus::Accepted), make("2", RecordStatus::Rejected, true), make("3")});
        // Deleted, then changed while in the trash (an edit of another undo step), then brought back.
        const qint64 trash = ws->trashRecords(d, QList<qint64>{ids[1], ids[2]});
        ws->setStatus({ids[1]}, RecordStatus::Pending);
        ws->setFlagged({ids[1]}, true);
        ws->restoreRecords(trash, d);
        QCOMPARE(ws->dataset(d)->total, 4);
        QCOMPARE(ws->dataset(d)->pending, 3);
        QCOMPARE(ws->dataset(d)->flagged, 2);
        checkStats(*ws, d);
        // The same for an appended range (the undo of an import or of a Generate run's records).
        const QList<qint64> more = ws->addRecords(d, {make("4", RecordStatus::Accepted), make("5")});
        const qint64 range = ws->trashRecords(d, more.first(), more.last());
        QCOMPARE(ws->dataset(d)->total, 4);
        QCOMPARE(ws->dataset(d)->accepted, 0);
        checkStats(*ws, d);
        ws->restoreRecords(range, d);
        checkStats(*ws, d);

        QSqlQuery q(ws->db());
        q.prepare(QStringLiteral("UPDATE dataset_stats SET total = total + 1000 WHERE dataset_id = ?"));
        q.addBindValue(d);
        QVERIFY(q.exec());
        const qint64 skewed = ws->dataset(d)->total;
        const qint64 again = ws->trashRecords(d, QList<qint64>{ids[0]});
        QCOMPARE(ws->dataset(d)->total, skewed - 1);
        ws->restoreRecords(again, d);
        QCOMPARE(ws->dataset(d)->total, skewed);
        const qint64 lastRange = ws->trashRecords(d, more.first(), more.last());
        QCOMPARE(ws->dataset(d)->total, skewed - 2);
        ws->restoreRecords(lastRange, d);
        QCOMPARE(ws->dataset(d)->total, skewed);
    }

    // The undo of a dataset's creation: refused, changing nothing, when the dataset holds more records
    // than the undo knows of (another program added them).
    void trashDatasetOnlyUpToItsRecords()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        const qint64 d = ws->createDataset(QStringLiteral("gen"));
        ws->addRecords(d, {make("a"), make("b")});
        QSignalSpy changed(ws.get(), &Workspace::datasetsChanged);
        QVERIFY(!ws->trashDataset(d, 1));
        QVERIFY(ws->dataset(d));
        QCOMPARE(ws->dataset(d)->total, 2);
        QCOMPARE(changed.size(), 0);
        QVERIFY(ws->trashDataset(d, 2));
        QVERIFY(!ws->dataset(d));
        QCOMPARE(changed.size(), 1);
        ws->restoreDataset(d);
        QVERIFY(ws->trashDataset(d, -1));  // no limit
        QVERIFY(!ws->dataset(d));
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceRecords)
#include "test_workspace_records.moc"
