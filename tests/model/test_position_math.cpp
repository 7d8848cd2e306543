// The torch-free position formulas (position_math) against values worked out
// by hand in this file: ALiBi slopes for 8, 12 and 16 heads and a bias row,
// RoPE angles before and after linear interpolation, YaRN's correction range,
// ramp and attention factor, dynamic NTK's base, llama3's smoothing; and
// config.json parsing of the dynamic and yarn rope_scaling types.

#include "core/error.h"
#include "model/model_config.h"
#include "model/position_math.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <cmath>
#include <limits>

using namespace sft::model;
using nlohmann::json;

namespace {

bool near(double a, double b, double rel = 1e-9) { return std::abs(a - b) <= rel * std::max(std::abs(a), std::abs(b)); }

#define QVERIFY_NEAR(a, b) QVERIFY2(near((a), (b)), qPrintable(QStringLiteral("%1 vs %2").arg((a), 0, 'g', 17).arg((b), 0, 'g', 17)))

ModelConfig ropeConfig(std::int64_t headDim, double theta, std::int64_t maxPositions)
{
    ModelConfig c;
    c.headDim = headDim;
    c.ropeTheta = theta;
    c.maxPositions = maxPositions;
    return c;
}

json llamaJson()
{
    return json::parse(R"({"model_type":"llama","vocab_size":100,"hidden_size":64,"intermediate_size":128,
        "num_hidden_layers":2,"num_attention_heads":4,"max_position_embeddings":4096})");
}

} // namespace

class TestPositionMath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void alibiSlopesPowerOfTwo()
    {
        // n = 8: m_h = 2^(-8h/8) = 2^-h.
        const std::vector<double> s8 = posmath::alibiSlopes(8);
        const double want8[] = {0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625, 0.0078125, 0.00390625};
        QCOMPARE(s8.size(), std::size_t(8));
        for (int h = 0; h < 8; ++h)
            QVERIFY_NEAR(s8[h], want8[h]);
        QCOMPARE(posmath::alibiExtraSlopes(8), std::int64_t(0));

        // n = 16: m_h = 2^(-h/2): 2^-0.5 = 0.70710678..., 2^-1, 2^-1.5 = 0.35355339..., ... 2^-8.
        const std::vector<double> s16 = posmath::alibiSlopes(16);
        QCOMPARE(s16.size(), std::size_t(16));
        QVERIFY_NEAR(s16[0], 0.70710678118654752);
        QVERIFY_NEAR(s16[1], 0.5);
        QVERIFY_NEAR(s16[2], 0.35355339059327376);
        QVERIFY_NEAR(s16[3], 0.25);
        QVERIFY_NEAR(s16[15], 0.00390625);
    }

    void alibiSlopesTwelveHeads()
    {
        // n = 12: p = 8, so 2^-1 .. 2^-8, then the odd powers 1, 3, 5, 7 of 2^(-4/8) = 2^-0.5:
        // 2^-0.5, 2^-1.5, 2^-2.5, 2^-3.5.
        const std::vector<double> s = posmath::alibiSlopes(12);
        const double want[] = {0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625, 0.0078125, 0.00390625,
                               0.70710678118654752, 0.35355339059327376, 0.17677669529663688, 0.08838834764831844};
        QCOMPARE(s.size(), std::size_t(12));
        for (int h = 0; h < 12; ++h)
            QVERIFY_NEAR(s[h], want[h]);
        QCOMPARE(posmath::alibiExtraSlopes(12), std::int64_t(4));
        QCOMPARE(posmath::alibiExtraSlopes(6), std::int64_t(2));
        QVERIFY_THROWS_EXCEPTION(sft::Error, posmath::alibiSlopes(0));
    }

    void alibiBiasRows()
    {
        // slope 0.5, 4 positions: row i holds -0.5·(i - j) for j <= i, -inf after.
        const std::vector<double> b = posmath::alibiBias(0.5, 4);
        const double inf = std::numeric_limits<double>::infinity();
        const double want[4][4] = {{0, -inf, -inf, -inf}, {-0.5, 0, -inf, -inf}, {-1.0, -0.5, 0, -inf},
                                   {-1.5, -1.0, -0.5, 0}};
        QCOMPARE(b.size(), std::size_t(16));
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 4; ++j)
                QCOMPARE(b[i * 4 + j], want[i][j]);
        QVERIFY(!std::signbit(b[5])); // a plain 0 on the diagonal, not -0
    }

    void ropeAnglesBeforeAndAfterInterpolation()
    {
        // theta 10000, d = 8: inv_freq_i = 10000^(-2i/8) = 1, 0.1, 0.01, 0.001.
        ModelConfig c = ropeConfig(8, 10000, 2048);
        const std::vector<double> inv = posmath::ropeFrequencies(c).inverseFrequencies;
        const double base[] = {1, 0.1, 0.01, 0.001};
        for (int i = 0; i < 4; ++i)
            QVERIFY_NEAR(inv[i], base[i]);
        // Position m = 100: angles 100, 10, 1, 0.1 rad; wavelengths 2π / inv_freq.
        const std::vector<double> a = posmath::rotationAngles(inv, 100);
        const double angles[] = {100, 10, 1, 0.1};
        for (int i = 0; i < 4; ++i)
            QVERIFY_NEAR(a[i], angles[i]);
        QVERIFY_NEAR(posmath::wavelengths(inv)[2], 2 * M_PI * 100);

        // Linear interpolation: position m behaves as m / factor. Factor 2: 50, 5, 0.5, 0.05;
        // factor 4: 25, 2.5, 0.25, 0.025.
        for (double factor : {2.0, 4.0}) {
            c.ropeScaling.type = RopeScaling::Type::Linear;
            c.ropeScaling.factor = factor;
            const posmath::RopeFrequencies f = posmath::ropeFrequencies(c);
            const std::vector<double> scaled = posmath::rotationAngles(f.inverseFrequencies, 100);
            for (int i = 0; i < 4; ++i)
                QVERIFY_NEAR(scaled[i], angles[i] / factor);
            QCOMPARE(f.attentionFactor, 1.0);
            QCOMPARE(f.effectiveTheta, 10000.0);
        }
        // ... so position 400 at factor 4 turns exactly as far as position 100 unscaled.
        QVERIFY_NEAR(posmath::rotationAngles(posmath::ropeFrequencies(c).inverseFrequencies, 400)[1], 10.0);
    }

    void yarnRampAndAttentionFactor()
    {
        // d = 64, theta 10000, trained context 2048, factor 4.
        // dim(r) = 64·ln(2048 / (2π·r)) / (2·ln 10000):
        //   r = 32: ln(2048 / 201.0619) = ln(10.18592) = 2.321015 -> 64·2.321015 / 18.420681 = 8.0640 -> floor 8
        //   r = 1:  ln(2048 / 6.283185) = ln(325.9493) = 5.786742 -> 370.3515 / 18.420681 = 20.1052 -> ceil 21
        // ramp_i = clamp((i - 8) / 13, 0, 1): pairs 0..8 keep inv_freq, 21..31 take inv_freq / 4.
        ModelConfig c = ropeConfig(64, 10000, 2048);
        c.ropeScaling.type = RopeScaling::Type::Yarn;
        c.ropeScaling.factor = 4;
        const posmath::RopeFrequencies f = posmath::ropeFrequencies(c);
        QCOMPARE(f.inverseFrequencies.size(), std::size_t(32));
        // inv_freq_8 = 10000^(-16/64) = 0.1 (ramp 0: unchanged).
        QVERIFY_NEAR(f.inverseFrequencies[8], 0.1);
        QVERIFY_NEAR(f.inverseFrequencies[0], 1.0);
        // inv_freq_21 = 10^(-2.625) = 0.0023713737, ramp 1: / 4 = 0.00059284343.
        QVERIFY_NEAR(f.inverseFrequencies[21], 0.0023713737056616554 / 4);
        // inv_freq_14 = 10^(-1.75) = 0.017782794, ramp 6/13: f·7/13 + f/4·6/13 = f·17/26 = 0.011627212.
        QVERIFY_NEAR(f.inverseFrequencies[14], 0.01778279410038923 * 17.0 / 26.0);
        // attention factor 0.1·ln 4 + 1 = 0.1·1.3862944 + 1 = 1.13862944.
        QVERIFY_NEAR(f.attentionFactor, 1.138629436111989);
        QVERIFY_NEAR(posmath::yarnAttentionFactor(c.ropeScaling), 1.138629436111989);

        // Without truncation the bounds stay 8.0640 and 20.1052: pair 8 is already (8 - 8.064) / 12.04 < 0
        // -> still 0.1; pair 9 ramps by (9 - 8.0640) / (20.1052 - 8.0640) = 0.9360 / 12.0412 = 0.07773.
        c.ropeScaling.truncate = false;
        const posmath::RopeFrequencies g = posmath::ropeFrequencies(c);
        QVERIFY_NEAR(g.inverseFrequencies[8], 0.1);
        const double f9 = std::pow(10.0, -4.0 * 18 / 64), ramp9 = (9 - 8.064000845006177) / (20.105200671565424 - 8.064000845006177);
        QVERIFY(near(g.inverseFrequencies[9], f9 * (1 - ramp9) + f9 / 4 * ramp9, 1e-9));

        // The trained context comes from originalMaxPositions when set: 2048 again, so the same values.
        c.ropeScaling.truncate = true;
        c.maxPositions = 8192;
        c.ropeScaling.originalMaxPositions = 2048;
        QVERIFY_NEAR(posmath::ropeFrequencies(c).inverseFrequencies[14], 0.01778279410038923 * 17.0 / 26.0);
    }

    void yarnAttentionFactorRules()
    {
        RopeScaling s;
        s.type = RopeScaling::Type::Yarn;
        s.factor = 1;
        QCOMPARE(posmath::yarnAttentionFactor(s), 1.0); // no stretch, no scaling
        s.factor = 40;
        // DeepSeek-style mscale = mscale_all_dim: the ratio is 1.
        s.mscale = s.mscaleAllDim = 1;
        QVERIFY_NEAR(posmath::yarnAttentionFactor(s), 1.0);
        // mscale 0.707, mscale_all_dim 1: (0.1·0.707·ln 40 + 1) / (0.1·ln 40 + 1), ln 40 = 3.6888795:
        // 1.2608038 / 1.3688879 = 0.92104236.
        s.mscale = 0.707;
        QVERIFY_NEAR(posmath::yarnAttentionFactor(s), 0.9210423553163399);
        // Only one of the two set: the plain 0.1·ln 40 + 1 = 1.36888795.
        s.mscaleAllDim = 0;
        QVERIFY_NEAR(posmath::yarnAttentionFactor(s), 1.3688879454113936);
        // An explicit attention_factor wins.
        s.attentionFactor = 0.5;
        QCOMPARE(posmath::yarnAttentionFactor(s), 0.5);
    }

    void dynamicNtkBase()
    {
        // d = 64, theta 10000, max_position_embeddings 2048, factor 2, length 4096:
        // base' = 10000·(2·4096/2048 - (2 - 1))^(64/62) = 10000·3^(32/31)
        //       = 10000·3·exp(ln 3 / 31) = 10000·3·exp(0.0354391) = 31082.2367.
        ModelConfig c = ropeConfig(64, 10000, 2048);
        c.ropeScaling.type = RopeScaling::Type::Dynamic;
        c.ropeScaling.factor = 2;
        const posmath::RopeFrequencies f = posmath::ropeFrequencies(c, 4096);
        QVERIFY(near(f.effectiveTheta, 31082.236667168814, 1e-12));
        QVERIFY_NEAR(f.inverseFrequencies[1], std::pow(31082.236667168814, -2.0 / 64));
        QCOMPARE(f.attentionFactor, 1.0);
        // Up to the trained context the base stays theta.
        for (std::int64_t len : {0, 100, 2048}) {
            const posmath::RopeFrequencies same = posmath::ropeFrequencies(c, len);
            QCOMPARE(same.effectiveTheta, 10000.0);
            QVERIFY_NEAR(same.inverseFrequencies[16], 0.01); // 10000^(-32/64)
        }
        // The trained context of an override: originalMaxPositions 1024 while maxPositions says 2048:
        // at 4096, base' = 10000·(2·4 - 1)^(32/31) = 10000·7^(32/31).
        c.ropeScaling.originalMaxPositions = 1024;
        QVERIFY(near(posmath::ropeFrequencies(c, 4096).effectiveTheta, 10000 * std::pow(7.0, 32.0 / 31.0), 1e-12));
    }

    void llama3Smoothing()
    {
        // d = 8, theta 10000 (inv_freq 1, 0.1, 0.01, 0.001; wavelengths 6.28, 62.8, 628, 6283), original 16,
        // factor 8, low 1, high 4: wavelengths above 16 are divided by 8; 6.28 lies between 16/4 = 4 and 16,
        // smooth = (16 / 6.2832 - 1) / (4 - 1) = 0.5154930, inv = (1 - s)·1/8 + s·1 = 0.5760564.
        ModelConfig c = ropeConfig(8, 10000, 128);
        c.ropeScaling.type = RopeScaling::Type::Llama3;
        c.ropeScaling.factor = 8;
        c.ropeScaling.lowFreqFactor = 1;
        c.ropeScaling.highFreqFactor = 4;
        c.ropeScaling.originalMaxPositions = 16;
        const std::vector<double> inv = posmath::ropeFrequencies(c).inverseFrequencies;
        QVERIFY_NEAR(inv[0], 0.5760564010955116);
        QVERIFY_NEAR(inv[1], 0.1 / 8);
        QVERIFY_NEAR(inv[3], 0.001 / 8);
    }

    void typeNames()
    {
        using T = RopeScaling::Type;
        for (T t : {T::None, T::Linear, T::Dynamic, T::Yarn, T::Llama3})
            QVERIFY(RopeScaling::typeFromName(RopeScaling::typeName(t)) == t);
        QCOMPARE(QString::fromLatin1(RopeScaling::typeName(T::Yarn)), QStringLiteral("yarn"));
        QVERIFY(RopeScaling::typeFromName("default") == T::None);
        try {
            RopeScaling::typeFromName("longrope");
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("longrope")), e.what());
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("dynamic, yarn")), e.what());
        }
    }

    void parsesDynamicAndYarn()
    {
        json j = llamaJson();
        j["rope_scaling"] = {{"type", "dynamic"}, {"factor", 2.0}};
        ModelConfig c = ModelConfig::fromJson(j);
        QVERIFY(c.ropeScaling.type == RopeScaling::Type::Dynamic);
        QCOMPARE(c.ropeScaling.factor, 2.0);
        QCOMPARE(c.ropeScaling.originalMaxPositions, std::int64_t(0)); // dynamic reads max_position_embeddings
        ModelConfig back = ModelConfig::fromJson(c.toJson());
        QVERIFY(back.ropeScaling.type == RopeScaling::Type::Dynamic);
        QCOMPARE(back.maxPositions, std::int64_t(4096));

        // A YaRN config as recent checkpoints write it, in rope_parameters with rope_theta.
        j = llamaJson();
        j["rope_parameters"] = {{"rope_type", "yarn"}, {"rope_theta", 1e6}, {"factor", 4.0},
                                {"original_max_position_embeddings", 1024}, {"attention_factor", 1.2},
                                {"beta_fast", 16}, {"beta_slow", 2}, {"mscale", 0.707}, {"mscale_all_dim", 1.0},
                                {"truncate", false}};
        c = ModelConfig::fromJson(j);
        const RopeScaling &s = c.ropeScaling;
        QVERIFY(s.type == RopeScaling::Type::Yarn);
        QCOMPARE(c.ropeTheta, 1e6);
        QCOMPARE(s.factor, 4.0);
        QCOMPARE(s.originalMaxPositions, std::int64_t(1024));
        QCOMPARE(s.attentionFactor, 1.2);
        QCOMPARE(s.betaFast, 16.0);
        QCOMPARE(s.betaSlow, 2.0);
        QCOMPARE(s.mscale, 0.707);
        QCOMPARE(s.mscaleAllDim, 1.0);
        QVERIFY(!s.truncate);
        back = ModelConfig::fromJson(c.toJson());
        QCOMPARE(back.ropeScaling.originalMaxPositions, std::int64_t(1024));
        QCOMPARE(back.ropeScaling.attentionFactor, 1.2);
        QCOMPARE(back.ropeScaling.betaFast, 16.0);
        QCOMPARE(back.ropeScaling.mscale, 0.707);
        QVERIFY(!back.ropeScaling.truncate);

        // Absent (or 0) betas take the paper's 32 / 1; truncate defaults to true.
        j = llamaJson();
        j["rope_scaling"] = {{"rope_type", "yarn"}, {"factor", 2.0}, {"beta_fast", 0}};
        c = ModelConfig::fromJson(j);
        QCOMPARE(c.ropeScaling.betaFast, 32.0);
        QCOMPARE(c.ropeScaling.betaSlow, 1.0);
        QVERIFY(c.ropeScaling.truncate);
        QCOMPARE(c.ropeScaling.originalMaxPositions, std::int64_t(0));
    }

    void refusesLongropeByName()
    {
        json j = llamaJson();
        j["rope_scaling"] = {{"rope_type", "longrope"}, {"long_factor", {1.0}}, {"short_factor", {1.0}}};
        try {
            ModelConfig::fromJson(j, "config.json");
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("\"longrope\" is not supported")), e.what());
            QCOMPARE(QString::fromStdString(e.where().field), QStringLiteral("rope_scaling"));
        }
        j["rope_scaling"] = {{"rope_type", "yarn"}, {"factor", 2.0}, {"truncate", "yes"}};
        QVERIFY_THROWS_EXCEPTION(sft::Error, ModelConfig::fromJson(j));
    }

    void badBetaNamesItsField_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("beta_fast") << QStringLiteral("beta_fast");
        QTest::newRow("beta_slow") << QStringLiteral("beta_slow");
    }

    void badBetaNamesItsField()
    {
        QFETCH(QString, key);
        json j = llamaJson();
        j["rope_scaling"] = {{"rope_type", "yarn"}, {"factor", 2.0}, {key.toStdString(), -1.0}};
        try {
            ModelConfig::fromJson(j, "config.json");
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QCOMPARE(QString::fromStdString(e.where().field), QStringLiteral("rope_scaling.") + key);
            QVERIFY2(QString::fromStdString(e.message()).startsWith(QStringLiteral("yarn needs ") + key), e.what());
        }
    }

    void dynamicNeedsHeadDimAboveTwo()
    {
        // d/(d-2) divides by zero at head_dim 2.
        json j = llamaJson();
        j["head_dim"] = 2;
        j["rope_scaling"] = {{"rope_type", "dynamic"}, {"factor", 2.0}};
        try {
            ModelConfig::fromJson(j, "config.json");
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QCOMPARE(QString::fromStdString(e.where().field), QStringLiteral("head_dim"));
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("dynamic NTK")), e.what());
        }
        j["head_dim"] = 4;
        QCOMPARE(ModelConfig::fromJson(j).headDim, std::int64_t(4));
        j["head_dim"] = 2;
        j["rope_scaling"] = {{"rope_type", "linear"}, {"factor", 2.0}};
        QCOMPARE(ModelConfig::fromJson(j).headDim, std::int64_t(2));
    }

    void unsetOriginalContextRoundTrips()
    {
        // An override leaves originalMaxPositions 0 for "the model's max_position_embeddings";
        // config.json must then name that length (llama3 requires the field, at least 1).
        ModelConfig c = ModelConfig::fromJson(llamaJson());
        c.ropeScaling.type = RopeScaling::Type::Llama3;
        c.ropeScaling.factor = 8;
        const json written = c.toJson();
        QCOMPARE(written["rope_scaling"]["original_max_position_embeddings"].get<std::int64_t>(), std::int64_t(4096));
        const ModelConfig back = ModelConfig::fromJson(written);
        QVERIFY(back.ropeScaling.type == RopeScaling::Type::Llama3);
        QCOMPARE(back.ropeScaling.originalMaxPositions, std::int64_t(4096));
        QCOMPARE(back.ropeScaling.factor, 8.0);
        QCOMPARE(back.ropeScaling.lowFreqFactor, 1.0);
        QCOMPARE(back.ropeScaling.highFreqFactor, 4.0);
        QCOMPARE(back.maxPositions, std::int64_t(4096));

        // yarn without an original writes none: transformers then uses max_position_embeddings too.
        c.ropeScaling = RopeScaling{};
        c.ropeScaling.type = RopeScaling::Type::Yarn;
        c.ropeScaling.factor = 4;
        const ModelConfig yarn = ModelConfig::fromJson(c.toJson());
        QVERIFY(yarn.ropeScaling.type == RopeScaling::Type::Yarn);
        QCOMPARE(yarn.ropeScaling.originalMaxPositions, std::int64_t(0));
        QCOMPARE(yarn.maxPositions, std::int64_t(4096));
    }
};

QTEST_GUILESS_MAIN(TestPositionMath)
#include "test_position_math.moc"
