// Names and shapes of the projections of one decoder layer per architecture.

#include "model/architecture.h"

#include "core/error.h"

#include <algorithm>

namespace sft::model {

namespace {

std::string joined(const std::vector<std::string> &names)
{
    std::string s;
    for (const auto &n : names)
        s += (s.empty() ? "" : ", ") + n;
    return s;
}

bool isMlpProjection(Architecture arch, const std::string &name)
{
    if (arch == Architecture::Bloom)
        return name == "dense_h_to_4h" || name == "dense_4h_to_h";
    return name == "gate_proj" || name == "up_proj" || name == "down_proj";
}

[[noreturn]] void notAProjection(Architecture arch, const std::string &name)
{
    throw Error("unknown module \"" + name + "\" for a " + architectureName(arch) + " model (its layers' projections: "
                + joined(layerProjectionNames(arch)) + ")");
}

} // namespace

std::vector<std::string> layerProjectionNames(Architecture arch)
{
    if (arch == Architecture::Bloom)
        return {"query_key_value", "dense", "dense_h_to_4h", "dense_4h_to_h"};
    return {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"};
}

std::vector<std::string> defaultLoraTargets(Architecture arch)
{
    if (arch == Architecture::Bloom)
        return {"query_key_value"};
    return {"q_proj", "v_proj"};
}

bool isLayerProjection(Architecture arch, const std::string &name)
{
    const auto names = layerProjectionNames(arch);
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string layerProjectionPath(Architecture arch, std::int64_t layer, const std::string &name)
{
    if (!isLayerProjection(arch, name))
        notAProjection(arch, name);
    const bool mlp = isMlpProjection(arch, name);
    if (arch == Architecture::Bloom)
        return "transformer.h." + std::to_string(layer) + (mlp ? ".mlp." : ".self_attention.") + name;
    return "model.layers." + std::to_string(layer) + (mlp ? ".mlp." : ".self_attn.") + name;
}

std::pair<std::int64_t, std::int64_t> layerProjectionShape(const ModelConfig &c, const std::string &name)
{
    const std::int64_t h = c.hiddenSize, q = c.numHeads * c.headDim, kv = c.numKvHeads * c.headDim;
    const std::int64_t inner = c.intermediateSize;
    if (c.architecture == Architecture::Bloom) {
        if (name == "query_key_value") return {h, 3 * q};
        if (name == "dense") return {q, h};
        if (name == "dense_h_to_4h") return {h, inner};
        if (name == "dense_4h_to_h") return {inner, h};
    } else {
        if (name == "q_proj") return {h, q};
        if (name == "k_proj" || name == "v_proj") return {h, kv};
        if (name == "o_proj") return {q, h};
        if (name == "gate_proj" || name == "up_proj") return {h, inner};
        if (name == "down_proj") return {inner, h};
    }
    notAProjection(c.architecture, name);
}

std::string attentionOutputProjection(Architecture arch)
{
    return arch == Architecture::Bloom ? "dense" : "o_proj";
}

std::string mlpOutputProjection(Architecture arch)
{
    return arch == Architecture::Bloom ? "dense_4h_to_h" : "down_proj";
}

const char *architectureName(Architecture arch)
{
    return arch == Architecture::Bloom ? "BLOOM" : "LLaMA-family";
}

} // namespace sft::model
