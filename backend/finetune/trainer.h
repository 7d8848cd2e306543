#pragma once
// The fine-tuning worker behind `sftbench-cli train` (Qt-free, torch-free
// interface): reads <run dir>/config.json, trains, and appends one JSON object
// per line to <run dir>/events.jsonl (also echoed on stdout). The protocol
// (events, checkpoints, outputs) is documented in README.md ("Fine-tuning runs").
//
// Checkpoints hold the trainable tensors, the AdamW state and the CPU RNG state;
// the data order and the learning rate are functions of the step (seeded
// shuffles, the schedule), so a resumed run continues the same curve: on the CPU
// bit for bit.

#include "distributed/world.h"
#include "finetune/train_config.h"
#include "model/language_model.h"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace sft::finetune {

struct TrainRunOptions
{
    std::string runDir;
    bool resume = false;     ///< continue from the newest checkpoint
    bool dryRun = false;     ///< tokenize, plan, print the "plan" event, exit
    bool echoStdout = true;  ///< also print every event on stdout
    std::int64_t stopAfterStep = 0; ///< > 0: checkpoint and stop after this step, as on SIGTERM (time-boxing, tests)
    /**
     * > 0: profile this many steps after the first one this process runs (steps 2..N+1 of a fresh run; the
     * first warms up the allocator and the kernels): the device is synchronised at each phase boundary and
     * a "profile" event gives the seconds of data, forward (with the loss), backward and optimizer (clipping,
     * AdamW, zero_grad) beside the step's total. Profiled steps run slower than the others.
     */
    std::int64_t profileSteps = 0;
    /**
     * Benchmarks: write no checkpoint and no result (final/, adapter/), so a large model's multi-gigabyte
     * optimizer state and weights are not written just to be deleted. The run can be neither resumed nor used.
     */
    bool noSave = false;
    /** Resume when the run has a checkpoint, else start fresh (requeued cluster jobs; torchrun restarts imply it). */
    bool autoResume = false;
    /** Non-empty: the base model folder instead of config.json's (the same model at another path). */
    std::string baseModel;
    /**
     * Where this process stands in a data-parallel run (the CLI reads it from the launcher's
     * environment): with a world size above 1 every rank joins a c10d process group, takes its
     * share of each step's rows, and rank 0 alone writes the run folder.
     */
    distributed::WorldInfo world;
    std::chrono::milliseconds collectiveTimeout{std::chrono::minutes(30)}; ///< rendezvous and every collective
    std::int64_t bucketBytes = 25ll << 20;   ///< gradient all-reduce bucket size
    bool overlap = true;                     ///< all-reduce buckets during the last backward pass
    std::vector<std::string> commandLine;    ///< the worker's argv, recorded in launch.json
};

/** Exit codes of runTraining (and of `sftbench-cli train`). */
enum TrainExit { TrainOk = 0, TrainError = 1, TrainDiverged = 3 };

/**
 * Run (or resume) the training of a run directory. Returns TrainOk when it
 * finished or was stopped (requestStop), TrainDiverged when the loss became
 * NaN/inf. Errors (bad config, data, model) are written as a "failed" event
 * when the run directory is usable, then thrown as sft::Error.
 */
int runTraining(const TrainRunOptions &options);

/** Ask a running training to checkpoint and stop after the current step (async-signal-safe). */
void requestStop();

/** The newest checkpoint folder of a run ("" when none). */
std::string latestCheckpoint(const std::string &runDir);

/**
 * A base model with a run's fine-tuning applied, for generation: dir is a run
 * folder (its final weights, else its newest checkpoint), a checkpoint folder or
 * a run's final/ folder. The run's RoPE factor is applied. Throws sft::Error.
 */
struct RunModel
{
    std::unique_ptr<model::LanguageModel> model;
    TrainConfig config;
    std::string weights;  ///< the .safetensors file the trained tensors came from
};
RunModel loadRunModel(const std::string &dir, model::LoadOptions options = {});

/**
 * LoRA (or full fine-tuning) result as a standalone HF model folder: the LoRA
 * update merged into the base weights (W += scale·B·A), config.json (with the
 * run's RoPE scaling), model.safetensors and the tokenizer files. Adapters and
 * prefixes cannot be merged (sft::Error says why).
 */
void mergeRun(const std::string &dir, const std::string &outDir, const std::string &dtype = "auto");

/** Where a run's result lies, found without loading a model. */
struct RunLocation
{
    TrainConfig config;   ///< the run's config, base_model resolved against the file it came from
    std::string weights;  ///< the trained tensors (trainable.safetensors, or a full run's model.safetensors)
    std::string runDir;   ///< the run folder the result belongs to
    bool final = false;   ///< the run's final outputs (final/), not a checkpoint
};

/**
 * dir as for loadRunModel (a run folder: its final/, else its newest checkpoint; a final/ or a
 * checkpoint folder). Throws sft::Error when it is none of them or the run has no result yet.
 */
RunLocation locateRun(const std::string &dir);

/**
 * The model config a run's result has (what mergeRun writes as config.json, without loading the
 * model): a full run's saved config.json, else its base model's with the run's RoPE factor applied
 * as loadRunModel applies it. Throws sft::Error.
 */
model::ModelConfig runModelConfig(const RunLocation &run);

} // namespace sft::finetune
