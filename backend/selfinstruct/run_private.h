#pragma once
// The state behind Run (internal header): the run's configuration and
// seeds, the pool and the sampler, the undecided candidates in id order, the
// counters, the lock that guards all of them and the three files appended to.
// Its functions live by role: opening the folder and replaying its files in
// run_replay.cpp, choosing, sending and deciding requests in
// run_requests.cpp, the worker thread and the public Run in run.cpp.

#include "selfinstruct/pool_index.h"
#include "selfinstruct/prompts.h"
#include "selfinstruct/run.h"
#include "selfinstruct/run_files.h"
#include "selfinstruct/seeds.h"
#include "selfinstruct/task_sampler.h"

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>

namespace sft::selfinstruct {

inline ExampleTask exampleOf(const SeedTask &s) { return ExampleTask{s.instruction, s.instances, s.isClassification}; }

enum class Stage { Classify, Instances, Ready };

struct Candidate
{
    std::int64_t id = 0;
    std::int64_t request = 0;
    std::string instruction;
    Stage stage = Stage::Classify;
    bool inFlight = false;
    bool isClassification = false;
    std::vector<Instance> instances;
    std::string failed;      ///< a classify or instances request the server refused: rejected as request_failed
    int failedStatus = 0;
};

struct Job
{
    std::string kind;   ///< instructions | classify | instances | batch
    std::int64_t id = 0;
    std::int64_t candidate = -1;
    openai::CompletionRequest request;
    int firstNumber = 1;
    int shownSeeds = 0, shownGenerated = 0;
    std::int64_t available = 0;   ///< kept instructions the sampler could draw from
};

struct Run::Private
{
    RunOptions opt;
    openai::CompletionBackend &backend;
    std::filesystem::path dir;
    std::unique_ptr<RunClaim> ownClaim;   ///< when the caller did not pass one
    RunConfig cfg;
    bool chat = false;             ///< the chat API: a chat prompt for new instructions, and its parser
    bool skipClassify = false;     ///< the seeds flag no classification task: every task is input-first
    std::vector<SeedTask> seeds;
    PoolIndex pool;
    std::unique_ptr<TaskSampler> sampler;
    rouge::RecordFilter instructionFilter, instanceFilter;
    std::vector<ExampleTask> classifyExamples;
    std::vector<std::size_t> inputFirstSeeds, outputFirstSeeds;

    std::vector<std::string> generated;
    std::vector<KeptTask> kept;
    std::map<std::int64_t, Candidate> pending;   ///< undecided, by id: decisions go in this order
    std::int64_t nextCandidate = 0, nextRequest = 0;
    std::int64_t requests = 0, promptTokens = 0, completionTokens = 0, decided = 0, classification = 0;
    std::map<std::string, std::int64_t> rejected;
    int emptyStreak = 0;
    bool wasResumed = false;

    std::mutex mutex;
    std::condition_variable cv;
    std::atomic<bool> cancel{false};
    int inflight = 0, inflightNew = 0, workersAlive = 0;
    bool stopped = false, targetReached = false;
    std::string fatal;
    std::deque<KeptTask> toLand;   ///< kept tasks for onKept, handed over on the thread that runs run()
    std::unique_ptr<AppendFile> events, requestsLog, candidatesLog;

    Private(RunOptions o, openai::CompletionBackend &b) : opt(std::move(o)), backend(b), dir(opt.runDir) {}

    static std::vector<rouge::FilterRule> rulesFor(const std::vector<rouge::FilterRule> &all, bool instructionOnly)
    {
        // Rules that read only the instruction decide before any instance exists.
        std::vector<rouge::FilterRule> out;
        for (const rouge::FilterRule &r : all) {
            const bool onInstruction = r.params.is_object() && r.params.value("field", std::string()) == "instruction";
            if (onInstruction == instructionOnly)
                out.push_back(r);
        }
        return out;
    }

    void emit(nlohmann::json ev)
    {
        if (events)
            events->append(ev);
        if (opt.onEvent)
            opt.onEvent(ev);
    }

    nlohmann::json progressEvent() const
    {
        nlohmann::json rej = nlohmann::json::object();
        for (const auto &[rule, n] : rejected)
            rej[rule] = n;
        return nlohmann::json{{"event", "progress"},  {"requests", requests},
                              {"prompt_tokens", promptTokens}, {"completion_tokens", completionTokens},
                              {"candidates", decided}, {"kept", std::int64_t(kept.size())},
                              {"rejected", rej},       {"classification", classification},
                              {"pool", pool.size()},   {"pending", std::int64_t(pending.size())}};
    }

    // ---- opening and replay (run_replay.cpp) ----

    void open();
    void replay();
    void replayRequest(const nlohmann::json &r);
    void replayCandidate(const nlohmann::json &c);
    /** ROUGE-L against the pool as it is now, then the instruction rules: a failure now is a failure later. */
    bool failsEarly(const std::string &instruction) const;

    // ---- scheduling (under the lock) ----

    bool budgetReached() const
    {
        return (cfg.maxRequests > 0 && requests + inflight >= cfg.maxRequests)
            || (cfg.maxTokens > 0 && promptTokens + completionTokens >= cfg.maxTokens);
    }

    bool exhausted() const { return cfg.stopAfterEmptyRequests > 0 && emptyStreak >= cfg.stopAfterEmptyRequests; }

    // ---- requests and decisions, under the lock (run_requests.cpp) ----

    bool mayRequestNew() const;
    openai::CompletionRequest baseRequest(std::int64_t id) const;
    std::vector<ExampleTask> pickExamples(const std::vector<std::size_t> &from, int k, std::int64_t requestId) const;
    bool pickJob(Job &job);
    void release(const Job &job);
    void completed(const Job &job, const openai::CompletionResult &res);
    void failed(const Job &job, const std::string &error, int status);

    /**
     * Undecided candidates that now fail against the grown pool need no more requests: they are decided
     * as they are, as a replay does, so that a resumed run makes the same requests as one never stopped.
     */
    void skipDoomed();
    void decideReady();
    void decide(const Candidate &c);

    // ---- the worker thread (run.cpp) ----

    void worker();
};

} // namespace sft::selfinstruct
