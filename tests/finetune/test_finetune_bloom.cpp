// Fine-tuning a BLOOM model (ALiBi, fused query_key_value, LayerNorm, GELU):
// LoRA on query_key_value, dense and the MLP counts r·(in + out) by the
// formula, starts as an exact no-op, merges into the same logits and saves
// PEFT keys with BLOOM's names; adapters sit after dense and dense_4h_to_h;
// prefixes agree with and without the KV cache and export in PEFT's layout;
// checkpointed layers give the same gradients (full and LoRA); a LLaMA
// projection name is refused with the valid ones listed, no name at all means
// query_key_value; the memory estimate counts the GELU MLP's 2·I. Then
// `train --run-dir` with the default targets (and its warnings), every method
// a few steps end to end (the trainer on the BLOOM model init-model writes)
// and a LoRA run that merges into the weights it scores with.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

#include "core/error.h"
#include "finetune/methods.h"
#include "finetune/plan.h"
#include "finetune/trainer.h"
#include "model/architecture.h"
#include "model/demo_model.h"
#include "model/language_model.h"
#include "safetensors/file.h"
#include "finetune_test_util.h"
#include "test_util.h"

using namespace sft;
using namespace sft::finetune;

namespace {

model::ModelConfig bloomConfig()
{
    // The demo preset as BLOOM, 6 heads (two of BLOOM's extra ALiBi slopes), residuals from the normed values.
    model::ModelConfig c = model::presetConfig("tiny", "alibi");
    c.vocabSize = 256;
    c.hiddenSize = 48;
    c.intermediateSize = 4 * c.hiddenSize;
    c.numLayers = 3;
    c.numHeads = c.numKvHeads = 6;
    c.headDim = 8;
    c.residualPostLayerNorm = true;
    return c;
}

model::CausalLM makeModel(std::uint64_t seed = 3)
{
    model::CausalLM m(bloomConfig());
    m->initWeights(seed);
    m->eval();
    return m;
}

torch::Tensor ids(std::int64_t n = 16) { return torch::arange(1, n + 1, torch::kInt64).view({1, n}); }

const std::vector<std::string> kAll = {"query_key_value", "dense", "dense_h_to_4h", "dense_4h_to_h"};

TrainConfig configFor(Method method)
{
    TrainConfig c;
    c.baseModel = "m";
    c.trainData = "d";
    c.method = method;
    c.lora.targetModules = kAll;
    c.adapter.bottleneck = 12;
    c.prefix.numVirtualTokens = 5;
    return c;
}

using sfttest::snapshot;

double nextTokenLoss(model::CausalLMImpl &m)
{
    const torch::Tensor logits = m.forward(ids());
    return torch::nn::functional::cross_entropy(logits.view({-1, logits.size(-1)}), torch::roll(ids(), -1, 1).view({-1}))
        .item<double>();
}

/** A few AdamW steps on a fixed batch; returns the losses before and after. */
std::pair<double, double> train(model::CausalLMImpl &m, int steps)
{
    std::vector<torch::Tensor> params;
    for (auto &p : m.parameters())
        if (p.requires_grad())
            params.push_back(p);
    torch::optim::AdamW opt(params, torch::optim::AdamWOptions(1e-2));
    double first = 0;
    m.train();
    for (int s = 0; s < steps; ++s) {
        opt.zero_grad();
        const torch::Tensor logits = m.forward(ids());
        const torch::Tensor loss = torch::nn::functional::cross_entropy(logits.view({-1, logits.size(-1)}),
                                                                      torch::roll(ids(), -1, 1).view({-1}));
        if (s == 0)
            first = loss.item<double>();
        loss.backward();
        opt.step();
    }
    m.eval();
    torch::NoGradGuard g;
    return {first, nextTokenLoss(m)};
}

std::string errorOf(const std::function<void()> &f, std::string *field = nullptr)
{
    try {
        f();
    } catch (const Error &e) {
        if (field)
            *field = e.where().field;
        return e.what();
    }
    return {};
}

QList<QJsonObject> events(const QString &runDir, const QString &kind) { return sfttest::runEvents(runDir, kind); }

} // namespace

class TestFinetuneBloom : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void loraCountsByFormula()
    {
        auto m = makeModel();
        LoraConfig cfg;
        cfg.rank = 4;
        cfg.targetModules = kAll;
        const auto att = attachLora(*m, cfg, 1);
        const auto &c = m->config();
        const std::int64_t h = c.hiddenSize, L = c.numLayers, r = 4;
        // query_key_value h -> 3h, dense h -> h, dense_h_to_4h h -> 4h, dense_4h_to_h 4h -> h.
        const std::int64_t expected = L * r * ((h + 3 * h) + (h + h) + (h + 4 * h) + (4 * h + h));
        QCOMPARE(att.trainableParameters, expected);
        QCOMPARE(loraParameterCount(c, cfg), expected);
        TrainConfig tc = configFor(Method::Lora);
        tc.lora = cfg;
        QCOMPARE(parameterPlan(c, tc).trainable, expected);
        QCOMPARE(std::int64_t(att.modules.size()), L * 4);
        QCOMPARE(att.modules.front(), std::string("transformer.h.0.self_attention.query_key_value"));
        std::int64_t trainable = 0;
        for (const auto &p : m->named_parameters())
            if (p.value().requires_grad()) {
                trainable += p.value().numel();
                QVERIFY2(p.key().find(".lora.lora_") != std::string::npos, p.key().c_str());
            }
        QCOMPARE(trainable, expected);
    }

    void loraStartsAsNoOpAndMerges()
    {
        auto m = makeModel();
        torch::Tensor base;
        {
            torch::NoGradGuard g;
            base = m->forward(ids());
        }
        LoraConfig cfg;
        cfg.targetModules = kAll;
        attachLora(*m, cfg, 7);
        {
            torch::NoGradGuard g;
            QVERIFY(torch::equal(m->forward(ids()), base)); // B = 0: exactly the base model
            for (auto &p : m->named_parameters())
                if (p.key().find("lora_B") != std::string::npos)
                    p.value().normal_(0.0, 0.05);
        }
        torch::NoGradGuard g;
        const torch::Tensor unmerged = m->forward(ids());
        QVERIFY(!torch::allclose(unmerged, base));
        mergeLora(*m);
        for (const auto &p : m->named_parameters())
            QVERIFY2(p.key().find("lora") == std::string::npos, p.key().c_str());
        const double diff = (m->forward(ids()) - unmerged).abs().max().item<double>();
        QVERIFY2(diff < 1e-5, std::to_string(diff).c_str());
    }

    void peftKeysHaveBloomNames()
    {
        auto m = makeModel();
        LoraConfig cfg;
        cfg.rank = 4;
        cfg.targetModules = {"query_key_value", "dense_4h_to_h"};
        attachLora(*m, cfg, 5);
        QTemporaryDir dir;
        savePeftAdapter(*m, cfg, dir.path().toStdString(), "bloom-demo");
        const auto file = safetensors::File::open(dir.filePath(QStringLiteral("adapter_model.safetensors")).toStdString());
        const auto &c = m->config();
        QCOMPARE(std::int64_t(file.header().tensors.size()), c.numLayers * 2 * 2);
        const auto *a = file.find("base_model.model.transformer.h.0.self_attention.query_key_value.lora_A.weight");
        const auto *b = file.find("base_model.model.transformer.h.0.self_attention.query_key_value.lora_B.weight");
        const auto *d = file.find("base_model.model.transformer.h.2.mlp.dense_4h_to_h.lora_A.weight");
        QVERIFY(a && b && d);
        QCOMPARE(a->shape, (std::vector<std::int64_t>{4, c.hiddenSize}));
        QCOMPARE(b->shape, (std::vector<std::int64_t>{3 * c.hiddenSize, 4}));
        QCOMPARE(d->shape, (std::vector<std::int64_t>{4, c.intermediateSize}));
        QFile f(dir.filePath(QStringLiteral("adapter_config.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray targets = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("target_modules")).toArray();
        QCOMPARE(targets, (QJsonArray{QStringLiteral("query_key_value"), QStringLiteral("dense_4h_to_h")}));
    }

    void llamaNamesAreRefused()
    {
        auto m = makeModel();
        LoraConfig cfg;
        cfg.targetModules = {"query_key_value", "q_proj"};
        std::string field;
        const std::string err = errorOf([&] { attachLora(*m, cfg, 1); }, &field);
        QVERIFY2(err.find("\"q_proj\"") != std::string::npos && err.find("BLOOM") != std::string::npos
                     && err.find("query_key_value, dense, dense_h_to_4h, dense_4h_to_h") != std::string::npos,
                 err.c_str());
        QCOMPARE(field, std::string("lora.target_modules"));
        for (const auto &p : m->named_parameters()) // refused before anything changed
            QVERIFY2(p.value().requires_grad() && p.key().find("lora") == std::string::npos, p.key().c_str());
        // The other way round, and the plan says the same.
        model::CausalLM llama(model::presetConfig("tiny"));
        cfg.targetModules = {"dense"};
        QVERIFY(errorOf([&] { attachLora(*llama, cfg, 1); }).find("q_proj, k_proj") != std::string::npos);
        TrainConfig tc = configFor(Method::Lora);
        tc.lora.targetModules = {"o_proj"};
        QVERIFY(!errorOf([&] { parameterPlan(bloomConfig(), tc); }).empty());
        // The run config accepts either architecture's names (it does not know the model) and no others.
        tc.lora.targetModules = {"query_key_value", "dense_h_to_4h"};
        tc.validate();
        tc.lora.targetModules = {"qkv"};
        const std::string unknown = errorOf([&] { tc.validate(); }, &field);
        QCOMPARE(field, std::string("lora.target_modules"));
        QVERIFY2(unknown.find("query_key_value") != std::string::npos && unknown.find("q_proj") != std::string::npos,
                 unknown.c_str());
    }

    void noTargetsMeansQueryKeyValue()
    {
        // No target_modules: PEFT's default for the model type, query_key_value for BLOOM, everywhere
        // the model is known (attaching, the plan, the adapter_config.json written for PEFT).
        auto m = makeModel();
        LoraConfig cfg;
        cfg.rank = 4;
        QVERIFY(cfg.targetModules.empty());
        const auto att = attachLora(*m, cfg, 1);
        const auto &c = m->config();
        QCOMPARE(std::int64_t(att.modules.size()), c.numLayers);
        for (const auto &module : att.modules)
            QVERIFY2(module.find(".self_attention.query_key_value") != std::string::npos, module.c_str());
        QCOMPARE(att.trainableParameters, c.numLayers * 4 * (c.hiddenSize + 3 * c.hiddenSize));
        TrainConfig tc = configFor(Method::Lora);
        tc.lora = cfg;
        const ParameterPlan plan = parameterPlan(c, tc);
        QCOMPARE(plan.trainable, att.trainableParameters);
        QVERIFY2(plan.formula.find("targets: query_key_value (the model's default)") != std::string::npos,
                 plan.formula.c_str());
        QTemporaryDir dir;
        savePeftAdapter(*m, cfg, dir.path().toStdString(), "bloom-demo");
        QFile f(dir.filePath(QStringLiteral("adapter_config.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("target_modules")).toArray(),
                 QJsonArray{QStringLiteral("query_key_value")});
        // The same config on a LLaMA-family model: q_proj and v_proj.
        model::CausalLM llama(model::presetConfig("tiny"));
        const auto onLlama = attachLora(*llama, cfg, 1);
        QCOMPARE(onLlama.modules.front(), std::string("model.layers.0.self_attn.q_proj"));
        QCOMPARE(onLlama.modules.at(1), std::string("model.layers.0.self_attn.v_proj"));
    }

    void memoryEstimateKeepsTwoIntermediatesPerToken()
    {
        // BLOOM's GELU MLP keeps its input and activation (2·I per token and layer); SwiGLU 4·I.
        TrainConfig tc = configFor(Method::Lora);
        tc.maxLength = 64;
        tc.batchSize = 2;
        tc.precision = "fp32";
        tc.lora.targetModules.clear();   // each architecture's own default
        const model::ModelConfig b = bloomConfig();
        const std::int64_t T = 64, tokens = 2 * T;
        const std::int64_t perLayer = 16 * b.hiddenSize + 2 * b.intermediateSize + 2 * b.numHeads * T;
        QCOMPARE(estimateMemory(b, tc).activations, tokens * (perLayer * b.numLayers * 4 + 2 * b.vocabSize * 4));
        model::ModelConfig llama = b;   // the same shape as the LLaMA family
        llama.architecture = model::Architecture::Llama;
        QCOMPARE(estimateMemory(llama, tc).activations - estimateMemory(b, tc).activations,
                 tokens * b.numLayers * 4 * 2 * b.intermediateSize);
    }

    void checkpointingWithLoraGivesTheSameGradients()
    {
        std::map<std::string, torch::Tensor> grads[2];
        for (int gc = 0; gc < 2; ++gc) {
            auto m = makeModel();
            TrainConfig cfg = configFor(Method::Lora);
            cfg.gradientCheckpointing = gc == 1;
            attachMethod(*m, cfg, 1);
            {
                torch::NoGradGuard g;   // B = 0 would leave A without a gradient
                for (auto &p : m->named_parameters())
                    if (p.key().find("lora_B") != std::string::npos)
                        p.value().normal_(0.0, 0.05, at::detail::createCPUGenerator(9));
            }
            m->model->setGradientCheckpointing(gc == 1);
            m->train();
            const torch::Tensor logits = m->forward(ids());
            torch::nn::functional::cross_entropy(logits.view({-1, logits.size(-1)}), torch::roll(ids(), -1, 1).view({-1}))
                .backward();
            for (const auto &[name, t] : trainableParameters(*m)) {
                QVERIFY2(t.grad().defined() && t.grad().abs().sum().item<double>() > 0, name.c_str());
                grads[gc][name] = t.grad().clone();
            }
        }
        QCOMPARE(grads[0].size(), grads[1].size());
        QCOMPARE(std::int64_t(grads[0].size()), 2 * 4 * bloomConfig().numLayers);   // A and B on 4 projections
        for (const auto &[name, g] : grads[0])
            QVERIFY2(torch::allclose(g, grads[1].at(name), 1e-5, 1e-7), name.c_str());
    }

    void adapterAfterDenseAndTrainsOnlyItself()
    {
        auto m = makeModel();
        torch::Tensor before;
        {
            torch::NoGradGuard g;
            before = m->forward(ids());
        }
        const auto att = attachMethod(*m, configFor(Method::Adapter), 1);
        QCOMPARE(att.trainableParameters, parameterPlan(m->config(), configFor(Method::Adapter)).trainable);
        for (const auto &n : att.trainableNames)
            QVERIFY2(n.find(".self_attention.dense.adapter.") != std::string::npos
                         || n.find(".mlp.dense_4h_to_h.adapter.") != std::string::npos,
                     n.c_str());
        {
            torch::NoGradGuard g;
            QVERIFY(torch::equal(m->forward(ids()), before));
        }
        const auto base = snapshot(*m);
        const auto [first, last] = train(*m, 5);
        QVERIFY2(last < first, qPrintable(QStringLiteral("%1 -> %2").arg(first).arg(last)));
        for (const auto &p : m->named_parameters())
            if (p.key().find(".adapter.") == std::string::npos)
                QVERIFY2(torch::equal(p.value(), base.at(p.key())), p.key().c_str());
    }

    void prefixTrainsAndAgreesWithTheCache()
    {
        auto m = makeModel();
        TrainConfig cfg = configFor(Method::Prefix);
        cfg.prefix.projection = true;
        cfg.prefix.projectionHidden = 24;
        const auto att = attachMethod(*m, cfg, 1);
        QCOMPARE(att.trainableParameters, parameterPlan(m->config(), cfg).trainable);
        for (const auto &n : att.trainableNames)
            QVERIFY2(n.rfind("transformer.prefix_encoder.", 0) == 0, n.c_str());
        const auto base = snapshot(*m);
        const auto [first, last] = train(*m, 5);
        QVERIFY2(last < first, qPrintable(QStringLiteral("%1 -> %2").arg(first).arg(last)));
        for (const auto &p : m->named_parameters())
            QVERIFY2(torch::equal(p.value(), base.at(p.key())) == (p.key().find("prefix_encoder") == std::string::npos),
                     p.key().c_str());
        torch::NoGradGuard g;
        const torch::Tensor full = m->forward(ids(12));
        model::KVCache cache;
        m->forward(ids(12).narrow(1, 0, 11), {}, {}, &cache);
        const torch::Tensor step = m->forward(ids(12).narrow(1, 11, 1), {}, {}, &cache);
        QVERIFY(torch::allclose(step[0][0], full[0][11], 1e-5, 1e-5));

        // PEFT's layout: prompt_embeddings [P, 2·L·hidden], token_dim = hidden, heads = n_head.
        QTemporaryDir dir;
        savePeftPrefix(*m, cfg, dir.path().toStdString(), "bloom-demo");
        const auto &c = m->config();
        const auto file = safetensors::File::open(dir.filePath(QStringLiteral("adapter_model.safetensors")).toStdString());
        const auto *table = file.find("prompt_embeddings");
        QVERIFY(table);
        QCOMPARE(table->shape, (std::vector<std::int64_t>{5, 2 * c.numLayers * c.hiddenSize}));
        QFile f(dir.filePath(QStringLiteral("adapter_config.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject a = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(a.value(QStringLiteral("peft_type")).toString(), QStringLiteral("PREFIX_TUNING"));
        QCOMPARE(a.value(QStringLiteral("token_dim")).toInteger(), c.hiddenSize);
        QCOMPARE(a.value(QStringLiteral("num_attention_heads")).toInteger(), c.numHeads);
        QCOMPARE(a.value(QStringLiteral("num_layers")).toInteger(), c.numLayers);
        QCOMPARE(a.value(QStringLiteral("num_virtual_tokens")).toInteger(), qint64(5));
    }

    void fullTrainsEverything()
    {
        auto m = makeModel();
        const auto att = attachMethod(*m, configFor(Method::Full), 1);
        QCOMPARE(att.trainableParameters, m->config().parameterCount());
        const auto base = snapshot(*m);
        const auto [first, last] = train(*m, 5);
        QVERIFY2(last < first, qPrintable(QStringLiteral("%1 -> %2").arg(first).arg(last)));
        for (const auto &p : m->named_parameters())
            QVERIFY2(!torch::equal(p.value(), base.at(p.key())), p.key().c_str());
    }

    void checkpointingGivesTheSameGradients()
    {
        std::map<std::string, torch::Tensor> grads[2];
        for (int gc = 0; gc < 2; ++gc) {
            auto m = makeModel();
            attachMethod(*m, configFor(Method::Full), 1);
            grads[gc] = sfttest::nextTokenGradients(m, ids(), gc == 1);
            for (const auto &[name, g] : grads[gc])
                QVERIFY2(g.defined(), name.c_str());
        }
        for (const auto &[name, g] : grads[0])
            QVERIFY2(torch::allclose(g, grads[1].at(name), 1e-5, 1e-7), name.c_str());
    }

    void cliTrainsTheDefaultTargetsAndSaysWhatItChanges()
    {
        // `train --run-dir` on the model `init-model --position alibi` writes, the run config naming
        // no LoRA targets: it trains query_key_value (PEFT's default for BLOOM), and warns that
        // max_length is capped at seq_length and that the config.json's dropout is not applied.
        QTemporaryDir tmp;
        const QString modelDir = tmp.filePath(QStringLiteral("model"));
        const auto init = sfttest::runCli({QStringLiteral("init-model"), QStringLiteral("--position"), QStringLiteral("alibi"),
                                           QStringLiteral("--out"), modelDir, QStringLiteral("--seed"), QStringLiteral("1")});
        if (init.exitCode != 0 && init.err.contains(QLatin1String("no tokenizer library")))
            QSKIP("this build has no tokenizer, so no demo model to train");
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));
        const std::string configPath = modelDir.toStdString() + "/config.json";
        nlohmann::json mc = nlohmann::json::parse(std::ifstream(configPath));
        QCOMPARE(mc["model_type"], nlohmann::json("bloom"));
        const std::int64_t window = mc["seq_length"].get<std::int64_t>();
        mc["hidden_dropout"] = 0.1;
        std::ofstream(configPath) << mc.dump(2);

        nlohmann::json data = nlohmann::json::array();
        for (int i = 0; i < 8; ++i)
            data.push_back({{"instruction", "Say a word " + std::to_string(i) + "."}, {"input", ""}, {"output", "Word."}});
        const QString run = tmp.filePath(QStringLiteral("run"));
        QDir().mkpath(run);
        std::ofstream(run.toStdString() + "/data.json") << data.dump();
        std::ofstream(run.toStdString() + "/config.json")
            << nlohmann::json({{"base_model", modelDir.toStdString()}, {"train_data", "data.json"}, {"method", "lora"},
                               {"lora", {{"r", 4}}}, {"max_steps", 2}, {"batch_size", 4}, {"eval_fraction", 0.0},
                               {"save_every", 0}, {"device", "cpu"}, {"precision", "fp32"}, {"max_length", 2 * window}})
                   .dump(2);
        const auto r = sfttest::runCli({QStringLiteral("train"), QStringLiteral("--run-dir"), run, QStringLiteral("--quiet")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(events(run, QStringLiteral("step")).size(), 2);
        const auto plan = events(run, QStringLiteral("plan"));
        QCOMPARE(plan.size(), 1);
        QVERIFY2(plan[0].value(QStringLiteral("formula")).toString().contains(QLatin1String("targets: query_key_value")),
                 qPrintable(plan[0].value(QStringLiteral("formula")).toString()));
        QFile f(run + QStringLiteral("/adapter/adapter_config.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("target_modules")).toArray(),
                 QJsonArray{QStringLiteral("query_key_value")});
        const auto adapter = safetensors::File::open(QString(run + QStringLiteral("/adapter/adapter_model.safetensors")).toStdString());
        QCOMPARE(std::int64_t(adapter.header().tensors.size()), 2 * mc["n_layer"].get<std::int64_t>());
        QVERIFY(adapter.find("base_model.model.transformer.h.0.self_attention.query_key_value.lora_A.weight"));
        QStringList warnings;
        for (const auto &w : events(run, QStringLiteral("warning")))
            warnings << w.value(QStringLiteral("message")).toString();
        const QString capped = QStringLiteral("max_length %1 is capped at %2 tokens").arg(2 * window).arg(window);
        QVERIFY2(warnings.size() == 2 && warnings[0].startsWith(capped) && warnings[0].contains(QLatin1String("seq_length")),
                 qPrintable(warnings.join(QLatin1Char('\n'))));
        QVERIFY2(warnings[1].contains(QLatin1String("hidden_dropout 0.1")) && warnings[1].contains(QLatin1String("no dropout")),
                 qPrintable(warnings[1]));
    }

    void trainerRunsEveryMethod()
    {
        // The BLOOM model init-model --position alibi writes, trained by the worker's trainer.
        QTemporaryDir tmp;
        model::DemoModelOptions o;
        o.position = "alibi";
        o.outDir = tmp.filePath(QStringLiteral("model")).toStdString();
        o.seed = 1;
        model::DemoModelInfo info;
        try {
            info = model::writeDemoModel(o);
        } catch (const Error &e) {
            if (std::string(e.what()).find("no tokenizer library") != std::string::npos)
                QSKIP("this build has no tokenizer, so no demo model to train");
            throw;
        }
        QCOMPARE(info.config.architecture, model::Architecture::Bloom);
        nlohmann::json data = nlohmann::json::array();
        for (int i = 0; i < 12; ++i)
            data.push_back({{"instruction", "Name a colour number " + std::to_string(i) + "."},
                            {"input", ""},
                            {"output", i % 2 ? "Blue, like the sea." : "Green, like the grass."}});
        const std::string dataFile = tmp.filePath(QStringLiteral("data.json")).toStdString();
        std::ofstream(dataFile) << data.dump();

        for (const char *method : {"lora", "adapter", "prefix", "full"}) {
            const QString run = tmp.filePath(QString::fromLatin1(method));
            QDir().mkpath(run);
            nlohmann::json cfg = {{"base_model", o.outDir}, {"train_data", dataFile}, {"method", method},
                                  {"max_steps", 3}, {"batch_size", 4}, {"eval_fraction", 0.0}, {"save_every", 0},
                                  {"learning_rate", 5e-3}, {"device", "cpu"}, {"precision", "fp32"},
                                  {"max_length", 256}, {"seed", 3}};
            if (std::string(method) == "lora")
                cfg["lora"] = {{"r", 4}, {"target_modules", kAll}};
            std::ofstream(run.toStdString() + "/config.json") << cfg.dump(2);
            TrainRunOptions t;
            t.runDir = run.toStdString();
            t.echoStdout = false;
            QCOMPARE(runTraining(t), int(TrainOk));
            const auto steps = events(run, QStringLiteral("step"));
            QCOMPARE(steps.size(), 3);
            for (const auto &s : steps)
                QVERIFY(std::isfinite(s.value(QStringLiteral("loss")).toDouble()));
            QCOMPARE(events(run, QStringLiteral("finished")).size(), 1);
        }
        // The LoRA run: PEFT keys with BLOOM names, and merged weights that score like the run.
        const QString lora = tmp.filePath(QStringLiteral("lora"));
        const auto adapter = safetensors::File::open(QString(lora + QStringLiteral("/adapter/adapter_model.safetensors")).toStdString());
        QVERIFY(adapter.find("base_model.model.transformer.h.3.mlp.dense_h_to_4h.lora_B.weight"));
        const std::string merged = tmp.filePath(QStringLiteral("merged")).toStdString();
        mergeRun(lora.toStdString(), merged, "fp32");
        model::LoadOptions cpu;
        cpu.device = "cpu";
        cpu.dtype = "fp32";
        auto run = loadRunModel(lora.toStdString(), cpu);
        auto folded = model::LanguageModel::load(merged, cpu);
        QCOMPARE(folded->config().architecture, model::Architecture::Bloom);
        const std::vector<std::int64_t> prompt = {5, 9, 11, 40}, cont = {7, 8, 100};
        const double a = run.model->score(prompt, cont).sum, b = folded->score(prompt, cont).sum;
        QVERIFY2(std::abs(a - b) < 1e-4, qPrintable(QStringLiteral("%1 vs %2").arg(a).arg(b)));
        auto untouched = model::LanguageModel::load(o.outDir, cpu);
        QVERIFY(std::abs(untouched->score(prompt, cont).sum - a) > 1e-6);

        // A LLaMA projection name on this model: the run fails with the valid names.
        const QString bad = tmp.filePath(QStringLiteral("bad"));
        QDir().mkpath(bad);
        std::ofstream(bad.toStdString() + "/config.json")
            << nlohmann::json({{"base_model", o.outDir}, {"train_data", dataFile}, {"max_steps", 1}, {"device", "cpu"},
                               {"eval_fraction", 0.0}, {"lora", {{"target_modules", {"q_proj", "v_proj"}}}}})
                   .dump();
        TrainRunOptions t;
        t.runDir = bad.toStdString();
        t.echoStdout = false;
        const std::string err = errorOf([&] { runTraining(t); });
        QVERIFY2(err.find("query_key_value") != std::string::npos, err.c_str());
        const auto failed = events(bad, QStringLiteral("failed"));
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed[0].value(QStringLiteral("reason")).toString().contains(QLatin1String("query_key_value")));
    }
};

QTEST_GUILESS_MAIN(TestFinetuneBloom)
#include "test_finetune_bloom.moc"
