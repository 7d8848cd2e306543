// sftbench-cli train / merge: the fine-tuning worker (see finetune/trainer.h)
// and merging a LoRA run into a standalone model folder.

#include "cli/command.h"

#include "core/args.h"
#include "core/error.h"
#include "distributed/world.h"
#include "finetune/trainer.h"

#include <atomic>
#include <csignal>
#include <filesystem>
#include <cstdlib>
#include <iostream>

namespace sft::cli {

namespace {

std::atomic<int> g_signals{0};

// First signal: checkpoint and stop after the step. Second: leave now (async-signal-safe _Exit).
extern "C" void onStopSignal(int)
{
    if (g_signals.fetch_add(1) > 0)
        std::_Exit(130);
    finetune::requestStop();
}

} // namespace

int runTrain(const Args &args)
{
    ArgParser p("train");
    p.option("run-dir", "run folder holding config.json (events.jsonl, checkpoints/ and outputs are written there)")
        .flag("resume", "continue from the newest checkpoint: weights, optimizer, RNG and data position")
        .option("base-model", "use this model folder instead of config.json's base_model (the same model at another "
                "path, e.g. on a cluster's shared storage)")
        .flag("auto-resume", "resume when the run has a checkpoint, else start fresh (cluster jobs that may be requeued)")
        .flag("dry-run", "tokenize and plan, print the plan event, train nothing")
        .option("stop-after-step", "checkpoint and stop after this optimizer step, as on SIGTERM (resume later)", "0")
        .option("profile-steps", "time the phases (data, forward, backward, optimizer) of this many steps after the "
                "first, with a device synchronize at each boundary: one \"profile\" event per step", "0")
        .flag("no-save", "benchmarks: write no checkpoint and no result (final/, adapter/); the run can be neither "
                         "resumed nor used")
        .flag("quiet", "do not echo events on stdout (they still go to events.jsonl)")
        .option("collective-timeout", "data parallel: seconds the rendezvous and each collective may wait for the "
                "other processes before the run fails (longer than rank 0's longest checkpoint save)", "1800")
        .option("bucket-mb", "data parallel: gradient all-reduce bucket size in MiB", "25")
        .flag("no-overlap", "data parallel: all-reduce the gradients after the backward pass, not during it");
    p.parse(args);
    if (p.helpRequested()) {
        std::cout << p.usage()
                  << "\nSIGTERM or SIGINT: finish the current step, write a checkpoint, exit 0.\n"
                     "Exit codes: 0 finished or stopped, 1 error, 3 the loss became NaN or infinite.\n"
                     "\nData parallel: started by torchrun (torchrun --nproc_per_node P --no_python sftbench-cli train\n"
                     "--run-dir RUN) or Slurm's srun, or with RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE,\n"
                     "MASTER_ADDR and MASTER_PORT set, every process takes a share of each step's rows (Gloo on the\n"
                     "CPU, NCCL on CUDA); the result equals one process (without LoRA dropout: each process draws its\n"
                     "own masks). Rank 0 alone writes the run folder.\n";
        return 0;
    }
    finetune::TrainRunOptions o;
    o.runDir = p.required("run-dir");
    o.resume = p.isSet("resume");
    o.dryRun = p.isSet("dry-run");
    o.echoStdout = !p.isSet("quiet");
    o.stopAfterStep = p.integer("stop-after-step");
    o.noSave = p.isSet("no-save");
    o.profileSteps = p.integer("profile-steps");
    if (o.profileSteps < 0)
        throw Error("--profile-steps must be >= 0");
    o.autoResume = p.isSet("auto-resume");
    if (p.has("base-model"))
        o.baseModel = p.value("base-model");
    if (o.resume && o.autoResume)
        throw Error("--resume and --auto-resume: give one of them");
    const std::int64_t timeout = p.integer("collective-timeout");
    if (timeout < 1 || timeout > 7 * 24 * 3600)
        throw Error("--collective-timeout must be between 1 and 604800 seconds");
    o.collectiveTimeout = std::chrono::seconds(timeout);
    const std::int64_t bucketMb = p.integer("bucket-mb");
    if (bucketMb < 1 || bucketMb > 4096)
        throw Error("--bucket-mb must be between 1 and 4096");
    o.bucketBytes = bucketMb << 20;
    o.overlap = !p.isSet("no-overlap");
    o.world = distributed::worldFromEnvironment();
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    o.commandLine = {ec ? std::string("sftbench-cli") : exe.string(), "train"};
    o.commandLine.insert(o.commandLine.end(), args.begin(), args.end());
    std::signal(SIGTERM, onStopSignal);
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGPIPE, SIG_IGN);   // a closed stdout (| head) must not kill the run: events.jsonl still gets them
    return finetune::runTraining(o);
}

int runMerge(const Args &args)
{
    ArgParser p("merge");
    p.option("run-dir", "a LoRA (or full fine-tuning) run folder, its final/ or one of its checkpoints")
        .option("out", "output model folder (config.json, model.safetensors, tokenizer files)")
        .option("dtype", "auto (the base model's), fp32, bf16 or fp16", "auto");
    p.parse(args);
    if (p.helpRequested()) {
        std::cout << p.usage();
        return 0;
    }
    const std::string out = p.required("out");
    finetune::mergeRun(p.required("run-dir"), out, p.value("dtype"));
    std::cout << "wrote merged model to " << out << '\n';
    return 0;
}

} // namespace sft::cli
