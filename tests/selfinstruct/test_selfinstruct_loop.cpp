// The Self-Instruct loop against a scripted endpoint (scripted_endpoint.h)
// over real HTTP: prompts and config validation, the 6 + 2 sampling,
// classification routing, every filter rule, the pool's ROUGE-L against a
// brute-force check, 429 / timeout retries, budgets, exhaustion, the Alpaca
// mode, the chat API and the key, stop and resume with nothing lost or
// duplicated.

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

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>

using nlohmann::json;
using namespace sft::selfinstruct;
using sfttest::ScriptedReply;
using sfttest::ScriptedRequest;
using sfttest::ScriptedServer;

namespace {

const std::string kSeeds = SFT_TEST_DATA_DIR "/loop_seeds.jsonl";

std::vector<json> readLines(const std::string &path)
{
    std::vector<json> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty())
            out.push_back(json::parse(line));
    return out;
}

std::string readAll(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

json baseConfig(const ScriptedServer &server, int concurrency = 1)
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
Outcome runSession(const std::string &dir, const json &config, const std::atomic<bool> *stop = nullptr,
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

std::vector<json> eventsOf(const Outcome &o, const std::string &name)
{
    std::vector<json> out;
    for (const json &e : o.events)
        if (e.value("event", std::string()) == name)
            out.push_back(e);
    return out;
}

std::string numbered(const std::vector<std::string> &items, int first)
{
    std::string s;
    for (std::size_t i = 0; i < items.size(); ++i)
        s += (i ? "\n" + std::to_string(first + int(i)) + ". " : " ") + items[i];
    return s;
}

/** A deterministic "novel" instruction from a small vocabulary (moderate overlaps between them). */
std::string inventInstruction(std::uint64_t n)
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

ScriptedReply genericInstances(const ScriptedRequest &r)
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

} // namespace

class TestSelfInstructLoop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void promptsAndValidation();
    void configValidation();
    void samplerCounts();
    void clientBasics();
    void filtersAndRouting();
    void samplingAndRougeAgainstBruteForce();
    void retriesOn429AndTimeout();
    void clientErrorIsFatal();
    void budgets();
    void exhausted();
    void alpacaMode();
    void chatApiAndKey();
    void chinese();
    void stopAndResume();
    void chatReplies_data();
    void chatReplies();
    void candidateRequestFailed_data();
    void candidateRequestFailed();
    void nonJsonAnswerRetried();
    void keyRedacted();
    void oneWorkerPerFolder();
    void responseCapAndAttemptDeadline();
    void englishDefaultFilters();
    void seedsWithoutClassification();
    void eventErrorOnErrorPath();
    void fragmentsResume();
    void atomicConfigWrite();

private:
    QTemporaryDir m_tmp;
    std::string path(const char *name) const { return m_tmp.filePath(QString::fromUtf8(name)).toStdString(); }
};

void TestSelfInstructLoop::promptsAndValidation()
{
    for (const char *lang : {"en", "zh"}) {
        const PromptSet p = defaultPrompts(lang);
        validatePrompts(p);
        QCOMPARE(promptsFromJson(promptsToJson(p), lang).instructions, p.instructions);
        const std::string prompt = instructionsPrompt(p, {"a b c", "d e f"});
        QVERIFY(prompt.find("1. a b c\n2. d e f\n3.") != std::string::npos);
        QVERIFY(prompt.size() >= 2 && prompt.compare(prompt.size() - 2, 2, "3.") == 0);
    }
    // A missing placeholder names the template.
    try {
        promptsFromJson(json{{"classify", "no placeholders here"}}, "en");
        QFAIL("accepted a template without its placeholders");
    } catch (const sft::Error &e) {
        QVERIFY2(std::string(e.what()).find("\"classify\"") != std::string::npos, e.what());
        QVERIFY(std::string(e.what()).find("{examples}") != std::string::npos);
    }
    QVERIFY_THROWS_EXCEPTION(sft::Error, promptsFromJson(json{{"batch", "{examples}{count}{next}{typo}"}}, "en"));
    QVERIFY_THROWS_EXCEPTION(sft::Error, promptsFromJson(json{{"nonsense", "x"}}, "en"));
    // Literal braces are fine.
    promptsFromJson(json{{"classify", "JSON {\"a\": 1} {examples}{task}"}}, "en");

    // The labels the parsers read back.
    const PromptSet en = defaultPrompts("en");
    ExampleTask clf{"Is it spam?", {{"Win money now", "Yes"}}, true};
    ExampleTask gen{"Write a haiku.", {{"", "Old pond"}}, false};
    const std::string c = classifyPrompt(en, {clf, gen}, "New task");
    QVERIFY(c.find("Task: Is it spam?\nIs it classification? Yes\n") != std::string::npos);
    QVERIFY(c.find("Task: Write a haiku.\nIs it classification? No\n") != std::string::npos);
    const std::string in = inputFirstPrompt(en, {gen}, "New task");
    QVERIFY(in.find("Example 1\nInput: <noinput>\nOutput: Old pond\n") != std::string::npos);
    QVERIFY(in.size() > 15 && in.compare(in.size() - 15, 15, "Task: New task\n") == 0);
    const std::string out = outputFirstPrompt(en, {clf}, "New task");
    QVERIFY(out.find("Class label: Yes\nInput: Win money now\n") != std::string::npos);
    const std::string batch = batchPrompt(en, {gen, clf}, 20);
    QVERIFY(batch.find("list of 20 tasks") != std::string::npos);
    QVERIFY(batch.find("Task 1\nInstruction: Write a haiku.\nInput: <noinput>\nOutput: Old pond\n") != std::string::npos);
    QVERIFY(batch.size() > 7 && batch.compare(batch.size() - 7, 7, "Task 3\n") == 0);
    // The parsers accept what the prompts show.
    QCOMPARE(parseInputFirstInstances("Example 1\nInput: <noinput>\nOutput: Old pond\n", false).size(), std::size_t(1));
    QCOMPARE(parseOutputFirstInstances("Class label: Yes\nInput: Win money now\n", false).size(), std::size_t(1));
    QVERIFY(parseIsClassification(" Yes"));

    const PromptSet zh = defaultPrompts("zh");
    const std::string zin = inputFirstPrompt(zh, {gen}, "新任务");
    QVERIFY(zin.find("示例 1\n输入：<无输入>\n输出：Old pond\n") != std::string::npos);
    QVERIFY(classifyPrompt(zh, {clf}, "新任务").find("任务：Is it spam?\n是否为分类任务？是\n") != std::string::npos);
    QVERIFY(outputFirstPrompt(zh, {clf}, "新任务").find("类别：Yes\n输入：Win money now\n") != std::string::npos);
    QVERIFY(batchPrompt(zh, {gen}, 20).find("任务 1\n指令：Write a haiku.\n输入：<无输入>\n输出：Old pond\n") != std::string::npos);
}

void TestSelfInstructLoop::configValidation()
{
    const RunConfig d = RunConfig::fromJson(json::object());
    QCOMPARE(d.target, std::int64_t(100));
    QCOMPARE(d.threshold, 0.7);
    QCOMPARE(d.tokenizer, std::string("rouge"));
    QCOMPARE(RunConfig::fromJson(json{{"language", "zh"}}).tokenizer, std::string("cjk"));
    QCOMPARE(RunConfig::fromJson(json{{"language", "zh"}}).prompts.language, std::string("zh"));
    // Round trip: the saved config reads back to itself.
    QVERIFY(RunConfig::fromJson(d.toJson()).toJson() == d.toJson());

    auto fieldOf = [](const json &j) -> std::string {
        try {
            RunConfig::fromJson(j, "cfg.json");
        } catch (const sft::Error &e) {
            return e.where().field;
        }
        return "(accepted)";
    };
    QCOMPARE(fieldOf(json{{"sampling", {{"temperature", 5}}}}), std::string("sampling.temperature"));
    QCOMPARE(fieldOf(json{{"sampling", {{"top_k", 5}}}}), std::string("sampling.top_k"));
    QCOMPARE(fieldOf(json{{"backend", {{"api_key", "sk-secret"}}}}), std::string("backend.api_key"));
    QCOMPARE(fieldOf(json{{"backend", {{"kind", "local"}}}}), std::string("backend.model"));
    QCOMPARE(fieldOf(json{{"backend", {{"api", "edits"}}}}), std::string("backend.api"));
    QCOMPARE(fieldOf(json{{"threshold", 0}}), std::string("threshold"));
    QCOMPARE(fieldOf(json{{"mode", "evol"}}), std::string("mode"));
    QCOMPARE(fieldOf(json{{"targett", 5}}), std::string("targett"));
    QCOMPARE(fieldOf(json{{"instructions_per_request", 9}}), std::string("instructions_per_request"));
    QCOMPARE(fieldOf(json{{"prompts", {{"instructions", "{next}"}}}}), std::string("prompts"));
    QCOMPARE(fieldOf(json{{"filters", {{"nosuchrule", true}}}}), std::string("filters"));
    QCOMPARE(fieldOf(json{{"target", 1.5}}), std::string("target"));

    // A new run copies the seeds in; the same config again is fine, another one is refused.
    const std::string dir = path("cfgrun");
    std::ofstream(dir + ".json") << json{{"seeds", kSeeds}, {"target", 5}}.dump();
    const RunConfig saved = prepareRunFolder(dir, dir + ".json");
    QCOMPARE(saved.seeds, std::string("seeds.jsonl"));
    QCOMPARE(loadSeedTasks(dir + "/seeds.jsonl").size(), loadSeedTasks(kSeeds).size());
    QVERIFY(readRunConfig(dir).toJson() == saved.toJson());
    prepareRunFolder(dir, dir + ".json");
    std::ofstream(dir + ".other.json") << json{{"seeds", kSeeds}, {"target", 6}}.dump();
    QVERIFY_THROWS_EXCEPTION(sft::Error, prepareRunFolder(dir, dir + ".other.json"));
}

void TestSelfInstructLoop::samplerCounts()
{
    std::vector<std::string> seeds;
    for (int i = 0; i < 20; ++i)
        seeds.push_back("seed " + std::to_string(i));
    const std::vector<std::string> one{"gen 0"};
    std::vector<std::string> many;
    for (int i = 0; i < 10; ++i)
        many.push_back("gen " + std::to_string(i));
    TaskSampler s(seeds, 42);
    std::map<std::string, int> freq;
    const int n = 4000;
    for (int id = 0; id < n; ++id) {
        const SampledInstructions a = s.sample(std::uint64_t(id), one);
        QCOMPARE(a.fromSeeds, 8);   // all from the seeds until 2 generated exist
        QCOMPARE(a.fromGenerated, 0);
        const SampledInstructions b = s.sample(std::uint64_t(id), many);
        QCOMPARE(b.fromSeeds, 6);
        QCOMPARE(b.fromGenerated, 2);
        QCOMPARE(b.instructions.size(), std::size_t(8));
        QCOMPARE(std::set<std::string>(b.instructions.begin(), b.instructions.end()).size(), std::size_t(8));
        int gens = 0;
        for (const std::string &x : b.instructions) {
            ++freq[x];
            gens += x.rfind("gen", 0) == 0;
        }
        QCOMPARE(gens, 2);
        // Deterministic per request id, whatever was asked before.
        QCOMPARE(s.sample(std::uint64_t(id), many).instructions, b.instructions);
    }
    // Every seed and every generated one is drawn about as often as expected (6/20 and 2/10 per request).
    for (const std::string &x : seeds)
        QVERIFY2(std::abs(freq[x] - n * 6 / 20) < n * 6 / 20 / 5, x.c_str());
    for (const std::string &x : many)
        QVERIFY2(std::abs(freq[x] - n * 2 / 10) < n * 2 / 10 / 5, x.c_str());
    // Order is shuffled: generated ones are not always in the same slots.
    std::set<std::size_t> positions;
    for (int id = 0; id < 50; ++id) {
        const auto b = s.sample(std::uint64_t(id), many);
        for (std::size_t i = 0; i < b.instructions.size(); ++i)
            if (b.instructions[i].rfind("gen", 0) == 0)
                positions.insert(i);
    }
    QCOMPARE(positions.size(), std::size_t(8));
    // Another run seed, other prompts.
    QVERIFY(TaskSampler(seeds, 43).sample(0, many).instructions != s.sample(0, many).instructions);
}

void TestSelfInstructLoop::clientBasics()
{
    using sft::openai::OpenAiClient;
    QCOMPARE(OpenAiClient::splitBaseUrl("http://127.0.0.1:8080/v1").first, std::string("http://127.0.0.1:8080"));
    QCOMPARE(OpenAiClient::splitBaseUrl("http://127.0.0.1:8080/v1/").second, std::string("/v1"));
    QCOMPARE(OpenAiClient::splitBaseUrl("https://api.example.com/openai/v1").second, std::string("/openai/v1"));
    QCOMPARE(OpenAiClient::splitBaseUrl("http://localhost:11434").second, std::string());
    QVERIFY_THROWS_EXCEPTION(sft::Error, OpenAiClient::splitBaseUrl("ftp://x/v1"));
    QVERIFY_THROWS_EXCEPTION(sft::Error, OpenAiClient::splitBaseUrl("http://user:key@host/v1"));
    QCOMPARE(OpenAiClient::parseRetryAfter("3"), 3.0);
    QCOMPARE(OpenAiClient::parseRetryAfter("junk"), -1.0);
    QCOMPARE(OpenAiClient::parseRetryAfter("Thu, 01 Jan 1970 00:00:00 GMT"), 0.0);
    QCOMPARE(OpenAiClient::errorMessage(R"({"error":{"message":"bad thing","param":"max_tokens"}})"),
             std::string("bad thing (param max_tokens)"));
    sft::openai::OpenAiClientOptions o;
    o.model = "m";
    OpenAiClient c(o);
    const json body = json::parse(c.requestBody(sft::openai::CompletionRequest{"hi", 16, 0.5, 0.9, {"\n"}, 7}));
    QCOMPARE(body["prompt"].get<std::string>(), std::string("hi"));
    QCOMPARE(body["max_tokens"].get<int>(), 16);
    QCOMPARE(body["stop"][0].get<std::string>(), std::string("\n"));
    QCOMPARE(body["seed"].get<int>(), 7);
    const auto r = c.parseResponse(R"({"choices":[{"text":"x","finish_reason":"length"}],"usage":{"prompt_tokens":3,"completion_tokens":4}})");
    QCOMPARE(r.text, std::string("x"));
    QCOMPARE(r.finishReason, std::string("length"));
    QCOMPARE(r.completionTokens, std::int64_t(4));
    QVERIFY_THROWS_EXCEPTION(sft::Error, c.parseResponse("not json"));
    // Cancel is honoured while waiting for a slow answer.
    ScriptedServer slow([](const ScriptedRequest &) {
        ScriptedReply r;
        r.delayMs = 3000;
        return r;
    });
    o.baseUrl = slow.baseUrl();
    OpenAiClient sc(o);
    std::atomic<bool> cancel{false};
    std::thread t([&cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        cancel = true;
    });
    QVERIFY_THROWS_EXCEPTION(sft::Cancelled, sc.complete(sft::openai::CompletionRequest{"x"}, &cancel));
    t.join();
}

void TestSelfInstructLoop::filtersAndRouting()
{
    // New instructions, each aimed at one outcome, all in the first answer (so their ids follow the
    // list whatever the threads do); later requests bring nothing.
    const std::vector<std::string> listA = {
        "Describe the main causes of the French Revolution in a short essay.",   // kept, input-first
        "Is the tone of this tweet positive, negative or neutral?",              // classification, kept
        "Write a short poem about the morning sun.",                             // a seed: rouge
        "Do it now.",                                                            // length
        "Draw a cat sitting on a windowsill at night.",                           // blacklist_en
        "Write a program that sorts a list of numbers.",                         // write_program
        "(Optional) Summarize the news article in three sentences.",             // punctuation_start
        "Describe the history of OpenAI as a company briefly.",                  // blacklist_zh
    };
    const std::vector<std::string> listB = {
        "Repeat the given word back exactly as it is written.",      // input_equals_output (all instances)
        "Write a cheerful chant for a football crowd to sing.",      // repetition
        "Name a famous landmark in the given city.",                 // kept, one duplicate instance dropped
        "Recommend a board game for the described group of friends.",   // no_instances
        "Tell whether the fruit is sweet or sour.",                  // classification, kept
        "Propose a weekend itinerary for a first visit to Lisbon.",  // kept, one instance dropped (input = output)
        "Convert the temperature from Celsius to Fahrenheit.",       // kept
        "Describe the main causes of the French Revolution in a short essay.",   // rouge against a kept one
    };
    std::atomic<int> instructionRequests{0};
    ScriptedServer server([&](const ScriptedRequest &r) {
        ScriptedReply rep;
        if (r.kind == "instructions") {
            std::vector<std::string> all = listA;
            all.insert(all.end(), listB.begin(), listB.end());
            rep.text = instructionRequests++ == 0 ? numbered(all, 9) : " ";
            return rep;
        }
        if (r.kind == "classify") {
            rep.text = r.task.find("tone") != std::string::npos || r.task.find("sweet or sour") != std::string::npos ? " Yes" : " No";
            return rep;
        }
        const std::string &t = r.task;
        if (t.find("Repeat the given word") != std::string::npos)
            rep.text = "Example 1\nInput: hello\nOutput: hello\n";
        else if (t.find("chant") != std::string::npos)
            rep.text = "Example 1\nInput: <noinput>\nOutput: go team go team go team go team go team go team go team go team "
                       "go team go team\n";
        else if (t.find("landmark") != std::string::npos)
            rep.text = "Example 1\nInput: Paris\nOutput: The Eiffel Tower\nExample 2\nInput: Paris\nOutput: The Eiffel "
                       "Tower\nExample 3\nInput: Rome\nOutput: The Colosseum\n";
        else if (t.find("board game") != std::string::npos)
            rep.text = "I am not sure what to say here.";
        else if (t.find("Lisbon") != std::string::npos)
            rep.text = "Example 1\nInput: <noinput>\nOutput: Day one: Alfama and the castle. Day two: Belem.\n"
                       "Example 2\nInput: same\nOutput: same\n";
        else if (r.kind == "output_first")
            rep.text = "Class label: Positive\nInput: What a lovely day\nClass label: Negative\nInput: This is awful\n";
        else
            rep.text = "Example 1\nInput: 25 C\nOutput: 77 F\n";
        return rep;
    });
    const std::string dir = path("filters");
    const Outcome o = runSession(dir, baseConfig(server, 4));
    QVERIFY2(o.error.empty(), o.error.c_str());
    QCOMPARE(o.result.reason, std::string("exhausted"));

    std::map<std::string, json> byInstruction;
    std::vector<json> cands = readLines(dir + "/candidates.jsonl");
    for (const json &c : cands)
        if (!byInstruction.count(c["instruction"]))
            byInstruction[c["instruction"]] = c;
    QCOMPARE(cands.size(), std::size_t(16));
    const std::map<std::string, std::string> expected = {
        {listA[0], ""}, {listA[1], ""}, {listA[2], "rouge"}, {listA[3], "length"}, {listA[4], "blacklist_en"},
        {listA[5], "write_program"}, {listA[6], "punctuation_start"}, {listA[7], "blacklist_zh"},
        {listB[0], "input_equals_output"}, {listB[1], "repetition"}, {listB[2], ""}, {listB[3], "no_instances"},
        {listB[4], ""}, {listB[5], ""}, {listB[6], ""}};
    for (const auto &[instruction, rule] : expected) {
        QVERIFY2(byInstruction.count(instruction), instruction.c_str());
        const json &c = byInstruction[instruction];
        QVERIFY2(c["rule"].get<std::string>() == rule, (instruction + ": " + c["rule"].get<std::string>()).c_str());
        QCOMPARE(c["kept"].get<bool>(), rule.empty());
        if (!rule.empty())
            QVERIFY(!c["reason"].get<std::string>().empty());
    }
    // The repeated French Revolution task (a later candidate) is rejected against the kept one.
    QCOMPARE(cands[15]["instruction"].get<std::string>(), listB[7]);
    QCOMPARE(cands[15]["rule"].get<std::string>(), std::string("rouge"));
    QCOMPARE(cands[15]["nearest"].get<std::string>(), listA[0]);
    QCOMPARE(cands[15]["rouge_best"].get<double>(), 1.0);
    QCOMPARE(byInstruction[listA[3]]["reason_args"]["count"].get<int>(), 3);
    QCOMPARE(byInstruction[listA[4]]["reason_args"]["keyword"].get<std::string>(), std::string("draw"));
    // Dropped instances are listed with their rule; the kept ones remain.
    const json &landmark = byInstruction[listB[2]];
    QCOMPARE(landmark["instances"].size(), std::size_t(2));
    QCOMPARE(landmark["dropped_instances"][0]["rule"].get<std::string>(), std::string("duplicate_instance"));
    QCOMPARE(byInstruction[listB[5]]["dropped_instances"][0]["rule"].get<std::string>(), std::string("input_equals_output"));

    // Classification routing: output-first exactly for the tasks classified yes; nothing asked
    // for instructions an early check (pool, instruction rules) had already rejected.
    std::set<std::string> outputFirst, inputFirst, classified;
    for (const ScriptedRequest &r : server.requests()) {
        if (r.kind == "output_first")
            outputFirst.insert(r.task);
        else if (r.kind == "input_first")
            inputFirst.insert(r.task);
        else if (r.kind == "classify")
            classified.insert(r.task);
    }
    QCOMPARE(outputFirst, (std::set<std::string>{listA[1], listB[4]}));
    QVERIFY(!inputFirst.count(listA[1]) && !inputFirst.count(listB[4]));
    for (std::size_t i = 2; i < listA.size(); ++i)
        QVERIFY2(!classified.count(listA[i]), listA[i].c_str());
    QVERIFY(byInstruction[listA[1]]["is_classification"].get<bool>());
    QVERIFY(!byInstruction[listA[0]]["is_classification"].get<bool>());
    // Kept output-first instances: the label is the output, the generated text the input.
    QCOMPARE(byInstruction[listA[1]]["instances"][0]["output"].get<std::string>(), std::string("Positive"));
    QCOMPARE(byInstruction[listA[1]]["instances"][0]["input"].get<std::string>(), std::string("What a lovely day"));

    // The last progress event adds up.
    const json progress = eventsOf(o, "progress").back();
    QCOMPARE(progress["kept"].get<int>(), 6);
    QCOMPARE(progress["candidates"].get<int>(), 16);
    QCOMPARE(progress["classification"].get<int>(), 2);
    QCOMPARE(progress["rejected"]["rouge"].get<int>(), 2);
    QCOMPARE(progress["pool"].get<int>(), 16 + 6);
    QCOMPARE(o.landed.size(), std::size_t(6));
    QCOMPARE(eventsOf(o, "done").size(), std::size_t(1));
    // events.jsonl holds exactly what was emitted.
    QCOMPARE(readLines(dir + "/events.jsonl").size(), o.events.size());
}

void TestSelfInstructLoop::samplingAndRougeAgainstBruteForce()
{
    std::atomic<std::uint64_t> invented{0};
    ScriptedServer server([&](const ScriptedRequest &r) {
        if (r.kind != "instructions")
            return genericInstances(r);
        std::vector<std::string> items;
        for (int i = 0; i < 8; ++i) {
            const std::uint64_t n = invented++;
            // Every fourth one echoes an instruction of the prompt with a word changed: high ROUGE-L.
            if (n % 4 == 3 && !r.shown.empty()) {
                std::string s = r.shown[n % r.shown.size()];
                s.insert(0, "Please ");
                items.push_back(s);
            } else {
                items.push_back(inventInstruction(n));
            }
        }
        ScriptedReply rep;
        rep.text = numbered(items, int(r.shown.size()) + 1);
        return rep;
    });
    json cfg = baseConfig(server, 4);
    cfg["target"] = 120;
    const std::string dir = path("sampling");
    const Outcome o = runSession(dir, cfg);
    QVERIFY2(o.error.empty(), o.error.c_str());
    QCOMPARE(o.result.reason, std::string("target"));
    QCOMPARE(o.result.kept, std::int64_t(120));

    // 6 + 2 per request (8 from the seeds while fewer than 2 were kept), checked on the prompts themselves.
    std::vector<std::string> seedTexts;
    for (const SeedTask &s : loadSeedTasks(kSeeds))
        seedTexts.push_back(s.instruction);
    const std::set<std::string> seedSet(seedTexts.begin(), seedTexts.end());
    std::vector<std::string> keptInOrder;
    for (const json &c : readLines(dir + "/candidates.jsonl"))
        if (c["kept"].get<bool>())
            keptInOrder.push_back(c["instruction"].get<std::string>());
    int withGenerated = 0, instructionRequests = 0;
    for (const json &r : readLines(dir + "/requests.jsonl")) {
        if (r["kind"] != "instructions")
            continue;
        ++instructionRequests;
        const std::string prompt = r["prompt"];
        QCOMPARE(ScriptedServer::kindOf(prompt), std::string("instructions"));
        // The generated ones come from what was kept when the request was made.
        const auto available = r["shown"]["available"].get<std::size_t>();
        QVERIFY(available <= keptInOrder.size());
        const std::set<std::string> keptThen(keptInOrder.begin(), keptInOrder.begin() + std::ptrdiff_t(available));
        int fromSeeds = 0, fromKept = 0;
        std::set<std::string> distinct;
        for (int i = 1; i <= 8; ++i) {
            const std::string tag = std::to_string(i) + ". ";
            const std::size_t at = prompt.find("\n" + tag);
            QVERIFY(at != std::string::npos);
            const std::size_t b = at + 1 + tag.size();
            const std::string item = prompt.substr(b, prompt.find('\n', b) - b);
            fromSeeds += seedSet.count(item);
            fromKept += keptThen.count(item);
            distinct.insert(item);
        }
        QCOMPARE(int(distinct.size()), 8);
        QCOMPARE(fromSeeds + fromKept, 8);
        QCOMPARE(fromSeeds, r["shown"]["seeds"].get<int>());
        QCOMPARE(fromKept, r["shown"]["generated"].get<int>());
        // 8 seeds until 2 generated exist, then 6 + 2.
        QCOMPARE(fromKept, available >= 2 ? 2 : 0);
        withGenerated += fromKept == 2;
    }
    QVERIFY(instructionRequests >= 15);
    QVERIFY(withGenerated >= instructionRequests - 4);

    // Every candidate's highest ROUGE-L equals a brute-force check against the pool at its decision
    // (seeds, then the kept ones in decision order), and the verdict follows the threshold.
    sft::rouge::TokenizerOptions tok;
    PoolIndex brute(tok);
    for (const std::string &s : seedTexts)
        brute.add(s);
    int rougeRejected = 0;
    std::int64_t expectId = 0;
    for (const json &c : readLines(dir + "/candidates.jsonl")) {
        QCOMPARE(c["id"].get<std::int64_t>(), expectId++);
        const PoolMatch m = brute.bestBruteForce(c["instruction"].get<std::string>());
        QCOMPARE(c["rouge_best"].get<double>(), m.score);
        if (m.score > 0)
            QCOMPARE(c["nearest"].get<std::string>(), brute.text(m.nearest));
        QCOMPARE(c["rule"].get<std::string>() == "rouge", m.score >= 0.7);
        rougeRejected += m.score >= 0.7;
        if (c["kept"].get<bool>())
            brute.add(c["instruction"].get<std::string>());
    }
    QVERIFY(rougeRejected > 5);
}

void TestSelfInstructLoop::retriesOn429AndTimeout()
{
    std::atomic<std::uint64_t> invented{1000};
    ScriptedServer server([&](const ScriptedRequest &r) {
        ScriptedReply rep;
        if (r.kind == "instructions") {
            if (r.index == 0 && r.attempt == 1) {   // rate limited, with the server's Retry-After
                rep.status = 429;
                rep.retryAfter = "1";
                rep.errorMessage = "slow down";
                return rep;
            }
            rep.text = numbered({inventInstruction(invented++), inventInstruction(invented++)}, 9);
            return rep;
        }
        if (r.kind == "classify" && r.attempt == 1) {   // longer than the client's timeout
            rep.delayMs = 1500;
            rep.text = " No";
            return rep;
        }
        if (r.kind == "input_first" && r.attempt == 1) {   // a server error without Retry-After
            rep.status = 503;
            return rep;
        }
        return genericInstances(r);
    });
    json cfg = baseConfig(server, 1);
    cfg["target"] = 2;
    const std::string dir = path("retries");
    const Outcome o = runSession(dir, cfg, nullptr, 0.5);
    QVERIFY2(o.error.empty(), o.error.c_str());
    QCOMPARE(o.result.reason, std::string("target"));
    const auto retries = eventsOf(o, "retry");
    std::map<int, json> byStatus;
    for (const json &e : retries)
        byStatus.emplace(e["status"].get<int>(), e);
    QVERIFY(byStatus.count(429));
    QCOMPARE(byStatus[429]["wait_s"].get<double>(), 1.0);   // Retry-After honoured
    QCOMPARE(byStatus[429]["attempt"].get<int>(), 2);
    QVERIFY(byStatus[429]["message"].get<std::string>().find("slow down") != std::string::npos);
    QCOMPARE(byStatus[429]["request"].get<int>(), 0);
    QVERIFY(byStatus.count(0));   // the timeout
    QVERIFY(byStatus.count(503));
    QVERIFY(byStatus[503]["wait_s"].get<double>() >= 0.025 && byStatus[503]["wait_s"].get<double>() <= 0.05);
    // Each retried request reports its attempts; all of them completed.
    std::map<std::int64_t, int> attempts;
    for (const json &e : eventsOf(o, "request")) {
        QVERIFY(e["ok"].get<bool>());
        attempts[e["id"].get<std::int64_t>()] = e["attempts"].get<int>();
    }
    for (const json &e : retries)
        QCOMPARE(attempts[e["request"].get<std::int64_t>()], 2);
}

void TestSelfInstructLoop::clientErrorIsFatal()
{
    ScriptedServer server([](const ScriptedRequest &) {
        ScriptedReply rep;
        rep.status = 400;
        rep.errorMessage = "This model's maximum context length is 2048 tokens";
        return rep;
    });
    const std::string dir = path("fatal");
    const Outcome o = runSession(dir, baseConfig(server, 2));
    QVERIFY(o.error.find("maximum context length") != std::string::npos);
    QVERIFY(o.error.find("HTTP 400") != std::string::npos);
    QVERIFY(eventsOf(o, "retry").empty());   // a 4xx is not retried
    QCOMPARE(eventsOf(o, "error").size(), std::size_t(1));
    QCOMPARE(eventsOf(o, "request").at(0)["ok"].get<bool>(), false);
    QCOMPARE(server.requests().size(), std::size_t(1));
    QVERIFY(readAll(dir + "/requests.jsonl").empty());
    QVERIFY(!std::filesystem::exists(dir + "/worker.pid"));
}

void TestSelfInstructLoop::budgets()
{
    std::atomic<std::uint64_t> invented{2000};
    auto script = [&](const ScriptedRequest &r) {
        ScriptedReply rep = genericInstances(r);
        if (r.kind == "instructions")
            rep.text = numbered({inventInstruction(invented++), inventInstruction(invented++), inventInstruction(invented++)}, 9);
        rep.promptTokens = 100;
        rep.completionTokens = 20;
        return rep;
    };
    {
        ScriptedServer server(script);
        json cfg = baseConfig(server, 3);
        cfg["max_requests"] = 5;
        const std::string dir = path("budget-requests");
        const Outcome o = runSession(dir, cfg);
        QCOMPARE(o.result.reason, std::string("max_requests"));
        QCOMPARE(readLines(dir + "/requests.jsonl").size(), std::size_t(5));
        QCOMPARE(server.requests().size(), std::size_t(5));
        // A resume stays within the budget.
        const Outcome again = runSession(dir, json());
        QCOMPARE(again.result.reason, std::string("max_requests"));
        QCOMPARE(server.requests().size(), std::size_t(5));
        QVERIFY(again.resumed);
    }
    {
        ScriptedServer server(script);
        json cfg = baseConfig(server, 1);
        cfg["max_tokens"] = 300;
        const std::string dir = path("budget-tokens");
        const Outcome o = runSession(dir, cfg);
        QCOMPARE(o.result.reason, std::string("max_tokens"));
        QCOMPARE(readLines(dir + "/requests.jsonl").size(), std::size_t(3));   // 120, 240, 360 tokens
        const json p = eventsOf(o, "progress").back();
        QCOMPARE(p["prompt_tokens"].get<int>(), 300);
        QCOMPARE(p["completion_tokens"].get<int>(), 60);
    }
}

void TestSelfInstructLoop::exhausted()
{
    // The model only repeats the prompt's own instructions: nothing new survives the pool check.
    ScriptedServer server([](const ScriptedRequest &r) {
        ScriptedReply rep = genericInstances(r);
        if (r.kind == "instructions")
            rep.text = numbered({r.shown[0], r.shown[1]}, 9);
        return rep;
    });
    json cfg = baseConfig(server, 2);
    cfg["stop_after_empty_requests"] = 4;
    const std::string dir = path("exhausted");
    const Outcome o = runSession(dir, cfg);
    QCOMPARE(o.result.reason, std::string("exhausted"));
    QCOMPARE(o.result.kept, std::int64_t(0));
    QCOMPARE(server.requests().size(), std::size_t(4));
    for (const json &c : readLines(dir + "/candidates.jsonl"))
        QCOMPARE(c["rule"].get<std::string>(), std::string("rouge"));
    QCOMPARE(readLines(dir + "/candidates.jsonl").size(), std::size_t(8));
}

void TestSelfInstructLoop::alpacaMode()
{
    std::atomic<std::uint64_t> invented{3000};
    ScriptedServer server([&](const ScriptedRequest &r) {
        ScriptedReply rep;
        if (r.kind != "batch") {
            rep.status = 500;
            return rep;
        }
        const std::string a = inventInstruction(invented++), b = inventInstruction(invented++);
        rep.text = "Instruction: " + a + "\nInput: <noinput>\nOutput: An answer.\n\nTask 5\nInstruction: " + b
            + "\nInput: some text\nOutput: some text\n\nTask 6\nInstruction: Write a program to add numbers.\nInput: 1 2\n"
              "Output: 3\n\nTask 7\nInstruction: cut off";
        rep.finish = "length";
        return rep;
    });
    json cfg = baseConfig(server, 2);
    cfg["mode"] = "alpaca";
    cfg["target"] = 4;
    const std::string dir = path("alpaca");
    const Outcome o = runSession(dir, cfg);
    QVERIFY2(o.error.empty(), o.error.c_str());
    QCOMPARE(o.result.reason, std::string("target"));
    for (const ScriptedRequest &r : server.requests()) {
        QCOMPARE(r.kind, std::string("batch"));
        QVERIFY(r.prompt.find("list of 20 tasks") != std::string::npos);
        QVERIFY(r.prompt.size() > 7 && r.prompt.compare(r.prompt.size() - 7, 7, "Task 4\n") == 0);
        QCOMPARE(r.body["stop"][0].get<std::string>(), std::string("\nTask 21"));
    }
    std::map<std::string, int> rules;
    for (const json &c : readLines(dir + "/candidates.jsonl"))
        ++rules[c["rule"].get<std::string>()];
    QCOMPARE(rules[""], 4);
    QVERIFY(rules["input_equals_output"] >= 1);
    QVERIFY(rules["write_program"] >= 1);
    QVERIFY(!readAll(dir + "/candidates.jsonl").empty());
    QVERIFY(readAll(dir + "/candidates.jsonl").find("cut off") == std::string::npos);   // the cut-off task is dropped
}

void TestSelfInstructLoop::chatApiAndKey()
{
    const std::string key = "sk-test-0123456789abcdef";
    qputenv("SFTBENCH_TEST_LOOP_KEY", QByteArray::fromStdString(key));
    std::atomic<std::uint64_t> invented{4000};
    ScriptedServer server([&](const ScriptedRequest &r) {
        ScriptedReply rep;
        if (r.authorization != "Bearer " + key) {
            rep.status = 401;
            rep.errorMessage = "Incorrect API key provided";
            return rep;
        }
        if (r.path != "/v1/chat/completions" || r.body["messages"][0]["role"] != "user") {
            rep.status = 400;
            return rep;
        }
        if (r.kind == "instructions") {   // a chat model answers with a list
            rep.text = "9. " + inventInstruction(invented++);
            return rep;
        }
        return genericInstances(r);
    });
    json cfg = baseConfig(server, 1);
    cfg["backend"]["api"] = "chat";
    cfg["backend"]["model"] = "served-model";
    cfg["backend"]["api_key_env"] = "SFTBENCH_TEST_LOOP_KEY";
    cfg["target"] = 2;
    const std::string dir = path("chat");
    const Outcome o = runSession(dir, cfg, nullptr, 30, "SFTBENCH_TEST_LOOP_KEY");
    QVERIFY2(o.error.empty(), o.error.c_str());
    QCOMPARE(o.result.kept, std::int64_t(2));
    QCOMPARE(server.requests().at(0).body["model"].get<std::string>(), std::string("served-model"));
    // The key is nowhere in the run folder.
    for (const auto &f : std::filesystem::directory_iterator(dir))
        QVERIFY2(readAll(f.path().string()).find(key) == std::string::npos, f.path().c_str());
    // Without the key: a clear 401.
    qunsetenv("SFTBENCH_TEST_LOOP_KEY");
    const Outcome denied = runSession(path("chat-denied"), cfg, nullptr, 30, "SFTBENCH_TEST_LOOP_KEY");
    QVERIFY(denied.error.find("HTTP 401") != std::string::npos);
    QVERIFY(denied.error.find("Incorrect API key") != std::string::npos);
}

void TestSelfInstructLoop::chinese()
{
    std::atomic<int> n{0};
    ScriptedServer server([&](const ScriptedRequest &r) {
        ScriptedReply rep;
        if (r.kind == "instructions") {
            rep.text = n++ == 0 ? " 写一首关于秋天落叶的短诗。\n10. 判断这句话的情感是积极还是消极。\n11. 把下面的段落改写得更加简洁。"
                                : " ";
        } else if (r.kind == "classify") {
            rep.text = r.task.find("情感") != std::string::npos ? "是" : "否";
        } else if (r.kind == "output_first") {
            rep.text = "类别：积极\n输入：今天真开心。\n类别：消极\n输入：我很难过。\n";
        } else if (r.kind == "input_first") {
            rep.text = "示例 1\n输入：<无输入>\n输出：金黄的叶子随风飘落。\n";
        } else {
            rep.status = 400;
        }
        return rep;
    });
    json cfg = baseConfig(server, 2);
    cfg["language"] = "zh";
    cfg["stop_after_empty_requests"] = 1;
    const std::string dir = path("chinese");
    const Outcome o = runSession(dir, cfg);
    QVERIFY2(o.error.empty(), o.error.c_str());
    const auto cands = readLines(dir + "/candidates.jsonl");
    QCOMPARE(cands.size(), std::size_t(3));
    for (const json &c : cands)
        QVERIFY2(c["kept"].get<bool>(), c.dump().c_str());
    QVERIFY(cands[1]["is_classification"].get<bool>());
    QCOMPARE(cands[1]["instances"][0]["output"].get<std::string>(), std::string("积极"));
    QCOMPARE(cands[0]["instances"][0]["input"].get<std::string>(), std::string());
    QCOMPARE(readRunConfig(dir).tokenizer, std::string("cjk"));
}

void TestSelfInstructLoop::stopAndResume()
{
    std::atomic<std::uint64_t> invented{5000};
    std::atomic<bool> stop{false};
    std::atomic<int> stopAt{12};
    ScriptedServer server([&](const ScriptedRequest &r) {
        ScriptedReply rep = genericInstances(r);
        if (r.kind == "instructions") {
            std::vector<std::string> items;
            for (int i = 0; i < 5; ++i)
                items.push_back(inventInstruction(invented++));
            rep.text = numbered(items, 9);
        }
        if (r.index == stopAt) {
            stop = true;        // SIGTERM while this request is in flight
            rep.delayMs = 300;
        }
        return rep;
    });
    json cfg = baseConfig(server, 3);
    cfg["target"] = 25;
    const std::string dir = path("resume");
    const Outcome first = runSession(dir, cfg, &stop);
    QVERIFY2(first.error.empty(), first.error.c_str());
    QCOMPARE(first.result.reason, std::string("stopped"));
    QVERIFY(first.result.kept < 25);
    const auto afterFirst = readLines(dir + "/candidates.jsonl");
    QVERIFY(!std::filesystem::exists(dir + "/worker.pid"));

    // A second stop, then the rest.
    stop = false;
    stopAt = int(server.requests().size()) + 9;
    const Outcome second = runSession(dir, json(), &stop);
    QCOMPARE(second.result.reason, std::string("stopped"));
    QVERIFY(second.resumed);
    QCOMPARE(eventsOf(second, "start").at(0)["resumed"].get<bool>(), true);
    stopAt = -1;
    stop = false;
    const Outcome third = runSession(dir, json(), &stop);
    QVERIFY2(third.error.empty(), third.error.c_str());
    QCOMPARE(third.result.reason, std::string("target"));
    QCOMPARE(third.result.kept, std::int64_t(25));

    // Nothing lost, nothing twice: decisions are a prefix of the parsed candidates, each once,
    // and what the sessions landed is exactly the kept tasks.
    std::vector<std::int64_t> parsed;
    std::map<std::int64_t, std::string> parsedText;
    for (const json &r : readLines(dir + "/requests.jsonl"))
        for (const json &c : r.value("candidates", json::array())) {
            parsed.push_back(c["id"].get<std::int64_t>());
            parsedText[c["id"].get<std::int64_t>()] = c["instruction"].get<std::string>();
        }
    std::sort(parsed.begin(), parsed.end());
    QVERIFY(std::adjacent_find(parsed.begin(), parsed.end()) == parsed.end());
    const auto cands = readLines(dir + "/candidates.jsonl");
    QVERIFY(cands.size() >= afterFirst.size());
    std::set<std::int64_t> keptIds;
    for (std::size_t i = 0; i < cands.size(); ++i) {
        QCOMPARE(cands[i]["id"].get<std::int64_t>(), parsed[i]);
        QCOMPARE(cands[i]["instruction"].get<std::string>(), parsedText[parsed[i]]);
        if (cands[i]["kept"].get<bool>())
            keptIds.insert(cands[i]["id"].get<std::int64_t>());
    }
    QCOMPARE(keptIds.size(), std::size_t(25));
    std::vector<std::int64_t> landed;
    for (const Outcome *o : {&first, &second, &third})
        for (const KeptTask &k : o->landed)
            landed.push_back(k.id);
    QCOMPARE(landed.size(), std::size_t(25));
    QCOMPARE(std::set<std::int64_t>(landed.begin(), landed.end()), keptIds);
    // Request ids never repeat across sessions.
    std::set<std::int64_t> ids;
    for (const json &r : readLines(dir + "/requests.jsonl"))
        QVERIFY(ids.insert(r["id"].get<std::int64_t>()).second);
    // A run that reached its target stays done.
    const Outcome fourth = runSession(dir, json());
    QCOMPARE(fourth.result.reason, std::string("target"));
    QVERIFY(fourth.landed.empty());
}

void TestSelfInstructLoop::chatReplies_data()
{
    // What chat models answer to "write 8 new tasks as a numbered list": a preamble, the list at 9 or
    // restarted at 1, bold items, chatter after it. Every row must give exactly A and B.
    QTest::addColumn<QString>("reply");
    QTest::newRow("preamble, list at 9") << QStringLiteral("Here are some new tasks:\n9. {A}\n10. {B}");
    QTest::newRow("restart at 1, chatter") << QStringLiteral("Sure! Here are 2 new tasks:\n\n1. {A}\n2. {B}\n\nLet me know "
                                                             "if you would like more tasks.");
    QTest::newRow("markdown bold") << QStringLiteral("**New tasks**\n\n1. **{A}**\n2. **{B}**\n");
    QTest::newRow("heading") << QStringLiteral("### Tasks\n9) {A}\n10) {B}");
}

void TestSelfInstructLoop::chatReplies()
{
    QFETCH(QString, reply);
    const std::string a = "Describe the migration route of arctic terns.";
    const std::string b = "Suggest three names for a small bakery.";
    const std::string text = fillTemplate(reply.toStdString(), {{"A", a}, {"B", b}});
    std::atomic<int> asked{0};
    ScriptedServer server([&](const ScriptedRequest &r) {
        ScriptedReply rep = genericInstances(r);
        if (r.kind == "instructions")
            rep.text = asked++ == 0 ? text : "I have no more ideas right now.";
        return rep;
    });
    json cfg = baseConfig(server, 1);
    cfg["backend"]["api"] = "chat";
    cfg["stop_after_empty_requests"] = 1;
    const std::string dir = path(("chat-reply-" + std::string(QTest::currentDataTag())).c_str());
    const Outcome o = runSession(dir, cfg);
    QVERIFY2(o.error.empty(), o.error.c_str());
    std::vector<std::string> got;
    for (const json &c : readLines(dir + "/candidates.jsonl")) {
        got.push_back(c["instruction"].get<std::string>());
        QVERIFY2(c["kept"].get<bool>(), c.dump().c_str());
    }
    QCOMPARE(got, (std::vector<std::string>{a, b}));
    // The chat prompt asks for a list; it does not end on an open "9." to continue.
    const ScriptedRequest first = server.requests().at(0);
    QCOMPARE(first.kind, std::string("instructions"));
    QVERIFY(first.prompt.find("Write 8 new tasks as a numbered list, numbered from 9.") != std::string::npos);
    QVERIFY(first.prompt.compare(first.prompt.size() - 2, 2, "9.") != 0);
    QCOMPARE(first.shown.size(), std::size_t(8));
}

void TestSelfInstructLoop::candidateRequestFailed_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("fatal");
    QTest::newRow("400 context length") << 400 << false;
    QTest::newRow("413 too large") << 413 << false;
    QTest::newRow("422 unprocessable") << 422 << false;
    QTest::newRow("401 auth") << 401 << true;
    QTest::newRow("403 forbidden") << 403 << true;
    QTest::newRow("404 no such model") << 404 << true;
}

void TestSelfInstructLoop::candidateRequestFailed()
{
    QFETCH(int, status);
    QFETCH(bool, fatal);
    const std::string good = "Describe the migration route of arctic terns.";
    const std::string bad = "Summarize every chapter of this enormous novel in detail.";
    std::atomic<int> asked{0};
    ScriptedServer server([&](const ScriptedRequest &r) {
        ScriptedReply rep = genericInstances(r);
        if (r.kind == "instructions")
            rep.text = asked++ == 0 ? numbered({bad, good}, 9) : " ";
        else if (r.kind == "classify" && r.task == bad) {
            rep.status = status;
            rep.errorMessage = "This model's maximum context length is 2048 tokens";
        }
        return rep;
    });
    json cfg = baseConfig(server, 1);
    cfg["stop_after_empty_requests"] = 1;
    const std::string dir = path(("cand-fail-" + std::to_string(status)).c_str());
    const Outcome o = runSession(dir, cfg);
    auto badRequests = [&] {
        int n = 0;
        for (const ScriptedRequest &r : server.requests())
            n += r.task == bad;
        return n;
    };
    if (fatal) {
        QVERIFY2(o.error.find("HTTP " + std::to_string(status)) != std::string::npos, o.error.c_str());
        QCOMPARE(eventsOf(o, "error").size(), std::size_t(1));
        return;
    }
    QVERIFY2(o.error.empty(), o.error.c_str());
    QCOMPARE(o.result.reason, std::string("exhausted"));
    const auto cands = readLines(dir + "/candidates.jsonl");
    QCOMPARE(cands.size(), std::size_t(2));
    QCOMPARE(cands[0]["instruction"].get<std::string>(), bad);
    QCOMPARE(cands[0]["kept"].get<bool>(), false);
    QCOMPARE(cands[0]["rule"].get<std::string>(), std::string("request_failed"));
    QVERIFY(cands[0]["reason"].get<std::string>().find("maximum context length") != std::string::npos);
    QCOMPARE(cands[0]["reason_args"]["status"].get<int>(), status);
    QVERIFY(cands[1]["kept"].get<bool>());
    QCOMPARE(eventsOf(o, "progress").back()["rejected"]["request_failed"].get<int>(), 1);
    bool logged = false;
    for (const json &r : readLines(dir + "/requests.jsonl"))
        if (!r.value("ok", true))
            logged = r["candidate"].get<int>() == cands[0]["id"].get<int>() && r["status"].get<int>() == status;
    QVERIFY(logged);
    QCOMPARE(badRequests(), 1);   // a 4xx is not retried
    // A resume does not ask again for the rejected candidate.
    const Outcome again = runSession(dir, json());
    QVERIFY2(again.error.empty(), again.error.c_str());
    QCOMPARE(badRequests(), 1);
    QCOMPARE(readLines(dir + "/candidates.jsonl").size(), std::size_t(2));
}

void TestSelfInstructLoop::nonJsonAnswerRetried()
{
    std::atomic<std::uint64_t> invented{6000};
    ScriptedServer server([&](const ScriptedRequest &r) {
        ScriptedReply rep = genericInstances(r);
        if (r.kind == "instructions") {
            if (r.index == 0) {   // a proxy's page with a 200
                rep.rawBody = "<html><body><h1>502 Bad Gateway</h1></body></html>";
                return rep;
            }
            rep.text = numbered({inventInstruction(invented++)}, 9);
        }
        return rep;
    });
    json cfg = baseConfig(server, 1);
    cfg["target"] = 1;
    const std::string dir = path("nonjson");
    const Outcome o = runSession(dir, cfg);
    QVERIFY2(o.error.empty(), o.error.c_str());
    QCOMPARE(o.result.reason, std::string("target"));
    const auto retries = eventsOf(o, "retry");
    QCOMPARE(retries.size(), std::size_t(1));
    QCOMPARE(retries[0]["status"].get<int>(), 200);
    QVERIFY(retries[0]["message"].get<std::string>().find("not JSON") != std::string::npos);
}

void TestSelfInstructLoop::keyRedacted()
{
    const std::string key = "sk-live-ABCDEFGH12345678";
    const std::string tail = key.substr(key.size() - 8);
    qputenv("SFTBENCH_TEST_REDACT_KEY", QByteArray::fromStdString(key));
    ScriptedServer server([&](const ScriptedRequest &r) {
        ScriptedReply rep;
        if (r.attempt == 1) {   // a retried error that shows the end of the key
            rep.status = 503;
            rep.errorMessage = "upstream refused key ending in " + tail;
        } else {                // a server that echoes the whole key
            rep.status = 401;
            rep.errorMessage = "Incorrect API key provided: " + key + ".";
        }
        return rep;
    });
    json cfg = baseConfig(server, 1);
    cfg["backend"]["api_key_env"] = "SFTBENCH_TEST_REDACT_KEY";
    const std::string dir = path("redact");
    const Outcome o = runSession(dir, cfg, nullptr, 30, "SFTBENCH_TEST_REDACT_KEY");
    qunsetenv("SFTBENCH_TEST_REDACT_KEY");
    QVERIFY(o.error.find("HTTP 401") != std::string::npos);
    QVERIFY2(o.error.find("Incorrect API key provided: ***.") != std::string::npos, o.error.c_str());
    QCOMPARE(eventsOf(o, "retry").size(), std::size_t(1));
    QVERIFY(eventsOf(o, "retry")[0]["message"].get<std::string>().find("ending in ***") != std::string::npos);
    for (const json &e : o.events)
        QVERIFY2(e.dump().find(tail) == std::string::npos, e.dump().c_str());
    for (const auto &f : std::filesystem::directory_iterator(dir)) {
        const std::string text = readAll(f.path().string());
        QVERIFY2(text.find(key) == std::string::npos && text.find(tail) == std::string::npos, f.path().c_str());
    }
    QCOMPARE(sft::openai::OpenAiClient::redactKey("a sk-1234567890 b 34567890 c", "sk-1234567890"),
             std::string("a *** b *** c"));
    QCOMPARE(sft::openai::OpenAiClient::redactKey("nothing here", ""), std::string("nothing here"));
}

void TestSelfInstructLoop::oneWorkerPerFolder()
{
    ScriptedServer server([](const ScriptedRequest &r) { return genericInstances(r); });
    const std::string dir = path("exclusive");
    std::ofstream(dir + ".config.json") << baseConfig(server).dump();
    prepareRunFolder(dir, dir + ".config.json");
    sft::openai::OpenAiClientOptions o;
    o.baseUrl = server.baseUrl();
    sft::openai::OpenAiClient client(o);
    RunOptions ro;
    ro.runDir = dir;
    {
        Run first(ro, client);
        try {
            Run second(ro, client);
            QFAIL("a second worker opened the same run folder");
        } catch (const sft::Error &e) {
            QVERIFY2(std::string(e.what()).find("another worker is running this run") != std::string::npos, e.what());
        }
    }
    // The lock goes with the first; a stale worker.pid from a dead worker does not block.
    std::ofstream(dir + "/worker.pid") << "999999999\n";
    Run third(ro, client);
    QVERIFY(!third.resumed());
}

void TestSelfInstructLoop::responseCapAndAttemptDeadline()
{
    using sft::openai::OpenAiClient;
    const std::string big(5000, 'x');
    ScriptedServer server([&](const ScriptedRequest &) {
        ScriptedReply rep;
        rep.text = big;
        return rep;
    });
    sft::openai::OpenAiClientOptions o;
    o.baseUrl = server.baseUrl();
    o.maxRetries = 0;
    QCOMPARE(OpenAiClient(o).complete(sft::openai::CompletionRequest{"x"}).text, big);
    o.maxResponseBytes = 1000;
    try {
        OpenAiClient(o).complete(sft::openai::CompletionRequest{"x"});
        QFAIL("an answer over the cap was accepted");
    } catch (const sft::openai::RequestError &e) {
        QVERIFY2(std::string(e.what()).find("larger than 1000 bytes") != std::string::npos, e.what());
    }

    // A server that trickles a byte at a time never trips a per-read timeout; the attempt's deadline cuts it.
    httplib::Server slow;
    slow.Post("/v1/completions", [](const httplib::Request &, httplib::Response &res) {
        res.set_chunked_content_provider("application/json", [](std::size_t offset, httplib::DataSink &sink) {
            static const std::string body = R"({"choices":[{"text":"late","finish_reason":"stop"}]})";
            if (offset >= body.size()) {
                sink.done();
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            return sink.is_writable() && sink.write(body.data() + offset, 1);
        });
    });
    const int port = slow.bind_to_any_port("127.0.0.1");
    std::thread t([&slow] { slow.listen_after_bind(); });
    sft::openai::OpenAiClientOptions so;
    so.baseUrl = "http://127.0.0.1:" + std::to_string(port) + "/v1";
    so.maxRetries = 0;
    so.timeoutS = 1;
    std::string error;
    try {
        OpenAiClient(so).complete(sft::openai::CompletionRequest{"x"});
    } catch (const sft::openai::RequestError &e) {
        error = e.what();
    }
    slow.stop();
    t.join();
    QVERIFY2(error.find("no answer within 1 s") != std::string::npos, error.c_str());
}

void TestSelfInstructLoop::englishDefaultFilters()
{
    auto nonAscii = [](const RunConfig &c) {
        for (const sft::rouge::FilterRule &r : c.filters)
            if (r.id == "punctuation_start")
                return r.params.value("non_ascii", false);
        return false;
    };
    QVERIFY(nonAscii(RunConfig::fromJson(json::object())));
    QVERIFY(nonAscii(RunConfig::fromJson(json{{"language", "en"}})));
    QVERIFY(!nonAscii(RunConfig::fromJson(json{{"language", "zh"}})));
    // An explicit rule set is taken as it is.
    QVERIFY(!nonAscii(RunConfig::fromJson(json{{"filters", json::array()}})));
    const RunConfig en = RunConfig::fromJson(json::object());
    const auto v = sft::rouge::RecordFilter(en.filters).check(
        sft::rouge::FilterText{"\xE2\x80\x9C" "Describe the town you grew up in for a travel magazine.\xE2\x80\x9D", {}, "A town by the sea."});
    QVERIFY(v.rejected);
    QVERIFY2(v.rule == "punctuation_start", (v.rule + ": " + v.reason).c_str());
    QVERIFY(!sft::rouge::RecordFilter(en.filters)
                 .check(sft::rouge::FilterText{"Describe the town you grew up in for a travel magazine.", {}, "A town by the sea."})
                 .rejected);
    const RunConfig zh = RunConfig::fromJson(json{{"language", "zh"}});
    QVERIFY(!sft::rouge::RecordFilter(zh.filters).check(sft::rouge::FilterText{"写一首关于秋天的诗。", {}, "落叶。"}).rejected);
}

void TestSelfInstructLoop::seedsWithoutClassification()
{
    std::vector<SeedTask> seeds = loadSeedTasks(kSeeds);
    for (SeedTask &t : seeds)
        t.isClassification = false;
    const std::string seedFile = path("noclf-seeds.jsonl");
    writeSeedsJsonl(seedFile, seeds);
    std::atomic<std::uint64_t> invented{7000};
    ScriptedServer server([&](const ScriptedRequest &r) {
        ScriptedReply rep = genericInstances(r);
        if (r.kind == "instructions")
            rep.text = numbered({inventInstruction(invented++), inventInstruction(invented++)}, 9);
        return rep;
    });
    json cfg = baseConfig(server, 2);
    cfg["seeds"] = seedFile;
    cfg["target"] = 3;
    const std::string dir = path("noclf");
    const Outcome o = runSession(dir, cfg);
    QVERIFY2(o.error.empty(), o.error.c_str());
    QCOMPARE(o.result.reason, std::string("target"));
    QCOMPARE(eventsOf(o, "warning").size(), std::size_t(1));
    QVERIFY(eventsOf(o, "warning")[0]["message"].get<std::string>().find("is_classification") != std::string::npos);
    QVERIFY(readAll(dir + "/events.jsonl").find("\"warning\"") != std::string::npos);
    int instanceRequests = 0;
    for (const ScriptedRequest &r : server.requests()) {
        QVERIFY2(r.kind != "classify" && r.kind != "output_first", r.kind.c_str());
        instanceRequests += r.kind == "input_first";
    }
    QVERIFY(instanceRequests >= 3);
    for (const json &c : readLines(dir + "/candidates.jsonl"))
        QCOMPARE(c["is_classification"].get<bool>(), false);
}

void TestSelfInstructLoop::eventErrorOnErrorPath()
{
    // The event sink fails exactly when the failed request is reported: the run still ends with its error.
    ScriptedServer server([](const ScriptedRequest &) {
        ScriptedReply rep;
        rep.status = 401;
        rep.errorMessage = "no key";
        return rep;
    });
    const std::string dir = path("emit-throws");
    std::ofstream(dir + ".config.json") << baseConfig(server, 2).dump();
    prepareRunFolder(dir, dir + ".config.json");
    sft::openai::OpenAiClientOptions o;
    o.baseUrl = server.baseUrl();
    o.concurrency = 2;
    sft::openai::OpenAiClient client(o);
    RunOptions ro;
    ro.runDir = dir;
    ro.onEvent = [](const json &e) {
        if (e.value("event", std::string()) == "request" && !e.value("ok", true))
            throw std::runtime_error("the event sink is gone");
    };
    Run run(ro, client);
    try {
        run.run();
        QFAIL("the run did not fail");
    } catch (const sft::Error &e) {
        QVERIFY2(std::string(e.what()).find("HTTP 401") != std::string::npos, e.what());
    }
}

void TestSelfInstructLoop::fragmentsResume()
{
    std::atomic<std::uint64_t> invented{8000};
    std::atomic<bool> stop{false};
    ScriptedServer server([&](const ScriptedRequest &r) {
        ScriptedReply rep = genericInstances(r);
        if (r.kind == "instructions")
            rep.text = numbered({inventInstruction(invented++), inventInstruction(invented++)}, 9);
        if (r.index == 4)
            stop = true;
        return rep;
    });
    json cfg = baseConfig(server, 1);
    cfg["target"] = 6;
    const std::string dir = path("fragments");
    const Outcome first = runSession(dir, cfg, &stop);
    QCOMPARE(first.result.reason, std::string("stopped"));
    const std::size_t requestsBefore = readLines(dir + "/requests.jsonl").size();
    const std::size_t candidatesBefore = readLines(dir + "/candidates.jsonl").size();
    // What a kill mid-write leaves: the start of a line without its end.
    std::ofstream(dir + "/requests.jsonl", std::ios::app) << R"({"id": 999, "kind": "instructions", "prompt": "We are bu)";
    std::ofstream(dir + "/candidates.jsonl", std::ios::app) << R"({"id": 998, "instruction": "Half a cand)";
    stop = false;
    const Outcome second = runSession(dir, json(), &stop);
    QVERIFY2(second.error.empty(), second.error.c_str());
    QVERIFY(second.resumed);
    QCOMPARE(second.result.reason, std::string("target"));
    // Every line whole; the fragments are gone, nothing before them lost, no id twice.
    for (const char *f : {"/requests.jsonl", "/candidates.jsonl", "/events.jsonl"}) {
        const std::string text = readAll(dir + f);
        QVERIFY(!text.empty() && text.back() == '\n');
        QVERIFY2(text.find("We are bu\"") == std::string::npos || std::string(f) == "/events.jsonl", f);
    }
    const auto reqs = readLines(dir + "/requests.jsonl");
    const auto cands = readLines(dir + "/candidates.jsonl");
    QVERIFY(reqs.size() > requestsBefore);
    QVERIFY(cands.size() > candidatesBefore);
    std::set<std::int64_t> ids;
    for (const json &r : reqs)
        QVERIFY(ids.insert(r["id"].get<std::int64_t>()).second);
    QVERIFY(!ids.count(999));
    std::set<std::int64_t> cids;
    int kept = 0;
    for (const json &c : cands) {
        QVERIFY(cids.insert(c["id"].get<std::int64_t>()).second);
        kept += c["kept"].get<bool>();
    }
    QVERIFY(!cids.count(998));
    QCOMPARE(kept, 6);
}

void TestSelfInstructLoop::atomicConfigWrite()
{
    // The file is replaced, not rewritten in place: another name for the old file keeps the old text,
    // and no temporary file stays behind.
    const std::string dir = path("atomic");
    std::filesystem::create_directories(dir);
    const std::string file = dir + "/config.json";
    sft::writeFileText(file, "old\n");
    std::filesystem::create_hard_link(file, dir + "/old-link");
    sft::writeFileTextAtomic(file, "new\n");
    QCOMPARE(readAll(file), std::string("new\n"));
    QCOMPARE(readAll(dir + "/old-link"), std::string("old\n"));
    std::size_t entries = 0;
    for (const auto &e : std::filesystem::directory_iterator(dir))
        entries += bool(e.path().filename().string().size());
    QCOMPARE(entries, std::size_t(2));
    QVERIFY_THROWS_EXCEPTION(sft::Error, sft::writeFileTextAtomic(dir + "/no/such/folder/x.json", "x"));
}

QTEST_GUILESS_MAIN(TestSelfInstructLoop)
#include "test_selfinstruct_loop.moc"
