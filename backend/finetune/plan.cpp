// Parameter counts, context budget and memory estimate of a run.

#include "finetune/plan.h"

#include "core/error.h"
#include "model/architecture.h"

#include <cmath>
#include <sstream>

namespace sft::finetune {

namespace {

std::string join(const std::vector<std::string> &v)
{
    std::string s;
    for (const auto &x : v)
        s += (s.empty() ? "" : ", ") + x;
    return s;
}

} // namespace

std::pair<std::int64_t, std::int64_t> projectionShape(const model::ModelConfig &c, const std::string &name)
{
    return model::layerProjectionShape(c, name);
}

std::int64_t loraParameterCount(const model::ModelConfig &config, const LoraConfig &lora)
{
    std::int64_t n = 0;
    for (const std::string &name : lora.targetsFor(config.architecture)) {
        const auto [in, out] = projectionShape(config, name);
        n += std::int64_t(lora.rank) * (in + out);
    }
    return n * config.numLayers;
}

ParameterPlan parameterPlan(const model::ModelConfig &m, const TrainConfig &c)
{
    ParameterPlan p;
    p.baseParameters = m.parameterCount();
    std::ostringstream f;
    const std::int64_t kvDim = m.numKvHeads * m.headDim;
    switch (c.method) {
    case Method::Lora: {
        p.added = loraParameterCount(m, c.lora);
        p.trainable = p.added;
        f << "r·(in+out) per target × " << m.numLayers << " layers; r = " << c.lora.rank << ", targets: "
          << join(c.lora.targetsFor(m.architecture));
        if (c.lora.targetModules.empty())
            f << " (the model's default)";
        break;
    }
    case Method::Adapter: {
        const std::int64_t h = m.hiddenSize, b = c.adapter.bottleneck;
        const std::int64_t perAdapter = h * b + b + b * h + h;
        const int places = int(c.adapter.afterAttention) + int(c.adapter.afterMlp);
        p.added = perAdapter * places * m.numLayers;
        p.trainable = p.added;
        f << "(2·h·b + b + h) per adapter × " << places << " per layer × " << m.numLayers << " layers; h = " << h
          << ", b = " << b;
        break;
    }
    case Method::Prefix: {
        const std::int64_t P = c.prefix.numVirtualTokens, out = 2 * m.numLayers * kvDim;
        if (c.prefix.projection) {
            const std::int64_t h = m.hiddenSize, hid = c.prefix.projectionHidden;
            p.added = P * h + h * hid + hid + hid * out + out;
            f << "P·h + h·m + m + m·(2·L·kv) + 2·L·kv (reparameterization MLP); P = " << P << ", m = " << hid
              << ", kv = " << kvDim << ", L = " << m.numLayers;
        } else {
            p.added = P * out;
            f << "P · 2 · L · kv; P = " << P << ", L = " << m.numLayers << ", kv = heads_kv·head_dim = " << kvDim;
        }
        p.trainable = p.added;
        break;
    }
    case Method::Full:
        p.trainable = p.baseParameters;
        f << "every parameter of the model";
        break;
    }
    p.formula = f.str();
    p.share = double(p.trainable) / double(std::max<std::int64_t>(1, p.baseParameters + p.added));
    return p;
}

std::int64_t contextBudget(const model::ModelConfig &m, const TrainConfig &c)
{
    const auto positions = std::int64_t(std::floor(double(m.maxPositions) * std::max(1.0, c.ropeFactor)));
    return positions - (c.method == Method::Prefix ? c.prefix.numVirtualTokens : 0);
}

MemoryEstimate estimateMemory(const model::ModelConfig &m, const TrainConfig &c)
{
    const ParameterPlan p = parameterPlan(m, c);
    const bool bf16 = c.precision == "bf16";
    const std::int64_t wbytes = bf16 ? 2 : 4;
    MemoryEstimate e;
    e.weights = p.baseParameters * wbytes + p.added * 4;
    e.gradients = p.trainable * (c.method == Method::Full ? wbytes : 4);
    e.optimizer = p.trainable * 8;
    // Activations kept for backward and the temporaries of backward, per token and layer: about
    // 16·h + 4·I elements (norms, q/k/v, attention output, MLP gate/up/act, their gradients) plus
    // 2·heads·T attention probabilities; logits add 2·V per token. BLOOM's GELU MLP has no gate:
    // its input and activation, 2·I, where SwiGLU keeps gate, up, act and their product.
    const std::int64_t T = std::min(c.maxLength, contextBudget(m, c));
    const std::int64_t tokens = std::int64_t(c.batchSize) * T;
    const std::int64_t abytes = (bf16 || c.precision == "bf16-autocast") ? 2 : 4;
    const std::int64_t mlp = (m.architecture == model::Architecture::Bloom ? 2 : 4) * m.intermediateSize;
    const std::int64_t perLayer = 16 * m.hiddenSize + mlp + 2 * m.numHeads * T;
    const std::int64_t layersKept = c.gradientCheckpointing ? 1 : m.numLayers;
    e.activations = tokens * (perLayer * layersKept * abytes + (c.gradientCheckpointing ? m.numLayers * m.hiddenSize * abytes : 0)
                              + 2 * m.vocabSize * 4);
    return e;
}

} // namespace sft::finetune
