#pragma once
// Helpers the fine-tuning tests share (header-only, included by name from tests/finetune).

#include "model/causal_lm.h"

#include <map>
#include <string>

namespace sfttest {

/** A detached copy of every parameter of m, by name. */
inline std::map<std::string, torch::Tensor> snapshot(torch::nn::Module &m)
{
    std::map<std::string, torch::Tensor> out;
    for (const auto &p : m.named_parameters())
        out[p.key()] = p.value().detach().clone();
    return out;
}

/**
 * Every parameter's gradient of the next-token loss on ids after one backward pass, with or
 * without gradient checkpointing (an undefined tensor where no gradient reached the parameter).
 */
inline std::map<std::string, torch::Tensor> nextTokenGradients(sft::model::CausalLM &m, const torch::Tensor &ids,
                                                               bool checkpointing)
{
    m->model->setGradientCheckpointing(checkpointing);
    m->train();
    const torch::Tensor logits = m->forward(ids);
    torch::nn::functional::cross_entropy(logits.view({-1, logits.size(-1)}), torch::roll(ids, -1, 1).view({-1}))
        .backward();
    std::map<std::string, torch::Tensor> grads;
    for (const auto &p : m->named_parameters())
        grads[p.key()] = p.value().grad().defined() ? p.value().grad().clone() : torch::Tensor();
    return grads;
}

} // namespace sfttest
