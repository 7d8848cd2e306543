// The decoder body: builds the per-forward attention context, runs the layers.

#include "model/decoder_stack.h"

#include "model/positions.h"

namespace sft::model {

DecoderStackImpl::DecoderStackImpl(const ModelConfig &c) : m_config(c)
{
    embed_tokens = register_module("embed_tokens", TokenEmbedding(c.vocabSize, c.hiddenSize));
    layers = register_module("layers", torch::nn::ModuleList());
    for (std::int64_t i = 0; i < c.numLayers; ++i)
        layers->push_back(DecoderLayer(c));
    norm = register_module("norm", RMSNorm(c.hiddenSize, c.rmsNormEps));
    if (c.positionEncoding == PositionEncoding::Rope)
        m_invFreq = ropeInverseFrequencies(c);
    else
        m_alibiSlopes = alibiSlopes(c.numHeads);
}

torch::Tensor DecoderStackImpl::forward(const torch::Tensor &inputIds, torch::Tensor attentionMask,
                                        torch::Tensor positionIds, KVCache *cache, const torch::Tensor &structure)
{
    const auto dev = embed_tokens->weight.device();
    const torch::Tensor ids = inputIds.to(dev, torch::kInt64);
    const auto b = ids.size(0), t = ids.size(1);
    if (!attentionMask.defined())
        attentionMask = torch::ones({b, t}, torch::TensorOptions().dtype(torch::kInt64).device(dev));
    attentionMask = attentionMask.to(dev, torch::kInt64);

    const bool hasPast = cache && !cache->empty();
    const torch::Tensor keyMask = hasPast ? torch::cat({cache->mask, attentionMask}, 1) : attentionMask;
    if (!positionIds.defined()) {
        // Count real tokens: left padding then gives the unpadded positions.
        positionIds = (keyMask.cumsum(1) - 1).clamp_min(0).narrow(1, keyMask.size(1) - t, t);
    }
    positionIds = positionIds.to(dev, torch::kInt64);
    const torch::Tensor keyPositions = hasPast ? torch::cat({cache->positions, positionIds}, 1) : positionIds;

    AttentionContext ctx;
    if (m_invFreq.defined()) {
        if (m_invFreq.device() != dev)
            m_invFreq = m_invFreq.to(dev);
        std::tie(ctx.cos, ctx.sin) = ropeCosSin(m_invFreq, positionIds);
        ctx.bias = attentionBias(keyMask, t, m_config.slidingWindow, {}, keyPositions, structure);
    } else {
        ctx.bias = attentionBias(keyMask, t, m_config.slidingWindow, m_alibiSlopes, keyPositions, structure);
    }

    if (cache) {
        cache->keys.resize(layers->size());
        cache->values.resize(layers->size());
    }
    torch::Tensor h = embed_tokens(ids);
    for (std::size_t i = 0; i < layers->size(); ++i) {
        auto layer = layers->ptr<DecoderLayerImpl>(i);
        h = layer->forward(h, ctx, cache ? &cache->keys[i] : nullptr, cache ? &cache->values[i] : nullptr);
    }
    if (cache) {
        cache->mask = keyMask;
        cache->positions = keyPositions;
    }
    return norm(h);
}

} // namespace sft::model
