// Logits of small random models in the Hugging Face layout (llama, qwen2,
// mistral; GQA, head_dim, biases, tied embeddings, RoPE with linear and
// llama3 scaling, rope_parameters, sliding window, ALiBi with 4 and 6 heads,
// bf16 weights) against a reference that follows transformers' modeling code
// in Debian python3-torch (reference_llama.py). The committed fixtures in
// data/ always run; a live regeneration with another seed runs when
// /usr/bin/python3 has torch. Row 1 of each batch is left-padded, so this also
// checks padding masks and position ids against transformers' conventions.

#include "model/causal_lm.h"
#include "model/language_model.h"
#include "model/weights_io.h"
#include "safetensors/file.h"

#include <QDir>
#include <QProcess>
#include <QtTest>

#include <cstring>

using namespace sft::model;

namespace {

torch::Tensor readTensor(const sft::safetensors::File &f, const std::string &name)
{
    const auto *info = f.find(name);
    if (!info)
        throw std::runtime_error("missing " + name);
    torch::Tensor t = torch::empty(info->shape, toTorchType(info->dtype));
    std::memcpy(t.data_ptr(), f.data(*info), info->byteSize());
    return t;
}

/** Max |ours - reference| over the real (unpadded) positions of a case folder. */
double caseDiff(const QString &dir, double *unbatchedDiff)
{
    auto lm = LanguageModel::load(dir.toStdString(), {"cpu", "fp32"});
    const auto f = sft::safetensors::File::open(QString(dir + QStringLiteral("/expected.safetensors")).toStdString());
    const torch::Tensor ids = readTensor(f, "input_ids");
    const torch::Tensor mask = readTensor(f, "attention_mask");
    const torch::Tensor want = readTensor(f, "logits");
    torch::NoGradGuard noGrad;
    const torch::Tensor got = lm->module()->forward(ids, mask).to(torch::kFloat32);
    const torch::Tensor valid = mask.to(torch::kBool).unsqueeze(-1).expand_as(want);
    const double diff = (got - want).abs().masked_select(valid).max().item<double>();
    // The padded row alone, without padding, must give the same logits.
    const std::int64_t pad = (mask[1] == 0).sum().item<std::int64_t>();
    const torch::Tensor alone = lm->module()->forward(ids[1].narrow(0, pad, ids.size(1) - pad).unsqueeze(0));
    *unbatchedDiff = (alone[0] - want[1].narrow(0, pad, ids.size(1) - pad)).abs().max().item<double>();
    return diff;
}

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
        QProcess p;
        p.start(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral(SFT_SOURCE_DIR "/tests/model/gen_fixtures.py"), out, QStringLiteral("777")});
        if (!p.waitForStarted(10000))
            QSKIP("/usr/bin/python3 is not available");
        QVERIFY(p.waitForFinished(240000));
        if (p.exitCode() != 0 && p.readAllStandardError().contains("No module named 'torch'"))
            QSKIP("/usr/bin/python3 has no torch");
        QCOMPARE(p.exitCode(), 0);
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
