// RMSNorm (fp32 statistics, cast back, then weight) or LayerNorm with bias.

#include "model/norm.h"

namespace sft::model {

NormImpl::NormImpl(std::int64_t dim, double eps, Kind kind) : m_eps(eps), m_kind(kind)
{
    weight = register_parameter("weight", torch::ones({dim}));
    if (kind == Kind::Layer)
        bias = register_parameter("bias", torch::zeros({dim}));
}

torch::Tensor NormImpl::forward(const torch::Tensor &x)
{
    if (m_kind == Kind::Layer)
        return torch::layer_norm(x, {weight.size(0)}, weight, bias, m_eps);
    const auto inputType = x.scalar_type();
    torch::Tensor h = x.to(torch::kFloat32);
    const torch::Tensor variance = h.pow(2).mean(-1, true);
    h = h * torch::rsqrt(variance + m_eps);
    return weight * h.to(inputType);
}

} // namespace sft::model
