#pragma once
// An OpenAI-compatible HTTP server on one EngineCompletion (cpp-httplib):
//   GET  /v1/models            the one served model
//   POST /v1/completions       a prompt continued
//   POST /v1/chat/completions  messages through the model's chat template
//   GET  /health               {"status":"ok", counters} (no key needed)
// "stream": true answers as server-sent events (text/event-stream, one
// "data: {chunk}" per piece of text, "data: [DONE]" at the end). A client that
// disconnects mid-stream makes the next write fail, which stops the
// generation at once (counted in ServerStats::cancelled and logged with
// finish_reason "cancelled"). Errors are OpenAI's JSON {"error": {message,
// type, param, code}}: 400 for a bad request (param = the field), 401 without
// the key when one is set, 404 for an unknown model or path, 413 for a body
// over the limit. Bound to 127.0.0.1 unless told otherwise.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace sft::serve {

class EngineCompletion;

struct ServerOptions
{
    std::string host = "127.0.0.1";
    int port = 0;                                  ///< 0: a free port (bind() says which)
    std::string apiKey;                            ///< "" = no key; else "Authorization: Bearer <key>" on /v1/*
    std::size_t maxBodyBytes = 4 * 1024 * 1024;    ///< larger request bodies get 413
    std::string modelName;                         ///< the id in /v1/models; requests naming another get 404
    int threads = 32;                              ///< connections served at once (generation itself is serialised)
};

/** Counters since start. */
struct ServerStats
{
    std::int64_t requests = 0;     ///< generation requests that passed validation
    std::int64_t completed = 0;    ///< generations that ran to eos, a stop string or max_tokens
    std::int64_t cancelled = 0;    ///< generations stopped because the client went away (or the server stops)
    std::int64_t rejected = 0;     ///< 4xx answers
    std::int64_t active = 0;       ///< generation requests in progress (waiting or generating)
    std::int64_t completionTokens = 0;
};

class Server
{
public:
    Server(EngineCompletion &engine, ServerOptions options);
    ~Server();

    /** Bind the address; returns the port. Throws sft::Error when it cannot be bound. */
    int bind();
    /** Serve on the bound socket until stop(); blocks. */
    void run();
    /** From any thread: stop accepting, cancel running generations; run() returns. */
    void stop();

    ServerStats stats() const;
    /** Receives one JSON object per answered generation request (the CLI prints them as lines). */
    void setLog(std::function<void(const nlohmann::json &)> log);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sft::serve
