// Cluster launch scripts (torchrun per node, Slurm sbatch) and the local torchrun
// command line, with every value quoted for the shell (see launch_script.h).

#include "distributed/launch_script.h"

#include "core/error.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <sstream>

namespace sft::distributed {

namespace {

[[noreturn]] void fail(const char *field, const std::string &message)
{
    throw Error(message, {{}, 0, 0, -1, field});
}

bool hasControl(const std::string &s)
{
    for (const char c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return true;
    return false;
}

bool hasSpace(const std::string &s)
{
    for (const char c : s)
        if (std::isspace(static_cast<unsigned char>(c)))
            return true;
    return false;
}

/** Newlines and other control characters would end a script line or a comment. */
void checkPrintable(const char *field, const std::string &value)
{
    if (hasControl(value))
        fail(field, std::string(field) + " contains a newline or another control character");
}

void checkCount(const char *field, int value, int low)
{
    if (value < low)
        fail(field, std::string(field) + " is " + std::to_string(value) + ", less than " + std::to_string(low));
}

/**
 * A program the script runs on every node: an absolute path, or a bare name looked up on
 * PATH. A relative path with a slash would depend on the folder each node starts in.
 */
void checkProgram(const char *field, const std::string &value)
{
    if (value.empty())
        fail(field, std::string(field) + " is empty");
    checkPrintable(field, value);
    if (value.front() != '/' && value.find('/') != std::string::npos)
        fail(field, std::string(field) + " \"" + value
                        + "\" is a relative path: give an absolute one, or a bare name found on PATH");
}

/**
 * A value written on an #SBATCH line as it is. sbatch reads those lines with rules of its own
 * (not the shell's), so the simple values that go there are refused when they hold anything
 * beyond a plain word: whitespace, quotes, backslashes or '#' (which starts a comment).
 */
void checkSbatchWord(const char *field, const std::string &value)
{
    checkPrintable(field, value);
    if (hasSpace(value) || value.find_first_of("'\"\\#") != std::string::npos)
        fail(field, std::string(field) + " \"" + value
                        + "\" cannot go on an #SBATCH line: no spaces, quotes, backslashes or '#'");
}

/** The value as one shell word: single-quoted, a ' inside written as '\''. */
std::string shellQuote(const std::string &value)
{
    std::string out = "'";
    for (const char c : value) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

/**
 * The path of the job's output file as one argument on an #SBATCH line: double-quoted for
 * sbatch (spaces kept), with a backslash before each ", ', \ and # (sbatch's escape, which
 * its old and new parsers both honour inside quotes), and '%' doubled so that Slurm's file
 * name patterns (%j: the job id) leave the folder's own '%' alone.
 */
std::string sbatchOutputPath(const std::string &runDir)
{
    std::string path;
    for (const char c : runDir)
        path += c == '%' ? std::string("%%") : std::string(1, c);
    std::string out = "\"";
    for (const char c : path + "/slurm-%j.out") {
        if (c == '"' || c == '\'' || c == '\\' || c == '#')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

/** `WORKER train --run-dir RUN --auto-resume --quiet --collective-timeout S`, quoted for the shell. */
std::string workerCommand(const ClusterLaunch &l)
{
    std::string s = shellQuote(l.worker) + " train --run-dir " + shellQuote(l.runDir);
    if (!l.baseModel.empty())
        s += " --base-model " + shellQuote(l.baseModel);
    return s + " --auto-resume --quiet --collective-timeout " + std::to_string(l.collectiveTimeoutSeconds);
}

/** "1 node", "2 nodes". */
std::string counted(int n, const char *one, const char *many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

} // namespace

void validate(const ClusterLaunch &l)
{
    checkCount("nodes", l.nodes, 1);
    checkCount("processes_per_node", l.processesPerNode, 1);
    if (l.masterAddr.empty())
        fail("master_addr", "master_addr is empty");
    checkPrintable("master_addr", l.masterAddr);
    if (hasSpace(l.masterAddr))
        fail("master_addr", "master_addr \"" + l.masterAddr + "\" contains a space");
    if (l.masterPort < 1 || l.masterPort > 65535)
        fail("master_port", "master_port is " + std::to_string(l.masterPort) + ", outside 1..65535");
    checkProgram("worker", l.worker);
    checkProgram("torchrun", l.torchrun);
    if (l.runDir.empty())
        fail("run_dir", "run_dir is empty");
    checkPrintable("run_dir", l.runDir);
    if (l.runDir.front() != '/')
        fail("run_dir", "run_dir \"" + l.runDir + "\" is not an absolute path (every node must find the same folder)");
    // A backslash in the output path would turn off Slurm's %j in the job's log file name.
    if (!l.baseModel.empty()) {
        checkPrintable("base_model", l.baseModel);
        if (l.baseModel.front() != '/')
            fail("base_model", "base_model \"" + l.baseModel + "\" is not an absolute path (every node must find the same folder)");
    }
    if (l.runDir.find('\\') != std::string::npos)
        fail("run_dir", "run_dir \"" + l.runDir + "\" contains a backslash");
    if (l.jobName.empty())
        fail("job_name", "job_name is empty");
    checkSbatchWord("job_name", l.jobName);
    checkSbatchWord("partition", l.partition);
    if (l.timeLimit.empty())
        fail("time_limit", "time_limit is empty");
    checkSbatchWord("time_limit", l.timeLimit);
    checkCount("gpus_per_node", l.gpusPerNode, 0);
    checkCount("cpus_per_task", l.cpusPerTask, 0);
    checkCount("collective_timeout", l.collectiveTimeoutSeconds, 1);
}

std::string torchrunScript(const ClusterLaunch &l)
{
    validate(l);
    const std::string master = l.masterAddr + ":" + std::to_string(l.masterPort);
    std::ostringstream s;
    s << "#!/usr/bin/env bash\n"
      << "# Data-parallel fine-tuning of one run folder with torchrun: " << counted(l.nodes, "node", "nodes") << " x "
      << counted(l.processesPerNode, "process", "processes") << ", "
      << counted(l.nodes * l.processesPerNode, "rank", "ranks") << " in all.\n"
      << "#\n"
      << "# Start this script on every node, with NODE_RANK set to the index of the node:\n"
      << "#   NODE_RANK=0 bash this-script   (on " << l.masterAddr << ", which hosts the rendezvous)\n";
    if (l.nodes == 2)
        s << "#   NODE_RANK=1 bash this-script   (on the other node)\n";
    else if (l.nodes > 2)
        s << "#   NODE_RANK=n bash this-script   (on each other node, n = 1 to " << l.nodes - 1 << ")\n";
    s << "# Every node needs:\n"
      << "#   - torchrun as " << l.torchrun << " and the worker as " << l.worker << " (the same on every node);\n"
      << "#   - the run folder " << l.runDir << " on storage that every node mounts at that path;\n"
      << "#   - TCP access to " << master << " and to the other nodes (Gloo / NCCL connections).\n"
      << "# Rank 0 alone writes in the run folder. Starting the script again resumes the run from\n"
      << "# its newest checkpoint (--auto-resume), with the same or another number of processes.\n"
      << "set -euo pipefail\n"
      << "\n"
      << "exec " << shellQuote(l.torchrun) << " \\\n"
      << "    --nnodes " << l.nodes << " --nproc_per_node " << l.processesPerNode << " \\\n"
      << "    --node_rank \"${NODE_RANK:?set NODE_RANK to the index of this node, 0 on the master}\" \\\n"
      << "    --master_addr " << shellQuote(l.masterAddr) << " --master_port " << l.masterPort << " \\\n"
      << "    --no_python " << workerCommand(l) << "\n";
    return s.str();
}

std::string slurmScript(const ClusterLaunch &l)
{
    validate(l);
    std::ostringstream s;
    s << "#!/usr/bin/env bash\n"
      << "#SBATCH --job-name=" << l.jobName << "\n"
      << "#SBATCH --nodes=" << l.nodes << "\n"
      << "#SBATCH --ntasks-per-node=" << l.processesPerNode << "\n";
    if (!l.partition.empty())
        s << "#SBATCH --partition=" << l.partition << "\n";
    if (l.gpusPerNode > 0)
        s << "#SBATCH --gpus-per-node=" << l.gpusPerNode << "\n";
    if (l.cpusPerTask > 0)
        s << "#SBATCH --cpus-per-task=" << l.cpusPerTask << "\n";
    s << "#SBATCH --time=" << l.timeLimit << "\n"
      << "#SBATCH --output=" << sbatchOutputPath(l.runDir) << "\n"
      << "#\n"
      << "# Data-parallel fine-tuning of one run folder: every srun task is one rank (the worker\n"
      << "# reads SLURM_PROCID, SLURM_NTASKS and SLURM_LOCALID). Every node needs the worker at\n"
      << "# " << l.worker << " and the run folder " << l.runDir << " on storage\n"
      << "# that every node mounts at that path; rank 0 alone writes there. Submit with sbatch;\n"
      << "# a requeued or resubmitted job resumes from the newest checkpoint (--auto-resume).\n"
      << "set -euo pipefail\n"
      << "\n"
      << "# The first node of the allocation hosts the rendezvous (rank 0's TCP store). sed reads\n"
      << "# the whole list, so a long one cannot end scontrol with SIGPIPE (a failure under pipefail).\n"
      << "MASTER_ADDR=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | sed -n 1p)\n"
      << "export MASTER_ADDR=\"${MASTER_ADDR:?scontrol gave no host name for SLURM_JOB_NODELIST}\"\n"
      << "export MASTER_PORT=" << l.masterPort << "\n";
    if (l.cpusPerTask > 0)
        s << "# One thread pool per rank, the size of the task's CPUs.\n"
          << "export OMP_NUM_THREADS=" << l.cpusPerTask << "\n";
    s << "\n"
      << "# --kill-on-bad-exit: a rank that dies ends the whole step instead of leaving the others waiting.\n"
      << "exec srun --kill-on-bad-exit=1";
    // Recent Slurm releases do not pass the job's --cpus-per-task on to srun by themselves.
    if (l.cpusPerTask > 0)
        s << " --cpus-per-task=" << l.cpusPerTask;
    s << " \\\n    " << workerCommand(l) << "\n";
    return s.str();
}

std::vector<std::string> localTorchrunArguments(int processes, int port, const std::string &worker,
                                                const std::string &runDir, bool resume)
{
    std::vector<std::string> args = {"--nproc_per_node", std::to_string(processes),
                                     "--nnodes", "1",
                                     "--master_addr", "127.0.0.1",
                                     "--master_port", std::to_string(port),
                                     "--redirects", "2",
                                     "--tee", "2",
                                     "--no_python", worker,
                                     "train", "--run-dir", runDir};
    if (resume)
        args.emplace_back("--resume");
    args.emplace_back("--quiet");
    return args;
}

int freeLocalPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    // The wildcard address, as torchrun's agent store binds it: a port some program holds on any
    // address of this machine is not offered.
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = 0;
    int port = 0;
    socklen_t len = sizeof(addr);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

} // namespace sft::distributed
