// `sftbench-cli serve` end to end over real HTTP on localhost, what it
// refuses and how it stops (the server from serve_live_fixture.h): every bad
// request gets its OpenAI-style JSON error (malformed JSON, an unknown field,
// max_tokens beyond the context quoted as sent, n > 1, another model, an
// oversized body, an empty body, 405 for a wrong method); a JSON body sent as
// a form (curl -d) over httplib's 8 KB form limit is read as JSON; a client
// that drops a long stream, or gives up waiting for a long non-streamed
// answer, stops its generation (the server's own request log says
// "cancelled" after fewer tokens than the same request produces in full);
// SIGTERM stops the server with exit code 0, ending a running stream with an
// error event and [DONE].

#include "serve_live_fixture.h"

using nlohmann::json;
using namespace sfttest;

class TestServeLiveErrors : public ServeLiveFixture
{
    Q_OBJECT

private Q_SLOTS:
    void badRequests_data()
    {
        QTest::addColumn<std::string>("path");
        QTest::addColumn<std::string>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<std::string>("param");
        QTest::addColumn<std::string>("code");
        const std::string c = "/v1/completions", chat = "/v1/chat/completions";
        QTest::newRow("malformed JSON") << c << std::string(R"({"prompt": "Hi", )") << 400 << std::string() << std::string("invalid_json");
        QTest::newRow("not an object") << c << std::string("\"Hi\"") << 400 << std::string() << std::string("invalid_json");
        QTest::newRow("unknown field") << c << std::string(R"({"prompt":"Hi","max_token":5})") << 400
                                       << std::string("max_token") << std::string("unknown_parameter");
        QTest::newRow("unknown chat field") << chat << std::string(R"({"messages":[{"role":"user","content":"x"}],"temprature":0})")
                                            << 400 << std::string("temprature") << std::string("unknown_parameter");
        QTest::newRow("huge max_tokens") << c << std::string(R"({"prompt":"Hi","max_tokens":1000000000})") << 400
                                         << std::string("max_tokens") << std::string("context_length_exceeded");
        QTest::newRow("max_tokens just above context") << c << std::string(R"({"prompt":"Hi","max_tokens":1025})") << 400
                                                       << std::string("max_tokens") << std::string("context_length_exceeded");
        QTest::newRow("max_tokens 0") << c << std::string(R"({"prompt":"Hi","max_tokens":0})") << 400
                                      << std::string("max_tokens") << std::string("invalid_value");
        QTest::newRow("chat max_tokens huge") << chat << std::string(R"({"messages":[{"role":"user","content":"x"}],"max_tokens":99999})")
                                              << 400 << std::string("max_tokens") << std::string("context_length_exceeded");
        std::string longPrompt;
        for (int i = 0; i < 1100; ++i)
            longPrompt += "cat ";
        QTest::newRow("prompt longer than context") << c << json{{"prompt", longPrompt}, {"max_tokens", 5}}.dump() << 400
                                                    << std::string("prompt") << std::string("context_length_exceeded");
        QTest::newRow("n 2") << c << std::string(R"({"prompt":"Hi","n":2})") << 400 << std::string("n") << std::string("unsupported_value");
        QTest::newRow("bad role") << chat << std::string(R"({"messages":[{"role":"robot","content":"x"}]})") << 400
                                  << std::string("messages[0].role") << std::string("invalid_value");
        QTest::newRow("another model") << c << std::string(R"({"model":"gpt-4","prompt":"Hi"})") << 404
                                       << std::string("model") << std::string("model_not_found");
        QTest::newRow("unknown path") << std::string("/v1/embeddings") << std::string(R"({"input":"Hi"})") << 404
                                      << std::string() << std::string("not_found");
        QTest::newRow("oversized body") << c << json{{"prompt", std::string(kMaxBody + 100, 'a')}}.dump() << 413
                                        << std::string() << std::string("request_too_large");
        QTest::newRow("empty body") << c << std::string() << 400 << std::string() << std::string("invalid_json");
        QTest::newRow("empty chat body") << chat << std::string() << 400 << std::string() << std::string("invalid_json");
    }

    void badRequests()
    {
        QFETCH(std::string, path);
        QFETCH(std::string, body);
        QFETCH(int, status);
        QFETCH(std::string, param);
        QFETCH(std::string, code);
        const QString problem = errorProblem(post(path, body), status, param, code);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void errorMessages()
    {
        // max_tokens is quoted as sent, not as the integer it was clamped to.
        Reply r = post("/v1/completions", R"({"prompt":"Hi","max_tokens":1e30})");
        QString problem = errorProblem(r, 400, "max_tokens", "context_length_exceeded");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(r.json_["error"]["message"].get<std::string>().find("'max_tokens' is 1e+30") != std::string::npos, r.body.c_str());
        r = post("/v1/chat/completions", R"({"messages":[{"role":"user","content":"x"}],"max_completion_tokens":5000})");
        problem = errorProblem(r, 400, "max_completion_tokens", "context_length_exceeded");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // An empty body says what is missing.
        r = post("/v1/completions", "");
        QVERIFY2(r.json_["error"]["message"].get<std::string>().find("body is required") != std::string::npos, r.body.c_str());
        // So does a POST with no Content-Length at all (curl -X POST), at once rather than after a read timeout.
        const std::string raw = rawExchange("POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                                            + std::string(kKey) + "\r\nConnection: close\r\n\r\n");
        QVERIFY2(raw.rfind("HTTP/1.1 400", 0) == 0, raw.c_str());
        QVERIFY2(raw.find("\"invalid_json\"") != std::string::npos, raw.c_str());
    }

    void wrongMethods_data()
    {
        QTest::addColumn<std::string>("method");
        QTest::addColumn<std::string>("path");
        QTest::addColumn<std::string>("allowed");
        QTest::newRow("GET completions") << std::string("GET") << std::string("/v1/completions") << std::string("POST");
        QTest::newRow("GET chat") << std::string("GET") << std::string("/v1/chat/completions") << std::string("POST");
        QTest::newRow("DELETE completions") << std::string("DELETE") << std::string("/v1/completions") << std::string("POST");
        QTest::newRow("POST models") << std::string("POST") << std::string("/v1/models") << std::string("GET");
        QTest::newRow("PUT models") << std::string("PUT") << std::string("/v1/models") << std::string("GET");
    }

    void wrongMethods()
    {
        QFETCH(std::string, method);
        QFETCH(std::string, path);
        QFETCH(std::string, allowed);
        auto c = client();
        const httplib::Headers headers = {{"Authorization", std::string("Bearer ") + kKey}};
        const std::string body = R"({"prompt":"Hi"})";
        const httplib::Result result = method == "GET"    ? c.Get(path.c_str(), headers)
                                       : method == "POST" ? c.Post(path.c_str(), headers, body, "application/json")
                                       : method == "PUT"  ? c.Put(path.c_str(), headers, body, "application/json")
                                                          : c.Delete(path.c_str(), headers, body, "application/json");
        const QString problem = errorProblem(toReply(result), 405, "", "method_not_allowed");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(qs(result->get_header_value("Allow")), qs(allowed));
        // The server goes on serving on a new connection.
        QCOMPARE(post("/v1/completions", R"({"prompt":"Hi","max_tokens":2})").status, 200);
    }

    void formEncodedJsonBody()
    {
        // curl -d sends application/x-www-form-urlencoded; the body is JSON all the same, also past
        // httplib's 8 KB limit for form bodies (a long "user" keeps the prompt inside the context).
        const std::string body = json{{"prompt", "Hi"}, {"max_tokens", 3}, {"temperature", 0}, {"user", std::string(20000, 'u')}}.dump();
        const Reply form = post("/v1/completions", body, kKey, 0, "application/x-www-form-urlencoded");
        QVERIFY2(form.status == 200, form.body.substr(0, 300).c_str());
        const Reply asJson = post("/v1/completions", body);
        QVERIFY2(asJson.status == 200, asJson.body.substr(0, 300).c_str());
        QCOMPARE(qs(form.json_["choices"][0]["text"]), qs(asJson.json_["choices"][0]["text"]));
        // Any other Content-Type works too; the size limit still applies to form bodies.
        QCOMPARE(post("/v1/completions", body, kKey, 0, "text/plain").status, 200);
        const QString problem = errorProblem(post("/v1/completions", json{{"prompt", std::string(kMaxBody + 100, 'a')}}.dump(),
                                                  kKey, 0, "application/x-www-form-urlencoded"),
                                             413, "", "request_too_large");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void droppedStreamStopsGeneration()
    {
        // In full, this request generates all 1000 tokens (ignore_eos: nothing ends it early).
        const std::string body = R"({"prompt":"Once upon a time","max_tokens":1000,"ignore_eos":true,"temperature":0})";
        const Reply full = post("/v1/completions", body);
        QVERIFY2(full.status == 200, full.body.c_str());
        QCOMPARE(full.json_["usage"]["completion_tokens"].get<int>(), 1000);
        const std::int64_t cancelledBefore = get("/health", nullptr).json_["cancelled"].get<std::int64_t>();

        // Streamed, the client reads two pieces of text and hangs up.
        json streamed = json::parse(body);
        streamed["stream"] = true;
        std::string received, id;
        int events = 0;
        httplib::Request req;
        req.method = "POST";
        req.path = "/v1/completions";
        req.set_header("Authorization", std::string("Bearer ") + kKey);
        req.set_header("Content-Type", "application/json");
        req.body = streamed.dump();
        req.content_receiver = [&](const char *data, std::size_t length, std::uint64_t, std::uint64_t) {
            received.append(data, length);
            std::size_t pos = 0;
            events = 0;
            while ((pos = received.find("\n\n", pos)) != std::string::npos) {
                ++events;
                pos += 2;
            }
            return events < 2;   // false: stop reading and close the connection
        };
        auto c = client();
        c.send(req);   // fails: the client itself cut the connection
        QVERIFY(events >= 2);
        const std::size_t start = received.find("data: ");
        QVERIFY(start != std::string::npos);
        id = json::parse(received.substr(start + 6, received.find("\n\n", start) - start - 6))["id"].get<std::string>();
        QVERIFY(!id.empty());

        // The server logs the request when its generation ends: cancelled, long before 1000 tokens.
        const json logged = waitForEvent([&](const json &e) { return e.value("id", "") == id; });
        QVERIFY2(logged.is_object(), "the server never finished the dropped request");
        QCOMPARE(qs(logged["finish_reason"]), QStringLiteral("cancelled"));
        QVERIFY(logged["stream"].get<bool>());
        QVERIFY2(logged["completion_tokens"].get<int>() < 1000, logged.dump().c_str());
        const json health = get("/health", nullptr).json_;
        QCOMPARE(health["cancelled"].get<std::int64_t>(), cancelledBefore + 1);
        QCOMPARE(health["active"].get<int>(), 0);
        // The server goes on serving.
        QCOMPARE(post("/v1/completions", R"({"prompt":"Hi","max_tokens":2})").status, 200);
    }

    void abandonedRequestStopsGeneration()
    {
        // The full 1000-token request, timed, so the client below surely gives up half-way on any machine.
        const std::string body = R"({"prompt":"Once upon a time","max_tokens":1000,"ignore_eos":true,"temperature":0})";
        QElapsedTimer timer;
        timer.start();
        const Reply full = post("/v1/completions", body);
        const qint64 fullMs = timer.elapsed();
        QVERIFY2(full.status == 200, full.body.c_str());
        QCOMPARE(full.json_["usage"]["completion_tokens"].get<int>(), 1000);
        const json before = get("/health", nullptr).json_;

        // Not streamed: a client that stops waiting after a second (or a quarter of the full time, when
        // that is shorter) and closes its connection.
        auto c = client();
        c.set_read_timeout(std::chrono::milliseconds(std::max<qint64>(20, std::min<qint64>(1000, fullMs / 4))));
        const auto gaveUp = c.Post("/v1/completions", {{"Authorization", std::string("Bearer ") + kKey}}, body, "application/json");
        QVERIFY2(!gaveUp, "the client was meant to give up before the answer");
        c.stop();

        // The server notices at its next token: cancelled, logged with 499 (nothing was sent), long before 1000 tokens.
        const json logged = waitForEvent([](const json &e) {
            return e.value("event", "") == "request" && e.value("status", 0) == 499;
        });
        QVERIFY2(logged.is_object(), "the server never logged the abandoned request");
        QCOMPARE(qs(logged["finish_reason"]), QStringLiteral("cancelled"));
        QVERIFY(!logged["stream"].get<bool>());
        QVERIFY2(logged["completion_tokens"].get<int>() < 1000, logged.dump().c_str());
        const json health = get("/health", nullptr).json_;
        QCOMPARE(health["cancelled"].get<std::int64_t>(), before["cancelled"].get<std::int64_t>() + 1);
        QCOMPARE(health["failed"].get<std::int64_t>(), before["failed"].get<std::int64_t>());
        QCOMPARE(health["completed"].get<std::int64_t>(), before["completed"].get<std::int64_t>());
        QCOMPARE(health["active"].get<int>(), 0);
        QCOMPARE(post("/v1/completions", R"({"prompt":"Hi","max_tokens":2})").status, 200);
    }

    void sigtermStopsCleanly()
    {
        QVERIFY(m_server.state() == QProcess::Running);
        // A long stream runs while the server is told to stop.
        httplib::Request req;
        req.method = "POST";
        req.path = "/v1/completions";
        req.set_header("Authorization", std::string("Bearer ") + kKey);
        req.set_header("Content-Type", "application/json");
        req.body = R"({"prompt":"Once upon a time","max_tokens":1000,"ignore_eos":true,"temperature":0,"stream":true})";
        std::string received;
        std::atomic<int> chunks{0};
        req.content_receiver = [&](const char *data, std::size_t length, std::uint64_t, std::uint64_t) {
            received.append(data, length);
            chunks = static_cast<int>(std::count(received.begin(), received.end(), '\n')) / 2;
            return true;
        };
        auto c = client();
        std::thread streamer([&] { c.send(req); });
        for (int i = 0; i < 2400 && chunks < 2; ++i)
            QThread::msleep(50);
        const bool streaming = chunks >= 2;
        m_server.terminate();
        const bool finished = m_server.waitForFinished(60000);
        streamer.join();
        QVERIFY2(streaming, received.c_str());
        QVERIFY(finished);
        QCOMPARE(m_server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_server.exitCode(), 0);
        const auto events = serverEvents();
        QVERIFY(!events.empty());
        QCOMPARE(qs(events.back().value("event", "")), QStringLiteral("stopped"));

        // The stream ended with an error event, then [DONE], well before 1000 tokens.
        QString problem;
        const std::vector<std::string> data = sseEvents(received, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(data.size() >= 3);
        QCOMPARE(qs(data.back()), QStringLiteral("[DONE]"));
        const json error = json::parse(data[data.size() - 2], nullptr, false);
        QVERIFY2(error.contains("error"), data[data.size() - 2].c_str());
        QCOMPARE(qs(error["error"]["code"]), QStringLiteral("server_shutting_down"));
        const json logged = events[events.size() - 2];
        QCOMPARE(qs(logged["finish_reason"]), QStringLiteral("cancelled"));
        QVERIFY(logged["stream"].get<bool>());
        QVERIFY2(logged["completion_tokens"].get<int>() < 1000, logged.dump().c_str());
    }
};

QTEST_GUILESS_MAIN(TestServeLiveErrors)
#include "test_serve_live_errors.moc"
