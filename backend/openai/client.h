#pragma once
// A CompletionBackend on any OpenAI-compatible server (vLLM, llama.cpp's
// server, Ollama, TGI, a hosted API, or `sftbench-cli serve`), over
// cpp-httplib. It speaks /v1/completions or /v1/chat/completions (the prompt as
// one user message), sends the API key as "Authorization: Bearer" when one is
// set, and retries what is worth retrying: 429 and 5xx answers, timeouts and
// connection errors, with exponential backoff and jitter, honouring the
// server's Retry-After; a 200 whose body is not JSON (a proxy's HTML page) is
// retried too. A 4xx answer fails at once with the server's own message
// (RequestError, with the status). Each attempt has a deadline of timeout_s
// for the whole exchange, and an answer larger than maxResponseBytes is
// refused. The key is never part of a message, a log line or describe(): a
// server that echoes it in an error has it replaced by "***".

#include "openai/completion.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sft::openai {

/** One retry about to happen (for the run's "retry" event). */
struct RetryInfo
{
    int attempt = 2;       ///< the attempt that follows the wait (2 = first retry)
    double waitS = 0;      ///< seconds it waits first
    int status = 0;        ///< HTTP status of the failed attempt; 0 for a timeout or connection error
    std::string message;   ///< what went wrong
};

struct OpenAiClientOptions
{
    std::string baseUrl = "http://127.0.0.1:8080/v1";   ///< http(s)://host[:port][/prefix]
    std::string model;                                   ///< sent as "model" (servers with one model may ignore it)
    std::string api = "completions";                     ///< "completions" | "chat"
    std::string apiKey;          ///< the key itself; empty: read apiKeyEnv
    std::string apiKeyEnv = "SFTBENCH_API_KEY";   ///< environment variable holding the key (none when unset or empty)
    double timeoutS = 120;       ///< deadline of one attempt: sending, waiting and reading the whole answer
    double connectTimeoutS = 10;
    int concurrency = 4;
    int maxRetries = 5;          ///< retries after the first attempt
    double backoffBaseS = 1;     ///< first backoff; doubles per retry
    double backoffMaxS = 60;     ///< cap of the backoff (a Retry-After is honoured up to 600 s)
    std::size_t maxResponseBytes = std::size_t(16) << 20;   ///< a larger answer body is an error
    std::function<void(const RetryInfo &)> onRetry;   ///< called on the requesting thread before each wait
};

class OpenAiClient : public CompletionBackend
{
public:
    /** Throws sft::Error when the URL or the api is not valid. */
    explicit OpenAiClient(OpenAiClientOptions options);
    ~OpenAiClient() override;

    CompletionResult complete(const CompletionRequest &request, const std::atomic<bool> *cancel = nullptr) override;
    int concurrency() const override { return m_options.concurrency; }
    std::string describe() const override;

    /** GET /models: the served model ids (a "test connection"). Throws sft::Error. */
    std::vector<std::string> models();

    void setRetryCallback(std::function<void(const RetryInfo &)> fn) { m_options.onRetry = std::move(fn); }

    /** The request body complete() sends (for tests and logs; carries no key). */
    std::string requestBody(const CompletionRequest &request) const;
    /** Parses a successful response body; throws sft::Error when it is not one. */
    CompletionResult parseResponse(const std::string &body) const;

    /** "http://h:p" and "/v1" of a base URL; throws sft::Error when it is not http(s)://host... */
    static std::pair<std::string, std::string> splitBaseUrl(const std::string &url);
    /** The message of an error body {"error": {"message": ...}} (or the body itself, shortened). */
    static std::string errorMessage(const std::string &body);
    /** Seconds of a Retry-After header value (delta-seconds or an HTTP date); negative when unreadable. */
    static double parseRetryAfter(const std::string &value);
    /** message with every occurrence of key (and of its last 8 characters) replaced by "***". */
    static std::string redactKey(std::string message, const std::string &key);

private:
    OpenAiClientOptions m_options;
    std::string m_hostPort;   ///< scheme://host:port
    std::string m_prefix;     ///< "/v1"
    std::string m_key;
};

} // namespace sft::openai
