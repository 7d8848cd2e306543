// sftbench-cli serve: an OpenAI-compatible HTTP server on a model folder (and
// optionally a fine-tuning run's result). Prints one JSON line
// {"event":"listening","host":..,"port":..} on stdout when it accepts
// connections, one {"event":"request",..} line per answered generation
// request, and {"event":"stopped"} after SIGINT / SIGTERM, which stop it
// cleanly (running generations are cancelled, exit code 0).
//
// The API key comes from --api-key or, when that is not given, from the
// environment variable SFTBENCH_API_KEY (preferred: a command line is visible
// to every user of the machine in `ps`). Neither is ever printed.

#include "cli/command.h"
#include "cli/model_options.h"

#include "core/args.h"
#include "core/error.h"
#include "serve/engine_completion.h"
#include "serve/server.h"

#include <nlohmann/json.hpp>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <thread>

using nlohmann::json;

namespace sft::cli {

namespace {

int g_stopPipe[2] = {-1, -1};

void onServeStopSignal(int)
{
    const char c = 1;
    if (::write(g_stopPipe[1], &c, 1) < 0) {
    }
}

} // namespace

int runServe(const Args &args)
{
    ArgParser p("serve");
    p.option("model", "model folder (config.json, *.safetensors, tokenizer.json)")
#ifdef SFT_HAVE_FINETUNE
        .option("adapter", "a fine-tuning run folder (or its final/ or a checkpoint): serve its result")
#endif
        .option("host", "address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface)", "127.0.0.1")
        .option("port", "TCP port; 0 = a free one (the listening line says which)", "8080")
        .option("api-key", "require \"Authorization: Bearer KEY\" on /v1/* (default: $SFTBENCH_API_KEY, else no key; "
                           "prefer the variable, a command line shows in ps)")
        .option("served-model-name", "the model id in /v1/models and requests (default: the folder's name)")
        .option("max-body-bytes", "larger request bodies are refused with 413", "4194304")
        .option("threads", "connections served at once (generation itself runs one at a time)", "32");
    addModelOptions(p);
    p.parse(args);
    if (p.helpRequested()) {
        std::cout << p.usage()
                  << "\nEndpoints: GET /v1/models, POST /v1/completions, POST /v1/chat/completions (\"stream\": true\n"
                     "for server-sent events), GET /health. Unknown request fields are refused with 400.\n"
                     "Limits: one generation at a time (others wait in an unbounded queue); --threads connections\n"
                     "at once; a client sending slowly holds a thread while it sends. The server is meant for this\n"
                     "machine: before --host 0.0.0.0, set a key and put a reverse proxy (nginx, Caddy) in front\n"
                     "that limits connections, rates and request time.\n";
        return 0;
    }
    serve::EngineOptions eo;
    eo.modelDir = p.required("model");
    const model::LoadOptions load = modelLoadOptions(p);
    eo.device = load.device;
    eo.dtype = load.dtype;
    eo.ropeScaling = load.ropeScaling;
#ifdef SFT_HAVE_FINETUNE
    eo.adapter = p.value("adapter");
#endif
    serve::ServerOptions so;
    so.host = p.value("host");
    so.port = static_cast<int>(p.integer("port"));
    so.apiKey = p.value("api-key");
    if (so.apiKey.empty())   // --api-key wins over the environment
        if (const char *env = std::getenv("SFTBENCH_API_KEY"))
            so.apiKey = env;
    so.modelName = p.value("served-model-name");
    so.threads = static_cast<int>(p.integer("threads"));
    if (so.port < 0 || so.port > 65535)
        throw Error("--port must be between 0 and 65535");
    if (p.integer("max-body-bytes") < 1024)
        throw Error("--max-body-bytes must be at least 1024");
    so.maxBodyBytes = static_cast<std::size_t>(p.integer("max-body-bytes"));
    if (so.threads < 1)
        throw Error("--threads must be >= 1");

    // SIGINT / SIGTERM only write a byte to a pipe (the one async-signal-safe thing to do, whichever
    // thread the signal lands on: libraries start threads of their own before main); a watcher thread
    // reads it and stops the server as ordinary code. A client that goes away must not kill the
    // server with SIGPIPE.
    ::signal(SIGPIPE, SIG_IGN);
    if (::pipe(g_stopPipe) != 0)
        throw Error("cannot create a pipe for signal handling");
    struct sigaction sa = {};
    sa.sa_handler = onServeStopSignal;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);

    serve::EngineCompletion engine(eo);
    serve::Server server(engine, so);
    std::mutex outMutex;
    auto print = [&](const json &j) {
        std::lock_guard<std::mutex> lock(outMutex);
        std::cout << j.dump(-1, ' ', false, json::error_handler_t::replace) << std::endl;
    };
    server.setLog(print);
    const int port = server.bind();

    std::atomic<bool> runReturned{false};
    std::thread watcher([&] {
        char c = 0;
        while (::read(g_stopPipe[0], &c, 1) < 0 && errno == EINTR) {
        }
        // A signal during start-up arrives before the server runs: stop until run() has returned.
        while (!runReturned) {
            server.stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    print({{"event", "listening"},
           {"host", so.host},
           {"port", port},
           {"model", engine.options().modelDir},
           {"adapter", engine.options().adapter},
           {"context_length", engine.contextLength()},
           {"rope_scaling", ropeScalingJson(engine.modelConfig())},
           {"chat_template", engine.chatTemplateName()},
           {"device", engine.device()},
           {"dtype", engine.dtype()},
           {"api_key", !so.apiKey.empty()}});
    server.run();
    runReturned = true;
    const char wake = 0;
    if (::write(g_stopPipe[1], &wake, 1) < 0) {   // wakes the watcher when the server stopped on its own
    }
    watcher.join();
    print({{"event", "stopped"}, {"requests", server.stats().requests}});
    return 0;
}

} // namespace sft::cli
