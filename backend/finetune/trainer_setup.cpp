// The trainer's preparation: the config, the process group of a data-parallel
// run, the data and its plan, the model with its method, the plan event,
// evaluation, and the tensors of a micro-batch.

#include "finetune/trainer_private.h"

#include "core/json.h"
#include "data/formats.h"
#include "data/split.h"
#include "finetune/methods.h"
#include "finetune/plan.h"
#include "finetune/run_model_files.h"
#include "finetune/shard.h"
#include "model/autocast_compat.h"
#include "model/device_memory.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <thread>
#include <sstream>

namespace sft::finetune::detail {

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

void Trainer::parseConfig()
{
    m_cfg = TrainConfig::fromJson(m_configJson, (m_runDir / "config.json").string());
    if (!m_opt.baseModel.empty())
        m_cfg.baseModel = fs::absolute(m_opt.baseModel).lexically_normal().string();
    m_device = m_cfg.device;
    m_precision = resolvePrecision(m_cfg.precision, m_cfg.device);
}

void Trainer::joinWorld()
{
    if (!m_world.distributed())
        return;
    // Each rank takes its own GPU (its rank on the machine) on CUDA, the CPU otherwise.
    const bool cuda = m_cfg.device.rfind("cuda", 0) == 0 || (m_cfg.device == "auto" && torch::cuda::is_available());
    if (cuda) {
        // One visible GPU (Slurm's per-task binding, CUDA_VISIBLE_DEVICES per rank): it is this rank's.
        const auto visible = static_cast<int>(torch::cuda::device_count());
        if (visible > 1 && m_world.localRank >= visible)
            throw Error("rank " + std::to_string(m_world.rank) + " has local rank " + std::to_string(m_world.localRank)
                        + " but this machine shows " + std::to_string(visible)
                        + " GPUs: start at most one process per GPU on each machine");
        const std::string own = "cuda:" + std::to_string(visible == 1 ? 0 : m_world.localRank);
        if (m_cfg.device.rfind("cuda:", 0) == 0 && m_cfg.device != own && isMain())
            m_log.emit(ojson{{"event", "warning"},
                             {"message", "device " + m_cfg.device + " is not used under a launcher: every process takes "
                                             "the GPU of its local rank (" + own + " on rank 0)"}});
        m_device = own;
    } else {
        m_device = "cpu";
    }
    m_comm = std::make_unique<distributed::Collective>(m_world, torch::Device(m_device), m_opt.collectiveTimeout);
}

void Trainer::prepareData()
{
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
}

void Trainer::prepareModel()
{
    model::LoadOptions lo;
    lo.device = m_device;
    lo.dtype = m_precision.weights;
    lo.ropeFactor = m_cfg.ropeFactor;
    // oneDNN bf16 kernels use LibTorch's threads: every core, or its share when several ranks share the machine
    // (fp32 keeps the engine's policy: the BLAS threads follow OMP_NUM_THREADS / OPENBLAS_NUM_THREADS).
    if (m_precision.autocast || m_precision.weights != "fp32") {
        if (distributed() && m_world.localWorldSize > 1 && !std::getenv("SFTBENCH_THREADS"))
            model::LanguageModel::setThreads(
                std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / m_world.localWorldSize));
        else
            model::LanguageModel::initThreads();
    }
    m_lm = model::LanguageModel::load(m_modelDir.string(), lo);
    m_module = m_lm->module();
    // The step events' CUDA peaks count from here: the run's own, not what loading needed on the way.
    model::resetCudaPeaks(model::cudaDeviceIndex(m_lm->device()));
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
    if (distributed())
        m_sync = std::make_unique<distributed::GradientSync>(*m_comm, m_params, m_opt.bucketBytes, m_opt.overlap);
}

/**
 * Every rank must train the same plan: a machine with another copy of the data, another config.json or
 * another base model would silently train something else. The counts are compared on every rank; then rank 0's trainable tensors are given to every rank (as DDP does at its start).
 */
void Trainer::checkRanksAgree()
{
    if (!distributed())
        return;
    // The plan's rows in order, mixed into one number: the same data and order everywhere.
    std::uint64_t order = 0x9E3779B97F4A7C15ull;
    for (const StepPlan &step : m_steps)
        for (const auto &rows : step.microBatches)
            for (const Row &row : rows)
                for (const std::int32_t e : row.examples)
                    order = mix(order, static_cast<std::uint64_t>(e) + 1);
    // A frozen tensor's checksum: the same base weights everywhere (another copy of the model is another run).
    const double embed = m_module->model->embed_tokens->weight.to(torch::kFloat64).sum().item<double>();
    // What decides the sequence of collectives too: every rank must issue the same ones.
    const std::vector<std::int64_t> mine = {static_cast<std::int64_t>(m_steps.size()), m_trainStats.tokens,
                                            static_cast<std::int64_t>(m_eval.size()),
                                            parameterPlan(m_modelConfig, m_cfg).trainable, m_modelConfig.vocabSize,
                                            static_cast<std::int64_t>(order), bitsOf(embed), m_sync->bucketCount(), m_sync->bytesPerStep(),
                                            std::int64_t(m_opt.overlap), m_opt.stopAfterStep, m_cfg.evalEvery,
                                            m_cfg.saveEvery, m_cfg.logEvery};
    if (!m_comm->sameOnEveryRank(mine, "comparing the ranks' plans")) {
        std::ostringstream s;
        s << "the processes of this run disagree on its plan (rank " << m_world.rank << ": " << mine[0] << " steps, "
          << mine[1] << " training tokens, " << mine[2] << " evaluation examples, " << mine[3]
          << " trainable parameters, " << mine[7] << " gradient buckets): every machine must see the same "
             "config.json, data files and base model, and every process get the same options (--bucket-mb, "
             "--no-overlap, --stop-after-step)";
        throw Error(s.str());
    }
    torch::NoGradGuard noGrad;
    for (torch::Tensor &p : m_params) {
        torch::Tensor t = p.detach();
        m_comm->broadcast(t, 0, "sharing rank 0's starting weights");
    }
}

/** Warning events for what this run does differently from what its settings or the model's config.json say. */
void Trainer::warnAboutModel()
{
    // Dropout masks are drawn per process: equal to one process only without dropout.
    if (m_world.distributed() && m_cfg.method == Method::Lora && m_cfg.lora.dropout > 0)
        m_log.emit(ojson{{"event", "warning"},
                         {"message", "lora.dropout is " + std::to_string(m_cfg.lora.dropout)
                                         + ": every process draws its own dropout masks, so this run is statistically "
                                           "the same as one process but not equal to it, and its numbers depend on the "
                                           "number of processes (set lora.dropout 0 for runs that must match exactly)"}});
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
    // A rank's share of every micro-batch: what its memory holds.
    const int world = std::max(1, m_world.worldSize);
    TrainConfig perRank = m_cfg;
    perRank.batchSize = (m_cfg.batchSize + world - 1) / world;
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
                 // Data parallel adds the gradient buckets: one more copy of the trainable gradients.
                 {"memory_estimate_bytes", estimateMemory(m_modelConfig, perRank).total()
                                               + (world > 1 ? plan.trainable * 4 : 0)},
                 {"world_size", world},
                 {"global_batch_rows", std::int64_t(m_cfg.batchSize) * m_cfg.gradAccumulation},
                 {"rows_per_rank", std::int64_t(perRank.batchSize) * m_cfg.gradAccumulation},
                 {"backend", m_comm ? m_comm->backend() : std::string("none")},
                 {"gradient_buckets", m_sync ? m_sync->bucketCount() : 0},
                 {"allreduce_bytes_per_step", m_sync ? m_sync->bytesPerStep() : std::int64_t(0)}};
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
    // Data parallel: the batches are dealt round-robin, the sums added up over the ranks.
    const auto world = static_cast<std::size_t>(std::max(1, m_world.worldSize));
    const auto rank = static_cast<std::size_t>(m_world.rank);
    std::size_t batch = 0;
    for (std::size_t i = 0; i < order.size(); i += static_cast<std::size_t>(m_cfg.batchSize)) {
        if (distributed() && batch++ % world != rank)
            continue;
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
    if (distributed()) {
        torch::Tensor t = torch::tensor({sum, double(targets)}, torch::kFloat64).to(m_comm->device());
        m_comm->allReduceSum(t, "the evaluation all-reduce");
        t = t.cpu();
        sum = t[0].item<double>();
        targets = static_cast<std::int64_t>(std::llround(t[1].item<double>()));
    }
    return targets > 0 ? sum / double(targets) : std::nan("");
}

} // namespace sft::finetune::detail
