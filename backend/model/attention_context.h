#pragma once
// What every attention layer of one forward pass shares: RoPE cos/sin of the
// new tokens and the additive attention bias over all keys.

#include <torch/torch.h>

namespace sft::model {

/** Per-forward inputs common to all layers. */
struct AttentionContext
{
    torch::Tensor cos;  ///< [B, T, headDim] fp32, undefined with ALiBi
    torch::Tensor sin;  ///< [B, T, headDim] fp32, undefined with ALiBi
    torch::Tensor bias; ///< [B, 1 or H, T, Tk] fp32 additive bias
};

} // namespace sft::model
