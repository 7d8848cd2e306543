// The position formulas in double precision (see position_math.h). They follow
// transformers' rope utilities step by step so that the engine's fp32 tensors
// (positions.cpp) agree with them to float rounding.

#include "model/position_math.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sft::model::posmath {

namespace {

constexpr double kPi = 3.14159265358979323846;

/** 2^floor(log2 n): the largest power of two not above n (n >= 1). */
std::int64_t powerOfTwoFloor(std::int64_t n)
{
    std::int64_t p = 1;
    while (p * 2 <= n)
        p *= 2;
    return p;
}

/** transformers' get_mscale: 0.1·m·ln(s) + 1 for s > 1, else 1. */
double mscaleOf(double scale, double m)
{
    return scale <= 1.0 ? 1.0 : 0.1 * m * std::log(scale) + 1.0;
}

/** The dimension (out of d) whose frequency turns `rotations` times over `context` positions. */
double correctionDim(double rotations, double d, double base, double context)
{
    return d * std::log(context / (rotations * 2 * kPi)) / (2 * std::log(base));
}

} // namespace

std::vector<double> alibiSlopes(std::int64_t numHeads)
{
    if (numHeads < 1)
        throw Error("ALiBi needs at least one head");
    const std::int64_t p = powerOfTwoFloor(numHeads);
    const double base = std::pow(2.0, -8.0 / static_cast<double>(p));
    std::vector<double> slopes;
    slopes.reserve(static_cast<std::size_t>(numHeads));
    for (std::int64_t h = 1; h <= p; ++h)
        slopes.push_back(std::pow(base, static_cast<double>(h)));
    // The extra heads take every other slope of the 2p-head sequence: odd powers of 2^(-4/p).
    const double extraBase = std::pow(2.0, -4.0 / static_cast<double>(p));
    for (std::int64_t i = 0; i < numHeads - p; ++i)
        slopes.push_back(std::pow(extraBase, static_cast<double>(2 * i + 1)));
    return slopes;
}

std::int64_t alibiExtraSlopes(std::int64_t numHeads)
{
    return numHeads < 1 ? 0 : numHeads - powerOfTwoFloor(numHeads);
}

std::vector<double> alibiBias(double slope, std::int64_t length)
{
    const auto n = static_cast<std::size_t>(std::max<std::int64_t>(length, 0));
    std::vector<double> bias(n * n, -std::numeric_limits<double>::infinity());
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j <= i; ++j)
            bias[i * n + j] = slope * (static_cast<double>(j) - static_cast<double>(i)); // +0 on the diagonal
    return bias;
}

std::vector<double> ropeBaseFrequencies(double theta, std::int64_t headDim)
{
    std::vector<double> inv;
    for (std::int64_t i = 0; 2 * i < headDim; ++i)
        inv.push_back(1.0 / std::pow(theta, static_cast<double>(2 * i) / static_cast<double>(headDim)));
    return inv;
}

double yarnAttentionFactor(const RopeScaling &s)
{
    if (s.attentionFactor > 0)
        return s.attentionFactor;
    if (s.mscale != 0 && s.mscaleAllDim != 0)
        return mscaleOf(s.factor, s.mscale) / mscaleOf(s.factor, s.mscaleAllDim);
    return mscaleOf(s.factor, 1.0);
}

RopeFrequencies ropeFrequencies(const ModelConfig &c, std::int64_t seqLen)
{
    const RopeScaling &s = c.ropeScaling;
    const double d = static_cast<double>(c.headDim);
    const double original = static_cast<double>(s.originalMaxPositions > 0 ? s.originalMaxPositions : c.maxPositions);
    RopeFrequencies out;
    out.effectiveTheta = c.ropeTheta;
    out.inverseFrequencies = ropeBaseFrequencies(c.ropeTheta, c.headDim);
    std::vector<double> &inv = out.inverseFrequencies;
    switch (s.type) {
    case RopeScaling::Type::None:
        break;
    case RopeScaling::Type::Linear:
        for (double &f : inv)
            f /= s.factor; // the same as positions m -> m / factor
        break;
    case RopeScaling::Type::Dynamic: {
        // NTK-aware: once the sequence is longer than the trained context the base grows so that
        // the lowest frequency stretches over the whole sequence; shorter sequences keep theta.
        const double len = std::max(static_cast<double>(seqLen), original);
        out.effectiveTheta = c.ropeTheta * std::pow(s.factor * len / original - (s.factor - 1), d / (d - 2));
        inv = ropeBaseFrequencies(out.effectiveTheta, c.headDim);
        break;
    }
    case RopeScaling::Type::Yarn: {
        // NTK-by-parts: dimensions turning more than beta_fast times over the trained context keep
        // their frequency (extrapolation), those turning less than beta_slow times are divided by
        // the factor (interpolation), a linear ramp over the dimension index blends in between.
        double low = correctionDim(s.betaFast, d, c.ropeTheta, original);
        double high = correctionDim(s.betaSlow, d, c.ropeTheta, original);
        if (s.truncate) {
            low = std::floor(low);
            high = std::ceil(high);
        }
        low = std::max(low, 0.0);
        high = std::min(high, d - 1);
        if (low == high)
            high += 0.001; // as transformers: no division by zero
        for (std::size_t i = 0; i < inv.size(); ++i) {
            const double ramp = std::clamp((static_cast<double>(i) - low) / (high - low), 0.0, 1.0);
            const double extrapolation = 1.0 - ramp;
            inv[i] = inv[i] / s.factor * (1.0 - extrapolation) + inv[i] * extrapolation;
        }
        out.attentionFactor = yarnAttentionFactor(s);
        break;
    }
    case RopeScaling::Type::Llama3: {
        const double oldContext = static_cast<double>(s.originalMaxPositions > 0 ? s.originalMaxPositions : c.maxPositions);
        const double lowFreqWavelen = oldContext / s.lowFreqFactor;
        const double highFreqWavelen = oldContext / s.highFreqFactor;
        for (double &f : inv) {
            const double wavelen = 2 * kPi / f;
            if (wavelen > lowFreqWavelen) {
                f /= s.factor;
            } else if (wavelen >= highFreqWavelen) {
                const double smooth = (oldContext / wavelen - s.lowFreqFactor) / (s.highFreqFactor - s.lowFreqFactor);
                f = (1 - smooth) * f / s.factor + smooth * f;
            }
        }
        break;
    }
    }
    return out;
}

std::vector<double> wavelengths(const std::vector<double> &inverseFrequencies)
{
    std::vector<double> out;
    out.reserve(inverseFrequencies.size());
    for (double f : inverseFrequencies)
        out.push_back(2 * kPi / f);
    return out;
}

std::vector<double> rotationAngles(const std::vector<double> &inverseFrequencies, double position)
{
    std::vector<double> out;
    out.reserve(inverseFrequencies.size());
    for (double f : inverseFrequencies)
        out.push_back(position * f);
    return out;
}

} // namespace sft::model::posmath
