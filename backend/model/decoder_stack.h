#pragma once
// The body of a causal LM, transformers' LlamaModel or BloomModel: token
// embeddings (BLOOM: followed by a LayerNorm), the decoder layers and the
// final norm. Registered as "model" in CausalLM for the LLaMA family, so its
// parameters read model.embed_tokens.weight, model.layers.N.*,
// model.norm.weight; as "transformer" for BLOOM: transformer.word_embeddings.
// weight, transformer.word_embeddings_layernorm.*, transformer.h.N.*,
// transformer.ln_f.*. The C++ members keep one name for both.

#include "model/decoder_layer.h"
#include "model/kv_cache.h"
#include "model/model_config.h"
#include "model/norm.h"
#include "model/token_embedding.h"

#include <torch/torch.h>

namespace sft::model {

/**
 * Trainable keys and values prepended in every layer (prefix tuning). keysValues()
 * returns [P, layers, 2, kvHeads, headDim] (key then value per layer, PEFT's order);
 * they take no RoPE and sit at positions 0..P-1, the tokens at P.. (as transformers
 * treats past_key_values).
 */
class PrefixSource : public torch::nn::Module
{
public:
    virtual torch::Tensor keysValues() = 0;
    virtual std::int64_t length() const = 0;
};

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

    /**
     * Attach (or with nullptr remove) a prefix, registered as "prefix_encoder". Every forward
     * that starts without cached keys then begins with the prefix keys/values; explicit
     * positionIds are shifted by its length and a structure mask gains its columns.
     */
    void setPrefix(std::shared_ptr<PrefixSource> prefix);
    std::shared_ptr<PrefixSource> prefix() const { return m_prefix; }

    /**
     * Gradient checkpointing: while training with gradients, each layer keeps only its
     * input and recomputes its activations during backward (less memory, ~1/3 more compute).
     */
    void setGradientCheckpointing(bool on) { m_checkpointing = on; }
    bool gradientCheckpointing() const { return m_checkpointing; }

    TokenEmbedding embed_tokens{nullptr}; ///< "embed_tokens" / "word_embeddings"
    Norm embed_norm{nullptr};             ///< BLOOM's "word_embeddings_layernorm"; null for the LLaMA family
    torch::nn::ModuleList layers{nullptr}; ///< "layers" / "h"
    Norm norm{nullptr};                   ///< "norm" / "ln_f"

private:
    ModelConfig m_config;
    torch::Tensor m_invFreq;     ///< RoPE, fp32 (moved to the device lazily)
    torch::Tensor m_dynamicInvFreq;  ///< dynamic NTK: the frequencies of the last length past the trained context
    std::int64_t m_dynamicLength = 0; ///< the sequence length m_dynamicInvFreq belongs to
    torch::Tensor m_alibiSlopes; ///< ALiBi, fp32
    std::shared_ptr<PrefixSource> m_prefix;
    bool m_checkpointing = false;
};
TORCH_MODULE(DecoderStack);

} // namespace sft::model
