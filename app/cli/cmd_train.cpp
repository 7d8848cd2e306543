// sftbench-cli train / merge: the fine-tuning worker (see finetune/trainer.h)
// and merging a LoRA run into a standalone model folder.

#include "cli/command.h"

#include "core/args.h"
#include "finetune/trainer.h"

#include <atomic>
#include <csignal>
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
        .flag("dry-run", "tokenize and plan, print the plan event, train nothing")
        .option("stop-after-step", "checkpoint and stop after this optimizer step, as on SIGTERM (resume later)", "0")
        .flag("quiet", "do not echo events on stdout (they still go to events.jsonl)");
    p.parse(args);
    if (p.helpRequested()) {
        std::cout << p.usage()
                  << "\nSIGTERM or SIGINT: finish the current step, write a checkpoint, exit 0.\n"
                     "Exit codes: 0 finished or stopped, 1 error, 3 the loss became NaN or infinite.\n";
        return 0;
    }
    finetune::TrainRunOptions o;
    o.runDir = p.required("run-dir");
    o.resume = p.isSet("resume");
    o.dryRun = p.isSet("dry-run");
    o.echoStdout = !p.isSet("quiet");
    o.stopAfterStep = p.integer("stop-after-step");
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
