#pragma once
// RMSNorm as in transformers' LlamaRMSNorm: the statistics are computed in
// fp32, the normalised value is cast back to the input dtype, then scaled by
// the weight.

#include <torch/torch.h>

namespace sft::model {

/** Root-mean-square layer norm with a learned scale ("weight"). */
class RMSNormImpl : public torch::nn::Module
{
public:
    RMSNormImpl(std::int64_t dim, double eps);
    torch::Tensor forward(const torch::Tensor &x);

    torch::Tensor weight;

private:
    double m_eps;
};
TORCH_MODULE(RMSNorm);

} // namespace sft::model
