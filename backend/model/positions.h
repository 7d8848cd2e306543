#pragma once
// Position information for attention: RoPE (HF "rotate half" form, with
// linear, dynamic NTK, YaRN and llama3 frequency scaling, computed in fp32 as
// transformers' rope utilities do), ALiBi slopes, and the additive
// attention bias that combines causality, padding, an optional sliding
// window and ALiBi distances.

#include "model/model_config.h"

#include <torch/torch.h>

#include <utility>

namespace sft::model {

/**
 * inv_freq_i = theta^(-2i/d) for i < d/2, then the configured scaling (fp32, CPU). Dynamic NTK
 * depends on the sequence length seqLen (the largest position id + 1): longer than the trained
 * context (ropeScaling.originalMaxPositions, 0 = maxPositions) it rescales the base; 0 = not longer.
 */
torch::Tensor ropeInverseFrequencies(const ModelConfig &config, std::int64_t seqLen = 0);

/** What multiplies cos and sin: YaRN's attention factor, 1 for the other scalings. */
double ropeAttentionFactor(const ModelConfig &config);

/** cos and sin [B, T, headDim] (fp32) for position ids [B, T], both multiplied by attentionFactor. */
std::pair<torch::Tensor, torch::Tensor> ropeCosSin(const torch::Tensor &invFreq, const torch::Tensor &positions,
                                                   double attentionFactor = 1.0);

/** x·cos + rotate_half(x)·sin for x [B, H, T, D]; cos/sin [B, T, D] are cast to x's dtype. */
torch::Tensor applyRope(const torch::Tensor &x, const torch::Tensor &cos, const torch::Tensor &sin);

/** ALiBi slopes for n heads (Press et al.; non-powers of two as in BLOOM), fp32 [n]. */
torch::Tensor alibiSlopes(std::int64_t numHeads);

/**
 * Additive attention bias, fp32, [B, 1 or H, T, Tk], 0 where allowed and -inf elsewhere.
 * keyMask [B, Tk] (1 = real token); the T queries are the last T keys. A query
 * always sees itself so that padding rows stay finite. With slopes (ALiBi) the
 * bias also holds -slope_h·(pos_q - pos_k) from the position ids [B, Tk].
 * structure [B, T, Tk] (bool), when given, replaces the causal rule (packed
 * sequences); the sliding window then applies to position ids.
 */
torch::Tensor attentionBias(const torch::Tensor &keyMask, std::int64_t numQueries, std::int64_t slidingWindow,
                            const torch::Tensor &alibiSlopes = {}, const torch::Tensor &keyPositions = {},
                            const torch::Tensor &structure = {});

} // namespace sft::model
