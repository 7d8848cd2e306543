// Opening a run folder and reading it back: the config and the seeds set up
// the pool, the sampler, the filters and the classification examples; then
// requests.jsonl and candidates.jsonl are replayed, so that the kept tasks
// rejoin the pool and candidates parsed but not decided resume at the step
// they had reached (see run.h).

#include "selfinstruct/run_private.h"

#include "core/file_io.h"

namespace fs = std::filesystem;

namespace sft::selfinstruct {

using nlohmann::json;

namespace {

std::vector<Instance> instancesFrom(const json &a)
{
    std::vector<Instance> out;
    if (a.is_array())
        for (const json &i : a)
            out.push_back(Instance{i.value("input", std::string()), i.value("output", std::string())});
    return out;
}

} // namespace

void Run::Private::open()
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

void Run::Private::replay()
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

void Run::Private::replayRequest(const json &r)
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

void Run::Private::replayCandidate(const json &c)
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

bool Run::Private::failsEarly(const std::string &instruction) const
{
    if (pool.best(instruction).score >= cfg.threshold)
        return true;
    return instructionFilter.check(rouge::FilterText{instruction, {}, {}}).rejected;
}

} // namespace sft::selfinstruct
