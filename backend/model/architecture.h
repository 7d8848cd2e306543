#pragma once
// Names of the parts of one decoder layer per architecture, torch-free, for
// every place that addresses a projection by its Hugging Face name: LoRA
// targets, adapter placement, the parameter plan, PEFT export keys and the
// training form. LLaMA family: model.layers.N.self_attn.{q,k,v,o}_proj and
// model.layers.N.mlp.{gate,up,down}_proj; BLOOM: transformer.h.N.
// self_attention.{query_key_value,dense} and transformer.h.N.mlp.
// {dense_h_to_4h,dense_4h_to_h}.

#include "model/model_config.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sft::model {

/** The projections inside one decoder layer, attention first (PEFT's order). */
std::vector<std::string> layerProjectionNames(Architecture arch);
/** The LoRA targets PEFT picks when none are given: q_proj, v_proj (LLaMA family); query_key_value (BLOOM). */
std::vector<std::string> defaultLoraTargets(Architecture arch);
/** Whether name is a projection of one decoder layer of this architecture. */
bool isLayerProjection(Architecture arch, const std::string &name);
/** "model.layers.3.self_attn.q_proj", "transformer.h.3.self_attention.query_key_value". */
std::string layerProjectionPath(Architecture arch, std::int64_t layer, const std::string &name);
/** In and out features of a projection of one layer; sft::Error naming the valid ones for others. */
std::pair<std::int64_t, std::int64_t> layerProjectionShape(const ModelConfig &config, const std::string &name);
/** The attention's output projection (o_proj | dense) and the MLP's (down_proj | dense_4h_to_h): adapters go after them. */
std::string attentionOutputProjection(Architecture arch);
std::string mlpOutputProjection(Architecture arch);
/** "LLaMA-family", "BLOOM" (for messages). */
const char *architectureName(Architecture arch);

} // namespace sft::model
