#pragma once
// The element types a safetensors header may name ("F32", "BF16", "I64", ...)
// with their byte sizes. Torch-free: the model engine maps them to torch types.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sft::safetensors {

/** Element types of the safetensors format (huggingface/safetensors Dtype). */
enum class DType {
    Bool, U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64
};

/** The dtype for a header string ("F32"), or nullopt when it is not one we know. */
std::optional<DType> dtypeFromString(std::string_view s);
/** The header string of a dtype ("BF16"). */
const char *dtypeName(DType t);
/** Bytes per element. */
std::size_t dtypeSize(DType t);

} // namespace sft::safetensors
