// Logits of small random models in the Hugging Face layout (llama, qwen2,
// mistral; GQA, head_dim, biases, tied embeddings, RoPE with linear and
// llama3 scaling, rope_parameters, sliding window, ALiBi with 4 and 6 heads,
// bf16 weights) against a reference that follows transformers' modeling code
// in Debian python3-torch (reference_llama.py). The committed fixtures in
// data/ always run; a live regeneration with another seed runs when
// /usr/bin/python3 has torch. Row 1 of each batch is left-padded, so this also
// checks padding masks and position ids against transformers' conventions.

#include "model_test_util.h"
#include "test_util.h"

#include <QDir>
#include <QtTest>

using namespace sft::model;
using sfttest::caseDiff;

namespace {

void addCaseRows(const QString &root)
{
    const QStringList cases = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &c : cases)
        QTest::newRow(qPrintable(c)) << QString(root + QLatin1Char('/') + c);
}

} // namespace

class TestModelReference : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void committedFixtures_data()
    {
        QTest::addColumn<QString>("dir");
        addCaseRows(QStringLiteral(SFT_TEST_DATA_DIR));
    }

    void committedFixtures()
    {
        QFETCH(QString, dir);
        double unbatched = 0;
        const double diff = caseDiff(dir, &unbatched);
        qInfo("max |logit diff| %.3g (padded batch), %.3g (row alone)", diff, unbatched);
        QVERIFY2(diff < 1e-4, qPrintable(QString::number(diff)));
        QVERIFY2(unbatched < 1e-4, qPrintable(QString::number(unbatched)));
    }

    void liveReference()
    {
        const QString out = QStringLiteral(SFT_BINARY_DIR "/tests/model/live_reference");
        QDir(out).removeRecursively();
        const sfttest::ReferenceRun run = sfttest::runTorchReference(
            {QStringLiteral(SFT_SOURCE_DIR "/tests/model/gen_fixtures.py"), out, QStringLiteral("777")});
        if (!run.skip.isEmpty())
            QSKIP(qPrintable(run.skip));
        QVERIFY(run.finished);
        QCOMPARE(run.exitCode, 0);
        const QStringList cases = QDir(out).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QCOMPARE(cases.size(), 8);
        for (const QString &c : cases) {
            double unbatched = 0;
            const double diff = caseDiff(QString(out + QLatin1Char('/') + c), &unbatched);
            qInfo("live %s: max |logit diff| %.3g, row alone %.3g", qPrintable(c), diff, unbatched);
            QVERIFY2(diff < 1e-4 && unbatched < 1e-4, qPrintable(c));
        }
    }
};

QTEST_GUILESS_MAIN(TestModelReference)
#include "test_model_reference.moc"
