#pragma once
// Who is training a run folder: the worker writes its pid to worker.pid for
// its lifetime; the worker (refusing a second one) and the GUI (status, Stop)
// both ask whether that pid is still this run's worker. Torch-free, Qt-free.

#include <string>
#include <vector>

namespace sft::finetune {

/** The file in a run folder that names the live worker's pid. */
inline constexpr const char *kWorkerPidFile = "worker.pid";

/** The pid in <runDir>/worker.pid; 0 when there is none or it is not a positive number. */
long workerPid(const std::string &runDir);

/** A process's command line (argv) from /proc on Linux; empty where there is none (or elsewhere). */
std::vector<std::string> processCommandLine(long pid);

/**
 * The reason of a "failed" event says the loss or the gradient norm became NaN or infinite (the
 * trainer writes "... became NaN ..." / "... became infinite ..."): resuming would diverge again.
 */
bool isDivergenceReason(const std::string &reason);

/**
 * True when pid is a live process and, on Linux, its command line contains
 * marker (any non-empty command line when marker is empty) and, when runDir is
 * given, the run folder's name: a recycled pid of another program, or the
 * worker of another run, does not count. Other Unix systems: liveness only;
 * elsewhere false.
 */
bool isWorkerProcess(long pid, const std::string &marker, const std::string &runDir = {});

} // namespace sft::finetune
