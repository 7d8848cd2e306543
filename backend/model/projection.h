#pragma once
// A linear projection (y = x·Wᵀ + b) whose parameters carry the Hugging Face
// names ("weight", "bias") directly, plus an optional branch: a module that
// sees the input and the base output and returns the final output. LoRA,
// adapters and similar methods attach themselves to a named projection
// (model.layers.N.self_attn.q_proj, ...) through setBranch() without the
// model code knowing about them.

#include <torch/torch.h>

#include <memory>
#include <string>

namespace sft::model {

/** An add-on to a projection: returns the projection's output given its input and base output. */
class ProjectionBranch : public torch::nn::Module
{
public:
    virtual torch::Tensor forward(const torch::Tensor &input, const torch::Tensor &baseOutput) = 0;
};

/** Linear layer with HF parameter names and an injectable branch. */
class ProjectionImpl : public torch::nn::Module
{
public:
    ProjectionImpl(std::int64_t inFeatures, std::int64_t outFeatures, bool bias);

    torch::Tensor forward(const torch::Tensor &x);

    /** Attach branch under the sub-module name (its parameters become "<proj>.<name>.*"). */
    void setBranch(std::shared_ptr<ProjectionBranch> branch, const std::string &name = "branch");
    /** Remove the branch, if any. */
    void clearBranch();
    std::shared_ptr<ProjectionBranch> branch() const { return m_branch; }

    std::int64_t inFeatures() const { return m_in; }
    std::int64_t outFeatures() const { return m_out; }

    torch::Tensor weight; ///< [out, in]
    torch::Tensor bias;   ///< [out] or undefined

private:
    std::int64_t m_in;
    std::int64_t m_out;
    std::shared_ptr<ProjectionBranch> m_branch;
    std::string m_branchName;
};
TORCH_MODULE(Projection);

} // namespace sft::model
