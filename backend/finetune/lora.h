#pragma once
// LoRA (Hu et al. 2021): h = W0·x + (alpha / r) · B·A·x on chosen projections,
// A [r, in] and B [out, r]; B starts at zero so the adapted model starts as
// exactly the base model. A is drawn from N(0, 1/r) ("gaussian", the seed
// text's choice, PEFT's init_lora_weights="gaussian") or Kaiming-uniform
// (PEFT's default). rsLoRA scales by alpha / sqrt(r). merge() folds B·A into
// W0 for zero inference overhead. Parameter names follow PEFT
// ("<module>.lora_A.weight", "<module>.lora_B.weight") once the module's
// prefix "base_model.model." is added (see peftKey).

#include "finetune/train_config.h"
#include "model/causal_lm.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sft::finetune {

/** The LoRA add-on of one projection. */
class LoraBranchImpl : public model::ProjectionBranch
{
public:
    LoraBranchImpl(std::int64_t in, std::int64_t out, const LoraConfig &config, torch::Generator generator);
    torch::Tensor forward(const torch::Tensor &input, const torch::Tensor &baseOutput) override;

    torch::nn::Linear lora_A{nullptr}; ///< weight [r, in]
    torch::nn::Linear lora_B{nullptr}; ///< weight [out, r]
    double scale;
    double dropout;
};

/** Which projections got LoRA, by HF module name, and how many parameters it added. */
struct LoraAttachment
{
    std::vector<std::string> modules;
    std::int64_t trainableParameters = 0;
};

/**
 * Attach LoRA to every target projection of every layer; freezes all other
 * parameters (requires_grad false). Deterministic for a seed. Throws
 * sft::Error for rank < 1 or a target that is not a projection of this
 * model's architecture (the message lists the valid ones: q_proj ... down_proj
 * for the LLaMA family, query_key_value, dense, dense_h_to_4h, dense_4h_to_h
 * for BLOOM). No targets in config: the architecture's default
 * (model::defaultLoraTargets), as PEFT.
 */
LoraAttachment attachLora(model::CausalLMImpl &model, const LoraConfig &config, std::uint64_t seed);

/** Fold every LoRA branch into its base weight (W += scale·B·A in the weight's dtype) and remove it. */
void mergeLora(model::CausalLMImpl &model);

/**
 * PEFT's key for a LoRA tensor: base_model.model.<module>.lora_A.weight, e.g.
 * base_model.model.transformer.h.0.self_attention.query_key_value.lora_A.weight.
 */
std::string peftKey(const std::string &module, bool a);

/**
 * Write the attached LoRA as a PEFT adapter folder: adapter_config.json
 * (peft_type LORA, task_type CAUSAL_LM, r, lora_alpha, lora_dropout,
 * target_modules, bias "none", fan_in_fan_out false, use_rslora,
 * init_lora_weights, base_model_name_or_path, inference_mode true,
 * modules_to_save null) and adapter_model.safetensors with PEFT's key names
 * (fp32). Throws sft::Error when the model has no LoRA or the folder cannot be written.
 */
void savePeftAdapter(model::CausalLMImpl &model, const LoraConfig &config, const std::string &dir,
                     const std::string &baseModelNameOrPath);

} // namespace sft::finetune
