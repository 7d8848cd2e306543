#pragma once
// Multi-head self-attention with grouped-query heads (GQA), RoPE or ALiBi,
// a KV cache and HF parameter names: separate q_proj, k_proj, v_proj and
// o_proj (LLaMA family, "self_attn") or BLOOM's fused query_key_value and
// dense ("self_attention"). Uses at::scaled_dot_product_attention where
// LibTorch has it (>= 2.0), otherwise the explicit softmax(QKᵀ/√d + bias)·V
// with the softmax in fp32.

#include "model/attention_context.h"
#include "model/model_config.h"
#include "model/projection.h"

#include <torch/torch.h>

namespace sft::model {

/** One self-attention block ("self_attn" / "self_attention"). */
class AttentionImpl : public torch::nn::Module
{
public:
    explicit AttentionImpl(const ModelConfig &config);

    /**
     * x [B, T, hidden] -> [B, T, hidden]. With cacheKeys/cacheValues defined
     * (they may be empty tensors on the first step) the new keys and values
     * are appended to them in place.
     */
    torch::Tensor forward(const torch::Tensor &x, const AttentionContext &ctx, torch::Tensor *cacheKeys,
                          torch::Tensor *cacheValues);

    /** LLaMA family: the three input projections (null for BLOOM). */
    Projection q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr};
    /**
     * BLOOM: the fused input projection [hidden -> 3·hidden] whose output reads as
     * (B, T, heads, 3, headDim): q, k, v interleaved per head (null for the LLaMA family).
     */
    Projection query_key_value{nullptr};
    /** The output projection, registered as "o_proj" (LLaMA family) or "dense" (BLOOM). */
    Projection o_proj{nullptr};

private:
    std::int64_t m_heads;
    std::int64_t m_kvHeads;
    std::int64_t m_headDim;
    bool m_rope;
};
TORCH_MODULE(Attention);

} // namespace sft::model
