// Import is one transaction (bad file or cancel: nothing written), export
// writes the accepted records in every format and splits reproducibly. On the
// hand-written samples (tests/common/data) and, in the realData* functions, on
// the real 52K / seed-task files (see shared_data.h).

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "core/error.h"
#include "shared_data.h"
#include "workspace/exporter.h"
#include "workspace/importer.h"
#include "workspace/workspace.h"

using namespace sft;

namespace {
QString writeText(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    QFile f(dir.filePath(name));
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return f.fileName();
}

qint64 recordCount(Workspace &ws)
{
    qint64 n = 0;
    for (const auto &d : ws.datasets())
        n += d.total;
    return n;
}

/** Imports `file`, cancels halfway through the insert phase of `total` records: nothing is written. */
void checkCancelRollsBack(const QString &file, std::int64_t total)
{
    QTemporaryDir dir;
    auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
    ImportOptions opts;
    opts.file = file;
    std::int64_t seen = 0;
    const ProgressFn progress = [&](std::int64_t done, std::int64_t all) {
        seen = std::max(seen, done);
        return !(all == total && done > total / 2);
    };
    QVERIFY_THROWS_EXCEPTION(Cancelled, importFile(ws->path(), opts, progress));
    QVERIFY(seen > total / 2);
    QCOMPARE(ws->datasets().size(), 0);
    QCOMPARE(recordCount(*ws), qint64(0));
}

/** Imports a seed-task file of `records` records twice into one dataset; a missing dataset is an error. */
void checkAppend(const QString &file, qint64 records)
{
    QTemporaryDir dir;
    auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
    ImportOptions opts;
    opts.file = file;
    const auto first = importFile(ws->path(), opts);
    QCOMPARE(first.records, records);
    opts.datasetId = first.datasetId;
    importFile(ws->path(), opts);
    QCOMPARE(ws->dataset(first.datasetId)->total, 2 * records);
    opts.datasetId = 999;
    QVERIFY_THROWS_EXCEPTION(Error, importFile(ws->path(), opts));
}

/** Accepts every third record of `file`, exports them in `format`, reads and re-imports the export. */
void checkExportRoundTrip(const QString &file, const QString &format, const QString &ext)
{
    QTemporaryDir dir;
    auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
    ImportOptions opts;
    opts.file = file;
    const auto imported = importFile(ws->path(), opts);
    // Accept every third record; only those are exported.
    QList<qint64> accept;
    QSqlQuery q(ws->db());
    q.exec(QStringLiteral("SELECT id FROM records ORDER BY id"));
    for (int i = 0; q.next(); ++i)
        if (i % 3 == 0)
            accept << q.value(0).toLongLong();
    QVERIFY(accept.size() >= 2);
    ws->setStatus(accept, RecordStatus::Accepted);

    ExportOptions ex;
    ex.datasetId = imported.datasetId;
    QVERIFY(formatFromName(format.toStdString(), ex.format));
    ex.path = dir.filePath(QStringLiteral("out.") + ext);
    const auto r = exportDataset(ws->path(), ex);
    QCOMPARE(r.train, qint64(accept.size()));
    const auto back = readDataset(ex.path.toStdString());
    QCOMPARE(qint64(back.size()), qint64(accept.size()));
    const auto rec = ws->record(accept[1]);
    QString instruction = rec->instruction;
    if (format == QLatin1String("sharegpt") && !rec->input.isEmpty())
        instruction += QStringLiteral("\n\n") + rec->input;
    QCOMPARE(QString::fromStdString(back[1].instruction), instruction);
    QCOMPARE(QString::fromStdString(back[1].output), rec->output);

    // Re-import what was exported: a second dataset with the same records.
    ImportOptions again;
    again.file = ex.path;
    QCOMPARE(importFile(ws->path(), again).records, qint64(accept.size()));
}

void exportFormats()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("ext");
    QTest::newRow("alpaca") << "alpaca" << "json";
    QTest::newRow("jsonl") << "jsonl" << "jsonl";
    QTest::newRow("sharegpt") << "sharegpt" << "json";
    QTest::newRow("csv") << "csv" << "csv";
}

/** Exports all `total` records of `file` with a 20 % validation split: sizes, names, reproducible per seed. */
void checkExportSplit(const QString &file, qint64 total, qint64 validation)
{
    QTemporaryDir dir;
    auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
    ImportOptions opts;
    opts.file = file;
    const auto imported = importFile(ws->path(), opts);
    ExportOptions ex;
    ex.datasetId = imported.datasetId;
    ex.acceptedOnly = false;
    ex.validationFraction = 0.2;
    ex.seed = 7;
    ex.path = dir.filePath(QStringLiteral("split.jsonl"));
    ex.format = DatasetFormat::Jsonl;
    const auto r = exportDataset(ws->path(), ex);
    QCOMPARE(r.train + r.validation, total);
    QCOMPARE(r.validation, validation);
    QCOMPARE(r.files, splitFileNames(ex.path));
    QVERIFY(r.files[0].endsWith(QLatin1String("split_train.jsonl")));
    QFile v(r.files[1]);
    QVERIFY(v.open(QIODevice::ReadOnly));
    const QByteArray first = v.readAll();
    // Same seed, same split; another seed, another split.
    exportDataset(ws->path(), ex);
    QFile v2(r.files[1]);
    QVERIFY(v2.open(QIODevice::ReadOnly));
    QCOMPARE(v2.readAll(), first);
    ex.seed = 8;
    exportDataset(ws->path(), ex);
    QFile v3(r.files[1]);
    QVERIFY(v3.open(QIODevice::ReadOnly));
    QVERIFY(v3.readAll() != first);
}
} // namespace

class TestImportExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importAlpaca()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        ImportOptions opts;
        opts.file = sfttest::fixtureFile(QStringLiteral("alpaca_en_sample.json"));
        const auto r = importFile(ws->path(), opts);
        QCOMPARE(r.records, qint64(12));
        const auto sets = ws->datasets();
        QCOMPARE(sets.size(), 1);
        QCOMPARE(sets[0].name, QStringLiteral("alpaca_en_sample"));
        QCOMPARE(sets[0].total, qint64(12));
        QCOMPARE(sets[0].pending, qint64(12));
        QSqlQuery q(ws->db());
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM records ORDER BY id LIMIT 1 OFFSET 2")) && q.next());
        const auto rec = ws->record(q.value(0).toLongLong());
        QVERIFY(rec);
        QCOMPARE(rec->instruction, QStringLiteral("Rewrite the sentence in the passive voice."));
        QCOMPARE(rec->input, QStringLiteral("The committee approved the new budget on Monday."));
    }

    void realDataImportAlpaca()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        ImportOptions opts;
        opts.file = sfttest::sharedFile(QStringLiteral("alpaca_en_52k.json"));
        const auto r = importFile(ws->path(), opts);
        QCOMPARE(r.records, qint64(52002));
        const auto sets = ws->datasets();
        QCOMPARE(sets.size(), 1);
        QCOMPARE(sets[0].name, QStringLiteral("alpaca_en_52k"));
        QCOMPARE(sets[0].total, qint64(52002));
        QCOMPARE(sets[0].pending, qint64(52002));
    }

    void badFileImportsNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        // The bad record is the last one: everything before it must be rolled back too.
        QTest::newRow("missing output") << QByteArray("{\"instruction\":\"a\",\"output\":\"b\"}\n{\"instruction\":\"c\"}\n")
                                        << "bad.jsonl:2: record 2, field \"output\"";
        QTest::newRow("bad json") << QByteArray("{\"instruction\":\"a\",\"output\":\"b\"}\n{oops}\n") << "bad.jsonl:2:2";
    }
    void badFileImportsNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        ws->createDataset(QStringLiteral("existing"));
        ImportOptions opts;
        opts.file = writeText(dir, QStringLiteral("bad.jsonl"), content);
        try {
            importFile(ws->path(), opts);
            QFAIL("bad file imported");
        } catch (const Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        }
        QCOMPARE(ws->datasets().size(), 1);
        QCOMPARE(recordCount(*ws), qint64(0));
    }

    void cancelRollsBack()
    {
        // Progress comes every 1024 inserted records: 4096 records made from the Chinese sample.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("zh_4096.json"));
        QVERIFY(sfttest::writeRepeatedAlpaca(QStringLiteral("alpaca_zh_sample.json"), 4096, file));
        checkCancelRollsBack(file, 4096);
    }

    void realDataCancelRollsBack()
    {
        checkCancelRollsBack(sfttest::sharedFile(QStringLiteral("alpaca_zh_52k.json")), 52002);
    }

    void appendToDataset()
    {
        checkAppend(sfttest::fixtureFile(QStringLiteral("seed_tasks_sample.jsonl")), 11);
    }

    void realDataAppendToDataset()
    {
        checkAppend(sfttest::sharedFile(QStringLiteral("seed_tasks.jsonl")), 175);
    }

    void exportRoundTrip_data() { exportFormats(); }
    void exportRoundTrip()
    {
        QFETCH(QString, format);
        QFETCH(QString, ext);
        checkExportRoundTrip(sfttest::fixtureFile(QStringLiteral("belle_zh_seed_sample.json")), format, ext);
    }

    void realDataExportRoundTrip_data() { exportFormats(); }
    void realDataExportRoundTrip()
    {
        QFETCH(QString, format);
        QFETCH(QString, ext);
        checkExportRoundTrip(sfttest::sharedFile(QStringLiteral("belle/zh_seed_tasks.json")), format, ext);
    }

    void exportSplit()
    {
        // 11 records: round(2.2) = 2 for validation.
        checkExportSplit(sfttest::fixtureFile(QStringLiteral("seed_tasks_sample.jsonl")), 11, 2);
    }

    void realDataExportSplit()
    {
        checkExportSplit(sfttest::sharedFile(QStringLiteral("seed_tasks.jsonl")), 175, 35);
    }

    void exportErrors()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        const qint64 d = ws->createDataset(QStringLiteral("x"));
        ExportOptions ex;
        ex.datasetId = d;
        ex.path = QStringLiteral("/nonexistent-dir/out.json");
        try {
            exportDataset(ws->path(), ex);
            QFAIL("exported into a missing directory");
        } catch (const Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("/nonexistent-dir/out.json: cannot open for writing")), e.what());
        }
        ex.format = DatasetFormat::SeedTasks;
        QVERIFY_THROWS_EXCEPTION(Error, exportDataset(ws->path(), ex));
    }

    // The import reports the dataset it made (or appended to) and the exact ids of the new records.
    void importResultNamesItsRecords()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        ImportOptions opts;
        opts.file = sfttest::fixtureFile(QStringLiteral("alpaca_en_sample.json"));
        const ImportResult first = importFile(ws->path(), opts);
        QVERIFY(first.createdDataset);
        QCOMPARE(first.datasetName, QStringLiteral("alpaca_en_sample"));
        QCOMPARE(first.lastRecordId - first.firstRecordId + 1, first.records);
        const ImportResult second = importFile(ws->path(), opts);
        QCOMPARE(second.datasetName, QStringLiteral("alpaca_en_sample (2)"));
        opts.datasetId = first.datasetId;
        const ImportResult appended = importFile(ws->path(), opts);
        QVERIFY(!appended.createdDataset);
        QCOMPARE(appended.datasetName, QStringLiteral("alpaca_en_sample"));
        QCOMPARE(appended.firstRecordId, second.lastRecordId + 1);
        QCOMPARE(appended.lastRecordId - appended.firstRecordId + 1, appended.records);
        for (qint64 id = appended.firstRecordId; id <= appended.lastRecordId; ++id)
            QCOMPARE(ws->record(id)->datasetId, first.datasetId);
        // A dataset in the trash takes no records.
        ws->trashDataset(first.datasetId);
        QVERIFY_THROWS_EXCEPTION(Error, importFile(ws->path(), opts));
    }

    // The preview parses only the beginning of a file, whole records only, in every format; its records are
    // the first ones a full import reads, and a bad record early in the file is the preview's error.
    void previewReadsTheBeginning_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("ext");
        QTest::newRow("alpaca") << "alpaca" << "json";
        QTest::newRow("sharegpt") << "sharegpt" << "json";
        QTest::newRow("jsonl") << "jsonl" << "jsonl";
        QTest::newRow("csv") << "csv" << "csv";
    }
    void previewReadsTheBeginning()
    {
        QFETCH(QString, format);
        QFETCH(QString, ext);
        DatasetFormat f;
        QVERIFY(formatFromName(format.toStdString(), f));
        // 4 000 records with quotes, commas, braces and newlines inside: far more than the preview reads.
        std::vector<Record> records;
        for (int i = 0; i < 4000; ++i) {
            Record r;
            r.instruction = "Say \"hi\", {then} [bye] #" + std::to_string(i) + "\nsecond line";
            r.output = std::string(200, 'x') + "\\" + std::to_string(i);
            records.push_back(r);
        }
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("big.") + ext);
        writeDatasetFile(records, f, file.toStdString());
        QVERIFY(QFileInfo(file).size() > (256 << 10));
        const ImportPreview p = previewFile(file, f, 20);
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QCOMPARE(p.format, f);
        QVERIFY(!p.wholeFile);
        QCOMPARE(int(p.records.size()), 20);
        const std::vector<Record> all = readDataset(file.toStdString(), f);
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(p.records[std::size_t(i)].instruction, all[std::size_t(i)].instruction);
            QCOMPARE(p.records[std::size_t(i)].output, all[std::size_t(i)].output);
        }
        // Auto detects the same format from the file.
        QCOMPARE(previewFile(file).format, f);
    }

    void previewOfSmallAndBadFiles()
    {
        QTemporaryDir dir;
        const ImportPreview sample = previewFile(sfttest::fixtureFile(QStringLiteral("alpaca_en_sample.json")));
        QVERIFY(sample.error.isEmpty());
        QVERIFY(sample.wholeFile);
        QCOMPARE(int(sample.records.size()), 12);
        QCOMPARE(sample.format, DatasetFormat::AlpacaJson);
        // Read as the wrong format: the reader's error, with the file and line.
        const ImportPreview wrong = previewFile(sfttest::fixtureFile(QStringLiteral("alpaca_en_sample.json")),
                                                DatasetFormat::Csv);
        QVERIFY(wrong.records.empty());
        QVERIFY2(wrong.error.contains(QStringLiteral("alpaca_en_sample.json")), qPrintable(wrong.error));
        const QString bad = writeText(dir, QStringLiteral("bad.jsonl"),
                                      "{\"instruction\": \"a\", \"output\": \"b\"}\n{\"instruction\": 3, \"output\": \"b\"}\n");
        const ImportPreview p = previewFile(bad);
        QVERIFY2(p.error.contains(QStringLiteral("bad.jsonl:2")), qPrintable(p.error));
        const ImportPreview missing = previewFile(dir.filePath(QStringLiteral("none.json")));
        QVERIFY(!missing.error.isEmpty());
    }
};

SFT_REALDATA_GUILESS_MAIN(TestImportExport, "alpaca_en_52k.json", "alpaca_zh_52k.json", "seed_tasks.jsonl",
                          "belle/zh_seed_tasks.json")
#include "test_importexport.moc"
