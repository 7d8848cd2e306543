// Self-attention with GQA, RoPE/ALiBi and a KV cache.

#include "model/attention.h"

#include "model/positions.h"

#include <torch/version.h>

#include <cmath>

#if TORCH_VERSION_MAJOR >= 2
#define SFT_HAVE_SDPA 1
#endif

namespace sft::model {

AttentionImpl::AttentionImpl(const ModelConfig &c)
    : m_heads(c.numHeads), m_kvHeads(c.numKvHeads), m_headDim(c.headDim),
      m_rope(c.positionEncoding == PositionEncoding::Rope)
{
    if (c.architecture == Architecture::Bloom) {
        query_key_value = register_module("query_key_value",
                                          Projection(c.hiddenSize, 3 * c.numHeads * c.headDim, c.qkvBias));
        o_proj = register_module("dense", Projection(c.numHeads * c.headDim, c.hiddenSize, c.oBias));
        return;
    }
    q_proj = register_module("q_proj", Projection(c.hiddenSize, c.numHeads * c.headDim, c.qkvBias));
    k_proj = register_module("k_proj", Projection(c.hiddenSize, c.numKvHeads * c.headDim, c.qkvBias));
    v_proj = register_module("v_proj", Projection(c.hiddenSize, c.numKvHeads * c.headDim, c.qkvBias));
    o_proj = register_module("o_proj", Projection(c.numHeads * c.headDim, c.hiddenSize, c.oBias));
}

torch::Tensor AttentionImpl::forward(const torch::Tensor &x, const AttentionContext &ctx, torch::Tensor *cacheKeys,
                                     torch::Tensor *cacheValues)
{
    const auto b = x.size(0), t = x.size(1);
    torch::Tensor q, k, v;
    if (query_key_value) {
        // BLOOM: per head its query, key and value rows, in that order.
        const torch::Tensor fused = query_key_value(x).view({b, t, m_heads, 3, m_headDim});
        q = fused.select(3, 0).transpose(1, 2);
        k = fused.select(3, 1).transpose(1, 2);
        v = fused.select(3, 2).transpose(1, 2);
    } else {
        q = q_proj(x).view({b, t, m_heads, m_headDim}).transpose(1, 2);
        k = k_proj(x).view({b, t, m_kvHeads, m_headDim}).transpose(1, 2);
        v = v_proj(x).view({b, t, m_kvHeads, m_headDim}).transpose(1, 2);
    }
    if (m_rope) {
        q = applyRope(q, ctx.cos, ctx.sin);
        k = applyRope(k, ctx.cos, ctx.sin);
    }
    if (cacheKeys && cacheValues) {
        if (cacheKeys->defined() && cacheKeys->numel() > 0) {
            k = torch::cat({*cacheKeys, k}, 2);
            v = torch::cat({*cacheValues, v}, 2);
        }
        *cacheKeys = k;
        *cacheValues = v;
    }
    const std::int64_t groups = m_heads / m_kvHeads;
    if (groups > 1) {
        // Head h reads kv head h / groups, as transformers' repeat_kv.
        k = k.repeat_interleave(groups, 1);
        v = v.repeat_interleave(groups, 1);
    }

    torch::Tensor out;
#ifdef SFT_HAVE_SDPA
    out = at::scaled_dot_product_attention(q, k, v, ctx.bias.to(q.scalar_type()), 0.0, false);
#else
    const double scale = 1.0 / std::sqrt(static_cast<double>(m_headDim));
    torch::Tensor scores = torch::matmul(q, k.transpose(2, 3)) * scale;
    scores = scores.to(torch::kFloat32) + ctx.bias;
    const torch::Tensor probs = torch::softmax(scores, -1).to(q.scalar_type());
    out = torch::matmul(probs, v);
#endif
    out = out.transpose(1, 2).reshape({b, t, m_heads * m_headDim});
    return o_proj(out);
}

} // namespace sft::model
