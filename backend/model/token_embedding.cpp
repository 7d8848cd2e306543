// Token embedding lookup with a bounds check (out-of-range ids would read garbage on CUDA).

#include "model/token_embedding.h"

#include "core/error.h"

namespace sft::model {

TokenEmbeddingImpl::TokenEmbeddingImpl(std::int64_t vocabSize, std::int64_t hiddenSize)
{
    weight = register_parameter("weight", torch::empty({vocabSize, hiddenSize}));
}

torch::Tensor TokenEmbeddingImpl::forward(const torch::Tensor &ids)
{
    if (ids.numel() > 0) {
        const auto lo = ids.min().item<std::int64_t>();
        const auto hi = ids.max().item<std::int64_t>();
        if (lo < 0 || hi >= weight.size(0))
            throw Error("token id " + std::to_string(lo < 0 ? lo : hi) + " is outside the vocabulary (size "
                        + std::to_string(weight.size(0)) + ")");
    }
    return torch::nn::functional::embedding(ids, weight);
}

} // namespace sft::model
