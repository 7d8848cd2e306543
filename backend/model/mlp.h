#pragma once
// The SwiGLU feed-forward block: down_proj(silu(gate_proj(x)) * up_proj(x)).

#include "model/model_config.h"
#include "model/projection.h"

#include <torch/torch.h>

namespace sft::model {

/** Gated MLP ("mlp") with HF projection names. */
class MlpImpl : public torch::nn::Module
{
public:
    explicit MlpImpl(const ModelConfig &config);
    torch::Tensor forward(const torch::Tensor &x);

    Projection gate_proj{nullptr}, up_proj{nullptr}, down_proj{nullptr};
};
TORCH_MODULE(Mlp);

} // namespace sft::model
