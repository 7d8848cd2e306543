// SwiGLU MLP.

#include "model/mlp.h"

namespace sft::model {

MlpImpl::MlpImpl(const ModelConfig &c)
{
    gate_proj = register_module("gate_proj", Projection(c.hiddenSize, c.intermediateSize, c.mlpBias));
    up_proj = register_module("up_proj", Projection(c.hiddenSize, c.intermediateSize, c.mlpBias));
    down_proj = register_module("down_proj", Projection(c.intermediateSize, c.hiddenSize, c.mlpBias));
}

torch::Tensor MlpImpl::forward(const torch::Tensor &x)
{
    return down_proj(torch::silu(gate_proj(x)) * up_proj(x));
}

} // namespace sft::model
