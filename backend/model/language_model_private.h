#pragma once
// The state behind LanguageModel's torch-free interface (internal header).

#include "model/causal_lm.h"
#include "model/language_model.h"

#include <torch/torch.h>

namespace sft::model {

struct LanguageModel::Private
{
    ModelConfig config;
    CausalLM module{nullptr};
    torch::Device device{torch::kCPU};
    torch::ScalarType dtype = torch::kFloat32;

    /** ids as a [1, n] int64 tensor on the model's device. */
    torch::Tensor row(const std::vector<std::int64_t> &ids) const;
    /** log_softmax of logits, fp32 on the CPU. */
    static torch::Tensor logProbs(const torch::Tensor &logits);
};

} // namespace sft::model
