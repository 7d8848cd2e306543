#pragma once
// The fine-tuning methods on a CausalLM: LoRA (lora.h), bottleneck adapters,
// prefix tuning and full fine-tuning, attached by one call that also freezes
// what must not train; plus saving and loading the trainable tensors by name
// (checkpoints, the run's final weights) and PEFT's prefix-tuning format.

#include "finetune/lora.h"
#include "finetune/train_config.h"
#include "model/causal_lm.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sft::finetune {

/**
 * Houlsby bottleneck adapter on a sub-layer's output projection (o_proj / BLOOM's
 * dense: after attention; down_proj / dense_4h_to_h: after the MLP), before the residual add:
 * y = base + up(gelu(down(base))). The up-projection starts at zero, so the
 * adapted model starts as exactly the base model; parameters are fp32.
 */
class AdapterBranchImpl : public model::ProjectionBranch
{
public:
    AdapterBranchImpl(std::int64_t hidden, const AdapterConfig &config, torch::Generator generator);
    torch::Tensor forward(const torch::Tensor &input, const torch::Tensor &baseOutput) override;

    torch::nn::Linear down_proj{nullptr}; ///< [b, hidden] + bias
    torch::nn::Linear up_proj{nullptr};   ///< [hidden, b] + bias, zero at start
};

/**
 * Prefix tuning: P virtual tokens' keys and values for every layer. Directly a
 * [P, L·2·kv] table ("embedding.weight", PEFT's prompt_embeddings layout), or
 * with the reparameterization an embedding [P, hidden] through
 * Linear(hidden, m) - tanh - Linear(m, L·2·kv), as PEFT's prefix_projection.
 * Initialised N(0, 0.02²) (small keys: near-uniform attention to the prefix at
 * start with small values).
 */
class PrefixEncoderImpl : public model::PrefixSource
{
public:
    PrefixEncoderImpl(const model::ModelConfig &model, const PrefixConfig &config, torch::Generator generator);
    torch::Tensor keysValues() override;           ///< [P, L, 2, kvHeads, headDim]
    std::int64_t length() const override { return m_tokens; }
    /** The [P, L·2·kv] table the prefix amounts to (after the MLP, if any): PEFT's prompt_embeddings. */
    torch::Tensor promptEmbeddings();

    torch::nn::Embedding embedding{nullptr};
    torch::nn::Sequential transform{nullptr};   ///< only with projection

private:
    std::int64_t m_tokens, m_layers, m_kvHeads, m_headDim;
};

/** What attachMethod did. */
struct MethodAttachment
{
    std::int64_t trainableParameters = 0;
    std::vector<std::string> trainableNames; ///< full parameter names, in module order
};

/**
 * Attach config.method to the model (deterministic for seed) and set
 * requires_grad: only the method's parameters train (every parameter for full
 * fine-tuning). Throws sft::Error on bad settings.
 */
MethodAttachment attachMethod(model::CausalLMImpl &model, const TrainConfig &config, std::uint64_t seed);

/** Named parameters that require grad, in module order. */
std::vector<std::pair<std::string, torch::Tensor>> trainableParameters(torch::nn::Module &module);

/** Write the trainable parameters (in their own dtype) to a .safetensors file. */
void saveTrainable(torch::nn::Module &module, const std::string &path);
/**
 * Copy tensors of a .safetensors file into the trainable parameters by name;
 * every trainable parameter must be present with its shape (sft::Error otherwise).
 */
void loadTrainable(torch::nn::Module &module, const std::string &path);

/**
 * PEFT's prefix-tuning adapter: adapter_config.json (peft_type PREFIX_TUNING,
 * num_virtual_tokens, token_dim, num_layers, ...) and adapter_model.safetensors
 * holding "prompt_embeddings" [P, L·2·kv] (fp32). PEFT's current layout; a BLOOM
 * prefix loads right with transformers 4.44 or newer (see methods.cpp).
 */
void savePeftPrefix(model::CausalLMImpl &model, const TrainConfig &config, const std::string &dir,
                    const std::string &baseModelNameOrPath);

} // namespace sft::finetune
