#pragma once
// What a run will cost, before it starts: trainable parameters per method
// (with the formula, shown in the GUI and printed by the worker), the usable
// context, and a rough memory estimate. Torch-free.

#include "finetune/train_config.h"
#include "model/model_config.h"

#include <cstdint>
#include <string>
#include <utility>

namespace sft::finetune {

struct ParameterPlan
{
    std::int64_t baseParameters = 0;   ///< the model's own parameters
    std::int64_t trainable = 0;        ///< parameters the optimizer updates
    std::int64_t added = 0;            ///< parameters the method adds (0 for full fine-tuning)
    double share = 0;                  ///< trainable / (base + added)
    std::string formula;               ///< e.g. "r·(in+out) summed over 4 layers × [q_proj, v_proj] = 8·(128+128)·8"
};

/** Trainable-parameter count of the method on this architecture. Throws sft::Error on bad settings. */
ParameterPlan parameterPlan(const model::ModelConfig &model, const TrainConfig &config);

/**
 * In and out features of a projection of one decoder layer of the model's architecture
 * (q_proj ... down_proj, or BLOOM's query_key_value ... dense_4h_to_h); sft::Error naming the
 * valid ones for other names.
 */
std::pair<std::int64_t, std::int64_t> projectionShape(const model::ModelConfig &model, const std::string &name);

/** LoRA only: r·(in+out) summed over the target projections (none given: the architecture's default) of every layer. */
std::int64_t loraParameterCount(const model::ModelConfig &model, const LoraConfig &lora);

/**
 * Tokens one example may use: max_position_embeddings × ropeFactor minus the
 * prefix tokens (prefix tuning), so the UI can say how the budget shrinks.
 */
std::int64_t contextBudget(const model::ModelConfig &model, const TrainConfig &config);

/**
 * Bytes, roughly: activations from a per-token, per-layer constant, plus the
 * runtime itself; calibrated against the peak RSS of the 100M preset on the CPU
 * (bench/train: estimate within ~10% for LoRA and full fine-tuning).
 */
struct MemoryEstimate
{
    std::int64_t weights = 0;
    std::int64_t gradients = 0;
    std::int64_t optimizer = 0;   ///< AdamW: two fp32 moments per trainable parameter
    std::int64_t activations = 0; ///< kept for backward and its temporaries
    std::int64_t runtime = 200ll << 20; ///< the process and LibTorch themselves
    std::int64_t total() const { return weights + gradients + optimizer + activations + runtime; }
};

MemoryEstimate estimateMemory(const model::ModelConfig &model, const TrainConfig &config);

} // namespace sft::finetune
