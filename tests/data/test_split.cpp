// Train/validation split: sizes, disjointness, determinism per seed.

#include <QtTest>

#include <set>

#include "data/split.h"

class TestSplit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sizes_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<double>("fraction");
        QTest::addColumn<int>("validation");
        QTest::newRow("10%") << 100 << 0.1 << 10;
        QTest::newRow("rounding") << 7 << 0.25 << 2;
        QTest::newRow("none") << 50 << 0.0 << 0;
        QTest::newRow("empty") << 0 << 0.5 << 0;
    }
    void sizes()
    {
        QFETCH(int, n);
        QFETCH(double, fraction);
        QFETCH(int, validation);
        const auto s = sft::splitIndices(n, fraction, 42);
        QCOMPARE(int(s.validation.size()), validation);
        QCOMPARE(int(s.train.size()), n - validation);
        std::set<std::int64_t> all(s.train.begin(), s.train.end());
        all.insert(s.validation.begin(), s.validation.end());
        QCOMPARE(int(all.size()), n);
    }
    void deterministic()
    {
        const auto a = sft::splitIndices(1000, 0.1, 7);
        const auto b = sft::splitIndices(1000, 0.1, 7);
        const auto c = sft::splitIndices(1000, 0.1, 8);
        QCOMPARE(a.validation, b.validation);
        QVERIFY(a.validation != c.validation);
        // Fixed values: the split must not change between releases or platforms.
        const auto d = sft::splitIndices(10, 0.3, 42);
        QCOMPARE(d.validation, (std::vector<std::int64_t>{0, 5, 9}));
    }
};

QTEST_GUILESS_MAIN(TestSplit)
#include "test_split.moc"
