// The lazy record model over a real 52K dataset: every page read matches the
// stored record (across far more pages than the cache holds, so eviction is
// exercised), sorting and filtering happen off the UI thread.

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "curation/recordtablemodel.h"
#include "workspace/importer.h"
#include "workspace/workspace.h"

using namespace sft;

class TestRecordTableModel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    qint64 m_dataset = 0;

private Q_SLOTS:
    void initTestCase()
    {
        m_ws = Workspace::open(m_dir.filePath(QStringLiteral("m.sftws")));
        ImportOptions opts;
        opts.file = QStringLiteral(SFT_SHARED_DATA_DIR "/alpaca_zh_52k.json");
        m_dataset = importFile(m_ws->path(), opts).datasetId;
    }

    void pagesMatchRecords()
    {
        RecordTableModel model;
        model.setWorkspace(m_ws.get());
        QSignalSpy loaded(&model, &RecordTableModel::loaded);
        RecordFilter f;
        f.datasetId = m_dataset;
        model.setFilter(f);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(model.rowCount(), 52002);
        // Walk forwards and backwards over ~200 pages (the cache keeps 64).
        QList<int> rows;
        for (int r = 0; r < model.rowCount(); r += 251)
            rows << r;
        for (int i = int(rows.size()) - 1; i >= 0; i -= 3)
            rows << rows[i];
        for (int row : rows) {
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

    void sortAndFilter()
    {
        RecordTableModel model;
        model.setWorkspace(m_ws.get());
        QSignalSpy loaded(&model, &RecordTableModel::loaded);
        RecordFilter f;
        f.datasetId = m_dataset;
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
        QVERIFY(model.rowCount() > 100);
        QVERIFY(model.rowCount() < 52002);
        const auto rec = m_ws->record(model.idAt(model.rowCount() / 2));
        QVERIFY(rec->instruction.contains(QStringLiteral("诗")) || rec->input.contains(QStringLiteral("诗"))
                || rec->output.contains(QStringLiteral("诗")));
    }
};

QTEST_MAIN(TestRecordTableModel)
#include "test_recordtablemodel.moc"
