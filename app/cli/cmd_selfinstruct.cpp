// sftbench-cli self-instruct: the Self-Instruct worker (selfinstruct/run.h)
// on a local model folder or an OpenAI-compatible endpoint, landing kept
// tasks in a workspace dataset as pending records when asked to.

#include "cli/command.h"

#include "core/args.h"
#include "core/error.h"
#include "core/file_io.h"
#include "openai/client.h"
#include "selfinstruct/run.h"
#include "selfinstruct/run_files.h"

#ifdef SFT_HAVE_LOCAL_COMPLETION
#include "serve/engine_completion.h"
#endif
#ifdef SFT_HAVE_WORKSPACE
#include "workspace/qtstrings.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QSqlQuery>
#endif

#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

namespace fs = std::filesystem;

namespace sft::cli {

namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signals{0};

// First signal: stop after the bookkeeping of what is in flight. Second: leave now.
extern "C" void onSelfInstructSignal(int)
{
    if (g_signals.fetch_add(1) > 0)
        std::_Exit(130);
    g_stop = true;
}

/** One line per event for a person (without --json). */
void printHuman(const nlohmann::json &ev)
{
    const std::string e = ev.value("event", std::string());
    if (e == "start") {
        std::printf("%s run %s: %lld seeds, pool %lld, %s\n", ev.value("resumed", false) ? "resuming" : "starting",
                    ev.value("run", std::string()).c_str(), (long long)ev.value("seeds", 0LL),
                    (long long)ev.value("pool", 0LL), ev.value("backend", std::string()).c_str());
    } else if (e == "request" && !ev.value("ok", true)) {
        std::printf("request %lld (%s) failed: %s\n", (long long)ev.value("id", 0LL), ev.value("kind", std::string()).c_str(),
                    ev.value("error", std::string()).c_str());
    } else if (e == "retry") {
        std::printf("request %lld: retry %d in %.1f s (%s)\n", (long long)ev.value("request", 0LL), ev.value("attempt", 0),
                    ev.value("wait_s", 0.0), ev.value("message", std::string()).c_str());
    } else if (e == "candidate") {
        std::printf("%s #%lld %s%s%s\n", ev.value("kept", false) ? "kept    " : "rejected", (long long)ev.value("id", 0LL),
                    ev.value("instruction", std::string()).c_str(), ev.value("kept", false) ? "" : "  -- ",
                    ev.value("reason", std::string()).c_str());
    } else if (e == "done") {
        std::printf("done (%s): %lld kept, %lld requests\n", ev.value("reason", std::string()).c_str(),
                    (long long)ev.value("kept", 0LL), (long long)ev.value("requests", 0LL));
    } else if (e == "error") {
        std::printf("error: %s\n", ev.value("message", std::string()).c_str());
    } else if (e == "warning") {
        std::printf("warning: %s\n", ev.value("message", std::string()).c_str());
    }
    std::fflush(stdout);
}

void printJson(const nlohmann::json &ev)
{
    std::cout << ev.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    std::cout.flush();
}

std::unique_ptr<openai::CompletionBackend> makeBackend(const selfinstruct::BackendConfig &b, openai::OpenAiClient **client)
{
    *client = nullptr;
    if (b.kind == "local") {
#ifdef SFT_HAVE_LOCAL_COMPLETION
        serve::EngineOptions o;
        o.modelDir = b.model;
        o.adapter = b.adapter;
        o.device = b.device;
        o.dtype = b.dtype;
        return std::make_unique<serve::EngineCompletion>(o);
#else
        throw Error("this sftbench-cli was built without the model engine: use an OpenAI-compatible endpoint");
#endif
    }
    openai::OpenAiClientOptions o;
    o.baseUrl = b.baseUrl;
    o.model = b.model;
    o.api = b.api;
    o.apiKeyEnv = b.apiKeyEnv;
    o.timeoutS = b.timeoutS;
    o.concurrency = b.concurrency;
    o.maxRetries = b.maxRetries;
    auto c = std::make_unique<openai::OpenAiClient>(o);
    *client = c.get();
    return c;
}

#ifdef SFT_HAVE_WORKSPACE
// QtSql loads its driver as a plugin, which wants an application object.
struct App
{
    int argc = 1;
    char name[16] = "sftbench-cli";
    char *argv[2] = {name, nullptr};
    QCoreApplication app{argc, argv};
};

/**
 * Lands kept tasks in a dataset: one pending record per instance, source
 * "self-instruct:<run>#<candidate>", all of a task in one transaction.
 * landed.jsonl in the run folder lists what was landed where, so a resume
 * adds what a killed session had kept but not landed, and nothing twice
 * (the records of the one task a kill may have caught between the insert and
 * its landed.jsonl line are found by their source).
 */
class Landing
{
public:
    Landing(const std::string &runDir, const std::string &workspace, const std::string &dataset)
        : m_ledger(fs::path(runDir) / "landed.jsonl"), m_workspacePath(fs::absolute(workspace).lexically_normal().string()),
          m_datasetName(dataset), m_prefix("self-instruct:" + selfinstruct::runName(runDir) + "#")
    {
        m_ws = Workspace::open(qs(workspace), Workspace::OpenMode::Create);
        m_dataset = m_ws->findOrCreateDataset(qs(dataset));
        std::ifstream in(m_ledger);
        std::string line;
        while (std::getline(in, line)) {
            try {
                const auto j = nlohmann::json::parse(line);
                if (j.value("workspace", std::string()) == m_workspacePath && j.value("dataset", std::string()) == m_datasetName)
                    m_landed.insert(j.value("candidate", std::int64_t(-1)));
            } catch (const nlohmann::json::exception &) {
                // a line cut by a kill: its task is checked against the workspace below
            }
        }
        in.close();
        // Lines are appended after it: a fragment a kill left must not swallow the next one.
        terminateLastLine(m_ledger.string());
        m_ledgerOut = std::make_unique<selfinstruct::AppendFile>(m_ledger);
    }

    /** Lands the kept tasks of earlier sessions that are not in the dataset yet. */
    void reconcile(const std::vector<selfinstruct::KeptTask> &kept)
    {
        std::set<std::string> present;
        bool loaded = false;
        for (const auto &k : kept) {
            if (m_landed.count(k.id))
                continue;
            if (!loaded) {
                QSqlQuery q(m_ws->db());
                q.prepare(QStringLiteral("SELECT DISTINCT source FROM records WHERE dataset_id = ? AND substr(source, 1, ?) = ?"));
                q.addBindValue(m_dataset);
                q.addBindValue(qs(m_prefix).size());
                q.addBindValue(qs(m_prefix));
                if (!q.exec())
                    throw Error("cannot read the dataset's records", Error::Location{m_workspacePath, 0, 0, -1, {}});
                while (q.next())
                    present.insert(ss(q.value(0).toString()));
                loaded = true;
            }
            if (present.count(source(k.id)))
                markLanded(k.id);
            else
                land(k);
        }
    }

    void land(const selfinstruct::KeptTask &k)
    {
        std::vector<Record> records;
        for (const auto &in : k.instances) {
            Record r;
            r.instruction = k.instruction;
            r.input = in.input;
            r.output = in.output;
            r.status = RecordStatus::Pending;
            r.source = source(k.id);
            records.push_back(std::move(r));
        }
        if (!records.empty())
            m_ws->addRecords(m_dataset, records);
        markLanded(k.id);
    }

private:
    std::string source(std::int64_t id) const { return m_prefix + std::to_string(id); }
    void markLanded(std::int64_t id)
    {
        m_landed.insert(id);
        m_ledgerOut->append(nlohmann::json{{"candidate", id}, {"workspace", m_workspacePath}, {"dataset", m_datasetName}});
    }

    fs::path m_ledger;
    std::unique_ptr<selfinstruct::AppendFile> m_ledgerOut;
    std::string m_workspacePath, m_datasetName, m_prefix;
    std::unique_ptr<Workspace> m_ws;
    qint64 m_dataset = 0;
    std::set<std::int64_t> m_landed;
};
#endif

} // namespace

int runSelfInstruct(const Args &args)
{
    ArgParser p("self-instruct");
    p.option("run", "run folder (config.json, seeds.jsonl, events.jsonl, requests.jsonl, candidates.jsonl)")
        .option("config", "a new run's config JSON (copied into the run folder with its defaults; resume without it)")
        .option("workspace", "workspace file to land kept tasks in, as pending records")
        .option("dataset", "dataset of --workspace (created when missing)")
        .flag("json", "print every event as one JSON line on stdout (they always go to events.jsonl)");
    p.parse(args);
    if (p.helpRequested()) {
        std::cout << p.usage()
                  << "\nThe API key of an endpoint is read from the environment variable named by backend.api_key_env\n"
                     "(default SFTBENCH_API_KEY), never from the config or the command line.\n"
                     "SIGTERM or SIGINT: stop (requests in flight are dropped; resume makes them again), exit 0.\n"
                     "Exit codes: 0 done or stopped, 1 error.\n";
        return 0;
    }
    const std::string runDir = p.required("run");
    const bool json = p.isSet("json");
    const auto print = json ? printJson : printHuman;
    bool runReported = false;
    bool othersRun = false;
    try {
        if (p.has("workspace") != p.has("dataset"))
            throw Error("self-instruct: --workspace and --dataset go together");
#ifndef SFT_HAVE_WORKSPACE
        if (p.has("workspace"))
            throw Error("this sftbench-cli was built without workspace support (Qt)");
#endif
        selfinstruct::RunConfig cfg = p.has("config") ? selfinstruct::prepareRunFolder(runDir, p.required("config"))
                                                      : selfinstruct::readRunConfig(runDir);
        std::signal(SIGTERM, onSelfInstructSignal);
        std::signal(SIGINT, onSelfInstructSignal);
        std::signal(SIGPIPE, SIG_IGN);   // a closed stdout must not kill the run: events.jsonl still gets everything

        // Claimed before the model loads (which can take minutes): a GUI opened meanwhile sees the worker
        // (worker.pid, and a "loading" event after any earlier session's "done") and can stop it.
        std::unique_ptr<selfinstruct::RunClaim> claimHolder;
        try {
            claimHolder = std::make_unique<selfinstruct::RunClaim>(runDir);
        } catch (...) {
            othersRun = true;   // the folder's events belong to the worker that holds it
            throw;
        }
        const selfinstruct::RunClaim &claim = *claimHolder;
        {
            const nlohmann::json ev{{"event", "loading"}, {"backend", cfg.backend.kind}};
            const fs::path events = fs::path(runDir) / "events.jsonl";
            terminateLastLine(events.string());
            selfinstruct::AppendFile(events).append(ev);
            if (json)
                printJson(ev);
        }
        openai::OpenAiClient *client = nullptr;
        std::unique_ptr<openai::CompletionBackend> backend = makeBackend(cfg.backend, &client);
#ifdef SFT_HAVE_WORKSPACE
        std::unique_ptr<App> app;
        std::unique_ptr<Landing> landing;
        if (p.has("workspace")) {
            app = std::make_unique<App>();
            landing = std::make_unique<Landing>(runDir, p.required("workspace"), p.required("dataset"));
        }
#endif
        selfinstruct::RunOptions o;
        o.runDir = runDir;
        o.claim = &claim;
        o.stop = &g_stop;
        o.onEvent = print;
#ifdef SFT_HAVE_WORKSPACE
        if (landing)
            o.onKept = [&landing](const selfinstruct::KeptTask &k) { landing->land(k); };
#endif
        selfinstruct::Run run(o, *backend);
        if (client)
            client->setRetryCallback([&run](const openai::RetryInfo &r) {
                run.reportRetry(r.attempt, r.waitS, r.status, r.message);
            });
#ifdef SFT_HAVE_WORKSPACE
        if (landing)
            landing->reconcile(run.keptTasks());
#endif
        runReported = true;   // from here the run reports its own errors
        run.run();
        return 0;
    } catch (const Cancelled &) {
        return 0;
    } catch (const std::exception &e) {
        if (!runReported) {
            const nlohmann::json ev{{"event", "error"}, {"message", e.what()}};
            if (!othersRun && fs::is_directory(runDir)) {
                try {
                    const fs::path events = fs::path(runDir) / "events.jsonl";
                    terminateLastLine(events.string());
                    selfinstruct::AppendFile(events).append(ev);
                } catch (const std::exception &) {
                    // the log cannot be written either: the error still reaches stderr
                }
            }
            if (json)
                printJson(ev);
        }
        throw;
    }
}

} // namespace sft::cli
