#pragma once
// A scripted OpenAI-compatible endpoint for the Self-Instruct tests: an
// httplib server on 127.0.0.1 (a free port) inside the test process. Each
// request is classified by its prompt (instructions, classify, input_first,
// output_first, batch; English and Chinese built-in prompts) and answered by
// the test's script, which may also answer with an HTTP error, a
// Retry-After, or a delay (to provoke the client's timeout). Every request is
// recorded.

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace sfttest {

struct ScriptedRequest
{
    std::string path;
    nlohmann::json body;
    std::string prompt;
    std::string kind;    ///< instructions | classify | input_first | output_first | batch | unknown
    std::string task;    ///< the instruction after the last "Task: " / "任务：" (classify and instance prompts)
    std::vector<std::string> shown;   ///< instructions: the numbered instructions of the prompt
    std::string authorization;
    int attempt = 1;     ///< 1 + the earlier requests with the same body
    int index = 0;       ///< 0-based arrival order
};

struct ScriptedReply
{
    int status = 200;
    std::string text;
    std::string finish = "stop";
    std::string retryAfter;        ///< Retry-After header ("" = none)
    int delayMs = 0;               ///< sleep before answering
    std::int64_t promptTokens = 10;
    std::int64_t completionTokens = 5;
    std::string errorMessage = "scripted error";
    std::string rawBody;           ///< when set: the body as it is (with status), not a JSON answer
};

class ScriptedServer
{
public:
    using Script = std::function<ScriptedReply(const ScriptedRequest &)>;

    explicit ScriptedServer(Script script) : m_script(std::move(script))
    {
        m_server.Post(R"(/v1/(chat/)?completions)", [this](const httplib::Request &req, httplib::Response &res) {
            handle(req, res);
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        // bind_to_any_port() already listens: connections queue until the loop accepts them.
        // stop() does nothing until the loop is running, so a server destroyed at once would
        // otherwise never stop: wait for the loop to start.
        while (!m_server.is_running())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~ScriptedServer()
    {
        m_server.stop();
        m_thread.join();
    }

    int port() const { return m_port; }
    std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/v1"; }
    std::vector<ScriptedRequest> requests() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_requests;
    }

    static std::string kindOf(const std::string &prompt)
    {
        auto starts = [&](const char *s) { return prompt.rfind(s, 0) == 0; };
        auto ends = [&](const std::string &s) { return prompt.size() >= s.size() && prompt.compare(prompt.size() - s.size(), s.size(), s) == 0; };
        if (ends("Is it classification?") || ends("是否为分类任务？"))
            return "classify";
        if (starts("We are building") || starts("我们正在"))
            return "instructions";
        if (starts("The task below is a classification task") || starts("下面是一个分类任务"))
            return "output_first";
        if (starts("Write instances") || starts("请为下面的任务"))
            return "input_first";
        if (starts("Write a list of") || starts("请写出一个包含"))
            return "batch";
        return "unknown";
    }

private:
    void handle(const httplib::Request &req, httplib::Response &res)
    {
        ScriptedRequest r;
        r.path = req.path;
        r.body = nlohmann::json::parse(req.body, nullptr, false);
        if (r.body.contains("messages"))
            r.prompt = r.body["messages"][0].value("content", std::string());
        else
            r.prompt = r.body.value("prompt", std::string());
        r.kind = kindOf(r.prompt);
        r.authorization = req.get_header_value("Authorization");
        for (const std::string label : {"Task: ", "任务："}) {
            const std::size_t at = r.prompt.rfind(label);
            if (at != std::string::npos && r.task.empty() && r.kind != "instructions" && r.kind != "batch") {
                const std::size_t b = at + label.size();
                r.task = r.prompt.substr(b, r.prompt.find('\n', b) - b);
            }
        }
        if (r.kind == "instructions") {
            static const std::regex item(R"(^\d+\. (.+)$)");
            std::size_t pos = 0;
            while (pos < r.prompt.size()) {
                const std::size_t nl = r.prompt.find('\n', pos);
                const std::string line = r.prompt.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
                std::smatch m;
                if (std::regex_match(line, m, item))
                    r.shown.push_back(m[1]);
                if (nl == std::string::npos)
                    break;
                pos = nl + 1;
            }
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            r.attempt = ++m_attempts[req.body];
            r.index = int(m_requests.size());
            m_requests.push_back(r);
        }
        const ScriptedReply reply = m_script(r);
        if (reply.delayMs > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(reply.delayMs));
        if (!reply.retryAfter.empty())
            res.set_header("Retry-After", reply.retryAfter);
        res.status = reply.status;
        if (!reply.rawBody.empty()) {
            res.set_content(reply.rawBody, "text/html");
            return;
        }
        if (reply.status != 200) {
            res.set_content(nlohmann::json{{"error", {{"message", reply.errorMessage}, {"type", "invalid_request_error"},
                                                      {"param", "prompt"}, {"code", nullptr}}}}
                                .dump(),
                            "application/json");
            return;
        }
        nlohmann::json choice{{"index", 0}, {"finish_reason", reply.finish}};
        if (r.body.contains("messages"))
            choice["message"] = {{"role", "assistant"}, {"content", reply.text}};
        else
            choice["text"] = reply.text;
        const nlohmann::json out{{"id", "cmpl-test"},
                                 {"object", r.body.contains("messages") ? "chat.completion" : "text_completion"},
                                 {"created", 0},
                                 {"model", "scripted"},
                                 {"choices", nlohmann::json::array({choice})},
                                 {"usage", {{"prompt_tokens", reply.promptTokens}, {"completion_tokens", reply.completionTokens},
                                            {"total_tokens", reply.promptTokens + reply.completionTokens}}}};
        res.set_content(out.dump(), "application/json");
    }

    Script m_script;
    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::vector<ScriptedRequest> m_requests;
    std::map<std::string, int> m_attempts;
};

} // namespace sfttest
