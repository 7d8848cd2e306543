// Loading models onto a device and scoring continuations.

#include "model/language_model_private.h"

#include "core/error.h"
#include "model/rope_factor.h"
#include "model/weights_io.h"

#include <nlohmann/json.hpp>

#include <torch/version.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <numeric>
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

} // namespace

void applyRopeFactor(ModelConfig &c, double factor)
{
    if (factor == 1.0)
        return;
    if (!(factor > 1.0))
        throw Error("the RoPE interpolation factor must be at least 1");
    if (c.positionEncoding != PositionEncoding::Rope)
        throw Error("RoPE position interpolation needs a RoPE model; this one uses ALiBi, which extrapolates without it");
    if (c.ropeScaling.type != RopeScaling::Type::None && c.ropeScaling.type != RopeScaling::Type::Linear)
        throw Error(std::string("RoPE position interpolation on top of ") + RopeScaling::typeName(c.ropeScaling.type)
                    + " rope_scaling is not supported");
    if (c.ropeScaling.type == RopeScaling::Type::None)
        c.ropeScaling.originalMaxPositions = c.maxPositions; // the context it stretches (reported, not computed with)
    c.ropeScaling.type = RopeScaling::Type::Linear;
    c.ropeScaling.factor *= factor;
    c.maxPositions = static_cast<std::int64_t>(static_cast<double>(c.maxPositions) * factor);
}

namespace {

/**
 * An inference-time scaling in place of whatever config.json and ropeFactor set. None removes
 * every scaling and keeps config.json's max_position_embeddings. Otherwise the model's trained
 * context (originalMaxPositions, 0 = trained, the max_position_embeddings of config.json)
 * stretched by the factor becomes maxPositions, so the length checks allow the extended context.
 */
void applyRopeScaling(ModelConfig &c, RopeScaling s, std::int64_t trained)
{
    if (s.type == RopeScaling::Type::None) {
        c.ropeScaling = RopeScaling{};
        return;
    }
    const std::string name = RopeScaling::typeName(s.type);
    if (c.positionEncoding != PositionEncoding::Rope)
        throw Error("RoPE scaling (" + name + ") needs a RoPE model; this one ("
                    + (c.architecture == Architecture::Bloom ? std::string("BLOOM") : c.modelType)
                    + ") uses ALiBi, which has no rotary positions to scale");
    if (!std::isfinite(s.factor) || !(s.factor >= 1.0) || s.factor > kMaxRopeOverrideFactor)
        throw Error("the RoPE scaling factor must be a finite number from 1 to "
                    + std::to_string(static_cast<int>(kMaxRopeOverrideFactor)) + ", got " + std::to_string(s.factor));
    if (s.originalMaxPositions < 0)
        throw Error("the original context length must be positive");
    if (s.type == RopeScaling::Type::Llama3 && !(s.highFreqFactor > s.lowFreqFactor && s.lowFreqFactor > 0))
        throw Error("llama3 scaling needs high_freq_factor > low_freq_factor > 0");
    if (s.type == RopeScaling::Type::Dynamic && c.headDim <= 2)
        throw Error("dynamic NTK scaling needs a head dimension above 2 (its base exponent is d/(d-2)); this model's "
                    "head_dim is " + std::to_string(c.headDim));
    if (s.originalMaxPositions == 0)
        s.originalMaxPositions = trained;
    const double stretched = static_cast<double>(s.originalMaxPositions) * s.factor;
    if (!(stretched < 4.0e18)) // llround of a value beyond int64 is undefined
        throw Error("the original context length (" + std::to_string(s.originalMaxPositions) + ") times the factor ("
                    + std::to_string(s.factor) + ") is too large a context");
    c.ropeScaling = s;
    c.maxPositions = static_cast<std::int64_t>(std::llround(stretched));
}

/** ropeFactor, or the rope_scaling override that replaces it (and config.json's scaling). */
void applyPositionOptions(ModelConfig &c, const LoadOptions &options)
{
    if (options.ropeScaling)
        applyRopeScaling(c, *options.ropeScaling, c.maxPositions);
    else
        applyRopeFactor(c, options.ropeFactor);
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

namespace {
std::atomic<bool> g_threadsChosen{false};

// The thread policy documented at LanguageModel::initThreads().
void applyThreadPolicy(torch::Device device, torch::ScalarType dtype)
{
    if (g_threadsChosen)
        return;
    int n = 0;
    if (const char *env = std::getenv("SFTBENCH_THREADS"))
        n = std::atoi(env);
    if (n <= 0) {
        const bool blasBound = device.is_cpu() && dtype == torch::kFloat32;
        n = blasBound ? 1 : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    }
    torch::set_num_threads(n);
}
} // namespace

void LanguageModel::initThreads()
{
    setThreads(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
}

void LanguageModel::setThreads(int n)
{
    g_threadsChosen = true;
    torch::set_num_threads(std::max(1, n));
}

LanguageModel::LanguageModel(std::unique_ptr<Private> p) : d(std::move(p)) {}
LanguageModel::~LanguageModel() = default;

std::unique_ptr<LanguageModel> LanguageModel::load(const std::string &dir, const LoadOptions &options)
{
    const fs::path root(dir);
    if (!fs::is_directory(root))
        throw Error("not a model directory", {dir, 0, 0, -1, {}});
    auto p = std::make_unique<Private>();
    p->config = ModelConfig::fromFile((root / "config.json").string());
    applyPositionOptions(p->config, options);
    p->device = resolveDevice(options.device);
    p->dtype = resolveDtype(options.dtype, p->config, p->device);
    applyThreadPolicy(p->device, p->dtype);
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
    auto p = std::make_unique<Private>();
    p->config = config;
    applyPositionOptions(p->config, options);
    p->device = resolveDevice(options.device);
    p->dtype = resolveDtype(options.dtype, config, p->device);
    applyThreadPolicy(p->device, p->dtype);
    torch::NoGradGuard noGrad;
    p->module = CausalLM(p->config);
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
    std::int64_t extra = 0; // continuation tokens that need their own logits: all but each one's last
    for (const auto &c : continuations) {
        for (auto id : c)
            if (id < 0 || id >= d->config.vocabSize)
                throw Error("token id " + std::to_string(id) + " is outside the vocabulary (size "
                            + std::to_string(d->config.vocabSize) + ")");
        extra += std::max<std::int64_t>(0, static_cast<std::int64_t>(c.size()) - 1);
    }
    const auto p = static_cast<std::int64_t>(prompt.size());
    if (d->config.ropeScaling.type == RopeScaling::Type::Dynamic) {
        // Dynamic NTK picks its base from the length of the forward pass, so a shared prompt cache
        // or a packed row would let a continuation's score depend on its siblings. Past the trained
        // context each continuation therefore runs alone, prompt and continuation in one forward
        // (as transformers scores a single sequence); within it the base is theta either way.
        const RopeScaling &rs = d->config.ropeScaling;
        const std::int64_t trained = rs.originalMaxPositions > 0 ? rs.originalMaxPositions : d->config.maxPositions;
        std::size_t longest = 0;
        for (const auto &c : continuations)
            longest = std::max(longest, c.size());
        if (p + static_cast<std::int64_t>(longest) > trained) {
            for (std::size_t k = 0; k < continuations.size(); ++k)
                out[k] = score(prompt, continuations[k]);
            return out;
        }
    }
    torch::NoGradGuard noGrad;
    // Few continuation tokens: pack prompt and continuations into one row (one pass over the
    // weights); many: run the prompt into the KV cache and the continuations as a padded batch.
    const bool packed = extra <= std::max<std::int64_t>(p, 64);
    torch::Tensor lp;                       // [rows, V] log-probs, fp32 CPU
    std::vector<std::vector<std::int64_t>> rowOf(continuations.size()); // row of token t's distribution
    if (packed) {
        std::vector<std::int64_t> ids = prompt, pos(static_cast<std::size_t>(p)), owner(static_cast<std::size_t>(p), -1);
        std::iota(pos.begin(), pos.end(), 0);
        std::vector<std::int64_t> rows = {p - 1};
        for (std::size_t k = 0; k < continuations.size(); ++k) {
            const auto &c = continuations[k];
            if (c.empty())
                continue;
            rowOf[k].push_back(0);
            for (std::size_t i = 0; i + 1 < c.size(); ++i) {
                rowOf[k].push_back(static_cast<std::int64_t>(rows.size()));
                rows.push_back(static_cast<std::int64_t>(ids.size()));
                ids.push_back(c[i]);
                pos.push_back(p + static_cast<std::int64_t>(i));
                owner.push_back(static_cast<std::int64_t>(k));
            }
        }
        const torch::Tensor o = torch::tensor(owner, torch::kInt64);
        const auto t = static_cast<std::int64_t>(ids.size());
        const torch::Tensor idx = torch::arange(t);
        const torch::Tensor structure = (idx.unsqueeze(0) <= idx.unsqueeze(1))
                                            .logical_and((o.unsqueeze(0) < 0).logical_or(o.unsqueeze(0) == o.unsqueeze(1)))
                                            .unsqueeze(0);
        const torch::Tensor h = d->module->hidden(d->row(ids), {}, d->row(pos), nullptr, structure.to(d->device));
        const torch::Tensor sel = torch::tensor(rows, torch::kInt64).to(d->device);
        lp = Private::logProbs(d->module->logits(h[0].index_select(0, sel)));
    } else {
        KVCache cache;
        const torch::Tensor h = d->module->hidden(d->row(prompt), {}, {}, &cache);
        std::int64_t longest = 0;
        for (const auto &c : continuations)
            longest = std::max<std::int64_t>(longest, static_cast<std::int64_t>(c.size()) - 1);
        const auto n = static_cast<std::int64_t>(continuations.size());
        torch::Tensor ids = torch::zeros({n, longest}, torch::kInt64);
        torch::Tensor mask = torch::zeros({n, longest}, torch::kInt64);
        auto ia = ids.accessor<std::int64_t, 2>();
        auto ma = mask.accessor<std::int64_t, 2>();
        for (std::int64_t i = 0; i < n; ++i) {
            const auto &c = continuations[static_cast<std::size_t>(i)];
            if (!c.empty())
                rowOf[static_cast<std::size_t>(i)].push_back(0);
            for (std::int64_t t = 0; t + 1 < static_cast<std::int64_t>(c.size()); ++t) {
                ia[i][t] = c[static_cast<std::size_t>(t)];
                ma[i][t] = 1;
                rowOf[static_cast<std::size_t>(i)].push_back(1 + i * longest + t);
            }
        }
        cache.expandBatch(n);
        const torch::Tensor hc = d->module->hidden(ids.to(d->device), mask.to(d->device), {}, &cache);
        lp = Private::logProbs(d->module->logits(torch::cat({h[0].narrow(0, p - 1, 1), hc.reshape({n * longest, -1})}, 0)));
    }
    const auto acc = lp.accessor<float, 2>();
    for (std::size_t k = 0; k < continuations.size(); ++k)
        for (std::size_t t = 0; t < continuations[k].size(); ++t) {
            out[k].tokenLogprobs.push_back(acc[rowOf[k][t]][continuations[k][t]]);
            out[k].sum += out[k].tokenLogprobs.back();
        }
    return out;
}

ContinuationScore LanguageModel::scoreWindow(const std::vector<std::int64_t> &ids, std::int64_t from,
                                             std::int64_t chunkRows)
{
    const auto n = static_cast<std::int64_t>(ids.size());
    if (from < 1 || from > n)
        throw Error("scoreWindow: the first scored index " + std::to_string(from) + " is outside [1, "
                    + std::to_string(n) + "]");
    ContinuationScore s;
    if (from == n)
        return s;
    for (auto id : ids)
        if (id < 0 || id >= d->config.vocabSize)
            throw Error("token id " + std::to_string(id) + " is outside the vocabulary (size "
                        + std::to_string(d->config.vocabSize) + ")");
    torch::NoGradGuard noGrad;
    const std::int64_t c = n - from;
    const torch::Tensor h = d->module->hidden(d->row(ids))[0].narrow(0, from - 1, c);   // predicts ids[from..]
    const torch::Tensor targets = torch::tensor(std::vector<std::int64_t>(ids.begin() + from, ids.end()), torch::kInt64)
                                      .to(d->device)
                                      .unsqueeze(1);
    const std::int64_t vocab = std::max<std::int64_t>(1, d->config.vocabSize);
    const std::int64_t rows =
        chunkRows > 0 ? chunkRows : std::max<std::int64_t>(16, (std::int64_t(128) << 20) / (4 * vocab));
    std::vector<torch::Tensor> parts;
    for (std::int64_t r = 0; r < c; r += rows) {
        const std::int64_t m = std::min(rows, c - r);
        const torch::Tensor logits = d->module->logits(h.narrow(0, r, m)).to(torch::kFloat32);   // [m, V]
        // log p = logit - logsumexp: log_softmax's value at the target, without its [m, V] result.
        parts.push_back(logits.gather(1, targets.narrow(0, r, m)).squeeze(1) - torch::logsumexp(logits, -1));
    }
    const torch::Tensor lp = torch::cat(parts).to(torch::kCPU, torch::kFloat64);
    const auto acc = lp.accessor<double, 1>();
    s.tokenLogprobs.reserve(static_cast<std::size_t>(c));
    for (std::int64_t i = 0; i < c; ++i) {
        s.tokenLogprobs.push_back(acc[i]);
        s.sum += acc[i];
    }
    return s;
}

} // namespace sft::model
