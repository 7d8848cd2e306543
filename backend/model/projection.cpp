// The projection with an injectable branch.

#include "model/projection.h"

namespace sft::model {

ProjectionImpl::ProjectionImpl(std::int64_t inFeatures, std::int64_t outFeatures, bool withBias)
    : m_in(inFeatures), m_out(outFeatures)
{
    // Uninitialised storage: weights come from a checkpoint or initWeights().
    weight = register_parameter("weight", torch::empty({outFeatures, inFeatures}));
    if (withBias)
        bias = register_parameter("bias", torch::empty({outFeatures}));
}

torch::Tensor ProjectionImpl::forward(const torch::Tensor &x)
{
    torch::Tensor y = torch::nn::functional::linear(x, weight, bias);
    return m_branch ? m_branch->forward(x, y) : y;
}

void ProjectionImpl::setBranch(std::shared_ptr<ProjectionBranch> branch, const std::string &name)
{
    clearBranch();
    m_branch = register_module(name, std::move(branch));
    m_branchName = name;
}

void ProjectionImpl::clearBranch()
{
    if (m_branch)
        unregister_module(m_branchName);
    m_branch.reset();
    m_branchName.clear();
}

} // namespace sft::model
