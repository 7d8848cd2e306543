// Filters and full-text search over records: status / flag / tag / rule,
// substring search in English and Chinese through the trigram index and
// through the LIKE fallback (same answers), sorting, and index upkeep on edit.

#include <QTemporaryDir>
#include <QtTest>

#include "workspace/importer.h"
#include "workspace/recordfilter.h"
#include "workspace/searchindex.h"
#include "workspace/workspace.h"

using namespace sft;

class TestRecordFilter : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    qint64 m_dataset = 0;
    QList<qint64> m_ids;

    QVector<qint64> query(const RecordFilter &f) { return queryRecordIds(m_ws->db(), f); }

private Q_SLOTS:
    void initTestCase()
    {
        m_ws = Workspace::open(m_dir.filePath(QStringLiteral("f.sftws")));
        m_dataset = m_ws->createDataset(QStringLiteral("d"));
        const char *rows[][3] = {
            {"Write a haiku about rain", "", "Cold rain on the roof"},
            {"Translate to French", "good morning", "bonjour"},
            {"判断这条评论的情感", "这家餐厅的菜太好吃了", "正面"},
            {"写一首关于春天的短诗", "", "春风吹绿柳"},
            {"Summarize the text", "Rain fell all day in Paris.", "It rained."},
            {"100% sure? Use the _underscore_", "", "yes"},
        };
        for (auto &r : rows) {
            Record rec;
            rec.instruction = r[0];
            rec.input = r[1];
            rec.output = r[2];
            m_ids << m_ws->addRecord(m_dataset, rec);
        }
        m_ws->setStatus({m_ids[0], m_ids[2]}, RecordStatus::Accepted);
        m_ws->setStatus({m_ids[1]}, RecordStatus::Rejected, QStringLiteral("dup"), QStringLiteral("rouge"));
        m_ws->setFlagged({m_ids[3]}, true);
        m_ws->setField(m_ids[4], RecordField::Tags, QStringLiteral("en,summary"));
    }

    void byState()
    {
        RecordFilter f;
        f.datasetId = m_dataset;
        QCOMPARE(query(f).size(), 6);
        f.statusMask = 1 << int(RecordStatus::Accepted);
        QCOMPARE(query(f), (QVector<qint64>{m_ids[0], m_ids[2]}));
        f.statusMask = (1 << int(RecordStatus::Pending)) | (1 << int(RecordStatus::Rejected));
        QCOMPARE(query(f).size(), 4);
        f = RecordFilter{};
        f.datasetId = m_dataset;
        f.flaggedOnly = true;
        QCOMPARE(query(f), QVector<qint64>{m_ids[3]});
        f.flaggedOnly = false;
        f.tag = QStringLiteral("summary");
        QCOMPARE(query(f), QVector<qint64>{m_ids[4]});
        f.tag = QStringLiteral("summ");  // whole tags only
        QVERIFY(query(f).isEmpty());
        f.tag.clear();
        f.rule = QStringLiteral("rouge");
        QCOMPARE(query(f), QVector<qint64>{m_ids[1]});
    }

    void search_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("rows");
        QTest::newRow("word") << "haiku" << QList<int>{0};
        QTest::newRow("case-insensitive") << "RAIN" << QList<int>{0, 4};
        QTest::newRow("two terms") << "rain paris" << QList<int>{4};
        QTest::newRow("chinese 3+") << "太好吃" << QList<int>{2};
        QTest::newRow("chinese 2 chars") << "春天" << QList<int>{3};
        QTest::newRow("input field") << "morning" << QList<int>{1};
        QTest::newRow("wildcards are literal") << "100%" << QList<int>{5};
        QTest::newRow("underscore literal") << "_under" << QList<int>{5};
        QTest::newRow("quote in term") << "a\"b" << QList<int>{};
        QTest::newRow("no match") << "zebra" << QList<int>{};
    }
    void search()
    {
        QFETCH(QString, text);
        QFETCH(QList<int>, rows);
        QVector<qint64> expected;
        for (int r : rows)
            expected << m_ids[r];
        RecordFilter f;
        f.datasetId = m_dataset;
        f.search = text;
        // Before indexing (LIKE), after indexing (trigram FTS): same answer.
        const QString path = m_ws->path();
        QCOMPARE(query(f), expected);
        if (unindexedRecords(path) > 0)
            QCOMPARE(updateSearchIndex(path), qint64(6));
        QCOMPARE(unindexedRecords(path), qint64(0));
        QCOMPARE(query(f), expected);
    }

    void indexFollowsEdits()
    {
        updateSearchIndex(m_ws->path());
        RecordFilter f;
        f.datasetId = m_dataset;
        f.search = QStringLiteral("haiku");
        QCOMPARE(query(f).size(), 1);
        m_ws->setField(m_ids[0], RecordField::Instruction, QStringLiteral("Write a limerick about rain"));
        QVERIFY(query(f).isEmpty());
        f.search = QStringLiteral("limerick");
        QCOMPARE(query(f), QVector<qint64>{m_ids[0]});
        m_ws->setField(m_ids[0], RecordField::Instruction, QStringLiteral("Write a haiku about rain"));
    }

    void sorting()
    {
        RecordFilter f;
        f.datasetId = m_dataset;
        f.sortColumn = RecordColumn::Instruction;
        const auto asc = query(f);
        QCOMPARE(asc.first(), m_ids[5]);  // "100% ..." sorts first (bytewise)
        f.descending = true;
        const auto desc = query(f);
        QCOMPARE(desc.first(), m_ids[2]);  // CJK sorts last bytewise: 判 (U+5224) after 写 (U+5199)
        f.sortColumn = RecordColumn::Status;
        f.descending = false;
        QCOMPARE(query(f).last(), m_ids[1]);  // rejected = 2
    }
};

QTEST_GUILESS_MAIN(TestRecordFilter)
#include "test_recordfilter.moc"
