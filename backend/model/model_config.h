#pragma once
// The architecture of a LLaMA-family causal LM read from a Hugging Face
// config.json (llama, mistral, qwen2). Torch-free so the GUI and the CLI can
// show a model's shape without loading LibTorch code. Unsupported features
// (RoPE types other than linear / llama3, activations other than SiLU) are
// refused by name so nothing silently computes the wrong function.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace sft::model {

/** How positions enter attention. */
enum class PositionEncoding { Rope, Alibi };

/** RoPE frequency scaling (rope_scaling / rope_parameters). */
struct RopeScaling
{
    enum class Type { None, Linear, Llama3 };
    Type type = Type::None;
    double factor = 1.0;
    double lowFreqFactor = 1.0;                  ///< llama3
    double highFreqFactor = 4.0;                 ///< llama3
    std::int64_t originalMaxPositions = 8192;    ///< llama3 original_max_position_embeddings
};

/** The fields of config.json the engine uses (names in comments are the JSON keys). */
struct ModelConfig
{
    std::string modelType = "llama";      ///< model_type: llama | mistral | qwen2
    std::int64_t vocabSize = 32000;       ///< vocab_size
    std::int64_t hiddenSize = 4096;       ///< hidden_size
    std::int64_t intermediateSize = 11008;///< intermediate_size
    std::int64_t numLayers = 32;          ///< num_hidden_layers
    std::int64_t numHeads = 32;           ///< num_attention_heads
    std::int64_t numKvHeads = 32;         ///< num_key_value_heads (absent = numHeads)
    std::int64_t headDim = 128;           ///< head_dim (absent = hidden / heads)
    std::int64_t maxPositions = 2048;     ///< max_position_embeddings
    double rmsNormEps = 1e-6;             ///< rms_norm_eps
    double ropeTheta = 10000.0;           ///< rope_theta (or rope_parameters.rope_theta)
    RopeScaling ropeScaling;
    PositionEncoding positionEncoding = PositionEncoding::Rope; ///< ours: "position_embedding_type": "alibi"
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
