// Several writers on one workspace take turns instead of failing with
// "database is locked": two sftbench-cli imports started at the same moment
// into one new workspace (both create it, both import), and this process
// editing statuses in a loop, as the GUI would, while CLI imports run.

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "core/error.h"
#include "workspace/importer.h"
#include "workspace/workspace.h"

using namespace sft;

namespace {

const QString kCli = QStringLiteral(SFT_BINARY_DIR "/app/sftbench-cli");
const QString kFixture = QStringLiteral(SFT_TEST_DATA_DIR "/concurrent_import.jsonl");
constexpr qint64 kFixtureRecords = 400;

QStringList importArgs(const QString &ws)
{
    return {QStringLiteral("import"), QStringLiteral("--workspace"), ws, QStringLiteral("--file"), kFixture,
            QStringLiteral("--dataset"), QStringLiteral("fixture")};
}

qint64 scalar(Workspace &ws, const QString &sql)
{
    QSqlQuery q(ws.db());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QString text(Workspace &ws, const QString &sql)
{
    QSqlQuery q(ws.db());
    return q.exec(sql) && q.next() ? q.value(0).toString() : QString();
}

} // namespace

class TestConcurrentWriters : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void twoImportsAtOnce_data()
    {
        QTest::addColumn<int>("round");
        for (int i = 0; i < 3; ++i)
            QTest::addRow("round %d", i) << i;
    }
    void twoImportsAtOnce()
    {
        QFETCH(int, round);
        // A new workspace each round: both processes race to create the file,
        // switch it to WAL and write the schema, then to import.
        const QString ws = m_dir.filePath(QStringLiteral("two%1.sftws").arg(round));
        QProcess a, b;
        a.start(kCli, importArgs(ws));
        b.start(kCli, importArgs(ws));
        QVERIFY(a.waitForFinished(120000));
        QVERIFY(b.waitForFinished(120000));
        QVERIFY2(a.exitStatus() == QProcess::NormalExit && a.exitCode() == 0, a.readAllStandardError().constData());
        QVERIFY2(b.exitStatus() == QProcess::NormalExit && b.exitCode() == 0, b.readAllStandardError().constData());

        auto w = Workspace::open(ws, Workspace::OpenMode::MustExist);
        const auto sets = w->datasets();
        QCOMPARE(sets.size(), 2);
        QCOMPARE(sets[0].name, QStringLiteral("fixture"));
        QCOMPARE(sets[1].name, QStringLiteral("fixture (2)"));
        QCOMPARE(sets[0].total, kFixtureRecords);
        QCOMPARE(sets[1].total, kFixtureRecords);
        QCOMPARE(scalar(*w, QStringLiteral("SELECT count(*) FROM records")), 2 * kFixtureRecords);
        // Both indexers ran; the index covers every record exactly once.
        QVERIFY(scalar(*w, QStringLiteral("SELECT max(id) FROM records")) > 0);
        QCOMPARE(scalar(*w, QStringLiteral("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_upto'")),
                 scalar(*w, QStringLiteral("SELECT max(id) FROM records")));
        QCOMPARE(text(*w, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        QSqlQuery fts(w->db());  // FTS5 reports a damaged index as an SQL error
        QVERIFY2(fts.exec(QStringLiteral("INSERT INTO records_fts(records_fts) VALUES('integrity-check')")),
                 qPrintable(fts.lastError().text()));
    }

    void importsWaitForAWriter()
    {
        // A writer (this process, as the GUI in the middle of an edit) holds the lock while two imports
        // start: both must wait for it and then succeed, one after the other.
        const QString ws = m_dir.filePath(QStringLiteral("held.sftws"));
        Workspace::open(ws)->createDataset(QStringLiteral("existing"));
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
        db.setDatabaseName(ws);
        QVERIFY(db.open());
        QSqlQuery hold(db);
        QVERIFY2(hold.exec(QStringLiteral("BEGIN IMMEDIATE")), qPrintable(hold.lastError().text()));
        QElapsedTimer held;
        held.start();
        QProcess a, b;
        a.start(kCli, importArgs(ws));
        b.start(kCli, importArgs(ws));
        QVERIFY(a.waitForStarted() && b.waitForStarted());
        QTest::qWait(1500);  // both are now blocked on the lock (a 400-record import takes far less)
        QCOMPARE(a.state(), QProcess::Running);
        QCOMPARE(b.state(), QProcess::Running);
        QVERIFY(hold.exec(QStringLiteral("COMMIT")));
        QVERIFY(a.waitForFinished(60000));
        QVERIFY(b.waitForFinished(60000));
        QVERIFY(held.elapsed() >= 1500);
        QVERIFY2(a.exitStatus() == QProcess::NormalExit && a.exitCode() == 0, a.readAllStandardError().constData());
        QVERIFY2(b.exitStatus() == QProcess::NormalExit && b.exitCode() == 0, b.readAllStandardError().constData());
        hold.finish();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("holder"));
        auto w = Workspace::open(ws, Workspace::OpenMode::MustExist);
        QCOMPARE(w->datasets().size(), 3);
        const qint64 records = scalar(*w, QStringLiteral("SELECT count(*) FROM records"));
        QCOMPARE(records, 2 * kFixtureRecords);
    }

    void editsWhileImportsRun()
    {
        // This process holds the workspace open and writes (the GUI annotating)
        // while CLI imports of the same file run one after another.
        const QString ws = m_dir.filePath(QStringLiteral("edit.sftws"));
        auto w = Workspace::open(ws);
        ImportOptions opts;
        opts.file = kFixture;
        opts.datasetName = QStringLiteral("mine");
        const ImportResult mine = importFile(ws, opts);
        QList<qint64> ids;
        {
            QSqlQuery q(w->db());
            QVERIFY(q.exec(QStringLiteral("SELECT id FROM records WHERE dataset_id = %1 ORDER BY id").arg(mine.datasetId)));
            while (q.next())
                ids << q.value(0).toLongLong();
        }
        QCOMPARE(qint64(ids.size()), kFixtureRecords);

        constexpr int kImports = 3;
        int started = 0, edits = 0, editsDuringImport = 0;
        QDeadlineTimer deadline(180000);
        RecordStatus last = RecordStatus::Pending;
        auto proc = std::make_unique<QProcess>();
        proc->start(kCli, importArgs(ws));
        QVERIFY(proc->waitForStarted());
        ++started;
        for (;;) {
            QVERIFY2(!deadline.hasExpired(), "the imports and edits did not finish in 3 minutes");
            // One batch edit of every record, alternating accepted / rejected.
            last = edits % 2 == 0 ? RecordStatus::Accepted : RecordStatus::Rejected;
            if (proc->state() == QProcess::Running)
                ++editsDuringImport;
            try {
                w->setStatus(ids, last, QStringLiteral("edit %1").arg(edits));
                w->setFlagged({ids[edits % ids.size()]}, edits % 2 == 0);
            } catch (const Error &e) {
                QFAIL(e.what());
            }
            ++edits;
            if (proc->state() == QProcess::NotRunning || proc->waitForFinished(1)) {
                QVERIFY2(proc->exitStatus() == QProcess::NormalExit && proc->exitCode() == 0,
                         proc->readAllStandardError().constData());
                if (started == kImports)
                    break;
                proc = std::make_unique<QProcess>();
                proc->start(kCli, importArgs(ws));
                QVERIFY(proc->waitForStarted());
                ++started;
            }
        }
        qInfo("%d batch edits of %lld records during %d imports (%d while one ran)", edits, kFixtureRecords, kImports,
              editsDuringImport);
        QVERIFY(editsDuringImport > 0);

        const auto sets = w->datasets();
        QCOMPARE(sets.size(), 1 + kImports);
        for (const auto &d : sets)
            QCOMPARE(d.total, kFixtureRecords);
        QCOMPARE(scalar(*w, QStringLiteral("SELECT count(*) FROM records")), (1 + kImports) * kFixtureRecords);
        // The last edit is what is stored, and the counts kept by triggers agree.
        const auto statuses = w->statusStates(ids);
        for (const auto &s : statuses) {
            QCOMPARE(s.status, last);
            QCOMPARE(s.reason, QStringLiteral("edit %1").arg(edits - 1));
        }
        const DatasetInfo info = *w->dataset(mine.datasetId);
        QCOMPARE(last == RecordStatus::Accepted ? info.accepted : info.rejected, kFixtureRecords);
        QCOMPARE(info.flagged, scalar(*w, QStringLiteral("SELECT count(*) FROM records WHERE flagged = 1")));
        QCOMPARE(text(*w, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestConcurrentWriters)
#include "test_concurrent_writers.moc"
