// SwiGLU MLP, or BLOOM's GELU MLP.

#include "model/mlp.h"

namespace sft::model {

MlpImpl::MlpImpl(const ModelConfig &c)
{
    if (c.architecture == Architecture::Bloom) {
        up_proj = register_module("dense_h_to_4h", Projection(c.hiddenSize, c.intermediateSize, c.mlpBias));
        down_proj = register_module("dense_4h_to_h", Projection(c.intermediateSize, c.hiddenSize, c.mlpBias));
        return;
    }
    gate_proj = register_module("gate_proj", Projection(c.hiddenSize, c.intermediateSize, c.mlpBias));
    up_proj = register_module("up_proj", Projection(c.hiddenSize, c.intermediateSize, c.mlpBias));
    down_proj = register_module("down_proj", Projection(c.intermediateSize, c.hiddenSize, c.mlpBias));
}

torch::Tensor MlpImpl::forward(const torch::Tensor &x)
{
    if (!gate_proj) {
        // BLOOM's bloom_gelu: x·0.5·(1 + tanh(0.79788456·x·(1 + 0.044715·x²))), torch's tanh GELU
        // (its constant √(2/π) agrees to 1e-9).
        return down_proj(torch::gelu(up_proj(x), "tanh"));
    }
    return down_proj(torch::silu(gate_proj(x)) * up_proj(x));
}

} // namespace sft::model
