// The decoder body: builds the per-forward attention context, runs the layers
// (optionally behind a prefix and with gradient checkpointing).

#include "model/decoder_stack.h"

#include "core/error.h"
#include "model/positions.h"

#include "model/autocast_compat.h"

#include <cstdint>

namespace sft::model {

namespace {

/**
 * Runs one decoder layer without keeping its activations and recomputes them
 * during backward (the reentrant scheme of torch.utils.checkpoint): the inner
 * backward accumulates the layer's parameter gradients and returns the input's.
 * The CPU RNG state and the autocast mode are restored for the recomputation,
 * so dropout draws the same masks.
 */
struct CheckpointedLayer : public torch::autograd::Function<CheckpointedLayer>
{
    static torch::Tensor forward(torch::autograd::AutogradContext *ctx, torch::Tensor x, std::int64_t layerAddress,
                                 torch::Tensor cos, torch::Tensor sin, torch::Tensor bias)
    {
        auto *layer = reinterpret_cast<DecoderLayerImpl *>(static_cast<std::intptr_t>(layerAddress));
        ctx->saved_data["layer"] = layerAddress;
        ctx->saved_data["rng"] = at::detail::getDefaultCPUGenerator().get_state();
        ctx->saved_data["autocast_cpu"] = autocast::enabled(c10::DeviceType::CPU);
        ctx->saved_data["autocast_gpu"] = autocast::enabled(c10::DeviceType::CUDA);
        ctx->saved_data["autocast_cpu_dtype"] = static_cast<std::int64_t>(autocast::dtype(c10::DeviceType::CPU));
        ctx->saved_data["autocast_gpu_dtype"] = static_cast<std::int64_t>(autocast::dtype(c10::DeviceType::CUDA));
        ctx->save_for_backward({x, cos, sin, bias});
        torch::NoGradGuard noGrad;
        return layer->forward(x, AttentionContext{cos, sin, bias}, nullptr, nullptr);
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list grads)
    {
        auto *layer = reinterpret_cast<DecoderLayerImpl *>(static_cast<std::intptr_t>(ctx->saved_data["layer"].toInt()));
        const auto saved = ctx->get_saved_variables();
        torch::Tensor x = saved[0].detach().requires_grad_(true);
        auto gen = at::detail::getDefaultCPUGenerator();
        const torch::Tensor current = gen.get_state();
        gen.set_state(ctx->saved_data["rng"].toTensor());
        const bool cpuWas = autocast::enabled(c10::DeviceType::CPU), gpuWas = autocast::enabled(c10::DeviceType::CUDA);
        const at::ScalarType cpuDtypeWas = autocast::dtype(c10::DeviceType::CPU);
        const at::ScalarType gpuDtypeWas = autocast::dtype(c10::DeviceType::CUDA);
        autocast::setDtype(c10::DeviceType::CPU, static_cast<at::ScalarType>(ctx->saved_data["autocast_cpu_dtype"].toInt()));
        autocast::setDtype(c10::DeviceType::CUDA, static_cast<at::ScalarType>(ctx->saved_data["autocast_gpu_dtype"].toInt()));
        autocast::setEnabled(c10::DeviceType::CPU, ctx->saved_data["autocast_cpu"].toBool());
        autocast::setEnabled(c10::DeviceType::CUDA, ctx->saved_data["autocast_gpu"].toBool());
        torch::Tensor out;
        {
            torch::AutoGradMode enable(true);
            out = layer->forward(x, AttentionContext{saved[1], saved[2], saved[3]}, nullptr, nullptr);
        }
        // The cast weights autocast cached during the recompute are this step's: drop them, or a later
        // forward on this thread would reuse them after the optimizer changed the weights.
        at::autocast::clear_cache();
        autocast::setEnabled(c10::DeviceType::CPU, cpuWas);
        autocast::setEnabled(c10::DeviceType::CUDA, gpuWas);
        autocast::setDtype(c10::DeviceType::CPU, cpuDtypeWas);
        autocast::setDtype(c10::DeviceType::CUDA, gpuDtypeWas);
        gen.set_state(current);
        torch::autograd::backward({out}, {grads[0]});
        return {x.grad(), torch::Tensor(), torch::Tensor(), torch::Tensor(), torch::Tensor()};
    }
};

} // namespace

DecoderStackImpl::DecoderStackImpl(const ModelConfig &c) : m_config(c)
{
    const bool bloom = c.architecture == Architecture::Bloom;
    embed_tokens = register_module(bloom ? "word_embeddings" : "embed_tokens", TokenEmbedding(c.vocabSize, c.hiddenSize));
    if (bloom)
        embed_norm = register_module("word_embeddings_layernorm", Norm(c.hiddenSize, c.rmsNormEps, NormImpl::Kind::Layer));
    layers = register_module(bloom ? "h" : "layers", torch::nn::ModuleList());
    for (std::int64_t i = 0; i < c.numLayers; ++i)
        layers->push_back(DecoderLayer(c));
    norm = register_module(bloom ? "ln_f" : "norm",
                           Norm(c.hiddenSize, c.rmsNormEps, bloom ? NormImpl::Kind::Layer : NormImpl::Kind::Rms));
    if (c.positionEncoding == PositionEncoding::Rope)
        m_invFreq = ropeInverseFrequencies(c);
    else
        m_alibiSlopes = alibiSlopes(c.numHeads);
}

void DecoderStackImpl::setPrefix(std::shared_ptr<PrefixSource> prefix)
{
    if (m_prefix)
        unregister_module("prefix_encoder");
    m_prefix = std::move(prefix);
    if (m_prefix)
        register_module("prefix_encoder", m_prefix);
}

torch::Tensor DecoderStackImpl::forward(const torch::Tensor &inputIds, torch::Tensor attentionMask,
                                        torch::Tensor positionIds, KVCache *cache, const torch::Tensor &structureIn)
{
    const auto dev = embed_tokens->weight.device();
    const torch::Tensor ids = inputIds.to(dev, torch::kInt64);
    const auto b = ids.size(0), t = ids.size(1);
    if (!attentionMask.defined())
        attentionMask = torch::ones({b, t}, torch::TensorOptions().dtype(torch::kInt64).device(dev));
    attentionMask = attentionMask.to(dev, torch::kInt64);

    // Prefix tuning: a forward without cached keys starts from the prefix keys/values.
    KVCache localCache;
    torch::Tensor structure = structureIn;
    if (m_prefix && (!cache || cache->empty())) {
        if (!cache)
            cache = &localCache;
        const std::int64_t p = m_prefix->length();
        const torch::Tensor kv = m_prefix->keysValues().to(dev, embed_tokens->weight.scalar_type()); // [P, L, 2, kvH, D]
        cache->keys.resize(layers->size());
        cache->values.resize(layers->size());
        for (std::size_t i = 0; i < layers->size(); ++i) {
            const auto li = static_cast<std::int64_t>(i);
            cache->keys[i] = kv.select(1, li).select(1, 0).permute({1, 0, 2}).unsqueeze(0).expand({b, -1, -1, -1});
            cache->values[i] = kv.select(1, li).select(1, 1).permute({1, 0, 2}).unsqueeze(0).expand({b, -1, -1, -1});
        }
        const auto i64 = torch::TensorOptions().dtype(torch::kInt64).device(dev);
        cache->mask = torch::ones({b, p}, i64);
        cache->positions = torch::arange(p, i64).unsqueeze(0).expand({b, p});
        if (positionIds.defined())
            positionIds = positionIds.to(dev, torch::kInt64) + p;
        if (structure.defined())
            structure = torch::cat({torch::ones({structure.size(0), structure.size(1), p},
                                                torch::TensorOptions().dtype(torch::kBool).device(structure.device())),
                                    structure.to(torch::kBool)},
                                   2);
    }

    const bool hasPast = cache && !cache->empty();
    const torch::Tensor keyMask = hasPast ? torch::cat({cache->mask, attentionMask}, 1) : attentionMask;
    const bool countedPositions = !positionIds.defined(); // then no position id exceeds keyMask.size(1) - 1
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
        torch::Tensor invFreq = m_invFreq;
        if (m_config.ropeScaling.type == RopeScaling::Type::Dynamic && positionIds.numel() > 0) {
            // Dynamic NTK follows this call's sequence length, the largest position id + 1, as
            // transformers. Keys already in the cache keep the rotation they were stored with
            // (transformers does the same, deliberately: re-rotating them would cost a pass over
            // the cache per token). Unlike transformers, whose base only grows during a
            // generation, the base here depends on this call alone, so a forward gives the same
            // result whatever ran before it. Up to the trained context the base is theta
            // (m_invFreq): counted positions are bounded by the key count, so that case needs no
            // look at the ids; past it the frequencies of the last length are kept for the next call
            // of the same length (each decode step of a batch is one length longer, so they
            // mostly serve the layers of one call and repeated forwards of one length).
            const RopeScaling &rs = m_config.ropeScaling;
            const std::int64_t trained = rs.originalMaxPositions > 0 ? rs.originalMaxPositions : m_config.maxPositions;
            const bool withinTrained = countedPositions && keyMask.size(1) <= trained;
            const std::int64_t seqLen = withinTrained ? 0 : positionIds.max().item<std::int64_t>() + 1;
            if (seqLen > trained) {
                if (seqLen != m_dynamicLength || !m_dynamicInvFreq.defined() || m_dynamicInvFreq.device() != dev) {
                    m_dynamicInvFreq = ropeInverseFrequencies(m_config, seqLen).to(dev);
                    m_dynamicLength = seqLen;
                }
                invFreq = m_dynamicInvFreq;
            }
        }
        std::tie(ctx.cos, ctx.sin) = ropeCosSin(invFreq, positionIds, ropeAttentionFactor(m_config));
        ctx.bias = attentionBias(keyMask, t, m_config.slidingWindow, {}, keyPositions, structure);
    } else {
        ctx.bias = attentionBias(keyMask, t, m_config.slidingWindow, m_alibiSlopes, keyPositions, structure);
    }

    if (cache) {
        cache->keys.resize(layers->size());
        cache->values.resize(layers->size());
    }
    const bool checkpoint = m_checkpointing && is_training() && torch::GradMode::is_enabled() && !cache;
    torch::Tensor h = embed_tokens(ids);
    if (embed_norm)
        h = embed_norm(h);
    if (checkpoint && !h.requires_grad())
        h = h.detach().requires_grad_(true); // frozen embeddings: the checkpointed layers still need a graph
    // A custom autograd function's tensor arguments must be defined: ALiBi (no cos/sin) passes
    // empty ones, which its attention never reads.
    const torch::Tensor none =
        checkpoint ? torch::empty({0}, torch::TensorOptions().dtype(torch::kFloat32).device(dev)) : torch::Tensor();
    for (std::size_t i = 0; i < layers->size(); ++i) {
        auto layer = layers->ptr<DecoderLayerImpl>(i);
        if (checkpoint) {
            h = CheckpointedLayer::apply(h, static_cast<std::int64_t>(reinterpret_cast<std::intptr_t>(layer.get())),
                                         ctx.cos.defined() ? ctx.cos : none, ctx.sin.defined() ? ctx.sin : none,
                                         ctx.bias);
        } else {
            h = layer->forward(h, ctx, cache ? &cache->keys[i] : nullptr, cache ? &cache->values[i] : nullptr);
        }
    }
    if (cache) {
        cache->mask = keyMask;
        cache->positions = keyPositions;
    }
    return norm(h);
}

} // namespace sft::model
