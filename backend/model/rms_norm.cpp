// RMSNorm (fp32 statistics, cast back, then weight).

#include "model/rms_norm.h"

namespace sft::model {

RMSNormImpl::RMSNormImpl(std::int64_t dim, double eps) : m_eps(eps)
{
    weight = register_parameter("weight", torch::ones({dim}));
}

torch::Tensor RMSNormImpl::forward(const torch::Tensor &x)
{
    const auto inputType = x.scalar_type();
    torch::Tensor h = x.to(torch::kFloat32);
    const torch::Tensor variance = h.pow(2).mean(-1, true);
    h = h * torch::rsqrt(variance + m_eps);
    return weight * h.to(inputType);
}

} // namespace sft::model
