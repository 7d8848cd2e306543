#pragma once
// The trainer's parts shared by its files: trainer.cpp (the loop, the run's
// start and end), trainer_setup.cpp (data, model, plan, evaluation, batches)
// and trainer_state.cpp (checkpoints, resume, outputs, launch.json). Internal
// to the fine-tuning library.

#include "core/error.h"
#include "core/file_io.h"
#include "distributed/collective.h"
#include "distributed/grad_sync.h"
#include "distributed/world.h"
#include "finetune/lr_schedule.h"
#include "finetune/sft_dataset.h"
#include "finetune/train_config.h"
#include "finetune/trainer.h"
#include "model/language_model_private.h"
#include "tokenizer/model_tokenizer.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sft::finetune::detail {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

/** The current UTC time, ISO 8601 to the second. */
std::string isoNow();
/** Peak resident set size (VmHWM) in bytes, 0 where /proc is missing. */
std::int64_t peakRss();

/**
 * The run's event stream: events.jsonl (appended, flushed per line) and stdout. Ranks other
 * than 0 of a data-parallel run get one with neither (their events are rank 0's).
 */
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

ResolvedPrecision resolvePrecision(const std::string &precision, const std::string &device);

/** One micro-batch as tensors on the device. */
struct MicroBatch
{
    torch::Tensor ids, mask, positions, structure, labels;
    std::int64_t tokens = 0;   ///< real (non-padding) tokens
    std::int64_t targets = 0;  ///< tokens that count in the loss
};

MicroBatch buildBatch(const std::vector<Row> &rows, const std::vector<SftExample> &examples, torch::Device device);
/** Summed cross-entropy (fp32) over the batch's target tokens. */
torch::Tensor lossSum(model::CausalLMImpl &m, const MicroBatch &mb, bool autocastOn);

/** "step-00000012". */
std::string stepDirName(std::int64_t step);
/** The run's checkpoints (those with a state.json), oldest first. */
std::vector<std::pair<std::int64_t, fs::path>> listCheckpoints(const fs::path &runDir);
/** fsync every file of a folder and the folder itself (best effort: a failure only weakens durability). */
void syncFolder(const fs::path &dir);
/**
 * Write a folder next to its place, then swap it in: readers see the old folder or the new one,
 * never a half-written one (the old one is moved aside first and removed last).
 */
void swapInFolder(const fs::path &dir, const std::function<void(const fs::path &)> &write);
/**
 * launch.json in the run folder (rank 0, at every start, once the process group exists): the
 * world size, the launcher, the process group's backend ("none" alone), the worker's and the
 * launcher's command lines, and every start of the run so far.
 */
void writeLaunchRecord(const TrainRunOptions &options, bool resume, const std::string &backend);
/** A double's bits as an integer: what "the same on every rank" compares (bit for bit). */
inline std::int64_t bitsOf(double value)
{
    std::int64_t bits = 0;
    std::memcpy(&bits, &value, sizeof value);
    return bits;
}
/** A seed for (a, b): the b-th splitmix64 output of a stream seeded with a. */
std::uint64_t mix(std::uint64_t a, std::uint64_t b);

class Trainer
{
public:
    /** config: the parsed config.json of the run folder; world: where this process stands. */
    Trainer(const TrainRunOptions &o, EventLog &log, nlohmann::json config)
        : m_opt(o), m_runDir(o.runDir), m_log(log), m_configJson(std::move(config)), m_world(o.world)
    {
    }
    /** resume: continue from the newest checkpoint (every rank from the one rank 0 chose). */
    int run(bool resume);

private:
    // trainer_setup.cpp
    void parseConfig();
    void joinWorld();
    void prepareData();
    void prepareModel();
    void checkRanksAgree();
    ojson planEvent() const;
    void warnAboutModel();
    double evaluate();
    // trainer_state.cpp
    void saveCheckpoint(std::int64_t step);
    std::int64_t restore();
    std::int64_t restoreFrom(const fs::path &dir);
    ojson writeOutputs();   ///< final/, best/, adapter/: the "finished" event's outputs
    void saveBest(std::int64_t step, double evalLoss);
    void writeResultFolder(const fs::path &dir);
    // trainer.cpp
    void testFaults(std::int64_t step) const;
    double clipAgreed(double maxNorm, std::int64_t step);
    void checkReplicasAgree(std::int64_t step);

    bool isMain() const { return m_world.rank == 0; }
    bool distributed() const { return m_comm != nullptr; }

    TrainRunOptions m_opt;
    fs::path m_runDir;
    EventLog &m_log;
    TrainConfig m_cfg;
    fs::path m_modelDir;
    model::ModelConfig m_modelConfig;
    ResolvedPrecision m_precision;
    std::string m_device;     ///< what the model loads on (a rank's own GPU under a launcher)
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
    // Data parallel (absent in a single process)
    distributed::WorldInfo m_world;
    std::unique_ptr<distributed::Collective> m_comm;
    std::unique_ptr<distributed::GradientSync> m_sync;
};

} // namespace sft::finetune::detail
