#pragma once
// The architecture of a causal LM read from a Hugging Face config.json: the
// LLaMA family (llama, mistral, qwen2) and BLOOM (the ALiBi family). Torch-free
// so the GUI and the CLI can show a model's shape without loading LibTorch
// code. Unsupported features (longrope, activations other than SiLU for the
// LLaMA family) are refused by name so nothing silently computes the wrong
// function.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace sft::model {

/** How positions enter attention. */
enum class PositionEncoding { Rope, Alibi };

/** Which module tree and names the model has. */
enum class Architecture {
    Llama, ///< LlamaForCausalLM / MistralForCausalLM / Qwen2ForCausalLM: model.layers.N.self_attn.q_proj, RMSNorm, SwiGLU
    Bloom  ///< BloomForCausalLM: transformer.h.N.self_attention.query_key_value, LayerNorm, GELU, ALiBi
};

/**
 * RoPE frequency scaling (rope_scaling / rope_parameters), as transformers' rope utilities:
 * linear (position interpolation), dynamic NTK, YaRN, llama3.
 */
struct RopeScaling
{
    enum class Type { None, Linear, Dynamic, Yarn, Llama3 };
    Type type = Type::None;
    double factor = 1.0;
    double lowFreqFactor = 1.0;                  ///< llama3
    double highFreqFactor = 4.0;                 ///< llama3
    /**
     * The context the model was trained with: llama3 and yarn original_max_position_embeddings;
     * 0 = max_position_embeddings (what dynamic NTK always uses).
     */
    std::int64_t originalMaxPositions = 0;
    double attentionFactor = 0;                  ///< yarn attention_factor; 0 = 0.1·ln(factor) + 1 (mscale rules)
    double betaFast = 32;                        ///< yarn beta_fast
    double betaSlow = 1;                         ///< yarn beta_slow
    double mscale = 0;                           ///< yarn mscale (0 = absent)
    double mscaleAllDim = 0;                     ///< yarn mscale_all_dim (0 = absent)
    bool truncate = true;                        ///< yarn truncate (floor/ceil the correction range)

    /** "none", "linear", "dynamic", "yarn", "llama3". */
    static const char *typeName(Type type);
    /** Inverse of typeName ("default" = None); throws sft::Error naming the supported ones. */
    static Type typeFromName(const std::string &name);
};

/** The fields of config.json the engine uses (names in comments are the JSON keys). */
struct ModelConfig
{
    std::string modelType = "llama";      ///< model_type: llama | mistral | qwen2 | bloom
    Architecture architecture = Architecture::Llama; ///< from model_type
    std::int64_t vocabSize = 32000;       ///< vocab_size
    std::int64_t hiddenSize = 4096;       ///< hidden_size
    std::int64_t intermediateSize = 11008;///< intermediate_size
    std::int64_t numLayers = 32;          ///< num_hidden_layers
    std::int64_t numHeads = 32;           ///< num_attention_heads
    std::int64_t numKvHeads = 32;         ///< num_key_value_heads (absent = numHeads)
    std::int64_t headDim = 128;           ///< head_dim (absent = hidden / heads)
    std::int64_t maxPositions = 2048;     ///< max_position_embeddings (BLOOM: seq_length, else 2048: its training window)
    double rmsNormEps = 1e-6;             ///< rms_norm_eps (BLOOM: layer_norm_epsilon, its LayerNorms' eps)
    /** BLOOM apply_residual_connection_post_layernorm: the residual is the normed input, not the input. */
    bool residualPostLayerNorm = false;
    /** BLOOM pretraining_tp: kept on save; only slow_but_exact uses it (refused when > 1). */
    std::int64_t pretrainingTp = 1;
    /** BLOOM hidden_dropout / attention_dropout: training-time only, not applied by this engine. */
    double hiddenDropout = 0.0;
    double attentionDropout = 0.0;
    double ropeTheta = 10000.0;           ///< rope_theta (or rope_parameters.rope_theta)
    RopeScaling ropeScaling;
    /** BLOOM: always ALiBi; LLaMA family: ours, "position_embedding_type": "alibi" (no real checkpoint has it). */
    PositionEncoding positionEncoding = PositionEncoding::Rope;
    bool tieWordEmbeddings = false;       ///< tie_word_embeddings
    bool qkvBias = false;                 ///< attention_bias (llama) / always for qwen2
    bool oBias = false;                   ///< attention_bias (llama only)
    bool mlpBias = false;                 ///< mlp_bias
    std::int64_t slidingWindow = 0;       ///< 0 = none (mistral sliding_window, qwen2 with use_sliding_window)
    std::string dtype = "float32";        ///< torch_dtype / dtype: float32 | bfloat16 | float16
    std::int64_t bosTokenId = -1;
    std::vector<std::int64_t> eosTokenIds;
    std::int64_t padTokenId = -1;

    /** Parse a config.json object; file names it in errors. Throws sft::Error on bad or unsupported fields. */
    static ModelConfig fromJson(const nlohmann::json &j, const std::string &file = {});
    /** Read and parse a config.json file. */
    static ModelConfig fromFile(const std::string &path);
    /** A config.json object transformers can load. */
    nlohmann::json toJson() const;

    /** Number of parameters (embeddings counted once when tied). */
    std::int64_t parameterCount() const;
};

} // namespace sft::model
