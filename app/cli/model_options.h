#pragma once
// The options every sftbench-cli command that runs a model shares: where it
// runs (--device, --dtype) and inference-time RoPE scaling (--rope-scaling
// none|linear|dynamic|yarn|llama3 --rope-factor S [--original-max-position N]),
// declared once so generate, logprobs, score, icl, serve, perplexity and
// passkey spell and check them the same way.

#include "core/args.h"
#include "model/language_model.h"

#include <nlohmann/json_fwd.hpp>

namespace sft::cli {

/** Declare --device, --dtype, --rope-scaling, --rope-factor, --original-max-position on p. */
void addModelOptions(ArgParser &p);

/**
 * LoadOptions from the parsed options. Without --rope-scaling the model keeps config.json's
 * scaling (LoadOptions::ropeScaling unset); --rope-scaling none removes it. Throws sft::Error,
 * prefixed with the command's name, for an unknown scaling, a factor that is not a finite number
 * from 1 to 1024, or a factor / original length given without a scaling they apply to.
 */
model::LoadOptions modelLoadOptions(const ArgParser &p);

/** A scaling as JSON for start events: {"type", "factor", "original_max_position"}, or null for none. */
nlohmann::json ropeScalingJson(const model::RopeScaling &s);

/**
 * The scaling a loaded model runs with (its config(): config.json's or the override), as
 * ropeScalingJson, with original_max_position the context it stretches: the scaling's own, else
 * max_position_embeddings for dynamic and yarn (what they compute with); null for a linear
 * scaling of config.json, which names none. Null for an unscaled or ALiBi model.
 */
nlohmann::json ropeScalingJson(const model::ModelConfig &config);

} // namespace sft::cli
