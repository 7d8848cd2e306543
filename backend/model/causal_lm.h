#pragma once
// A causal language model (transformers' LlamaForCausalLM /
// Qwen2ForCausalLM / MistralForCausalLM, or BloomForCausalLM): the decoder
// body "model" ("transformer" for BLOOM) and the output projection "lm_head"
// (absent when word embeddings are tied, as BLOOM's are). The parameter names
// equal the Hugging Face checkpoint names, so weights load by name and
// LoRA-style branches can be attached by name (projection()).

#include "model/decoder_stack.h"
#include "model/kv_cache.h"
#include "model/model_config.h"
#include "model/projection.h"

#include <torch/torch.h>

#include <string>

namespace sft::model {

/** The full causal LM. */
class CausalLMImpl : public torch::nn::Module
{
public:
    explicit CausalLMImpl(const ModelConfig &config);

    /** Logits [B, T, vocab] in the model dtype; arguments as DecoderStackImpl::forward. */
    torch::Tensor forward(const torch::Tensor &inputIds, torch::Tensor attentionMask = {},
                          torch::Tensor positionIds = {}, KVCache *cache = nullptr);
    /** Hidden states after the final norm, without the output projection (structure: see DecoderStackImpl). */
    torch::Tensor hidden(const torch::Tensor &inputIds, torch::Tensor attentionMask = {},
                         torch::Tensor positionIds = {}, KVCache *cache = nullptr,
                         const torch::Tensor &structure = {});
    /** The output projection of hidden states [.., hidden] -> [.., vocab]. */
    torch::Tensor logits(const torch::Tensor &hiddenStates);

    /** Normal(0, std) weights, zero biases, unit norms; deterministic for a seed (CPU generator). */
    void initWeights(std::uint64_t seed, double std = 0.02);

    /**
     * The projection with a dotted HF module name, e.g. "model.layers.3.self_attn.q_proj",
     * "transformer.h.3.self_attention.query_key_value" or "lm_head"; nullptr when there is none.
     */
    std::shared_ptr<ProjectionImpl> projection(const std::string &name);

    const ModelConfig &config() const { return m_config; }

    DecoderStack model{nullptr}; ///< registered as "model" or (BLOOM) "transformer"
    Projection lm_head{nullptr}; ///< null when tied

private:
    ModelConfig m_config;
};
TORCH_MODULE(CausalLM);

} // namespace sft::model
