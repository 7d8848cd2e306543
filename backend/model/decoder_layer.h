#pragma once
// One pre-norm transformer block: h = x + attn(norm1(x)); out = h + mlp(norm2(h)).

#include "model/attention.h"
#include "model/mlp.h"
#include "model/rms_norm.h"

#include <torch/torch.h>

namespace sft::model {

/** A decoder layer ("model.layers.N"). */
class DecoderLayerImpl : public torch::nn::Module
{
public:
    explicit DecoderLayerImpl(const ModelConfig &config);
    torch::Tensor forward(const torch::Tensor &x, const AttentionContext &ctx, torch::Tensor *cacheKeys,
                          torch::Tensor *cacheValues);

    Attention self_attn{nullptr};
    Mlp mlp{nullptr};
    RMSNorm input_layernorm{nullptr}, post_attention_layernorm{nullptr};
};
TORCH_MODULE(DecoderLayer);

} // namespace sft::model
