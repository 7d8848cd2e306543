// `sftbench-cli serve` end to end over real HTTP on localhost, what it
// answers (the server from serve_live_fixture.h): the model list and /health,
// the API key (the scheme "Bearer" in any case); completions and chat
// completions equal `sftbench-cli generate --json` for the same prompt,
// settings and seed (greedy and sampled, stop strings, generation_config
// defaults); streamed answers are well-formed server-sent events whose pieces
// add up to the non-streamed text; a request without a seed samples with a
// random one that the log reports and that reproduces the text; concurrent
// requests are served one at a time with unchanged results; a fine-tuning run
// served with --adapter equals `generate --adapter` (raw completions and chat
// through the run's prompt format).

#include "serve_live_fixture.h"

using nlohmann::json;
using namespace sfttest;

class TestServeLiveProtocol : public ServeLiveFixture
{
    Q_OBJECT

private Q_SLOTS:
    void models()
    {
        const Reply r = get("/v1/models");
        QCOMPARE(r.status, 200);
        QVERIFY(r.contentType.rfind("application/json", 0) == 0);
        QCOMPARE(qs(r.json_["object"]), QStringLiteral("list"));
        QCOMPARE(r.json_["data"].size(), std::size_t(1));
        QCOMPARE(qs(r.json_["data"][0]["id"]), QStringLiteral("demo"));
        QCOMPARE(qs(r.json_["data"][0]["object"]), QStringLiteral("model"));
        QCOMPARE(r.json_["data"][0]["max_model_len"].get<int>(), 1024);
        // /health needs no key.
        const Reply h = get("/health", nullptr);
        QCOMPARE(h.status, 200);
        QCOMPARE(qs(h.json_["status"]), QStringLiteral("ok"));
    }

    void authentication()
    {
        QString problem = errorProblem(get("/v1/models", nullptr), 401, "", "invalid_api_key");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const Reply wrong = post("/v1/completions", R"({"prompt":"Hi","max_tokens":2})", "not-the-key");
        problem = errorProblem(wrong, 401, "", "invalid_api_key");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(qs(wrong.json_["error"]["type"]), QStringLiteral("authentication_error"));
        QVERIFY2(wrong.body.find(kKey) == std::string::npos, "an error must never echo the key");
        // A prefix of the key is not the key.
        problem = errorProblem(post("/v1/completions", R"({"prompt":"Hi"})", "test-key"), 401, "", "invalid_api_key");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // Another scheme with the right secret is refused too.
        auto c = client();
        const Reply basic = toReply(c.Get("/v1/models", {{"Authorization", std::string("Basic ") + kKey}}));
        QCOMPARE(basic.status, 401);
        // The scheme is case-insensitive (RFC 9110), spaces around the key do not matter.
        for (const std::string scheme : {"bearer ", "BEARER  "}) {
            const Reply ok = toReply(c.Get("/v1/models", {{"Authorization", scheme + kKey + " "}}));
            QVERIFY2(ok.status == 200, (scheme + ": " + ok.body).c_str());
        }
        QCOMPARE(toReply(c.Get("/v1/models", {{"Authorization", "Bearer"}})).status, 401);
    }

    void completionsEqualGenerate_data()
    {
        QTest::addColumn<std::string>("request");
        QTest::addColumn<QStringList>("options");
        QTest::newRow("greedy") << std::string(R"({"prompt":"Give three tips for staying healthy.","max_tokens":24,"temperature":0})")
                                << QStringList{QStringLiteral("--max-new-tokens"), QStringLiteral("24"),
                                               QStringLiteral("--temperature"), QStringLiteral("0")};
        QTest::newRow("sampled") << std::string(R"({"model":"demo","prompt":"What is the capital of France?","max_tokens":32,
                                                    "temperature":0.9,"top_p":0.95,"top_k":40,"seed":11})")
                                 << QStringList{QStringLiteral("--max-new-tokens"), QStringLiteral("32"),
                                                QStringLiteral("--temperature"), QStringLiteral("0.9"),
                                                QStringLiteral("--top-p"), QStringLiteral("0.95"),
                                                QStringLiteral("--top-k"), QStringLiteral("40"),
                                                QStringLiteral("--seed"), QStringLiteral("11")};
        QTest::newRow("other seed") << std::string(R"({"prompt":["What is the capital of France?"],"max_tokens":32,
                                                       "temperature":0.9,"top_p":0.95,"top_k":40,"seed":12})")
                                    << QStringList{QStringLiteral("--max-new-tokens"), QStringLiteral("32"),
                                                   QStringLiteral("--temperature"), QStringLiteral("0.9"),
                                                   QStringLiteral("--top-p"), QStringLiteral("0.95"),
                                                   QStringLiteral("--top-k"), QStringLiteral("40"),
                                                   QStringLiteral("--seed"), QStringLiteral("12")};
        QTest::newRow("repetition penalty") << std::string(R"({"prompt":"List fruits:","max_tokens":20,"temperature":0,
                                                               "repetition_penalty":1.3})")
                                            << QStringList{QStringLiteral("--max-new-tokens"), QStringLiteral("20"),
                                                           QStringLiteral("--temperature"), QStringLiteral("0"),
                                                           QStringLiteral("--repetition-penalty"), QStringLiteral("1.3")};
        // Left-out settings: generation_config.json's, in both (greedy, 128 new tokens for the demo model).
        QTest::newRow("defaults") << std::string(R"({"prompt":"Write a haiku about rain."})") << QStringList{};
    }

    void completionsEqualGenerate()
    {
        QFETCH(std::string, request);
        QFETCH(QStringList, options);
        const json req = json::parse(request);
        const std::string prompt = req["prompt"].is_array() ? req["prompt"][0].get<std::string>() : req["prompt"].get<std::string>();
        const Reply r = post("/v1/completions", request);
        QVERIFY2(r.status == 200, r.body.c_str());
        QString err;
        const json g = generate(qs(prompt), options, &err);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY(g.is_object());
        const json &choice = r.json_["choices"][0];
        QCOMPARE(qs(r.json_["object"]), QStringLiteral("text_completion"));
        QCOMPARE(qs(r.json_["model"]), QStringLiteral("demo"));
        QVERIFY(r.json_["id"].get<std::string>().rfind("cmpl-", 0) == 0);
        QCOMPARE(qs(choice["text"]), qs(g["text"]));
        QVERIFY(!g["text"].get<std::string>().empty());
        QCOMPARE(qs(choice["finish_reason"]), qs(g["finish_reason"] == "length" ? "length" : "stop"));
        QCOMPARE(r.json_["usage"]["completion_tokens"].get<int>(), g["generated_tokens"].get<int>());
        QCOMPARE(r.json_["usage"]["prompt_tokens"].get<int>(), g["prompt_tokens"].get<int>());
        QCOMPARE(r.json_["usage"]["total_tokens"].get<int>(),
                 g["generated_tokens"].get<int>() + g["prompt_tokens"].get<int>());
    }

    void stopStrings()
    {
        const std::string base = R"({"prompt":"Describe the ocean.","max_tokens":48,"temperature":0})";
        const Reply full = post("/v1/completions", base);
        QVERIFY2(full.status == 200, full.body.c_str());
        const std::string text = full.json_["choices"][0]["text"];
        // A stop string from the middle of the text: two ASCII letters (ASCII bytes never change as more
        // tokens arrive, so the first occurrence is the same in every prefix of the generation).
        std::string stop;
        for (std::size_t i = text.size() / 3; i + 1 < text.size() && stop.empty(); ++i)
            if (std::isalpha(static_cast<unsigned char>(text[i])) && std::isalpha(static_cast<unsigned char>(text[i + 1])))
                stop = text.substr(i, 2);
        if (stop.empty())
            QSKIP("the demo model's text has no two ASCII letters in a row to stop at");
        const std::string expected = text.substr(0, text.find(stop));
        json req = json::parse(base);
        req["stop"] = json::array({"\x01never", stop});
        const Reply cut = post("/v1/completions", req.dump());
        QVERIFY2(cut.status == 200, cut.body.c_str());
        QCOMPARE(qs(cut.json_["choices"][0]["text"]), qs(expected));
        QCOMPARE(qs(cut.json_["choices"][0]["finish_reason"]), QStringLiteral("stop"));
        QString err;
        const json g = generate(QStringLiteral("Describe the ocean."),
                                {QStringLiteral("--max-new-tokens"), QStringLiteral("48"), QStringLiteral("--temperature"),
                                 QStringLiteral("0"), QStringLiteral("--stop"), qs(stop)}, &err);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(qs(g["text"]), qs(expected));
        QCOMPARE(qs(g["finish_reason"]), QStringLiteral("stop"));
    }

    void chatEqualsGenerate()
    {
        const Reply r = post("/v1/chat/completions", R"({"model":"demo","messages":[{"role":"user","content":"Give three tips."}],
                                                         "max_tokens":24,"temperature":0.7,"seed":5})");
        QVERIFY2(r.status == 200, r.body.c_str());
        QCOMPARE(qs(r.json_["object"]), QStringLiteral("chat.completion"));
        QVERIFY(r.json_["id"].get<std::string>().rfind("chatcmpl-", 0) == 0);
        const json &choice = r.json_["choices"][0];
        QCOMPARE(qs(choice["message"]["role"]), QStringLiteral("assistant"));
        // generate --prompt-format chat renders one user message with the model's own template.
        QString err;
        const json g = generate(QStringLiteral("Give three tips."),
                                {QStringLiteral("--prompt-format"), QStringLiteral("chat"), QStringLiteral("--max-new-tokens"),
                                 QStringLiteral("24"), QStringLiteral("--temperature"), QStringLiteral("0.7"),
                                 QStringLiteral("--seed"), QStringLiteral("5")}, &err);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(qs(choice["message"]["content"]), qs(g["text"]));
        QCOMPARE(r.json_["usage"]["prompt_tokens"].get<int>(), g["prompt_tokens"].get<int>());
        QCOMPARE(r.json_["usage"]["completion_tokens"].get<int>(), g["generated_tokens"].get<int>());

        // A system message and earlier turns make a longer prompt through the same template.
        const Reply multi = post("/v1/chat/completions", R"({"messages":[{"role":"system","content":"Be brief."},
            {"role":"user","content":"Hi"},{"role":"assistant","content":"Hello."},{"role":"user","content":"Give three tips."}],
            "max_tokens":4})");
        QVERIFY2(multi.status == 200, multi.body.c_str());
        QVERIFY(multi.json_["usage"]["prompt_tokens"].get<int>() > r.json_["usage"]["prompt_tokens"].get<int>());
    }

    void streaming_data()
    {
        QTest::addColumn<bool>("chat");
        QTest::newRow("completions") << false;
        QTest::newRow("chat") << true;
    }

    void streaming()
    {
        QFETCH(bool, chat);
        json req = {{"max_tokens", 40}, {"temperature", 0.8}, {"top_p", 0.9}, {"seed", 3}};
        if (chat)
            req["messages"] = json::array({{{"role", "user"}, {"content", "Name a colour."}}});
        else
            req["prompt"] = "Name a colour.";
        const std::string path = chat ? "/v1/chat/completions" : "/v1/completions";
        const Reply whole = post(path, req.dump());
        QVERIFY2(whole.status == 200, whole.body.c_str());
        req["stream"] = true;
        req["stream_options"] = {{"include_usage", true}};
        const Reply streamed = post(path, req.dump());
        QCOMPARE(streamed.status, 200);
        QVERIFY2(streamed.contentType.rfind("text/event-stream", 0) == 0, streamed.contentType.c_str());

        QString problem;
        const std::vector<std::string> events = sseEvents(streamed.body, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(events.size() >= 4);
        QCOMPARE(qs(events.back()), QStringLiteral("[DONE]"));
        std::string text, finish, id;
        json usage;
        for (std::size_t i = 0; i + 1 < events.size(); ++i) {
            const json c = json::parse(events[i], nullptr, false);
            QVERIFY2(c.is_object(), events[i].c_str());
            QCOMPARE(qs(c["object"]), chat ? QStringLiteral("chat.completion.chunk") : QStringLiteral("text_completion"));
            if (id.empty())
                id = c["id"].get<std::string>();
            QCOMPARE(qs(c["id"]), qs(id));   // one id for the whole stream
            if (c.contains("usage")) {
                QVERIFY(c["choices"].empty());
                QCOMPARE(i + 2, events.size());   // the usage chunk comes last, before [DONE]
                usage = c["usage"];
                continue;
            }
            const json &choice = c["choices"][0];
            QVERIFY2(finish.empty(), "nothing follows the chunk with the finish reason but the usage");
            if (!choice["finish_reason"].is_null())
                finish = choice["finish_reason"].get<std::string>();
            if (chat) {
                if (i == 0)
                    QCOMPARE(qs(choice["delta"]["role"]), QStringLiteral("assistant"));
                text += choice["delta"].value("content", "");
            } else {
                text += choice["text"].get<std::string>();
            }
        }
        const json &wholeChoice = whole.json_["choices"][0];
        QCOMPARE(qs(text), qs(chat ? wholeChoice["message"]["content"] : wholeChoice["text"]));
        QCOMPARE(qs(finish), qs(wholeChoice["finish_reason"]));
        QVERIFY(usage.is_object());
        QCOMPARE(usage["completion_tokens"].get<int>(), whole.json_["usage"]["completion_tokens"].get<int>());
        QCOMPARE(usage["prompt_tokens"].get<int>(), whole.json_["usage"]["prompt_tokens"].get<int>());

        // Without stream_options there is no usage chunk.
        req.erase("stream_options");
        const Reply plain = post(path, req.dump());
        QVERIFY(plain.body.find("\"usage\"") == std::string::npos);
        QVERIFY(plain.body.size() >= 14 && plain.body.compare(plain.body.size() - 14, 14, "data: [DONE]\n\n") == 0);
    }

    void randomSeedWhenNoneIsGiven()
    {
        // Sampled without a seed: each request draws its own, and the log says which.
        const std::string body = R"({"prompt":"What is the capital of France?","max_tokens":24,"temperature":1.0})";
        const Reply a = post("/v1/completions", body), b = post("/v1/completions", body);
        QVERIFY2(a.status == 200 && b.status == 200, (a.body + b.body).c_str());
        const json la = loggedRequest(a.json_["id"]), lb = loggedRequest(b.json_["id"]);
        QVERIFY2(la.is_object() && lb.is_object(), "the requests were not logged");
        QCOMPARE(la["status"].get<int>(), 200);
        QVERIFY(la["seed"].is_number_unsigned() && lb["seed"].is_number_unsigned());
        QVERIFY(la["seed"] != lb["seed"]);
        // The logged seed, sent back, repeats the text; and equals generate with it.
        json again = json::parse(body);
        again["seed"] = la["seed"];
        const Reply repeat = post("/v1/completions", again.dump());
        QCOMPARE(qs(repeat.json_["choices"][0]["text"]), qs(a.json_["choices"][0]["text"]));
        QCOMPARE(loggedRequest(repeat.json_["id"])["seed"], la["seed"]);
        QString err;
        const json g = generate(QStringLiteral("What is the capital of France?"),
                                {QStringLiteral("--max-new-tokens"), QStringLiteral("24"), QStringLiteral("--temperature"),
                                 QStringLiteral("1.0"), QStringLiteral("--seed"), qs(la["seed"].dump())}, &err);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(qs(a.json_["choices"][0]["text"]), qs(g["text"]));
    }

    void concurrentRequestsGiveTheSameText()
    {
        const std::string body = R"({"prompt":"Tell a story.","max_tokens":40,"temperature":1.0,"seed":21})";
        const Reply serial = post("/v1/completions", body);
        QVERIFY2(serial.status == 200, serial.body.c_str());
        std::vector<Reply> replies(6);
        std::vector<std::thread> threads;
        for (auto &reply : replies)
            threads.emplace_back([&] { reply = post("/v1/completions", body); });
        for (auto &t : threads)
            t.join();
        for (const Reply &r : replies) {
            QVERIFY2(r.status == 200, r.body.c_str());
            QCOMPARE(qs(r.json_["choices"][0]["text"]), qs(serial.json_["choices"][0]["text"]));
        }
    }

    void adapterRunMatchesGenerate()
    {
#ifndef SFT_TEST_HAVE_FINETUNE
        QSKIP("this build has no fine-tuning engine (train, --adapter)");
#endif
        // A two-step LoRA run on the demo model (the run's prompt format: the fixed ChatML, not the model's own
        // template; the demo set holds conversations, which Alpaca cannot write).
        const QString run = m_tmp.filePath(QStringLiteral("run"));
        QVERIFY(QDir().mkpath(run));
        const json cfg = {{"base_model", m_model.toStdString()},
                          {"train_data", SFT_SOURCE_DIR "/resources/demo/demo_dataset.json"},
                          {"prompt_format", "chatml"},
                          {"method", "lora"},
                          {"learning_rate", 5e-2},
                          {"max_steps", 2},
                          {"batch_size", 2},
                          {"device", "cpu"}};
        QFile f(run + QStringLiteral("/config.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(cfg.dump()));
        f.close();
        QString err;
        runCli({QStringLiteral("train"), QStringLiteral("--run-dir"), run, QStringLiteral("--quiet")}, &err);
        QVERIFY2(err.isEmpty(), qPrintable(err));

        QProcess server;
        const QString out = m_tmp.filePath(QStringLiteral("adapter-server.jsonl"));
        server.setStandardOutputFile(out);
        server.setProcessEnvironment(serverEnvironment({}));   // no key
        server.start(sfttest::cliPath(), {QStringLiteral("serve"), QStringLiteral("--model"), m_model, QStringLiteral("--adapter"),
                                          run, QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(server.waitForStarted(30000));
        const json listening = waitForEvent([](const json &e) { return e.value("event", "") == "listening"; }, &server, out);
        QVERIFY2(listening.is_object(), "the adapter server printed no listening line");
        QCOMPARE(qs(listening["chat_template"]), QStringLiteral("chatml"));   // the run's format, not the model's own
        const int port = listening["port"].get<int>();

        // Raw completions: the run's weights, no prompt format.
        const Reply raw = post("/v1/completions", R"({"prompt":"The weather today","max_tokens":16,"temperature":0})", nullptr, port);
        QVERIFY2(raw.status == 200, raw.body.c_str());
        const json g = generate(QStringLiteral("The weather today"),
                                {QStringLiteral("--adapter"), run, QStringLiteral("--prompt-format"), QStringLiteral("none"),
                                 QStringLiteral("--max-new-tokens"), QStringLiteral("16"), QStringLiteral("--temperature"),
                                 QStringLiteral("0")}, &err);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(qs(raw.json_["choices"][0]["text"]), qs(g["text"]));
        // The base model continues differently (the adapter is applied).
        const json base = generate(QStringLiteral("The weather today"),
                                   {QStringLiteral("--max-new-tokens"), QStringLiteral("16"), QStringLiteral("--temperature"),
                                    QStringLiteral("0")}, &err);
        QVERIFY(base["text"] != g["text"]);

        // Chat: one user message through the run's template, as generate --adapter formats its prompt.
        const Reply chat = post("/v1/chat/completions", R"({"messages":[{"role":"user","content":"Name a colour."}],
                                                            "max_tokens":16,"temperature":0})", nullptr, port);
        QVERIFY2(chat.status == 200, chat.body.c_str());
        const json gc = generate(QStringLiteral("Name a colour."),
                                 {QStringLiteral("--adapter"), run, QStringLiteral("--max-new-tokens"), QStringLiteral("16"),
                                  QStringLiteral("--temperature"), QStringLiteral("0")}, &err);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(qs(chat.json_["choices"][0]["message"]["content"]), qs(gc["text"]));
        QCOMPARE(chat.json_["usage"]["prompt_tokens"].get<int>(), gc["prompt_tokens"].get<int>());

        server.terminate();
        QVERIFY(server.waitForFinished(60000));
        QCOMPARE(server.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServeLiveProtocol)
#include "test_serve_live_protocol.moc"
