// The Self-Instruct loop and its OpenAI client against a scripted endpoint
// (scripted_endpoint.h) over real HTTP: base URLs, 429 / timeout retries, an
// error that ends the run, the chat API and the key (redacted from the
// errors it shows up in), a request refused for one candidate only, a
// non-JSON answer, the response cap and attempt deadline, and the error event
// when the event sink itself fails.

#include "loop_fixtures.h"

#include <QTemporaryDir>
#include <QTest>

using nlohmann::json;
using namespace sft::selfinstruct;
using namespace sfttest;

class TestSelfInstructLoopClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clientBasics();
    void retriesOn429AndTimeout();
    void clientErrorIsFatal();
    void chatApiAndKey();
    void candidateRequestFailed_data();
    void candidateRequestFailed();
    void nonJsonAnswerRetried();
    void keyRedacted();
    void responseCapAndAttemptDeadline();
    void eventErrorOnErrorPath();

private:
    QTemporaryDir m_tmp;
    std::string path(const char *name) const { return m_tmp.filePath(QString::fromUtf8(name)).toStdString(); }
};

void TestSelfInstructLoopClient::clientBasics()
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

void TestSelfInstructLoopClient::retriesOn429AndTimeout()
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

void TestSelfInstructLoopClient::clientErrorIsFatal()
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

void TestSelfInstructLoopClient::chatApiAndKey()
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

void TestSelfInstructLoopClient::candidateRequestFailed_data()
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

void TestSelfInstructLoopClient::candidateRequestFailed()
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

void TestSelfInstructLoopClient::nonJsonAnswerRetried()
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

void TestSelfInstructLoopClient::keyRedacted()
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

void TestSelfInstructLoopClient::responseCapAndAttemptDeadline()
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

void TestSelfInstructLoopClient::eventErrorOnErrorPath()
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

QTEST_GUILESS_MAIN(TestSelfInstructLoopClient)
#include "test_selfinstruct_loop_client.moc"
