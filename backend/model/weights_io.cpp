// Loading and saving model weights by Hugging Face parameter name.

#include "model/weights_io.h"

#include "core/error.h"
#include "safetensors/writer.h"

#include <cstring>
#include <set>

namespace sft::model {

torch::ScalarType toTorchType(safetensors::DType d, const std::string &name)
{
    using safetensors::DType;
    switch (d) {
    case DType::F32: return torch::kFloat32;
    case DType::F16: return torch::kFloat16;
    case DType::BF16: return torch::kBFloat16;
    case DType::F64: return torch::kFloat64;
    case DType::I64: return torch::kInt64;
    case DType::I32: return torch::kInt32;
    case DType::I16: return torch::kInt16;
    case DType::I8: return torch::kInt8;
    case DType::U8: return torch::kUInt8;
    case DType::Bool: return torch::kBool;
    default: break;
    }
    throw Error(std::string("dtype ") + safetensors::dtypeName(d) + " cannot be loaded into a tensor",
                {{}, 0, 0, -1, name});
}

namespace {

safetensors::DType toSafetensorsType(torch::ScalarType t)
{
    using safetensors::DType;
    switch (t) {
    case torch::kFloat32: return DType::F32;
    case torch::kFloat16: return DType::F16;
    case torch::kBFloat16: return DType::BF16;
    case torch::kFloat64: return DType::F64;
    case torch::kInt64: return DType::I64;
    case torch::kInt32: return DType::I32;
    default: break;
    }
    throw Error("cannot save a tensor of this dtype to safetensors");
}

} // namespace

void copyTensor(torch::Tensor &dst, const safetensors::Checkpoint &ckpt, const std::string &name)
{
    torch::NoGradGuard noGrad;
    const safetensors::TensorRef ref = ckpt.find(name);
    if (!ref.info)
        throw Error("the checkpoint has no tensor for this parameter", {{}, 0, 0, -1, name});
    const Error::Location where{ref.file->path(), 0, 0, -1, name};
    const auto type = toTorchType(ref.info->dtype, name);
    if (!torch::isFloatingType(type))
        throw Error(std::string("weights must be floating point, not ") + safetensors::dtypeName(ref.info->dtype),
                    where);
    if (std::vector<std::int64_t>(dst.sizes().begin(), dst.sizes().end()) != ref.info->shape) {
        std::string want, got;
        for (auto d : dst.sizes())
            want += (want.empty() ? "" : ",") + std::to_string(d);
        for (auto d : ref.info->shape)
            got += (got.empty() ? "" : ",") + std::to_string(d);
        throw Error("shape [" + got + "] does not match the model's [" + want + "]", where);
    }
    // Copy out of the mapping (which may be unaligned) into a CPU tensor, then convert.
    torch::Tensor src = torch::empty(dst.sizes(), torch::TensorOptions().dtype(type));
    if (ref.info->byteSize() > 0)
        std::memcpy(src.data_ptr(), ref.data, ref.info->byteSize());
    dst.copy_(src);
}

namespace {

/**
 * The checkpoint's name for a parameter: the parameter's own, or without the body's
 * "transformer." prefix (BLOOM checkpoints saved from BloomModel rather than
 * BloomForCausalLM, such as bigscience/bloom-560m, have no prefix).
 */
std::string checkpointName(const safetensors::Checkpoint &ckpt, const std::string &name)
{
    static const std::string prefix = "transformer.";
    if (!ckpt.find(name).info && name.compare(0, prefix.size(), prefix) == 0) {
        const std::string bare = name.substr(prefix.size());
        if (ckpt.find(bare).info)
            return bare;
    }
    return name;
}

} // namespace

std::vector<std::string> loadWeights(torch::nn::Module &module, const safetensors::Checkpoint &ckpt)
{
    std::set<std::string> used;
    for (auto &p : module.named_parameters(true)) {
        const std::string name = checkpointName(ckpt, p.key());
        copyTensor(p.value(), ckpt, name);
        used.insert(name);
    }
    std::vector<std::string> unused;
    for (const auto &n : ckpt.names())
        if (!used.count(n))
            unused.push_back(n);
    return unused;
}

void saveTensors(const std::vector<std::pair<std::string, torch::Tensor>> &tensors, const std::string &path,
                 const std::map<std::string, std::string> &metadata)
{
    std::vector<torch::Tensor> keep;
    std::vector<safetensors::TensorView> views;
    for (const auto &[name, value] : tensors) {
        torch::Tensor t = value.detach().to(torch::kCPU).contiguous();
        keep.push_back(t);
        safetensors::TensorView v;
        v.name = name;
        v.dtype = toSafetensorsType(t.scalar_type());
        v.shape.assign(t.sizes().begin(), t.sizes().end());
        v.data = t.data_ptr();
        v.bytes = static_cast<std::size_t>(t.numel()) * t.element_size();
        views.push_back(std::move(v));
    }
    safetensors::writeFile(path, views, metadata);
}

void saveWeights(torch::nn::Module &module, const std::string &path,
                 const std::map<std::string, std::string> &metadata)
{
    std::vector<std::pair<std::string, torch::Tensor>> tensors;
    for (const auto &p : module.named_parameters(true))
        tensors.emplace_back(p.key(), p.value());
    saveTensors(tensors, path, metadata);
}

} // namespace sft::model
