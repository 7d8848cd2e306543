// The training loop, checkpoints and run outputs.

#include "finetune/trainer.h"

#include "core/error.h"
#include "core/file_io.h"
#include "core/json.h"
#include "data/formats.h"
#include "data/split.h"
#include "finetune/lr_schedule.h"
#include "finetune/methods.h"
#include "finetune/plan.h"
#include "finetune/run_folder.h"
#include "finetune/run_model_files.h"
#include "finetune/sft_dataset.h"
#include "model/autocast_compat.h"
#include "model/language_model_private.h"
#include "tokenizer/model_tokenizer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace sft::finetune {

namespace {

std::atomic<bool> g_stop{false};

std::string isoNow()
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

/** Peak resident set size (VmHWM) in bytes, 0 where /proc is missing. */
std::int64_t peakRss()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::atoll(line.c_str() + 6) * 1024;
    return 0;
}

/** The run's event stream: events.jsonl (appended, flushed per line) and stdout. */
class EventLog
{
public:
    /** path empty: stdout only (a dry run leaves the run folder alone). */
    EventLog(const fs::path &path, bool echo) : m_echo(echo)
    {
        if (path.empty())
            return;
        // A worker killed mid-line left a fragment: start on a line of our own.
        terminateLastLine(path.string());
        m_out.open(path, std::ios::app | std::ios::binary);
        if (!m_out)
            throw Error("cannot append to the event log", {path.string(), 0, 0, -1, {}});
    }
    void emit(ojson j)
    {
        j["time"] = isoNow();
        const std::string line = j.dump(-1, ' ', false, ojson::error_handler_t::replace);
        if (m_out.is_open()) {
            m_out << line << '\n';
            m_out.flush();
        }
        if (m_echo) {
            std::cout << line << '\n';
            std::cout.flush();
        }
    }

private:
    std::ofstream m_out;
    bool m_echo;
};


struct ResolvedPrecision
{
    std::string weights = "fp32";  ///< dtype the base weights load in
    bool autocast = false;          ///< bf16 autocast around forward passes
};

ResolvedPrecision resolvePrecision(const std::string &precision, const std::string &device)
{
    ResolvedPrecision r;
    std::string p = precision;
    if (p == "auto") {
        const bool cuda = device.rfind("cuda", 0) == 0 || (device == "auto" && torch::cuda::is_available());
        p = cuda ? "bf16-autocast" : "fp32";
    }
    if (p == "bf16")
        r.weights = "bf16";
    r.autocast = p == "bf16-autocast";
    return r;
}

/** One micro-batch as tensors on the device. */
struct MicroBatch
{
    torch::Tensor ids, mask, positions, structure, labels;
    std::int64_t tokens = 0;   ///< real (non-padding) tokens
    std::int64_t targets = 0;  ///< tokens that count in the loss
};

MicroBatch buildBatch(const std::vector<Row> &rows, const std::vector<SftExample> &examples, torch::Device device)
{
    std::int64_t t = 1;
    bool packed = false;
    for (const Row &r : rows) {
        t = std::max(t, r.length);
        packed = packed || r.examples.size() > 1;
    }
    const auto b = static_cast<std::int64_t>(rows.size());
    torch::Tensor ids = torch::zeros({b, t}, torch::kInt64), mask = torch::zeros({b, t}, torch::kInt64);
    torch::Tensor pos = torch::zeros({b, t}, torch::kInt64), labels = torch::full({b, t}, -100, torch::kInt64);
    torch::Tensor seg = torch::full({b, t}, -1, torch::kInt64);
    auto ia = ids.accessor<std::int64_t, 2>(), ma = mask.accessor<std::int64_t, 2>();
    auto pa = pos.accessor<std::int64_t, 2>(), la = labels.accessor<std::int64_t, 2>(), sa = seg.accessor<std::int64_t, 2>();
    MicroBatch mb;
    for (std::int64_t r = 0; r < b; ++r) {
        std::int64_t off = 0, s = 0;
        for (const std::int32_t idx : rows[static_cast<std::size_t>(r)].examples) {
            const SftExample &e = examples[static_cast<std::size_t>(idx)];
            const auto len = static_cast<std::int64_t>(e.ids.size());
            for (std::int64_t i = 0; i < len; ++i) {
                ia[r][off + i] = e.ids[static_cast<std::size_t>(i)];
                ma[r][off + i] = 1;
                pa[r][off + i] = i;
                sa[r][off + i] = s;
                // Position i predicts token i + 1; only the example's targets (the replies) count.
                if (i + 1 < len && e.targets[static_cast<std::size_t>(i + 1)]) {
                    la[r][off + i] = e.ids[static_cast<std::size_t>(i + 1)];
                    ++mb.targets;
                }
            }
            off += len;
            mb.tokens += len;
            ++s;
        }
    }
    mb.ids = ids.to(device);
    mb.mask = mask.to(device);
    mb.positions = pos.to(device);
    mb.labels = labels.to(device);
    if (packed) {
        const torch::Tensor idx = torch::arange(t);
        mb.structure = (seg.unsqueeze(2) == seg.unsqueeze(1)).logical_and((idx.unsqueeze(0) <= idx.unsqueeze(1)).unsqueeze(0))
                           .to(device);
    }
    return mb;
}

/** Summed cross-entropy (fp32) over the batch's target tokens. */
torch::Tensor lossSum(model::CausalLMImpl &m, const MicroBatch &mb, bool autocastOn)
{
    const auto deviceType = mb.ids.device().type();
    model::autocast::Scope scope(deviceType, autocastOn);
    const torch::Tensor h = m.hidden(mb.ids, mb.mask, mb.positions, nullptr, mb.structure);
    const torch::Tensor flat = mb.labels.reshape({-1});
    const torch::Tensor sel = flat.ne(-100).nonzero().squeeze(1);
    const torch::Tensor logits = m.logits(h.reshape({-1, h.size(-1)}).index_select(0, sel));
    return torch::nn::functional::cross_entropy(
        logits.to(torch::kFloat32), flat.index_select(0, sel),
        torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum));
}

std::string stepDirName(std::int64_t step)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "step-%08lld", static_cast<long long>(step));
    return buf;
}

std::vector<std::pair<std::int64_t, fs::path>> listCheckpoints(const fs::path &runDir)
{
    std::vector<std::pair<std::int64_t, fs::path>> out;
    std::error_code ec;
    for (const auto &e : fs::directory_iterator(runDir / "checkpoints", ec)) {
        const std::string name = e.path().filename().string();
        if (name.rfind("step-", 0) != 0 || !fs::exists(e.path() / "state.json"))
            continue;
        out.emplace_back(std::atoll(name.c_str() + 5), e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

/** fsync every file of a folder and the folder itself (best effort: a failure only weakens durability). */
void syncFolder(const fs::path &dir)
{
    std::error_code ec;
    for (const auto &e : fs::directory_iterator(dir, ec)) {
        const int fd = ::open(e.path().c_str(), O_RDONLY);
        if (fd >= 0) {
            ::fsync(fd);
            ::close(fd);
        }
    }
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

/**
 * Write a folder next to its place, then swap it in: readers see the old folder or the new one,
 * never a half-written one (the old one is moved aside first and removed last).
 */
void swapInFolder(const fs::path &dir, const std::function<void(const fs::path &)> &write)
{
    const fs::path tmp = dir.parent_path() / ("." + dir.filename().string() + ".tmp");
    const fs::path old = dir.parent_path() / ("." + dir.filename().string() + ".old");
    std::error_code ec;
    fs::remove_all(tmp, ec);
    fs::remove_all(old, ec);
    write(tmp);
    syncFolder(tmp);
    if (fs::exists(dir))
        fs::rename(dir, old, ec);
    fs::rename(tmp, dir, ec);
    if (ec)
        throw Error("cannot move the folder into place: " + ec.message(), {dir.string(), 0, 0, -1, {}});
    fs::remove_all(old, ec);
}

/** A seed for (a, b): the b-th splitmix64 output of a stream seeded with a. */
std::uint64_t mix(std::uint64_t a, std::uint64_t b)
{
    std::uint64_t state = a + 0x9E3779B97F4A7C15ull * b;
    return splitmix64(state);
}

class Trainer
{
public:
    /** config: the parsed config.json of the run folder. */
    Trainer(const TrainRunOptions &o, EventLog &log, nlohmann::json config)
        : m_opt(o), m_runDir(o.runDir), m_log(log), m_configJson(std::move(config))
    {
    }
    int run();

private:
    void prepareData();
    void prepareModel();
    ojson planEvent() const;
    void warnAboutModel();
    double evaluate();
    void saveCheckpoint(std::int64_t step);
    std::int64_t restore();
    std::int64_t restoreFrom(const fs::path &dir);
    void writeOutputs();
    void saveBest(std::int64_t step, double evalLoss);
    void writeResultFolder(const fs::path &dir);

    TrainRunOptions m_opt;
    fs::path m_runDir;
    EventLog &m_log;
    TrainConfig m_cfg;
    fs::path m_modelDir;
    model::ModelConfig m_modelConfig;
    ResolvedPrecision m_precision;
    std::unique_ptr<Tokenizer> m_tokenizer;
    std::vector<SftExample> m_train, m_eval;
    EncodeStats m_trainStats, m_evalStats;
    std::vector<StepPlan> m_steps;
    nlohmann::json m_configJson;
    std::vector<std::int64_t> m_stepsInEpoch;
    std::vector<std::int64_t> m_epochStart;   ///< index of each epoch's first step
    std::unique_ptr<model::LanguageModel> m_lm;
    std::shared_ptr<model::CausalLMImpl> m_module;
    std::vector<torch::Tensor> m_params;
    std::unique_ptr<torch::optim::AdamW> m_optimizer;
    LrSchedule m_schedule;
    std::int64_t m_tokensSeen = 0;
    double m_elapsed = 0;     ///< training seconds over every attempt of the run
    double m_bestEval = std::numeric_limits<double>::infinity();
    std::int64_t m_bestStep = 0;
};

void Trainer::prepareData()
{
    m_cfg = TrainConfig::fromJson(m_configJson, (m_runDir / "config.json").string());
    m_modelDir = resolve(m_runDir, m_cfg.baseModel);
    if (!fs::is_directory(m_modelDir))
        throw Error("the base model folder does not exist", {m_modelDir.string(), 0, 0, -1, "base_model"});
    m_modelConfig = model::ModelConfig::fromFile((m_modelDir / "config.json").string());
    m_tokenizer = std::make_unique<Tokenizer>(loadModelTokenizer(m_modelDir.string(), "base_model").tokenizer);
    const PromptFormatter formatter(m_cfg.promptFormat, m_modelDir.string());

    const std::vector<Record> all = readDataset(resolve(m_runDir, m_cfg.trainData).string());
    std::vector<Record> train, eval;
    EncodeOptions eo, evalOptions;   // recordNumbers: a refused record is named by its place in its file
    if (!m_cfg.evalData.empty()) {
        train = all;
        eval = readDataset(resolve(m_runDir, m_cfg.evalData).string());
    } else if (m_cfg.evalFraction > 0 && all.size() >= 2) {
        const Split split = splitIndices(static_cast<std::int64_t>(all.size()), m_cfg.evalFraction, m_cfg.seed);
        for (auto i : split.train)
            train.push_back(all[static_cast<std::size_t>(i)]);
        for (auto i : split.validation)
            eval.push_back(all[static_cast<std::size_t>(i)]);
        eo.recordNumbers = split.train;
        evalOptions.recordNumbers = split.validation;
    } else {
        train = all;
    }
    const std::int64_t maxLength = std::min(m_cfg.maxLength, contextBudget(m_modelConfig, m_cfg));
    eo.maxLength = maxLength;
    eo.trainOnPrompt = m_cfg.trainOnPrompt;
    eo.overflow = overflowFromName(m_cfg.conversationOverflow);
    evalOptions.maxLength = eo.maxLength;
    evalOptions.trainOnPrompt = eo.trainOnPrompt;
    evalOptions.overflow = eo.overflow;
    m_train = encodeExamples(train, *m_tokenizer, formatter, eo, m_trainStats);
    m_eval = encodeExamples(eval, *m_tokenizer, formatter, evalOptions, m_evalStats);
    BatchPlanOptions bo;
    bo.epochs = m_cfg.epochs;
    bo.maxSteps = m_cfg.maxSteps;
    bo.batchSize = m_cfg.batchSize;
    bo.gradAccumulation = m_cfg.gradAccumulation;
    bo.packing = m_cfg.packing;
    bo.maxLength = maxLength;
    bo.seed = m_cfg.seed;
    m_steps = planSteps(m_train, bo);
    for (const auto &s : m_steps) {
        if (static_cast<std::size_t>(s.epoch) >= m_stepsInEpoch.size()) {   // epochs follow one another
            m_stepsInEpoch.resize(static_cast<std::size_t>(s.epoch) + 1, 0);
            m_epochStart.resize(m_stepsInEpoch.size(), static_cast<std::int64_t>(&s - m_steps.data()));
        }
        ++m_stepsInEpoch[static_cast<std::size_t>(s.epoch)];
    }
    const auto total = static_cast<std::int64_t>(m_steps.size());
    m_schedule.peakLr = m_cfg.learningRate;
    m_schedule.minLr = m_cfg.minLearningRate;
    m_schedule.totalSteps = total;
    m_schedule.warmupSteps = m_cfg.resolvedWarmupSteps(total);
    m_schedule.shape = LrSchedule::shapeFromName(m_cfg.schedule);
    m_precision = resolvePrecision(m_cfg.precision, m_cfg.device);
}

void Trainer::prepareModel()
{
    model::LoadOptions lo;
    lo.device = m_cfg.device;
    lo.dtype = m_precision.weights;
    lo.ropeFactor = m_cfg.ropeFactor;
    if (m_precision.autocast || m_precision.weights != "fp32")
        model::LanguageModel::initThreads(); // oneDNN bf16 kernels use LibTorch's threads
    m_lm = model::LanguageModel::load(m_modelDir.string(), lo);
    m_module = m_lm->module();
    if (m_lm->device().rfind("cuda", 0) == 0 && m_cfg.gradientCheckpointing && m_cfg.method == Method::Lora
        && m_cfg.lora.dropout > 0)
        throw Error("gradient checkpointing with LoRA dropout is not available on CUDA yet (the recomputation would "
                    "draw other dropout masks): set lora.dropout to 0 or turn checkpointing off",
                    {{}, 0, 0, -1, "gradient_checkpointing"});
    const MethodAttachment att = attachMethod(*m_module, m_cfg, m_cfg.seed);
    const ParameterPlan plan = parameterPlan(m_modelConfig, m_cfg);
    if (att.trainableParameters != plan.trainable)
        throw Error("internal: " + std::to_string(att.trainableParameters) + " trainable parameters attached, the plan says "
                    + std::to_string(plan.trainable));
    m_module->model->setGradientCheckpointing(m_cfg.gradientCheckpointing);
    m_module->train();

    // AdamW with decoupled weight decay on matrices only (not biases, norms), as transformers' Trainer.
    std::vector<torch::Tensor> decay, noDecay;
    for (auto &[name, t] : trainableParameters(*m_module)) {
        (t.dim() >= 2 ? decay : noDecay).push_back(t);
        m_params.push_back(t);
    }
    std::vector<torch::optim::OptimizerParamGroup> groups;
    auto options = [&](double wd) {
        auto o = std::make_unique<torch::optim::AdamWOptions>(m_cfg.learningRate);
        o->betas({m_cfg.adamBeta1, m_cfg.adamBeta2}).eps(m_cfg.adamEpsilon).weight_decay(wd);
        return o;
    };
    if (!decay.empty())
        groups.emplace_back(decay, options(m_cfg.weightDecay));
    if (!noDecay.empty())
        groups.emplace_back(noDecay, options(0.0));
    m_optimizer = std::make_unique<torch::optim::AdamW>(groups, torch::optim::AdamWOptions(m_cfg.learningRate));
}

/** Warning events for what this run does differently from what its settings or the model's config.json say. */
void Trainer::warnAboutModel()
{
    const model::ModelConfig &m = m_modelConfig;
    const std::int64_t budget = contextBudget(m, m_cfg);
    if (m.positionEncoding == model::PositionEncoding::Alibi && m_cfg.maxLength > budget) {
        // ALiBi has no position table, so nothing else would stop longer rows; prepareData cuts them.
        std::ostringstream s;
        s << "max_length " << m_cfg.maxLength << " is capped at " << budget << " tokens: the context the model was "
          << "trained on (" << (m.architecture == model::Architecture::Bloom ? "seq_length " : "max_position_embeddings ")
          << m.maxPositions << ")";
        if (m_cfg.method == Method::Prefix)
            s << " less the " << m_cfg.prefix.numVirtualTokens << " prefix tokens";
        s << "; ALiBi itself has no length limit";
        m_log.emit(ojson{{"event", "warning"}, {"message", s.str()}});
    }
    // The engine's BLOOM layers apply no dropout: a config.json that asks for some trains without it.
    if (m.architecture == model::Architecture::Bloom && (m.hiddenDropout > 0 || m.attentionDropout > 0)) {
        std::ostringstream s;
        s << "the model's config.json sets hidden_dropout " << m.hiddenDropout << " and attention_dropout "
          << m.attentionDropout << "; this engine applies no dropout inside BLOOM's layers, so the run trains "
          << "without it (transformers would apply it)";
        m_log.emit(ojson{{"event", "warning"}, {"message", s.str()}});
    }
}

ojson Trainer::planEvent() const
{
    const ParameterPlan plan = parameterPlan(m_modelConfig, m_cfg);
    std::int64_t tokensPerEpoch = 0;
    for (const auto &e : m_train)
        tokensPerEpoch += static_cast<std::int64_t>(e.ids.size());
    return ojson{{"event", "plan"},
                 {"method", methodName(m_cfg.method)},
                 {"trainable_parameters", plan.trainable},
                 {"total_parameters", plan.baseParameters + plan.added},
                 {"share", plan.share},
                 {"formula", plan.formula},
                 {"train_examples", m_trainStats.examples},
                 {"eval_examples", m_evalStats.examples},
                 {"truncated", m_trainStats.truncated + m_evalStats.truncated},
                 {"dropped", m_trainStats.dropped + m_evalStats.dropped},
                 {"conversations", m_trainStats.conversations + m_evalStats.conversations},
                 {"turns_dropped", m_trainStats.turnsDropped + m_evalStats.turnsDropped},
                 {"split_records", m_trainStats.splitRecords + m_evalStats.splitRecords},
                 {"skipped_records", m_trainStats.skipped + m_evalStats.skipped},
                 {"skipped_error", m_trainStats.skipped > 0 ? m_trainStats.firstSkipped : m_evalStats.firstSkipped},
                 {"train_tokens", tokensPerEpoch},
                 {"response_tokens", m_trainStats.responseTokens},
                 {"total_steps", static_cast<std::int64_t>(m_steps.size())},
                 {"steps_per_epoch", m_stepsInEpoch.empty() ? 0 : m_stepsInEpoch[0]},
                 {"warmup_steps", m_schedule.warmupSteps},
                 {"context_budget", contextBudget(m_modelConfig, m_cfg)},
                 {"device", m_lm ? m_lm->device() : m_cfg.device},
                 {"dtype", m_lm ? m_lm->dtype() : m_precision.weights},
                 {"autocast_bf16", m_precision.autocast},
                 {"memory_estimate_bytes", estimateMemory(m_modelConfig, m_cfg).total()}};
}

double Trainer::evaluate()
{
    if (m_eval.empty())
        return std::nan("");
    torch::NoGradGuard noGrad;
    m_module->eval();
    // Sorted by length so padding stays small; one example per row.
    std::vector<std::int32_t> order(m_eval.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<std::int32_t>(i);
    std::stable_sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
        return m_eval[static_cast<std::size_t>(a)].ids.size() < m_eval[static_cast<std::size_t>(b)].ids.size();
    });
    double sum = 0;
    std::int64_t targets = 0;
    const torch::Device device = m_module->model->embed_tokens->weight.device();
    for (std::size_t i = 0; i < order.size(); i += static_cast<std::size_t>(m_cfg.batchSize)) {
        std::vector<Row> rows;
        for (std::size_t j = i; j < std::min(order.size(), i + static_cast<std::size_t>(m_cfg.batchSize)); ++j)
            rows.push_back(Row{{order[j]}, static_cast<std::int64_t>(m_eval[static_cast<std::size_t>(order[j])].ids.size())});
        const MicroBatch mb = buildBatch(rows, m_eval, device);
        if (mb.targets == 0)
            continue;
        sum += lossSum(*m_module, mb, m_precision.autocast).item<double>();
        targets += mb.targets;
    }
    m_module->train();
    return targets > 0 ? sum / double(targets) : std::nan("");
}

void Trainer::saveCheckpoint(std::int64_t step)
{
    const fs::path root = m_runDir / "checkpoints";
    const fs::path tmp = root / (".tmp-" + stepDirName(step));
    const fs::path dir = root / stepDirName(step);
    std::error_code ec;
    fs::remove_all(tmp, ec);
    fs::create_directories(tmp, ec);
    if (ec)
        throw Error("cannot create the checkpoint folder: " + ec.message(), {tmp.string(), 0, 0, -1, {}});
    saveTrainable(*m_module, (tmp / "trainable.safetensors").string());
    {
        torch::serialize::OutputArchive archive;
        m_optimizer->save(archive);
        archive.save_to((tmp / "optimizer.pt").string());
    }
    {
        torch::serialize::OutputArchive archive;
        archive.write("cpu", at::detail::getDefaultCPUGenerator().get_state());
        archive.save_to((tmp / "rng.pt").string());
    }
    const nlohmann::json state = {{"format", 1},
                                  {"step", step},
                                  {"epoch", m_steps[static_cast<std::size_t>(step - 1)].epoch},
                                  {"total_steps", static_cast<std::int64_t>(m_steps.size())},
                                  {"tokens_seen", m_tokensSeen},
                                  {"elapsed_s", m_elapsed},
                                  {"best_eval_loss", std::isfinite(m_bestEval) ? nlohmann::json(m_bestEval) : nlohmann::json()},
                                  {"best_step", m_bestStep},
                                  {"method", methodName(m_cfg.method)},
                                  {"seed", m_cfg.seed}};
    writeFileText((tmp / "state.json").string(), state.dump(2) + "\n");
    syncFolder(tmp);   // on disk before it becomes the checkpoint a resume trusts
    fs::remove_all(dir, ec);
    fs::rename(tmp, dir, ec);
    if (ec)
        throw Error("cannot move the checkpoint into place: " + ec.message(), {dir.string(), 0, 0, -1, {}});
    auto all = listCheckpoints(m_runDir);
    while (static_cast<int>(all.size()) > m_cfg.keepCheckpoints) {
        fs::remove_all(all.front().second, ec);
        all.erase(all.begin());
    }
    m_log.emit(ojson{{"event", "checkpoint"}, {"step", step}, {"path", "checkpoints/" + stepDirName(step)}});
}

std::int64_t Trainer::restore()
{
    const auto all = listCheckpoints(m_runDir);
    if (all.empty())
        throw Error("there is no checkpoint to resume from", {(m_runDir / "checkpoints").string(), 0, 0, -1, {}});
    // The newest checkpoint that loads (a crash of the machine may have left the newest one torn).
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        try {
            return restoreFrom(it->second);
        } catch (const std::exception &e) {
            if (std::next(it) == all.rend())
                throw;
            m_log.emit(ojson{{"event", "warning"},
                             {"message", std::string("checkpoint ") + it->second.filename().string()
                                             + " cannot be read, trying the one before: " + e.what()}});
        }
    }
    return 0;
}

std::int64_t Trainer::restoreFrom(const fs::path &dir)
{
    const nlohmann::json state = parseJsonDocument(readFileText((dir / "state.json").string(), "cannot open"), (dir / "state.json").string());
    const std::int64_t step = state.value("step", std::int64_t(0));
    if (step < 1 || step > static_cast<std::int64_t>(m_steps.size()))
        throw Error("the checkpoint's step does not fit this run's plan (was config.json or the data changed?)",
                    {(dir / "state.json").string(), 0, 0, -1, "step"});
    if (state.value("total_steps", std::int64_t(0)) != static_cast<std::int64_t>(m_steps.size()))
        throw Error("the run now plans " + std::to_string(m_steps.size()) + " steps, the checkpoint was written for "
                        + std::to_string(state.value("total_steps", std::int64_t(0)))
                        + ": config.json or the data changed since",
                    {(dir / "state.json").string(), 0, 0, -1, "total_steps"});
    loadTrainable(*m_module, (dir / "trainable.safetensors").string());
    {
        torch::serialize::InputArchive archive;
        archive.load_from((dir / "optimizer.pt").string());
        m_optimizer->load(archive);
    }
    {
        torch::serialize::InputArchive archive;
        archive.load_from((dir / "rng.pt").string());
        torch::Tensor rng;
        archive.read("cpu", rng);
        at::Generator gen = at::detail::getDefaultCPUGenerator();
        gen.set_state(rng);
    }
    m_tokensSeen = state.value("tokens_seen", std::int64_t(0));
    m_elapsed = state.value("elapsed_s", 0.0);
    if (state.contains("best_eval_loss") && state["best_eval_loss"].is_number()) {
        m_bestEval = state["best_eval_loss"].get<double>();
        m_bestStep = state.value("best_step", std::int64_t(0));
    }
    m_log.emit(ojson{{"event", "resumed"}, {"step", step}, {"checkpoint", "checkpoints/" + dir.filename().string()}});
    return step;
}

/** The trained result in a folder loadRunModel() and merge read: train_config.json + the weights. */
void Trainer::writeResultFolder(const fs::path &dir)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw Error("cannot create the output folder: " + ec.message(), {dir.string(), 0, 0, -1, {}});
    nlohmann::json cfg = m_cfg.toJson();
    cfg["base_model"] = fs::absolute(m_modelDir).lexically_normal().string();
    writeFileText((dir / "train_config.json").string(), cfg.dump(2) + "\n");
    if (m_cfg.method == Method::Full) {
        const bool training = m_module->is_training();
        m_module->eval();
        m_lm->save(dir.string());
        copyTokenizerFiles(m_modelDir, dir);
        m_module->train(training);
    } else {
        saveTrainable(*m_module, (dir / "trainable.safetensors").string());
    }
}

/** best/: the result at the lowest eval loss so far (written next to it, then swapped in). */
void Trainer::saveBest(std::int64_t step, double evalLoss)
{
    swapInFolder(m_runDir / "best", [&](const fs::path &tmp) {
        writeResultFolder(tmp);
        writeFileText((tmp / "best.json").string(), nlohmann::json{{"step", step}, {"eval_loss", evalLoss}}.dump(2) + "\n");
    });
}

void Trainer::writeOutputs()
{
    ojson outputs = ojson::object();
    swapInFolder(m_runDir / "final", [&](const fs::path &tmp) { writeResultFolder(tmp); });
    outputs["final"] = "final";
    if (m_bestStep > 0)
        outputs["best"] = "best";
    if (m_cfg.method == Method::Lora) {
        savePeftAdapter(*m_module, m_cfg.lora, (m_runDir / "adapter").string(), fs::absolute(m_modelDir).string());
        outputs["adapter"] = "adapter";
    } else if (m_cfg.method == Method::Prefix) {
        savePeftPrefix(*m_module, m_cfg, (m_runDir / "adapter").string(), fs::absolute(m_modelDir).string());
        outputs["adapter"] = "adapter";
    }
    m_log.emit(ojson{{"event", "finished"}, {"step", static_cast<std::int64_t>(m_steps.size())}, {"outputs", outputs}});
}

int Trainer::run()
{
    prepareData();
    warnAboutModel();
    if (m_opt.dryRun) {
        m_log.emit(planEvent());
        return TrainOk;
    }
    prepareModel();
    m_log.emit(planEvent());
    std::int64_t step = m_opt.resume ? restore() : 0;
    const auto total = static_cast<std::int64_t>(m_steps.size());
    const torch::Device device = m_module->model->embed_tokens->weight.device();
    const double maxNorm = m_cfg.maxGradNorm > 0 ? m_cfg.maxGradNorm : std::numeric_limits<double>::infinity();
    std::deque<double> recent;   // seconds of the last steps, for the ETA
    std::int64_t lastSaved = step;
    while (step < total) {
        if (g_stop) {
            if (lastSaved != step && step > 0)
                saveCheckpoint(step);
            m_log.emit(ojson{{"event", "stopped"}, {"step", step}, {"checkpoint", step > 0 ? "checkpoints/" + stepDirName(step) : ""}});
            return TrainOk;
        }
        const StepPlan &plan = m_steps[static_cast<std::size_t>(step)];
        ++step;
        // Dropout draws from generators reseeded from (seed, step): the same masks in a resumed run
        // (LibTorch seeds its default generator from /dev/urandom otherwise).
        torch::manual_seed(mix(m_cfg.seed, static_cast<std::uint64_t>(step)));
        const auto t0 = std::chrono::steady_clock::now();
        const double lr = m_schedule.at(step - 1);
        for (auto &g : m_optimizer->param_groups())
            static_cast<torch::optim::AdamWOptions &>(g.options()).lr(lr);
        std::vector<MicroBatch> batches;
        std::int64_t targets = 0, tokens = 0;
        for (const auto &rows : plan.microBatches) {
            batches.push_back(buildBatch(rows, m_train, device));
            targets += batches.back().targets;
            tokens += batches.back().tokens;
        }
        m_optimizer->zero_grad();
        double loss = 0;
        for (const MicroBatch &mb : batches) {
            if (mb.targets == 0)
                continue;
            const torch::Tensor l = lossSum(*m_module, mb, m_precision.autocast);
            (l / double(targets)).backward();
            loss += l.item<double>();
        }
        loss /= double(std::max<std::int64_t>(1, targets));
        if (!std::isfinite(loss)) {
            std::ostringstream why;
            why << "loss became " << (std::isnan(loss) ? "NaN" : "infinite") << " at step " << step << " (learning rate "
                << lr << "): lower the learning rate or enable gradient clipping; the last checkpoint is kept";
            m_log.emit(ojson{{"event", "failed"}, {"step", step}, {"reason", why.str()}});
            return TrainDiverged;
        }
        const double gradNorm = torch::nn::utils::clip_grad_norm_(m_params, maxNorm);
        if (!std::isfinite(gradNorm)) {
            std::ostringstream why;
            why << "gradient norm became " << (std::isnan(gradNorm) ? "NaN" : "infinite") << " at step " << step
                << " (learning rate " << lr << "): lower the learning rate; the last checkpoint is kept";
            m_log.emit(ojson{{"event", "failed"}, {"step", step}, {"reason", why.str()}});
            return TrainDiverged;
        }
        m_optimizer->step();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        m_elapsed += seconds;
        m_tokensSeen += tokens;
        recent.push_back(seconds);
        if (recent.size() > 20)
            recent.pop_front();
        double avg = 0;
        for (double s : recent)
            avg += s;
        avg /= double(recent.size());
        const std::int64_t inEpoch = step - m_epochStart[static_cast<std::size_t>(plan.epoch)];
        if (step % m_cfg.logEvery == 0 || step == total)
            m_log.emit(ojson{{"event", "step"},
                             {"step", step},
                             {"epoch", plan.epoch + double(inEpoch) / double(m_stepsInEpoch[static_cast<std::size_t>(plan.epoch)])},
                             {"loss", loss},
                             {"lr", lr},
                             {"grad_norm", gradNorm},
                             {"tokens", tokens},
                             {"target_tokens", targets},
                             {"tokens_per_s", seconds > 0 ? double(tokens) / seconds : 0.0},
                             {"memory_bytes", peakRss()},
                             {"elapsed_s", m_elapsed},
                             {"eta_s", avg * double(total - step)}});
        if (!m_eval.empty() && ((m_cfg.evalEvery > 0 && step % m_cfg.evalEvery == 0) || step == total)) {
            const double e = evaluate();
            const bool best = std::isfinite(e) && e < m_bestEval;
            if (best) {
                m_bestEval = e;
                m_bestStep = step;
                saveBest(step, e);
            }
            m_log.emit(ojson{{"event", "eval"},
                             {"step", step},
                             {"eval_loss", e},
                             {"eval_tokens", m_evalStats.responseTokens},
                             {"best", best}});
        }
        if ((m_cfg.saveEvery > 0 && step % m_cfg.saveEvery == 0) || step == total) {
            saveCheckpoint(step);
            lastSaved = step;
        }
        if (m_opt.stopAfterStep > 0 && step >= m_opt.stopAfterStep && step < total)
            g_stop = true;
    }
    writeOutputs();
    return TrainOk;
}

/** The live worker of this run other than this process (the pid in worker.pid), else 0. */
long liveWorker(const fs::path &runDir)
{
    const long pid = workerPid(runDir.string());
    return pid != static_cast<long>(::getpid()) && isWorkerProcess(pid, "sftbench-cli", runDir.string()) ? pid : 0;
}

/** worker.pid for the run's lifetime (the GUI tells running from interrupted runs by it). */
class PidFile
{
public:
    explicit PidFile(fs::path path) : m_path(std::move(path)) { writeFileText(m_path.string(), std::to_string(::getpid()) + "\n"); }
    ~PidFile()
    {
        std::error_code ec;
        fs::remove(m_path, ec);
    }

private:
    fs::path m_path;
};

} // namespace

void requestStop() { g_stop = true; }

std::string latestCheckpoint(const std::string &runDir)
{
    const auto all = listCheckpoints(runDir);
    return all.empty() ? std::string() : all.back().second.string();
}

int runTraining(const TrainRunOptions &options)
{
    const fs::path runDir(options.runDir);
    if (!fs::is_directory(runDir))
        throw Error("the run folder does not exist", {options.runDir, 0, 0, -1, {}});
    if (!fs::exists(runDir / "config.json"))
        throw Error("the run folder has no config.json", {options.runDir, 0, 0, -1, {}});
    if (!options.dryRun) {
        if (const long other = liveWorker(runDir))
            throw Error("another worker (pid " + std::to_string(other) + ") is running this run", {options.runDir, 0, 0, -1, {}});
        if (!options.resume && !listCheckpoints(runDir).empty())
            throw Error("this run already has checkpoints: resume it (--resume) or start a new run folder",
                        {options.runDir, 0, 0, -1, {}});
        // A fresh start after an attempt that left no checkpoint: its log is kept aside, not mixed in.
        std::error_code ec;
        const fs::path events = runDir / "events.jsonl";
        if (!options.resume && fs::exists(events) && fs::file_size(events, ec) > 0) {
            int n = 1;
            while (fs::exists(runDir / ("events.previous-" + std::to_string(n) + ".jsonl")))
                ++n;
            fs::rename(events, runDir / ("events.previous-" + std::to_string(n) + ".jsonl"), ec);
        }
    }
    EventLog log(options.dryRun ? fs::path() : runDir / "events.jsonl", options.echoStdout);
    std::unique_ptr<PidFile> pid;
    try {
        const std::string configFile = (runDir / "config.json").string();
        nlohmann::json config = parseJsonDocument(readFileText(configFile, "cannot open"), configFile);
        if (!options.dryRun) {
            pid = std::make_unique<PidFile>(runDir / kWorkerPidFile);
            log.emit(ojson{{"event", "started"}, {"pid", ::getpid()}, {"resume", options.resume}, {"config", config}});
        }
        Trainer trainer(options, log, std::move(config));
        return trainer.run();
    } catch (const Cancelled &) {
        throw;
    } catch (const c10::Error &e) {
        // LibTorch's message without its C++ backtrace.
        const std::string reason = e.what_without_backtrace();
        if (!options.dryRun)
            log.emit(ojson{{"event", "failed"}, {"reason", reason}});
        throw Error(reason);
    } catch (const std::exception &e) {
        if (!options.dryRun)
            log.emit(ojson{{"event", "failed"}, {"reason", e.what()}});
        throw;
    }
}

} // namespace sft::finetune
