// The Self-Instruct loop: replay of the run folder, the worker threads, the
// scheduling of requests and the decisions (see run.h).

#include "selfinstruct/run.h"

#include "core/error.h"
#include "core/json.h"
#include "core/progress.h"
#include "openai/api_error.h"
#include "selfinstruct/pool_index.h"
#include "selfinstruct/run_files.h"
#include "selfinstruct/seeds.h"
#include "selfinstruct/task_sampler.h"

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace sft::selfinstruct {

using nlohmann::json;

namespace {

const char *const kPidFile = "worker.pid";
const char *const kLockFile = "worker.lock";

/** A 4xx that one request's content caused (too long a prompt, a field the server refuses), not the endpoint. */
bool candidateFault(int status) { return status >= 400 && status < 500 && status != 401 && status != 403 && status != 404 && status != 408 && status != 429; }

std::string fmt(double x, const char *f = "%.2f")
{
    char buf[32];
    std::snprintf(buf, sizeof buf, f, x);
    return buf;
}

json instancesJson(const std::vector<Instance> &instances)
{
    json a = json::array();
    for (const Instance &i : instances)
        a.push_back(json{{"input", i.input}, {"output", i.output}});
    return a;
}

std::vector<Instance> instancesFrom(const json &a)
{
    std::vector<Instance> out;
    if (a.is_array())
        for (const json &i : a)
            out.push_back(Instance{i.value("input", std::string()), i.value("output", std::string())});
    return out;
}

ExampleTask exampleOf(const SeedTask &s) { return ExampleTask{s.instruction, s.instances, s.isClassification}; }

thread_local std::int64_t t_requestId = -1;

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

} // namespace

std::string runName(const std::string &runDir)
{
    fs::path p = fs::absolute(fs::path(runDir)).lexically_normal();
    if (p.filename().empty())
        p = p.parent_path();
    return p.filename().string();
}

struct Run::Private
{
    RunOptions opt;
    openai::CompletionBackend &backend;
    fs::path dir;
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

    void emit(json ev)
    {
        if (events)
            events->append(ev);
        if (opt.onEvent)
            opt.onEvent(ev);
    }

    json progressEvent() const
    {
        json rej = json::object();
        for (const auto &[rule, n] : rejected)
            rej[rule] = n;
        return json{{"event", "progress"},  {"requests", requests},
                    {"prompt_tokens", promptTokens}, {"completion_tokens", completionTokens},
                    {"candidates", decided}, {"kept", std::int64_t(kept.size())},
                    {"rejected", rej},       {"classification", classification},
                    {"pool", pool.size()},   {"pending", std::int64_t(pending.size())}};
    }

    // ---- opening and replay ----

    void open()
    {
        cfg = readRunConfig(dir.string());
        chat = cfg.backend.kind == "openai" && cfg.backend.api == "chat";
        const fs::path seedFile = fs::path(cfg.seeds).is_absolute() ? fs::path(cfg.seeds) : dir / cfg.seeds;
        seeds = loadSeedTasks(seedFile.string());
        rouge::TokenizerOptions tok;
        rouge::tokenizerFromName(cfg.tokenizer, tok.kind);
        pool = PoolIndex(tok);
        std::vector<std::string> seedTexts;
        for (const SeedTask &s : seeds) {
            pool.add(s.instruction);
            seedTexts.push_back(s.instruction);
        }
        sampler = std::make_unique<TaskSampler>(seedTexts, cfg.seed, cfg.seedTasksPerPrompt, cfg.generatedTasksPerPrompt);
        instructionFilter = rouge::RecordFilter(rulesFor(cfg.filters, true));
        instanceFilter = rouge::RecordFilter(rulesFor(cfg.filters, false));

        // The classification prompt: the seeds' own flags, positives and negatives, in a seeded order.
        std::vector<std::size_t> pos, neg;
        for (std::size_t i = 0; i < seeds.size(); ++i) {
            if (seeds[i].isClassification)
                pos.push_back(i), outputFirstSeeds.push_back(i);
            else
                neg.push_back(i), inputFirstSeeds.push_back(i);
        }
        SeededRandom rng(cfg.seed, 0xC1A55ULL);
        std::vector<std::size_t> chosen;
        for (std::size_t k : rng.sample(pos.size(), std::size_t(cfg.classifyPositive)))
            chosen.push_back(pos[k]);
        for (std::size_t k : rng.sample(neg.size(), std::size_t(cfg.classifyNegative)))
            chosen.push_back(neg[k]);
        rng.shuffle(chosen);
        for (std::size_t i : chosen)
            classifyExamples.push_back(exampleOf(seeds[i]));
        // Without a single positive example the few-shot prompt can only teach "No": no request is made.
        skipClassify = pos.empty();
        if (outputFirstSeeds.empty())
            outputFirstSeeds = inputFirstSeeds;
        if (inputFirstSeeds.empty())
            inputFirstSeeds = outputFirstSeeds;

        replay();
        terminateLastLine(dir / "events.jsonl");
        events = std::make_unique<AppendFile>(dir / "events.jsonl");
        requestsLog = std::make_unique<AppendFile>(dir / "requests.jsonl");
        candidatesLog = std::make_unique<AppendFile>(dir / "candidates.jsonl");
    }

    void replay()
    {
        // Line by line: requests.jsonl keeps every prompt and answer and may be large.
        forEachJsonLine(dir / "requests.jsonl", true, [this](json &&r) { replayRequest(r); });
        forEachJsonLine(dir / "candidates.jsonl", true, [this](json &&c) { replayCandidate(c); });
        // Candidates decided on replay's pool state: whatever fails now fails at its decision too.
        for (auto &[id, c] : pending)
            if (c.stage != Stage::Ready && failsEarly(c.instruction))
                c.stage = Stage::Ready;
        if (std::int64_t(kept.size()) >= cfg.target)
            targetReached = true;
    }

    void replayRequest(const json &r)
    {
        wasResumed = true;
        {
            const std::string kind = r.value("kind", std::string());
            ++requests;
            nextRequest = std::max(nextRequest, r.value("id", std::int64_t(0)) + 1);
            if (r.contains("usage") && r["usage"].is_object()) {
                promptTokens += r["usage"].value("prompt_tokens", std::int64_t(0));
                completionTokens += r["usage"].value("completion_tokens", std::int64_t(0));
            }
            if (kind == "instructions" || kind == "batch") {
                for (const json &c : r.value("candidates", json::array())) {
                    Candidate cand;
                    cand.id = c.at("id").get<std::int64_t>();
                    cand.request = r.value("id", std::int64_t(0));
                    cand.instruction = c.value("instruction", std::string());
                    if (kind == "batch") {
                        cand.stage = Stage::Ready;
                        cand.instances.push_back(Instance{c.value("input", std::string()), c.value("output", std::string())});
                    }
                    nextCandidate = std::max(nextCandidate, cand.id + 1);
                    pending[cand.id] = std::move(cand);
                }
                emptyStreak = r.value("fresh", 0) > 0 ? 0 : emptyStreak + 1;
            } else if (kind == "classify" || kind == "instances") {
                auto it = pending.find(r.value("candidate", std::int64_t(-1)));
                if (it == pending.end())
                    return;
                if (!r.value("ok", true)) {
                    it->second.failed = r.value("error", std::string("the request failed"));
                    it->second.failedStatus = r.value("status", 0);
                    it->second.stage = Stage::Ready;
                } else if (kind == "classify") {
                    it->second.isClassification = r.value("is_classification", false);
                    it->second.stage = Stage::Instances;
                } else {
                    it->second.instances = instancesFrom(r.value("instances", json::array()));
                    it->second.stage = Stage::Ready;
                }
            }
        }
    }

    void replayCandidate(const json &c)
    {
        wasResumed = true;
        {
            const std::int64_t id = c.at("id").get<std::int64_t>();
            pending.erase(id);
            nextCandidate = std::max(nextCandidate, id + 1);
            ++decided;
            if (c.value("is_classification", false))
                ++classification;
            if (c.value("kept", false)) {
                KeptTask k{id, c.value("instruction", std::string()), c.value("is_classification", false),
                           instancesFrom(c.value("instances", json::array()))};
                pool.add(k.instruction);
                generated.push_back(k.instruction);
                kept.push_back(std::move(k));
            } else {
                ++rejected[c.value("rule", std::string())];
            }
        }
    }

    /** ROUGE-L against the pool as it is now, then the instruction rules: a failure now is a failure later. */
    bool failsEarly(const std::string &instruction) const
    {
        if (pool.best(instruction).score >= cfg.threshold)
            return true;
        return instructionFilter.check(rouge::FilterText{instruction, {}, {}}).rejected;
    }

    // ---- scheduling (under the lock) ----

    bool budgetReached() const
    {
        return (cfg.maxRequests > 0 && requests + inflight >= cfg.maxRequests)
            || (cfg.maxTokens > 0 && promptTokens + completionTokens >= cfg.maxTokens);
    }

    bool exhausted() const { return cfg.stopAfterEmptyRequests > 0 && emptyStreak >= cfg.stopAfterEmptyRequests; }

    bool mayRequestNew() const
    {
        if (exhausted())
            return false;
        // Enough undecided candidates to reach the target: wait for their verdicts first.
        if (std::int64_t(kept.size() + pending.size()) >= cfg.target)
            return false;
        const int conc = std::max(1, backend.concurrency());
        return inflightNew < std::max(1, cfg.mode == "alpaca" ? conc : conc / 2);
    }

    openai::CompletionRequest baseRequest(std::int64_t id) const
    {
        openai::CompletionRequest r;
        r.maxTokens = cfg.sampling.maxTokens;
        r.temperature = cfg.sampling.temperature;
        r.topP = cfg.sampling.topP;
        r.seed = SeededRandom(cfg.seed ^ 0x5EEDULL, std::uint64_t(id)).next() >> 1;
        return r;
    }

    std::vector<ExampleTask> pickExamples(const std::vector<std::size_t> &from, int k, std::int64_t requestId) const
    {
        SeededRandom rng(cfg.seed + 1, std::uint64_t(requestId));
        std::vector<ExampleTask> out;
        for (std::size_t i : rng.sample(from.size(), std::size_t(std::max(0, k))))
            out.push_back(exampleOf(seeds[from[i]]));
        return out;
    }

    bool pickJob(Job &job)
    {
        if (cancel || !fatal.empty() || targetReached || budgetReached())
            return false;
        for (auto &[id, c] : pending) {
            if (c.inFlight || c.stage == Stage::Ready)
                continue;
            if (c.stage == Stage::Classify && skipClassify)
                c.stage = Stage::Instances;   // isClassification stays false: input-first
            job = Job();
            job.id = nextRequest++;
            job.candidate = id;
            job.request = baseRequest(job.id);
            if (c.stage == Stage::Classify) {
                job.kind = "classify";
                job.request.prompt = classifyPrompt(cfg.prompts, classifyExamples, c.instruction);
                job.request.stop = classifyStop(cfg.prompts);
                job.request.maxTokens = std::min<std::int64_t>(job.request.maxTokens, 8);
                job.request.temperature = 0;   // the verdict, not a sample
                job.request.topP = 1;
            } else {
                job.kind = "instances";
                const bool clf = c.isClassification;
                const auto ex = pickExamples(clf ? outputFirstSeeds : inputFirstSeeds, cfg.instanceExamples, job.id);
                job.request.prompt = clf ? outputFirstPrompt(cfg.prompts, ex, c.instruction)
                                         : inputFirstPrompt(cfg.prompts, ex, c.instruction);
                job.request.stop = instancesStop(cfg.prompts);
            }
            c.inFlight = true;
            ++inflight;
            return true;
        }
        if (!mayRequestNew())
            return false;
        job = Job();
        job.id = nextRequest++;
        job.request = baseRequest(job.id);
        if (cfg.mode == "alpaca") {
            job.kind = "batch";
            std::vector<std::size_t> all(seeds.size());
            for (std::size_t i = 0; i < all.size(); ++i)
                all[i] = i;
            const auto ex = pickExamples(all, cfg.batchExamples, job.id);
            job.firstNumber = int(ex.size()) + 1;
            job.request.prompt = batchPrompt(cfg.prompts, ex, cfg.batchTasks);
            job.request.stop = batchStop(cfg.prompts, cfg.batchTasks);
        } else {
            job.kind = "instructions";
            const SampledInstructions s = sampler->sample(std::uint64_t(job.id), generated);
            job.shownSeeds = s.fromSeeds;
            job.shownGenerated = s.fromGenerated;
            job.available = std::int64_t(generated.size());
            job.firstNumber = int(s.instructions.size()) + 1;
            // The paper's list runs to twice the shown instructions: as many new ones as shown.
            job.request.prompt = chat ? instructionsChatPrompt(cfg.prompts, s.instructions, int(s.instructions.size()))
                                      : instructionsPrompt(cfg.prompts, s.instructions);
            job.request.stop = instructionsStop(cfg.prompts, int(s.instructions.size()));
        }
        ++inflightNew;
        ++inflight;
        return true;
    }

    void release(const Job &job)
    {
        --inflight;
        if (job.candidate >= 0) {
            auto it = pending.find(job.candidate);
            if (it != pending.end())
                it->second.inFlight = false;
        } else {
            --inflightNew;
        }
    }

    // ---- results (under the lock) ----

    void completed(const Job &job, const openai::CompletionResult &res)
    {
        ++requests;
        promptTokens += res.promptTokens;
        completionTokens += res.completionTokens;
        const bool cutOff = res.finishReason == "length";
        json line{{"id", job.id},
                  {"kind", job.kind},
                  {"prompt", job.request.prompt},
                  {"text", res.text},
                  {"finish_reason", res.finishReason},
                  {"usage", {{"prompt_tokens", res.promptTokens}, {"completion_tokens", res.completionTokens}}},
                  {"attempts", res.attempts},
                  {"seconds", res.seconds}};
        json ev{{"event", "request"},       {"id", job.id},
                {"kind", job.kind},         {"ok", true},
                {"prompt_tokens", res.promptTokens}, {"completion_tokens", res.completionTokens},
                {"attempts", res.attempts}, {"seconds", res.seconds}};
        if (job.kind == "instructions" || job.kind == "batch") {
            std::vector<Candidate> fresh;
            if (job.kind == "instructions") {
                ParsedList parsed = chat ? parseChatInstructions(res.text, job.firstNumber, cutOff)
                                         : parseNumberedInstructions(res.text, job.firstNumber, cutOff);
                for (std::string &text : parsed.items) {
                    Candidate c;
                    c.instruction = std::move(text);
                    fresh.push_back(std::move(c));
                }
                line["shown"] = {{"seeds", job.shownSeeds}, {"generated", job.shownGenerated}, {"available", job.available}};
            } else {
                for (BatchTask &t : parseBatchTasks(res.text, job.firstNumber, cutOff)) {
                    Candidate c;
                    c.instruction = std::move(t.instruction);
                    c.instances.push_back(std::move(t.instance));
                    c.stage = Stage::Ready;
                    fresh.push_back(std::move(c));
                }
            }
            json list = json::array();
            int passing = 0;
            for (Candidate &c : fresh) {
                c.id = nextCandidate++;
                c.request = job.id;
                json item{{"id", c.id}, {"instruction", c.instruction}};
                if (job.kind == "batch")
                    item.update({{"input", c.instances[0].input}, {"output", c.instances[0].output}});
                list.push_back(item);
                if (failsEarly(c.instruction))
                    c.stage = Stage::Ready;
                else
                    ++passing;
            }
            line["candidates"] = list;
            line["fresh"] = passing;
            ev["candidates"] = std::int64_t(fresh.size());
            ev["fresh"] = passing;
            emptyStreak = passing > 0 ? 0 : emptyStreak + 1;
            --inflightNew;
            requestsLog->append(line);
            emit(ev);
            for (Candidate &c : fresh)
                pending[c.id] = std::move(c);
        } else {
            auto it = pending.find(job.candidate);
            line["candidate"] = job.candidate;
            ev["candidate"] = job.candidate;
            if (it != pending.end()) {
                Candidate &c = it->second;
                c.inFlight = false;
                if (job.kind == "classify") {
                    c.isClassification = parseIsClassification(res.text);
                    // The pool may have grown while the request was out (see skipDoomed).
                    c.stage = failsEarly(c.instruction) ? Stage::Ready : Stage::Instances;
                    line["is_classification"] = c.isClassification;
                } else {
                    c.instances = c.isClassification ? parseOutputFirstInstances(res.text, cutOff)
                                                     : parseInputFirstInstances(res.text, cutOff);
                    c.stage = Stage::Ready;
                    line["instances"] = instancesJson(c.instances);
                }
            }
            requestsLog->append(line);
            emit(ev);
        }
        decideReady();
        emit(progressEvent());
    }

    void failed(const Job &job, const std::string &error, int status)
    {
        ++requests;
        const json line{{"id", job.id},         {"kind", job.kind},   {"candidate", job.candidate},
                        {"prompt", job.request.prompt}, {"ok", false}, {"status", status},
                        {"error", error}};
        auto it = pending.find(job.candidate);
        if (it != pending.end()) {
            it->second.inFlight = false;
            it->second.failed = error;
            it->second.failedStatus = status;
            it->second.stage = Stage::Ready;
        }
        requestsLog->append(line);
        emit(json{{"event", "request"}, {"id", job.id},       {"kind", job.kind}, {"candidate", job.candidate},
                  {"ok", false},        {"status", status},   {"error", error}});
        decideReady();
        emit(progressEvent());
    }

    /**
     * Undecided candidates that now fail against the grown pool need no more requests: they are decided
     * as they are, as a replay does, so that a resumed run makes the same requests as one never stopped.
     */
    void skipDoomed()
    {
        for (auto &[id, c] : pending)
            if (!c.inFlight && c.stage != Stage::Ready && failsEarly(c.instruction))
                c.stage = Stage::Ready;
    }

    void decideReady()
    {
        while (!targetReached && !pending.empty() && pending.begin()->second.stage == Stage::Ready) {
            decide(pending.begin()->second);
            pending.erase(pending.begin());
        }
    }

    void decide(const Candidate &c)
    {
        const PoolMatch m = pool.best(c.instruction);
        std::string rule, reason;
        json args = json::object();
        std::vector<Instance> passing;
        json dropped = json::array();
        if (m.score >= cfg.threshold) {
            rule = "rouge";
            reason = "ROUGE-L " + fmt(m.score) + " with an instruction of the pool (threshold " + fmt(cfg.threshold) + ")";
            args = json{{"score", m.score}, {"threshold", cfg.threshold}, {"nearest", pool.text(m.nearest)}};
        } else if (const auto v = instructionFilter.check(rouge::FilterText{c.instruction, {}, {}}); v.rejected) {
            rule = v.rule;
            reason = v.reason;
            args = v.args;
        } else if (!c.failed.empty()) {
            rule = "request_failed";
            reason = "the server refused its request: " + c.failed;
            args = json{{"message", c.failed}, {"status", c.failedStatus}};
        } else {
            std::set<std::pair<std::string, std::string>> seen;
            for (const Instance &in : c.instances) {
                json d;
                if (!seen.insert({in.input, in.output}).second) {
                    d = json{{"rule", "duplicate_instance"}, {"reason", "repeats an earlier instance"},
                             {"reason_args", json::object()}};
                } else if (const auto iv = instanceFilter.check(rouge::FilterText{c.instruction, in.input, in.output});
                           iv.rejected) {
                    d = json{{"rule", iv.rule}, {"reason", iv.reason}, {"reason_args", iv.args}};
                } else {
                    passing.push_back(in);
                    continue;
                }
                d["input"] = in.input;
                d["output"] = in.output;
                dropped.push_back(d);
            }
            if (c.instances.empty()) {
                rule = "no_instances";
                reason = "no instance could be read from the model's answer";
            } else if (passing.empty()) {
                rule = dropped[0]["rule"].get<std::string>();
                reason = dropped[0]["reason"].get<std::string>();
                args = dropped[0]["reason_args"];
            }
        }
        const bool keep = rule.empty();
        json ev{{"event", "candidate"},
                {"id", c.id},
                {"request", c.request},
                {"instruction", c.instruction},
                {"kept", keep},
                {"rule", rule},
                {"reason", reason},
                {"reason_args", args},
                {"rouge_best", m.score},
                {"nearest", m.nearest >= 0 ? pool.text(m.nearest) : std::string()},
                {"is_classification", c.isClassification},
                {"instances", instancesJson(keep ? passing : c.instances)},
                {"dropped_instances", keep ? dropped : json::array()}};
        json line = ev;
        line.erase("event");
        candidatesLog->append(line);
        ++decided;
        if (c.isClassification)
            ++classification;
        if (!keep)
            ++rejected[rule];
        emit(ev);
        if (keep) {
            pool.add(c.instruction);
            generated.push_back(c.instruction);
            kept.push_back(KeptTask{c.id, c.instruction, c.isClassification, passing});
            skipDoomed();
            if (std::int64_t(kept.size()) >= cfg.target) {
                targetReached = true;
                cancel = true;
            }
            if (opt.onKept) {
                toLand.push_back(kept.back());
                cv.notify_all();
            }
        }
    }

    // ---- threads ----

    void worker()
    {
        std::unique_lock<std::mutex> lock(mutex);
        for (;;) {
            if (cancel || !fatal.empty())
                break;
            Job job;
            if (!pickJob(job)) {
                if (inflight == 0)
                    break;
                cv.wait(lock);
                continue;
            }
            lock.unlock();
            t_requestId = job.id;
            openai::CompletionResult res;
            std::string error;
            int status = 0;
            bool wasCancelled = false;
            try {
                res = backend.complete(job.request, &cancel);
            } catch (const Cancelled &) {
                wasCancelled = true;
            } catch (const openai::RequestError &e) {
                error = e.what();
                status = e.status();
            } catch (const openai::ApiError &e) {   // the local engine refusing a request (a prompt beyond its context)
                error = e.what();
                status = e.status();
            } catch (const std::exception &e) {
                error = e.what();
            }
            t_requestId = -1;
            lock.lock();
            if (wasCancelled) {
                release(job);   // abandoned: a resume makes it again
            } else if (!error.empty() && job.candidate >= 0 && candidateFault(status)) {
                // One candidate's request the server refuses (its prompt is too long, say): that candidate
                // is rejected, the run goes on. Logged, so a resume does not make it again.
                --inflight;
                try {
                    failed(job, error, status);
                } catch (const std::exception &e) {
                    if (fatal.empty())
                        fatal = e.what();
                    cancel = true;
                }
            } else if (!error.empty()) {
                release(job);
                fatal = error;
                cancel = true;
                try {
                    emit(json{{"event", "request"}, {"id", job.id}, {"kind", job.kind}, {"ok", false}, {"error", error}});
                } catch (const std::exception &) {
                    // events.jsonl cannot be written either: the error still ends the run
                }
            } else {
                --inflight;
                try {
                    completed(job, res);
                } catch (const std::exception &e) {
                    if (fatal.empty())
                        fatal = e.what();
                    cancel = true;
                }
            }
            cv.notify_all();
        }
        --workersAlive;
        cv.notify_all();
    }
};

RunClaim::RunClaim(const std::string &runDir)
{
    const fs::path dir(runDir);
    const fs::path path = dir / kLockFile;
    m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0)
        throw Error("cannot open the run's lock file", Error::Location{path.string(), 0, 0, -1, {}});
    while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR)
            continue;
        const bool busy = errno == EWOULDBLOCK;
        ::close(m_fd);
        m_fd = -1;
        if (busy)
            throw Error("another worker is running this run (it holds worker.lock): stop it first, or wait for it "
                        "to finish",
                        Error::Location{runDir, 0, 0, -1, {}});
        throw Error("cannot lock the run's lock file", Error::Location{path.string(), 0, 0, -1, {}});
    }
    m_pidFile = (dir / kPidFile).string();
    std::ofstream(m_pidFile) << ::getpid() << '\n';
}

RunClaim::~RunClaim()
{
    std::error_code ec;
    if (!m_pidFile.empty())
        fs::remove(m_pidFile, ec);
    if (m_fd >= 0)
        ::close(m_fd);   // releases the lock
}

Run::Run(RunOptions options, openai::CompletionBackend &backend) : d(std::make_unique<Private>(std::move(options), backend))
{
    if (!fs::is_directory(d->dir))
        throw Error("the run folder does not exist", Error::Location{d->opt.runDir, 0, 0, -1, {}});
    // Before anything is read back: a second worker must not replay files the first one is appending to.
    if (!d->opt.claim)
        d->ownClaim = std::make_unique<RunClaim>(d->opt.runDir);
    d->open();
}

Run::~Run() = default;

const RunConfig &Run::config() const { return d->cfg; }

std::vector<KeptTask> Run::keptTasks() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->kept;
}

bool Run::resumed() const { return d->wasResumed; }

void Run::reportRetry(int attempt, double waitS, int status, const std::string &message)
{
    std::lock_guard<std::mutex> lock(d->mutex);
    d->emit(json{{"event", "retry"}, {"request", t_requestId}, {"attempt", attempt}, {"wait_s", waitS},
                 {"status", status}, {"message", message}});
}

RunResult Run::run()
{
    Private &p = *d;

    {
        std::lock_guard<std::mutex> lock(p.mutex);
        p.emit(json{{"event", "start"},
                    {"run", p.opt.runDir},
                    {"resumed", p.wasResumed},
                    {"seeds", std::int64_t(p.seeds.size())},
                    {"pool", p.pool.size()},
                    {"kept", std::int64_t(p.kept.size())},
                    {"pending", std::int64_t(p.pending.size())},
                    {"mode", p.cfg.mode},
                    {"language", p.cfg.language},
                    {"backend", p.backend.describe()}});
        if (p.skipClassify)
            p.emit(json{{"event", "warning"},
                        {"message", "no seed task is marked is_classification: no classification request is made, "
                                    "and every task gets input-first instances"}});
        p.emit(p.progressEvent());
        // Candidates a killed session had already finished but not decided.
        p.decideReady();
    }

    const int n = std::max(1, p.backend.concurrency());
    std::vector<std::thread> threads;
    {
        std::lock_guard<std::mutex> lock(p.mutex);
        p.workersAlive = n;
    }
    for (int i = 0; i < n; ++i)
        threads.emplace_back([&p] { p.worker(); });
    {
        std::unique_lock<std::mutex> lock(p.mutex);
        for (;;) {
            // Kept tasks go to onKept here, on the caller's thread (a workspace connection belongs to it).
            while (!p.toLand.empty()) {
                const KeptTask k = std::move(p.toLand.front());
                p.toLand.pop_front();
                lock.unlock();
                std::string failed;
                try {
                    p.opt.onKept(k);
                } catch (const std::exception &e) {
                    failed = e.what();
                }
                lock.lock();
                if (!failed.empty()) {
                    if (p.fatal.empty())
                        p.fatal = failed;
                    p.cancel = true;
                    p.cv.notify_all();
                }
            }
            if (p.workersAlive == 0)
                break;
            p.cv.wait_for(lock, std::chrono::milliseconds(50));
            if (p.opt.stop && p.opt.stop->load() && !p.stopped) {
                p.stopped = true;
                p.cancel = true;
                p.cv.notify_all();
            }
        }
    }
    for (std::thread &t : threads)
        t.join();

    std::lock_guard<std::mutex> lock(p.mutex);
    if (!p.fatal.empty()) {
        try {
            p.emit(json{{"event", "error"}, {"message", p.fatal}});
        } catch (const std::exception &) {
            // the run's own error is the one to report
        }
        throw Error(p.fatal);
    }
    RunResult r;
    r.kept = std::int64_t(p.kept.size());
    r.requests = p.requests;
    if (p.stopped)
        r.reason = "stopped";
    else if (r.kept >= p.cfg.target)
        r.reason = "target";
    else if (p.cfg.maxRequests > 0 && p.requests >= p.cfg.maxRequests)
        r.reason = "max_requests";
    else if (p.cfg.maxTokens > 0 && p.promptTokens + p.completionTokens >= p.cfg.maxTokens)
        r.reason = "max_tokens";
    else
        r.reason = "exhausted";
    p.emit(json{{"event", "done"}, {"reason", r.reason}, {"kept", r.kept}, {"requests", r.requests}});
    return r;
}

} // namespace sft::selfinstruct
