#pragma once
// Parsing and validation of a safetensors header. The header is untrusted
// input: parseHeader() checks every field the way the reference reader does
// (length limit, JSON, known dtypes, shapes without overflow, offsets that are
// ordered, non-overlapping and cover the data buffer exactly) and throws a
// specific sft::Error naming the file and the tensor otherwise.

#include "safetensors/dtype.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sft::safetensors {

/** The reference reader's limit on the JSON header length. */
constexpr std::uint64_t kMaxHeaderBytes = 100'000'000;

/** One tensor entry of a header. Offsets are relative to the data buffer. */
struct TensorInfo
{
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    std::uint64_t begin = 0;
    std::uint64_t end = 0;

    std::int64_t numel() const;
    std::uint64_t byteSize() const { return end - begin; }
};

/** A validated header: tensors in data order, metadata, where the data starts. */
struct Header
{
    std::vector<TensorInfo> tensors;            ///< sorted by begin offset
    std::map<std::string, std::string> metadata;
    std::uint64_t dataStart = 0;                ///< 8 + header length
    std::uint64_t dataSize = 0;                 ///< bytes in the data buffer

    /** The entry called name, or nullptr. */
    const TensorInfo *find(const std::string &name) const;
};

/**
 * Parse and validate the header of a complete safetensors file held in
 * bytes[0, size). fileLabel names the file in error messages.
 * Throws sft::Error on any violation of the format.
 */
Header parseHeader(const std::uint8_t *bytes, std::size_t size, const std::string &fileLabel);

} // namespace sft::safetensors
