// OpenAiClient: one httplib client per call (calls run on several threads at
// once), a watcher that aborts the socket when the cancel flag rises, and the
// retry loop.

#include "openai/client.h"

#include "core/error.h"
#include "core/progress.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <condition_variable>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <random>
#include <thread>

namespace sft::openai {

using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

bool cancelled(const std::atomic<bool> *cancel) { return cancel && cancel->load(); }

/** Sleep up to seconds, waking early (and throwing Cancelled) when cancel rises. */
void waitFor(double seconds, const std::atomic<bool> *cancel)
{
    const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    while (Clock::now() < end) {
        if (cancelled(cancel))
            throw Cancelled();
        std::this_thread::sleep_for(std::min<Clock::duration>(end - Clock::now(), std::chrono::milliseconds(20)));
    }
    if (cancelled(cancel))
        throw Cancelled();
}

double jitter()
{
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

/**
 * Aborts an httplib client's socket when cancel rises or the attempt's
 * deadline passes, for the duration of one call (httplib's own timeouts are
 * per read: a server that trickles bytes would never time out).
 */
class CancelWatcher
{
public:
    CancelWatcher(httplib::Client &client, const std::atomic<bool> *cancel, Clock::time_point deadline)
        : m_client(client), m_cancel(cancel), m_deadline(deadline)
    {
        m_thread = std::thread([this] { watch(); });
    }
    ~CancelWatcher()
    {
        if (!m_thread.joinable())
            return;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_done = true;
        }
        m_cv.notify_all();
        m_thread.join();
    }

    /** The deadline passed and the call was aborted. */
    bool timedOut() const { return m_timedOut; }

private:
    void watch()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        while (!m_done) {
            // stop() only shuts a socket that exists: keep calling it until the call returns.
            if (m_cancel && m_cancel->load()) {
                m_client.stop();
            } else if (Clock::now() >= m_deadline) {
                m_timedOut = true;
                m_client.stop();
            }
            m_cv.wait_for(lock, std::chrono::milliseconds(20));
        }
    }

    httplib::Client &m_client;
    const std::atomic<bool> *m_cancel;
    Clock::time_point m_deadline;
    std::atomic<bool> m_timedOut{false};
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_done = false;
};

std::string shorten(std::string s, std::size_t max = 300)
{
    if (s.size() > max) {
        s.resize(max);
        // Do not end inside a UTF-8 sequence.
        while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80)
            s.pop_back();
        if (!s.empty() && static_cast<unsigned char>(s.back()) >= 0xC0)
            s.pop_back();
        s += "...";
    }
    return s;
}

std::string fmtSeconds(double s)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", s);
    return buf;
}

bool retryableStatus(int status) { return status == 408 || status == 409 || status == 429 || status >= 500; }

} // namespace

OpenAiClient::OpenAiClient(OpenAiClientOptions options) : m_options(std::move(options))
{
    std::tie(m_hostPort, m_prefix) = splitBaseUrl(m_options.baseUrl);
    if (m_options.api != "completions" && m_options.api != "chat")
        throw Error("api must be \"completions\" or \"chat\", not \"" + m_options.api + "\"");
    if (m_options.concurrency < 1)
        throw Error("concurrency must be at least 1");
    if (m_options.maxRetries < 0)
        throw Error("max_retries must be at least 0");
    if (!(m_options.timeoutS > 0))
        throw Error("timeout_s must be positive");
    m_key = m_options.apiKey;
    if (m_key.empty() && !m_options.apiKeyEnv.empty())
        if (const char *v = std::getenv(m_options.apiKeyEnv.c_str()))
            m_key = v;
    m_options.apiKey.clear();
}

OpenAiClient::~OpenAiClient() = default;

std::pair<std::string, std::string> OpenAiClient::splitBaseUrl(const std::string &url)
{
    std::string scheme;
    std::size_t rest = 0;
    if (url.rfind("http://", 0) == 0) {
        scheme = "http";
        rest = 7;
    } else if (url.rfind("https://", 0) == 0) {
        scheme = "https";
        rest = 8;
    } else {
        throw Error("base URL must start with http:// or https:// (\"" + url + "\")");
    }
    const std::size_t slash = url.find('/', rest);
    const std::string hostPort = url.substr(rest, slash == std::string::npos ? std::string::npos : slash - rest);
    if (hostPort.empty())
        throw Error("base URL has no host (\"" + url + "\")");
    if (hostPort.find('@') != std::string::npos)
        throw Error("base URL must not contain credentials: set the API key in its environment variable");
    std::string prefix = slash == std::string::npos ? std::string() : url.substr(slash);
    if (prefix.find_first_of("?#") != std::string::npos)
        throw Error("base URL must not have a query or fragment (\"" + url + "\")");
    while (!prefix.empty() && prefix.back() == '/')
        prefix.pop_back();
    return {scheme + "://" + hostPort, prefix};
}

std::string OpenAiClient::describe() const
{
    return m_hostPort + m_prefix + " (" + m_options.api + (m_options.model.empty() ? "" : ", model " + m_options.model)
        + ")";
}

std::string OpenAiClient::requestBody(const CompletionRequest &r) const
{
    json body;
    if (!m_options.model.empty())
        body["model"] = m_options.model;
    if (m_options.api == "chat")
        body["messages"] = json::array({json{{"role", "user"}, {"content", r.prompt}}});
    else
        body["prompt"] = r.prompt;
    body["max_tokens"] = r.maxTokens;
    body["temperature"] = r.temperature;
    body["top_p"] = r.topP;
    if (!r.stop.empty())
        body["stop"] = r.stop;
    body["seed"] = r.seed;
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

CompletionResult OpenAiClient::parseResponse(const std::string &text) const
{
    json body;
    try {
        body = json::parse(text);
    } catch (const json::exception &) {
        throw Error("the server's answer is not JSON: " + shorten(text, 200));
    }
    if (!body.is_object() || !body.contains("choices") || !body["choices"].is_array() || body["choices"].empty())
        throw Error("the server's answer has no choices: " + shorten(text, 200));
    const json &c = body["choices"][0];
    CompletionResult out;
    const json *content = nullptr;
    if (m_options.api == "chat") {
        if (c.contains("message") && c["message"].is_object() && c["message"].contains("content"))
            content = &c["message"]["content"];
    } else if (c.contains("text")) {
        content = &c["text"];
    }
    if (!content || !(content->is_string() || content->is_null()))
        throw Error(std::string("the server's answer has no ") + (m_options.api == "chat" ? "message content" : "text"));
    if (content->is_string())
        out.text = content->get<std::string>();
    if (c.contains("finish_reason") && c["finish_reason"].is_string())
        out.finishReason = c["finish_reason"].get<std::string>();
    if (body.contains("usage") && body["usage"].is_object()) {
        const json &u = body["usage"];
        if (u.contains("prompt_tokens") && u["prompt_tokens"].is_number_integer())
            out.promptTokens = u["prompt_tokens"].get<std::int64_t>();
        if (u.contains("completion_tokens") && u["completion_tokens"].is_number_integer())
            out.completionTokens = u["completion_tokens"].get<std::int64_t>();
    }
    return out;
}

std::string OpenAiClient::errorMessage(const std::string &body)
{
    try {
        const json j = json::parse(body);
        if (j.is_object() && j.contains("error")) {
            const json &e = j["error"];
            if (e.is_object() && e.contains("message") && e["message"].is_string()) {
                std::string m = e["message"].get<std::string>();
                if (e.contains("param") && e["param"].is_string() && !e["param"].get<std::string>().empty())
                    m += " (param " + e["param"].get<std::string>() + ")";
                return shorten(m);
            }
            if (e.is_string())
                return shorten(e.get<std::string>());
        }
        if (j.is_object() && j.contains("message") && j["message"].is_string())
            return shorten(j["message"].get<std::string>());
    } catch (const json::exception &) {
    }
    return shorten(body);
}

std::string OpenAiClient::redactKey(std::string message, const std::string &key)
{
    auto replaceAll = [&message](const std::string &needle) {
        if (needle.empty())
            return;
        for (std::size_t at = message.find(needle); at != std::string::npos; at = message.find(needle, at + 3))
            message.replace(at, needle.size(), "***");
    };
    replaceAll(key);
    // A server may show only the end of the key ("...cdef1234"): that part goes too.
    if (key.size() > 8)
        replaceAll(key.substr(key.size() - 8));
    return message;
}

double OpenAiClient::parseRetryAfter(const std::string &value)
{
    if (value.empty())
        return -1;
    char *end = nullptr;
    const double s = std::strtod(value.c_str(), &end);
    if (end && end != value.c_str() && *end == '\0')
        return s >= 0 ? s : -1;
    std::tm tm{};
    if (strptime(value.c_str(), "%a, %d %b %Y %H:%M:%S", &tm)) {
        const std::time_t when = timegm(&tm);
        return std::max(0.0, std::difftime(when, std::time(nullptr)));
    }
    return -1;
}

std::vector<std::string> OpenAiClient::models()
{
    httplib::Client cli(m_hostPort);
    cli.set_connection_timeout(std::chrono::duration<double>(m_options.connectTimeoutS));
    cli.set_read_timeout(std::chrono::duration<double>(m_options.timeoutS));
    if (!m_key.empty())
        cli.set_bearer_token_auth(m_key);
    auto res = cli.Get(m_prefix + "/models");
    if (!res)
        throw Error(m_hostPort + m_prefix + "/models: " + httplib::to_string(res.error()));
    if (res->status != 200)
        throw RequestError(redactKey(m_hostPort + m_prefix + "/models: HTTP " + std::to_string(res->status) + ": "
                                         + errorMessage(res->body),
                                     m_key),
                           res->status);
    std::vector<std::string> ids;
    try {
        const json j = json::parse(res->body);
        for (const json &m : j.at("data"))
            if (m.contains("id") && m["id"].is_string())
                ids.push_back(m["id"].get<std::string>());
    } catch (const json::exception &) {
        throw Error(m_hostPort + m_prefix + "/models: the answer is not a model list");
    }
    return ids;
}

CompletionResult OpenAiClient::complete(const CompletionRequest &request, const std::atomic<bool> *cancel)
{
    const auto t0 = Clock::now();
    const std::string path = m_prefix + (m_options.api == "chat" ? "/chat/completions" : "/completions");
    const std::string body = requestBody(request);
    const std::string where = m_hostPort + path + ": ";
    std::string lastMessage;
    for (int attempt = 1;; ++attempt) {
        if (cancelled(cancel))
            throw Cancelled();
        httplib::Client cli(m_hostPort);
        cli.set_connection_timeout(std::chrono::duration<double>(m_options.connectTimeoutS));
        cli.set_read_timeout(std::chrono::duration<double>(m_options.timeoutS));
        cli.set_write_timeout(std::chrono::duration<double>(m_options.timeoutS));
        httplib::Request req;
        req.method = "POST";
        req.path = path;
        req.body = body;
        req.set_header("Content-Type", "application/json");
        if (!m_key.empty())
            req.set_header("Authorization", "Bearer " + m_key);
        // The answer goes through a receiver so that an endless one is cut at the cap.
        std::string answer;
        bool tooLarge = false;
        const std::size_t cap = m_options.maxResponseBytes;
        req.content_receiver = [&](const char *data, std::size_t n, std::uint64_t, std::uint64_t) {
            if (answer.size() + n > cap) {
                tooLarge = true;
                return false;
            }
            answer.append(data, n);
            return true;
        };
        httplib::Result res{nullptr, httplib::Error::Unknown};
        bool timedOut = false;
        {
            const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                                     std::chrono::duration<double>(m_options.timeoutS));
            CancelWatcher watcher(cli, cancel, deadline);
            res = cli.send(req);
            timedOut = watcher.timedOut();
        }
        if (cancelled(cancel))
            throw Cancelled();
        if (tooLarge)
            throw RequestError(where + "the answer is larger than " + std::to_string(cap) + " bytes", 0);
        int status = 0;
        double retryAfter = -1;
        if (!res) {
            const httplib::Error e = res.error();
            lastMessage = timedOut || e == httplib::Error::Read
                ? "no answer within " + fmtSeconds(m_options.timeoutS) + " s" + (timedOut ? "" : " (" + httplib::to_string(e) + ")")
                : httplib::to_string(e);
            if (!timedOut && (e == httplib::Error::SSLServerVerification || e == httplib::Error::SSLLoadingCerts))
                throw RequestError(where + lastMessage, 0);
        } else {
            status = res->status;
            if (answer.empty())
                answer = res->body;
            if (status == 200) {
                if (json::accept(answer)) {
                    CompletionResult out;
                    try {
                        out = parseResponse(answer);
                    } catch (const Error &e) {
                        throw RequestError(redactKey(where + e.what(), m_key), status);
                    }
                    out.attempts = attempt;
                    out.seconds = secondsSince(t0);
                    return out;
                }
                // Not JSON at all: an HTML page of a proxy or a gateway in between, worth another try.
                lastMessage = "HTTP 200 but the answer is not JSON: " + shorten(answer, 200);
            } else {
                lastMessage = "HTTP " + std::to_string(status) + ": " + errorMessage(answer);
                if (!retryableStatus(status))
                    throw RequestError(redactKey(where + lastMessage, m_key), status);
                if (res->has_header("Retry-After"))
                    retryAfter = parseRetryAfter(res->get_header_value("Retry-After"));
            }
        }
        lastMessage = redactKey(lastMessage, m_key);
        if (attempt > m_options.maxRetries)
            throw RequestError(where + lastMessage + " (gave up after " + std::to_string(attempt) + " attempt"
                                   + (attempt == 1 ? "" : "s") + ")",
                               status);
        // Exponential backoff with "equal jitter"; a Retry-After from the server wins.
        const double backoff = std::min(m_options.backoffMaxS, m_options.backoffBaseS * std::pow(2.0, attempt - 1));
        // A server's Retry-After is honoured up to ten minutes.
        const double wait = retryAfter >= 0 ? std::min(retryAfter, 600.0) : backoff / 2 + jitter() * backoff / 2;
        if (m_options.onRetry)
            m_options.onRetry(RetryInfo{attempt + 1, wait, status, lastMessage});
        waitFor(wait, cancel);
    }
}

} // namespace sft::openai
