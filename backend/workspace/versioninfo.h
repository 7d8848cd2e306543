#pragma once
// The versions of what the application runs on that only a running program can
// tell: the SQLite library behind Qt's QSQLITE driver, and the LibTorch the
// worker links (the GUI never links torch, so it asks `sftbench-cli --version`).
// Used by `sftbench --version` and Help ▸ About.

#include <QString>

class QProcess;

namespace sft {

/**
 * The SQLite library version the QSQLITE driver uses ("3.40.1"), from
 * `select sqlite_version()` on a private in-memory connection that is removed
 * again. Empty when the driver is missing or the query fails.
 */
QString sqliteVersion();

/**
 * The LibTorch version in a worker's `--version` output: the word after
 * "LibTorch " at the start of a line, without trailing punctuation ("1.13.0"
 * from "LibTorch 1.13.0, CPU only"; "none" for a worker built without the
 * engine). Empty when no line starts with "LibTorch ".
 */
QString torchVersionFromWorkerOutput(const QString &output);

/**
 * Where a worker's `--version` query stands when it gave no LibTorch version.
 * Pending: not answered yet (only an asynchronous query, Help ▸ About, has
 * this state). None: it answered with a version.
 */
enum class WorkerFailure { None, Pending, NotFound, CannotStart, TimedOut, Crashed, ExitCode, NoVersion };

/**
 * The short English reason a report gives for failure, in the words of the
 * `sftbench --version` LibTorch line: "still checking", "not found", "cannot
 * be started (DETAIL)", "timed out after DETAIL s", "crashed", "exit code
 * DETAIL", "no LibTorch line in its --version output"; empty for None. detail
 * is the QProcess error text, the seconds waited or the exit code.
 */
QString workerFailureReason(WorkerFailure failure, const QString &detail = QString());

/** How a worker's `--version` query ended: its LibTorch version, or why there is none. */
struct WorkerAnswer
{
    QString torchVersion;  ///< empty unless failure is None
    WorkerFailure failure = WorkerFailure::None;
    QString detail;        ///< for workerFailureReason
    QString reason() const { return workerFailureReason(failure, detail); }
};

/**
 * The answer of a `--version` process that has finished, or that failed to
 * start (error() FailedToStart: NotFound when its program is neither a file
 * nor on PATH, else CannotStart). A timeout is the caller's to report: this
 * does not know how long was waited. Reads the process's standard output.
 */
WorkerAnswer workerAnswer(QProcess &process);

/**
 * Runs `program --version`, waits at most timeoutMs, and returns the LibTorch
 * version it prints (see torchVersionFromWorkerOutput). On failure returns an
 * empty string and, when error is not null, sets it to workerFailureReason().
 * Blocks the calling thread; the GUI asks asynchronously instead.
 */
QString workerTorchVersion(const QString &program, int timeoutMs, QString *error = nullptr);

} // namespace sft
