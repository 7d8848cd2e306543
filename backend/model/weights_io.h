#pragma once
// Moving weights between a CausalLM and safetensors checkpoints by HF name.

#include "model/causal_lm.h"

#include "safetensors/checkpoint.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sft::model {

/**
 * Copy every parameter of module from the checkpoint (converting F32/F16/BF16/F64
 * to the parameter's dtype and device). Throws sft::Error naming the tensor when
 * one is missing or has another shape. A parameter under "transformer." (BLOOM's
 * body) is also found without that prefix. Returns the checkpoint tensors that
 * were not used (e.g. lm_head.weight of a tied model, rotary_emb.inv_freq).
 */
std::vector<std::string> loadWeights(torch::nn::Module &module, const safetensors::Checkpoint &checkpoint);

/** Copy the checkpoint's tensor name into dst (shape checked, dtype and device converted); throws sft::Error. */
void copyTensor(torch::Tensor &dst, const safetensors::Checkpoint &checkpoint, const std::string &name);

/** Write named tensors (each in its dtype) to one .safetensors file. */
void saveTensors(const std::vector<std::pair<std::string, torch::Tensor>> &tensors, const std::string &path,
                 const std::map<std::string, std::string> &metadata = {{"format", "pt"}});

/** Write all parameters (in their dtype) to one .safetensors file. */
void saveWeights(torch::nn::Module &module, const std::string &path,
                 const std::map<std::string, std::string> &metadata = {{"format", "pt"}});

/** The torch dtype for a safetensors dtype; throws sft::Error for ones a model cannot hold. */
torch::ScalarType toTorchType(safetensors::DType dtype, const std::string &tensorName = {});

} // namespace sft::model
