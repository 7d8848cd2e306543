// config.json parsing: defaults and per-architecture rules (qwen2 q/k/v
// biases, llama attention_bias, head_dim and num_key_value_heads defaults,
// torch_dtype vs dtype, rope_scaling vs rope_parameters), supported RoPE
// scalings, ALiBi, and clear refusals of what the engine cannot compute.

#include "core/error.h"
#include "model/model_config.h"

#include <nlohmann/json.hpp>

#include <QtTest>

using sft::model::ModelConfig;
using sft::model::PositionEncoding;
using sft::model::RopeScaling;
using nlohmann::json;

namespace {

json base()
{
    return json::parse(R"({"model_type":"llama","vocab_size":100,"hidden_size":64,"intermediate_size":128,
        "num_hidden_layers":2,"num_attention_heads":8})");
}

} // namespace

class TestModelConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults()
    {
        const ModelConfig c = ModelConfig::fromJson(base());
        QCOMPARE(c.numKvHeads, std::int64_t(8));
        QCOMPARE(c.headDim, std::int64_t(8));
        QCOMPARE(c.ropeTheta, 10000.0);
        QCOMPARE(c.dtype, std::string("float32"));
        QVERIFY(!c.tieWordEmbeddings && !c.qkvBias && !c.oBias && !c.mlpBias);
        QVERIFY(c.ropeScaling.type == RopeScaling::Type::None);
        QVERIFY(c.positionEncoding == PositionEncoding::Rope);
    }

    void fields()
    {
        json j = base();
        j["num_key_value_heads"] = 2;
        j["head_dim"] = 16;
        j["rope_theta"] = 500000.0;
        j["attention_bias"] = true;
        j["mlp_bias"] = true;
        j["tie_word_embeddings"] = true;
        j["torch_dtype"] = "bfloat16";
        j["eos_token_id"] = json::array({1, 2});
        j["rope_scaling"] = {{"rope_type", "llama3"}, {"factor", 32.0}, {"low_freq_factor", 1.0},
                             {"high_freq_factor", 4.0}, {"original_max_position_embeddings", 8192}};
        const ModelConfig c = ModelConfig::fromJson(j);
        QCOMPARE(c.numKvHeads, std::int64_t(2));
        QCOMPARE(c.headDim, std::int64_t(16));
        QCOMPARE(c.ropeTheta, 500000.0);
        QVERIFY(c.qkvBias && c.oBias && c.mlpBias && c.tieWordEmbeddings);
        QCOMPARE(c.dtype, std::string("bfloat16"));
        QCOMPARE(c.eosTokenIds, (std::vector<std::int64_t>{1, 2}));
        QVERIFY(c.ropeScaling.type == RopeScaling::Type::Llama3);
        QCOMPARE(c.ropeScaling.factor, 32.0);
        QCOMPARE(c.ropeScaling.originalMaxPositions, std::int64_t(8192));
        // Round trip through toJson keeps everything the engine uses.
        const ModelConfig d = ModelConfig::fromJson(c.toJson());
        QCOMPARE(d.toJson().dump(), c.toJson().dump());
    }

    void qwen2HasQkvBiasOnly()
    {
        json j = base();
        j["model_type"] = "qwen2";
        j["attention_bias"] = false; // ignored: Qwen2 always has q/k/v biases
        const ModelConfig c = ModelConfig::fromJson(j);
        QVERIFY(c.qkvBias);
        QVERIFY(!c.oBias);
    }

    void newerFields()
    {
        json j = base();
        j["dtype"] = "float16";
        j["torch_dtype"] = "bfloat16";
        j["rope_parameters"] = {{"rope_type", "linear"}, {"factor", 4.0}, {"rope_theta", 1e6}};
        const ModelConfig c = ModelConfig::fromJson(j);
        QCOMPARE(c.dtype, std::string("float16"));
        QVERIFY(c.ropeScaling.type == RopeScaling::Type::Linear);
        QCOMPARE(c.ropeScaling.factor, 4.0);
        QCOMPARE(c.ropeTheta, 1e6);
    }

    void alibiAndDefaultRope()
    {
        json j = base();
        j["position_embedding_type"] = "alibi";
        j["rope_scaling"] = {{"type", "default"}};
        const ModelConfig c = ModelConfig::fromJson(j);
        QVERIFY(c.positionEncoding == PositionEncoding::Alibi);
        QVERIFY(c.ropeScaling.type == RopeScaling::Type::None);
    }

    void mistralSlidingWindow()
    {
        json j = base();
        j["model_type"] = "mistral";
        j["sliding_window"] = 4096;
        QCOMPARE(ModelConfig::fromJson(j).slidingWindow, std::int64_t(4096));
        j["sliding_window"] = nullptr;
        QCOMPARE(ModelConfig::fromJson(j).slidingWindow, std::int64_t(0));
    }

    void parameterCount()
    {
        // TinyLlama-1.1B's published shape: 1,100,048,384 parameters.
        json j = json::parse(R"({"model_type":"llama","vocab_size":32000,"hidden_size":2048,
            "intermediate_size":5632,"num_hidden_layers":22,"num_attention_heads":32,"num_key_value_heads":4})");
        QCOMPARE(ModelConfig::fromJson(j).parameterCount(), std::int64_t(1100048384));
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("patch");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("dynamic factor below 1") << R"({"rope_scaling":{"type":"dynamic","factor":0.5}})"
                                                << "rope_scaling.factor" << ">= 1";
        QTest::newRow("yarn negative beta") << R"({"rope_scaling":{"rope_type":"yarn","factor":4.0,"beta_slow":-1}})"
                                            << "rope_scaling.beta_slow" << "beta_slow > 0";
        QTest::newRow("longrope params") << R"({"rope_parameters":{"rope_type":"longrope","rope_theta":1.0}})"
                                         << "rope_parameters" << "\"longrope\"";
        QTest::newRow("linear without factor") << R"({"rope_scaling":{"type":"linear"}})" << "factor"
                                               << "missing";
        QTest::newRow("llama3 incomplete") << R"({"rope_scaling":{"rope_type":"llama3","factor":8.0}})"
                                           << "low_freq_factor" << "missing";
        QTest::newRow("unknown model") << R"({"model_type":"gpt2"})" << "model_type" << "\"gpt2\"";
        QTest::newRow("gelu") << R"({"hidden_act":"gelu"})" << "hidden_act" << "silu";
        QTest::newRow("kv heads not dividing") << R"({"num_key_value_heads":3})" << "num_key_value_heads"
                                               << "multiple";
        QTest::newRow("missing hidden") << R"({"hidden_size":null})" << "hidden_size" << "missing";
        QTest::newRow("negative layers") << R"({"num_hidden_layers":-1})" << "num_hidden_layers" << "at least 1";
        QTest::newRow("string vocab") << R"({"vocab_size":"100"})" << "vocab_size" << "integer";
        QTest::newRow("bad dtype") << R"({"torch_dtype":"int8"})" << "torch_dtype" << "int8";
        QTest::newRow("bad position type") << R"({"position_embedding_type":"absolute"})"
                                           << "position_embedding_type" << "absolute";
        QTest::newRow("odd head dim") << R"({"head_dim":7})" << "head_dim" << "even";
        QTest::newRow("bad eos") << R"({"eos_token_id":"x"})" << "eos_token_id" << "integer";
    }

    void refuses()
    {
        QFETCH(QString, patch);
        QFETCH(QString, field);
        QFETCH(QString, message);
        json j = base();
        j.merge_patch(json::parse(patch.toStdString()));
        if (j.contains("hidden_size") && j["hidden_size"].is_null())
            j.erase("hidden_size");
        try {
            ModelConfig::fromJson(j, "config.json");
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
            QVERIFY2(QString::fromStdString(e.where().field).contains(field), e.what());
            QCOMPARE(QString::fromStdString(e.where().file), QStringLiteral("config.json"));
        }
    }
};

QTEST_GUILESS_MAIN(TestModelConfig)
#include "test_model_config.moc"
