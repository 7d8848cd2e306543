#pragma once
// One text completion, whoever produces it: the project's own engine in this
// process (serve's EngineCompletion) or any OpenAI-compatible server over HTTP
// (OpenAiClient). The Self-Instruct loop talks only to this interface, so a
// scripted backend in a test, a local model folder and a vLLM cluster behind
// one URL are interchangeable. Qt-free and torch-free.

#include "core/error.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace sft::openai {

/**
 * A request the server refused for good, with the HTTP status of the last
 * attempt (0 when there was no answer: a timeout, a connection error). The
 * loop tells a request one candidate made too large (a 4xx) from a dead or
 * unauthorised endpoint by it.
 */
class RequestError : public Error
{
public:
    RequestError(const std::string &message, int status) : Error(message), m_status(status) {}
    int status() const { return m_status; }

private:
    int m_status = 0;
};

/** What to complete and how to sample (the OpenAI request fields the loop needs). */
struct CompletionRequest
{
    std::string prompt;
    std::int64_t maxTokens = 1024;
    double temperature = 0.7;
    double topP = 0.5;
    std::vector<std::string> stop;  ///< stop strings (the text is cut before the first one)
    std::uint64_t seed = 0;         ///< sampling seed (servers that ignore it sample as they like)
};

/** What came back. */
struct CompletionResult
{
    std::string text;
    std::string finishReason;            ///< "stop" (eos or a stop string) | "length"
    std::int64_t promptTokens = 0;       ///< as the server reports them (0 when it does not)
    std::int64_t completionTokens = 0;
    int attempts = 1;                    ///< 1 + retries it took
    double seconds = 0;                  ///< wall time of the whole call, retries included
};

/**
 * A completion backend. complete() may be called from several threads at once
 * (up to concurrency()); it throws sft::Error with a readable message when the
 * request fails for good, and sft::Cancelled when cancel became true while it
 * waited (between retries or while generating).
 */
class CompletionBackend
{
public:
    virtual ~CompletionBackend() = default;
    virtual CompletionResult complete(const CompletionRequest &request, const std::atomic<bool> *cancel = nullptr) = 0;
    /** Requests the caller may keep in flight at once. */
    virtual int concurrency() const { return 1; }
    /** For logs: "local model /path" or "http://host:port/v1 (model m)"; never an API key. */
    virtual std::string describe() const = 0;
};

} // namespace sft::openai
