// The loop's requests and decisions, all under Run's lock: which request a
// free worker makes next (a pending candidate's classify or instances step
// first, then new instructions or an Alpaca batch while the target allows),
// what a completed or refused request adds to the run files, and the
// decision of each candidate in id order (ROUGE-L, the filters, its
// instances).

#include "selfinstruct/run_private.h"

#include <cstdio>
#include <set>

namespace sft::selfinstruct {

using nlohmann::json;

namespace {

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

} // namespace

bool Run::Private::mayRequestNew() const
{
    if (exhausted())
        return false;
    // Enough undecided candidates to reach the target: wait for their verdicts first.
    if (std::int64_t(kept.size() + pending.size()) >= cfg.target)
        return false;
    const int conc = std::max(1, backend.concurrency());
    return inflightNew < std::max(1, cfg.mode == "alpaca" ? conc : conc / 2);
}

openai::CompletionRequest Run::Private::baseRequest(std::int64_t id) const
{
    openai::CompletionRequest r;
    r.maxTokens = cfg.sampling.maxTokens;
    r.temperature = cfg.sampling.temperature;
    r.topP = cfg.sampling.topP;
    r.seed = SeededRandom(cfg.seed ^ 0x5EEDULL, std::uint64_t(id)).next() >> 1;
    return r;
}

std::vector<ExampleTask> Run::Private::pickExamples(const std::vector<std::size_t> &from, int k, std::int64_t requestId) const
{
    SeededRandom rng(cfg.seed + 1, std::uint64_t(requestId));
    std::vector<ExampleTask> out;
    for (std::size_t i : rng.sample(from.size(), std::size_t(std::max(0, k))))
        out.push_back(exampleOf(seeds[from[i]]));
    return out;
}

bool Run::Private::pickJob(Job &job)
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

void Run::Private::release(const Job &job)
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

void Run::Private::completed(const Job &job, const openai::CompletionResult &res)
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

void Run::Private::failed(const Job &job, const std::string &error, int status)
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

void Run::Private::skipDoomed()
{
    for (auto &[id, c] : pending)
        if (!c.inFlight && c.stage != Stage::Ready && failsEarly(c.instruction))
            c.stage = Stage::Ready;
}

void Run::Private::decideReady()
{
    while (!targetReached && !pending.empty() && pending.begin()->second.stage == Stage::Ready) {
        decide(pending.begin()->second);
        pending.erase(pending.begin());
    }
}

void Run::Private::decide(const Candidate &c)
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

} // namespace sft::selfinstruct
