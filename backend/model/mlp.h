#pragma once
// The feed-forward block of a decoder layer: SwiGLU for the LLaMA family,
// down_proj(silu(gate_proj(x)) * up_proj(x)); for BLOOM
// dense_4h_to_h(gelu_tanh(dense_h_to_4h(x))).

#include "model/model_config.h"
#include "model/projection.h"

#include <torch/torch.h>

namespace sft::model {

/** The MLP ("mlp") with HF projection names. */
class MlpImpl : public torch::nn::Module
{
public:
    explicit MlpImpl(const ModelConfig &config);
    torch::Tensor forward(const torch::Tensor &x);

    Projection gate_proj{nullptr}; ///< LLaMA family only
    Projection up_proj{nullptr};   ///< registered as "up_proj" or (BLOOM) "dense_h_to_4h"
    Projection down_proj{nullptr}; ///< registered as "down_proj" or (BLOOM) "dense_4h_to_h"
};
TORCH_MODULE(Mlp);

} // namespace sft::model
