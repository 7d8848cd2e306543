// The Self-Instruct loop's public side: the claim on a run folder, the
// worker threads that make the requests, and run(), which hands kept tasks
// to the caller and reports how the run ended (see run.h). The replay of the
// run folder is in run_replay.cpp, the requests and decisions in
// run_requests.cpp, the shared state in run_private.h.

#include "selfinstruct/run_private.h"

#include "core/error.h"
#include "core/progress.h"
#include "openai/api_error.h"

#include <chrono>
#include <fstream>
#include <thread>

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace sft::selfinstruct {

using nlohmann::json;

namespace {

const char *const kPidFile = "worker.pid";
const char *const kLockFile = "worker.lock";

/** A 4xx that one request's content caused (too long a prompt, a field the server refuses), not the endpoint. */
bool candidateFault(int status) { return status >= 400 && status < 500 && status != 401 && status != 403 && status != 404 && status != 408 && status != 429; }

thread_local std::int64_t t_requestId = -1;

} // namespace

std::string runName(const std::string &runDir)
{
    fs::path p = fs::absolute(fs::path(runDir)).lexically_normal();
    if (p.filename().empty())
        p = p.parent_path();
    return p.filename().string();
}

void Run::Private::worker()
{
    std::unique_lock<std::mutex> lock(mutex);
    for (;;) {
        if (cancel || !fatal.empty())
            break;
        Job job;
        if (!pickJob(job)) {
            if (inflight == 0)
                break;
            cv.wait(lock);
            continue;
        }
        lock.unlock();
        t_requestId = job.id;
        openai::CompletionResult res;
        std::string error;
        int status = 0;
        bool wasCancelled = false;
        try {
            res = backend.complete(job.request, &cancel);
        } catch (const Cancelled &) {
            wasCancelled = true;
        } catch (const openai::RequestError &e) {
            error = e.what();
            status = e.status();
        } catch (const openai::ApiError &e) {   // the local engine refusing a request (a prompt beyond its context)
            error = e.what();
            status = e.status();
        } catch (const std::exception &e) {
            error = e.what();
        }
        t_requestId = -1;
        lock.lock();
        if (wasCancelled) {
            release(job);   // abandoned: a resume makes it again
        } else if (!error.empty() && job.candidate >= 0 && candidateFault(status)) {
            // One candidate's request the server refuses (its prompt is too long, say): that candidate
            // is rejected, the run goes on. Logged, so a resume does not make it again.
            --inflight;
            try {
                failed(job, error, status);
            } catch (const std::exception &e) {
                if (fatal.empty())
                    fatal = e.what();
                cancel = true;
            }
        } else if (!error.empty()) {
            release(job);
            fatal = error;
            cancel = true;
            try {
                emit(json{{"event", "request"}, {"id", job.id}, {"kind", job.kind}, {"ok", false}, {"error", error}});
            } catch (const std::exception &) {
                // events.jsonl cannot be written either: the error still ends the run
            }
        } else {
            --inflight;
            try {
                completed(job, res);
            } catch (const std::exception &e) {
                if (fatal.empty())
                    fatal = e.what();
                cancel = true;
            }
        }
        cv.notify_all();
    }
    --workersAlive;
    cv.notify_all();
}

RunClaim::RunClaim(const std::string &runDir)
{
    const fs::path dir(runDir);
    const fs::path path = dir / kLockFile;
    m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0)
        throw Error("cannot open the run's lock file", Error::Location{path.string(), 0, 0, -1, {}});
    while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR)
            continue;
        const bool busy = errno == EWOULDBLOCK;
        ::close(m_fd);
        m_fd = -1;
        if (busy)
            throw Error("another worker is running this run (it holds worker.lock): stop it first, or wait for it "
                        "to finish",
                        Error::Location{runDir, 0, 0, -1, {}});
        throw Error("cannot lock the run's lock file", Error::Location{path.string(), 0, 0, -1, {}});
    }
    m_pidFile = (dir / kPidFile).string();
    std::ofstream(m_pidFile) << ::getpid() << '\n';
}

RunClaim::~RunClaim()
{
    std::error_code ec;
    if (!m_pidFile.empty())
        fs::remove(m_pidFile, ec);
    if (m_fd >= 0)
        ::close(m_fd);   // releases the lock
}

Run::Run(RunOptions options, openai::CompletionBackend &backend) : d(std::make_unique<Private>(std::move(options), backend))
{
    if (!fs::is_directory(d->dir))
        throw Error("the run folder does not exist", Error::Location{d->opt.runDir, 0, 0, -1, {}});
    // Before anything is read back: a second worker must not replay files the first one is appending to.
    if (!d->opt.claim)
        d->ownClaim = std::make_unique<RunClaim>(d->opt.runDir);
    d->open();
}

Run::~Run() = default;

const RunConfig &Run::config() const { return d->cfg; }

std::vector<KeptTask> Run::keptTasks() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->kept;
}

bool Run::resumed() const { return d->wasResumed; }

void Run::reportRetry(int attempt, double waitS, int status, const std::string &message)
{
    std::lock_guard<std::mutex> lock(d->mutex);
    d->emit(json{{"event", "retry"}, {"request", t_requestId}, {"attempt", attempt}, {"wait_s", waitS},
                 {"status", status}, {"message", message}});
}

RunResult Run::run()
{
    Private &p = *d;

    {
        std::lock_guard<std::mutex> lock(p.mutex);
        p.emit(json{{"event", "start"},
                    {"run", p.opt.runDir},
                    {"resumed", p.wasResumed},
                    {"seeds", std::int64_t(p.seeds.size())},
                    {"pool", p.pool.size()},
                    {"kept", std::int64_t(p.kept.size())},
                    {"pending", std::int64_t(p.pending.size())},
                    {"mode", p.cfg.mode},
                    {"language", p.cfg.language},
                    {"backend", p.backend.describe()}});
        if (p.skipClassify)
            p.emit(json{{"event", "warning"},
                        {"message", "no seed task is marked is_classification: no classification request is made, "
                                    "and every task gets input-first instances"}});
        p.emit(p.progressEvent());
        // Candidates a killed session had already finished but not decided.
        p.decideReady();
    }

    const int n = std::max(1, p.backend.concurrency());
    std::vector<std::thread> threads;
    {
        std::lock_guard<std::mutex> lock(p.mutex);
        p.workersAlive = n;
    }
    for (int i = 0; i < n; ++i)
        threads.emplace_back([&p] { p.worker(); });
    {
        std::unique_lock<std::mutex> lock(p.mutex);
        for (;;) {
            // Kept tasks go to onKept here, on the caller's thread (a workspace connection belongs to it).
            while (!p.toLand.empty()) {
                const KeptTask k = std::move(p.toLand.front());
                p.toLand.pop_front();
                lock.unlock();
                std::string failed;
                try {
                    p.opt.onKept(k);
                } catch (const std::exception &e) {
                    failed = e.what();
                }
                lock.lock();
                if (!failed.empty()) {
                    if (p.fatal.empty())
                        p.fatal = failed;
                    p.cancel = true;
                    p.cv.notify_all();
                }
            }
            if (p.workersAlive == 0)
                break;
            p.cv.wait_for(lock, std::chrono::milliseconds(50));
            if (p.opt.stop && p.opt.stop->load() && !p.stopped) {
                p.stopped = true;
                p.cancel = true;
                p.cv.notify_all();
            }
        }
    }
    for (std::thread &t : threads)
        t.join();

    std::lock_guard<std::mutex> lock(p.mutex);
    if (!p.fatal.empty()) {
        try {
            p.emit(json{{"event", "error"}, {"message", p.fatal}});
        } catch (const std::exception &) {
            // the run's own error is the one to report
        }
        throw Error(p.fatal);
    }
    RunResult r;
    r.kept = std::int64_t(p.kept.size());
    r.requests = p.requests;
    if (p.stopped)
        r.reason = "stopped";
    else if (r.kept >= p.cfg.target)
        r.reason = "target";
    else if (p.cfg.maxRequests > 0 && p.requests >= p.cfg.maxRequests)
        r.reason = "max_requests";
    else if (p.cfg.maxTokens > 0 && p.promptTokens + p.completionTokens >= p.cfg.maxTokens)
        r.reason = "max_tokens";
    else
        r.reason = "exhausted";
    p.emit(json{{"event", "done"}, {"reason", r.reason}, {"kept", r.kept}, {"requests", r.requests}});
    return r;
}

} // namespace sft::selfinstruct
