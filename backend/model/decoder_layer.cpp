// Pre-norm decoder block.

#include "model/decoder_layer.h"

namespace sft::model {

DecoderLayerImpl::DecoderLayerImpl(const ModelConfig &c) : m_residualPostNorm(c.residualPostLayerNorm)
{
    const bool bloom = c.architecture == Architecture::Bloom;
    const auto kind = bloom ? NormImpl::Kind::Layer : NormImpl::Kind::Rms;
    self_attn = register_module(bloom ? "self_attention" : "self_attn", Attention(c));
    mlp = register_module("mlp", Mlp(c));
    input_layernorm = register_module("input_layernorm", Norm(c.hiddenSize, c.rmsNormEps, kind));
    post_attention_layernorm = register_module("post_attention_layernorm", Norm(c.hiddenSize, c.rmsNormEps, kind));
}

torch::Tensor DecoderLayerImpl::forward(const torch::Tensor &x, const AttentionContext &ctx, torch::Tensor *cacheKeys,
                                        torch::Tensor *cacheValues)
{
    const torch::Tensor n1 = input_layernorm(x);
    const torch::Tensor h = (m_residualPostNorm ? n1 : x) + self_attn->forward(n1, ctx, cacheKeys, cacheValues);
    const torch::Tensor n2 = post_attention_layernorm(h);
    return (m_residualPostNorm ? n2 : h) + mlp(n2);
}

} // namespace sft::model
