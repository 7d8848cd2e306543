// Names and sizes of the safetensors element types.

#include "safetensors/dtype.h"

namespace sft::safetensors {

namespace {

struct Entry { DType type; const char *name; std::size_t size; };

constexpr Entry kTable[] = {
    {DType::Bool, "BOOL", 1},    {DType::U8, "U8", 1},       {DType::I8, "I8", 1},
    {DType::F8_E5M2, "F8_E5M2", 1}, {DType::F8_E4M3, "F8_E4M3", 1},
    {DType::I16, "I16", 2},      {DType::U16, "U16", 2},     {DType::F16, "F16", 2},
    {DType::BF16, "BF16", 2},    {DType::I32, "I32", 4},     {DType::U32, "U32", 4},
    {DType::F32, "F32", 4},      {DType::F64, "F64", 8},     {DType::I64, "I64", 8},
    {DType::U64, "U64", 8},
};

} // namespace

std::optional<DType> dtypeFromString(std::string_view s)
{
    for (const auto &e : kTable)
        if (s == e.name)
            return e.type;
    return std::nullopt;
}

const char *dtypeName(DType t)
{
    for (const auto &e : kTable)
        if (e.type == t)
            return e.name;
    return "?";
}

std::size_t dtypeSize(DType t)
{
    for (const auto &e : kTable)
        if (e.type == t)
            return e.size;
    return 0;
}

} // namespace sft::safetensors
