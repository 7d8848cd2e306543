// The HTTP side of `sftbench-cli serve` (see server.h): routes, the API key,
// request validation (openai/protocol.h), generation on the engine, streaming.

#include "serve/server.h"

#include "core/error.h"
#include "openai/protocol.h"
#include "serve/engine_completion.h"

#include <httplib.h>

#include <dirent.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <random>

using nlohmann::json;

namespace sft::serve {

using openai::ApiError;
using openai::Endpoint;

namespace {

/** The status logged for a client that went away before its answer: nginx's "client closed request". */
constexpr int kClientClosed = 499;

/**
 * Close the connection after this answer (its request body, if any, was left unread and must not be
 * taken for the next request). httplib adds the header itself when the client asked for it.
 */
void closeAfter(const httplib::Request &req, httplib::Response &res)
{
    if (req.get_header_value("Connection") != "close" && !res.has_header("Connection"))
        res.set_header("Connection", "close");
}

void sendError(httplib::Response &res, const ApiError &e)
{
    res.status = e.status();
    res.set_content(openai::dumpJson(openai::errorJson(e)), "application/json");
}

/**
 * given == key, in a time that does not depend on where they differ; key is not empty. The time
 * does depend on given's length, and may reveal the key's length (i % key.size() wraps around it):
 * acceptable, the length is not the secret.
 */
bool sameSecret(const std::string &given, const std::string &key)
{
    unsigned char diff = given.size() == key.size() ? 0 : 1;
    for (std::size_t i = 0; i < given.size(); ++i)
        diff |= static_cast<unsigned char>(given[i] ^ key[i % key.size()]);
    return diff == 0;
}

/** The token of "Authorization: Bearer TOKEN" (the scheme in any case, spaces around the token ignored); nullopt for another scheme. */
std::optional<std::string> bearerToken(const std::string &header)
{
    const std::size_t space = header.find_first_of(" \t");
    std::string scheme = header.substr(0, space);
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
    if (scheme != "bearer" || space == std::string::npos)
        return std::nullopt;
    const std::size_t begin = header.find_first_not_of(" \t", space);
    if (begin == std::string::npos)
        return std::string();
    return header.substr(begin, header.find_last_not_of(" \t") + 1 - begin);
}

double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/**
 * A seed for a request that gave none (OpenAI and vLLM sample differently each time then). Below
 * 2^53, so the logged value survives any JSON parser when sent back as "seed" to repeat the sample.
 */
std::uint64_t randomSeed()
{
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    return rng() >> 11;
}

/** "host:port" of a socket address, as httplib writes Request::remote_addr (numeric host). */
bool addressOf(const sockaddr_storage &a, socklen_t len, std::string &host, int &port)
{
    char h[NI_MAXHOST], s[NI_MAXSERV];
    if (::getnameinfo(reinterpret_cast<const sockaddr *>(&a), len, h, sizeof h, s, sizeof s,
                      NI_NUMERICHOST | NI_NUMERICSERV) != 0)
        return false;
    host = h;
    port = std::atoi(s);
    return true;
}

/**
 * The descriptor of the connection a request came on, or -1. httplib does not hand it to
 * handlers; the request names both ends (remote and local address and port), and exactly one
 * open socket of this process has that pair while the handler runs (httplib closes it only
 * after the handler returns). Reads /proc/self/fd once per request.
 */
int requestSocket(const httplib::Request &req)
{
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir)
        return -1;
    int found = -1;
    while (const dirent *e = ::readdir(dir)) {
        char *end = nullptr;
        const long fd = std::strtol(e->d_name, &end, 10);
        if (end == e->d_name || *end != '\0' || fd == ::dirfd(dir))
            continue;
        sockaddr_storage peer{}, local{};
        socklen_t peerLen = sizeof peer, localLen = sizeof local;
        if (::getpeername(static_cast<int>(fd), reinterpret_cast<sockaddr *>(&peer), &peerLen) != 0
            || ::getsockname(static_cast<int>(fd), reinterpret_cast<sockaddr *>(&local), &localLen) != 0)
            continue;   // not a socket, or not connected
        std::string peerHost, localHost;
        int peerPort = -1, localPort = -1;
        if (addressOf(peer, peerLen, peerHost, peerPort) && addressOf(local, localLen, localHost, localPort)
            && peerPort == req.remote_port && localPort == req.local_port && peerHost == req.remote_addr
            && localHost == req.local_addr) {
            found = static_cast<int>(fd);
            break;
        }
    }
    ::closedir(dir);
    return found;
}

/**
 * Whether the client at the other end of fd has closed or reset the connection: a non-blocking
 * peek reads 0 bytes (FIN) or fails with anything but "no data yet". Data waiting (a pipelined
 * request) means it is still there. One system call, cheap enough for every decode step.
 */
bool peerClosed(int fd)
{
    char c;
    const ssize_t n = ::recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n > 0)
        return false;
    if (n == 0)
        return true;
    return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
}

} // namespace

struct Server::Private
{
    EngineCompletion &engine;
    ServerOptions options;
    httplib::Server http;
    std::atomic<bool> stopping{false};
    std::int64_t created = 0;
    std::function<void(const json &)> log;
    mutable std::mutex statsMutex;
    ServerStats stats;

    Private(EngineCompletion &e, ServerOptions o) : engine(e), options(std::move(o)) {}

    void count(std::int64_t ServerStats::*field, std::int64_t by = 1)
    {
        std::lock_guard<std::mutex> lock(statsMutex);
        stats.*field += by;
    }

    void emit(const json &event)
    {
        if (log)
            log(event);
    }

    /**
     * One generation over: the counters (completed, cancelled or failed by g.finishReason:
     * "cancelled", "error", else completed) and the log line with the status the client got.
     */
    void finished(const openai::ResponseInfo &info, Endpoint endpoint, bool stream, const GenerateOutput &g,
                  std::uint64_t seed, double seconds, int status, const std::string &error = {})
    {
        {
            std::lock_guard<std::mutex> lock(statsMutex);
            --stats.active;
            ++(g.finishReason == "cancelled" ? stats.cancelled : g.finishReason == "error" ? stats.failed : stats.completed);
            stats.completionTokens += g.completionTokens;
        }
        json event = {{"event", "request"},
                      {"id", info.id},
                      {"endpoint", endpoint == Endpoint::Completions ? "/v1/completions" : "/v1/chat/completions"},
                      {"stream", stream},
                      {"status", status},
                      {"finish_reason", g.finishReason},
                      {"seed", seed},
                      {"prompt_tokens", g.promptTokens},
                      {"completion_tokens", g.completionTokens},
                      {"wait_seconds", g.waitSeconds},
                      {"seconds", seconds}};
        if (!error.empty())
            event["error"] = error;
        emit(event);
    }

    void rejected(const httplib::Request &req, const ApiError &e)
    {
        count(&ServerStats::rejected);
        emit({{"event", "request"},
              {"endpoint", req.path},
              {"status", e.status()},
              {"error", e.message()},
              {"param", e.param()},
              {"code", e.code()}});
    }

    /** Answer and log a refused request. */
    void refuse(const httplib::Request &req, httplib::Response &res, const ApiError &e)
    {
        rejected(req, e);
        sendError(res, e);
    }

    /** A handler that answers 405 for a path that exists with other methods. */
    httplib::Server::Handler methodNotAllowed(const std::string &allowed)
    {
        return [this, allowed](const httplib::Request &req, httplib::Response &res) {
            res.set_header("Allow", allowed);
            closeAfter(req, res);
            refuse(req, res, ApiError(405, req.method + " is not allowed on " + req.path + "; use " + allowed, {},
                                      "method_not_allowed"));
        };
    }

    /** The same for POST (registered as a content-reader route, so httplib reads no body for it). */
    httplib::Server::HandlerWithContentReader postNotAllowed(const std::string &allowed)
    {
        return [handler = methodNotAllowed(allowed)](const httplib::Request &req, httplib::Response &res,
                                                     const httplib::ContentReader &) { handler(req, res); };
    }

    /**
     * A POST generation route. The body is read here through the content reader rather than by
     * httplib, which would parse an application/x-www-form-urlencoded body (curl -d's default) as a
     * form and refuse one over 8 KB with its own 413: the body is JSON whatever the Content-Type.
     */
    httplib::Server::HandlerWithContentReader generationRoute(Endpoint endpoint)
    {
        return [this, endpoint](const httplib::Request &req, httplib::Response &res,
                                const httplib::ContentReader &reader) {
            if (req.is_multipart_form_data()) {
                closeAfter(req, res);
                refuse(req, res, ApiError(400, "the request body must be a JSON object, not multipart form data", {},
                                          "invalid_json"));
                return;
            }
            std::string body;
            bool tooLarge = false;
            // A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 6.3);
            // httplib would wait for the connection to close instead.
            const bool hasBody = req.has_header("Content-Length") || req.has_header("Transfer-Encoding");
            const bool read = !hasBody || reader([&](const char *data, std::size_t length) {
                if (body.size() + length > options.maxBodyBytes) {   // also bounds chunked bodies
                    tooLarge = true;
                    return false;
                }
                body.append(data, length);
                return true;
            });
            if (!read) {
                closeAfter(req, res);
                if (tooLarge || res.status == 413)
                    refuse(req, res, ApiError(413, "the request body is larger than this server's limit of "
                                                       + std::to_string(options.maxBodyBytes) + " bytes",
                                              {}, "request_too_large"));
                else
                    refuse(req, res, ApiError(400, "the request body could not be read"));
                return;
            }
            handleGeneration(endpoint, req, body, res);
        };
    }

    void handleGeneration(Endpoint endpoint, const httplib::Request &req, const std::string &body,
                          httplib::Response &res);
};

void Server::Private::handleGeneration(Endpoint endpoint, const httplib::Request &req, const std::string &body,
                                       httplib::Response &res)
{
    const auto t0 = std::chrono::steady_clock::now();
    openai::ServeRequest rq;
    std::vector<std::int64_t> ids;
    GenerateSettings s;
    try {
        rq = endpoint == Endpoint::Completions ? openai::parseCompletionsRequest(body)
                                               : openai::parseChatRequest(body);
        if (!rq.model.empty() && rq.model != options.modelName)
            throw ApiError(404, "the model '" + rq.model + "' does not exist; this server serves '" + options.modelName
                                    + "'", "model", "model_not_found");
        const std::string promptParam = endpoint == Endpoint::Completions ? "prompt" : "messages";
        std::string prompt = rq.prompt;
        if (endpoint == Endpoint::ChatCompletions) {
            std::vector<ChatMessage> messages;
            for (const auto &m : rq.messages)
                messages.push_back({m.role, m.content});
            prompt = engine.renderChat(messages);
        }
        try {
            ids = endpoint == Endpoint::ChatCompletions ? engine.encodeChat(prompt) : engine.encode(prompt);
        } catch (const Error &e) {
            throw ApiError::badField(promptParam, e.message());
        }
        s.maxTokens = rq.maxTokens;
        s.temperature = rq.temperature;
        s.topP = rq.topP;
        s.topK = rq.topK;
        s.repetitionPenalty = rq.repetitionPenalty;
        s.seed = rq.seed ? *rq.seed : randomSeed();   // no seed: a new sample each time, as OpenAI and vLLM do
        s.stop = rq.stop;
        s.ignoreEos = rq.ignoreEos;
        const auto promptTokens = static_cast<std::int64_t>(ids.size());
        if (rq.maxTokens) {
            s.maxTokens = engine.fitToContext(promptTokens, *rq.maxTokens, promptParam, rq.maxTokensParam,
                                              rq.maxTokensText);
        } else {   // the default never makes a request fail: it only fills what the context leaves
            const std::int64_t room = engine.contextLength() - promptTokens;
            if (room <= 0)
                engine.fitToContext(promptTokens, 1, promptParam);   // throws: the prompt fills the context
            s.maxTokens = std::min(engine.resolvedMaxTokens(s), room);
        }
    } catch (const ApiError &e) {
        refuse(req, res, e);
        return;
    }

    count(&ServerStats::requests);
    count(&ServerStats::active);
    const openai::ResponseInfo info = openai::newResponseInfo(endpoint, options.modelName);
    const int fd = requestSocket(req);   // -1 (not found): only a failed write of a stream notices a client leave

    if (!rq.stream) {
        bool clientGone = false;
        const auto gone = [&] { return clientGone || (clientGone = fd >= 0 && peerClosed(fd)); };
        GenerateOutput g;
        try {
            g = engine.generate(ids, s, {}, &stopping, gone);
        } catch (const std::exception &e) {
            const ApiError error(500, std::string("generation failed: ") + e.what());
            g.finishReason = "error";
            finished(info, endpoint, false, g, s.seed, secondsSince(t0), 500, error.message());
            sendError(res, error);
            return;
        }
        if (g.finishReason == "cancelled") {
            // The server stopping wins: a client still there learns why it got no text.
            const ApiError error = stopping ? ApiError(503, "the server is shutting down", {}, "server_shutting_down")
                                            : ApiError(kClientClosed, "the client closed the connection", {},
                                                       "client_closed_request");
            finished(info, endpoint, false, g, s.seed, secondsSince(t0), error.status(), error.message());
            closeAfter(req, res);
            sendError(res, error);
            return;
        }
        finished(info, endpoint, false, g, s.seed, secondsSince(t0), 200);
        res.set_content(openai::dumpJson(openai::responseJson(endpoint, info, g.text,
                                                              openai::openAiFinishReason(g.finishReason),
                                                              {g.promptTokens, g.completionTokens})),
                        "application/json");
        return;
    }

    // Streaming: the provider runs after the headers are sent, on this connection's thread, and
    // generates as it writes; a failed write or a closed socket (the client has gone) stops the
    // generation. The status is 200 from here on: failures arrive as an error event.
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Accel-Buffering", "no");
    res.set_chunked_content_provider(
        "text/event-stream",
        [this, endpoint, info, ids, s, fd, includeUsage = rq.includeUsage, t0](std::size_t, httplib::DataSink &sink) {
            bool clientGone = false;
            auto write = [&](const std::string &text) {
                if (!clientGone && !sink.write(text.data(), text.size()))
                    clientGone = true;
                return !clientGone;
            };
            const auto gone = [&] { return clientGone || (clientGone = fd >= 0 && peerClosed(fd)); };
            GenerateOutput g;
            std::string error;
            try {
                if (endpoint == Endpoint::ChatCompletions)
                    write(openai::sseEvent(openai::chunkJson(endpoint, info, {}, {}, true)));
                if (!clientGone)
                    g = engine.generate(ids, s, [&](const std::string &piece) {
                        return write(openai::sseEvent(openai::chunkJson(endpoint, info, piece)));
                    }, &stopping, gone);
                else
                    g.finishReason = "cancelled";
            } catch (const std::exception &e) {
                g.finishReason = "error";
                error = std::string("generation failed: ") + e.what();
                write(openai::sseEvent(openai::errorJson(ApiError(500, error))));
            }
            if (clientGone) {
                g.finishReason = "cancelled";
                finished(info, endpoint, true, g, s.seed, secondsSince(t0), 200, "the client closed the connection");
                return false;   // closes the connection
            }
            if (g.finishReason == "cancelled") {   // the server is stopping: say so, then end the stream properly
                error = "the server is shutting down";
                write(openai::sseEvent(openai::errorJson(ApiError(503, error, {}, "server_shutting_down"))));
            } else if (g.finishReason != "error") {
                write(openai::sseEvent(openai::chunkJson(endpoint, info, {}, openai::openAiFinishReason(g.finishReason))));
                if (includeUsage)
                    write(openai::sseEvent(openai::usageChunkJson(endpoint, info, {g.promptTokens, g.completionTokens})));
            }
            finished(info, endpoint, true, g, s.seed, secondsSince(t0), 200, error);
            write(openai::sseDone());
            sink.done();
            return true;
        });
}

Server::Server(EngineCompletion &engine, ServerOptions options) : d(std::make_unique<Private>(engine, std::move(options)))
{
    if (d->options.modelName.empty())
        d->options.modelName = std::filesystem::path(engine.options().modelDir).filename().string();
    d->created = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch()).count();
    auto &http = d->http;
    const int threads = std::max(1, d->options.threads);
    http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    http.set_payload_max_length(d->options.maxBodyBytes);
    // A slow sender holds one of the threads while it sends; these bound each wait, not the whole
    // request (see server.h: a reverse proxy in front when the server is reachable from elsewhere).
    const int timeout = std::max(1, d->options.readTimeoutSeconds);
    http.set_read_timeout(timeout, 0);
    http.set_keep_alive_timeout(timeout);

    http.set_pre_routing_handler([this](const httplib::Request &req, httplib::Response &res) {
        if (d->options.apiKey.empty() || req.path.rfind("/v1/", 0) != 0)
            return httplib::Server::HandlerResponse::Unhandled;
        const std::string auth = req.get_header_value("Authorization");
        std::string why;
        if (auth.empty()) {
            why = "no API key given: send the header 'Authorization: Bearer <key>'";
        } else {
            const auto token = bearerToken(auth);
            if (!token || !sameSecret(*token, d->options.apiKey))
                why = "incorrect API key provided";
        }
        if (why.empty())
            return httplib::Server::HandlerResponse::Unhandled;
        closeAfter(req, res);
        d->refuse(req, res, ApiError(401, why, {}, "invalid_api_key"));
        return httplib::Server::HandlerResponse::Handled;
    });

    http.Get("/v1/models", [this](const httplib::Request &, httplib::Response &res) {
        openai::ModelEntry m;
        m.id = d->options.modelName;
        m.created = d->created;
        m.maxModelLen = d->engine.contextLength();
        res.set_content(openai::dumpJson(openai::modelsJson({m})), "application/json");
    });
    http.Get("/health", [this](const httplib::Request &, httplib::Response &res) {
        const ServerStats s = stats();
        res.set_content(openai::dumpJson({{"status", "ok"},
                                          {"model", d->options.modelName},
                                          {"requests", s.requests},
                                          {"completed", s.completed},
                                          {"cancelled", s.cancelled},
                                          {"failed", s.failed},
                                          {"rejected", s.rejected},
                                          {"active", s.active},
                                          {"completion_tokens", s.completionTokens}}),
                        "application/json");
    });
    for (const char *path : {"/v1/completions", "/v1/chat/completions"}) {
        const Endpoint endpoint = std::string(path) == "/v1/completions" ? Endpoint::Completions : Endpoint::ChatCompletions;
        http.Post(path, d->generationRoute(endpoint));
        http.Get(path, d->methodNotAllowed("POST"));
        http.Put(path, d->methodNotAllowed("POST"));
        http.Patch(path, d->methodNotAllowed("POST"));
        http.Delete(path, d->methodNotAllowed("POST"));
    }
    for (const char *path : {"/v1/models", "/health"}) {
        http.Post(path, d->postNotAllowed("GET"));
        http.Put(path, d->methodNotAllowed("GET"));
        http.Patch(path, d->methodNotAllowed("GET"));
        http.Delete(path, d->methodNotAllowed("GET"));
    }

    // httplib's own answers (no route, body over the limit, unreadable body) get a JSON error body too.
    http.set_error_handler([this](const httplib::Request &req, httplib::Response &res) {
        if (!res.body.empty())
            return;
        std::string message = "HTTP error " + std::to_string(res.status);
        std::string code;
        if (res.status == 404) {
            message = "no such endpoint: " + req.method + " " + req.path;
            code = "not_found";
        } else if (res.status == 413) {
            message = "the request body is larger than this server's limit of " + std::to_string(d->options.maxBodyBytes)
                      + " bytes";
            code = "request_too_large";
        } else if (res.status == 400) {
            message = "the request could not be read";
        }
        const ApiError e(res.status, message, {}, code);
        if (res.status == 413)
            d->rejected(req, e);
        sendError(res, e);
    });
    http.set_exception_handler([](const httplib::Request &, httplib::Response &res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception &e) {
            what = e.what();
        } catch (...) {
        }
        sendError(res, ApiError(500, what));
    });
}

Server::~Server()
{
    stop();
}

int Server::bind()
{
    const int port = d->options.port == 0 ? d->http.bind_to_any_port(d->options.host)
                                          : (d->http.bind_to_port(d->options.host, d->options.port) ? d->options.port : -1);
    if (port <= 0)
        throw Error("cannot listen on " + d->options.host + ":" + std::to_string(d->options.port)
                    + " (address in use, or not an address of this machine)");
    return port;
}

void Server::run()
{
    d->http.listen_after_bind();
}

void Server::stop()
{
    d->stopping = true;
    d->http.stop();
}

ServerStats Server::stats() const
{
    std::lock_guard<std::mutex> lock(d->statsMutex);
    return d->stats;
}

void Server::setLog(std::function<void(const json &)> log)
{
    d->log = std::move(log);
}

} // namespace sft::serve
