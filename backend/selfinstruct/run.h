#pragma once
// The Self-Instruct loop (Wang et al. 2022) over a run folder, Qt-free:
//  1. a request shows 8 instructions (6 seeds + 2 kept ones, task_sampler.h)
//     and the model continues the numbered list;
//  2. each new instruction is first checked against the pool (ROUGE-L below
//     the threshold, pool_index.h) and the instruction rules of the filter
//     set; survivors get a classification request (few-shot from the seeds'
//     own flags) and then an instance request, output-first for
//     classification tasks, input-first for the others;
//  3. a task is decided in candidate order: ROUGE-L against the pool as it is
//     then, the instruction rules, then every instance through the record
//     rules (output equal to input, repetition, ...), duplicates dropped; a
//     task none of whose instances pass is rejected. Kept tasks join the pool.
//  4. repeat until the target, a request or token budget, or the model stops
//     producing new instructions ("exhausted").
// The Alpaca mode asks for a batch of complete tasks per request instead.
//
// Up to backend.concurrency() requests are in flight, each on its own worker
// thread; every decision, file append and event happens under one lock.
// The run folder (see the worker protocol): config.json, seeds.jsonl,
// events.jsonl (every event), requests.jsonl (one line per completed request,
// with what was parsed from it), candidates.jsonl (one line per decided
// candidate), worker.pid while running. Each line is appended with one write
// and the files are replayed on start, so a killed run loses only its
// requests in flight: instructions parsed but not decided are picked up again
// at the step they had reached.

#include "openai/completion.h"
#include "selfinstruct/parse.h"
#include "selfinstruct/run_config.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sft::selfinstruct {

/** A kept task, as landed in a workspace. */
struct KeptTask
{
    std::int64_t id = 0;              ///< candidate id
    std::string instruction;
    bool isClassification = false;
    std::vector<Instance> instances;  ///< the instances that passed the filters (at least one)
};

/**
 * A worker's claim on a run folder: an exclusive flock() on DIR/worker.lock
 * (one worker per folder; the kernel drops it when the process dies, so a
 * stale file never blocks) and DIR/worker.pid, removed again when the claim
 * ends. The CLI takes it before it loads the model, so a GUI opened while a
 * local model loads already sees the worker and can stop it. Throws
 * sft::Error when another worker holds the folder.
 */
class RunClaim
{
public:
    explicit RunClaim(const std::string &runDir);
    ~RunClaim();
    RunClaim(const RunClaim &) = delete;
    RunClaim &operator=(const RunClaim &) = delete;

private:
    int m_fd = -1;
    std::string m_pidFile;
};

struct RunOptions
{
    std::string runDir;
    /** The folder's claim when the caller took it already (else the Run takes its own). */
    const RunClaim *claim = nullptr;
    /** Set (by SIGTERM, the GUI's Stop) to stop: requests in flight are abandoned, "done" says "stopped". */
    const std::atomic<bool> *stop = nullptr;
    /** Each event as it is appended to events.jsonl (the CLI prints it); called under the run's lock. */
    std::function<void(const nlohmann::json &)> onEvent;
    /**
     * Each kept task, in decision order, after its line is in candidates.jsonl; called on the thread
     * that called run() (where a workspace connection lives), shortly after the decision. A throw
     * ends the run with an error.
     */
    std::function<void(const KeptTask &)> onKept;
};

/** How a run ended. */
struct RunResult
{
    std::string reason;   ///< target | max_requests | max_tokens | exhausted | stopped
    std::int64_t kept = 0;
    std::int64_t requests = 0;
};

class Run
{
public:
    /**
     * Opens a prepared run folder (config.json, the seeds) and replays its
     * files. Throws sft::Error when they cannot be read or another worker is
     * running the folder.
     */
    Run(RunOptions options, openai::CompletionBackend &backend);
    ~Run();
    Run(const Run &) = delete;
    Run &operator=(const Run &) = delete;

    const RunConfig &config() const;
    /** Every kept task so far (after the replay: those of earlier sessions). */
    std::vector<KeptTask> keptTasks() const;
    /** True when the folder had requests or candidates before this session. */
    bool resumed() const;

    /**
     * Runs until the target, a budget, exhaustion or the stop flag; emits
     * start, request, retry, candidate, progress and done events. A request
     * that fails for good (after the backend's retries) emits an "error" event
     * and throws sft::Error; the run can be resumed later.
     */
    RunResult run();

    /** For the backend's retry callback: a "retry" event for the request the calling thread is making. */
    void reportRetry(int attempt, double waitS, int status, const std::string &message);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

/** The run folder's name, as used in workspace record sources ("self-instruct:<name>#<candidate id>"). */
std::string runName(const std::string &runDir);

} // namespace sft::selfinstruct
