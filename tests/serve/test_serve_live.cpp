// `sftbench-cli serve` end to end over real HTTP on localhost: the tiny demo
// model served on a free port with an API key (from SFTBENCH_API_KEY; the
// scheme "Bearer" in any case), talked to with cpp-httplib's client. Completions and chat completions equal `sftbench-cli generate --json`
// for the same prompt, settings and seed (greedy and sampled, stop strings,
// generation_config defaults); streamed answers are well-formed server-sent
// events whose pieces add up to the non-streamed text; every bad request gets
// its OpenAI-style JSON error (malformed JSON, an unknown field, max_tokens
// beyond the context quoted as sent, n > 1, another model, an oversized body,
// an empty body, a missing or wrong key, 405 for a wrong method); a JSON body
// sent as a form (curl -d) over httplib's 8 KB form limit is read as JSON; a
// request without a seed samples with a random one that the log reports and
// that reproduces the text; concurrent requests are served one at a time with
// unchanged results; a client that drops a long stream, or gives up waiting
// for a long non-streamed answer, stops its generation (the server's own
// request log says "cancelled" after fewer tokens than the same request
// produces in full); a fine-tuning run served with --adapter equals
// `generate --adapter` (raw completions and chat through the run's prompt
// format); SIGTERM stops the server with exit code 0, ending a running stream
// with an error event and [DONE].

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include "test_util.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

using nlohmann::json;

Q_DECLARE_METATYPE(std::string)

namespace {

const char *const kKey = "test-key-6b1f";
constexpr int kMaxBody = 65536;

QString qs(const std::string &s) { return QString::fromStdString(s); }

struct Reply
{
    int status = 0;     ///< 0: no answer (connection error)
    std::string contentType;
    std::string body;
    json json_;         ///< the body parsed when it is JSON
};

/** Run sftbench-cli; stdout, or a failed QVERIFY message in err. */
QByteArray runCli(const QStringList &args, QString *err)
{
    QProcess p;
    p.start(sfttest::cliPath(), args);
    if (!p.waitForFinished(240000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *err = QStringLiteral("sftbench-cli %1 failed: %2").arg(args.join(QLatin1Char(' ')),
                                                                 QString::fromUtf8(p.readAllStandardError()));
        return {};
    }
    return p.readAllStandardOutput();
}

/** The events of a server-sent event stream: the payloads of its "data: " lines. */
std::vector<std::string> sseEvents(const std::string &body, QString *problem)
{
    std::vector<std::string> events;
    std::size_t pos = 0;
    while (pos < body.size()) {
        const std::size_t end = body.find("\n\n", pos);
        if (end == std::string::npos) {
            *problem = QStringLiteral("an event without its blank line: ") + qs(body.substr(pos, 80));
            return events;
        }
        const std::string event = body.substr(pos, end - pos);
        if (event.rfind("data: ", 0) != 0 || event.find('\n') != std::string::npos) {
            *problem = QStringLiteral("not a single data line: ") + qs(event.substr(0, 80));
            return events;
        }
        events.push_back(event.substr(6));
        pos = end + 2;
    }
    return events;
}

} // namespace

class TestServeLive : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_model;
    QProcess m_server;
    QString m_serverOut;
    int m_port = 0;

    /** Lines of a server's stdout so far (default: the main server's), parsed. */
    std::vector<json> serverEvents(const QString &file = {}) const
    {
        std::vector<json> out;
        QFile f(file.isEmpty() ? m_serverOut : file);
        if (!f.open(QIODevice::ReadOnly))
            return out;
        for (const QByteArray &line : f.readAll().split('\n'))
            if (!line.trimmed().isEmpty())
                out.push_back(json::parse(line.toStdString(), nullptr, false));
        return out;
    }

    /** The first server event that satisfies pred, waiting up to two minutes for it to be written. */
    json waitForEvent(const std::function<bool(const json &)> &pred, QProcess *server = nullptr, const QString &file = {})
    {
        for (int i = 0; i < 2400; ++i) {
            for (const json &e : serverEvents(file))
                if (e.is_object() && pred(e))
                    return e;
            if ((server ? server : &m_server)->state() == QProcess::NotRunning)
                break;
            QThread::msleep(50);
        }
        return json();
    }

    httplib::Client client(int port = 0) const
    {
        httplib::Client c("127.0.0.1", port ? port : m_port);
        c.set_read_timeout(240, 0);
        c.set_write_timeout(60, 0);
        return c;
    }

    static Reply toReply(const httplib::Result &r)
    {
        Reply out;
        if (!r)
            return out;
        out.status = r->status;
        out.contentType = r->get_header_value("Content-Type");
        out.body = r->body;
        out.json_ = json::parse(r->body, nullptr, false);
        return out;
    }

    Reply post(const std::string &path, const std::string &body, const char *key = kKey, int port = 0,
               const char *contentType = "application/json") const
    {
        auto c = client(port);
        httplib::Headers headers;
        if (key)
            headers.emplace("Authorization", std::string("Bearer ") + key);
        return toReply(c.Post(path.c_str(), headers, body, contentType));
    }

    /** The environment for a server: the test's own, with SFTBENCH_API_KEY = key ("" = removed). */
    static QProcessEnvironment serverEnvironment(const QString &key)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("SFTBENCH_API_KEY"));
        if (!key.isEmpty())
            env.insert(QStringLiteral("SFTBENCH_API_KEY"), key);
        return env;
    }

    /** Send bytes on a plain TCP connection to the server and read until it closes (for what httplib's client cannot send). */
    std::string rawExchange(const std::string &request) const
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            return "no socket";
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(m_port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        timeval timeout{30, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        std::string answer;
        if (::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) == 0
            && ::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
            char buf[4096];
            ssize_t n;
            while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0)
                answer.append(buf, static_cast<std::size_t>(n));
        }
        ::close(fd);
        return answer;
    }

    /** The request log line of the response id (waiting for it to be written). */
    json loggedRequest(const std::string &id)
    {
        return waitForEvent([&](const json &e) { return e.value("event", "") == "request" && e.value("id", "") == id; });
    }

    Reply get(const std::string &path, const char *key = kKey) const
    {
        auto c = client();
        httplib::Headers headers;
        if (key)
            headers.emplace("Authorization", std::string("Bearer ") + key);
        return toReply(c.Get(path.c_str(), headers));
    }

    /** `generate --json`'s final line for the prompt and the extra options. */
    json generate(const QString &prompt, const QStringList &options, QString *err)
    {
        QStringList args{QStringLiteral("generate"), QStringLiteral("--model"), m_model, QStringLiteral("--prompt"),
                         prompt, QStringLiteral("--json")};
        args += options;
        const QByteArray out = runCli(args, err);
        const QList<QByteArray> lines = out.trimmed().split('\n');
        return lines.isEmpty() ? json() : json::parse(lines.last().toStdString(), nullptr, false);
    }

    /** Check an error answer: status, JSON content type, the error object and its param / code. */
    static QString errorProblem(const Reply &r, int status, const std::string &param, const std::string &code)
    {
        if (r.status != status)
            return QStringLiteral("status %1 (expected %2): %3").arg(r.status).arg(status).arg(qs(r.body));
        if (r.contentType.rfind("application/json", 0) != 0)
            return QStringLiteral("content type ") + qs(r.contentType);
        const json &e = r.json_.is_object() ? r.json_.value("error", json()) : json();
        if (!e.is_object() || !e.value("message", json()).is_string() || !e.value("type", json()).is_string()
            || !e.contains("param") || !e.contains("code"))
            return QStringLiteral("not an OpenAI error body: ") + qs(r.body);
        const json expectedParam = param.empty() ? json(nullptr) : json(param);
        if (e["param"] != expectedParam)
            return QStringLiteral("param %1, expected %2").arg(qs(e["param"].dump()), qs(expectedParam.dump()));
        if (!code.empty() && e["code"] != json(code))
            return QStringLiteral("code %1, expected %2").arg(qs(e["code"].dump()), qs(code));
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        ::signal(SIGPIPE, SIG_IGN);
        if (!QFile::exists(sfttest::cliPath()))
            QSKIP("sftbench-cli is not built");
        QVERIFY(m_tmp.isValid());
        m_model = m_tmp.filePath(QStringLiteral("demo"));
        QString err;
        runCli({QStringLiteral("init-model"), QStringLiteral("--out"), m_model}, &err);
        QVERIFY2(err.isEmpty(), qPrintable(err));

        m_serverOut = m_tmp.filePath(QStringLiteral("server.jsonl"));
        m_server.setStandardOutputFile(m_serverOut);
        m_server.setStandardErrorFile(m_tmp.filePath(QStringLiteral("server.err")));
        m_server.setProcessEnvironment(serverEnvironment(QString::fromLatin1(kKey)));   // the key, not on the command line
        m_server.start(sfttest::cliPath(), {QStringLiteral("serve"), QStringLiteral("--model"), m_model,
                                            QStringLiteral("--port"), QStringLiteral("0"),
                                            QStringLiteral("--served-model-name"), QStringLiteral("demo"),
                                            QStringLiteral("--max-body-bytes"), QString::number(kMaxBody)});
        QVERIFY(m_server.waitForStarted(30000));
        const json listening = waitForEvent([](const json &e) { return e.value("event", "") == "listening"; });
        QVERIFY2(listening.is_object(), "the server printed no listening line");
        QCOMPARE(qs(listening["host"]), QStringLiteral("127.0.0.1"));
        m_port = listening["port"].get<int>();
        QVERIFY(m_port > 0);
        QCOMPARE(listening["context_length"].get<int>(), 1024);
        QCOMPARE(qs(listening["chat_template"]), QStringLiteral("chatml"));
        QVERIFY(listening["api_key"].get<bool>());
    }

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

    void adapterRunMatchesGenerate()
    {
#ifndef SFT_TEST_HAVE_FINETUNE
        QSKIP("this build has no fine-tuning engine (train, --adapter)");
#endif
        // A two-step LoRA run on the demo model (the run's prompt format: alpaca).
        const QString run = m_tmp.filePath(QStringLiteral("run"));
        QVERIFY(QDir().mkpath(run));
        const json cfg = {{"base_model", m_model.toStdString()},
                          {"train_data", SFT_SOURCE_DIR "/resources/demo/demo_dataset.json"},
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
        QCOMPARE(qs(listening["chat_template"]), QStringLiteral("alpaca"));   // the run's format, not the model's ChatML
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

    void cleanupTestCase()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.kill();
            m_server.waitForFinished(10000);
        }
    }
};

QTEST_GUILESS_MAIN(TestServeLive)
#include "test_serve_live.moc"
