// The HTTP side of `sftbench-cli serve` (see server.h): routes, the API key,
// request validation (openai/protocol.h), generation on the engine, streaming.

#include "serve/server.h"

#include "core/error.h"
#include "openai/protocol.h"
#include "serve/engine_completion.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>

using nlohmann::json;

namespace sft::serve {

using openai::ApiError;
using openai::Endpoint;

namespace {

void sendError(httplib::Response &res, const ApiError &e)
{
    res.status = e.status();
    res.set_content(openai::dumpJson(openai::errorJson(e)), "application/json");
}

/** given == key in time independent of where they differ (the key must not leak through timing); key is not empty. */
bool sameSecret(const std::string &given, const std::string &key)
{
    unsigned char diff = given.size() == key.size() ? 0 : 1;
    for (std::size_t i = 0; i < given.size(); ++i)
        diff |= static_cast<unsigned char>(given[i] ^ key[i % key.size()]);
    return diff == 0;
}

double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
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

    /** One finished generation: counters and the log line. */
    void finished(const openai::ResponseInfo &info, Endpoint endpoint, bool stream, const GenerateOutput &g,
                  double seconds)
    {
        {
            std::lock_guard<std::mutex> lock(statsMutex);
            --stats.active;
            ++(g.finishReason == "cancelled" ? stats.cancelled : stats.completed);
            stats.completionTokens += g.completionTokens;
        }
        emit({{"event", "request"},
              {"id", info.id},
              {"endpoint", endpoint == Endpoint::Completions ? "/v1/completions" : "/v1/chat/completions"},
              {"stream", stream},
              {"status", 200},
              {"finish_reason", g.finishReason},
              {"prompt_tokens", g.promptTokens},
              {"completion_tokens", g.completionTokens},
              {"wait_seconds", g.waitSeconds},
              {"seconds", seconds}});
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

    void handleGeneration(Endpoint endpoint, const httplib::Request &req, httplib::Response &res);
};

void Server::Private::handleGeneration(Endpoint endpoint, const httplib::Request &req, httplib::Response &res)
{
    const auto t0 = std::chrono::steady_clock::now();
    openai::ServeRequest rq;
    std::vector<std::int64_t> ids;
    GenerateSettings s;
    try {
        rq = endpoint == Endpoint::Completions ? openai::parseCompletionsRequest(req.body)
                                               : openai::parseChatRequest(req.body);
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
            ids = engine.encode(prompt);
        } catch (const Error &e) {
            throw ApiError::badField(promptParam, e.message());
        }
        s.maxTokens = rq.maxTokens;
        s.temperature = rq.temperature;
        s.topP = rq.topP;
        s.topK = rq.topK;
        s.repetitionPenalty = rq.repetitionPenalty;
        s.seed = rq.seed.value_or(0);
        s.stop = rq.stop;
        s.ignoreEos = rq.ignoreEos;
        const auto promptTokens = static_cast<std::int64_t>(ids.size());
        if (rq.maxTokens) {
            s.maxTokens = engine.fitToContext(promptTokens, *rq.maxTokens, promptParam);
        } else {   // the default never makes a request fail: it only fills what the context leaves
            const std::int64_t room = engine.contextLength() - promptTokens;
            if (room <= 0)
                engine.fitToContext(promptTokens, 1, promptParam);   // throws: the prompt fills the context
            s.maxTokens = std::min(engine.resolvedMaxTokens(s), room);
        }
    } catch (const ApiError &e) {
        rejected(req, e);
        sendError(res, e);
        return;
    }

    count(&ServerStats::requests);
    count(&ServerStats::active);
    const openai::ResponseInfo info = openai::newResponseInfo(endpoint, options.modelName);

    if (!rq.stream) {
        GenerateOutput g;
        try {
            g = engine.generate(ids, s, {}, &stopping);
        } catch (const std::exception &e) {
            finished(info, endpoint, false, g, secondsSince(t0));
            sendError(res, ApiError(500, std::string("generation failed: ") + e.what()));
            return;
        }
        finished(info, endpoint, false, g, secondsSince(t0));
        if (g.finishReason == "cancelled") {
            sendError(res, ApiError(503, "the server is shutting down", {}, "server_shutting_down"));
            return;
        }
        res.set_content(openai::dumpJson(openai::responseJson(endpoint, info, g.text,
                                                              openai::openAiFinishReason(g.finishReason),
                                                              {g.promptTokens, g.completionTokens})),
                        "application/json");
        return;
    }

    // Streaming: the provider runs after the headers are sent, on this connection's thread, and
    // generates as it writes; a failed write (the client has gone) stops the generation.
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Accel-Buffering", "no");
    res.set_chunked_content_provider(
        "text/event-stream",
        [this, endpoint, info, ids, s, includeUsage = rq.includeUsage, t0](std::size_t, httplib::DataSink &sink) {
            bool clientGone = false;
            auto write = [&](const std::string &text) {
                if (!clientGone && !sink.write(text.data(), text.size()))
                    clientGone = true;
                return !clientGone;
            };
            GenerateOutput g;
            try {
                if (endpoint == Endpoint::ChatCompletions)
                    write(openai::sseEvent(openai::chunkJson(endpoint, info, {}, {}, true)));
                if (!clientGone)
                    g = engine.generate(ids, s, [&](const std::string &piece) {
                        return write(openai::sseEvent(openai::chunkJson(endpoint, info, piece)));
                    }, &stopping);
                else
                    g.finishReason = "cancelled";
            } catch (const std::exception &e) {
                g.finishReason = "error";
                write(openai::sseEvent(openai::errorJson(ApiError(500, std::string("generation failed: ") + e.what()))));
            }
            if (clientGone)
                g.finishReason = "cancelled";
            finished(info, endpoint, true, g, secondsSince(t0));
            if (g.finishReason == "cancelled")
                return false;   // closes the connection
            if (g.finishReason != "error") {
                write(openai::sseEvent(openai::chunkJson(endpoint, info, {}, openai::openAiFinishReason(g.finishReason))));
                if (includeUsage)
                    write(openai::sseEvent(openai::usageChunkJson(endpoint, info, {g.promptTokens, g.completionTokens})));
            }
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

    http.set_pre_routing_handler([this](const httplib::Request &req, httplib::Response &res) {
        if (d->options.apiKey.empty() || req.path.rfind("/v1/", 0) != 0)
            return httplib::Server::HandlerResponse::Unhandled;
        const std::string auth = req.get_header_value("Authorization");
        const std::string bearer = "Bearer ";
        std::string why;
        if (auth.empty())
            why = "no API key given: send the header 'Authorization: Bearer <key>'";
        else if (auth.rfind(bearer, 0) != 0 || !sameSecret(auth.substr(bearer.size()), d->options.apiKey))
            why = "incorrect API key provided";
        if (why.empty())
            return httplib::Server::HandlerResponse::Unhandled;
        const ApiError e(401, why, {}, "invalid_api_key");
        d->rejected(req, e);
        sendError(res, e);
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
                                          {"rejected", s.rejected},
                                          {"active", s.active},
                                          {"completion_tokens", s.completionTokens}}),
                        "application/json");
    });
    http.Post("/v1/completions", [this](const httplib::Request &req, httplib::Response &res) {
        d->handleGeneration(Endpoint::Completions, req, res);
    });
    http.Post("/v1/chat/completions", [this](const httplib::Request &req, httplib::Response &res) {
        d->handleGeneration(Endpoint::ChatCompletions, req, res);
    });

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
