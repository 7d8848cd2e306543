// BLOOM (BloomForCausalLM), the ALiBi family: logits of small random models
// in the Hugging Face layout against reference_bloom.py, which follows
// transformers' modeling_bloom in Debian python3-torch (committed fixtures in
// data/bloom_* always run; a live regeneration with another seed runs when
// /usr/bin/python3 has torch): 2, 4, 6 (BLOOM's extra slopes) and 8 heads,
// residuals from the block input and from the normed values, checkpoints with
// and without the "transformer." prefix, a left-padded row, layer_norm_epsilon
// 1e-3, an untied lm_head, bf16 weights (also computed in bf16). Then the engine
// against itself (KV cache and padded batches against the full forward pass,
// greedy generation against the argmax of full passes), the config.json
// fields and errors (BloomConfig's special-id defaults, slow_but_exact), the
// parameter count against bigscience/bloom-560m's published size, HF parameter
// names, and `init-model --position alibi`.

#include "core/error.h"
#include "model/architecture.h"
#include "model/causal_lm.h"
#include "model/language_model.h"
#include "model/weights_io.h"
#include "safetensors/checkpoint.h"
#include "safetensors/file.h"
#include "model_test_util.h"
#include "test_util.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <fstream>
#include <set>

using namespace sft::model;
using nlohmann::json;
using sfttest::caseDiff;
using sfttest::cpuFp32;
using sfttest::maxDiff;
using sfttest::randomIds;
using sfttest::readTensor;

namespace {

/** Max (and mean) |logits - the case's expected logits| over the real positions, the model loaded with options. */
double fixtureDiff(const QString &dir, const LoadOptions &options, double *meanDiff = nullptr)
{
    auto lm = LanguageModel::load(dir.toStdString(), options);
    const auto f = sft::safetensors::File::open(QString(dir + QStringLiteral("/expected.safetensors")).toStdString());
    const torch::Tensor mask = readTensor(f, "attention_mask");
    const torch::Tensor want = readTensor(f, "logits");
    torch::NoGradGuard noGrad;
    const torch::Tensor got = lm->module()->forward(readTensor(f, "input_ids"), mask).to(torch::kFloat32);
    const torch::Tensor diff = (got - want).abs().masked_select(mask.to(torch::kBool).unsqueeze(-1).expand_as(want));
    if (meanDiff)
        *meanDiff = diff.mean().item<double>();
    return diff.max().item<double>();
}

QStringList bloomCases(const QString &root)
{
    return QDir(root).entryList({QStringLiteral("bloom_*")}, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

ModelConfig bloomConfig(std::int64_t heads = 6, bool postLn = false)
{
    ModelConfig c;
    c.modelType = "bloom";
    c.architecture = Architecture::Bloom;
    c.positionEncoding = PositionEncoding::Alibi;
    c.vocabSize = 50;
    c.hiddenSize = 8 * heads;
    c.intermediateSize = 4 * c.hiddenSize;
    c.numLayers = 2;
    c.numHeads = c.numKvHeads = heads;
    c.headDim = 8;
    c.rmsNormEps = 1e-5;
    c.residualPostLayerNorm = postLn;
    c.tieWordEmbeddings = true;
    c.qkvBias = c.oBias = c.mlpBias = true;
    return c;
}

std::unique_ptr<LanguageModel> makeModel(const ModelConfig &c, std::uint64_t seed = 3)
{
    auto lm = LanguageModel::create(c, seed, cpuFp32());
    // Larger weights than the 0.02 init (and non-trivial norms) so that logits vary strongly with context.
    torch::NoGradGuard noGrad;
    auto gen = at::detail::createCPUGenerator(seed + 100);
    for (auto &p : lm->module()->named_parameters()) {
        if (p.value().dim() == 2)
            p.value().mul_(15.0);
        else
            p.value().add_(at::normal(0.0, 0.1, p.value().sizes(), gen, torch::TensorOptions(torch::kFloat32)));
    }
    return lm;
}

/** The sft::Error message of f(), or "" when it does not throw. */
template<typename F>
std::string errorOf(F f)
{
    try {
        f();
    } catch (const sft::Error &e) {
        return e.what();
    }
    return {};
}

json bloom560m()
{
    // bigscience/bloom-560m's config.json (the fields the engine reads).
    return json::parse(R"({"apply_residual_connection_post_layernorm": false, "architectures": ["BloomForCausalLM"],
        "attention_dropout": 0.0, "bos_token_id": 1, "eos_token_id": 2, "hidden_dropout": 0.0, "hidden_size": 1024,
        "initializer_range": 0.02, "layer_norm_epsilon": 1e-05, "model_type": "bloom", "n_head": 16, "n_inner": null,
        "n_layer": 24, "offset_alibi": 100, "pad_token_id": 3, "pretraining_tp": 1,
        "slow_but_exact": false, "unk_token_id": 0, "use_cache": true, "vocab_size": 250880})");
}

} // namespace

class TestModelBloom : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void committedFixtures_data()
    {
        QTest::addColumn<QString>("dir");
        const QString root = QStringLiteral(SFT_TEST_DATA_DIR);
        for (const QString &c : bloomCases(root))
            QTest::newRow(qPrintable(c)) << QString(root + QLatin1Char('/') + c);
    }

    void committedFixtures()
    {
        QFETCH(QString, dir);
        double unbatched = 0;
        const double diff = caseDiff(dir, &unbatched);
        qInfo("max |logit diff| %.3g (padded batch), %.3g (row alone)", diff, unbatched);
        QVERIFY2(diff < 1e-5, qPrintable(QString::number(diff)));
        QVERIFY2(unbatched < 1e-5, qPrintable(QString::number(unbatched)));
    }

    void fixturesCoverTheCases()
    {
        const QString root = QStringLiteral(SFT_TEST_DATA_DIR);
        QCOMPARE(bloomCases(root).size(), 5);
        std::set<std::int64_t> heads;
        std::set<double> eps;
        bool post = false, bare = false, prefixed = false, untied = false;
        for (const QString &c : bloomCases(root)) {
            const QString dir = root + QLatin1Char('/') + c;
            const ModelConfig mc = ModelConfig::fromFile(QString(dir + QStringLiteral("/config.json")).toStdString());
            heads.insert(mc.numHeads);
            eps.insert(mc.rmsNormEps);
            post = post || mc.residualPostLayerNorm;
            const auto ckpt = sft::safetensors::Checkpoint::open(dir.toStdString());
            bare = bare || ckpt.find("word_embeddings.weight").info;
            prefixed = prefixed || ckpt.find("transformer.word_embeddings.weight").info;
            // Tied: the head comes from the embeddings; untied: lm_head.weight of its own.
            QCOMPARE(bool(ckpt.find("lm_head.weight").info), !mc.tieWordEmbeddings);
            untied = untied || !mc.tieWordEmbeddings;
        }
        QCOMPARE(heads, (std::set<std::int64_t>{2, 4, 6, 8}));
        QCOMPARE(eps, (std::set<double>{1e-5, 1e-3}));
        QVERIFY(post && bare && prefixed && untied);
    }

    void layerNormEpsilonAndUntiedHeadMatter()
    {
        // The fixtures would not notice an ignored layer_norm_epsilon or head if these changed little.
        for (const char *name : {"bloom_ln_eps1e-3", "bloom_untied_head"}) {
            const QString src = QStringLiteral(SFT_TEST_DATA_DIR "/") + QLatin1String(name);
            QTemporaryDir dir;
            QFile in(src + QStringLiteral("/config.json"));
            QVERIFY(in.open(QIODevice::ReadOnly));
            json cfg = json::parse(in.readAll().toStdString());
            std::vector<std::pair<std::string, torch::Tensor>> tensors;
            auto lm = LanguageModel::load(src.toStdString(), cpuFp32());
            for (const auto &p : lm->module()->named_parameters())
                if (p.key() != "lm_head.weight")
                    tensors.emplace_back(p.key(), p.value());
            if (cfg.contains("tie_word_embeddings"))
                cfg.erase("tie_word_embeddings");   // the embeddings as the head
            else
                cfg["layer_norm_epsilon"] = 1e-5;
            std::ofstream(dir.filePath(QStringLiteral("config.json")).toStdString()) << cfg.dump();
            saveTensors(tensors, dir.filePath(QStringLiteral("model.safetensors")).toStdString());
            QVERIFY(QFile::copy(src + QStringLiteral("/expected.safetensors"), dir.filePath(QStringLiteral("expected.safetensors"))));
            const double diff = fixtureDiff(dir.path(), cpuFp32());
            qInfo("%s changed: max |logit diff| %.3g", name, diff);
            QVERIFY2(diff > 1e-3, qPrintable(QString::number(diff)));
        }
    }

    void bf16FixtureInBf16()
    {
        // bf16 weights computed in bf16 against the fp32 reference: bf16 rounds every activation to
        // 8 bits of mantissa, so a loose bound. Measured: max 0.22, mean 0.025 on logits up to 8.1
        // (the reference's own forward pass in bf16, transformers' order of operations, is off by
        // 0.12 and 0.018 on the same input). The engine adds the ALiBi bias to the scores in fp32 and
        // takes the softmax in fp32; transformers adds it inside a bf16 baddbmm, which rounds the bias
        // (slope · position) more coarsely the longer the input, so on long inputs the engine is the
        // more exact of the two.
        LoadOptions bf16;
        bf16.device = "cpu";
        bf16.dtype = "bf16";
        const QString dir = QStringLiteral(SFT_TEST_DATA_DIR "/bloom_h8_bf16");
        double mean = 0;
        const double diff = fixtureDiff(dir, bf16, &mean);
        qInfo("bf16: max |logit diff| %.3g, mean %.3g", diff, mean);
        QVERIFY2(diff < 0.35 && mean < 0.05, qPrintable(QStringLiteral("max %1, mean %2").arg(diff).arg(mean)));
        QVERIFY(fixtureDiff(dir, cpuFp32()) < 1e-5);
    }

    void liveReference()
    {
        const QString out = QStringLiteral(SFT_BINARY_DIR "/tests/model/live_bloom");
        QDir(out).removeRecursively();
        const sfttest::ReferenceRun run = sfttest::runTorchReference(
            {QStringLiteral(SFT_SOURCE_DIR "/tests/model/reference_bloom.py"), out, QStringLiteral("99")});
        if (!run.skip.isEmpty())
            QSKIP(qPrintable(run.skip));
        QVERIFY(run.finished);
        QCOMPARE(run.exitCode, 0);
        const QStringList cases = bloomCases(out);
        QCOMPARE(cases.size(), 5);
        for (const QString &c : cases) {
            double unbatched = 0;
            const double diff = caseDiff(QString(out + QLatin1Char('/') + c), &unbatched);
            qInfo("live %s: max |logit diff| %.3g, row alone %.3g", qPrintable(c), diff, unbatched);
            QVERIFY2(diff < 1e-5 && unbatched < 1e-5, qPrintable(c));
        }
    }

    void bothKeyPrefixesLoadAlike()
    {
        // The prefixed fixture rewritten without "transformer.", and saved back by the engine.
        const std::string src = SFT_TEST_DATA_DIR "/bloom_h4";
        auto lm = LanguageModel::load(src, cpuFp32());
        QTemporaryDir bare, saved;
        QVERIFY(QFile::copy(QStringLiteral(SFT_TEST_DATA_DIR "/bloom_h4/config.json"), bare.filePath(QStringLiteral("config.json"))));
        std::vector<std::pair<std::string, torch::Tensor>> tensors;
        for (const auto &p : lm->module()->named_parameters()) {
            QVERIFY2(p.key().rfind("transformer.", 0) == 0, p.key().c_str());
            tensors.emplace_back(p.key().substr(12), p.value());
        }
        saveTensors(tensors, bare.filePath(QStringLiteral("model.safetensors")).toStdString());
        lm->save(saved.path().toStdString());
        const auto savedCkpt = sft::safetensors::Checkpoint::open(saved.path().toStdString());
        QVERIFY(savedCkpt.find("transformer.h.0.self_attention.query_key_value.bias").info);
        QVERIFY(!savedCkpt.find("lm_head.weight").info);

        const torch::Tensor ids = randomIds(10, 40, 5);
        torch::NoGradGuard noGrad;
        const torch::Tensor want = lm->module()->forward(ids);
        for (const QString &dir : {bare.path(), saved.path()}) {
            auto other = LanguageModel::load(dir.toStdString(), cpuFp32());
            QVERIFY(torch::equal(other->module()->forward(ids), want));
        }
        // A tensor missing under both names is named in the error.
        tensors.pop_back();
        saveTensors(tensors, bare.filePath(QStringLiteral("model.safetensors")).toStdString());
        const std::string err = errorOf([&] { LanguageModel::load(bare.path().toStdString(), cpuFp32()); });
        QVERIFY2(err.find("transformer.ln_f") != std::string::npos, err.c_str());
    }

    void kvCacheMatchesFullForward_data()
    {
        QTest::addColumn<int>("heads");
        QTest::addColumn<bool>("postLn");
        QTest::newRow("4 heads") << 4 << false;
        QTest::newRow("6 heads, post-LN residual") << 6 << true;
    }

    void kvCacheMatchesFullForward()
    {
        QFETCH(int, heads);
        QFETCH(bool, postLn);
        auto lm = makeModel(bloomConfig(heads, postLn));
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
        QVERIFY(full.abs().max().item<double>() > 1.0);
    }

    void paddedBatchMatchesUnbatched()
    {
        auto lm = makeModel(bloomConfig(6));
        torch::NoGradGuard noGrad;
        const torch::Tensor a = randomIds(7, 50, 21), b = randomIds(4, 50, 22);
        const torch::Tensor steps = randomIds(6, 50, 23).view({2, 3});
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
        const torch::Tensor bl = torch::cat(batched, 1);
        for (int row = 0; row < 2; ++row) {
            const torch::Tensor seq = torch::cat({row == 0 ? a : b, steps[row].unsqueeze(0)}, 1);
            const torch::Tensor alone = lm->module()->forward(seq)[0];
            const std::int64_t pad = row == 0 ? 0 : 3;
            const double d = maxDiff(bl[row].narrow(0, pad, 10 - pad), alone);
            QVERIFY2(d < 1e-5, qPrintable(QStringLiteral("row %1: %2").arg(row).arg(d)));
        }
    }

    void greedyGenerationMatchesFullForward()
    {
        auto lm = makeModel(bloomConfig(6));
        const std::vector<std::int64_t> prompt = {3, 14, 15, 9, 26, 5};
        GenerationOptions g;
        g.maxNewTokens = 8;
        g.eosTokenIds = {-1};
        const auto r = lm->generate(prompt, g);
        QCOMPARE(r.tokens.size(), std::size_t(8));
        std::vector<std::int64_t> seq = prompt;
        torch::NoGradGuard noGrad;
        for (std::size_t i = 0; i < r.tokens.size(); ++i) {
            const torch::Tensor logits = lm->module()->forward(torch::tensor(seq).view({1, -1}));
            seq.push_back(logits[0][-1].argmax().item<std::int64_t>());
            QCOMPARE(r.tokens[i], seq.back());
        }
    }

    void parameterNamesAreHuggingFaceNames()
    {
        const ModelConfig c = bloomConfig(4);
        CausalLM m(c);
        std::set<std::string> got, want = {"transformer.word_embeddings.weight",
                                           "transformer.word_embeddings_layernorm.weight",
                                           "transformer.word_embeddings_layernorm.bias", "transformer.ln_f.weight",
                                           "transformer.ln_f.bias"};
        for (int i = 0; i < 2; ++i) {
            const std::string p = "transformer.h." + std::to_string(i) + ".";
            for (const char *n : {"input_layernorm", "post_attention_layernorm", "self_attention.query_key_value",
                                  "self_attention.dense", "mlp.dense_h_to_4h", "mlp.dense_4h_to_h"}) {
                want.insert(p + n + ".weight");
                want.insert(p + n + ".bias");
            }
        }
        std::int64_t count = 0;
        for (const auto &p : m->named_parameters()) {
            got.insert(p.key());
            count += p.value().numel();
        }
        QCOMPARE(got, want);
        QCOMPARE(count, c.parameterCount());
        QCOMPARE(m->named_parameters()["transformer.h.1.self_attention.query_key_value.weight"].sizes().vec(),
                 (std::vector<std::int64_t>{3 * c.hiddenSize, c.hiddenSize}));
        for (const std::string &name : layerProjectionNames(Architecture::Bloom)) {
            const auto [in, out] = layerProjectionShape(c, name);
            auto proj = m->projection(layerProjectionPath(Architecture::Bloom, 1, name));
            QVERIFY2(proj, name.c_str());
            QCOMPARE(proj->inFeatures(), in);
            QCOMPARE(proj->outFeatures(), out);
        }
        QVERIFY(!m->projection("transformer.h.1.self_attention.q_proj"));
        // Initialisation: LayerNorms start at weight 1, bias 0.
        m->initWeights(1);
        QVERIFY(torch::equal(m->named_parameters()["transformer.ln_f.weight"], torch::ones({c.hiddenSize})));
        QVERIFY(torch::equal(m->named_parameters()["transformer.h.0.input_layernorm.bias"], torch::zeros({c.hiddenSize})));
    }

    void architectureNames()
    {
        QCOMPARE(layerProjectionPath(Architecture::Bloom, 3, "query_key_value"),
                 std::string("transformer.h.3.self_attention.query_key_value"));
        QCOMPARE(layerProjectionPath(Architecture::Bloom, 0, "dense_4h_to_h"), std::string("transformer.h.0.mlp.dense_4h_to_h"));
        QCOMPARE(layerProjectionPath(Architecture::Llama, 2, "down_proj"), std::string("model.layers.2.mlp.down_proj"));
        QCOMPARE(layerProjectionPath(Architecture::Llama, 2, "o_proj"), std::string("model.layers.2.self_attn.o_proj"));
        QCOMPARE(defaultLoraTargets(Architecture::Bloom), std::vector<std::string>{"query_key_value"});
        QCOMPARE(defaultLoraTargets(Architecture::Llama), (std::vector<std::string>{"q_proj", "v_proj"}));
        QCOMPARE(attentionOutputProjection(Architecture::Bloom), std::string("dense"));
        QCOMPARE(mlpOutputProjection(Architecture::Bloom), std::string("dense_4h_to_h"));
        QCOMPARE(attentionOutputProjection(Architecture::Llama), std::string("o_proj"));
        QCOMPARE(mlpOutputProjection(Architecture::Llama), std::string("down_proj"));
        QVERIFY(isLayerProjection(Architecture::Bloom, "dense"));
        QVERIFY(!isLayerProjection(Architecture::Bloom, "q_proj"));
        QVERIFY(!isLayerProjection(Architecture::Llama, "query_key_value"));
        const std::string err = errorOf([] { layerProjectionShape(bloomConfig(4), "q_proj"); });
        QVERIFY2(err.find("q_proj") != std::string::npos && err.find("BLOOM") != std::string::npos
                     && err.find("query_key_value, dense, dense_h_to_4h, dense_4h_to_h") != std::string::npos,
                 err.c_str());
    }

    void configFields()
    {
        const ModelConfig c = ModelConfig::fromJson(bloom560m(), "config.json");
        QCOMPARE(c.architecture, Architecture::Bloom);
        QCOMPARE(c.positionEncoding, PositionEncoding::Alibi);
        QCOMPARE(c.modelType, std::string("bloom"));
        QCOMPARE(c.hiddenSize, std::int64_t(1024));
        QCOMPARE(c.numLayers, std::int64_t(24));
        QCOMPARE(c.numHeads, std::int64_t(16));
        QCOMPARE(c.numKvHeads, std::int64_t(16));
        QCOMPARE(c.headDim, std::int64_t(64));
        QCOMPARE(c.intermediateSize, std::int64_t(4096));
        QCOMPARE(c.maxPositions, std::int64_t(2048));
        QCOMPARE(c.rmsNormEps, 1e-5);
        QVERIFY(c.tieWordEmbeddings && c.qkvBias && c.oBias && c.mlpBias && !c.residualPostLayerNorm);
        QCOMPARE(c.bosTokenId, std::int64_t(1));
        QCOMPARE(c.eosTokenIds, std::vector<std::int64_t>{2});
        QCOMPARE(c.padTokenId, std::int64_t(3));
        // bigscience/bloom-560m's published size.
        QCOMPARE(c.parameterCount(), std::int64_t(559214592));

        // The Megatron spellings (bigscience/bloom writes n_embed) and defaults.
        json j = {{"model_type", "bloom"}, {"vocab_size", 100}, {"n_embed", 48}, {"num_hidden_layers", 3},
                  {"num_attention_heads", 6}, {"apply_residual_connection_post_layernorm", true},
                  {"torch_dtype", "bfloat16"}, {"tie_word_embeddings", false}};
        const ModelConfig d = ModelConfig::fromJson(j);
        QCOMPARE(d.hiddenSize, std::int64_t(48));
        QCOMPARE(d.numLayers, std::int64_t(3));
        QCOMPARE(d.numHeads, std::int64_t(6));
        QCOMPARE(d.headDim, std::int64_t(8));
        QCOMPARE(d.maxPositions, std::int64_t(2048));
        QVERIFY(d.residualPostLayerNorm && !d.tieWordEmbeddings);
        QCOMPARE(d.dtype, std::string("bfloat16"));
        std::int64_t untied = 0; // an untied head counts the vocabulary twice
        for (const auto &p : CausalLM(d)->parameters())
            untied += p.numel();
        QCOMPARE(d.parameterCount(), untied);

        // toJson: what transformers' BloomConfig reads, and back.
        const json out = d.toJson();
        QCOMPARE(out["architectures"], json::array({"BloomForCausalLM"}));
        QCOMPARE(out["model_type"], json("bloom"));
        QCOMPARE(out["hidden_size"], json(48));
        QCOMPARE(out["n_layer"], json(3));
        QCOMPARE(out["n_head"], json(6));
        QCOMPARE(out["layer_norm_epsilon"], json(1e-5));
        QCOMPARE(out["apply_residual_connection_post_layernorm"], json(true));
        const ModelConfig back = ModelConfig::fromJson(out);
        QCOMPARE(back.toJson(), out);
        QCOMPARE(back.parameterCount(), d.parameterCount());
    }

    void specialIdsFollowBloomConfig()
    {
        // Absent: BloomConfig's defaults 1 and 2; null: none. Written back explicitly either way.
        const json base = {{"model_type", "bloom"}, {"vocab_size", 100}, {"n_embed", 48}, {"n_layer", 2}, {"n_head", 6}};
        const ModelConfig absent = ModelConfig::fromJson(base);
        QCOMPARE(absent.bosTokenId, std::int64_t(1));
        QCOMPARE(absent.eosTokenIds, std::vector<std::int64_t>{2});
        QCOMPARE(absent.toJson()["bos_token_id"], json(1));
        QCOMPARE(absent.toJson()["eos_token_id"], json(2));
        json nulls = base;
        nulls["bos_token_id"] = nullptr;
        nulls["eos_token_id"] = nullptr;
        const ModelConfig none = ModelConfig::fromJson(nulls);
        QCOMPARE(none.bosTokenId, std::int64_t(-1));
        QVERIFY(none.eosTokenIds.empty());
        const json out = none.toJson();
        QVERIFY(out.contains("bos_token_id") && out["bos_token_id"].is_null());
        QVERIFY(out.contains("eos_token_id") && out["eos_token_id"].is_null());
        QCOMPARE(ModelConfig::fromJson(out).bosTokenId, std::int64_t(-1));
        json listed = base;
        listed["bos_token_id"] = 0;
        listed["eos_token_id"] = {7, 9};
        const ModelConfig ids = ModelConfig::fromJson(listed);
        QCOMPARE(ids.bosTokenId, std::int64_t(0));
        QCOMPARE(ids.eosTokenIds, (std::vector<std::int64_t>{7, 9}));
        QCOMPARE(ids.toJson()["eos_token_id"], json({7, 9}));
    }

    void trainingOnlyFieldsAreKept()
    {
        // pretraining_tp and the dropouts are kept on save; slow_but_exact only with pretraining_tp 1
        // (transformers' slow path with more slices drops the output projections' biases).
        json j = {{"model_type", "bloom"}, {"vocab_size", 100}, {"n_embed", 48}, {"n_layer", 2}, {"n_head", 6},
                  {"pretraining_tp", 4}, {"slow_but_exact", false}, {"hidden_dropout", 0.1}, {"attention_dropout", 0.05}};
        const ModelConfig c = ModelConfig::fromJson(j);
        QCOMPARE(c.pretrainingTp, std::int64_t(4));
        QCOMPARE(c.hiddenDropout, 0.1);
        QCOMPARE(c.attentionDropout, 0.05);
        const json out = c.toJson();
        QCOMPARE(out["pretraining_tp"], json(4));
        QCOMPARE(out["hidden_dropout"], json(0.1));
        QCOMPARE(out["attention_dropout"], json(0.05));
        QCOMPARE(out["slow_but_exact"], json(false));
        j["slow_but_exact"] = true;
        try {
            ModelConfig::fromJson(j, "config.json");
            QFAIL("slow_but_exact with pretraining_tp 4 accepted");
        } catch (const sft::Error &e) {
            QCOMPARE(e.where().field, std::string("slow_but_exact"));
            const std::string msg = e.what();
            QVERIFY2(msg.find("pretraining_tp 4") != std::string::npos && msg.find("bias") != std::string::npos,
                     msg.c_str());
        }
        j["pretraining_tp"] = 1;   // the slow path is then the usual one
        QCOMPARE(ModelConfig::fromJson(j).pretrainingTp, std::int64_t(1));
    }

    void configErrorsNameTheField_data()
    {
        QTest::addColumn<QString>("patch");
        QTest::addColumn<QString>("field");
        QTest::newRow("no hidden size") << R"({"hidden_size": null})" << "n_embed";
        QTest::newRow("no heads") << R"({"n_head": null})" << "n_head";
        QTest::newRow("aliases disagree") << R"({"n_embed": 32})" << "hidden_size";
        QTest::newRow("layers disagree") << R"({"num_hidden_layers": 3})" << "num_hidden_layers";
        QTest::newRow("indivisible") << R"({"n_head": 5})" << "n_head";
        QTest::newRow("eps") << R"({"layer_norm_epsilon": 0})" << "layer_norm_epsilon";
        QTest::newRow("residual flag") << R"({"apply_residual_connection_post_layernorm": "yes"})"
                                       << "apply_residual_connection_post_layernorm";
        QTest::newRow("vocab") << R"({"vocab_size": null})" << "vocab_size";
        QTest::newRow("dtype") << R"({"torch_dtype": "int8"})" << "torch_dtype";
        QTest::newRow("eos") << R"({"eos_token_id": "x"})" << "eos_token_id";
        QTest::newRow("slow but exact") << R"({"slow_but_exact": true, "pretraining_tp": 2})" << "slow_but_exact";
        QTest::newRow("pretraining_tp") << R"({"pretraining_tp": 0})" << "pretraining_tp";
        QTest::newRow("hidden dropout") << R"({"hidden_dropout": 1.0})" << "hidden_dropout";
        QTest::newRow("attention dropout") << R"({"attention_dropout": -0.1})" << "attention_dropout";
    }

    void configErrorsNameTheField()
    {
        QFETCH(QString, patch);
        QFETCH(QString, field);
        json j = {{"model_type", "bloom"}, {"vocab_size", 100}, {"hidden_size", 64}, {"n_layer", 2}, {"n_head", 8}};
        j.merge_patch(json::parse(patch.toStdString()));
        try {
            ModelConfig::fromJson(j, "cfg.json");
            QFAIL("accepted");
        } catch (const sft::Error &e) {
            QCOMPARE(QString::fromStdString(e.where().field), field);
            QCOMPARE(e.where().file, std::string("cfg.json"));
        }
    }

    void initModelAlibiWritesABloomModel()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("bloom-demo"));
        if (sfttest::runCli({QStringLiteral("init-model"), QStringLiteral("--help")}).exitCode != 0)
            QSKIP("this build has no `sftbench-cli init-model`");
        const auto r = sfttest::runCli({QStringLiteral("init-model"), QStringLiteral("--position"), QStringLiteral("alibi"),
                                        QStringLiteral("--out"), dir, QStringLiteral("--seed"), QStringLiteral("2")});
        if (r.exitCode != 0 && r.err.contains(QLatin1String("no tokenizer library")))
            QSKIP("this build has no tokenizer, so no demo model");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.outText().contains(QLatin1String("BLOOM")), qPrintable(r.outText()));
        QFile f(dir + QStringLiteral("/config.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const json j = json::parse(f.readAll().toStdString());
        QCOMPARE(j["model_type"], json("bloom"));
        QCOMPARE(j["architectures"], json::array({"BloomForCausalLM"}));
        // Its own special ids, written out: no BOS (null, not BloomConfig's default 1), <|im_end|> and <|endoftext|>.
        QVERIFY(j.contains("bos_token_id") && j["bos_token_id"].is_null());
        QVERIFY2(j["eos_token_id"].is_array() && j["eos_token_id"].size() == 2, j.dump().c_str());
        QVERIFY(j["eos_token_id"] != json({2}));
        for (const char *name : {"tokenizer.json", "tokenizer_config.json", "generation_config.json", "model.safetensors"})
            QVERIFY2(QFile::exists(dir + QLatin1Char('/') + QLatin1String(name)), name);
        auto lm = LanguageModel::load(dir.toStdString(), cpuFp32());
        QCOMPARE(lm->config().architecture, Architecture::Bloom);
        QCOMPARE(lm->config().positionEncoding, PositionEncoding::Alibi);
        QCOMPARE(lm->config().numLayers, std::int64_t(4));
        QCOMPARE(lm->config().hiddenSize, std::int64_t(128));
        QCOMPARE(lm->config().bosTokenId, std::int64_t(-1));
        QCOMPARE(lm->config().eosTokenIds, j["eos_token_id"].get<std::vector<std::int64_t>>());
        GenerationOptions g;
        g.maxNewTokens = 4;
        g.eosTokenIds = {-1};
        QCOMPARE(lm->generate({5, 6, 7}, g).tokens.size(), std::size_t(4));
        // The default stays the LLaMA-style model; an unknown encoding is refused.
        const QString rope = tmp.filePath(QStringLiteral("rope-demo"));
        QCOMPARE(sfttest::runCli({QStringLiteral("init-model"), QStringLiteral("--out"), rope}).exitCode, 0);
        QCOMPARE(ModelConfig::fromFile(QString(rope + QStringLiteral("/config.json")).toStdString()).architecture,
                 Architecture::Llama);
        const auto bad = sfttest::runCli({QStringLiteral("init-model"), QStringLiteral("--position"), QStringLiteral("xpos"),
                                          QStringLiteral("--out"), tmp.filePath(QStringLiteral("x"))});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QLatin1String("alibi")), qPrintable(bad.err));
    }
};

QTEST_GUILESS_MAIN(TestModelBloom)
#include "test_model_bloom.moc"
