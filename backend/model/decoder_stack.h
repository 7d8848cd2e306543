#pragma once
// The body of a LLaMA-family model, transformers' LlamaModel: token
// embeddings, the decoder layers and the final norm. Registered as "model" in
// CausalLM so its parameters read model.embed_tokens.weight,
// model.layers.N.*, model.norm.weight.

#include "model/decoder_layer.h"
#include "model/kv_cache.h"
#include "model/model_config.h"
#include "model/rms_norm.h"
#include "model/token_embedding.h"

#include <torch/torch.h>

namespace sft::model {

/** Embeddings + decoder layers + final norm. */
class DecoderStackImpl : public torch::nn::Module
{
public:
    explicit DecoderStackImpl(const ModelConfig &config);

    /**
     * Hidden states [B, T, hidden] after the final norm.
     * inputIds [B, T]; attentionMask [B, T] (1 = token, 0 = padding; undefined = all ones);
     * positionIds [B, T] (undefined = counted from the mask, continuing the cache);
     * cache: appended to when given.
     * structure [B, T, Tk] bool, optional: which keys each query may see, replacing the
     * causal rule (several sequences packed into one row; positionIds then required).
     */
    torch::Tensor forward(const torch::Tensor &inputIds, torch::Tensor attentionMask = {},
                          torch::Tensor positionIds = {}, KVCache *cache = nullptr,
                          const torch::Tensor &structure = {});

    TokenEmbedding embed_tokens{nullptr};
    torch::nn::ModuleList layers{nullptr};
    RMSNorm norm{nullptr};

private:
    ModelConfig m_config;
    torch::Tensor m_invFreq;     ///< RoPE, fp32 (moved to the device lazily)
    torch::Tensor m_alibiSlopes; ///< ALiBi, fp32
};
TORCH_MODULE(DecoderStack);

} // namespace sft::model
