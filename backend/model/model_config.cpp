// Parsing and writing Hugging Face config.json for the LLaMA family.

#include "model/model_config.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace sft::model {

namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string &file, const std::string &field, const std::string &msg)
{
    Error::Location where;
    where.file = file;
    where.field = field;
    throw Error(msg, where);
}

/** The value at key when present and not null. */
const json *get(const json &j, const char *key)
{
    const auto it = j.find(key);
    return it == j.end() || it->is_null() ? nullptr : &*it;
}

std::int64_t intField(const json &j, const char *key, const std::string &file, bool required,
                      std::int64_t fallback, std::int64_t minimum = 1)
{
    const json *v = get(j, key);
    if (!v) {
        if (required)
            fail(file, key, "missing required field");
        return fallback;
    }
    if (!v->is_number_integer())
        fail(file, key, "must be an integer, got " + v->dump());
    const auto n = v->get<std::int64_t>();
    if (n < minimum)
        fail(file, key, "must be at least " + std::to_string(minimum) + ", got " + std::to_string(n));
    return n;
}

double numberField(const json &j, const char *key, const std::string &file, bool required, double fallback)
{
    const json *v = get(j, key);
    if (!v) {
        if (required)
            fail(file, key, "missing required field");
        return fallback;
    }
    if (!v->is_number())
        fail(file, key, "must be a number, got " + v->dump());
    return v->get<double>();
}

bool boolField(const json &j, const char *key, const std::string &file, bool fallback)
{
    const json *v = get(j, key);
    if (!v)
        return fallback;
    if (!v->is_boolean())
        fail(file, key, "must be true or false, got " + v->dump());
    return v->get<bool>();
}

RopeScaling parseRopeScaling(const json &r, const std::string &file, const std::string &field)
{
    if (!r.is_object())
        fail(file, field, "must be an object");
    const json *t = get(r, "rope_type");
    if (!t)
        t = get(r, "type");
    const std::string type = t && t->is_string() ? t->get<std::string>() : std::string("default");
    RopeScaling s;
    if (type == "default")
        return s;
    const std::string sub = field + ".";
    auto factor = [&] {
        const double f = numberField(r, "factor", file, true, 1.0);
        if (!(f >= 1.0))
            fail(file, sub + "factor", "must be >= 1, got " + std::to_string(f));
        return f;
    };
    if (type == "linear") {
        s.type = RopeScaling::Type::Linear;
        s.factor = factor();
    } else if (type == "llama3") {
        s.type = RopeScaling::Type::Llama3;
        s.factor = factor();
        s.lowFreqFactor = numberField(r, "low_freq_factor", file, true, 1.0);
        s.highFreqFactor = numberField(r, "high_freq_factor", file, true, 4.0);
        s.originalMaxPositions = intField(r, "original_max_position_embeddings", file, true, 8192);
        if (!(s.highFreqFactor > s.lowFreqFactor) || !(s.lowFreqFactor > 0))
            fail(file, sub + "high_freq_factor", "llama3 scaling needs high_freq_factor > low_freq_factor > 0");
    } else {
        fail(file, field, "RoPE scaling type \"" + type
                              + "\" is not supported (supported: linear, llama3; not dynamic, yarn, longrope)");
    }
    return s;
}

std::string parseDtype(const json &j, const std::string &file)
{
    const char *key = get(j, "dtype") ? "dtype" : "torch_dtype";
    const json *v = get(j, key);
    if (!v)
        return "float32";
    if (!v->is_string())
        fail(file, key, "must be a string");
    const std::string s = v->get<std::string>();
    if (s == "float32" || s == "float" || s == "auto")
        return "float32";
    if (s == "bfloat16")
        return "bfloat16";
    if (s == "float16" || s == "half")
        return "float16";
    fail(file, key, "unsupported dtype \"" + s + "\" (float32, bfloat16, float16)");
}

} // namespace

ModelConfig ModelConfig::fromJson(const json &j, const std::string &file)
{
    if (!j.is_object())
        fail(file, {}, "config must be a JSON object");
    ModelConfig c;
    if (const json *t = get(j, "model_type")) {
        if (!t->is_string())
            fail(file, "model_type", "must be a string");
        c.modelType = t->get<std::string>();
    }
    if (c.modelType != "llama" && c.modelType != "mistral" && c.modelType != "qwen2")
        fail(file, "model_type", "model type \"" + c.modelType + "\" is not supported (llama, mistral, qwen2)");
    if (const json *a = get(j, "hidden_act")) {
        if (!a->is_string() || a->get<std::string>() != "silu")
            fail(file, "hidden_act", "only \"silu\" is supported, got " + a->dump());
    }

    c.vocabSize = intField(j, "vocab_size", file, true, 0);
    c.hiddenSize = intField(j, "hidden_size", file, true, 0);
    c.intermediateSize = intField(j, "intermediate_size", file, true, 0);
    c.numLayers = intField(j, "num_hidden_layers", file, true, 0);
    c.numHeads = intField(j, "num_attention_heads", file, true, 0);
    c.numKvHeads = intField(j, "num_key_value_heads", file, false, c.numHeads);
    if (c.numHeads % c.numKvHeads != 0)
        fail(file, "num_key_value_heads", "num_attention_heads (" + std::to_string(c.numHeads)
                                              + ") must be a multiple of it (" + std::to_string(c.numKvHeads) + ")");
    if (!get(j, "head_dim") && c.hiddenSize % c.numHeads != 0)
        fail(file, "hidden_size", "must be divisible by num_attention_heads when head_dim is absent");
    c.headDim = intField(j, "head_dim", file, false, c.hiddenSize / c.numHeads);
    c.maxPositions = intField(j, "max_position_embeddings", file, false, 2048);
    c.rmsNormEps = numberField(j, "rms_norm_eps", file, false, 1e-6);
    if (!(c.rmsNormEps > 0))
        fail(file, "rms_norm_eps", "must be positive");

    c.ropeTheta = numberField(j, "rope_theta", file, false, 10000.0);
    if (const json *rp = get(j, "rope_parameters")) {
        if (!rp->is_object())
            fail(file, "rope_parameters", "must be an object");
        c.ropeTheta = numberField(*rp, "rope_theta", file, false, c.ropeTheta);
        c.ropeScaling = parseRopeScaling(*rp, file, "rope_parameters");
    } else if (const json *rs = get(j, "rope_scaling")) {
        c.ropeScaling = parseRopeScaling(*rs, file, "rope_scaling");
    }
    if (!(c.ropeTheta > 0))
        fail(file, "rope_theta", "must be positive");

    if (const json *pe = get(j, "position_embedding_type")) {
        const std::string s = pe->is_string() ? pe->get<std::string>() : pe->dump();
        if (s == "alibi")
            c.positionEncoding = PositionEncoding::Alibi;
        else if (s != "rope")
            fail(file, "position_embedding_type", "must be \"rope\" or \"alibi\", got " + s);
    }
    if (c.positionEncoding == PositionEncoding::Rope && c.headDim % 2 != 0)
        fail(file, "head_dim", "RoPE needs an even head dimension");

    c.tieWordEmbeddings = boolField(j, "tie_word_embeddings", file, false);
    if (c.modelType == "qwen2") {
        c.qkvBias = true;
        if (boolField(j, "use_sliding_window", file, false))
            c.slidingWindow = intField(j, "sliding_window", file, false, 0, 0);
    } else if (c.modelType == "llama") {
        c.qkvBias = c.oBias = boolField(j, "attention_bias", file, false);
        c.mlpBias = boolField(j, "mlp_bias", file, false);
    } else {
        c.slidingWindow = intField(j, "sliding_window", file, false, 0, 0);
    }
    c.dtype = parseDtype(j, file);

    c.bosTokenId = intField(j, "bos_token_id", file, false, -1, 0);
    c.padTokenId = intField(j, "pad_token_id", file, false, -1, 0);
    if (const json *e = get(j, "eos_token_id")) {
        if (e->is_number_integer())
            c.eosTokenIds.push_back(e->get<std::int64_t>());
        else if (e->is_array()) {
            for (const auto &x : *e) {
                if (!x.is_number_integer())
                    fail(file, "eos_token_id", "must be an integer or an array of integers");
                c.eosTokenIds.push_back(x.get<std::int64_t>());
            }
        } else
            fail(file, "eos_token_id", "must be an integer or an array of integers");
    }
    return c;
}

ModelConfig ModelConfig::fromFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, {}, "cannot open config");
    std::stringstream ss;
    ss << in.rdbuf();
    json j;
    try {
        j = json::parse(ss.str());
    } catch (const json::exception &e) {
        fail(path, {}, std::string("invalid JSON: ") + e.what());
    }
    return fromJson(j, path);
}

json ModelConfig::toJson() const
{
    json j;
    const char *arch = modelType == "qwen2" ? "Qwen2ForCausalLM"
                       : modelType == "mistral" ? "MistralForCausalLM" : "LlamaForCausalLM";
    j["architectures"] = json::array({arch});
    j["model_type"] = modelType;
    j["vocab_size"] = vocabSize;
    j["hidden_size"] = hiddenSize;
    j["intermediate_size"] = intermediateSize;
    j["num_hidden_layers"] = numLayers;
    j["num_attention_heads"] = numHeads;
    j["num_key_value_heads"] = numKvHeads;
    j["head_dim"] = headDim;
    j["hidden_act"] = "silu";
    j["max_position_embeddings"] = maxPositions;
    j["rms_norm_eps"] = rmsNormEps;
    j["rope_theta"] = ropeTheta;
    j["initializer_range"] = 0.02;
    if (ropeScaling.type == RopeScaling::Type::Linear)
        j["rope_scaling"] = {{"rope_type", "linear"}, {"factor", ropeScaling.factor}};
    else if (ropeScaling.type == RopeScaling::Type::Llama3)
        j["rope_scaling"] = {{"rope_type", "llama3"}, {"factor", ropeScaling.factor},
                             {"low_freq_factor", ropeScaling.lowFreqFactor},
                             {"high_freq_factor", ropeScaling.highFreqFactor},
                             {"original_max_position_embeddings", ropeScaling.originalMaxPositions}};
    else
        j["rope_scaling"] = nullptr;
    if (positionEncoding == PositionEncoding::Alibi)
        j["position_embedding_type"] = "alibi";
    j["tie_word_embeddings"] = tieWordEmbeddings;
    if (modelType == "llama") {
        j["attention_bias"] = qkvBias;
        j["mlp_bias"] = mlpBias;
    } else if (modelType == "qwen2") {
        j["use_sliding_window"] = slidingWindow > 0;
        j["sliding_window"] = slidingWindow > 0 ? json(slidingWindow) : json(nullptr);
    } else {
        j["sliding_window"] = slidingWindow > 0 ? json(slidingWindow) : json(nullptr);
    }
    j["torch_dtype"] = dtype;
    if (bosTokenId >= 0)
        j["bos_token_id"] = bosTokenId;
    if (eosTokenIds.size() == 1)
        j["eos_token_id"] = eosTokenIds.front();
    else if (!eosTokenIds.empty())
        j["eos_token_id"] = eosTokenIds;
    if (padTokenId >= 0)
        j["pad_token_id"] = padTokenId;
    j["use_cache"] = true;
    return j;
}

std::int64_t ModelConfig::parameterCount() const
{
    const std::int64_t q = numHeads * headDim, kv = numKvHeads * headDim;
    std::int64_t layer = hiddenSize * q + 2 * hiddenSize * kv + q * hiddenSize + 3 * hiddenSize * intermediateSize
                         + 2 * hiddenSize;
    if (qkvBias)
        layer += q + 2 * kv;
    if (oBias)
        layer += hiddenSize;
    if (mlpBias)
        layer += 2 * intermediateSize + hiddenSize;
    return vocabSize * hiddenSize * (tieWordEmbeddings ? 1 : 2) + numLayers * layer + hiddenSize;
}

} // namespace sft::model
