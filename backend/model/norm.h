#pragma once
// The normalisation of a decoder: RMSNorm for the LLaMA family (transformers'
// LlamaRMSNorm: statistics in fp32, cast back to the input dtype, then scaled
// by "weight") or LayerNorm with a bias for BLOOM (torch's layer_norm with
// "weight" and "bias"). One module type so the layers and the stack hold
// either without knowing which.

#include <torch/torch.h>

namespace sft::model {

/** RMSNorm ("weight") or LayerNorm ("weight", "bias") over the last dimension. */
class NormImpl : public torch::nn::Module
{
public:
    enum class Kind { Rms, Layer };

    NormImpl(std::int64_t dim, double eps, Kind kind);
    torch::Tensor forward(const torch::Tensor &x);

    torch::Tensor weight;
    torch::Tensor bias; ///< LayerNorm only

private:
    double m_eps;
    Kind m_kind;
};
TORCH_MODULE(Norm);

} // namespace sft::model
