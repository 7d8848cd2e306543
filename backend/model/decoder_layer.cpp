// Pre-norm decoder block.

#include "model/decoder_layer.h"

namespace sft::model {

DecoderLayerImpl::DecoderLayerImpl(const ModelConfig &c)
{
    self_attn = register_module("self_attn", Attention(c));
    mlp = register_module("mlp", Mlp(c));
    input_layernorm = register_module("input_layernorm", RMSNorm(c.hiddenSize, c.rmsNormEps));
    post_attention_layernorm = register_module("post_attention_layernorm", RMSNorm(c.hiddenSize, c.rmsNormEps));
}

torch::Tensor DecoderLayerImpl::forward(const torch::Tensor &x, const AttentionContext &ctx, torch::Tensor *cacheKeys,
                                        torch::Tensor *cacheValues)
{
    const torch::Tensor h = x + self_attn->forward(input_layernorm(x), ctx, cacheKeys, cacheValues);
    return h + mlp(post_attention_layernorm(h));
}

} // namespace sft::model
