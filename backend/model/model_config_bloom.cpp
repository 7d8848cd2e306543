// Parsing and writing BLOOM's config.json (transformers' BloomConfig): the
// ALiBi family. BLOOM names its fields after Megatron (n_embed, n_layer,
// n_head) while transformers also accepts the common names (hidden_size,
// num_hidden_layers, num_attention_heads); either is read, and two that
// disagree are refused. The MLP is always 4·hidden wide, every linear layer
// and LayerNorm has a bias, heads are never grouped, and the output
// projection is tied to the word embeddings unless the file says otherwise.
// Absent bos/eos ids are BloomConfig's defaults (1, 2), so they are always
// written (null for none); slow_but_exact with pretraining_tp > 1 is refused.

#include "model/model_config_internal.h"

namespace sft::model::detail {

namespace {

/**
 * The integer under key or its alias (both optional names of one field): the key present, or
 * an error when neither is, or when both are and they differ.
 */
std::int64_t aliasedInt(const json &j, const char *key, const char *alias, const std::string &file)
{
    const json *a = get(j, key), *b = get(j, alias);
    if (!a && !b)
        fail(file, key, std::string("missing required field (or ") + alias + ")");
    if (a && b) {
        const std::int64_t x = intField(j, key, file, true, 0), y = intField(j, alias, file, true, 0);
        if (x != y)
            fail(file, alias, "is " + std::to_string(y) + " but " + key + " is " + std::to_string(x));
        return x;
    }
    return a ? intField(j, key, file, true, 0) : intField(j, alias, file, true, 0);
}

/**
 * BloomConfig's special ids: bos_token_id 1 and eos_token_id 2 when the key is absent (its
 * defaults), none when it is null (passed to BloomConfig as None).
 */
std::int64_t bosId(const json &j, const std::string &file)
{
    if (!j.contains("bos_token_id"))
        return 1;
    return intField(j, "bos_token_id", file, false, -1, 0);
}

std::vector<std::int64_t> eosIds(const json &j, const std::string &file)
{
    std::vector<std::int64_t> out;
    if (!j.contains("eos_token_id"))
        return {2};
    const json *e = get(j, "eos_token_id");
    if (!e)
        return out;
    if (e->is_number_integer()) {
        out.push_back(e->get<std::int64_t>());
    } else if (e->is_array()) {
        for (const auto &x : *e) {
            if (!x.is_number_integer())
                fail(file, "eos_token_id", "must be an integer or an array of integers");
            out.push_back(x.get<std::int64_t>());
        }
    } else {
        fail(file, "eos_token_id", "must be an integer or an array of integers");
    }
    return out;
}

/** A dropout probability in [0, 1) (default 0). */
double dropoutField(const json &j, const char *key, const std::string &file)
{
    const double p = numberField(j, key, file, false, 0.0);
    if (p < 0 || p >= 1)
        fail(file, key, "must be in [0, 1)");
    return p;
}

} // namespace

ModelConfig bloomFromJson(const json &j, const std::string &file)
{
    ModelConfig c;
    c.modelType = "bloom";
    c.architecture = Architecture::Bloom;
    c.positionEncoding = PositionEncoding::Alibi;
    c.vocabSize = intField(j, "vocab_size", file, true, 0);
    c.hiddenSize = aliasedInt(j, "n_embed", "hidden_size", file);
    c.numLayers = aliasedInt(j, "n_layer", "num_hidden_layers", file);
    c.numHeads = aliasedInt(j, "n_head", "num_attention_heads", file);
    if (c.hiddenSize % c.numHeads != 0)
        fail(file, get(j, "n_head") ? "n_head" : "num_attention_heads",
             "the hidden size (" + std::to_string(c.hiddenSize) + ") must be divisible by the number of heads ("
                 + std::to_string(c.numHeads) + ")");
    c.numKvHeads = c.numHeads;
    c.headDim = c.hiddenSize / c.numHeads;
    c.intermediateSize = 4 * c.hiddenSize;
    c.rmsNormEps = numberField(j, "layer_norm_epsilon", file, false, 1e-5);
    if (!(c.rmsNormEps > 0))
        fail(file, "layer_norm_epsilon", "must be positive");
    c.residualPostLayerNorm = boolField(j, "apply_residual_connection_post_layernorm", file, false);
    c.pretrainingTp = intField(j, "pretraining_tp", file, false, 1);
    // transformers' slow_but_exact path with pretraining_tp > 1 sums the dense and dense_4h_to_h
    // outputs over pretraining_tp slices without their biases: another function than this engine's.
    if (boolField(j, "slow_but_exact", file, false) && c.pretrainingTp > 1)
        fail(file, "slow_but_exact",
             "true with pretraining_tp " + std::to_string(c.pretrainingTp)
                 + " is not supported (transformers then drops the biases of the attention and MLP output "
                   "projections); set slow_but_exact to false");
    // Training-time only; the engine applies neither (the trainer says so when it trains such a model).
    c.hiddenDropout = dropoutField(j, "hidden_dropout", file);
    c.attentionDropout = dropoutField(j, "attention_dropout", file);
    // BLOOM has no position table: seq_length is the window it was trained on.
    c.maxPositions = intField(j, "seq_length", file, false, 2048);
    c.tieWordEmbeddings = boolField(j, "tie_word_embeddings", file, true);
    c.qkvBias = c.oBias = c.mlpBias = true;
    c.ropeScaling = RopeScaling();
    c.dtype = parseDtype(j, file);
    c.bosTokenId = bosId(j, file);
    c.padTokenId = intField(j, "pad_token_id", file, false, -1, 0);
    c.eosTokenIds = eosIds(j, file);
    return c;
}

json bloomToJson(const ModelConfig &c)
{
    json j;
    j["architectures"] = json::array({"BloomForCausalLM"});
    j["model_type"] = "bloom";
    j["vocab_size"] = c.vocabSize;
    j["hidden_size"] = c.hiddenSize;
    j["n_layer"] = c.numLayers;
    j["n_head"] = c.numHeads;
    j["layer_norm_epsilon"] = c.rmsNormEps;
    j["apply_residual_connection_post_layernorm"] = c.residualPostLayerNorm;
    j["seq_length"] = c.maxPositions;
    j["tie_word_embeddings"] = c.tieWordEmbeddings;
    j["initializer_range"] = 0.02;
    j["hidden_dropout"] = c.hiddenDropout;
    j["attention_dropout"] = c.attentionDropout;
    j["pretraining_tp"] = c.pretrainingTp;
    j["slow_but_exact"] = false;
    j["torch_dtype"] = c.dtype;
    // Always written, null for none: an absent key reads as BloomConfig's defaults, 1 and 2.
    j["bos_token_id"] = c.bosTokenId >= 0 ? json(c.bosTokenId) : json(nullptr);
    if (c.eosTokenIds.size() == 1)
        j["eos_token_id"] = c.eosTokenIds.front();
    else if (!c.eosTokenIds.empty())
        j["eos_token_id"] = c.eosTokenIds;
    else
        j["eos_token_id"] = nullptr;
    if (c.padTokenId >= 0)
        j["pad_token_id"] = c.padTokenId;
    j["use_cache"] = true;
    return j;
}

std::int64_t bloomParameterCount(const ModelConfig &c)
{
    const std::int64_t h = c.hiddenSize, i = c.intermediateSize;
    // Two LayerNorms (weight + bias), fused q/k/v, dense, and the MLP, all with biases.
    const std::int64_t layer = 4 * h + (h * 3 * h + 3 * h) + (h * h + h) + (h * i + i) + (i * h + h);
    // Word embeddings (plus an untied head), their LayerNorm and ln_f.
    return c.vocabSize * h * (c.tieWordEmbeddings ? 1 : 2) + 2 * h + c.numLayers * layer + 2 * h;
}

} // namespace sft::model::detail
