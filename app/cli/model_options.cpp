// The model options shared by every command that runs a model (see
// model_options.h): the device, the dtype and an inference-time RoPE scaling
// that replaces config.json's rope_scaling.

#include "cli/model_options.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace sft::cli {

void addModelOptions(ArgParser &p)
{
    p.option("device", "auto, cpu, cuda or cuda:N", "auto")
        .option("dtype", "auto, fp32, bf16 or fp16", "auto")
        .option("rope-scaling",
                "inference-time RoPE scaling in place of config.json's rope_scaling (RoPE models only): none (no "
                "scaling at all), linear (positions divided by the factor), dynamic (NTK: the base grows once a "
                "sequence is longer than the original context), yarn (NTK-by-parts: beta_fast 32, beta_slow 1) or "
                "llama3 (low_freq_factor 1, high_freq_factor 4, fixed); without it config.json's scaling applies")
        .option("rope-factor", "the scaling's factor, a finite number from 1 to 1024 (needed with --rope-scaling "
                               "other than none); the usable context becomes the original context times it")
        .option("original-max-position",
                "the context the model was trained with (default: its max_position_embeddings), times the factor "
                "the usable context; linear: only that limit changes; dynamic: the length where the base starts to "
                "grow; yarn: sets the correction range; llama3: sets the wavelength bounds");
}

model::LoadOptions modelLoadOptions(const ArgParser &p)
{
    model::LoadOptions o;
    o.device = p.value("device");
    o.dtype = p.value("dtype");

    const std::string cmd = p.command() + ": ";
    if (!p.has("rope-scaling")) {
        for (const char *option : {"rope-factor", "original-max-position"})
            if (p.has(option))
                throw Error(cmd + "--" + option
                            + " needs --rope-scaling (linear, dynamic, yarn or llama3) to say which scaling it sets");
        return o; // config.json's scaling (and a run's rope factor) as they are
    }
    const std::string name = p.value("rope-scaling");
    if (name == "default")
        throw Error(cmd + "--rope-scaling: \"default\" is config.json's spelling; write none (no scaling), linear, "
                          "dynamic, yarn or llama3, or leave the option out to keep config.json's scaling");
    model::RopeScaling::Type type;
    try {
        type = model::RopeScaling::typeFromName(name);
    } catch (const Error &e) {
        throw Error(cmd + "--rope-scaling: " + e.message());
    }
    model::RopeScaling s;
    s.type = type;
    if (type == model::RopeScaling::Type::None) {
        for (const char *option : {"rope-factor", "original-max-position"})
            if (p.has(option))
                throw Error(cmd + "--" + option + " does not apply to --rope-scaling none (no scaling)");
        o.ropeScaling = s;
        return o;
    }
    if (!p.has("rope-factor"))
        throw Error(cmd + "--rope-scaling " + name + " needs --rope-factor (at least 1, e.g. 2 to double the context)");
    s.factor = p.number("rope-factor");
    if (!std::isfinite(s.factor) || !(s.factor >= 1.0) || s.factor > model::kMaxRopeOverrideFactor)
        throw Error(cmd + "--rope-factor must be a finite number, at least 1 (positions are stretched, never "
                          "compressed) and at most 1024, got " + p.value("rope-factor"));
    if (p.has("original-max-position")) {
        const long long n = p.integer("original-max-position");
        if (n < 1)
            throw Error(cmd + "--original-max-position must be a positive number of positions, got " + std::to_string(n));
        if (!(static_cast<double>(n) * s.factor < 4.0e18))
            throw Error(cmd + "--original-max-position " + std::to_string(n) + " times --rope-factor "
                        + p.value("rope-factor") + " is too large a context");
        s.originalMaxPositions = n;
    }
    // llama3 keeps its published low / high frequency factors (1 and 4), YaRN its beta_fast /
    // beta_slow (32 / 1) and the attention factor 0.1·ln(factor) + 1: RopeScaling's defaults.
    o.ropeScaling = s;
    return o;
}

nlohmann::json ropeScalingJson(const model::RopeScaling &s)
{
    if (s.type == model::RopeScaling::Type::None)
        return nullptr;
    return {{"type", model::RopeScaling::typeName(s.type)},
            {"factor", s.factor},
            {"original_max_position", s.originalMaxPositions > 0 ? nlohmann::json(s.originalMaxPositions)
                                                                 : nlohmann::json(nullptr)}};
}

nlohmann::json ropeScalingJson(const model::ModelConfig &config)
{
    if (config.positionEncoding != model::PositionEncoding::Rope)
        return nullptr;
    model::RopeScaling s = config.ropeScaling;
    if (s.originalMaxPositions == 0 && s.type != model::RopeScaling::Type::Linear)
        s.originalMaxPositions = config.maxPositions;
    return ropeScalingJson(s);
}

} // namespace sft::cli
