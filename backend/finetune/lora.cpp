#include "finetune/lora.h"

#include "core/error.h"
#include "model/architecture.h"
#include "safetensors/writer.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include <cmath>

namespace sft::finetune {

LoraBranchImpl::LoraBranchImpl(std::int64_t in, std::int64_t out, const LoraConfig &config, torch::Generator generator)
    : scale(config.scale()), dropout(config.dropout)
{
    torch::NoGradGuard noGrad;
    const auto opts = torch::TensorOptions(torch::kFloat32);
    torch::Tensor a;
    if (config.init == LoraInit::Gaussian) {
        a = at::normal(0.0, 1.0 / double(config.rank), {config.rank, in}, generator, opts);
    } else {
        // kaiming_uniform_(a=sqrt(5)) as nn.Linear / PEFT: bound = 1/sqrt(in).
        const double bound = 1.0 / std::sqrt(double(in));
        a = at::empty({config.rank, in}, opts).uniform_(-bound, bound, generator);
    }
    lora_A = register_module("lora_A", torch::nn::Linear(torch::nn::LinearOptions(in, config.rank).bias(false)));
    lora_B = register_module("lora_B", torch::nn::Linear(torch::nn::LinearOptions(config.rank, out).bias(false)));
    lora_A->weight.copy_(a);
    lora_B->weight.zero_();
}

torch::Tensor LoraBranchImpl::forward(const torch::Tensor &input, const torch::Tensor &baseOutput)
{
    torch::Tensor x = input.to(lora_A->weight.scalar_type());
    if (dropout > 0 && is_training())
        x = torch::dropout(x, dropout, true);
    const torch::Tensor delta = lora_B(lora_A(x)) * scale;
    return baseOutput + delta.to(baseOutput.scalar_type());
}

LoraAttachment attachLora(model::CausalLMImpl &model, const LoraConfig &config, std::uint64_t seed)
{
    if (config.rank < 1)
        throw Error("LoRA rank must be at least 1");
    const auto &c = model.config();
    const std::vector<std::string> targets = config.targetsFor(c.architecture);   // none given: PEFT's default
    // Every name first, so a wrong one leaves the model untouched.
    for (const std::string &name : targets) {
        try {
            model::layerProjectionShape(c, name);
        } catch (const Error &e) {
            throw Error(e.message(), {{}, 0, 0, -1, "lora.target_modules"});
        }
    }
    for (auto &p : model.parameters())
        p.set_requires_grad(false);
    auto generator = at::detail::createCPUGenerator(seed);
    LoraAttachment out;
    for (std::int64_t layer = 0; layer < c.numLayers; ++layer) {
        for (const std::string &name : targets) {
            const auto [in, outFeatures] = model::layerProjectionShape(c, name);
            const std::string path = model::layerProjectionPath(c.architecture, layer, name);
            auto proj = model.projection(path);
            if (!proj)
                throw Error("the model has no module " + path);
            auto branch = std::make_shared<LoraBranchImpl>(in, outFeatures, config, generator);
            branch->to(proj->weight.device());
            proj->setBranch(branch, "lora");
            out.modules.push_back(path);
            out.trainableParameters += branch->lora_A->weight.numel() + branch->lora_B->weight.numel();
        }
    }
    return out;
}

void mergeLora(model::CausalLMImpl &model)
{
    torch::NoGradGuard noGrad;
    const auto &c = model.config();
    for (std::int64_t layer = 0; layer < c.numLayers; ++layer) {
        for (const std::string &name : model::layerProjectionNames(c.architecture)) {
            auto proj = model.projection(model::layerProjectionPath(c.architecture, layer, name));
            if (!proj)
                continue;
            auto lora = std::dynamic_pointer_cast<LoraBranchImpl>(proj->branch());
            if (!lora)
                continue;
            const torch::Tensor delta = torch::matmul(lora->lora_B->weight, lora->lora_A->weight) * lora->scale;
            proj->weight.add_(delta.to(proj->weight.scalar_type()));
            proj->clearBranch();
        }
    }
}

std::string peftKey(const std::string &module, bool a)
{
    return "base_model.model." + module + (a ? ".lora_A.weight" : ".lora_B.weight");
}

void savePeftAdapter(model::CausalLMImpl &model, const LoraConfig &config, const std::string &dir,
                     const std::string &baseModelNameOrPath)
{
    // Collect every branch (contiguous fp32 copies) under its PEFT key.
    std::vector<std::pair<std::string, torch::Tensor>> tensors;
    const auto &c = model.config();
    for (std::int64_t layer = 0; layer < c.numLayers; ++layer) {
        for (const std::string &name : model::layerProjectionNames(c.architecture)) {
            const std::string path = model::layerProjectionPath(c.architecture, layer, name);
            auto proj = model.projection(path);
            auto lora = proj ? std::dynamic_pointer_cast<LoraBranchImpl>(proj->branch()) : nullptr;
            if (!lora)
                continue;
            tensors.emplace_back(peftKey(path, true), lora->lora_A->weight.detach().to(torch::kCPU, torch::kFloat32).contiguous());
            tensors.emplace_back(peftKey(path, false), lora->lora_B->weight.detach().to(torch::kCPU, torch::kFloat32).contiguous());
        }
    }
    if (tensors.empty())
        throw Error("the model has no LoRA branches to save");
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        throw Error("cannot create the adapter folder: " + ec.message(), {dir, 0, 0, -1, {}});
    std::vector<safetensors::TensorView> views;
    for (const auto &[key, t] : tensors)
        views.push_back({key, safetensors::DType::F32, t.sizes().vec(), t.data_ptr(),
                         std::size_t(t.numel()) * sizeof(float)});
    safetensors::writeFile((std::filesystem::path(dir) / "adapter_model.safetensors").string(), views,
                           {{"format", "pt"}});
    const nlohmann::json cfg = {
        {"peft_type", "LORA"},
        {"task_type", "CAUSAL_LM"},
        {"r", config.rank},
        {"lora_alpha", config.alpha},
        {"lora_dropout", config.dropout},
        {"target_modules", config.targetsFor(c.architecture)},   // PEFT's file always names them
        {"bias", "none"},
        {"fan_in_fan_out", false},
        {"use_rslora", config.rslora},
        {"init_lora_weights", config.init == LoraInit::Gaussian ? nlohmann::json("gaussian") : nlohmann::json(true)},
        {"base_model_name_or_path", baseModelNameOrPath},
        {"inference_mode", true},
        {"modules_to_save", nullptr},
    };
    const std::string file = (std::filesystem::path(dir) / "adapter_config.json").string();
    std::ofstream out(file, std::ios::trunc);
    out << cfg.dump(2) << '\n';
    if (!out)
        throw Error("cannot write the adapter config", {file, 0, 0, -1, {}});
}

} // namespace sft::finetune
