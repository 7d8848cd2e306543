// The demo model presets' shapes (torch-free: the configs only, no weights):
// llama1b is TinyLlama-1.1B's shape with its published parameter count, the
// others keep their documented sizes, and an unknown name lists every preset.

#include "core/error.h"
#include "model/demo_model.h"
#include "model/model_config.h"

#include <QtTest>

using sft::model::ModelConfig;
using sft::model::presetConfig;

namespace {

/** Parameters of a LLaMA-style config counted from its shape (no biases), independently of parameterCount(). */
std::int64_t llamaParameters(const ModelConfig &c)
{
    const std::int64_t d = c.hiddenSize, q = c.numHeads * c.headDim, kv = c.numKvHeads * c.headDim;
    const std::int64_t attention = d * q + 2 * d * kv + q * d;
    const std::int64_t mlp = 3 * d * c.intermediateSize;
    const std::int64_t norms = 2 * d;
    const std::int64_t embeddings = c.vocabSize * d * (c.tieWordEmbeddings ? 1 : 2);
    return embeddings + c.numLayers * (attention + mlp + norms) + d;
}

} // namespace

class TestModelPresets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void llama1bIsTinyLlamaShaped()
    {
        const ModelConfig c = presetConfig("llama1b");
        QCOMPARE(c.modelType, std::string("llama"));
        QCOMPARE(c.vocabSize, std::int64_t(32000));
        QCOMPARE(c.hiddenSize, std::int64_t(2048));
        QCOMPARE(c.intermediateSize, std::int64_t(5632));
        QCOMPARE(c.numLayers, std::int64_t(22));
        QCOMPARE(c.numHeads, std::int64_t(32));
        QCOMPARE(c.numKvHeads, std::int64_t(4));
        QCOMPARE(c.headDim, std::int64_t(64));
        QCOMPARE(c.maxPositions, std::int64_t(4096));
        QCOMPARE(c.ropeTheta, 10000.0);
        QVERIFY(!c.tieWordEmbeddings);
        QVERIFY(!c.qkvBias && !c.oBias && !c.mlpBias);
        // TinyLlama-1.1B's published count; between 1.0 and 1.2 billion either way.
        QCOMPARE(llamaParameters(c), std::int64_t(1'100'048'384));
        QCOMPARE(c.parameterCount(), std::int64_t(1'100'048'384));
        QVERIFY(c.parameterCount() >= 1'000'000'000 && c.parameterCount() <= 1'200'000'000);
        // The BLOOM variant keeps width and depth.
        const ModelConfig b = presetConfig("llama1b", "alibi");
        QCOMPARE(b.hiddenSize, std::int64_t(2048));
        QCOMPARE(b.numLayers, std::int64_t(22));
        QCOMPARE(b.headDim, std::int64_t(64));
    }

    void otherPresetsKeepTheirSizes()
    {
        const ModelConfig tiny = presetConfig("tiny");
        QCOMPARE(tiny.parameterCount(), llamaParameters(tiny));
        QVERIFY(tiny.parameterCount() > 1'000'000 && tiny.parameterCount() < 2'000'000);
        const ModelConfig small = presetConfig("small100m");
        QCOMPARE(small.parameterCount(), llamaParameters(small));
        QVERIFY(small.parameterCount() > 90'000'000 && small.parameterCount() < 110'000'000);
    }

    void unknownPresetListsThem()
    {
        try {
            presetConfig("huge");
            QFAIL("an unknown preset was accepted");
        } catch (const sft::Error &e) {
            const QString msg = QString::fromStdString(e.what());
            for (const char *name : {"huge", "tiny", "small100m", "llama1b"})
                QVERIFY2(msg.contains(QLatin1String(name)), qPrintable(msg));
        }
    }
};

QTEST_GUILESS_MAIN(TestModelPresets)
#include "test_model_presets.moc"
