#pragma once
// The position formulas of the context-window chapter in plain double
// arithmetic, torch-free, so the GUI can draw them and tests can check them
// against hand-computed values: ALiBi slopes and bias rows, RoPE inverse
// frequencies with each scaling variant (linear, dynamic NTK, YaRN, llama3),
// wavelengths, and rotation angles before and after interpolation. The engine
// computes the same formulas on tensors in fp32 (positions.cpp), as
// transformers does; tests keep the two in agreement.

#include "model/model_config.h"

#include <cstdint>
#include <vector>

namespace sft::model::posmath {

/**
 * ALiBi slopes of n heads (n >= 1): for n a power of two m_h = 2^(-8h/n), h = 1..n; otherwise
 * the p = 2^floor(log2 n) slopes of p heads, then the odd powers 1, 3, 5, … of 2^(-4/p), n - p of
 * them (BLOOM's extra slopes).
 */
std::vector<double> alibiSlopes(std::int64_t numHeads);

/** How many of alibiSlopes(n) are BLOOM's extra slopes (0 when n is a power of two). */
std::int64_t alibiExtraSlopes(std::int64_t numHeads);

/**
 * The ALiBi bias matrix of one head, rows = queries 0..length-1, columns = keys: m·(j - i) for
 * j <= i (0 on the diagonal, -m·(i - j) to the left), and -infinity above the diagonal (causal).
 * Row-major, length × length.
 */
std::vector<double> alibiBias(double slope, std::int64_t length);

/** RoPE inverse frequencies theta^(-2i/d), i < d/2, without scaling. */
std::vector<double> ropeBaseFrequencies(double theta, std::int64_t headDim);

/** Inverse frequencies and the cos/sin multiplier of one scaling at one sequence length. */
struct RopeFrequencies
{
    std::vector<double> inverseFrequencies; ///< d/2 values, rad per position
    double attentionFactor = 1.0;           ///< YaRN multiplies cos and sin by it; 1 otherwise
    double effectiveTheta = 0;              ///< dynamic NTK's rescaled base at this length; theta otherwise
};

/**
 * The frequencies config's rope_scaling gives at sequence length seqLen (only dynamic NTK depends
 * on it: it rescales the base once seqLen exceeds max_position_embeddings; 0 = no longer than that).
 * config.ropeScaling.originalMaxPositions 0 means config.maxPositions.
 */
RopeFrequencies ropeFrequencies(const ModelConfig &config, std::int64_t seqLen = 0);

/** 2π / inverse frequency per dimension pair. */
std::vector<double> wavelengths(const std::vector<double> &inverseFrequencies);

/** Rotation angle position·invFreq_i of every dimension pair for one position, in radians (not wrapped). */
std::vector<double> rotationAngles(const std::vector<double> &inverseFrequencies, double position);

/** The YaRN attention factor of a factor (0.1·ln(s) + 1 for s > 1, else 1), with mscale / mscale_all_dim as transformers. */
double yarnAttentionFactor(const RopeScaling &scaling);

} // namespace sft::model::posmath
