// Reading, validating and writing a Self-Instruct run's config.json.

#include "selfinstruct/run_config.h"

#include "core/error.h"
#include "core/file_io.h"
#include "core/json.h"
#include "selfinstruct/seeds.h"

#include <filesystem>
#include <set>

namespace fs = std::filesystem;

namespace sft::selfinstruct {

using nlohmann::json;

namespace {

/** Reads the fields of one JSON object, each error located at file + the field's dotted path. */
class Fields
{
public:
    Fields(const json &obj, std::string file, std::string prefix) : m_obj(obj), m_file(std::move(file)), m_prefix(std::move(prefix))
    {
        if (!m_obj.is_object() && !m_obj.is_null())
            throw fail(m_prefix.empty() ? std::string() : m_prefix.substr(0, m_prefix.size() - 1), "must be a JSON object");
    }

    Error fail(const std::string &field, const std::string &message) const
    {
        return Error(message, Error::Location{m_file, 0, 0, -1, field});
    }
    std::string path(const char *name) const { return m_prefix + name; }
    const json *get(const char *name)
    {
        m_known.insert(name);
        if (!m_obj.is_object() || !m_obj.contains(name) || m_obj[name].is_null())
            return nullptr;
        return &m_obj[name];
    }
    void str(const char *name, std::string &out, std::initializer_list<const char *> allowed = {})
    {
        if (const json *v = get(name)) {
            if (!v->is_string())
                throw fail(path(name), "must be a string");
            out = v->get<std::string>();
            if (allowed.size() != 0) {
                std::string list;
                for (const char *a : allowed) {
                    if (out == a)
                        return;
                    list += std::string(list.empty() ? "" : ", ") + a;
                }
                throw fail(path(name), "must be one of " + list + ", not \"" + out + "\"");
            }
        }
    }
    template <class Int>
    void integer(const char *name, Int &out, long long min, long long max)
    {
        if (const json *v = get(name)) {
            if (!v->is_number_integer() && !(v->is_number_float() && v->get<double>() == double((long long)v->get<double>())))
                throw fail(path(name), "must be an integer");
            const long long n = v->is_number_unsigned() ? (long long)std::min<unsigned long long>(v->get<unsigned long long>(), 1ULL << 62)
                                                        : v->get<long long>();
            if (n < min || n > max)
                throw fail(path(name), "must be between " + std::to_string(min) + " and " + std::to_string(max));
            out = Int(n);
        }
    }
    void number(const char *name, double &out, double min, double max, bool openMin = false)
    {
        if (const json *v = get(name)) {
            if (!v->is_number())
                throw fail(path(name), "must be a number");
            const double x = v->get<double>();
            if (!(openMin ? x > min : x >= min) || !(x <= max))
                throw fail(path(name), std::string("must be ") + (openMin ? "above " : "at least ") + std::to_string(min)
                                           + " and at most " + std::to_string(max));
            out = x;
        }
    }
    void seed(const char *name, std::uint64_t &out)
    {
        if (const json *v = get(name)) {
            if (v->is_number_unsigned())
                out = v->get<std::uint64_t>();
            else if (v->is_number_integer() && v->get<long long>() >= 0)
                out = std::uint64_t(v->get<long long>());
            else
                throw fail(path(name), "must be a non-negative integer");
        }
    }
    /** Unknown keys are errors: a typo must not silently fall back to a default. */
    void finish() const
    {
        if (!m_obj.is_object())
            return;
        for (auto it = m_obj.begin(); it != m_obj.end(); ++it)
            if (!m_known.count(it.key()))
                throw fail(m_prefix + it.key(), "unknown setting");
    }

private:
    const json &m_obj;
    std::string m_file;
    std::string m_prefix;
    std::set<std::string> m_known;
};

fs::path absolutePath(const fs::path &p)
{
    std::error_code ec;
    fs::path a = fs::absolute(p, ec);
    return (ec ? p : a).lexically_normal();
}

} // namespace

std::vector<rouge::FilterRule> defaultRunFilters(const std::string &language)
{
    std::vector<rouge::FilterRule> rules = rouge::defaultFilterRules();
    if (language == "en")
        for (rouge::FilterRule &r : rules)
            if (r.id == "punctuation_start" && r.params.is_object())
                r.params["non_ascii"] = true;
    return rules;
}

RunConfig RunConfig::fromJson(const json &j, const std::string &file)
{
    RunConfig c;
    Fields f(j, file, "");
    if (const json *b = f.get("backend")) {
        Fields bf(*b, file, "backend.");
        bf.str("kind", c.backend.kind, {"local", "openai"});
        bf.str("model", c.backend.model);
        bf.str("device", c.backend.device);
        bf.str("dtype", c.backend.dtype, {"auto", "fp32", "bf16", "fp16"});
        bf.str("adapter", c.backend.adapter);
        bf.str("base_url", c.backend.baseUrl);
        bf.str("api", c.backend.api, {"completions", "chat"});
        bf.str("api_key_env", c.backend.apiKeyEnv);
        bf.number("timeout_s", c.backend.timeoutS, 0, 86400, true);
        bf.integer("concurrency", c.backend.concurrency, 1, 256);
        bf.integer("max_retries", c.backend.maxRetries, 0, 100);
        if (b->is_object() && b->contains("api_key"))
            throw bf.fail("backend.api_key", "the API key is never stored in the config: put it in the environment "
                                             "variable named by backend.api_key_env");
        bf.finish();
        if (c.backend.kind == "local" && c.backend.model.empty())
            throw bf.fail("backend.model", "the local backend needs the model folder");
        if (c.backend.kind == "openai" && c.backend.baseUrl.rfind("http://", 0) != 0
            && c.backend.baseUrl.rfind("https://", 0) != 0)
            throw bf.fail("backend.base_url", "must start with http:// or https://");
    }
    f.str("seeds", c.seeds);
    if (c.seeds.empty())
        throw f.fail("seeds", "must name the seed file");
    f.str("language", c.language, {"en", "zh"});
    c.tokenizer = c.language == "zh" ? "cjk" : "rouge";
    c.filters = defaultRunFilters(c.language);
    f.str("mode", c.mode, {"self_instruct", "alpaca"});
    f.integer("target", c.target, 1, 100000000);
    f.integer("max_requests", c.maxRequests, 0, 1LL << 40);
    f.integer("max_tokens", c.maxTokens, 0, 1LL << 50);
    f.number("threshold", c.threshold, 0, 1, true);
    f.str("tokenizer", c.tokenizer, {"rouge", "cjk"});
    f.seed("seed", c.seed);
    f.integer("seed_tasks_per_prompt", c.seedTasksPerPrompt, 0, 100);
    f.integer("generated_tasks_per_prompt", c.generatedTasksPerPrompt, 0, 100);
    c.instructionsPerRequest = c.seedTasksPerPrompt + c.generatedTasksPerPrompt;
    f.integer("instructions_per_request", c.instructionsPerRequest, 1, 200);
    if (c.instructionsPerRequest != c.seedTasksPerPrompt + c.generatedTasksPerPrompt)
        throw f.fail("instructions_per_request", "must equal seed_tasks_per_prompt + generated_tasks_per_prompt ("
                                                    + std::to_string(c.seedTasksPerPrompt + c.generatedTasksPerPrompt) + ")");
    if (const json *s = f.get("sampling")) {
        Fields sf(*s, file, "sampling.");
        sf.number("temperature", c.sampling.temperature, 0, 2);
        sf.number("top_p", c.sampling.topP, 0, 1, true);
        sf.integer("max_tokens", c.sampling.maxTokens, 1, 1 << 20);
        sf.finish();
    }
    try {
        c.prompts = promptsFromJson(f.get("prompts") ? *f.get("prompts") : json(), c.language);
    } catch (const Error &e) {
        throw f.fail("prompts", e.message());
    }
    if (const json *r = f.get("filters")) {
        try {
            c.filters = rouge::filterRulesFromJson(*r);
            rouge::RecordFilter check(c.filters);
        } catch (const Error &e) {
            throw f.fail("filters", e.message());
        }
    }
    f.integer("stop_after_empty_requests", c.stopAfterEmptyRequests, 0, 1000000);
    f.integer("classify_positive", c.classifyPositive, 0, 1000);
    f.integer("classify_negative", c.classifyNegative, 0, 1000);
    f.integer("instance_examples", c.instanceExamples, 0, 100);
    f.integer("batch_tasks", c.batchTasks, 2, 1000);
    f.integer("batch_examples", c.batchExamples, 0, 100);
    if (c.batchExamples >= c.batchTasks)
        throw f.fail("batch_examples", "must be below batch_tasks");
    f.finish();
    return c;
}

json RunConfig::toJson() const
{
    json backendJson{{"kind", backend.kind}};
    if (backend.kind == "local") {
        backendJson.update({{"model", backend.model}, {"device", backend.device}, {"dtype", backend.dtype},
                            {"adapter", backend.adapter}});
    } else {
        backendJson.update({{"base_url", backend.baseUrl}, {"model", backend.model}, {"api", backend.api},
                            {"api_key_env", backend.apiKeyEnv}, {"timeout_s", backend.timeoutS},
                            {"concurrency", backend.concurrency}, {"max_retries", backend.maxRetries}});
    }
    return json{{"backend", backendJson},
                {"seeds", seeds},
                {"language", language},
                {"mode", mode},
                {"target", target},
                {"max_requests", maxRequests},
                {"max_tokens", maxTokens},
                {"threshold", threshold},
                {"tokenizer", tokenizer},
                {"seed", seed},
                {"seed_tasks_per_prompt", seedTasksPerPrompt},
                {"generated_tasks_per_prompt", generatedTasksPerPrompt},
                {"instructions_per_request", instructionsPerRequest},
                {"sampling", {{"temperature", sampling.temperature}, {"top_p", sampling.topP}, {"max_tokens", sampling.maxTokens}}},
                {"prompts", promptsToJson(prompts)},
                {"filters", rouge::filterRulesToJson(filters)},
                {"stop_after_empty_requests", stopAfterEmptyRequests},
                {"classify_positive", classifyPositive},
                {"classify_negative", classifyNegative},
                {"instance_examples", instanceExamples},
                {"batch_tasks", batchTasks},
                {"batch_examples", batchExamples}};
}

RunConfig readRunConfig(const std::string &runDir)
{
    const std::string file = (fs::path(runDir) / "config.json").string();
    if (!fs::exists(file))
        throw Error("the run folder has no config.json (start a run with --config)", Error::Location{runDir, 0, 0, -1, {}});
    return RunConfig::fromJson(parseJsonDocument(readFileText(file, "cannot open"), file), file);
}

RunConfig prepareRunFolder(const std::string &runDir, const std::string &configFile)
{
    RunConfig c = RunConfig::fromJson(parseJsonDocument(readFileText(configFile, "cannot open"), configFile), configFile);
    const fs::path dir(runDir);
    // Where the seeds are: in the run folder already, or a file to copy in.
    fs::path seedFile(c.seeds);
    if (seedFile.is_relative()) {
        if (fs::exists(dir / seedFile))
            seedFile = dir / seedFile;
        else
            seedFile = absolutePath(configFile).parent_path() / seedFile;
    }
    const bool inside = absolutePath(seedFile).parent_path() == absolutePath(dir);
    const std::string configPath = (dir / "config.json").string();
    if (fs::exists(configPath)) {
        const RunConfig existing = readRunConfig(runDir);
        RunConfig asSaved = c;
        if (!inside)
            asSaved.seeds = "seeds.jsonl";
        if (existing.toJson() != asSaved.toJson())
            throw Error("this run folder already has a different config.json: resume it without --config, or start a new "
                        "run folder",
                        Error::Location{runDir, 0, 0, -1, {}});
        return existing;
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (!fs::is_directory(dir))
        throw Error("cannot create the run folder", Error::Location{runDir, 0, 0, -1, {}});
    if (!inside) {
        // Validated and normalised to Self-Instruct's JSON lines on the way in.
        writeSeedsJsonl((dir / "seeds.jsonl").string(), loadSeedTasks(seedFile.string()));
        c.seeds = "seeds.jsonl";
    } else {
        c.seeds = seedFile.filename().string();
        loadSeedTasks(seedFile.string());
    }
    // Whole or not at all: a kill mid-write must not leave a run folder with half a config.
    writeFileTextAtomic(configPath, c.toJson().dump(2) + "\n");
    return c;
}

} // namespace sft::selfinstruct
