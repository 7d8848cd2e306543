// worker.pid and worker liveness.

#include "finetune/run_folder.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>

#if defined(__unix__) || defined(__APPLE__)
#include <cerrno>
#include <csignal>
#include <sys/types.h>
#define SFT_RUN_FOLDER_UNIX 1
#endif

namespace fs = std::filesystem;

namespace sft::finetune {

long workerPid(const std::string &runDir)
{
    std::ifstream in(fs::path(runDir) / kWorkerPidFile);
    long pid = 0;
    return (in >> pid) && pid > 0 ? pid : 0;
}

std::vector<std::string> processCommandLine(long pid)
{
    std::vector<std::string> args;
#ifdef __linux__
    std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
    std::string arg;
    while (std::getline(in, arg, '\0'))
        args.push_back(arg);
#else
    (void)pid;
#endif
    return args;
}

bool isDivergenceReason(const std::string &reason)
{
    return reason.find(" became ") != std::string::npos;
}

bool isWorkerProcess(long pid, const std::string &marker, const std::string &runDir)
{
#ifdef SFT_RUN_FOLDER_UNIX
    if (pid <= 0 || pid > std::numeric_limits<pid_t>::max())
        return false;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM)
        return false;
#ifdef __linux__
    // A zombie has an empty command line; a recycled pid has another one.
    std::string text;
    for (const std::string &arg : processCommandLine(pid))
        text += arg + ' ';
    if (!runDir.empty()) {
        const std::string id = fs::absolute(runDir).lexically_normal().filename().string();
        if (text.find(id) == std::string::npos)
            return false;
    }
    return marker.empty() ? !text.empty() : text.find(marker) != std::string::npos;
#else
    (void)marker;
    (void)runDir;
    return true;
#endif
#else
    (void)pid;
    (void)marker;
    (void)runDir;
    return false;
#endif
}

} // namespace sft::finetune
