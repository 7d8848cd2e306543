// RoPE, ALiBi and attention masks.

#include "model/positions.h"

#include "model/position_math.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace sft::model {

namespace {

/** base ** (arange(0, d, 2).float() / d) in fp32, as transformers (the inverse of the frequencies). */
torch::Tensor ropePowers(double base, std::int64_t d)
{
    const torch::Tensor exponents = torch::arange(0, d, 2, torch::kInt64).to(torch::kFloat32) / static_cast<float>(d);
    return torch::pow(base, exponents);
}

} // namespace

torch::Tensor ropeInverseFrequencies(const ModelConfig &c, std::int64_t seqLen)
{
    const std::int64_t d = c.headDim;
    const RopeScaling &s = c.ropeScaling;
    const double original = static_cast<double>(s.originalMaxPositions > 0 ? s.originalMaxPositions : c.maxPositions);
    if (s.type == RopeScaling::Type::Dynamic) {
        // NTK-aware: the base grows with the sequence once it is longer than the trained context.
        const double len = std::max(static_cast<double>(seqLen), original);
        const double dd = static_cast<double>(d);
        const double base = c.ropeTheta * std::pow(s.factor * len / original - (s.factor - 1), dd / (dd - 2));
        return 1.0 / ropePowers(base, d);
    }
    if (s.type == RopeScaling::Type::Yarn) {
        // NTK-by-parts: fast dimensions keep their frequency, slow ones are divided by the factor,
        // a linear ramp over the dimension index in between (bounds from beta_fast / beta_slow).
        const double dd = static_cast<double>(d);
        auto correctionDim = [&](double rotations) {
            return dd * std::log(original / (rotations * 2 * M_PI)) / (2 * std::log(c.ropeTheta));
        };
        double low = correctionDim(s.betaFast), high = correctionDim(s.betaSlow);
        if (s.truncate) {
            low = std::floor(low);
            high = std::ceil(high);
        }
        low = std::max(low, 0.0);
        high = std::min(high, dd - 1);
        if (low == high)
            high += 0.001;
        const torch::Tensor powers = ropePowers(c.ropeTheta, d);
        const torch::Tensor extrapolated = 1.0 / powers;
        const torch::Tensor interpolated = 1.0 / (s.factor * powers);
        const torch::Tensor ramp = ((torch::arange(d / 2, torch::kFloat32) - low) / (high - low)).clamp(0, 1);
        const torch::Tensor keep = 1 - ramp; // 1 = extrapolate (original frequency)
        return interpolated * (1 - keep) + extrapolated * keep;
    }
    torch::Tensor invFreq = 1.0 / ropePowers(c.ropeTheta, d);
    if (s.type == RopeScaling::Type::Linear) {
        invFreq = invFreq / s.factor; // positions m -> m / factor
    } else if (s.type == RopeScaling::Type::Llama3) {
        const double oldContext = original;
        const double lowFreqWavelen = oldContext / s.lowFreqFactor;
        const double highFreqWavelen = oldContext / s.highFreqFactor;
        const torch::Tensor wavelen = 2 * M_PI / invFreq;
        torch::Tensor scaled = torch::where(wavelen > lowFreqWavelen, invFreq / s.factor, invFreq);
        const torch::Tensor smooth = (oldContext / wavelen - s.lowFreqFactor) / (s.highFreqFactor - s.lowFreqFactor);
        const torch::Tensor smoothed = (1 - smooth) * scaled / s.factor + smooth * scaled;
        const torch::Tensor medium = (wavelen >= highFreqWavelen).logical_and(wavelen <= lowFreqWavelen);
        invFreq = torch::where(medium, smoothed, scaled);
    }
    return invFreq;
}

double ropeAttentionFactor(const ModelConfig &c)
{
    return c.ropeScaling.type == RopeScaling::Type::Yarn ? posmath::yarnAttentionFactor(c.ropeScaling) : 1.0;
}

std::pair<torch::Tensor, torch::Tensor> ropeCosSin(const torch::Tensor &invFreq, const torch::Tensor &positions,
                                                   double attentionFactor)
{
    const torch::Tensor freqs = positions.to(torch::kFloat32).unsqueeze(-1) * invFreq.to(positions.device());
    const torch::Tensor emb = torch::cat({freqs, freqs}, -1);
    if (attentionFactor == 1.0)
        return {emb.cos(), emb.sin()};
    return {emb.cos() * attentionFactor, emb.sin() * attentionFactor};
}

torch::Tensor applyRope(const torch::Tensor &x, const torch::Tensor &cos, const torch::Tensor &sin)
{
    const auto half = x.size(-1) / 2;
    const torch::Tensor c = cos.to(x.scalar_type()).unsqueeze(1);
    const torch::Tensor s = sin.to(x.scalar_type()).unsqueeze(1);
    const torch::Tensor rotated = torch::cat({-x.narrow(-1, half, half), x.narrow(-1, 0, half)}, -1);
    return x * c + rotated * s;
}

torch::Tensor alibiSlopes(std::int64_t n)
{
    auto powerOfTwoSlopes = [](std::int64_t p) {
        std::vector<float> out;
        for (std::int64_t h = 1; h <= p; ++h)
            out.push_back(static_cast<float>(std::pow(2.0, -8.0 * static_cast<double>(h) / static_cast<double>(p))));
        return out;
    };
    std::int64_t p = 1;
    while (p * 2 <= n)
        p *= 2;
    std::vector<float> slopes = powerOfTwoSlopes(p);
    if (p < n) {
        const std::vector<float> extra = powerOfTwoSlopes(2 * p);
        for (std::int64_t i = 0; i < n - p; ++i)
            slopes.push_back(extra[static_cast<std::size_t>(2 * i)]);
    }
    return torch::tensor(slopes, torch::kFloat32);
}

torch::Tensor attentionBias(const torch::Tensor &keyMask, std::int64_t numQueries, std::int64_t slidingWindow,
                            const torch::Tensor &slopes, const torch::Tensor &keyPositions,
                            const torch::Tensor &structure)
{
    const auto dev = keyMask.device();
    const std::int64_t tk = keyMask.size(1);
    const std::int64_t past = tk - numQueries;
    const auto idx = torch::TensorOptions().dtype(torch::kInt64).device(dev);
    const torch::Tensor q = torch::arange(past, tk, idx).unsqueeze(1); // [T, 1]
    const torch::Tensor k = torch::arange(0, tk, idx).unsqueeze(0);    // [1, Tk]
    torch::Tensor allowed;
    if (structure.defined()) {
        allowed = structure.to(dev, torch::kBool);
        if (slidingWindow > 0) {
            const torch::Tensor qpos = keyPositions.narrow(1, past, numQueries);
            allowed = allowed.logical_and(qpos.unsqueeze(2) - keyPositions.unsqueeze(1) < slidingWindow);
        }
    } else {
        allowed = k <= q;
        if (slidingWindow > 0)
            allowed = allowed.logical_and(q - k < slidingWindow);
        allowed = allowed.unsqueeze(0);
    }
    allowed = allowed.logical_and(keyMask.to(torch::kBool).unsqueeze(1)); // [B, T, Tk]
    allowed = allowed.logical_or((k == q).unsqueeze(0));
    const auto f32 = torch::TensorOptions().dtype(torch::kFloat32).device(dev);
    torch::Tensor bias = torch::zeros(allowed.sizes(), f32)
                             .masked_fill(allowed.logical_not(), -std::numeric_limits<float>::infinity())
                             .unsqueeze(1); // [B, 1, T, Tk]
    if (slopes.defined()) {
        const torch::Tensor pos = keyPositions.to(torch::kFloat32);                      // [B, Tk]
        const torch::Tensor qpos = pos.narrow(1, past, numQueries);                       // [B, T]
        const torch::Tensor dist = qpos.unsqueeze(2) - pos.unsqueeze(1);                  // [B, T, Tk]
        bias = bias - slopes.to(dev).view({1, -1, 1, 1}) * dist.unsqueeze(1);             // [B, H, T, Tk]
    }
    return bias;
}

} // namespace sft::model
