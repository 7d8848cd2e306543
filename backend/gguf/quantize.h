#pragma once
// The element encodings of GGUF tensors, bit for bit as ggml writes them:
// IEEE half with round-to-nearest-even, bfloat16 with round-to-nearest-even
// (NaN kept quiet), and Q8_0 (blocks of 32 values: an fp16 scale
// d = max|x| / 127, then 32 int8 values round(x · (1/d))).

#include <cstddef>
#include <cstdint>

namespace sft::gguf {

std::uint16_t floatToHalf(float value);
float halfToFloat(std::uint16_t bits);
std::uint16_t floatToBf16(float value);
float bf16ToFloat(std::uint16_t bits);

/** Bytes of one Q8_0 block: fp16 scale + 32 int8. */
constexpr std::size_t kQ8_0BlockBytes = 34;
constexpr std::size_t kQ8_0BlockSize = 32;

/** Quantize n values (n a multiple of 32) into n / 32 blocks at out (34 bytes each). */
void quantizeQ8_0(const float *values, std::size_t n, std::uint8_t *out);
/** The values a Q8_0 block stream decodes to (for tests and error reports). */
void dequantizeQ8_0(const std::uint8_t *blocks, std::size_t n, float *out);

} // namespace sft::gguf
