// The training loop, and the start and end of a worker's run: the run folder's
// checks, worker.pid, the started / failed events. Under a launcher with a
// world size above 1 every rank runs this loop on its share of each step;
// the step's gradients and statistics are summed over the ranks, so every rank
// takes the same optimizer step, and rank 0 alone writes the run folder.

#include "finetune/trainer_private.h"

#include "core/json.h"
#include "core/progress.h"
#include "finetune/run_folder.h"
#include "finetune/shard.h"
#include "model/device_memory.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <sstream>

#include <signal.h>
#include <unistd.h>

namespace sft::finetune {

namespace {

std::atomic<bool> g_stop{false};

/** Seconds of one step's phases (a profiled step's). */
struct StepPhases
{
    double data = 0, forward = 0, backward = 0, optimizer = 0;
};

/**
 * The clock of one step. CUDA kernels run asynchronously, so on CUDA every reading first waits for the
 * device's queued work (else that work's time would land in a later reading, or in none); on the CPU a
 * reading is the time alone. Phase laps are taken only when the step is profiled: elsewhere they would
 * cost a synchronisation at every boundary.
 */
class StepClock
{
public:
    StepClock(std::string device, bool profiled) : m_device(std::move(device)), m_profiled(profiled)
    {
        m_start = m_last = now();
    }
    bool profiled() const { return m_profiled; }
    /** A profiled step: the seconds since the previous lap (or the start) are added to phase. */
    void lap(double &phase)
    {
        if (!m_profiled)
            return;
        const auto t = now();
        phase += std::chrono::duration<double>(t - m_last).count();
        m_last = t;
    }
    /** Seconds since the step started, its work on the device included. */
    double total() { return std::chrono::duration<double>(now() - m_start).count(); }

private:
    std::chrono::steady_clock::time_point now() const
    {
        model::synchronizeDevice(m_device);
        return std::chrono::steady_clock::now();
    }

    std::string m_device;
    bool m_profiled;
    std::chrono::steady_clock::time_point m_start, m_last;
};

} // namespace

namespace detail {

/** Test-only faults at the start of a step: this rank dies (SIGKILL) or is asked to stop (SIGTERM). */
void Trainer::testFaults(std::int64_t step) const
{
    auto at = [&](const char *stepVar, const char *rankVar) {
        const char *s = std::getenv(stepVar), *r = std::getenv(rankVar);
        return s && std::atoll(s) == step && (!r || std::atoi(r) == m_world.rank);
    };
    if (at("SFTBENCH_TEST_DIE_AT_STEP", "SFTBENCH_TEST_DIE_RANK"))
        ::raise(SIGKILL);
    if (at("SFTBENCH_TEST_SIGNAL_AT_STEP", "SFTBENCH_TEST_SIGNAL_RANK"))
        ::raise(SIGTERM);
}

/**
 * Gradient clipping on a norm every rank agrees on: the norm is computed as clip_grad_norm_ does, its
 * maximum over the ranks taken (they hold the same summed gradients; a machine with other kernels or
 * thread counts may round the norm differently, and replicas scaled by different factors would drift
 * apart), then the gradients scaled by max_norm / (norm + 1e-6) when that is below 1, as torch does.
 */
double Trainer::clipAgreed(double maxNorm, std::int64_t step)
{
    double norm = torch::nn::utils::clip_grad_norm_(m_params, std::numeric_limits<double>::infinity());
    torch::Tensor t = torch::tensor({norm}, torch::kFloat64).to(m_comm->device());
    m_comm->allReduceMax(t, "agreeing on the gradient norm of step " + std::to_string(step));
    norm = t.cpu().item<double>();
    const double coef = maxNorm / (norm + 1e-6);
    if (std::isfinite(norm) && coef < 1) {
        torch::NoGradGuard noGrad;
        for (torch::Tensor &p : m_params)
            if (p.grad().defined())
                p.mutable_grad().mul_(coef);
    }
    return norm;
}

/**
 * Before a checkpoint: every rank's trainable tensors must still be bit for bit rank 0's (the summed
 * gradients and the optimizer are the same everywhere, so they are unless something went wrong). A
 * checksum's bits are compared on every rank.
 */
void Trainer::checkReplicasAgree(std::int64_t step)
{
    if (!distributed())
        return;
    torch::NoGradGuard noGrad;
    double sum = 0, weighted = 0;
    for (std::size_t i = 0; i < m_params.size(); ++i) {
        const double s = m_params[i].to(torch::kFloat64).sum().item<double>();
        sum += s;
        weighted += s * double(i + 1);
    }
    if (!m_comm->sameOnEveryRank({bitsOf(sum), bitsOf(weighted)}, "comparing the replicas at step " + std::to_string(step)))
        throw Error("the processes' copies of the trained weights differ at step " + std::to_string(step)
                    + " (they must stay identical): the machines compute differently; the last checkpoint is kept");
}

int Trainer::run(bool resume)
{
    parseConfig();
    if (!m_opt.dryRun) {
        joinWorld();
        if (isMain())
            writeLaunchRecord(m_opt, resume, m_comm ? m_comm->backend() : "none");
    }
    prepareData();
    warnAboutModel();
    if (m_opt.dryRun) {
        m_log.emit(planEvent());
        return TrainOk;
    }
    prepareModel();
    checkRanksAgree();
    m_log.emit(planEvent());
    // Rank 0 alone decides whether to resume and from which checkpoint (the newest readable one): the
    // other ranks follow, so every rank issues the same collectives whatever its view of the folder.
    // A stop asked for while the model loaded travels along.
    std::int64_t step = 0;
    bool stopAgreed = false;   // data parallel: every rank stops after the same step
    if (resume && isMain())
        step = restore();
    if (distributed()) {
        torch::Tensor t = torch::tensor({std::int64_t(resume), step, std::int64_t(g_stop.load())}, torch::kInt64)
                              .to(m_comm->device());
        m_comm->broadcast(t, 0, "sharing the checkpoint to resume from");
        t = t.cpu();
        resume = t[0].item<std::int64_t>() != 0;
        step = t[1].item<std::int64_t>();
        stopAgreed = t[2].item<std::int64_t>() != 0;
        if (!isMain() && resume) {
            const fs::path dir = m_runDir / "checkpoints" / stepDirName(step);
            try {
                restoreFrom(dir);
            } catch (const std::exception &e) {
                throw Error("rank " + std::to_string(m_world.rank) + " cannot read the checkpoint rank 0 resumes from ("
                            + dir.string() + "): the run folder must be on storage every machine shares at the same "
                            "path. " + e.what());
            }
        }
    }
    const auto total = static_cast<std::int64_t>(m_steps.size());
    const torch::Device device = m_module->model->embed_tokens->weight.device();
    const std::string deviceName = m_lm->device();
    const int cudaIndex = model::cudaStatsAvailable() ? model::cudaDeviceIndex(deviceName) : -1;
    // --profile-steps: the steps after the first this process runs (which warms up the allocator and kernels).
    const std::int64_t firstStep = step + 1;
    const double maxNorm = m_cfg.maxGradNorm > 0 ? m_cfg.maxGradNorm : std::numeric_limits<double>::infinity();
    const int world = m_world.worldSize, rank = m_world.rank;
    std::deque<double> recent;   // seconds of the last steps, for the ETA
    std::int64_t lastSaved = step;
    // The other ranks leave once rank 0 has written its files. Rank 0's outputs are in place by then:
    // a rank lost at this point is a warning there, not a failed run.
    auto endOfRun = [&](const char *what) {
        if (!distributed())
            return;
        try {
            m_comm->barrier(what);
        } catch (const Error &e) {
            if (!isMain())
                throw;
            m_log.emit(ojson{{"event", "warning"}, {"message", std::string("the run's files are written, but ") + e.what()}});
        }
    };
    while (step < total) {
        if (distributed() ? stopAgreed : g_stop.load()) {
            if (isMain() && lastSaved != step && step > 0 && !m_opt.noSave)
                saveCheckpoint(step);
            m_log.emit(ojson{{"event", "stopped"}, {"step", step}, {"checkpoint", step > 0 && !m_opt.noSave ? "checkpoints/" + stepDirName(step) : ""}});
            endOfRun("the end of the stopped run");
            return TrainOk;
        }
        const StepPlan &plan = m_steps[static_cast<std::size_t>(step)];
        ++step;
        testFaults(step);
        // Dropout draws from generators reseeded from (seed, step[, rank]): the same masks in a resumed run
        // (LibTorch seeds its default generator from /dev/urandom otherwise).
        const std::uint64_t stepSeed = mix(m_cfg.seed, static_cast<std::uint64_t>(step));
        torch::manual_seed(distributed() ? mix(stepSeed, static_cast<std::uint64_t>(rank) + 1) : stepSeed);
        StepClock clock(deviceName, m_opt.profileSteps > 0 && step > firstStep && step <= firstStep + m_opt.profileSteps);
        StepPhases phases;
        const std::int64_t bytesBefore = distributed() ? m_comm->bytesReduced() : 0;
        const double lr = m_schedule.at(step - 1);
        for (auto &g : m_optimizer->param_groups())
            static_cast<torch::optim::AdamWOptions &>(g.options()).lr(lr);
        // This rank's rows of every micro-batch; the step's target and token counts are global.
        std::vector<MicroBatch> batches;
        std::int64_t targets = 0, tokens = 0;
        for (const auto &rows : plan.microBatches) {
            if (!distributed()) {
                batches.push_back(buildBatch(rows, m_train, device));
                targets += batches.back().targets;
                tokens += batches.back().tokens;
                continue;
            }
            targets += targetTokens(rows, m_train);
            for (const Row &r : rows)
                tokens += r.length;
            const std::vector<Row> mine = shardRows(rows, world, rank);
            if (!mine.empty())
                batches.push_back(buildBatch(mine, m_train, device));
        }
        clock.lap(phases.data);
        m_optimizer->zero_grad();
        clock.lap(phases.optimizer);
        std::ptrdiff_t last = -1;   // the last micro-batch this rank runs a backward pass for
        for (std::size_t i = 0; i < batches.size(); ++i)
            if (batches[i].targets > 0)
                last = static_cast<std::ptrdiff_t>(i);
        double loss = 0;
        for (std::size_t i = 0; i < batches.size(); ++i) {
            const MicroBatch &mb = batches[i];
            if (mb.targets == 0)
                continue;
            if (distributed() && static_cast<std::ptrdiff_t>(i) == last)
                m_sync->armForLastBackward(step);
            const torch::Tensor l = lossSum(*m_module, mb, m_precision.autocast);
            clock.lap(phases.forward);
            (l / double(targets)).backward();
            clock.lap(phases.backward);
            loss += l.item<double>();
        }
        if (distributed()) {
            m_sync->finish(step);
            // The loss sum and a stop request travel together: every rank decides the same.
            torch::Tensor stats = torch::tensor({loss, g_stop.load() ? 1.0 : 0.0}, torch::kFloat64).to(m_comm->device());
            m_comm->allReduceSum(stats, "the statistics all-reduce of step " + std::to_string(step));
            stats = stats.cpu();
            loss = stats[0].item<double>();
            stopAgreed = stats[1].item<double>() > 0;
        }
        clock.lap(phases.backward);   // data parallel: the gradient all-reduce's wait counts as backward
        loss /= double(std::max<std::int64_t>(1, targets));
        if (!std::isfinite(loss)) {
            std::ostringstream why;
            why << "loss became " << (std::isnan(loss) ? "NaN" : "infinite") << " at step " << step << " (learning rate "
                << lr << "): lower the learning rate or enable gradient clipping; the last checkpoint is kept";
            m_log.emit(ojson{{"event", "failed"}, {"step", step}, {"reason", why.str()}});
            return TrainDiverged;
        }
        const double gradNorm = distributed() ? clipAgreed(maxNorm, step) : torch::nn::utils::clip_grad_norm_(m_params, maxNorm);
        if (!std::isfinite(gradNorm)) {
            std::ostringstream why;
            why << "gradient norm became " << (std::isnan(gradNorm) ? "NaN" : "infinite") << " at step " << step
                << " (learning rate " << lr << "): lower the learning rate; the last checkpoint is kept";
            m_log.emit(ojson{{"event", "failed"}, {"step", step}, {"reason", why.str()}});
            return TrainDiverged;
        }
        m_optimizer->step();
        clock.lap(phases.optimizer);
        const double seconds = clock.total();
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
        if (step % m_cfg.logEvery == 0 || step == total) {
            ojson event{{"event", "step"},
                        {"step", step},
                        {"epoch", plan.epoch + double(inEpoch) / double(m_stepsInEpoch[static_cast<std::size_t>(plan.epoch)])},
                        {"loss", loss},
                        {"lr", lr},
                        {"grad_norm", gradNorm},
                        {"tokens", tokens},
                        {"target_tokens", targets},
                        {"tokens_per_s", seconds > 0 ? double(tokens) / seconds : 0.0},
                        {"memory_bytes", peakRss()},
                        {"allreduce_bytes", distributed() ? m_comm->bytesReduced() - bytesBefore : 0},
                        {"elapsed_s", m_elapsed},
                        {"eta_s", avg * double(total - step)}};
            // On CUDA: the caching allocator's peaks since the model was loaded (RSS misses GPU memory).
            if (cudaIndex >= 0) {
                event["cuda_memory_bytes"] = model::cudaPeakAllocatedBytes(cudaIndex);
                event["cuda_reserved_bytes"] = model::cudaPeakReservedBytes(cudaIndex);
            }
            m_log.emit(std::move(event));
        }
        if (clock.profiled())
            m_log.emit(ojson{{"event", "profile"},
                             {"step", step},
                             {"data_s", phases.data},
                             {"forward_s", phases.forward},
                             {"backward_s", phases.backward},
                             {"optimizer_s", phases.optimizer},
                             {"total_s", seconds}});
        if (!m_eval.empty() && ((m_cfg.evalEvery > 0 && step % m_cfg.evalEvery == 0) || step == total)) {
            const double e = evaluate();
            const bool best = std::isfinite(e) && e < m_bestEval;
            if (best) {
                m_bestEval = e;
                m_bestStep = step;
                if (isMain())
                    saveBest(step, e);
            }
            m_log.emit(ojson{{"event", "eval"},
                             {"step", step},
                             {"eval_loss", e},
                             {"eval_tokens", m_evalStats.responseTokens},
                             {"best", best}});
        }
        if (!m_opt.noSave && ((m_cfg.saveEvery > 0 && step % m_cfg.saveEvery == 0) || step == total)) {
            checkReplicasAgree(step);
            if (isMain())
                saveCheckpoint(step);
            lastSaved = step;
        }
        if (m_opt.stopAfterStep > 0 && step >= m_opt.stopAfterStep && step < total) {
            g_stop = true;
            stopAgreed = true;
        }
    }
    if (isMain())
        m_log.emit(ojson{{"event", "finished"}, {"step", total}, {"outputs", m_opt.noSave ? ojson::object() : writeOutputs()}});
    endOfRun("the end of the run");
    return TrainOk;
}

} // namespace detail

namespace {

using namespace detail;

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

/** True when the last line of the event log is a "failed" event of a loss or gradient norm that became NaN/inf. */
bool divergedLast(const fs::path &events)
{
    std::ifstream in(events, std::ios::binary);
    std::string line, last;
    while (std::getline(in, line))
        if (line.find_first_not_of(" \t\r") != std::string::npos)
            last = line;
    try {
        const nlohmann::json j = nlohmann::json::parse(last);
        return j.value("event", "") == "failed" && isDivergenceReason(j.value("reason", ""));
    } catch (const std::exception &) {
        return false;
    }
}

/**
 * After a failure of a data-parallel run, the process group is not torn down: its destructor would wait
 * for collectives a dead peer never completes (up to the timeout each); the process exits right after.
 */
void abandon(std::unique_ptr<Trainer> &trainer, const TrainRunOptions &options)
{
    if (options.world.distributed())
        static_cast<void>(trainer.release());
}

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
    const bool main = options.world.rank == 0;
    if (!fs::is_directory(runDir))
        throw Error("the run folder does not exist", {options.runDir, 0, 0, -1, {}});
    if (!fs::exists(runDir / "config.json"))
        throw Error("the run folder has no config.json", {options.runDir, 0, 0, -1, {}});
    // --auto-resume, and torchrun's restart of failed workers: continue where the checkpoints are.
    const bool hasCheckpoints = !listCheckpoints(runDir).empty();
    const bool resume = options.resume || ((options.autoResume || options.world.restartCount > 0) && hasCheckpoints);
    if (!options.dryRun) {
        if (const long other = main ? liveWorker(runDir) : 0)
            throw Error("another worker (pid " + std::to_string(other) + ") is running this run", {options.runDir, 0, 0, -1, {}});
        // Rank 0 decides about resuming for every rank (a stale view of a shared folder elsewhere does not count).
        if (main && !resume && hasCheckpoints)
            throw Error("this run already has checkpoints: resume it (--resume) or start a new run folder",
                        {options.runDir, 0, 0, -1, {}});
        // An automatic resume (requeued job, torchrun restart) of a run that diverged would diverge again.
        if (main && resume && !options.resume && divergedLast(runDir / "events.jsonl"))
            throw Error("the run's last attempt diverged (its loss or gradient norm became NaN or infinite): it is not "
                        "resumed automatically; lower the learning rate in a new run, or resume it with --resume",
                        {options.runDir, 0, 0, -1, {}});
        // A fresh start after an attempt that left no checkpoint: its log is kept aside, not mixed in.
        std::error_code ec;
        const fs::path events = runDir / "events.jsonl";
        if (main && !resume && fs::exists(events) && fs::file_size(events, ec) > 0) {
            int n = 1;
            while (fs::exists(runDir / ("events.previous-" + std::to_string(n) + ".jsonl")))
                ++n;
            fs::rename(events, runDir / ("events.previous-" + std::to_string(n) + ".jsonl"), ec);
        }
    }
    // Ranks other than 0 write nothing in the run folder and print no events.
    EventLog log(options.dryRun || !main ? fs::path() : runDir / "events.jsonl", options.echoStdout && main);
    std::unique_ptr<PidFile> pid;
    // Outside the try: the failed event is written while the trainer (and its process group) still exists.
    std::unique_ptr<Trainer> trainer;
    try {
        const std::string configFile = (runDir / "config.json").string();
        nlohmann::json config = parseJsonDocument(readFileText(configFile, "cannot open"), configFile);
        if (!options.dryRun && main) {
            pid = std::make_unique<PidFile>(runDir / kWorkerPidFile);
            log.emit(ojson{{"event", "started"},
                           {"pid", ::getpid()},
                           {"resume", resume},
                           {"world_size", options.world.worldSize},
                           {"launcher", distributed::launcherName(options.world.launcher)},
                           {"config", config}});
        }
        trainer = std::make_unique<Trainer>(options, log, std::move(config));
        return trainer->run(resume);
    } catch (const Cancelled &) {
        throw;
    } catch (const c10::Error &e) {
        // LibTorch's message without its C++ backtrace.
        const std::string reason = e.what_without_backtrace();
        if (!options.dryRun)
            log.emit(ojson{{"event", "failed"}, {"reason", reason}});
        abandon(trainer, options);
        throw Error(reason);
    } catch (const std::exception &e) {
        if (!options.dryRun)
            log.emit(ojson{{"event", "failed"}, {"reason", e.what()}});
        abandon(trainer, options);
        throw;
    }
}

} // namespace sft::finetune
