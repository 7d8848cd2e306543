#pragma once
// Writing safetensors files: tensors sorted by element size (largest first)
// then name, so every tensor starts aligned; the JSON header is padded with
// spaces to a multiple of 8 bytes, as the reference writer does.

#include "safetensors/dtype.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sft::safetensors {

/** A tensor to write: bytes must hold numel(shape) × dtypeSize(dtype) bytes. */
struct TensorView
{
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    const void *data = nullptr;
    std::size_t bytes = 0;
};

/** The complete file contents for these tensors (throws sft::Error on size mismatch or duplicates). */
std::string serialize(const std::vector<TensorView> &tensors,
                      const std::map<std::string, std::string> &metadata = {});

/** Write a .safetensors file (via a temporary file renamed into place). */
void writeFile(const std::string &path, const std::vector<TensorView> &tensors,
               const std::map<std::string, std::string> &metadata = {});

} // namespace sft::safetensors
