#pragma once
// An OpenAI-compatible HTTP server on one EngineCompletion (cpp-httplib):
//   GET  /v1/models            the one served model
//   POST /v1/completions       a prompt continued
//   POST /v1/chat/completions  messages through the model's chat template
//   GET  /health               {"status":"ok", counters} (no key needed)
// "stream": true answers as server-sent events (text/event-stream, one
// "data: {chunk}" per piece of text, "data: [DONE]" at the end).
//
// A client that goes away stops its generation within one token, streamed or
// not: before every decode step the server peeks at the request's socket
// (a non-blocking recv(MSG_PEEK) that sees the client's FIN or RST), and a
// failed write of a stream says the same. Such requests count in
// ServerStats::cancelled and are logged with finish_reason "cancelled"
// (status 499, nginx's "client closed request", when nothing was sent yet).
// A client that half-closes its socket after sending the request counts as
// gone too (HTTP clients do not do that).
//
// Errors are OpenAI's JSON {"error": {message, type, param, code}}: 400 for a
// bad request (param = the field; an empty body or one that is not a JSON
// object has code "invalid_json"), 401 without the key when one is set, 404
// for an unknown model or path, 405 for a known path with the wrong method,
// 413 for a body over the limit, 503 when the server stops during a
// non-streamed generation (a stream gets an error event and [DONE] instead),
// 500 when generation fails. The body is read as JSON whatever the
// Content-Type says (curl -d sends application/x-www-form-urlencoded).
//
// Limits: bound to 127.0.0.1 unless told otherwise. Connections are served by
// a fixed pool of threads (ServerOptions::threads); connections beyond it, and
// generation requests beyond the one running, wait in unbounded queues, and a
// client that sends its request very slowly holds a thread for as long as it
// keeps sending (each read waits at most readTimeoutSeconds). That is fine on
// one machine; when binding to other interfaces, put a reverse proxy (nginx,
// Caddy) in front that buffers requests and limits connections and rates.

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
    int readTimeoutSeconds = 5;                    ///< longest wait for the next bytes of a request (and idle keep-alive)
};

/** Counters since start. */
struct ServerStats
{
    std::int64_t requests = 0;     ///< generation requests that passed validation
    std::int64_t completed = 0;    ///< generations that ran to eos, a stop string or max_tokens
    std::int64_t cancelled = 0;    ///< generations stopped because the client went away (or the server stops)
    std::int64_t failed = 0;       ///< generations that failed with an error (500, or an error event in a stream)
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
    /**
     * Receives one JSON object per answered request that generated or was refused (the CLI prints
     * them as lines): "status" is the HTTP status the client got (499: none, it had gone), with
     * "finish_reason", token counts, the sampling "seed" (drawn at random when the request gave
     * none) and "error" for a failure.
     */
    void setLog(std::function<void(const nlohmann::json &)> log);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sft::serve
