// Internal consistency of the engine, each checked against an independent
// computation: KV-cache incremental decoding against the full forward pass,
// left-padded batches (prompt and decode steps) against each sequence alone,
// log-probabilities against log_softmax + gather of the full logits, the
// shared-prompt batch scorer against one-by-one scoring, ALiBi slopes against
// the paper's closed form, HF parameter names, save/load round trips, bf16
// against fp32, and the projection branch hook that LoRA will use.

#include "core/error.h"
#include "model/causal_lm.h"
#include "model/language_model.h"
#include "model/positions.h"
#include "model_test_util.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <set>

using namespace sft::model;
using sfttest::maxDiff;
using sfttest::randomIds;

namespace {

ModelConfig makeConfig(const QString &kind)
{
    ModelConfig c;
    c.vocabSize = 50;
    c.hiddenSize = 32;
    c.intermediateSize = 48;
    c.numLayers = 2;
    c.numHeads = 4;
    c.numKvHeads = 2;
    c.headDim = 8;
    c.rmsNormEps = 1e-5;
    c.ropeTheta = 100.0;
    if (kind == QLatin1String("llama-linear")) {
        c.ropeScaling.type = RopeScaling::Type::Linear;
        c.ropeScaling.factor = 2.0;
        c.qkvBias = c.oBias = c.mlpBias = true;
    } else if (kind == QLatin1String("qwen2-tied")) {
        c.modelType = "qwen2";
        c.qkvBias = true;
        c.tieWordEmbeddings = true;
    } else if (kind == QLatin1String("alibi6")) {
        c.hiddenSize = 48;
        c.numHeads = 6;
        c.numKvHeads = 3;
        c.positionEncoding = PositionEncoding::Alibi;
    } else if (kind == QLatin1String("mistral-window")) {
        c.modelType = "mistral";
        c.slidingWindow = 3;
    } else if (kind == QLatin1String("llama3")) {
        c.ropeScaling.type = RopeScaling::Type::Llama3;
        c.ropeScaling.factor = 8;
        c.ropeScaling.originalMaxPositions = 16;
    }
    return c;
}

std::unique_ptr<LanguageModel> makeModel(const QString &kind, std::uint64_t seed = 3)
{
    auto lm = LanguageModel::create(makeConfig(kind), seed, {"cpu", "fp32"});
    // Larger weights than the 0.02 init so that logits vary strongly with context.
    torch::NoGradGuard noGrad;
    for (auto &p : lm->module()->parameters())
        if (p.dim() == 2)
            p.mul_(15.0);
    return lm;
}

} // namespace

class TestModelEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void kvCacheMatchesFullForward_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char *k : {"llama-linear", "qwen2-tied", "alibi6", "mistral-window", "llama3"})
            QTest::newRow(k) << QString::fromLatin1(k);
    }

    void kvCacheMatchesFullForward()
    {
        QFETCH(QString, kind);
        auto lm = makeModel(kind);
        torch::NoGradGuard noGrad;
        const torch::Tensor ids = randomIds(12, 50, 11);
        const torch::Tensor full = lm->module()->forward(ids);
        KVCache cache;
        std::vector<torch::Tensor> parts{lm->module()->forward(ids.narrow(1, 0, 5), {}, {}, &cache)};
        for (std::int64_t t = 5; t < 12; ++t)
            parts.push_back(lm->module()->forward(ids.narrow(1, t, 1), {}, {}, &cache));
        QCOMPARE(cache.length(), std::int64_t(12));
        const double d = maxDiff(torch::cat(parts, 1), full);
        QVERIFY2(d < 1e-5, qPrintable(QString::number(d)));
        QVERIFY(full.abs().max().item<double>() > 1.0); // logits are not trivially small
    }

    void paddedBatchMatchesUnbatched_data() { kvCacheMatchesFullForward_data(); }

    void paddedBatchMatchesUnbatched()
    {
        QFETCH(QString, kind);
        auto lm = makeModel(kind);
        torch::NoGradGuard noGrad;
        const torch::Tensor a = randomIds(7, 50, 21), b = randomIds(4, 50, 22);
        const torch::Tensor steps = randomIds(6, 50, 23).view({2, 3}); // 3 decode steps for 2 rows
        // Batch: b left-padded by 3.
        torch::Tensor ids = torch::zeros({2, 7}, torch::kInt64);
        torch::Tensor mask = torch::zeros({2, 7}, torch::kInt64);
        ids[0].copy_(a[0]);
        mask[0].fill_(1);
        ids[1].narrow(0, 3, 4).copy_(b[0]);
        mask[1].narrow(0, 3, 4).fill_(1);
        KVCache cache;
        std::vector<torch::Tensor> batched{lm->module()->forward(ids, mask, {}, &cache)};
        for (int s = 0; s < 3; ++s)
            batched.push_back(lm->module()->forward(steps.select(1, s).unsqueeze(1), {}, {}, &cache));
        const torch::Tensor bl = torch::cat(batched, 1); // [2, 10, V]

        for (int row = 0; row < 2; ++row) {
            const torch::Tensor seq = torch::cat({row == 0 ? a : b, steps[row].unsqueeze(0)}, 1);
            const torch::Tensor alone = lm->module()->forward(seq)[0];
            const std::int64_t pad = row == 0 ? 0 : 3;
            const double d = maxDiff(bl[row].narrow(0, pad, 10 - pad), alone);
            QVERIFY2(d < 1e-5, qPrintable(QStringLiteral("row %1: %2").arg(row).arg(d)));
        }
    }

    void scoreMatchesLogSoftmaxGather()
    {
        auto lm = makeModel(QStringLiteral("llama-linear"));
        const std::vector<std::int64_t> prompt = {3, 14, 15, 9, 2}, cont = {6, 5, 35, 8};
        const ContinuationScore s = lm->score(prompt, cont);
        torch::NoGradGuard noGrad;
        std::vector<std::int64_t> all = prompt;
        all.insert(all.end(), cont.begin(), cont.end());
        const torch::Tensor lp = torch::log_softmax(lm->module()->forward(torch::tensor(all).view({1, -1}))[0], -1);
        double sum = 0;
        QCOMPARE(s.tokenLogprobs.size(), cont.size());
        for (std::size_t i = 0; i < cont.size(); ++i) {
            const double want = lp[static_cast<std::int64_t>(prompt.size() + i - 1)][cont[i]].item<double>();
            QVERIFY(std::abs(s.tokenLogprobs[i] - want) < 1e-5);
            QVERIFY(want < 0);
            sum += want;
        }
        QVERIFY(std::abs(s.sum - sum) < 1e-5);
    }

    void scoreManyMatchesScore_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("longOnes");
        for (const char *k : {"llama-linear", "qwen2-tied", "alibi6", "mistral-window", "llama3"}) {
            QTest::addRow("%s packed", k) << QString::fromLatin1(k) << false;
            QTest::addRow("%s cached", k) << QString::fromLatin1(k) << true;
        }
    }

    void scoreManyMatchesScore()
    {
        QFETCH(QString, kind);
        auto lm = makeModel(kind);
        // Few continuation tokens take the packed single pass; many take the KV-cache batch.
        const std::vector<std::int64_t> prompt = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        std::vector<std::vector<std::int64_t>> conts = {{5}, {6, 7, 8, 9}, {}, {49, 0, 3}, {12, 12}};
        QFETCH(bool, longOnes);
        if (longOnes)
            for (int k = 0; k < 6; ++k)
                conts.push_back(std::vector<std::int64_t>(static_cast<std::size_t>(10 + k), 7 + k));
        const auto many = lm->scoreMany(prompt, conts);
        QCOMPARE(many.size(), conts.size());
        for (std::size_t i = 0; i < conts.size(); ++i) {
            const auto one = lm->score(prompt, conts[i]);
            QCOMPARE(many[i].tokenLogprobs.size(), conts[i].size());
            for (std::size_t t = 0; t < conts[i].size(); ++t)
                QVERIFY2(std::abs(many[i].tokenLogprobs[t] - one.tokenLogprobs[t]) < 1e-5,
                         qPrintable(QStringLiteral("%1/%2").arg(i).arg(t)));
            // Per-token agreement within 1e-5; the sum accumulates the rounding of each term.
            const double tol = 1e-5 * std::max<std::size_t>(1, conts[i].size());
            QVERIFY2(std::abs(many[i].sum - one.sum) < tol, qPrintable(QString::number(many[i].sum - one.sum)));
        }
        const std::vector<std::vector<std::int64_t>> outOfVocab = {{50}};
        const std::vector<std::int64_t> one = {1};
        QVERIFY_THROWS_EXCEPTION(sft::Error, lm->scoreMany(prompt, outOfVocab));
        QVERIFY_THROWS_EXCEPTION(sft::Error, lm->score(std::vector<std::int64_t>(), one));
    }

    void alibiSlopesFollowThePaper()
    {
        // n = 8: 2^-1 ... 2^-8; n = 6: the 4-head slopes 2^-2, 2^-4, 2^-6, 2^-8, then the
        // odd-indexed 8-head slopes 2^-1, 2^-3.
        const std::vector<double> want8 = {0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625, 0.0078125, 0.00390625};
        const std::vector<double> want6 = {0.25, 0.0625, 0.015625, 0.00390625, 0.5, 0.125};
        const torch::Tensor s8 = alibiSlopes(8), s6 = alibiSlopes(6);
        for (int i = 0; i < 8; ++i)
            QCOMPARE(s8[i].item<double>(), want8[static_cast<std::size_t>(i)]);
        for (int i = 0; i < 6; ++i)
            QCOMPARE(s6[i].item<double>(), want6[static_cast<std::size_t>(i)]);
    }

    void parameterNamesAreHuggingFaceNames()
    {
        for (const bool tied : {false, true}) {
            ModelConfig c = makeConfig(QStringLiteral("llama-linear"));
            c.tieWordEmbeddings = tied;
            CausalLM m(c);
            std::set<std::string> names;
            std::int64_t count = 0;
            for (const auto &p : m->named_parameters()) {
                names.insert(p.key());
                count += p.value().numel();
            }
            std::set<std::string> want = {"model.embed_tokens.weight", "model.norm.weight"};
            if (!tied)
                want.insert("lm_head.weight");
            for (int l = 0; l < 2; ++l) {
                const std::string p = "model.layers." + std::to_string(l) + ".";
                for (const char *n : {"q_proj", "k_proj", "v_proj", "o_proj"})
                    for (const char *w : {".weight", ".bias"})
                        want.insert(p + "self_attn." + n + w);
                for (const char *n : {"gate_proj", "up_proj", "down_proj"})
                    for (const char *w : {".weight", ".bias"})
                        want.insert(p + "mlp." + n + w);
                want.insert(p + "input_layernorm.weight");
                want.insert(p + "post_attention_layernorm.weight");
            }
            QCOMPARE(names, want);
            QCOMPARE(count, c.parameterCount());
        }
    }

    void projectionBranchHook()
    {
        struct AddOne : ProjectionBranch
        {
            AddOne() { scale = register_parameter("scale", torch::ones({1})); }
            torch::Tensor forward(const torch::Tensor &, const torch::Tensor &base) override { return base + scale; }
            torch::Tensor scale;
        };
        auto lm = makeModel(QStringLiteral("llama-linear"));
        torch::NoGradGuard noGrad;
        const torch::Tensor ids = randomIds(6, 50, 5);
        const torch::Tensor before = lm->module()->forward(ids);
        auto proj = lm->module()->projection("model.layers.1.self_attn.v_proj");
        QVERIFY(proj);
        QVERIFY(!lm->module()->projection("model.layers.9.self_attn.v_proj"));
        proj->setBranch(std::make_shared<AddOne>(), "lora");
        bool found = false;
        for (const auto &p : lm->module()->named_parameters())
            found = found || p.key() == "model.layers.1.self_attn.v_proj.lora.scale";
        QVERIFY(found);
        QVERIFY(maxDiff(lm->module()->forward(ids), before) > 1e-3);
        proj->clearBranch();
        QCOMPARE(maxDiff(lm->module()->forward(ids), before), 0.0);
    }

    void saveLoadRoundTrip_data()
    {
        QTest::addColumn<QString>("dtype");
        QTest::newRow("fp32") << QStringLiteral("fp32");
        QTest::newRow("bf16") << QStringLiteral("bf16");
    }

    void saveLoadRoundTrip()
    {
        QFETCH(QString, dtype);
        QTemporaryDir tmp;
        auto lm = LanguageModel::create(makeConfig(QStringLiteral("qwen2-tied")), 9, {"cpu", dtype.toStdString()});
        lm->save(tmp.path().toStdString());
        auto back = LanguageModel::load(tmp.path().toStdString(), {"cpu", "auto"});
        QCOMPARE(QString::fromStdString(back->dtype()), dtype);
        torch::NoGradGuard noGrad;
        const torch::Tensor ids = randomIds(8, 50, 1);
        QCOMPARE(maxDiff(back->module()->forward(ids).to(torch::kFloat32), lm->module()->forward(ids).to(torch::kFloat32)),
                 0.0);
    }

    void bf16CloseToFp32()
    {
        auto f32 = LanguageModel::create(makeConfig(QStringLiteral("llama3")), 4, {"cpu", "fp32"});
        auto b16 = LanguageModel::create(makeConfig(QStringLiteral("llama3")), 4, {"cpu", "bf16"});
        QCOMPARE(QString::fromStdString(b16->dtype()), QStringLiteral("bf16"));
        torch::NoGradGuard noGrad;
        const torch::Tensor ids = randomIds(10, 50, 2);
        const torch::Tensor a = f32->module()->forward(ids);
        const torch::Tensor b = b16->module()->forward(ids);
        QCOMPARE(b.scalar_type(), torch::kBFloat16);
        const double scale = a.abs().max().item<double>();
        QVERIFY2(maxDiff(a, b.to(torch::kFloat32)) < 0.05 * scale + 1e-3,
                 qPrintable(QString::number(maxDiff(a, b.to(torch::kFloat32)))));
    }

    void refusesBadDevicesAndDtypes()
    {
        const ModelConfig c = makeConfig(QStringLiteral("llama-linear"));
        const LoadOptions tpu{"tpu", "fp32"}, int8{"cpu", "int8"}, cuda{"cuda", "fp32"};
        QVERIFY_THROWS_EXCEPTION(sft::Error, LanguageModel::create(c, 0, tpu));
        QVERIFY_THROWS_EXCEPTION(sft::Error, LanguageModel::create(c, 0, int8));
        if (!torch::cuda::is_available())
            QVERIFY_THROWS_EXCEPTION(sft::Error, LanguageModel::create(c, 0, cuda));
        QVERIFY_THROWS_EXCEPTION(sft::Error, LanguageModel::load("/nonexistent-model-dir"));
    }
};

QTEST_GUILESS_MAIN(TestModelEngine)
#include "test_model_engine.moc"
