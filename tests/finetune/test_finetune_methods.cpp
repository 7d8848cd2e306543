// Adapters, prefix tuning, full fine-tuning and gradient checkpointing on the
// model engine: adapters start as the exact base model; adapters and prefixes
// train only their own tensors; the attached counts equal the plan's formulas
// for every method; a prefix gives the same logits with and without the KV
// cache and with packed rows; checkpointed layers give the same gradients;
// PEFT's prefix format; the RoPE interpolation factor equals a linear
// rope_scaling in config.json.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "core/error.h"
#include "finetune/methods.h"
#include "finetune/plan.h"
#include "model/autocast_compat.h"
#include "model/demo_model.h"
#include "model/language_model.h"
#include "safetensors/file.h"
#include "finetune_test_util.h"

using namespace sft;
using namespace sft::finetune;

namespace {

model::ModelConfig tinyConfig(bool qwenLike = false)
{
    model::ModelConfig c = model::presetConfig("tiny");
    c.vocabSize = 256;
    if (qwenLike) {
        // GQA 4:1, biases on q/k/v, tied embeddings: the shapes the formulas must follow.
        c.modelType = "qwen2";
        c.numHeads = 8;
        c.numKvHeads = 2;
        c.headDim = 16;
        c.qkvBias = true;
        c.tieWordEmbeddings = true;
    }
    return c;
}

model::CausalLM makeModel(const model::ModelConfig &c, std::uint64_t seed = 3)
{
    model::CausalLM m(c);
    m->initWeights(seed);
    m->eval();
    return m;
}

torch::Tensor ids(std::int64_t n = 16) { return torch::arange(1, n + 1, torch::kInt64).view({1, n}); }

using sfttest::snapshot;

/** One AdamW step on the summed logits' log-softmax of a fixed batch. */
void trainOneStep(model::CausalLMImpl &m)
{
    m.train();
    std::vector<torch::Tensor> params;
    for (auto &p : m.parameters())
        if (p.requires_grad())
            params.push_back(p);
    torch::optim::AdamW opt(params, torch::optim::AdamWOptions(1e-2));
    const torch::Tensor logits = m.forward(ids());
    const torch::Tensor loss = torch::nn::functional::cross_entropy(logits.view({-1, logits.size(-1)}),
                                                                  torch::roll(ids(), -1, 1).view({-1}));
    loss.backward();
    opt.step();
    m.eval();
}

TrainConfig configFor(Method method)
{
    TrainConfig c;
    c.baseModel = "m";
    c.trainData = "d";
    c.method = method;
    c.lora.targetModules = {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"};
    c.adapter.bottleneck = 12;
    c.prefix.numVirtualTokens = 5;
    return c;
}

} // namespace

class TestFinetuneMethods : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsMatchThePlan_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<bool>("qwenLike");
        QTest::addColumn<bool>("projection");
        for (bool q : {false, true}) {
            const char *arch = q ? "gqa+bias+tied" : "llama";
            QTest::newRow((std::string("lora ") + arch).c_str()) << int(Method::Lora) << q << false;
            QTest::newRow((std::string("adapter ") + arch).c_str()) << int(Method::Adapter) << q << false;
            QTest::newRow((std::string("prefix ") + arch).c_str()) << int(Method::Prefix) << q << false;
            QTest::newRow((std::string("prefix-mlp ") + arch).c_str()) << int(Method::Prefix) << q << true;
            QTest::newRow((std::string("full ") + arch).c_str()) << int(Method::Full) << q << false;
        }
    }
    void countsMatchThePlan()
    {
        QFETCH(int, method);
        QFETCH(bool, qwenLike);
        QFETCH(bool, projection);
        const model::ModelConfig mc = tinyConfig(qwenLike);
        auto m = makeModel(mc);
        TrainConfig cfg = configFor(Method(method));
        cfg.prefix.projection = projection;
        cfg.prefix.projectionHidden = 24;
        const MethodAttachment att = attachMethod(*m, cfg, 1);
        const ParameterPlan plan = parameterPlan(mc, cfg);
        QCOMPARE(att.trainableParameters, plan.trainable);
        // The formulas written out by hand for this architecture.
        const std::int64_t h = mc.hiddenSize, L = mc.numLayers, kv = mc.numKvHeads * mc.headDim;
        std::int64_t expected = 0;
        switch (Method(method)) {
        case Method::Lora: {
            const std::int64_t q = mc.numHeads * mc.headDim, I = mc.intermediateSize, r = cfg.lora.rank;
            expected = L * r * ((h + q) + 2 * (h + kv) + (q + h) + 2 * (h + I) + (I + h));
            break;
        }
        case Method::Adapter: expected = L * 2 * (2 * h * 12 + 12 + h); break;
        case Method::Prefix:
            expected = projection ? 5 * h + h * 24 + 24 + 24 * (2 * L * kv) + 2 * L * kv : 5 * 2 * L * kv;
            break;
        case Method::Full: expected = mc.parameterCount(); break;
        }
        QCOMPARE(plan.trainable, expected);
        QVERIFY(plan.share > 0 && plan.share <= 1.0);
        QVERIFY(!plan.formula.empty());
    }

    void adapterStartsAsIdentityAndTrainsOnlyItself()
    {
        auto m = makeModel(tinyConfig());
        torch::Tensor before;
        {
            torch::NoGradGuard g;
            before = m->forward(ids());
        }
        const auto att = attachMethod(*m, configFor(Method::Adapter), 1);
        for (const auto &n : att.trainableNames)
            QVERIFY2(n.find(".adapter.") != std::string::npos, n.c_str());
        {
            torch::NoGradGuard g;
            QVERIFY(torch::equal(m->forward(ids()), before)); // zero up-projection: exactly the base model
        }
        const auto base = snapshot(*m);
        trainOneStep(*m);
        int changed = 0;
        for (const auto &p : m->named_parameters()) {
            const bool same = torch::equal(p.value(), base.at(p.key()));
            if (p.key().find(".adapter.") == std::string::npos)
                QVERIFY2(same, p.key().c_str());
            else
                changed += !same;
        }
        QVERIFY(changed > 0);
        torch::NoGradGuard g;
        QVERIFY(!torch::equal(m->forward(ids()), before));
    }

    void prefixTrainsOnlyItself()
    {
        auto m = makeModel(tinyConfig());
        const auto att = attachMethod(*m, configFor(Method::Prefix), 1);
        QCOMPARE(att.trainableNames.size(), std::size_t(1));
        QCOMPARE(att.trainableNames[0], std::string("model.prefix_encoder.embedding.weight"));
        const auto base = snapshot(*m);
        trainOneStep(*m);
        for (const auto &p : m->named_parameters()) {
            const bool same = torch::equal(p.value(), base.at(p.key()));
            QVERIFY2(same == (p.key().find("prefix_encoder") == std::string::npos), p.key().c_str());
        }
    }

    void prefixCacheAndPackingAgree()
    {
        for (bool withPrefix : {false, true}) {
            auto m = makeModel(tinyConfig(true));
            if (withPrefix) {
                TrainConfig cfg = configFor(Method::Prefix);
                cfg.prefix.projection = true;
                attachMethod(*m, cfg, 5);
            }
            torch::NoGradGuard g;
            // Full forward vs prompt into the cache + one more token.
            const torch::Tensor full = m->forward(ids(12));
            model::KVCache cache;
            m->forward(ids(12).narrow(1, 0, 11), {}, {}, &cache);
            const torch::Tensor step = m->forward(ids(12).narrow(1, 11, 1), {}, {}, &cache);
            QVERIFY(torch::allclose(step[0][0], full[0][11], 1e-5, 1e-5));
            // Two sequences packed in one row (own positions, block-causal) vs each alone.
            const torch::Tensor a = torch::tensor({5, 9, 13, 2, 7}, torch::kInt64), b = torch::tensor({3, 4, 8}, torch::kInt64);
            const torch::Tensor row = torch::cat({a, b}).view({1, 8});
            const torch::Tensor pos = torch::tensor({0, 1, 2, 3, 4, 0, 1, 2}, torch::kInt64).view({1, 8});
            const torch::Tensor seg = torch::tensor({0, 0, 0, 0, 0, 1, 1, 1}, torch::kInt64);
            const torch::Tensor i = torch::arange(8);
            const torch::Tensor structure =
                (seg.unsqueeze(1) == seg.unsqueeze(0)).logical_and(i.unsqueeze(0) <= i.unsqueeze(1)).unsqueeze(0);
            const torch::Tensor packed = m->logits(m->hidden(row, {}, pos, nullptr, structure));
            const torch::Tensor alone = torch::cat({m->forward(a.view({1, 5}))[0], m->forward(b.view({1, 3}))[0]});
            const double diff = (packed[0] - alone).abs().max().item<double>();
            QVERIFY2(diff < 1e-5, (std::to_string(diff) + (withPrefix ? " with prefix" : "")).c_str());
        }
    }

    void prefixShrinksTheContext()
    {
        const model::ModelConfig mc = tinyConfig();
        TrainConfig cfg = configFor(Method::Prefix);
        QCOMPARE(contextBudget(mc, cfg), mc.maxPositions - 5);
        cfg.ropeFactor = 2.0;
        QCOMPARE(contextBudget(mc, cfg), 2 * mc.maxPositions - 5);
        cfg.method = Method::Lora;
        QCOMPARE(contextBudget(mc, cfg), 2 * mc.maxPositions);
    }

    void checkpointingGivesTheSameGradients()
    {
        std::map<std::string, torch::Tensor> grads[2];
        for (int gc = 0; gc < 2; ++gc) {
            auto m = makeModel(tinyConfig(true));
            TrainConfig cfg = configFor(gc == 0 ? Method::Full : Method::Full);
            attachMethod(*m, cfg, 1);
            grads[gc] = sfttest::nextTokenGradients(m, ids(), gc == 1);
            for (const auto &[name, g] : grads[gc])
                QVERIFY2(g.defined(), name.c_str());
        }
        for (const auto &[name, g] : grads[0])
            QVERIFY2(torch::allclose(g, grads[1].at(name), 1e-5, 1e-7), name.c_str());
        // LoRA on frozen embeddings: the checkpointed layers still reach the LoRA tensors.
        auto m = makeModel(tinyConfig());
        attachMethod(*m, configFor(Method::Lora), 1);
        m->model->setGradientCheckpointing(true);
        m->train();
        const torch::Tensor logits = m->forward(ids());
        logits.logsumexp(-1).sum().backward();
        int withGrad = 0;
        for (const auto &p : m->named_parameters())
            withGrad += p.value().requires_grad() && p.value().grad().defined();
        QCOMPARE(withGrad, int(trainableParameters(*m).size()));
        QVERIFY_THROWS_EXCEPTION(sft::Error, [] {
            auto m2 = makeModel(tinyConfig());
            TrainConfig c = configFor(Method::Prefix);
            c.gradientCheckpointing = true;
            attachMethod(*m2, c, 1);
        }());
    }

    void checkpointingUnderAutocastUsesTheCurrentWeights()
    {
        // Under bf16 autocast the recomputation in backward must run in the forward's autocast mode and
        // dtype, and leave no cast weights cached for the next step: two steps give the same losses with
        // and without checkpointing. (LibTorch 1.13 on the CPU does not reuse such a cache, so here this
        // guards the mode and dtype; on CUDA it also guards the cache.)
        double second[2] = {0, 0};
        for (int gc = 0; gc < 2; ++gc) {
            auto m = makeModel(tinyConfig());
            attachMethod(*m, configFor(Method::Lora), 1);
            {
                torch::NoGradGuard g;
                torch::manual_seed(7);   // the same B in both runs
                for (auto &p : m->named_parameters())
                    if (p.key().find("lora_B") != std::string::npos)
                        p.value().normal_(0.0, 0.05);
            }
            m->model->setGradientCheckpointing(gc == 1);
            m->train();
            std::vector<torch::Tensor> params;
            for (auto &p : m->parameters())
                if (p.requires_grad())
                    params.push_back(p);
            torch::optim::SGD opt(params, torch::optim::SGDOptions(0.5));
            for (int step = 0; step < 2; ++step) {
                opt.zero_grad();
                torch::Tensor loss;
                {
                    sft::model::autocast::Scope scope(c10::DeviceType::CPU, true);
                    const torch::Tensor logits = m->forward(ids());
                    loss = torch::nn::functional::cross_entropy(logits.view({-1, logits.size(-1)}).to(torch::kFloat32),
                                                                torch::roll(ids(), -1, 1).view({-1}));
                }
                loss.backward();
                opt.step();
                second[gc] = loss.item<double>();
            }
        }
        QVERIFY2(std::abs(second[0] - second[1]) < 1e-6,
                 qPrintable(QStringLiteral("%1 vs %2").arg(second[0], 0, 'g', 10).arg(second[1], 0, 'g', 10)));
    }

    void peftPrefixFormat()
    {
        const model::ModelConfig mc = tinyConfig(true);
        auto m = makeModel(mc);
        TrainConfig cfg = configFor(Method::Prefix);
        cfg.prefix.projection = true;
        attachMethod(*m, cfg, 1);
        QTemporaryDir dir;
        savePeftPrefix(*m, cfg, dir.path().toStdString(), "base");
        QFile f(dir.filePath(QStringLiteral("adapter_config.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject j = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(j.value(QStringLiteral("peft_type")).toString(), QStringLiteral("PREFIX_TUNING"));
        QCOMPARE(j.value(QStringLiteral("task_type")).toString(), QStringLiteral("CAUSAL_LM"));
        QCOMPARE(j.value(QStringLiteral("num_virtual_tokens")).toInt(), 5);
        QCOMPARE(j.value(QStringLiteral("token_dim")).toInt(), int(mc.numKvHeads * mc.headDim));
        QCOMPARE(j.value(QStringLiteral("num_layers")).toInt(), int(mc.numLayers));
        const auto file = safetensors::File::open(dir.filePath(QStringLiteral("adapter_model.safetensors")).toStdString());
        const auto *t = file.find("prompt_embeddings");
        QVERIFY(t);
        QCOMPARE(t->shape, (std::vector<std::int64_t>{5, mc.numLayers * 2 * mc.numKvHeads * mc.headDim}));
        QCOMPARE(file.header().tensors.size(), std::size_t(1));
    }

    void ropeFactorIsLinearScaling()
    {
        model::ModelConfig c = tinyConfig();
        model::LoadOptions o;
        o.device = "cpu";
        o.ropeFactor = 2.0;
        auto interpolated = model::LanguageModel::create(c, 9, o);
        QCOMPARE(interpolated->config().maxPositions, 2 * c.maxPositions);
        model::ModelConfig byHand = c;
        byHand.ropeScaling.type = model::RopeScaling::Type::Linear;
        byHand.ropeScaling.factor = 2.0;
        auto reference = model::LanguageModel::create(byHand, 9, {"cpu", "auto"});
        const std::vector<std::int64_t> prompt = {1, 2, 3, 4, 5, 6, 7, 8}, cont = {9, 10, 11};
        const double si = interpolated->score(prompt, cont).sum, sr = reference->score(prompt, cont).sum;
        QVERIFY2(si == sr, qPrintable(QStringLiteral("%1 vs %2").arg(si, 0, 'g', 17).arg(sr, 0, 'g', 17)));
        auto plain = model::LanguageModel::create(c, 9, {"cpu", "auto"});
        QVERIFY(plain->score(prompt, cont).sum != reference->score(prompt, cont).sum);
        model::ModelConfig alibi = c;
        alibi.positionEncoding = model::PositionEncoding::Alibi;
        QVERIFY_THROWS_EXCEPTION(sft::Error, model::LanguageModel::create(alibi, 1, o));
        o.ropeFactor = 0.5;
        QVERIFY_THROWS_EXCEPTION(sft::Error, model::LanguageModel::create(c, 1, o));
    }
};

QTEST_GUILESS_MAIN(TestFinetuneMethods)
#include "test_finetune_methods.moc"
