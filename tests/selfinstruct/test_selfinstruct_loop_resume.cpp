// The Self-Instruct loop's run folder against a scripted endpoint
// (scripted_endpoint.h) over real HTTP: request and token budgets,
// exhaustion, stop and resume with nothing lost or duplicated, one worker per
// folder, resuming from half-written lines, and the atomic config write.

#include "loop_fixtures.h"

#include <QTemporaryDir>
#include <QTest>

using nlohmann::json;
using namespace sft::selfinstruct;
using namespace sfttest;

class TestSelfInstructLoopResume : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void budgets();
    void exhausted();
    void stopAndResume();
    void oneWorkerPerFolder();
    void fragmentsResume();
    void atomicConfigWrite();

private:
    QTemporaryDir m_tmp;
    std::string path(const char *name) const { return m_tmp.filePath(QString::fromUtf8(name)).toStdString(); }
};

void TestSelfInstructLoopResume::budgets()
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

void TestSelfInstructLoopResume::exhausted()
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

void TestSelfInstructLoopResume::stopAndResume()
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

void TestSelfInstructLoopResume::oneWorkerPerFolder()
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

void TestSelfInstructLoopResume::fragmentsResume()
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

void TestSelfInstructLoopResume::atomicConfigWrite()
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

QTEST_GUILESS_MAIN(TestSelfInstructLoopResume)
#include "test_selfinstruct_loop_resume.moc"
