#pragma once
// One pre-norm transformer block: h = r1 + attn(norm1(x)); out = r2 + mlp(norm2(h)),
// where the residuals r1, r2 are the block inputs x and h, or (BLOOM with
// apply_residual_connection_post_layernorm) the normed values norm1(x), norm2(h).

#include "model/attention.h"
#include "model/mlp.h"
#include "model/norm.h"

#include <torch/torch.h>

namespace sft::model {

/** A decoder layer ("model.layers.N" / "transformer.h.N"). */
class DecoderLayerImpl : public torch::nn::Module
{
public:
    explicit DecoderLayerImpl(const ModelConfig &config);
    torch::Tensor forward(const torch::Tensor &x, const AttentionContext &ctx, torch::Tensor *cacheKeys,
                          torch::Tensor *cacheValues);

    Attention self_attn{nullptr}; ///< registered as "self_attn" or (BLOOM) "self_attention"
    Mlp mlp{nullptr};
    Norm input_layernorm{nullptr}, post_attention_layernorm{nullptr};

private:
    bool m_residualPostNorm = false;
};
TORCH_MODULE(DecoderLayer);

} // namespace sft::model
