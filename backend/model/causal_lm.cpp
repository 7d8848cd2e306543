// The causal LM: body + output projection, weight init, named projections.

#include "model/causal_lm.h"

namespace sft::model {

CausalLMImpl::CausalLMImpl(const ModelConfig &c) : m_config(c)
{
    model = register_module(c.architecture == Architecture::Bloom ? "transformer" : "model", DecoderStack(c));
    if (!c.tieWordEmbeddings)
        lm_head = register_module("lm_head", Projection(c.hiddenSize, c.vocabSize, false));
}

torch::Tensor CausalLMImpl::hidden(const torch::Tensor &inputIds, torch::Tensor attentionMask,
                                   torch::Tensor positionIds, KVCache *cache, const torch::Tensor &structure)
{
    return model->forward(inputIds, std::move(attentionMask), std::move(positionIds), cache, structure);
}

torch::Tensor CausalLMImpl::logits(const torch::Tensor &h)
{
    return lm_head ? lm_head(h) : torch::nn::functional::linear(h, model->embed_tokens->weight);
}

torch::Tensor CausalLMImpl::forward(const torch::Tensor &inputIds, torch::Tensor attentionMask,
                                    torch::Tensor positionIds, KVCache *cache)
{
    return logits(hidden(inputIds, std::move(attentionMask), std::move(positionIds), cache));
}

void CausalLMImpl::initWeights(std::uint64_t seed, double std)
{
    torch::NoGradGuard noGrad;
    auto gen = at::detail::createCPUGenerator(seed);
    for (auto &p : named_parameters(true)) {
        const std::string &name = p.key();
        torch::Tensor &t = p.value();
        const bool isNorm = name.find("norm.weight") != std::string::npos
                            || (name.size() >= 11 && name.compare(name.size() - 11, 11, "ln_f.weight") == 0);
        const bool isBias = name.size() >= 5 && name.compare(name.size() - 5, 5, ".bias") == 0;
        // Draw in fp32 on the CPU so a seed gives the same model on every device and dtype.
        torch::Tensor v = isNorm   ? torch::ones(t.sizes(), torch::kFloat32)
                          : isBias ? torch::zeros(t.sizes(), torch::kFloat32)
                                   : at::normal(0.0, std, t.sizes(), gen, torch::TensorOptions(torch::kFloat32));
        t.copy_(v);
    }
}

std::shared_ptr<ProjectionImpl> CausalLMImpl::projection(const std::string &name)
{
    for (const auto &m : named_modules("", false))
        if (m.key() == name)
            return std::dynamic_pointer_cast<ProjectionImpl>(m.value());
    return nullptr;
}

} // namespace sft::model
