// Loading models onto a device and scoring continuations.

#include "model/language_model_private.h"

#include "core/error.h"
#include "model/weights_io.h"

#include <nlohmann/json.hpp>

#include <torch/version.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

namespace fs = std::filesystem;

namespace sft::model {

namespace {

torch::Device resolveDevice(const std::string &name)
{
    if (name.empty() || name == "auto")
        return torch::cuda::is_available() ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU);
    if (name == "cpu")
        return torch::kCPU;
    if (name.rfind("cuda", 0) == 0) {
        if (!torch::cuda::is_available())
            throw Error("device \"" + name + "\" requested, but this LibTorch build has no CUDA or no GPU is visible");
        torch::Device d(name);
        if (d.index() >= static_cast<int>(torch::cuda::device_count()))
            throw Error("device \"" + name + "\" does not exist (" + std::to_string(torch::cuda::device_count())
                        + " GPU(s) visible)");
        return d;
    }
    throw Error("unknown device \"" + name + "\" (auto, cpu, cuda, cuda:N)");
}

torch::ScalarType resolveDtype(const std::string &name, const ModelConfig &config, const torch::Device &device)
{
    std::string n = name;
    if (n.empty() || n == "auto")
        n = config.dtype == "bfloat16" ? "bf16" : config.dtype == "float16" ? (device.is_cpu() ? "fp32" : "fp16")
                                                                              : "fp32";
    if (n == "fp32" || n == "float32")
        return torch::kFloat32;
    if (n == "bf16" || n == "bfloat16")
        return torch::kBFloat16;
    if (n == "fp16" || n == "float16") {
#if TORCH_VERSION_MAJOR < 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR < 1)
        if (device.is_cpu())
            throw Error("fp16 matrix products are not available on the CPU in this LibTorch; use bf16 or fp32");
#endif
        return torch::kFloat16;
    }
    throw Error("unknown dtype \"" + name + "\" (fp32, bf16, fp16)");
}

std::string dtypeString(torch::ScalarType t)
{
    return t == torch::kBFloat16 ? "bf16" : t == torch::kFloat16 ? "fp16" : "fp32";
}

} // namespace

torch::Tensor LanguageModel::Private::row(const std::vector<std::int64_t> &ids) const
{
    return torch::tensor(ids, torch::kInt64).view({1, -1}).to(device);
}

torch::Tensor LanguageModel::Private::logProbs(const torch::Tensor &logits)
{
    return torch::log_softmax(logits.to(torch::kFloat32), -1).to(torch::kCPU);
}

void LanguageModel::initThreads()
{
    static std::once_flag once;
    std::call_once(once, [] {
        const unsigned n = std::thread::hardware_concurrency();
        if (n > 0)
            torch::set_num_threads(static_cast<int>(n));
    });
}

LanguageModel::LanguageModel(std::unique_ptr<Private> p) : d(std::move(p)) {}
LanguageModel::~LanguageModel() = default;

std::unique_ptr<LanguageModel> LanguageModel::load(const std::string &dir, const LoadOptions &options)
{
    initThreads();
    const fs::path root(dir);
    if (!fs::is_directory(root))
        throw Error("not a model directory", {dir, 0, 0, -1, {}});
    auto p = std::make_unique<Private>();
    p->config = ModelConfig::fromFile((root / "config.json").string());
    p->device = resolveDevice(options.device);
    p->dtype = resolveDtype(options.dtype, p->config, p->device);
    const auto checkpoint = safetensors::Checkpoint::open(dir);
    torch::NoGradGuard noGrad;
    p->module = CausalLM(p->config);
    p->module->to(p->device, p->dtype);
    loadWeights(*p->module, checkpoint);
    p->module->eval();
    return std::unique_ptr<LanguageModel>(new LanguageModel(std::move(p)));
}

std::unique_ptr<LanguageModel> LanguageModel::create(const ModelConfig &config, std::uint64_t seed,
                                                     const LoadOptions &options)
{
    initThreads();
    auto p = std::make_unique<Private>();
    p->config = config;
    p->device = resolveDevice(options.device);
    p->dtype = resolveDtype(options.dtype, config, p->device);
    torch::NoGradGuard noGrad;
    p->module = CausalLM(config);
    p->module->initWeights(seed);
    p->module->to(p->device, p->dtype);
    p->module->eval();
    return std::unique_ptr<LanguageModel>(new LanguageModel(std::move(p)));
}

const ModelConfig &LanguageModel::config() const { return d->config; }
std::string LanguageModel::device() const { return d->device.str(); }
std::string LanguageModel::dtype() const { return dtypeString(d->dtype); }
std::shared_ptr<CausalLMImpl> LanguageModel::module() const { return d->module.ptr(); }

void LanguageModel::save(const std::string &dir) const
{
    fs::create_directories(dir);
    ModelConfig c = d->config;
    c.dtype = d->dtype == torch::kBFloat16 ? "bfloat16" : d->dtype == torch::kFloat16 ? "float16" : "float32";
    std::ofstream out(fs::path(dir) / "config.json");
    out << c.toJson().dump(2) << '\n';
    if (!out)
        throw Error("cannot write config.json", {dir, 0, 0, -1, {}});
    saveWeights(*d->module, (fs::path(dir) / "model.safetensors").string());
}

ContinuationScore LanguageModel::score(const std::vector<std::int64_t> &prompt,
                                       const std::vector<std::int64_t> &continuation)
{
    if (prompt.empty())
        throw Error("scoring needs a non-empty prompt");
    ContinuationScore s;
    if (continuation.empty())
        return s;
    torch::NoGradGuard noGrad;
    std::vector<std::int64_t> all = prompt;
    all.insert(all.end(), continuation.begin(), continuation.end());
    const auto p = static_cast<std::int64_t>(prompt.size()), c = static_cast<std::int64_t>(continuation.size());
    const torch::Tensor h = d->module->hidden(d->row(all));
    const torch::Tensor lp = Private::logProbs(d->module->logits(h.narrow(1, p - 1, c)))[0];
    const auto acc = lp.accessor<float, 2>();
    for (std::int64_t i = 0; i < c; ++i) {
        s.tokenLogprobs.push_back(acc[i][continuation[static_cast<std::size_t>(i)]]);
        s.sum += s.tokenLogprobs.back();
    }
    return s;
}

std::vector<ContinuationScore> LanguageModel::scoreMany(const std::vector<std::int64_t> &prompt,
                                                        const std::vector<std::vector<std::int64_t>> &continuations)
{
    if (prompt.empty())
        throw Error("scoring needs a non-empty prompt");
    std::vector<ContinuationScore> out(continuations.size());
    if (continuations.empty())
        return out;
    for (const auto &c : continuations)
        for (auto id : c)
            if (id < 0 || id >= d->config.vocabSize)
                throw Error("token id " + std::to_string(id) + " is outside the vocabulary (size "
                            + std::to_string(d->config.vocabSize) + ")");
    torch::NoGradGuard noGrad;
    KVCache cache;
    const auto p = static_cast<std::int64_t>(prompt.size());
    const torch::Tensor h = d->module->hidden(d->row(prompt), {}, {}, &cache);
    const torch::Tensor first = Private::logProbs(d->module->logits(h.narrow(1, p - 1, 1)))[0][0];
    const auto firstAcc = first.accessor<float, 1>();

    std::int64_t longest = 0; // tokens whose logits are needed: all but each continuation's last
    for (std::size_t n = 0; n < continuations.size(); ++n) {
        const auto &c = continuations[n];
        if (c.empty())
            continue;
        out[n].tokenLogprobs.push_back(firstAcc[c[0]]);
        longest = std::max<std::int64_t>(longest, static_cast<std::int64_t>(c.size()) - 1);
    }
    if (longest > 0) {
        const auto n = static_cast<std::int64_t>(continuations.size());
        torch::Tensor ids = torch::zeros({n, longest}, torch::kInt64);
        torch::Tensor mask = torch::zeros({n, longest}, torch::kInt64);
        for (std::int64_t i = 0; i < n; ++i) {
            const auto &c = continuations[static_cast<std::size_t>(i)];
            for (std::int64_t t = 0; t + 1 < static_cast<std::int64_t>(c.size()); ++t) {
                ids[i][t] = c[static_cast<std::size_t>(t)];
                mask[i][t] = 1;
            }
        }
        cache.expandBatch(n);
        const torch::Tensor hc = d->module->hidden(ids.to(d->device), mask.to(d->device), {}, &cache);
        const torch::Tensor lp = Private::logProbs(d->module->logits(hc));
        const auto acc = lp.accessor<float, 3>();
        for (std::int64_t i = 0; i < n; ++i) {
            const auto &c = continuations[static_cast<std::size_t>(i)];
            for (std::int64_t t = 1; t < static_cast<std::int64_t>(c.size()); ++t)
                out[static_cast<std::size_t>(i)].tokenLogprobs.push_back(acc[i][t - 1][c[static_cast<std::size_t>(t)]]);
        }
    }
    for (auto &s : out)
        for (double v : s.tokenLogprobs)
            s.sum += v;
    return out;
}

} // namespace sft::model
