#pragma once
// Which tensors a GGUF file of a Hugging Face checkpoint holds and how each is
// read: HF names mapped to llama.cpp's (token_embd, blk.N.attn_q, ...), shapes
// checked against config.json before anything is written, and loaders that
// read one tensor from the memory-mapped safetensors when the writer asks for
// it (F32, F16 or BF16 in, fp32 out), reordering rows where llama.cpp's layout
// differs: the per-head Q/K permutation of the LLaMA family (HF's rotate-half
// RoPE -> llama.cpp's interleaved pairs) and BLOOM's fused QKV (per head
// q, k, v -> all Q, all K, all V). The same reorderings apply to a LoRA
// adapter's B matrices.

#include "gguf/gguf_writer.h"
#include "model/model_config.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "safetensors/checkpoint.h"

namespace sft::gguf {

/** One tensor of the file to write. */
struct TensorSpec
{
    std::string name;                 ///< GGUF name
    std::vector<std::uint64_t> dims;  ///< fastest first (a torch [out, in] weight is {in, out})
    bool matrix = false;              ///< a 2-D weight: stored as the file's type (else F32)
    Writer::Loader loader;
};

/** general.architecture for a config: "llama" (llama, mistral), "qwen2", "bloom". */
std::string ggufArchitecture(const model::ModelConfig &config);

/**
 * llama.cpp's RoPE row order for a Q or K projection of `heads` heads (rows = heads · head size):
 * new row h·d + 2i + j is old row h·d + j·d/2 + i (i < d/2, j in {0, 1}).
 */
std::vector<std::size_t> llamaRopeOrder(std::int64_t rows, std::int64_t heads);
/** BLOOM's fused QKV rows, (head, {q, k, v}, d) -> [all Q; all K; all V]. */
std::vector<std::size_t> bloomQkvOrder(std::int64_t heads, std::int64_t headDim);

/**
 * A checkpoint tensor as fp32 values in its own row-major order, rows taken in rowOrder when given
 * (new row r = old row rowOrder[r]). F32, F16 and BF16 only.
 */
std::vector<float> readTensor(const safetensors::TensorRef &ref, const std::vector<std::size_t> &rowOrder = {});

/** A PEFT LoRA pair of one layer projection, checked against the model's shapes. */
struct LoraPair
{
    std::int64_t layer = 0;
    std::string projection;       ///< HF name inside the layer: q_proj, query_key_value, ...
    std::string weight;           ///< the base weight it adapts (canonical HF name, "...q_proj.weight")
    std::string keyA, keyB;       ///< PEFT keys
    safetensors::TensorRef a, b;  ///< A [r, in], B [out, r]
    std::int64_t in = 0, out = 0;
};

/**
 * The LoRA pairs of a PEFT adapter file (base_model.model.<module>.lora_A / lora_B.weight). Every
 * key must be a LoRA matrix of a projection of config's layers with the projection's shape and
 * rank (sft::Error naming the key otherwise).
 */
std::vector<LoraPair> loraPairs(const safetensors::Checkpoint &ckpt, const model::ModelConfig &config, std::int64_t rank);

/** A LoRA adapter folded into the base weights as they are read: W + scale·B·A in float, then reordered. */
struct LoraMerge
{
    std::shared_ptr<const safetensors::Checkpoint> adapter;   ///< keeps the pairs' mapping alive
    double scale = 1.0;
    std::vector<LoraPair> pairs;
};

/**
 * Every tensor of a model's GGUF file, in llama.cpp's order, from an opened checkpoint: each
 * tensor config.json implies is looked up (BLOOM with or without "transformer."), its dtype and
 * shape checked (sft::Error naming the tensor and its file), and a loader that reads it from ckpt
 * made; with merge, a loader of an adapted weight adds scale·B·A before reordering. Row orders are
 * built by the loaders, so nothing config.json sizes is allocated before the shapes are checked.
 * Llama3 RoPE scaling adds rope_freqs.weight. unused receives checkpoint tensors not used.
 */
std::vector<TensorSpec> planModelTensors(const std::shared_ptr<const safetensors::Checkpoint> &ckpt,
                                         const model::ModelConfig &config, const std::string &modelDir,
                                         std::vector<std::string> &unused, const LoraMerge *merge = nullptr);

/**
 * The LoRA tensors of a PEFT adapter file (see loraPairs) as "<GGUF weight>.lora_a" {in, r} and
 * ".lora_b" {r, out}, B's rows reordered like the base weight.
 */
std::vector<TensorSpec> planLoraTensors(const std::shared_ptr<const safetensors::Checkpoint> &ckpt,
                                        const model::ModelConfig &config, std::int64_t rank);

} // namespace sft::gguf
