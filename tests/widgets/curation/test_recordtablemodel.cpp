// The lazy record model: every page read matches the stored record (across
// more pages than the cache holds, so eviction is exercised), sorting and
// filtering happen off the UI thread. Runs on 20 480 records made from the
// hand-written Chinese sample (tests/common/data) and on the sample itself; the
// realData* functions do the same over the real 52K file (see shared_data.h).

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "curation/recordtablemodel.h"
#include "shared_data.h"
#include "workspace/importer.h"
#include "workspace/workspace.h"

using namespace sft;

class TestRecordTableModel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    qint64 m_dataset = 0;   // made from the sample: more pages than the cache keeps
    qint64 m_sample = 0;    // the sample itself
    qint64 m_real = 0;      // the 52K file, imported by the first realData* function

    qint64 import(const QString &file)
    {
        ImportOptions opts;
        opts.file = file;
        return importFile(m_ws->path(), opts).datasetId;
    }

    /** Walks forwards and backwards over the pages; each row's cells match its stored record. */
    void checkPages(qint64 dataset, int rows)
    {
        RecordTableModel model;
        model.setWorkspace(m_ws.get());
        QSignalSpy loaded(&model, &RecordTableModel::loaded);
        RecordFilter f;
        f.datasetId = dataset;
        model.setFilter(f);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(model.rowCount(), rows);
        QList<int> visit;
        for (int r = 0; r < model.rowCount(); r += 251)
            visit << r;
        for (int i = int(visit.size()) - 1; i >= 0; i -= 3)
            visit << visit[i];
        for (int row : visit) {
            const qint64 id = model.idAt(row);
            const auto rec = m_ws->record(id);
            QVERIFY(rec);
            const QString cell = model.data(model.index(row, RecordTableModel::InstructionColumn)).toString();
            QString expected = rec->instruction;
            expected.replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
            QVERIFY2(expected.startsWith(cell.left(20)), qPrintable(cell));
            QCOMPARE(model.data(model.index(row, RecordTableModel::IdColumn)).toLongLong(), id);
        }
    }

    /** Sorted by instruction, descending; then only records containing 诗 (more than minHits, not all; exactHits when known). */
    void checkSortAndFilter(qint64 dataset, int rows, int minHits, int exactHits = -1)
    {
        RecordTableModel model;
        model.setWorkspace(m_ws.get());
        QSignalSpy loaded(&model, &RecordTableModel::loaded);
        RecordFilter f;
        f.datasetId = dataset;
        f.sortColumn = RecordColumn::Instruction;
        f.descending = true;
        model.setFilter(f);
        QVERIFY(loaded.wait(20000));
        const QString a = m_ws->record(model.idAt(0))->instruction;
        const QString b = m_ws->record(model.idAt(1))->instruction;
        QVERIFY(a.toUtf8() >= b.toUtf8());
        f.search = QStringLiteral("诗");
        model.setFilter(f);
        QVERIFY(loaded.wait(20000));
        QVERIFY(model.rowCount() > minHits);
        QVERIFY(model.rowCount() < rows);
        if (exactHits >= 0)
            QCOMPARE(model.rowCount(), exactHits);
        const auto rec = m_ws->record(model.idAt(model.rowCount() / 2));
        QVERIFY(rec->instruction.contains(QStringLiteral("诗")) || rec->input.contains(QStringLiteral("诗"))
                || rec->output.contains(QStringLiteral("诗")));
    }

    qint64 realDataset()
    {
        if (!m_real)
            m_real = import(sfttest::sharedFile(QStringLiteral("alpaca_zh_52k.json")));
        return m_real;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ws = Workspace::open(m_dir.filePath(QStringLiteral("m.sftws")));
        // 80 pages of 256 rows; the cache keeps 64.
        const QString many = m_dir.filePath(QStringLiteral("zh_20480.json"));
        QVERIFY(sfttest::writeRepeatedAlpaca(QStringLiteral("alpaca_zh_sample.json"), 80 * RecordTableModel::kPageSize,
                                             many));
        m_dataset = import(many);
        m_sample = import(sfttest::fixtureFile(QStringLiteral("alpaca_zh_sample.json")));
    }

    void sampleRows()
    {
        // In file order, every field as written in the sample.
        RecordTableModel model;
        model.setWorkspace(m_ws.get());
        QSignalSpy loaded(&model, &RecordTableModel::loaded);
        RecordFilter f;
        f.datasetId = m_sample;
        model.setFilter(f);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(model.rowCount(), 12);
        QCOMPARE(model.data(model.index(1, RecordTableModel::InstructionColumn)).toString(),
                 QStringLiteral("太阳系中最大的行星是哪一颗？"));
        QCOMPARE(m_ws->record(model.idAt(3))->input, QStringLiteral("委员会在星期一批准了新预算。"));
        QCOMPARE(m_ws->record(model.idAt(11))->output, QStringLiteral("红色、绿色和蓝色。"));
    }

    void pagesMatchRecords() { checkPages(m_dataset, 80 * RecordTableModel::kPageSize); }

    void sortAndFilter()
    {
        // 3 of the 12 sample records mention 诗: 5120 of 20480.
        checkSortAndFilter(m_dataset, 80 * RecordTableModel::kPageSize, 100, 20 * RecordTableModel::kPageSize);
    }

    void realDataPagesMatchRecords() { checkPages(realDataset(), 52002); }

    void realDataSortAndFilter() { checkSortAndFilter(realDataset(), 52002, 100); }
};

SFT_REALDATA_MAIN(TestRecordTableModel, "alpaca_zh_52k.json")
#include "test_recordtablemodel.moc"
