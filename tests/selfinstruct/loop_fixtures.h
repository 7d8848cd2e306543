#pragma once
// What the Self-Instruct loop tests share: the seed file they run on, a
// base config pointing at a scripted endpoint (scripted_endpoint.h), one
// session of a run through the real OpenAI client with every event and
// landed task collected, and small builders of model answers (numbered
// lists, invented instructions, generic instances).

#include "core/error.h"
#include "core/file_io.h"
#include "openai/client.h"
#include "selfinstruct/pool_index.h"
#include "selfinstruct/prompts.h"
#include "selfinstruct/run.h"
#include "selfinstruct/run_config.h"
#include "selfinstruct/seeds.h"
#include "selfinstruct/task_sampler.h"

#include "scripted_endpoint.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>

namespace sfttest {

using nlohmann::json;
using namespace sft::selfinstruct;


inline const std::string kSeeds = SFT_TEST_DATA_DIR "/loop_seeds.jsonl";

inline std::vector<json> readLines(const std::string &path)
{
    std::vector<json> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty())
            out.push_back(json::parse(line));
    return out;
}

inline std::string readAll(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline json baseConfig(const ScriptedServer &server, int concurrency = 1)
{
    return json{{"backend", {{"kind", "openai"}, {"base_url", server.baseUrl()}, {"concurrency", concurrency},
                             {"timeout_s", 30}, {"max_retries", 3}}},
                {"seeds", kSeeds},
                {"target", 100},
                {"stop_after_empty_requests", 3}};
}

struct Outcome
{
    RunResult result;
    std::vector<json> events;
    std::vector<KeptTask> landed;
    std::string error;
    bool resumed = false;
};

/** One session of a run in dir: a new run when config is given, else a resume. */
inline Outcome runSession(const std::string &dir, const json &config, const std::atomic<bool> *stop = nullptr,
                          double timeoutS = 30, const std::string &apiKeyEnv = "SFTBENCH_API_KEY")
{
    if (!config.is_null()) {
        const std::string file = dir + ".config.json";
        std::ofstream(file) << config.dump(2);
        prepareRunFolder(dir, file);
    }
    const RunConfig cfg = readRunConfig(dir);
    sft::openai::OpenAiClientOptions o;
    o.baseUrl = cfg.backend.baseUrl;
    o.api = cfg.backend.api;
    o.model = cfg.backend.model;
    o.concurrency = cfg.backend.concurrency;
    o.maxRetries = cfg.backend.maxRetries;
    o.timeoutS = timeoutS;
    o.apiKeyEnv = apiKeyEnv;
    o.backoffBaseS = 0.05;
    sft::openai::OpenAiClient client(o);
    Outcome out;
    std::mutex m;
    RunOptions ro;
    ro.runDir = dir;
    ro.stop = stop;
    ro.onEvent = [&](const json &e) {
        std::lock_guard<std::mutex> lock(m);
        out.events.push_back(e);
    };
    ro.onKept = [&](const KeptTask &k) { out.landed.push_back(k); };
    Run run(ro, client);
    out.resumed = run.resumed();
    client.setRetryCallback([&run](const sft::openai::RetryInfo &r) { run.reportRetry(r.attempt, r.waitS, r.status, r.message); });
    try {
        out.result = run.run();
    } catch (const sft::Error &e) {
        out.error = e.what();
    }
    return out;
}

inline std::vector<json> eventsOf(const Outcome &o, const std::string &name)
{
    std::vector<json> out;
    for (const json &e : o.events)
        if (e.value("event", std::string()) == name)
            out.push_back(e);
    return out;
}

inline std::string numbered(const std::vector<std::string> &items, int first)
{
    std::string s;
    for (std::size_t i = 0; i < items.size(); ++i)
        s += (i ? "\n" + std::to_string(first + int(i)) + ". " : " ") + items[i];
    return s;
}

/** A deterministic "novel" instruction from a small vocabulary (moderate overlaps between them). */
inline std::string inventInstruction(std::uint64_t n)
{
    static const char *verbs[] = {"Describe", "Explain", "Compare", "List", "Summarize", "Evaluate", "Outline", "Suggest"};
    static const char *words[] = {"river", "market", "engine", "garden", "theory", "castle", "budget", "signal", "harbor",
                                  "forest", "ladder", "planet", "recipe", "ticket", "violin", "winter", "museum", "circuit",
                                  "orchard", "canyon", "glacier", "lantern", "meadow", "pigeon", "quarry", "saddle"};
    SeededRandom rng(7, n);
    std::string s = verbs[rng.below(8)];
    const int len = 5 + int(rng.below(6));
    for (int i = 0; i < len; ++i)
        s += std::string(" ") + (i % 3 == 1 ? "the" : words[rng.below(26)]);
    return s + ".";
}

inline ScriptedReply genericInstances(const ScriptedRequest &r)
{
    ScriptedReply rep;
    if (r.kind == "classify")
        rep.text = " No";
    else if (r.kind == "output_first")
        rep.text = "Class label: A\nInput: first thing for " + r.task + "\nClass label: B\nInput: second thing\n";
    else
        rep.text = "Example 1\nInput: a sample input for " + r.task + "\nOutput: a fitting answer about " + r.task + "\n";
    return rep;
}

} // namespace sfttest
