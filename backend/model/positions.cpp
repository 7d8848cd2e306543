// RoPE, ALiBi and attention masks.

#include "model/positions.h"

#include <cmath>
#include <vector>

namespace sft::model {

torch::Tensor ropeInverseFrequencies(const ModelConfig &c)
{
    const std::int64_t d = c.headDim;
    // As transformers: base ** (arange(0, d, 2).float() / d), inverted, in fp32.
    torch::Tensor exponents = torch::arange(0, d, 2, torch::kInt64).to(torch::kFloat32) / static_cast<float>(d);
    torch::Tensor invFreq = 1.0 / torch::pow(c.ropeTheta, exponents);
    const RopeScaling &s = c.ropeScaling;
    if (s.type == RopeScaling::Type::Linear) {
        invFreq = invFreq / s.factor; // positions m -> m / factor
    } else if (s.type == RopeScaling::Type::Llama3) {
        const double oldContext = static_cast<double>(s.originalMaxPositions);
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

std::pair<torch::Tensor, torch::Tensor> ropeCosSin(const torch::Tensor &invFreq, const torch::Tensor &positions)
{
    const torch::Tensor freqs = positions.to(torch::kFloat32).unsqueeze(-1) * invFreq.to(positions.device());
    const torch::Tensor emb = torch::cat({freqs, freqs}, -1);
    return {emb.cos(), emb.sin()};
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
