#pragma once
// The token embedding table (HF name "embed_tokens.weight"), also used as the
// output projection when word embeddings are tied.

#include <torch/torch.h>

namespace sft::model {

/** Embedding lookup with an uninitialised [vocab, hidden] weight. */
class TokenEmbeddingImpl : public torch::nn::Module
{
public:
    TokenEmbeddingImpl(std::int64_t vocabSize, std::int64_t hiddenSize);
    /** ids [B, T] int64 -> [B, T, hidden]; throws sft::Error on an id outside the vocabulary. */
    torch::Tensor forward(const torch::Tensor &ids);

    torch::Tensor weight;
};
TORCH_MODULE(TokenEmbedding);

} // namespace sft::model
