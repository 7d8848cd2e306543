// The Self-Instruct loop's generation against a scripted endpoint
// (scripted_endpoint.h) over real HTTP: prompts and config validation, the
// 6 + 2 sampling, classification routing and every filter rule, the pool's
// ROUGE-L against a brute-force check, the Alpaca mode, Chinese prompts, the
// numbered lists chat models answer with, the default English filters and
// seeds without a classification task.

#include "loop_fixtures.h"

#include <QTemporaryDir>
#include <QTest>

using nlohmann::json;
using namespace sft::selfinstruct;
using namespace sfttest;

class TestSelfInstructLoopGeneration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void promptsAndValidation();
    void configValidation();
    void samplerCounts();
    void filtersAndRouting();
    void samplingAndRougeAgainstBruteForce();
    void alpacaMode();
    void chinese();
    void chatReplies_data();
    void chatReplies();
    void englishDefaultFilters();
    void seedsWithoutClassification();

private:
    QTemporaryDir m_tmp;
    std::string path(const char *name) const { return m_tmp.filePath(QString::fromUtf8(name)).toStdString(); }
};

void TestSelfInstructLoopGeneration::promptsAndValidation()
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

void TestSelfInstructLoopGeneration::configValidation()
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

void TestSelfInstructLoopGeneration::samplerCounts()
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

void TestSelfInstructLoopGeneration::filtersAndRouting()
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

void TestSelfInstructLoopGeneration::samplingAndRougeAgainstBruteForce()
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

void TestSelfInstructLoopGeneration::alpacaMode()
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

void TestSelfInstructLoopGeneration::chinese()
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

void TestSelfInstructLoopGeneration::chatReplies_data()
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

void TestSelfInstructLoopGeneration::chatReplies()
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

void TestSelfInstructLoopGeneration::englishDefaultFilters()
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

void TestSelfInstructLoopGeneration::seedsWithoutClassification()
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

QTEST_GUILESS_MAIN(TestSelfInstructLoopGeneration)
#include "test_selfinstruct_loop_generation.moc"
