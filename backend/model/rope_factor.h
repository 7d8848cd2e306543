#pragma once
// RoPE position interpolation as model loading applies LoadOptions::ropeFactor
// (language_model.cpp), for code that needs a run's model config without
// loading the model (finetune::runModelConfig).

#include "model/model_config.h"

namespace sft::model {

/**
 * Position interpolation on top of what config.json says: linear RoPE scaling by factor (>= 1;
 * 1 changes nothing), combined with a linear rope_scaling already there, max_position_embeddings
 * multiplied by it. Throws sft::Error for ALiBi models or another scaling type.
 */
void applyRopeFactor(ModelConfig &config, double factor);

} // namespace sft::model
