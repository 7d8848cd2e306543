// The element encodings of GGUF tensors. The half and bfloat16 conversions
// work on the bits (integer arithmetic only), so they give the same result
// whatever the compiler's floating-point flags or the CPU's rounding mode.
// Q8_0 follows ggml's quantize_row_q8_0_ref operation for operation in float
// arithmetic, so our blocks are the bytes llama.cpp's own converter writes.

#include "gguf/quantize.h"

#include <cmath>
#include <cstring>

namespace sft::gguf {

namespace {

std::uint32_t floatBits(float value)
{
    std::uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

float bitsFloat(std::uint32_t bits)
{
    float value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

} // namespace

std::uint16_t floatToHalf(float value)
{
    const std::uint32_t bits = floatBits(value);
    const auto sign = static_cast<std::uint16_t>((bits >> 16) & 0x8000u);
    const std::uint32_t magnitude = bits & 0x7fffffffu;

    if (magnitude > 0x7f800000u)  // NaN: quiet, as ggml writes it
        return sign | 0x7e00u;
    if (magnitude >= 0x477ff000u)  // >= 65520 (halfway past 65504, the largest half): rounds to inf
        return sign | 0x7c00u;
    if (magnitude >= 0x38800000u) {
        // Normal half (>= 2^-14): rebias the exponent (127 -> 15) and round the 13 dropped mantissa
        // bits to nearest, ties to even; a carry into the exponent is the correct next binade.
        const std::uint32_t rebased = magnitude - 0x38000000u;
        const std::uint32_t rounded = rebased + 0x0fffu + ((rebased >> 13) & 1u);
        return sign | static_cast<std::uint16_t>(rounded >> 13);
    }
    if (magnitude <= 0x33000000u)  // <= 2^-25: half of the smallest subnormal or less, ties to even 0
        return sign;
    // Subnormal half: the value in units of 2^-24 is the 24-bit significand shifted right by
    // 126 - exponent (14 ... 24 bits), rounded to nearest, ties to even. 0x3ff + 1 becomes the
    // smallest normal (0x0400), which is right.
    const std::uint32_t exponent = magnitude >> 23;
    const std::uint32_t significand = (magnitude & 0x007fffffu) | 0x00800000u;
    const std::uint32_t shift = 126u - exponent;
    std::uint32_t half = significand >> shift;
    const std::uint32_t rest = significand & ((1u << shift) - 1u);
    const std::uint32_t midpoint = 1u << (shift - 1u);
    if (rest > midpoint || (rest == midpoint && (half & 1u)))
        ++half;
    return sign | static_cast<std::uint16_t>(half);
}

float halfToFloat(std::uint16_t bits)
{
    const std::uint32_t sign = static_cast<std::uint32_t>(bits & 0x8000u) << 16;
    const std::uint32_t exponent = (bits >> 10) & 0x1fu;
    std::uint32_t mantissa = bits & 0x03ffu;
    if (exponent == 0x1f)  // inf or NaN (payload kept)
        return bitsFloat(sign | 0x7f800000u | (mantissa << 13));
    if (exponent != 0)
        return bitsFloat(sign | ((exponent + 112u) << 23) | (mantissa << 13));
    if (mantissa == 0)
        return bitsFloat(sign);
    // Subnormal half: normalise into a float exponent.
    std::uint32_t e = 113;
    while (!(mantissa & 0x0400u)) {
        mantissa <<= 1;
        --e;
    }
    return bitsFloat(sign | (e << 23) | ((mantissa & 0x03ffu) << 13));
}

std::uint16_t floatToBf16(float value)
{
    const std::uint32_t bits = floatBits(value);
    if ((bits & 0x7fffffffu) > 0x7f800000u)  // NaN: keep the sign and payload top, force quiet
        return static_cast<std::uint16_t>((bits >> 16) | 64u);
    return static_cast<std::uint16_t>((bits + 0x7fffu + ((bits >> 16) & 1u)) >> 16);
}

float bf16ToFloat(std::uint16_t bits)
{
    return bitsFloat(static_cast<std::uint32_t>(bits) << 16);
}

void quantizeQ8_0(const float *values, std::size_t n, std::uint8_t *out)
{
    for (std::size_t block = 0; block < n / kQ8_0BlockSize; ++block) {
        const float *x = values + block * kQ8_0BlockSize;
        std::uint8_t *y = out + block * kQ8_0BlockBytes;

        float amax = 0.0f;
        for (std::size_t j = 0; j < kQ8_0BlockSize; ++j) {
            const float a = std::fabs(x[j]);
            amax = amax > a ? amax : a;  // ggml's MAX(amax, fabsf(v))
        }
        const float d = amax / 127.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;

        const std::uint16_t scale = floatToHalf(d);
        y[0] = static_cast<std::uint8_t>(scale & 0xffu);
        y[1] = static_cast<std::uint8_t>(scale >> 8);
        for (std::size_t j = 0; j < kQ8_0BlockSize; ++j) {
            const float q = std::round(x[j] * id);  // roundf: halves away from zero
            // Finite input keeps |q| <= 127; NaN / inf (undefined in ggml's cast) give 0 / the clamp.
            const int clamped = std::isnan(q) ? 0 : q > 127.0f ? 127 : q < -128.0f ? -128 : static_cast<int>(q);
            y[2 + j] = static_cast<std::uint8_t>(static_cast<std::int8_t>(clamped));
        }
    }
}

void dequantizeQ8_0(const std::uint8_t *blocks, std::size_t n, float *out)
{
    for (std::size_t block = 0; block < n / kQ8_0BlockSize; ++block) {
        const std::uint8_t *y = blocks + block * kQ8_0BlockBytes;
        const float d = halfToFloat(static_cast<std::uint16_t>(y[0] | (y[1] << 8)));
        for (std::size_t j = 0; j < kQ8_0BlockSize; ++j)
            out[block * kQ8_0BlockSize + j] = d * static_cast<float>(static_cast<std::int8_t>(y[2 + j]));
    }
}

} // namespace sft::gguf
