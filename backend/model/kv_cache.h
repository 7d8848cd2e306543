#pragma once
// The key/value cache of one batch: per layer the keys (after RoPE) and
// values of every token seen so far, plus each key's attention-mask bit and
// position id, so a later step can mask padding and compute ALiBi distances.

#include <torch/torch.h>

#include <vector>

namespace sft::model {

/** Cached keys and values for incremental decoding. Empty until the first forward. */
struct KVCache
{
    std::vector<torch::Tensor> keys;   ///< per layer [B, kvHeads, T, headDim]
    std::vector<torch::Tensor> values; ///< per layer [B, kvHeads, T, headDim]
    torch::Tensor mask;                ///< [B, T] int64, 1 = real token, 0 = padding
    torch::Tensor positions;           ///< [B, T] int64 position ids of the cached keys

    bool empty() const { return !mask.defined(); }
    std::int64_t length() const { return empty() ? 0 : mask.size(1); }
    std::int64_t batchSize() const { return empty() ? 0 : mask.size(0); }

    /** Repeat a batch-of-one cache n times (scoring several continuations of one prompt). */
    void expandBatch(std::int64_t n)
    {
        auto rep = [n](torch::Tensor &t) { t = t.expand({n, -1, -1, -1}).contiguous(); };
        for (auto &k : keys)
            rep(k);
        for (auto &v : values)
            rep(v);
        mask = mask.expand({n, -1}).contiguous();
        positions = positions.expand({n, -1}).contiguous();
    }
};

} // namespace sft::model
