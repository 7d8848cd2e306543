// The engine's RoPE scaling (positions.cpp, fp32 tensors) against three
// independent computations: the double-precision formulas of position_math
// for every variant; reference_rope.py, transformers' rope utilities in
// Debian python3-torch, for inverse frequencies and attention factors; and the
// logits of a small random llama model loaded with each inference-time
// override (LoadOptions::ropeScaling) against reference_llama.py's forward
// with the equivalent Hugging Face config (committed fixture in rope_fixture/,
// plus a live regeneration when /usr/bin/python3 has torch). Also the
// override's rules: what it replaces, the context it reports, its refusals.

#include "core/error.h"
#include "model/causal_lm.h"
#include "model/language_model.h"
#include "model/position_math.h"
#include "model/positions.h"
#include "model/weights_io.h"
#include "safetensors/file.h"
#include "model_test_util.h"
#include "test_util.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <limits>

using namespace sft::model;
using nlohmann::json;
using sfttest::readTensor;

namespace {

/** A config.json for a rope check: the fields transformers' rope utilities read. */
json ropeJson(std::int64_t headDim, double theta, std::int64_t maxPositions, const json &scaling)
{
    json j = {{"model_type", "llama"}, {"vocab_size", 10}, {"hidden_size", headDim * 2},
              {"intermediate_size", 8}, {"num_hidden_layers", 1}, {"num_attention_heads", 2},
              {"head_dim", headDim}, {"max_position_embeddings", maxPositions}, {"rope_theta", theta}};
    if (!scaling.is_null())
        j["rope_scaling"] = scaling;
    return j;
}

struct RopeCase
{
    const char *name;
    json config;
    std::int64_t seqLen;
};

/** Real-world shapes of every variant, as config.json writes them. */
std::vector<RopeCase> ropeCases()
{
    return {
        {"none llama2", ropeJson(128, 10000, 4096, nullptr), 0},
        {"linear 4", ropeJson(64, 10000, 2048, {{"type", "linear"}, {"factor", 4.0}}), 0},
        {"dynamic 2 short", ropeJson(128, 10000, 4096, {{"type", "dynamic"}, {"factor", 2.0}}), 1000},
        {"dynamic 2 at max", ropeJson(128, 10000, 4096, {{"type", "dynamic"}, {"factor", 2.0}}), 4096},
        {"dynamic 2 at 6000", ropeJson(128, 10000, 4096, {{"type", "dynamic"}, {"factor", 2.0}}), 6000},
        {"dynamic 4 at 32768", ropeJson(64, 500000, 8192, {{"rope_type", "dynamic"}, {"factor", 4.0}}), 32768},
        {"yarn 4", ropeJson(128, 10000, 4096, {{"rope_type", "yarn"}, {"factor", 4.0}}), 0},
        {"yarn qwen 4", ropeJson(128, 1000000, 32768, {{"rope_type", "yarn"}, {"factor", 4.0},
                                                        {"original_max_position_embeddings", 32768}}), 0},
        {"yarn 16 original", ropeJson(64, 10000, 65536, {{"rope_type", "yarn"}, {"factor", 16.0},
                                                           {"original_max_position_embeddings", 4096}}), 0},
        {"yarn untruncated", ropeJson(128, 10000, 4096, {{"rope_type", "yarn"}, {"factor", 8.0},
                                                          {"truncate", false}}), 0},
        {"yarn mscale", ropeJson(64, 10000, 4096, {{"rope_type", "yarn"}, {"factor", 40.0}, {"mscale", 0.707},
                                                    {"mscale_all_dim", 1.0}, {"beta_fast", 16}, {"beta_slow", 2}}), 0},
        {"yarn attention factor", ropeJson(64, 10000, 4096, {{"rope_type", "yarn"}, {"factor", 2.0},
                                                              {"attention_factor", 1.5}}), 0},
        {"llama3.1", ropeJson(128, 500000, 131072, {{"rope_type", "llama3"}, {"factor", 8.0},
                                                     {"low_freq_factor", 1.0}, {"high_freq_factor", 4.0},
                                                     {"original_max_position_embeddings", 8192}}), 0},
    };
}

/** Largest |a - b| / |b| over two lists of inverse frequencies. */
double maxRelDiff(const torch::Tensor &ours, const std::vector<double> &want)
{
    const torch::Tensor w = torch::tensor(want, torch::kFloat64);
    return ((ours.to(torch::kFloat64) - w).abs() / w.abs()).max().item<double>();
}

/** The overrides reference_rope.py's fixture holds logits for. */
const std::vector<std::pair<RopeScaling::Type, double>> &fixtureOverrides()
{
    static const std::vector<std::pair<RopeScaling::Type, double>> o = {
        {RopeScaling::Type::None, 1.0}, {RopeScaling::Type::Linear, 2.0}, {RopeScaling::Type::Dynamic, 2.0},
        {RopeScaling::Type::Yarn, 2.0}, {RopeScaling::Type::Llama3, 4.0}};
    return o;
}

/** Per override: max |ours - reference| over the real positions of the fixture in dir. */
void checkFixture(const QString &dir)
{
    const auto f = sft::safetensors::File::open(QString(dir + QStringLiteral("/expected.safetensors")).toStdString());
    const torch::Tensor ids = readTensor(f, "input_ids");
    const torch::Tensor mask = readTensor(f, "attention_mask");
    torch::Tensor none;
    for (const auto &[type, factor] : fixtureOverrides()) {
        LoadOptions o;
        o.device = "cpu";
        o.dtype = "fp32";
        o.ropeScaling = RopeScaling{};
        o.ropeScaling->type = type;
        o.ropeScaling->factor = factor;
        auto lm = LanguageModel::load(dir.toStdString(), o);
        const std::string name = RopeScaling::typeName(type);
        const torch::Tensor want = readTensor(f, "logits_" + name);
        torch::NoGradGuard noGrad;
        const torch::Tensor got = lm->module()->forward(ids, mask).to(torch::kFloat32);
        const torch::Tensor valid = mask.to(torch::kBool).unsqueeze(-1).expand_as(want);
        const double diff = (got - want).abs().masked_select(valid).max().item<double>();
        qInfo("%s x%g: max |logit diff| %.3g", name.c_str(), factor, diff);
        QVERIFY2(diff < 1e-4, qPrintable(QString::fromStdString(name) + QStringLiteral(": ") + QString::number(diff)));
        if (type == RopeScaling::Type::None) {
            none = got;
        } else {
            // Every scaling changes the function at this length (the test would not see a no-op).
            const double change = (got - none).abs().masked_select(valid).max().item<double>();
            QVERIFY2(change > 1e-2, qPrintable(QString::fromStdString(name)));
        }
    }
}

ModelConfig smallConfig()
{
    ModelConfig c;
    c.vocabSize = 40;
    c.hiddenSize = 32;
    c.intermediateSize = 24;
    c.numLayers = 1;
    c.numHeads = 2;
    c.numKvHeads = 1;
    c.headDim = 16;
    c.maxPositions = 32;
    c.rmsNormEps = 1e-5;
    return c;
}

/** Weights of std 0.3 instead of 0.02, so attention is peaked and positions change the logits clearly. */
std::unique_ptr<LanguageModel> sharpened(std::unique_ptr<LanguageModel> lm)
{
    torch::NoGradGuard noGrad;
    for (auto &p : lm->module()->parameters())
        if (p.dim() == 2)
            p.mul_(15);
    return lm;
}

/** CPU fp32 without a RoPE override: config's scaling. */
LoadOptions cpuOptions() { return sfttest::cpuFp32(); }

/** CPU fp32 with an override (type None: no scaling at all). */
LoadOptions cpuOptions(RopeScaling::Type type, double factor = 1.0)
{
    LoadOptions o = cpuOptions();
    o.ropeScaling = RopeScaling{};
    o.ropeScaling->type = type;
    o.ropeScaling->factor = factor;
    return o;
}

} // namespace

class TestRopeScaling : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(1); }

    void engineAgreesWithPositionMath_data()
    {
        QTest::addColumn<int>("index");
        const auto cases = ropeCases();
        for (std::size_t i = 0; i < cases.size(); ++i)
            QTest::newRow(cases[i].name) << int(i);
    }

    void engineAgreesWithPositionMath()
    {
        QFETCH(int, index);
        const RopeCase rc = ropeCases()[static_cast<std::size_t>(index)];
        const ModelConfig c = ModelConfig::fromJson(rc.config);
        const posmath::RopeFrequencies want = posmath::ropeFrequencies(c, rc.seqLen);
        const torch::Tensor inv = ropeInverseFrequencies(c, rc.seqLen);
        QCOMPARE(inv.scalar_type(), torch::kFloat32);
        QCOMPARE(inv.numel(), static_cast<std::int64_t>(want.inverseFrequencies.size()));
        const double rel = maxRelDiff(inv, want.inverseFrequencies);
        QVERIFY2(rel < 1e-6, qPrintable(QString::number(rel)));
        QCOMPARE(ropeAttentionFactor(c), want.attentionFactor);

        // cos and sin carry the attention factor: position 7, pair 3 of the first half and its copy.
        const torch::Tensor pos = torch::full({1, 1}, 7, torch::kInt64);
        const auto [cos, sin] = ropeCosSin(inv, pos, ropeAttentionFactor(c));
        const double angle = 7 * want.inverseFrequencies[3];
        const std::int64_t half = c.headDim / 2;
        QVERIFY(std::abs(cos[0][0][3].item<double>() - want.attentionFactor * std::cos(angle)) < 1e-6);
        QVERIFY(std::abs(sin[0][0][half + 3].item<double>() - want.attentionFactor * std::sin(angle)) < 1e-6);
    }

    void overridesAgreeWithPositionMath()
    {
        // An override's trained context (originalMaxPositions) differs from maxPositions.
        ModelConfig c = smallConfig();
        c.headDim = 64;
        c.maxPositions = 8192;
        c.ropeScaling.originalMaxPositions = 2048;
        c.ropeScaling.factor = 4;
        for (auto type : {RopeScaling::Type::Dynamic, RopeScaling::Type::Yarn, RopeScaling::Type::Llama3}) {
            c.ropeScaling.type = type;
            for (std::int64_t len : {0, 2048, 3000, 8192}) {
                const double rel = maxRelDiff(ropeInverseFrequencies(c, len), posmath::ropeFrequencies(c, len).inverseFrequencies);
                QVERIFY2(rel < 1e-6, RopeScaling::typeName(type));
            }
        }
    }

    void pythonReference()
    {
        const auto cases = ropeCases();
        json input = json::array();
        for (const RopeCase &rc : cases)
            input.push_back({{"config", rc.config}, {"seq_len", rc.seqLen > 0 ? json(rc.seqLen) : json(nullptr)}});
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString file = tmp.filePath(QStringLiteral("cases.json"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray::fromStdString(input.dump()));
        }
        const sfttest::ReferenceRun run = sfttest::runTorchReference(
            {QStringLiteral("-B"), QStringLiteral(SFT_SOURCE_DIR "/tests/model/reference_rope.py"),
             QStringLiteral("freqs"), file},
            120000);
        if (!run.skip.isEmpty())
            QSKIP(qPrintable(run.skip));
        QVERIFY(run.finished);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const json out = json::parse(run.out.toStdString());
        QCOMPARE(out.size(), cases.size());
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const ModelConfig c = ModelConfig::fromJson(cases[i].config);
            const auto want = out[i]["inv_freq"].get<std::vector<double>>();
            const double rel = maxRelDiff(ropeInverseFrequencies(c, cases[i].seqLen), want);
            qInfo("%s: max rel diff %.3g", cases[i].name, rel);
            QVERIFY2(rel < 1e-6, cases[i].name);
            const double af = out[i]["attention_factor"].get<double>();
            QVERIFY2(std::abs(ropeAttentionFactor(c) - af) < 1e-12, cases[i].name);
        }
    }

    void committedFixtureLogits() { checkFixture(QStringLiteral(SFT_SOURCE_DIR "/tests/model/rope_fixture")); }

    void liveFixtureLogits()
    {
        const QString out = QStringLiteral(SFT_BINARY_DIR "/tests/model/live_rope_fixture");
        QDir(out).removeRecursively();
        const sfttest::ReferenceRun run = sfttest::runTorchReference(
            {QStringLiteral("-B"), QStringLiteral(SFT_SOURCE_DIR "/tests/model/reference_rope.py"),
             QStringLiteral("fixture"), out, QStringLiteral("777")});
        if (!run.skip.isEmpty())
            QSKIP(qPrintable(run.skip));
        QVERIFY(run.finished);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        checkFixture(out);
    }

    void overrideSetsTheContext()
    {
        const ModelConfig base = smallConfig();
        // yarn x2 over the model's 32 positions: trained context 32, usable 64.
        auto lm = LanguageModel::create(base, 1, cpuOptions(RopeScaling::Type::Yarn, 2));
        QVERIFY(lm->config().ropeScaling.type == RopeScaling::Type::Yarn);
        QCOMPARE(lm->config().ropeScaling.originalMaxPositions, std::int64_t(32));
        QCOMPARE(lm->config().maxPositions, std::int64_t(64));
        QCOMPARE(lm->config().ropeScaling.betaFast, 32.0);

        // An explicit original context.
        LoadOptions o = cpuOptions(RopeScaling::Type::Dynamic, 4);
        o.ropeScaling->originalMaxPositions = 16;
        lm = LanguageModel::create(base, 1, o);
        QCOMPARE(lm->config().ropeScaling.originalMaxPositions, std::int64_t(16));
        QCOMPARE(lm->config().maxPositions, std::int64_t(64));

        // It replaces a ropeFactor (a run's training interpolation) and counts from the unstretched context.
        o = cpuOptions(RopeScaling::Type::Llama3, 8);
        o.ropeFactor = 2;
        lm = LanguageModel::create(base, 1, o);
        QVERIFY(lm->config().ropeScaling.type == RopeScaling::Type::Llama3);
        QCOMPARE(lm->config().ropeScaling.factor, 8.0);
        QCOMPARE(lm->config().ropeScaling.originalMaxPositions, std::int64_t(32));
        QCOMPARE(lm->config().ropeScaling.lowFreqFactor, 1.0);
        QCOMPARE(lm->config().ropeScaling.highFreqFactor, 4.0);
        QCOMPARE(lm->config().maxPositions, std::int64_t(256));

        // ... and the config's own scaling.
        ModelConfig withLlama3 = base;
        withLlama3.ropeScaling.type = RopeScaling::Type::Llama3;
        withLlama3.ropeScaling.factor = 8;
        withLlama3.ropeScaling.originalMaxPositions = 8;
        lm = LanguageModel::create(withLlama3, 1, cpuOptions(RopeScaling::Type::Linear, 2));
        QVERIFY(lm->config().ropeScaling.type == RopeScaling::Type::Linear);
        QCOMPARE(lm->config().ropeScaling.factor, 2.0);

        // Without an override, ropeFactor stays the linear interpolation it was.
        o = cpuOptions();
        o.ropeFactor = 2;
        lm = LanguageModel::create(base, 1, o);
        QVERIFY(lm->config().ropeScaling.type == RopeScaling::Type::Linear);
        QCOMPARE(lm->config().maxPositions, std::int64_t(64));
    }

    void overrideRefusals()
    {
        ModelConfig alibi = smallConfig();
        alibi.positionEncoding = PositionEncoding::Alibi;
        try {
            LanguageModel::create(alibi, 1, cpuOptions(RopeScaling::Type::Yarn, 2));
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("ALiBi")), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(sft::Error, LanguageModel::create(smallConfig(), 1, cpuOptions(RopeScaling::Type::Yarn, 0.5)));
        // ropeFactor cannot stack on a config's yarn or dynamic scaling (it would silently become linear).
        ModelConfig yarn = smallConfig();
        yarn.ropeScaling.type = RopeScaling::Type::Yarn;
        yarn.ropeScaling.factor = 2;
        LoadOptions o = cpuOptions();
        o.ropeFactor = 2;
        try {
            LanguageModel::create(yarn, 1, o);
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("yarn")), e.what());
        }
    }

    void dynamicFollowsTheSequenceLength()
    {
        // Up to the trained context (32) dynamic NTK is the plain RoPE; beyond, every position changes.
        auto plain = sharpened(LanguageModel::create(smallConfig(), 5, cpuOptions()));
        auto dynamic = sharpened(LanguageModel::create(smallConfig(), 5, cpuOptions(RopeScaling::Type::Dynamic, 2)));
        torch::NoGradGuard noGrad;
        const torch::Tensor shortIds = torch::randint(0, 40, {1, 32}, torch::kInt64);
        QVERIFY(torch::equal(plain->module()->forward(shortIds), dynamic->module()->forward(shortIds)));
        const torch::Tensor longIds = torch::randint(0, 40, {1, 48}, torch::kInt64);
        const torch::Tensor a = plain->module()->forward(longIds), b = dynamic->module()->forward(longIds);
        QVERIFY(!torch::allclose(a.narrow(1, 0, 32), b.narrow(1, 0, 32)));
        // A yarn model changes even short sequences: its attention factor scales cos and sin.
        auto yarn = sharpened(LanguageModel::create(smallConfig(), 5, cpuOptions(RopeScaling::Type::Yarn, 2)));
        QVERIFY(!torch::equal(plain->module()->forward(shortIds), yarn->module()->forward(shortIds)));
    }

    void noneOverrideRemovesConfigScaling()
    {
        // A config with its own yarn x2: an explicit None override runs plain RoPE (the same logits
        // as the unscaled config), ignores ropeFactor and keeps max_position_embeddings.
        ModelConfig withYarn = smallConfig();
        withYarn.ropeScaling.type = RopeScaling::Type::Yarn;
        withYarn.ropeScaling.factor = 2;
        LoadOptions none = cpuOptions(RopeScaling::Type::None);
        none.ropeFactor = 2;
        auto removed = sharpened(LanguageModel::create(withYarn, 9, none));
        QVERIFY(removed->config().ropeScaling.type == RopeScaling::Type::None);
        QCOMPARE(removed->config().maxPositions, std::int64_t(32));
        auto kept = sharpened(LanguageModel::create(withYarn, 9, cpuOptions()));
        QVERIFY(kept->config().ropeScaling.type == RopeScaling::Type::Yarn);
        auto plain = sharpened(LanguageModel::create(smallConfig(), 9, cpuOptions()));
        torch::NoGradGuard noGrad;
        const torch::Tensor ids = torch::randint(0, 40, {1, 24}, torch::kInt64);
        QVERIFY(torch::equal(removed->module()->forward(ids), plain->module()->forward(ids)));
        QVERIFY(!torch::allclose(kept->module()->forward(ids), plain->module()->forward(ids)));
    }

    void overrideRefusesBadValues()
    {
        auto refused = [](LoadOptions o, const QString &needle) {
            try {
                LanguageModel::create(smallConfig(), 1, o);
            } catch (const sft::Error &e) {
                return QString::fromUtf8(e.what()).contains(needle);
            }
            return false;
        };
        for (double f : {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN(), 2048.0})
            QVERIFY2(refused(cpuOptions(RopeScaling::Type::Linear, f), QStringLiteral("finite number from 1 to 1024")),
                     qPrintable(QString::number(f)));
        // original × factor beyond int64 (llround would be undefined).
        LoadOptions huge = cpuOptions(RopeScaling::Type::Linear, 1024);
        huge.ropeScaling->originalMaxPositions = std::numeric_limits<std::int64_t>::max() / 2;
        QVERIFY(refused(huge, QStringLiteral("too large a context")));
        // Dynamic NTK's exponent d/(d-2) needs head_dim > 2.
        ModelConfig tiny = smallConfig();
        tiny.headDim = 2;
        try {
            LanguageModel::create(tiny, 1, cpuOptions(RopeScaling::Type::Dynamic, 2));
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("head_dim is 2")), e.what());
        }
        QCOMPARE(LanguageModel::create(tiny, 1, cpuOptions(RopeScaling::Type::Linear, 2))->config().maxPositions,
                 std::int64_t(64));
    }

    void dynamicScoresIgnoreSiblings()
    {
        // Trained context 32, dynamic x2. A continuation's score must not depend on the others
        // scored with it (their lengths would otherwise set the NTK base): shorter and longer
        // than the trained context, next to a sibling taking the packed path and one taking the
        // prompt-cache path.
        auto lm = sharpened(LanguageModel::create(smallConfig(), 3, cpuOptions(RopeScaling::Type::Dynamic, 2)));
        torch::manual_seed(11);
        auto randomIds = [](std::int64_t n) {
            const torch::Tensor t = torch::randint(1, 40, {n}, torch::kInt64);
            return std::vector<std::int64_t>(t.data_ptr<std::int64_t>(), t.data_ptr<std::int64_t>() + n);
        };
        const std::vector<std::int64_t> prompt = randomIds(20);
        const std::vector<std::int64_t> inside = randomIds(5), beyond = randomIds(16);
        const std::vector<std::int64_t> packedSibling = randomIds(30), cacheSibling = randomIds(80);
        for (const auto &a : {inside, beyond}) {
            const ContinuationScore alone = lm->scoreMany(prompt, {a})[0];
            const ContinuationScore single = lm->score(prompt, a);
            QCOMPARE(alone.tokenLogprobs.size(), a.size());
            for (const auto &sibling : {packedSibling, cacheSibling}) {
                const ContinuationScore together = lm->scoreMany(prompt, {a, sibling})[0];
                QCOMPARE(together.tokenLogprobs.size(), a.size());
                for (std::size_t i = 0; i < a.size(); ++i) {
                    QVERIFY2(std::abs(together.tokenLogprobs[i] - alone.tokenLogprobs[i]) < 1e-4,
                             qPrintable(QStringLiteral("length %1, token %2: %3 vs %4").arg(a.size()).arg(i)
                                            .arg(together.tokenLogprobs[i]).arg(alone.tokenLogprobs[i])));
                    QVERIFY(std::abs(single.tokenLogprobs[i] - alone.tokenLogprobs[i]) < 1e-4);
                }
            }
        }
        // The sibling check can fail: past the trained context the base does move the scores.
        auto plain = sharpened(LanguageModel::create(smallConfig(), 3, cpuOptions()));
        QVERIFY(std::abs(plain->score(prompt, beyond).sum - lm->score(prompt, beyond).sum) > 1e-3);
    }

    void dynamicGenerationIsDeterministic()
    {
        // Prefill (28 tokens) then decode past the trained context (32): each step computes its own
        // base; the same call gives the same tokens, whatever ran in between (no state leaks from
        // the frequencies kept for the last length).
        auto lm = sharpened(LanguageModel::create(smallConfig(), 4, cpuOptions(RopeScaling::Type::Dynamic, 2)));
        QCOMPARE(lm->config().maxPositions, std::int64_t(64));
        std::vector<std::int64_t> prompt;
        for (std::int64_t i = 0; i < 28; ++i)
            prompt.push_back(1 + (i * 7) % 39);
        GenerationOptions g;
        g.maxNewTokens = 20;
        const GenerationResult first = lm->generate(prompt, g);
        QCOMPARE(first.tokens.size(), std::size_t(20));
        QCOMPARE(first.finishReason, std::string("length"));
        torch::NoGradGuard noGrad;
        lm->module()->forward(torch::randint(0, 40, {1, 60}, torch::kInt64)); // another length past 32
        const GenerationResult again = lm->generate(prompt, g);
        QCOMPARE(again.tokens, first.tokens);

        // Inside the trained context dynamic NTK is plain RoPE: the same tokens as the unscaled model.
        auto plain = sharpened(LanguageModel::create(smallConfig(), 4, cpuOptions()));
        const std::vector<std::int64_t> shortPrompt(prompt.begin(), prompt.begin() + 10);
        g.maxNewTokens = 12;
        QCOMPARE(lm->generate(shortPrompt, g).tokens, plain->generate(shortPrompt, g).tokens);
    }

    void dynamicForwardDoesNotDependOnTheLastLength()
    {
        // The frequencies kept for the last length past the context are replaced when it changes.
        auto lm = sharpened(LanguageModel::create(smallConfig(), 6, cpuOptions(RopeScaling::Type::Dynamic, 2)));
        auto fresh = sharpened(LanguageModel::create(smallConfig(), 6, cpuOptions(RopeScaling::Type::Dynamic, 2)));
        torch::NoGradGuard noGrad;
        const torch::Tensor ids = torch::randint(0, 40, {1, 48}, torch::kInt64);
        const torch::Tensor want = fresh->module()->forward(ids);
        lm->module()->forward(ids.narrow(1, 0, 40));
        QVERIFY(torch::equal(lm->module()->forward(ids), want));
        lm->module()->forward(ids.narrow(1, 0, 20));
        QVERIFY(torch::equal(lm->module()->forward(ids), want));
        // Explicit position ids (packed scoring) follow the largest id, not the row length.
        const torch::Tensor positions = torch::arange(48, torch::kInt64).unsqueeze(0);
        QVERIFY(torch::equal(lm->module()->forward(ids, {}, positions), want));
    }
};

QTEST_GUILESS_MAIN(TestRopeScaling)
#include "test_rope_scaling.moc"
