// Parsing and writing Hugging Face config.json for the LLaMA family.

#include "model/model_config.h"

#include "core/error.h"
#include "model/model_config_internal.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace sft::model {

namespace {

using namespace detail;

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
    if (type != "linear" && type != "dynamic" && type != "yarn" && type != "llama3")
        fail(file, field, "RoPE scaling type \"" + type
                              + "\" is not supported (supported: linear, dynamic, yarn, llama3; not longrope)");
    s.type = RopeScaling::typeFromName(type);
    s.factor = numberField(r, "factor", file, true, 1.0);
    if (!(s.factor >= 1.0))
        fail(file, sub + "factor", "must be >= 1, got " + std::to_string(s.factor));
    if (s.type == RopeScaling::Type::Llama3) {
        s.lowFreqFactor = numberField(r, "low_freq_factor", file, true, 1.0);
        s.highFreqFactor = numberField(r, "high_freq_factor", file, true, 4.0);
        s.originalMaxPositions = intField(r, "original_max_position_embeddings", file, true, 8192);
        if (!(s.highFreqFactor > s.lowFreqFactor) || !(s.lowFreqFactor > 0))
            fail(file, sub + "high_freq_factor", "llama3 scaling needs high_freq_factor > low_freq_factor > 0");
    } else if (s.type == RopeScaling::Type::Yarn) {
        // As transformers: absent (or 0) beta_fast / beta_slow take the paper's 32 / 1; without
        // original_max_position_embeddings the correction range uses max_position_embeddings.
        // With it, current transformers uses factor as written and original_max_position_embeddings
        // only for the correction range, and so does the engine. Versions differed: 4.50 to 4.55
        // replaced factor by max_position_embeddings / original_max_position_embeddings, and 4.45
        // and earlier ignored original_max_position_embeddings altogether.
        s.originalMaxPositions = intField(r, "original_max_position_embeddings", file, false, 0);
        s.attentionFactor = numberField(r, "attention_factor", file, false, 0);
        if (s.attentionFactor < 0)
            fail(file, sub + "attention_factor", "must be positive");
        s.betaFast = numberField(r, "beta_fast", file, false, 0);
        s.betaSlow = numberField(r, "beta_slow", file, false, 0);
        if (s.betaFast == 0)
            s.betaFast = 32;
        if (s.betaSlow == 0)
            s.betaSlow = 1;
        if (!(s.betaFast > 0))
            fail(file, sub + "beta_fast", "yarn needs beta_fast > 0, got " + std::to_string(s.betaFast));
        if (!(s.betaSlow > 0))
            fail(file, sub + "beta_slow", "yarn needs beta_slow > 0, got " + std::to_string(s.betaSlow));
        s.mscale = numberField(r, "mscale", file, false, 0);
        s.mscaleAllDim = numberField(r, "mscale_all_dim", file, false, 0);
        s.truncate = boolField(r, "truncate", file, true);
    }
    // dynamic NTK reads max_position_embeddings only (transformers ignores an
    // original_max_position_embeddings next to it), so originalMaxPositions stays 0.
    return s;
}

/** rope_scaling as config.json writes it; maxPositions stands in for an unset original context. */
json ropeScalingToJson(const RopeScaling &s, std::int64_t maxPositions)
{
    const char *name = RopeScaling::typeName(s.type);
    switch (s.type) {
    case RopeScaling::Type::None:
        return nullptr;
    case RopeScaling::Type::Linear:
    case RopeScaling::Type::Dynamic:
        return {{"rope_type", name}, {"factor", s.factor}};
    case RopeScaling::Type::Llama3:
        return {{"rope_type", name}, {"factor", s.factor}, {"low_freq_factor", s.lowFreqFactor},
                {"high_freq_factor", s.highFreqFactor},
                {"original_max_position_embeddings", s.originalMaxPositions > 0 ? s.originalMaxPositions : maxPositions}};
    case RopeScaling::Type::Yarn: {
        json j = {{"rope_type", name}, {"factor", s.factor}, {"beta_fast", s.betaFast}, {"beta_slow", s.betaSlow}};
        if (s.originalMaxPositions > 0)
            j["original_max_position_embeddings"] = s.originalMaxPositions;
        if (s.attentionFactor > 0)
            j["attention_factor"] = s.attentionFactor;
        if (s.mscale != 0)
            j["mscale"] = s.mscale;
        if (s.mscaleAllDim != 0)
            j["mscale_all_dim"] = s.mscaleAllDim;
        if (!s.truncate)
            j["truncate"] = false;
        return j;
    }
    }
    return nullptr;
}

} // namespace

const char *RopeScaling::typeName(Type type)
{
    switch (type) {
    case Type::None:
        return "none";
    case Type::Linear:
        return "linear";
    case Type::Dynamic:
        return "dynamic";
    case Type::Yarn:
        return "yarn";
    case Type::Llama3:
        return "llama3";
    }
    return "none";
}

RopeScaling::Type RopeScaling::typeFromName(const std::string &name)
{
    if (name == "none" || name == "default")
        return Type::None;
    for (Type t : {Type::Linear, Type::Dynamic, Type::Yarn, Type::Llama3})
        if (name == typeName(t))
            return t;
    throw Error("unknown RoPE scaling \"" + name + "\" (none, linear, dynamic, yarn, llama3)");
}

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
    if (c.modelType == "bloom")
        return bloomFromJson(j, file);
    if (c.modelType != "llama" && c.modelType != "mistral" && c.modelType != "qwen2")
        fail(file, "model_type", "model type \"" + c.modelType + "\" is not supported (llama, mistral, qwen2, bloom)");
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
    if (c.ropeScaling.type == RopeScaling::Type::Dynamic && c.headDim <= 2)
        fail(file, "head_dim", "dynamic NTK scaling needs a head dimension above 2 (its base exponent is d/(d-2)), got "
                                   + std::to_string(c.headDim));

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
    if (architecture == Architecture::Bloom)
        return bloomToJson(*this);
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
    j["rope_scaling"] = ropeScalingToJson(ropeScaling, maxPositions);
    if (ropeScaling.type == RopeScaling::Type::Dynamic && ropeScaling.originalMaxPositions > 0)
        j["max_position_embeddings"] = ropeScaling.originalMaxPositions; // what transformers' dynamic NTK reads
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
    if (architecture == Architecture::Bloom)
        return bloomParameterCount(*this);
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
