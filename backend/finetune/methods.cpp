// Adapters, prefix tuning, full fine-tuning; attaching a method; trainable tensors on disk.

#include "finetune/methods.h"

#include "core/error.h"
#include "model/architecture.h"
#include "model/weights_io.h"
#include "safetensors/checkpoint.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace sft::finetune {

AdapterBranchImpl::AdapterBranchImpl(std::int64_t hidden, const AdapterConfig &config, torch::Generator generator)
{
    torch::NoGradGuard noGrad;
    down_proj = register_module("down_proj", torch::nn::Linear(torch::nn::LinearOptions(hidden, config.bottleneck)));
    up_proj = register_module("up_proj", torch::nn::Linear(torch::nn::LinearOptions(config.bottleneck, hidden)));
    down_proj->weight.copy_(at::normal(0.0, config.initStd, {config.bottleneck, hidden}, generator));
    down_proj->bias.zero_();
    up_proj->weight.zero_();
    up_proj->bias.zero_();
}

torch::Tensor AdapterBranchImpl::forward(const torch::Tensor &, const torch::Tensor &baseOutput)
{
    const torch::Tensor x = baseOutput.to(down_proj->weight.scalar_type());
    const torch::Tensor delta = up_proj(torch::gelu(down_proj(x)));
    return baseOutput + delta.to(baseOutput.scalar_type());
}

PrefixEncoderImpl::PrefixEncoderImpl(const model::ModelConfig &m, const PrefixConfig &c, torch::Generator generator)
    : m_tokens(c.numVirtualTokens), m_layers(m.numLayers), m_kvHeads(m.numKvHeads), m_headDim(m.headDim)
{
    torch::NoGradGuard noGrad;
    const std::int64_t out = 2 * m.numLayers * m.numKvHeads * m.headDim;
    const std::int64_t width = c.projection ? m.hiddenSize : out;
    embedding = register_module("embedding", torch::nn::Embedding(c.numVirtualTokens, width));
    embedding->weight.copy_(at::normal(0.0, 0.02, {c.numVirtualTokens, width}, generator));
    if (c.projection) {
        transform = register_module("transform",
                                    torch::nn::Sequential(torch::nn::Linear(m.hiddenSize, c.projectionHidden),
                                                          torch::nn::Tanh(),
                                                          torch::nn::Linear(c.projectionHidden, out)));
        for (auto &p : transform->named_parameters()) {
            if (p.key().find("weight") != std::string::npos)
                p.value().copy_(at::normal(0.0, 0.02, p.value().sizes(), generator));
            else
                p.value().zero_();
        }
    }
}

torch::Tensor PrefixEncoderImpl::promptEmbeddings()
{
    return transform ? transform->forward(embedding->weight) : embedding->weight;
}

torch::Tensor PrefixEncoderImpl::keysValues()
{
    return promptEmbeddings().view({m_tokens, m_layers, 2, m_kvHeads, m_headDim});
}

MethodAttachment attachMethod(model::CausalLMImpl &model, const TrainConfig &config, std::uint64_t seed)
{
    const auto &c = model.config();
    const bool full = config.method == Method::Full;
    for (auto &p : model.parameters())
        p.set_requires_grad(full);
    auto generator = at::detail::createCPUGenerator(seed);
    const auto device = model.model->embed_tokens->weight.device();
    switch (config.method) {
    case Method::Lora:
        attachLora(model, config.lora, seed);
        break;
    case Method::Adapter:
        for (std::int64_t layer = 0; layer < c.numLayers; ++layer) {
            // After the attention's and the MLP's output projections (o_proj / dense, down_proj /
            // dense_4h_to_h): the residual add follows them in both architectures.
            std::vector<std::string> places;
            if (config.adapter.afterAttention)
                places.push_back(model::layerProjectionPath(c.architecture, layer,
                                                            model::attentionOutputProjection(c.architecture)));
            if (config.adapter.afterMlp)
                places.push_back(model::layerProjectionPath(c.architecture, layer,
                                                            model::mlpOutputProjection(c.architecture)));
            for (const auto &path : places) {
                auto proj = model.projection(path);
                if (!proj)
                    throw Error("the model has no module " + path);
                auto branch = std::make_shared<AdapterBranchImpl>(c.hiddenSize, config.adapter, generator);
                branch->to(device);
                proj->setBranch(branch, "adapter");
            }
        }
        break;
    case Method::Prefix: {
        if (config.gradientCheckpointing)
            throw Error("gradient checkpointing is not available with prefix tuning", {{}, 0, 0, -1, "gradient_checkpointing"});
        auto prefix = std::make_shared<PrefixEncoderImpl>(c, config.prefix, generator);
        prefix->to(device);
        model.model->setPrefix(prefix);
        break;
    }
    case Method::Full:
        break;
    }
    MethodAttachment out;
    for (const auto &[name, t] : trainableParameters(model)) {
        out.trainableNames.push_back(name);
        out.trainableParameters += t.numel();
    }
    return out;
}

std::vector<std::pair<std::string, torch::Tensor>> trainableParameters(torch::nn::Module &module)
{
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto &p : module.named_parameters(true))
        if (p.value().requires_grad())
            out.emplace_back(p.key(), p.value());
    return out;
}

void saveTrainable(torch::nn::Module &module, const std::string &path)
{
    model::saveTensors(trainableParameters(module), path);
}

void loadTrainable(torch::nn::Module &module, const std::string &path)
{
    const auto ckpt = safetensors::Checkpoint::open(path);
    for (auto &[name, t] : trainableParameters(module))
        model::copyTensor(t, ckpt, name);
}

void savePeftPrefix(model::CausalLMImpl &model, const TrainConfig &config, const std::string &dir,
                    const std::string &baseModelNameOrPath)
{
    auto prefix = std::dynamic_pointer_cast<PrefixEncoderImpl>(model.model->prefix());
    if (!prefix)
        throw Error("the model has no prefix to save");
    torch::Tensor table;
    {
        torch::NoGradGuard noGrad;
        table = prefix->promptEmbeddings().detach().to(torch::kCPU, torch::kFloat32).contiguous();
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw Error("cannot create the adapter folder: " + ec.message(), {dir, 0, 0, -1, {}});
    // prompt_embeddings [P, 2·L·kv_dim]: per virtual token, layer by layer, the key then the value,
    // heads × head_dim: PEFT's get_prompt views it as [P, 2·L, heads, head_dim] and splits it into
    // per-layer (key, value) [batch, heads, P, head_dim] (BLOOM: kv_dim = hidden, heads = n_head).
    // This is what current PEFT with transformers 4.44 or newer expects. A BLOOM prefix needs such a
    // transformers: older ones keep BLOOM's legacy fused cache (BloomPreTrainedModel.
    // _convert_to_standard_cache), and PEFT's reordering of past_key_values for it puts the prefix
    // wrongly.
    model::saveTensors({{"prompt_embeddings", table}}, (fs::path(dir) / "adapter_model.safetensors").string());
    const auto &c = model.config();
    const nlohmann::json cfg = {
        {"peft_type", "PREFIX_TUNING"},
        {"task_type", "CAUSAL_LM"},
        {"num_virtual_tokens", config.prefix.numVirtualTokens},
        {"token_dim", c.numKvHeads * c.headDim},
        {"num_transformer_submodules", 1},
        {"num_attention_heads", c.numKvHeads},
        {"num_layers", c.numLayers},
        {"encoder_hidden_size", config.prefix.projectionHidden},
        {"prefix_projection", false}, // the saved table is the projection's output
        {"base_model_name_or_path", baseModelNameOrPath},
        {"inference_mode", true},
    };
    const std::string file = (fs::path(dir) / "adapter_config.json").string();
    std::ofstream out(file, std::ios::trunc);
    out << cfg.dump(2) << '\n';
    if (!out)
        throw Error("cannot write the adapter config", {file, 0, 0, -1, {}});
}

} // namespace sft::finetune
